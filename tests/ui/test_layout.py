"""The panes follow the window: side by side from 96 columns, the tree over the detail pane below."""

from __future__ import annotations

from ui_helpers import make_app, tree

from thread_explorer.ui.widgets.detail import DetailPane


async def test_narrowing_a_wide_window_stacks_the_tree_over_the_detail_pane_with_its_border_closed() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = tree(app)
        assert view.region.width < 120 // 2 + 20  # side by side
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert view.region.width == 80 and pane.region.width == 80  # stacked, both the full width
        assert pane.region.y >= view.region.bottom
        assert view.region.right <= 80  # its right border on screen


async def test_angle_brackets_resize_the_split_in_both_layouts() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        view = tree(app)
        height = view.region.height
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert view.region.height < height  # stacked: `<` gives the detail pane more height
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert view.region.height > height
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        width = view.region.width
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert view.region.width < width  # side by side: `<` gives the detail pane more width
