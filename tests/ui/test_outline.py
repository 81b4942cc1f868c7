"""The tree view's model: after any sequence of folds, reveals, depth changes and filters, the visible rows are
exactly the comments whose ancestors are all open and that the filter lets through, in page order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from ui_helpers import make_thread

from thread_explorer.core.model import Article, Comment, Thread
from thread_explorer.ui.outline import Outline


def build(parents: list[int]) -> Thread:
    """A thread where comment i replies to parents[i] (-1: top level; always an earlier comment)."""
    nodes = [Comment(id=f"c{i}", text=f"comment {i}") for i in range(len(parents))]
    thread = Thread(article=Article("the article"))
    for i, up in enumerate(parents):
        if up < 0:
            thread.comments.append(nodes[i])
        else:
            nodes[up].add_reply(nodes[i])
    thread.link_parents()
    return thread


def expected_rows(outline: Outline) -> list[int]:
    """Brute force: every node whose ancestors are open and that the mask lets through."""
    out = []
    for node in range(len(outline)):
        chain = [*outline.ancestors(node), node]
        if outline.mask is not None and not all(outline.mask[a] for a in chain):
            continue
        if any(outline.folded[a] for a in outline.ancestors(node)):
            continue
        out.append(node)
    return out


trees = st.integers(min_value=0, max_value=40).flatmap(
    lambda n: st.tuples(*[st.integers(min_value=-1, max_value=i - 1) for i in range(n)]).map(list)
)
ops = st.lists(
    st.tuples(
        st.sampled_from(
            ["fold", "unfold", "toggle", "reveal", "fold_all", "unfold_all", "depth", "filter", "nofilter"]
        ),
        st.integers(min_value=0, max_value=60),
        st.lists(st.integers(min_value=0, max_value=60), max_size=5),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(trees, ops)
def test_rows_always_match_the_brute_force_answer(
    parents: list[int], steps: list[tuple[str, int, list[int]]]
) -> None:
    outline = Outline(build(parents))
    n = len(outline)
    assert outline.rows == list(range(n))
    for op, k, picks in steps:
        node = k % n
        if op == "fold":
            outline.fold(node)
        elif op == "unfold":
            outline.unfold(node)
        elif op == "toggle":
            outline.toggle(node)
        elif op == "reveal":
            if outline.reveal(node):
                assert outline.row_of(node) is not None
        elif op == "fold_all":
            outline.fold_all()
        elif op == "unfold_all":
            outline.unfold_all()
        elif op == "depth":
            outline.show_depth(k % 10 + 1)
        elif op == "filter":
            wanted = sorted({p % n for p in picks})
            outline.set_filter(wanted)
            assert all(outline.row_of(w) is not None for w in wanted)
        else:
            outline.set_filter(None)
        assert outline.rows == expected_rows(outline)


def test_structure_arrays_on_the_sample_thread() -> None:
    outline = Outline(make_thread())
    ids = [c.id for c in outline.nodes]
    assert ids == ["article", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "p1", "c8"]
    c1, c2, c3, c5 = (ids.index(x) for x in ("c1", "c2", "c3", "c5"))
    assert outline.end[c1] == ids.index("c6") and outline.descendants(c1) == 4
    assert outline.parent[c3] == c2 and outline.ancestors(c3) == [c1, c2]
    assert outline.next_sibling(c2) == c5 and outline.prev_sibling[c5] == c2
    assert outline.roots == [0, c1, ids.index("c6"), ids.index("p1")]
    assert outline.root_of(c3) == c1
    assert outline.by_author("alice") == [c1, ids.index("c4")]


def test_deep_chains_do_not_hit_the_recursion_limit() -> None:
    outline = Outline(build([-1, *range(5000)]))
    assert outline.depth[-1] == 5000
    outline.fold(1)
    assert len(outline.rows) == 2
    assert outline.reveal(len(outline) - 1)
    assert len(outline.rows) == len(outline)
