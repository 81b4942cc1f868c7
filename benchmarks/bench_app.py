"""Explorer responsiveness at 100,000 comments against 10: first paint after parsing, and the work of each key.

Run: python benchmarks/bench_app.py [--comments 100000] [--small 10] [--repeat 7]

The thread comes from `generate_thread` (a true random tree, as the parser would hand it over). For each size the
script builds the app the way the command line does, drives it headless through Textual's Pilot, and prints:

- first paint: building the tree view's arrays and counts (`Prepared.build`) plus app start-up until the tree has
  rendered its first screenful of lines (timed at the tree's own `render_line`: Pilot's idle wait would also wait
  for the search index, which is built in the background meanwhile); then a key pressed at once, while that index
  is still being built: wall time from the key to the cursor moving;
- per key: the median CPU time the app's thread spends from the key press until the screen is updated (handling
  the key and re-rendering the rows on screen; Pilot's idle waits cost no CPU), then the extra cost at the large
  size. Targets: first paint < 1.5 s, each key < 50 ms beyond the small thread's cost;
- search: a keystroke's main-thread work (key handling, applying the results, redrawing with highlights) and,
  apart, the wall-clock time until the results show (the search itself runs in a worker thread, so the screen
  keeps answering meanwhile);
- the model alone (outline fold/unfold/rebuild without Textual), for reference;
- the first search once the background index is ready (and how long after first paint it was): wall time from its
  last key until its results show (target <= 300 ms);
- in a real terminal (tmux), `--launches` times: launch of `thread-explorer` on a generated flat page of
  `--comments` comments until the tree is drawn (parsing included; target <= 1.5 s), the same page read alone
  in a fresh process (so the app's own share shows), and its peak RSS (<= 250 MiB).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.strip import Strip
from textual.worker import WorkerState

from thread_explorer.core.flatpage.generate import generate_page, generate_thread
from thread_explorer.core.load import open_input
from thread_explorer.core.model import Thread
from thread_explorer.ui.app import ThreadExplorerApp
from thread_explorer.ui.outline import Outline
from thread_explorer.ui.screens.explorer import ExplorerScreen

try:
    from thread_explorer.ui.prepared import Prepared
except ImportError:  # older code (to compare): Prepared lived beside the screen
    from thread_explorer.ui.screens.explorer import Prepared  # type: ignore[no-redef,attr-defined]
from startup import compile_package

from thread_explorer.ui.widgets.thread_view import ThreadView

SIZE = (120, 40)


def biggest_thread(view: ThreadView) -> int:
    """The top-level comment with the most comments below it (the worst case to fold)."""
    outline = view.outline
    return max(outline.roots, key=outline.descendants)


def deepest(view: ThreadView) -> int:
    """The deepest comment (the longest parent chain)."""
    depth = view.outline.depth
    return max(range(len(depth)), key=depth.__getitem__)


async def timed(
    action: Callable[[], Awaitable[Any]],
    repeat: int,
    reset: Callable[[], Awaitable[Any]] | None = None,
) -> float:
    """Median main-thread CPU milliseconds of `action` over `repeat` runs (`reset` runs untimed before each).

    CPU time of the event loop's thread (`time.thread_time`) is the work the key costs the app: handling it and
    re-rendering the screen. Pilot's idle waits cost no CPU, so they do not blur the figure.
    """
    runs = []
    for _ in range(repeat):
        if reset is not None:
            await reset()
        start = time.thread_time()
        await action()
        runs.append((time.thread_time() - start) * 1000)
    return statistics.median(runs)


async def measure_keys(thread: Thread, repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """First paint and per-key figures for one thread."""
    figures: dict[str, float] = {}
    start = time.perf_counter()
    prepared = Prepared.build(thread)
    figures["build outline + counts"] = (time.perf_counter() - start) * 1000
    app = ThreadExplorerApp(prepared, title="bench")
    drawn: list[float] = []  # when the tree rendered each line (the first frame: its first screenful)
    render_line = ThreadView.render_line

    def timed_line(view: ThreadView, y: int) -> Strip:
        drawn.append(time.perf_counter())
        return render_line(view, y)

    ThreadView.render_line = timed_line  # type: ignore[method-assign]
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        ready = time.perf_counter()
        assert isinstance(app.screen, ExplorerScreen)
        view = app.screen.query_one(ThreadView)
        while len(drawn) < min(len(view.outline.rows), view.size.height) and time.perf_counter() - ready < 60:
            await asyncio.sleep(0.001)
        ThreadView.render_line = render_line  # type: ignore[method-assign]
        painted = drawn[min(len(view.outline.rows), view.size.height) - 1]
        figures["app start to first paint"] = (painted - start) * 1000
        figures["first paint after parsing"] = (
            figures["build outline + counts"] + figures["app start to first paint"]
        )
        # A key pressed while the search index is built in the background: press to cursor moved.
        while not any(w.group == "index" and w.state == WorkerState.RUNNING for w in app.workers):
            if app.screen._index is not None or time.perf_counter() - painted > 5:
                break
            await asyncio.sleep(0.001)
        before, pressed = view.cursor, time.perf_counter()
        key = events.Key("j", "j")
        key.set_sender(app)
        app.post_message(key)
        while view.cursor == before and time.perf_counter() - pressed < 60:
            await asyncio.sleep(0.001)
        figures["j at first paint (wall, index building)"] = (time.perf_counter() - pressed) * 1000
        keys: dict[str, float] = {}
        background = any(worker.group == "index" for worker in app.workers)
        if background or app.screen._index is not None:  # built in the background: how long after first paint
            while app.screen._index is None and time.perf_counter() - painted < 60:
                await asyncio.sleep(0.005)
            figures["search index ready after first paint"] = (time.perf_counter() - painted) * 1000
        await pilot.pause()
        painted = time.perf_counter()
        await pilot.press("slash", *"goverment")
        typed = time.perf_counter()
        await app.workers.wait_for_complete()
        await pilot.pause()
        figures["first search (index ready): last key to results"] = (time.perf_counter() - typed) * 1000
        figures["  (typing it: Pilot waits after each key)"] = (typed - painted) * 1000
        await pilot.press("escape")

        async def press(*names: str) -> None:
            await pilot.press(*names)

        async def select(node: int) -> None:
            view.select(node)
            await pilot.pause()

        big = biggest_thread(view)
        keys["j (move down)"] = await timed(lambda: press("j"), repeat)
        keys["k (move up)"] = await timed(lambda: press("k"), repeat)
        keys["G (last)"] = await timed(lambda: press("G"), repeat, lambda: press("g"))
        keys["space (fold biggest thread)"] = await timed(
            lambda: press("space"), repeat, lambda: select_open(view, big, pilot)
        )
        keys["space (unfold it)"] = await timed(
            lambda: press("space"), repeat, lambda: select_folded(view, big, pilot)
        )
        keys["- (fold all)"] = await timed(lambda: press("minus"), repeat, lambda: press("plus"))
        keys["+ (unfold all)"] = await timed(lambda: press("plus"), repeat, lambda: press("minus"))
        keys["3 (depth 3)"] = await timed(lambda: press("3"), repeat, lambda: press("plus"))
        await press("plus")
        deep = deepest(view)
        keys["p (parent jump)"] = await timed(lambda: press("p"), repeat, lambda: select(deep))
        keys["backspace (back)"] = await timed(
            lambda: press("backspace"), repeat, lambda: select_then(view, deep, pilot, "p")
        )
        keys["J (next sibling)"] = await timed(lambda: press("J"), repeat, lambda: select(big + 1))
        keys["} (next thread)"] = await timed(
            lambda: press("right_curly_bracket"), repeat, lambda: select(big)
        )
        keys["* (next by same author)"] = await timed(lambda: press("asterisk"), repeat, lambda: select(big))
        keys["a (only this author)"] = await timed(
            lambda: press("a"), repeat, lambda: author_off(view, big, pilot)
        )
        await author_off(view, big, pilot)
        search = await search_figures(app, view, pilot, repeat)
        keys.update(search)
        keys["n (next match)"] = await timed(lambda: press("n"), repeat)
        keys["f (only matches)"] = await timed(lambda: press("f"), repeat)
        await press("escape")
    return figures, keys


async def select_open(view: ThreadView, node: int, pilot: Pilot[Any]) -> None:
    """Select a node and make sure it is unfolded."""
    view.select(node)
    if view.outline.folded[node]:
        view.action_toggle_fold()
    await pilot.pause()


async def select_folded(view: ThreadView, node: int, pilot: Pilot[Any]) -> None:
    """Select a node and make sure it is folded."""
    view.select(node)
    if not view.outline.folded[node]:
        view.action_toggle_fold()
    await pilot.pause()


async def select_then(view: ThreadView, node: int, pilot: Pilot[Any], key: str) -> None:
    """Select a node, then press a key (untimed set-up)."""
    view.select(node)
    await pilot.press(key)


async def author_off(view: ThreadView, node: int, pilot: Pilot[Any]) -> None:
    """Clear the author filter and select a node."""
    if view.search.author is not None:
        view.action_author_filter()
    view.select(node)
    await pilot.pause()


async def search_figures(
    app: ThreadExplorerApp, view: ThreadView, pilot: Pilot[Any], repeat: int
) -> dict[str, float]:
    """A search keystroke: main-thread work (key + applying results) and the worker's time to results."""
    screen = app.screen
    assert isinstance(screen, ExplorerScreen)
    applied: list[float] = []
    original = screen._show_results

    def spy(query: str, nodes: list[int], best: int | None) -> None:
        start = time.perf_counter()
        original(query, nodes, best)
        applied.append((time.perf_counter() - start) * 1000)

    screen._show_results = spy  # type: ignore[method-assign]
    key_ms: list[float] = []
    result_ms: list[float] = []
    words = ["goverment", "sanctons", "pipelin", "crimea", "nato"]
    for number in range(repeat):
        await pilot.press("slash")
        await pilot.press(*words[number % len(words)][:-1])
        await app.workers.wait_for_complete()
        await pilot.pause()
        applied.clear()
        start, cpu = time.perf_counter(), time.thread_time()
        await pilot.press(words[number % len(words)][-1])
        await app.workers.wait_for_complete()
        result_ms.append((time.perf_counter() - start) * 1000)
        await pilot.pause()
        key_ms.append((time.thread_time() - cpu) * 1000)
        await pilot.press("enter")
    screen._show_results = original  # type: ignore[method-assign]
    return {
        "search keystroke (main thread)": statistics.median(key_ms),
        "search keystroke (wall, to results)": statistics.median(result_ms),
    }


def model_figures(thread: Thread, repeat: int) -> dict[str, float]:
    """The outline alone: what a key costs before any drawing."""
    outline = Outline(thread)
    big = max(outline.roots, key=outline.descendants)
    out: dict[str, float] = {}

    def clock(name: str, action: Callable[[], object], reset: Callable[[], object] | None = None) -> None:
        runs = []
        for _ in range(repeat):
            if reset is not None:
                reset()
            start = time.perf_counter()
            action()
            runs.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(runs)

    clock("fold biggest thread", lambda: outline.fold(big), lambda: outline.unfold(big))
    clock("unfold it", lambda: outline.unfold(big), lambda: outline.fold(big))
    clock("fold all", outline.fold_all, outline.unfold_all)
    clock("unfold all", outline.unfold_all, outline.fold_all)
    clock("depth 3", lambda: outline.show_depth(3), outline.unfold_all)
    wanted = outline.by_author(outline.nodes[big].author or "")
    clock("filter by author", lambda: outline.set_filter(wanted), lambda: outline.set_filter(None))
    return out


def tmux_launch(comments: int, repeat: int) -> None:
    """Launch to a usable tree in a real terminal: `thread-explorer FILE` (a generated page of `comments`) in a
    120x40 tmux session, polled until the tree shows its rows; then its peak RSS (/usr/bin/time), after q."""
    if shutil.which("tmux") is None or not os.path.exists("/usr/bin/time"):
        print("\n(tmux or /usr/bin/time missing: no real-terminal launch figure)")
        return
    command = shutil.which("thread-explorer") or os.path.join(
        os.path.dirname(sys.executable), "thread-explorer"
    )
    with tempfile.TemporaryDirectory() as folder:
        page = os.path.join(folder, f"big{comments}.txt")
        with open(page, "w", encoding="utf-8") as handle:
            handle.write(generate_page(comments, seed=1))
        walls, peaks = [], []
        for number in range(repeat):
            session, report = f"bench-app-{os.getpid()}-{number}", os.path.join(folder, f"rss{number}")
            start = time.perf_counter()
            subprocess.run(["tmux", "new-session", "-d", "-x", "120", "-y", "40", "-s", session,
                            f"/usr/bin/time -f %M -o {report} {command} {page}"], check=True)  # fmt: skip
            while time.perf_counter() - start < 120:
                screen = subprocess.run(
                    ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=False
                )
                if "threads" in screen.stdout and ("▾" in screen.stdout or "•" in screen.stdout):
                    break
                time.sleep(0.02)
            walls.append(time.perf_counter() - start)
            time.sleep(0.5)
            subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=False)
            for _ in range(300):
                if os.path.exists(report) and os.path.getsize(report):
                    break
                time.sleep(0.1)
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
            with open(report, encoding="utf-8") as handle:
                peaks.append(int(handle.read().split()[-1]) / 1024)
        reading = []
        for _ in range(repeat):  # the same page read as the app reads it, in a fresh process without Textual
            timer = f"import time;from {open_input.__module__} import open_input;t=time.perf_counter();"
            timer += f"open_input({page!r});print(time.perf_counter()-t)"
            done = subprocess.run([sys.executable, "-c", timer], capture_output=True, text=True, check=True)
            reading.append(float(done.stdout.split()[-1]))
    launch, read = statistics.median(walls), statistics.median(reading)
    print(
        f"\nReal terminal (tmux 120x40), `thread-explorer` on a generated {comments:,}-comment page, {repeat} runs:"
    )
    print(f"  launch to a drawn tree   {launch:>8.2f} s (median; target <= 1.5 s)")
    print(f"    reading the page       {read:>8.2f} s (open_input alone, in a fresh process)")
    print(
        f"    the app's own share    {launch - read:>8.2f} s (start-up, imports, outline and counts, first paint)"
    )
    print(f"  peak RSS                 {statistics.median(peaks):>8.0f} MiB (median; target <= 250 MiB)")


def main() -> None:
    """Measure both sizes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--launches", type=int, default=3, help="real-terminal launches (0: none)")
    args = parser.parse_args()
    compile_package()  # fresh processes start as an installed copy does (see startup.py)
    start = time.perf_counter()
    large = generate_thread(args.comments, seed=1)
    print(
        f"generated {args.comments:,} comments in {time.perf_counter() - start:.1f} s "
        f"(load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})"
    )
    small = generate_thread(args.small, seed=1)
    small_paint, small_keys = asyncio.run(measure_keys(small, args.repeat))
    large_paint, large_keys = asyncio.run(measure_keys(large, args.repeat))

    print(f"\nFirst paint (ms)           {args.small:>10,} {args.comments:>10,}   target")
    for name in small_paint:
        print(
            f"  {name:<26} {small_paint[name]:>10.1f} {large_paint[name]:>10.1f}"
            + ("   < 1500" if name == "first paint after parsing" else "")
            + ("   < 300 (index built in the background)" if name.startswith("first search") else "")
            + ("   < 50 beyond the small thread" if name.startswith("j at first paint") else "")
        )
    print(
        f"\nKey: app CPU, press to screen (ms)       {args.small:>8,} {args.comments:>9,}   extra  (target < 50)"
    )
    worst = 0.0
    for name in small_keys:
        extra = large_keys[name] - small_keys[name]
        worker = "wall" in name
        if not worker:
            worst = max(worst, extra)
        print(
            f"  {name:<38} {small_keys[name]:>8.1f} {large_keys[name]:>9.1f} {extra:>7.1f}"
            + ("  (wall clock; search in a worker thread)" if worker else "")
        )
    print(f"\nOutline model alone at {args.comments:,} (ms, no drawing)")
    for name, value in model_figures(large, args.repeat).items():
        print(f"  {name:<26} {value:>8.2f}")
    ok = large_paint["first paint after parsing"] < 1500 and worst < 50
    print(
        f"\nworst extra key cost {worst:.1f} ms; first paint {large_paint['first paint after parsing']:.0f} ms: "
        + ("targets met" if ok else "TARGET MISSED")
    )
    if args.launches:
        tmux_launch(args.comments, args.launches)


if __name__ == "__main__":
    main()
