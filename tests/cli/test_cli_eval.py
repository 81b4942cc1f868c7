"""`thread-explorer eval FILE`: render a real thread as a Drupal page, read it back, print the scores."""

from __future__ import annotations

import pytest
from cli_helpers import assert_one_line_error, run
from paths import REALWORLD

REDDIT = REALWORLD / "reddit" / "rtv_test_content_submission__0.json"


@pytest.mark.skipif(not REDDIT.exists(), reason="needs ../shared/realworld")
def test_eval_prints_how_much_came_back() -> None:
    result = run("eval", str(REDDIT), "--template", "bartik", "--order", "flat", "--drupal7", "--seed", "2")
    assert result.returncode == 0, result.stderr
    fields = dict(line.split(":", 1) for line in result.stdout.splitlines())
    assert fields["rendered as"].strip() == "bartik, flat order, Drupal 7 subjects"
    assert fields["read as"].strip() == "bartik, flat order"
    assert fields["lines lost"].strip().startswith("0 of ")
    assert fields["lines leaked"].strip() == "0"
    assert float(fields["  recall"].strip().rstrip("%")) >= 98.0


def test_eval_of_a_missing_file_is_one_line() -> None:
    assert_one_line_error(run("eval", "no/such/file.json"), "no such file")
