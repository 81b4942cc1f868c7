"""Many shard jobs on several processes, with progress reported back to the caller as it happens.

With one worker the jobs run in this process, one after the other. With more, a process pool (spawned, not
forked: the same on every platform, and safe beside the caller's threads) runs one shard per process at a
time; each worker sends (pages, threads) progress through a queue the caller drains about ten times a second.
A shard that fails is a result like any other, so the others go on; a worker that dies (killed, out of
memory) fails its shard with that reason. Interrupted (^C), the parent terminates the workers at once and each
removes its partial file.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue as queue_module
import signal
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from .outputs import partial_path
from .shard import Progress, ShardJob, ShardResult, extract_shard

POLL = 0.1  # seconds between progress drains while workers run
_progress_queue: Any = None  # set in each worker process by `start_worker`
_current_partial = ""  # in a worker: the partial file of the shard it is writing


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def start_worker(progress_queue: Any) -> None:
    """Pool initializer: remember the queue progress goes to. ^C is left to the parent, which terminates the
    workers; on that SIGTERM a worker removes the partial file of its shard and exits at once."""
    global _progress_queue
    _progress_queue = progress_queue
    gc.freeze()  # what the imports made is never garbage: no collection walks it again (as the command does)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, stop_worker)


def stop_worker(signum: int, frame: object) -> None:
    if _current_partial:
        try:
            os.unlink(_current_partial)
        except OSError:
            pass
    os._exit(128 + signum)


def report_to_queue(pages: int, threads: int) -> None:
    _progress_queue.put((pages, threads))


def extract_in_worker(job: ShardJob) -> ShardResult:
    """extract_shard in a pool worker, progress sent to the parent."""
    global _current_partial
    _current_partial = partial_path(job.output)
    try:
        return extract_shard(job, report_to_queue)
    finally:
        _current_partial = ""


def run_jobs(
    jobs: Sequence[ShardJob],
    workers: int,
    *,
    progress: Progress | None = None,
    done: Callable[[ShardResult], None] | None = None,
) -> list[ShardResult]:
    """Run every job on `workers` processes; `progress(pages, threads)` gets the counts as they grow and
    `done(result)` each result as its shard ends. Returns the results in the order of `jobs`."""
    on_progress = progress or (lambda pages, threads: None)
    on_done = done or (lambda result: None)
    if workers <= 1 or len(jobs) <= 1:
        results = []
        for job in jobs:
            results.append(extract_shard(job, on_progress))
            on_done(results[-1])
        return results
    return run_pool(jobs, min(workers, len(jobs)), on_progress, on_done)


def run_pool(
    jobs: Sequence[ShardJob], workers: int, progress: Progress, done: Callable[[ShardResult], None]
) -> list[ShardResult]:
    context = multiprocessing.get_context("spawn")
    progress_queue = context.Queue()
    results: dict[int, ShardResult] = {}
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=start_worker, initargs=(progress_queue,)
    )
    try:
        futures: dict[Future[ShardResult], int] = {
            pool.submit(extract_in_worker, job): n for n, job in enumerate(jobs)
        }
        pending: Iterable[Future[ShardResult]] = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=POLL, return_when=FIRST_COMPLETED)
            drain(progress_queue, progress)
            for future in finished:
                n = futures[future]
                results[n] = outcome(future, jobs[n])
                done(results[n])
        drain(progress_queue, progress)
    except KeyboardInterrupt:
        stop_workers(pool)  # otherwise each would finish its shard and the next one queued first
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        progress_queue.close()
    return [results[n] for n in range(len(jobs))]


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's processes (ProcessPoolExecutor has no public way before Python 3.14)."""
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def outcome(future: Future[ShardResult], job: ShardJob) -> ShardResult:
    """The future's result, or a failed result when its worker died."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - BrokenProcessPool and the like: the worker is gone
        why = f"{job.shard}: its worker process ended ({type(error).__name__}: {error})"
        return ShardResult(job.shard, job.output, "failed", error=why)


def drain(progress_queue: Any, progress: Progress) -> None:
    """Pass every progress report waiting in the queue on to the caller."""
    while True:
        try:
            pages, threads = progress_queue.get_nowait()
        except queue_module.Empty:
            return
        progress(pages, threads)
