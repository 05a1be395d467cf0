"""The evaluation runner and its file format."""

from __future__ import annotations

import pytest

from guidebot.errors import EvalSetError
from guidebot.quality.evalset import load_cases
from guidebot.quality.evaluation import evaluate, resolve_cases
from tests.conftest import run_guidebot


@pytest.mark.parametrize(
    "text",
    [
        "- {turns: 5, expect: decline}\n",
        "- {q: hi, section: 5}\n",
        "- {q: hi, section: [[a]]}\n",
        "- {turns: abc, expect: decline}\n",
        "[]\n",
        "- {q: hi, expect: maybe}\n",
    ],
)
def test_malformed_cases_are_problems_with_lines(tmp_path, text):
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvalSetError) as info:
        load_cases(path)
    assert all(p.path == str(path) and p.line >= 1 for p in info.value.problems)


def test_report_counts_only_kinds_that_are_present(bot, tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text("- {q: hello there, expect: smalltalk}\n", encoding="utf-8")
    report = evaluate(bot, resolve_cases(bot, load_cases(path), str(path)))
    assert report.smalltalk_accuracy == 1.0
    assert report.top1 is None and report.followup_accuracy is None


def test_a_bad_evaluation_file_is_not_called_a_knowledge_problem(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- {q: hi, expect: maybe}\n", encoding="utf-8")
    result = run_guidebot("eval", str(path))
    assert result.returncode == 2
    assert "the evaluation file has problems" in result.stderr
    assert f"{path}:1:" in result.stderr and "knowledge" not in result.stderr
