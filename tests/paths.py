"""Where the test inputs are: the repository, its fixtures, the sample page, and the real files in ../shared."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "sources"
SEED = ROOT / "sample_data" / "zerohedge_nato_russia.txt"
REALWORLD = ROOT.parent / "shared" / "realworld"
