"""Folding: one comment, every thread, down to a depth; the rows a user sees after each key."""

from __future__ import annotations

from ui_helpers import SIZE, make_app, rows, selected_author


async def test_space_folds_and_shows_how_many_are_hidden() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "space")
        shown = rows(app)
        assert len(shown) == 6
        assert shown[1].startswith("▸ alice 3h ▲12  Armenia") and shown[1].endswith("2 replies · +4 hidden")
        await pilot.press("enter")
        assert len(rows(app)) == 10
        assert rows(app)[1].startswith("▾ alice 3h ▲12  Armenia")


async def test_unfolding_keeps_the_inner_fold_state() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "space")  # fold bob (2 replies)
        await pilot.press("k", "space", "space")  # fold and unfold alice
        shown = rows(app)
        assert len(shown) == 8
        assert any(row.startswith("├─▸ bob  How many divisions") for row in shown)


async def test_minus_folds_every_thread_plus_unfolds_all() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j", "j")  # carol, deep
        await pilot.press("minus")
        shown = rows(app)
        assert [row[:2] for row in shown] == ["■ ", "▸ ", "▸ ", "▸ "]
        assert selected_author(app) == "alice"  # the selection moved up to what stays visible
        await pilot.press("plus")
        assert len(rows(app)) == 10
        assert selected_author(app) == "alice"


async def test_digits_show_the_tree_down_to_that_depth() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        shown = rows(app)
        assert len(shown) == 8  # carol and alice's reply to bob are level 3
        assert any(row.startswith("├─▸ bob  How many divisions") for row in shown)
        await pilot.press("1")
        assert len(rows(app)) == 4
        await pilot.press("9")
        assert len(rows(app)) == 10


async def test_folding_a_leaf_does_nothing_and_placeholders_fold_too() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "k")  # the placeholder
        assert rows(app)[-2].startswith("▾ missing: Deleted comment about pipeline")
        await pilot.press("space")
        assert rows(app)[-1].startswith("▸ missing:") and "+1 hidden" in rows(app)[-1]
