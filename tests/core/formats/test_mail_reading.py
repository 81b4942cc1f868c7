"""Mail readers: threading as careful mail readers do (bogus and Gmane-rewritten ids), .eml, maildir, and mail
text kept as written (trailing spaces, encoded names, Markdown that keeps lines and quotes)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from paths import REALWORLD

from thread_explorer.core.errors import InputError
from thread_explorer.core.export import export_thread
from thread_explorer.core.formats import eml, mbox
from thread_explorer.core.load import load_bytes, load_text, load_thread, open_input
from thread_explorer.core.model import Attach, Thread


def by_message_id(thread: Thread) -> dict[str, object]:
    return {c.meta["message_id"]: c for c in thread.walk()}


def message(mid: str, body: str = "body", *, refs: str = "", reply: str = "", extra: str = "") -> str:
    head = f"From a@x Mon Jan  1 00:00:00 2024\nFrom: A <a@x>\nSubject: s\nMessage-ID: {mid}\n"
    head += f"References: {refs}\n" if refs else ""
    head += f"In-Reply-To: {reply}\n" if reply else ""
    return head + extra + f"\n{body}\n\n"


def test_a_bogus_id_named_by_unrelated_threads_does_not_join_them() -> None:
    thread = load_thread(str(REALWORLD / "mbox" / "notmuch_lkml.mbox"))
    stats = thread.stats()
    assert stats["comments"] == 210 and stats["placeholders"] == 3  # 23 placeholders before
    assert any(note.startswith("<yes> is not a message id") for note in thread.notes)
    tops = [c for c in thread.comments if not c.placeholder]
    cifs = [c for c in tops if c.meta["subject"].startswith("[RFC][PATCH ") and "cifs" in c.meta["subject"]]
    assert len(cifs) == 22  # 11 patches of the series and their 11 second copies, each its own thread
    assert all("<yes>" in c.explanation for c in cifs)


def test_a_present_references_id_beats_an_absent_gmane_in_reply_to() -> None:
    c = by_message_id(load_thread(str(REALWORLD / "mbox" / "notmuch_lkml.mbox")))
    reply = c[
        "<4C24A606.5040001@suse.de>"
    ]  # In-Reply-To: <9822.1277312573-H+wXaHxf7aLQT0dZR+AlfA@public.gmane.org>
    assert reply.parent is c["<9822.1277312573@redhat.com>"] and reply.attached_by is Attach.ID
    first = c["<20100622173742.448e1e94@corrin.poochiereds.net>"]
    assert first.parent is c["<1277220170-3442-1-git-send-email-sjayaraman@suse.de>"]


def test_an_absent_id_placed_in_two_unrelated_threads_is_not_used() -> None:
    text = (
        message("<r1@x>") + message("<r2@x>")
        + message("<a@x>", refs="<r1@x> <lost@x>") + message("<b@x>", refs="<r2@x> <lost@x>")
        + message("<c@x>", refs="<lost2@x>") + message("<d@x>", refs="<lost2@x>")
    )  # fmt: skip
    thread = mbox.read(text)
    c = by_message_id(thread)
    assert c["<a@x>"].parent is c["<r1@x>"] and c["<b@x>"].parent is c["<r2@x>"]
    assert any("<lost@x>" in note and "unrelated threads" in note for note in thread.notes)
    holder = c["<c@x>"].parent  # a missing message that both name in the same place: a real placeholder
    assert holder is not None and holder.placeholder and c["<d@x>"].parent is holder


def test_a_long_in_reply_to_chain_threads_fully() -> None:
    n = 3000
    text = "".join(message(f"<m{i}@x>", reply=f"<m{i - 1}@x>" if i else "") for i in range(n))
    thread = load_bytes(text.encode(), format="mbox")
    assert thread.stats()["max_depth"] == n and len(thread.comments) == 1


def test_mail_text_is_kept_as_written() -> None:
    body = "Signed-off-by: A <a@x>\n---\n f.c | 2 +-\n\ndiff --git a/f.c b/f.c\n@@ -1 +1 @@\n-\told \n+\tnew\n-- \n2.30.2"
    extra = "From: =?utf-8?q?Doe=2C_John?= <j@x>\n"
    thread = mbox.read_bytes(message("<p@x>", body).replace("From: A <a@x>\n", extra).encode())
    comment = thread.comments[0]
    assert comment.text == body  # trailing spaces and tabs kept: the patch is byte-exact
    assert comment.author == "Doe, John"
    quoted = mbox.read_bytes(
        message("<q@x>", extra='From: "=?ISO-8859-1?Q?Fran=E7ois_B?=" <f@x>\n')
        .replace("From: A <a@x>\n", "")
        .encode()
    )
    assert quoted.comments[0].author == "François B"


def test_mail_markdown_keeps_lines_quotes_and_patches() -> None:
    body = (
        "On Monday A wrote:\n> first quoted line\n> second *quoted* line\n>> deeper\n\n"
        "My reply is wrapped\nat seventy columns.\n\n---\ndiff --git a/f b/f\n-  old  \n+  new"
    )
    md = export_thread(mbox.read(message("<q@x>", body)), "markdown")
    assert "  > first quoted line\\\n  > second \\*quoted\\* line\n  >\n  > > deeper\n" in md
    assert "  My reply is wrapped\\\n  at seventy columns.\n" in md
    assert "  ```\n  ---\n  diff --git a/f b/f\n  -  old  \n  +  new\n  ```" in md


def test_a_single_eml_message_is_mail() -> None:
    thread = load_thread(str(REALWORLD / "eml" / "notmuch_lkml_single_message.eml"))
    assert thread.format == "eml" and thread.stats()["comments"] == 1
    (holder,) = thread.comments
    assert (
        holder.placeholder and holder.meta["message_id"] == "<20101116195530.GA7523@rakim.wolfsonmicro.main>"
    )
    assert holder.replies[0].author == "Randy Dunlap"
    assert eml.sniff("From: A <a@x>\nSubject: s\nDate: Mon, 1 Jan 2024\n\nbody")
    assert not eml.sniff("Title: my page\nAuthor: me\n\nIn reply to x by y")


def test_an_attached_format_patch_stays_inside_its_message() -> None:
    thread = load_thread(str(REALWORLD / "eml" / "mbox-attachment.eml"))
    (only,) = thread.comments
    assert thread.stats()["comments"] == 1 and "I figured out the race condition" in only.text
    assert "From fc88cba7f1f37b9cf3b296eace2422dd0e173502 Mon Sep 17" in only.text and only.text.endswith(
        "-- \n2.30.2"
    )


def test_a_maildir_folder_is_one_threaded_archive(tmp_path: Path) -> None:
    for part in ("cur", "new", "tmp"):
        (tmp_path / part).mkdir()
    (tmp_path / "cur" / "1700000000.1.host:2,S").write_bytes(b"From: A <a@x>\nMessage-ID: <1@x>\n\nroot\n")
    (tmp_path / "new" / "1700000001.2.host").write_bytes(
        b"From: B <b@x>\nMessage-ID: <2@x>\nIn-Reply-To: <1@x>\n\nreply\n"
    )
    thread = open_input(str(tmp_path))
    assert isinstance(thread, Thread) and thread.format == "maildir"
    (root,) = thread.comments
    assert root.author == "A" and [r.author for r in root.replies] == ["B"]


def test_separators_with_no_empty_line_between_them_split_in_linear_time() -> None:
    """Each head runs to the first empty line, which such an archive does not have: looking for it (and for a
    multipart boundary in the head) again from every separator was quadratic (4 s for 20,000 messages)."""

    def archive(n: int) -> bytes:
        return b"From a@x Mon Jan  1 00:00:00 2024\nContent-Type: multipart/mixed\nX: y\n" * n

    def cpu(n: int) -> float:
        start = time.process_time()
        assert len(mbox.split_messages(archive(n))) == n  # every separator still splits
        return time.process_time() - start

    small = min(cpu(2000) for _ in range(2))
    large = cpu(8000)
    assert large < 1.0 and large / max(small, 0.002) < 9  # linear: about 4 times; quadratic: 16


def test_references_chains_wide_threads_and_missing_parents_thread_in_linear_time() -> None:
    """The general threading path (References of several ids, missing messages turned into placeholders, second
    copies of a message, a thread root with thousands of replies) stays linear in the archive."""

    def archive(n: int) -> bytes:
        parts = [message("<root@x>")]
        for i in range(n):
            if i % 10 == 5:  # a reply to a message the archive lacks: under a placeholder
                parts.append(message(f"<r{i}@x>", reply=f"<gone{i}@x>"))
                continue
            refs = f"<root@x> <lost{i // 50}@x> <r{i - 1}@x>" if i % 2 else "<root@x>"
            parts.append(message(f"<r{i}@x>", refs=refs, reply=f"<r{i - 1}@x>" if i % 2 else ""))
            if i % 100 == 0:
                parts.append(message(f"<r{i}@x>"))  # a second copy
        return "".join(parts).encode()

    def cpu(n: int) -> tuple[float, Thread]:
        start = time.process_time()
        thread = load_bytes(archive(n), format="mbox")
        return time.process_time() - start, thread

    small = min(cpu(1000)[0] for _ in range(2))
    large, thread = cpu(4000)
    stats = thread.stats()
    assert stats["comments"] == 1 + 4000 + 40 and stats["placeholders"] == 400  # every message kept, once
    assert len(thread.comments) == 1 + 40 + 400  # the root, the second copies, the placeholders
    assert large < 2.0 and large / max(small, 0.002) < 9  # linear: about 4 times; quadratic: 16


def test_a_second_copy_of_a_message_says_which_message_it_copies() -> None:
    mbox = message("<a@x>", "first") + message("<b@x>", "reply", reply="<a@x>") + message("<a@x>", "first")
    thread = load_text(mbox, source="copies.mbox")
    first, copy = thread.comments
    assert [c.id for c in first.walk()] == ["m1", "m2"] and copy.id == "m3"
    assert "a second copy of m1 (the same Message-ID)" in copy.explanation
    assert "second copy" not in first.explanation
    assert any(note.startswith("1 message(s) repeat a Message-ID") for note in thread.notes)
    lkml = load_thread(str(REALWORLD / "mbox" / "notmuch_lkml.mbox"))
    copies = [c for c in lkml.walk() if "a second copy of m" in c.explanation]
    assert len(copies) == 34 and any(note.startswith("34 message(s) repeat") for note in lkml.notes)


def test_a_file_forced_to_be_read_as_mbox_that_is_no_mail_is_refused() -> None:
    """`stats reddit.json --input-format mbox` gave one message made of the whole file, exit 0 (found by the
    newcomer's run): never silently wrong. A message saved without its From line still reads."""
    with pytest.raises(
        InputError, match=r"r\.json: not an mbox: no From line, and it does not start with a mail header"
    ):
        mbox.read('[{"kind": "Listing", "data": {}}]', source="r.json")
    saved = mbox.read("Subject: hi\nFrom: a@example.org\nMessage-ID: <1@x>\n\nbody\n")
    assert [c.text.strip() for c in saved.walk()] == ["body"]
