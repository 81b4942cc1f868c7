"""The mutation fuzzer: every fixture in tests/fixtures and ../shared/realworld, mutated by seeded mutations
(flip, cut, splice, repeat, control/bidi characters and surrogates, NaN and huge numbers, wrong JSON types) and
fed to the command line in-process. Every run must keep the promise (`check_promise`: exit 0, 1 or 2, no
traceback, one line for 2, no raw escape on stderr or in `stats`/`search` output) within a time cap, and the
process within a memory cap.

Deterministic: run N of a family uses seed (family, N) and always the same input and command. Bounded: each
family stops at its share of FUZZ_SECONDS (about 45 s in all; `HOSTILE_FUZZ_SECONDS` changes it) and reports
how many runs it made; fewer than MIN_RUNS fails the test, so a slow machine cannot make it pass vacuously.
"""

from __future__ import annotations

import gzip
import os
import random
import resource
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hostile_helpers import ESCAPES, Result, check_promise, run_cli
from mutations import MUTATIONS
from paths import FIXTURES, REALWORLD

FUZZ_SECONDS = float(os.environ.get("HOSTILE_FUZZ_SECONDS", "45"))
MIN_RUNS = 40  # per family: fewer means the budget was too small to mean anything
RUN_CPU_CAP = 5.0  # CPU seconds one run may take (inputs are at most a few MB)
RUN_WALL_CAP = 30  # seconds before a run is stopped as hung
MEMORY_CAP_MB = 1500  # the test process's peak resident memory
MAX_BASE_BYTES = 400_000  # larger inputs are fuzzed through their first part


def inputs() -> list[Path]:
    """Every fixture file: the repository's and the shared real-world ones (INDEX.md aside)."""
    found = sorted(p for p in FIXTURES.parent.rglob("*") if p.is_file())
    if REALWORLD.is_dir():
        found += sorted(p for p in REALWORLD.rglob("*") if p.is_file() and p.name != "INDEX.md")
    return found


INPUTS = inputs()
COMMANDS = [
    ["export", "{}", "-f", "json"],
    ["export", "{}", "-f", "markdown"],
    ["export", "{}", "-f", "text"],
    ["stats", "{}"],
    ["search", "{}", "the"],
    ["scan", "{}", "--all"],
    ["export", "{}", "--page", "0", "-f", "markdown"],
    ["export", "{}", "--input-format", "json"],
]
FOR_PEOPLE = {"stats", "search", "scan"}  # their stdout is for people: no raw escape in it either


class Hung(BaseException):
    """A run passed RUN_WALL_CAP (BaseException: the command line's catch-all must not swallow it)."""


@contextmanager
def wall_cap(seconds: float) -> Iterator[None]:
    def alarm(*_: object) -> None:
        raise Hung

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def base_bytes(path: Path) -> tuple[bytes, str]:
    """The bytes to mutate and how to write them back: gzip inputs are mutated decompressed and packed again."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)[:MAX_BASE_BYTES], "gzip"
    if path.suffix in (".zst", ".parquet"):
        return data, "raw"  # byte-level: a corrupt frame or page
    return data[:MAX_BASE_BYTES], "raw"


def one_run(family: str, number: int, tmp: Path) -> tuple[str, Result]:
    """Run `number` of a mutation family: its input, mutated, through its command; returns a label and result."""
    rng = random.Random(f"{family}:{number}")
    path = INPUTS[number % len(INPUTS)]
    data, packing = base_bytes(path)
    other = INPUTS[rng.randrange(len(INPUTS))].read_bytes()[:50_000]
    mutated = MUTATIONS[family](data, rng, other)
    if rng.random() < 0.3:  # a second mutation of another family now and then
        second = rng.choice(sorted(MUTATIONS))
        mutated = MUTATIONS[second](mutated, rng, other)
    if packing == "gzip":
        mutated = gzip.compress(mutated, 1)
    target = tmp / f"in-{number}{''.join(path.suffixes[-2:])}"
    target.write_bytes(mutated)
    command = [arg.replace("{}", str(target)) for arg in rng.choice(COMMANDS)]
    label = f"{family} #{number} on {path.name}: {' '.join(command[:1] + command[2:])}"
    with wall_cap(RUN_WALL_CAP):
        cpu = time.process_time()
        result = run_cli(*command)
        cpu = time.process_time() - cpu
    target.unlink()
    assert cpu < RUN_CPU_CAP, f"{label}: {cpu:.1f} CPU seconds"
    return label, result


@pytest.mark.parametrize("family", sorted(MUTATIONS))
def test_every_mutated_input_keeps_the_promise(family: str, tmp_path: Path) -> None:
    budget = FUZZ_SECONDS / len(MUTATIONS)
    start = time.monotonic()
    failures: list[str] = []
    statuses: dict[int, int] = {}
    runs = 0
    while time.monotonic() - start < budget:
        try:
            label, result = one_run(family, runs, tmp_path)
        except Hung:
            failures.append(f"{family} #{runs}: hung past {RUN_WALL_CAP} s")
            runs += 1
            continue
        runs += 1
        statuses[result.status] = statuses.get(result.status, 0) + 1
        try:
            check_promise(result, label)
            if label.split(": ", 1)[1].split()[0] in FOR_PEOPLE:
                shown = result.stdout.decode("utf-8", errors="replace")
                assert not any(e in shown for e in ESCAPES), f"{label}: raw escape on stdout"
        except AssertionError as error:
            failures.append(str(error).split("\n")[0][:600])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n{family}: {runs} runs in {time.monotonic() - start:.1f} s, exits {statuses}, peak {peak:.0f} MB"
    )
    assert not failures, f"{len(failures)} of {runs} runs broke the promise:\n" + "\n".join(failures[:8])
    assert runs >= MIN_RUNS, f"only {runs} runs in {budget:.0f} s"
    assert peak < MEMORY_CAP_MB
