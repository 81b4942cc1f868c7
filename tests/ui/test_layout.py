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
