"""Every file in ../shared/realworld (see its INDEX.md), written by real programs and people, read as the right
tree or list of trees: counts, authors and depths per file, parents where they were checked by hand against the
file. Files of the formats other readers own (unsupported/, flat/, datasets/) are only required to open here;
their own tests assert their trees."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from paths import REALWORLD

from thread_explorer.core.collection import Collection, ListCollection
from thread_explorer.core.errors import InputError
from thread_explorer.core.load import open_input_as
from thread_explorer.core.model import Kind, Thread


class One(NamedTuple):
    """One thread: the format that read it, comments, top-level comments, placeholders for missing parents,
    not-loaded stubs and the replies they stand for, distinct authors, depth, the first comment's author."""

    format: str
    comments: int
    top_level: int
    placeholders: int
    not_loaded: int
    not_loaded_replies: int
    authors: int
    max_depth: int
    first_author: str | None


class Many(NamedTuple):
    """A list of threads: the format, how many, and their comments and placeholders in all."""

    format: str
    threads: int
    comments: int
    placeholders: int


EXPECTED: dict[str, One | Many] = {
    "eml/mbox-attachment.eml": One(
        "mbox", 1, 1, 0, 0, 0, 1, 1, "David Bremner"
    ),  # a "From " line: an mbox of one
    "eml/notmuch_lkml_single_message.eml": One("eml", 1, 0, 1, 0, 0, 1, 2, "Randy Dunlap"),
    "hn/algolia_items_8828543_communal.json": One("hackernews", 104, 25, 0, 0, 0, 68, 6, "silbak04"),
    "hn/algolia_search_hits_communal.json": Many("hackernews", 4, 0, 0),  # 4 story hits, comments not loaded
    "hn/circumflex_comments_hnpwa.json": One("hackernews", 2170, 237, 0, 0, 0, 1226, 4, "dang"),
    # circumflex's cache keeps no parent ids: a flat list, said in a note
    "hn/circumflex_thread-48849066.json.gz": One("json", 1079, 1079, 0, 0, 0, 665, 1, "system2"),
    "hn/derived_algolia_from_hnpwa_25015967.json": One("hackernews", 2170, 237, 0, 0, 0, 1226, 4, "dang"),
    "hn/derived_firebase_from_hnpwa_25015967.json": One("hackernews", 2170, 237, 0, 0, 0, 1226, 4, "dang"),
    "hn/derived_hn_47336100_comments_only.jsonl": One("hackernews", 26, 0, 1, 10, 24, 25, 2, "spudlyo"),
    "hn/derived_hn_47336100_sorted_by_id.json": One("hackernews", 26, 26, 0, 10, 24, 25, 1, "spudlyo"),
    "hn/derived_hn_mixed_types_list.json": Many("hackernews", 4, 4, 1),  # story, job, poll, orphan comment
    "hn/hn_firebase_47336100.json": One("hackernews", 26, 26, 0, 10, 24, 25, 1, "spudlyo"),
    "hn/hn_firebase_47336100.jsonl": One("hackernews", 26, 26, 0, 10, 24, 25, 1, "spudlyo"),
    "hn/hn_firebase_dropbox_8863.json": One("hackernews", 4, 4, 0, 3, 3, 4, 1, "BrandonM"),
    "hn/hn_firebase_mixed_types.jsonl": Many("hackernews", 4, 4, 1),
    "mbox/naked-cover-bugreport.mbox": One("mbox", 2, 1, 0, 0, 0, 2, 2, "Bug Reporter"),
    "mbox/naked-cover-single.mbox": One("mbox", 2, 1, 0, 0, 0, 1, 2, "Test Author"),
    "mbox/notmuch_default.mbox": One("mbox", 53, 24, 1, 0, 0, 17, 5, "Mikhail Gusarov"),
    "mbox/notmuch_duplicate.mbox": One("mbox", 9, 2, 6, 0, 0, 3, 2, "Anton Gladky"),
    "mbox/notmuch_lkml.mbox": One(
        "mbox", 210, 28, 3, 0, 0, 44, 25, "Stefan Schmidt"
    ),  # 23 placeholders before
    "mbox/notmuch_misc_edgecases.mbox": One("mbox", 36, 33, 2, 0, 0, 10, 2, "David Bremner"),
    "mbox/notmuch_threading.mbox": One("mbox", 12, 3, 2, 0, 0, 5, 4, "Gregor Zattler"),
    "mbox/shazam-git1-just-series.mbox": One("mbox", 5, 1, 0, 0, 0, 1, 2, "Konstantin Ryabitsev"),
    "mbox/shazam-git1-with-link.mbox": One("mbox", 5, 1, 0, 0, 0, 1, 2, "Konstantin Ryabitsev"),
    "mbox/trailers-followup-already-present.mbox": One("mbox", 3, 1, 0, 0, 0, 3, 2, "Francis Laniel"),
    "mbox/trailers-followup-bare-address.mbox": One("mbox", 4, 1, 0, 0, 0, 4, 3, "Test Test"),
    "mbox/trailers-followup-custody.mbox": One("mbox", 3, 1, 0, 0, 0, 3, 3, "Test Test"),
    "mbox/trailers-followup-htmljunk.mbox": One("mbox", 2, 1, 0, 0, 0, 2, 2, "Test Test"),
    "mbox/trailers-followup-name-parens.mbox": One("mbox", 6, 1, 0, 0, 0, 6, 3, "Test Test"),
    "mbox/trailers-followup-non-git-patch-with-comments.mbox": One("mbox", 2, 1, 0, 0, 0, 2, 2, "Test Test"),
    "mbox/trailers-followup-non-git-patch.mbox": One("mbox", 2, 1, 0, 0, 0, 2, 2, "Test Test"),
    "mbox/trailers-followup-nore.mbox": One("mbox", 2, 1, 0, 0, 0, 2, 2, "Test Test"),
    "mbox/trailers-followup-partial-reroll.mbox": One("mbox", 6, 1, 0, 0, 0, 2, 3, "Test Test"),
    "mbox/trailers-followup-single.mbox": One("mbox", 4, 1, 0, 0, 0, 4, 3, "Test Test"),
    "mbox/trailers-followup-stripped-lines.mbox": One("mbox", 2, 1, 0, 0, 0, 2, 2, "Test Test"),
    "mbox/trailers-followup-with-cover.mbox": One("mbox", 5, 1, 0, 0, 0, 2, 3, "Test Test"),
    "mbox/trailers-followup-with-diffstat.mbox": One("mbox", 2, 1, 0, 0, 0, 2, 2, "Test Test"),
    "mbox/trailers-thread-with-cover-followup.mbox": One("mbox", 7, 1, 0, 0, 0, 3, 3, "Konstantin Ryabitsev"),
    "mbox/trailers-thread-with-followups.mbox": One("mbox", 6, 1, 0, 0, 0, 2, 3, "Konstantin Ryabitsev"),
    "reddit/derived_morechildren_as_listing.json": One("reddit", 96, 76, 0, 37, 340, 76, 3, "CominHome"),
    "reddit/praw/praw_TestCommentForest.test_comment_forest_refresh_error__2.json": One(
        "reddit", 1, 1, 0, 2, 8670, 1, 1, "sweatybeard"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all__1.json": One(
        "reddit", 476, 137, 0, 18, 61, 387, 10, "johnnwho"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all__14.json": One(
        "reddit", 2, 0, 1, 0, 0, 2, 3, "Fresh_Bulgarian_Miak"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all__15.json": One(
        "reddit", 2, 0, 1, 0, 0, 1, 3, "kgbanarchy"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all__16.json": One(
        "reddit", 2, 0, 1, 0, 0, 1, 3, "[deleted]"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all__17.json": One(
        "reddit", 2, 0, 1, 0, 0, 2, 3, "nahfoo"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all__18.json": One(
        "reddit", 3, 0, 1, 0, 0, 2, 4, "bigted41"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all__19.json": One(
        "reddit", 3, 0, 1, 0, 0, 3, 4, "eXplicits"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all_large__1.json": One(
        "reddit", 485, 122, 0, 177, 1060, 341, 10, "marcman84"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all_large__234.json": One(
        "reddit", 2, 0, 1, 0, 0, 1, 3, "alienth"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all_large__235.json": One(
        "reddit", 2, 0, 1, 0, 0, 1, 3, "[deleted]"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__all_large__236.json": One(
        "reddit", 2, 0, 1, 0, 0, 2, 3, "Penciller"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__on_direct_comment__2.json": One(
        "reddit", 145, 1, 0, 1, 0, 130, 10, "THE_GREAT_SHAZBOT"
    ),
    "reddit/praw/praw_TestCommentForest.test_replace__on_direct_comment__3.json": One(
        "reddit", 2, 0, 1, 0, 0, 2, 3, "KingKamehamehaWave"
    ),
    "reddit/rtv_test_content_flatten_comments_2__0.json": One(
        "reddit", 198, 166, 0, 149, 10524, 151, 3, "ztw1341"
    ),
    "reddit/rtv_test_content_flatten_comments_2__1.json": One("reddit", 98, 95, 0, 48, 9867, 87, 4, "Addyct"),
    "reddit/rtv_test_content_flatten_comments__0.json": One(
        "reddit", 199, 67, 0, 127, 1232, 132, 10, "Saend"
    ),
    "reddit/rtv_test_content_flatten_comments__1.json": One("reddit", 96, 76, 0, 37, 340, 76, 3, "CominHome"),
    "reddit/rtv_test_content_submission__0.json": One(
        "reddit", 45, 20, 0, 0, 0, 24, 6, "civilization_phaze_3"
    ),
    "reddit/rtv_test_content_submission_load_more_comments__0.json": One(
        "reddit", 199, 60, 0, 192, 8172, 104, 10, "ForgetMeMot"
    ),
    "reddit/rtv_test_content_submission_load_more_comments__1.json": One(
        "reddit", 100, 34, 0, 69, 4075, 63, 8, "[deleted]"
    ),
    "reddit/rtv_test_submission_page_construct__0.json": One(
        "reddit", 45, 20, 0, 0, 0, 24, 6, "civilization_phaze_3"
    ),
    "reddit/rtv_user-comments__0.json": Many(
        "reddit", 28, 100, 85
    ),  # one thread per post; parents not listed
}

# (child, parent) pairs read off the files by hand: ids of comments, or Message-IDs for mail.
PARENTS: dict[str, list[tuple[str, str]]] = {
    "reddit/rtv_test_content_submission__0.json": [("cp1k61m", "cp1h67d"), ("cp1ry2g", "cp1k61m")],
    "hn/algolia_items_8828543_communal.json": [("8829722", "8829208"), ("8829731", "8829500")],
    "hn/hn_firebase_dropbox_8863.json": [("more-9224", "9224")],  # 9224's kid 9272 is not in the file
    "hn/derived_hn_47336100_comments_only.jsonl": [("47366824", "missing-47336100")],
    "mbox/notmuch_threading.mbox": [
        ("<B01-child@example.org>", "<B00-root@example.org>"),
        ("<001-grand-child@example.org>", "<001-child@example.org>"),
    ],
    "mbox/notmuch_lkml.mbox": [
        ("<4C24A606.5040001@suse.de>", "<9822.1277312573@redhat.com>"),  # its In-Reply-To is a Gmane rewrite
        ("<9603.1277311877@redhat.com>", "<1277220189-3485-1-git-send-email-sjayaraman@suse.de>"),
    ],
    "mbox/trailers-thread-with-followups.mbox": [
        (
            "<20221025-test1-v1-1-e4f28f57990c@linuxfoundation.org>",
            "<20221025-test1-v1-0-e4f28f57990c@linuxfoundation.org>",
        ),
        (
            "<20221025-test1-v1-4-e4f28f57990c@linuxfoundation.org>",
            "<20221025-test1-v1-0-e4f28f57990c@linuxfoundation.org>",
        ),
    ],
}

OPEN_ONLY = (
    "unsupported/",
    "flat/",
    "datasets/",
)  # other readers' files: they must open (or refuse in a line)


def every_file() -> list[str]:
    return sorted(
        str(p.relative_to(REALWORLD)) for p in REALWORLD.rglob("*") if p.is_file() and p.name != "INDEX.md"
    )


pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is not here")


def test_every_file_has_an_expectation() -> None:
    files = every_file()
    mine = [f for f in files if not f.startswith(OPEN_ONLY)]
    assert sorted(EXPECTED) == mine
    assert len(files) > len(mine) > 60


def _key(comment: object, name: str) -> str:
    meta = getattr(comment, "meta", {})
    return (
        str(meta.get("message_id"))
        if name.endswith((".mbox", ".eml")) and meta.get("message_id")
        else comment.id
    )  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reads_as_the_right_tree(name: str) -> None:
    opened, fmt = open_input_as(str(REALWORLD / name))
    expected = EXPECTED[name]
    assert fmt == expected.format
    if isinstance(expected, Many):
        assert isinstance(opened, ListCollection)
        stats = [t.stats() for t in opened.threads]
        assert (len(opened.threads), sum(s["comments"] for s in stats), sum(s["placeholders"] for s in stats)) == (
            expected.threads, expected.comments, expected.placeholders,
        )  # fmt: skip
        return
    assert isinstance(opened, Thread)
    stats = opened.stats()
    got = One(
        fmt, stats["comments"], stats["top_level"], stats["placeholders"], stats["not_loaded"],
        stats["not_loaded_replies"], stats["authors"], stats["max_depth"],
        next((c.author for c in opened.walk() if not c.placeholder), None),
    )  # fmt: skip
    assert got == expected
    comments = list(opened.walk())
    assert len({id(c) for c in comments}) == len(comments)  # every record once
    assert all(c.parent is None or c in c.parent.replies for c in comments)
    assert all(c.kind != Kind.MORE or c.meta.get("count") is not None for c in comments)
    by_key = {_key(c, name): c for c in comments}
    for child, parent in PARENTS.get(name, []):
        assert by_key[child].parent is by_key[parent], (child, parent)


@pytest.mark.parametrize("name", [f for f in every_file() if f.startswith(OPEN_ONLY)])
def test_other_readers_files_open_without_a_traceback(name: str) -> None:
    try:
        opened, _ = open_input_as(str(REALWORLD / name))
    except InputError as error:  # a one-line refusal is allowed here; their readers' tests say more
        assert "\n" not in str(error)
        return
    assert isinstance(opened, (Thread, Collection))
    if name.startswith(("flat/", "datasets/")):
        assert not isinstance(opened, Thread) or opened.comments  # the Drupal page has its comments
