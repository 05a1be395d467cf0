"""The evaluation runner and its file format."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from guidebot.bot import Bot
from guidebot.errors import EvalSetError
from guidebot.quality.evalset import load_cases
from guidebot.quality.evaluation import evaluate, resolve_cases
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir
from tests.conftest import KNOWLEDGE, run_guidebot


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


def test_keys_of_another_guide_slug_match_the_same_heading(make_knowledge, tmp_path):
    """The same article under another slug (as `guidebot ingest` names it) is measured too."""
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    bot = Bot.load(make_knowledge({"guides/imported-copy.md": GUIDE}))
    path = tmp_path / "cases.yaml"
    path.write_text(
        "- {id: c1, q: how much is tuition, section: test-guide/costs}\n"
        "- {id: c2, q: do I need python, section: test-guide/admission,"
        " passage: test-guide/admission/1}\n",
        encoding="utf-8",
    )
    cases = resolve_cases(bot, load_cases(path), str(path))
    assert [c.sections for c in cases] == [("Costs",), ("Admission",)]
    assert cases[1].passage == "imported-copy/admission/1"
    assert evaluate(bot, cases).top1 == 1.0


def test_a_heading_slug_in_two_guides_is_not_guessed(make_knowledge, tmp_path):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    bot = Bot.load(make_knowledge({"guides/one.md": GUIDE, "guides/two.md": GUIDE}))
    path = tmp_path / "cases.yaml"
    path.write_text("- {id: c1, q: tuition, section: elsewhere/costs}\n", encoding="utf-8")
    with pytest.raises(EvalSetError, match="no section 'elsewhere/costs'"):
        resolve_cases(bot, load_cases(path), str(path))


def test_allow_missing_counts_a_lacking_section_as_a_miss(make_knowledge, tmp_path):
    from guidebot.bot import Bot
    from tests.conftest import GUIDE

    bot = Bot.load(make_knowledge({"guides/test.md": GUIDE}))
    path = tmp_path / "cases.yaml"
    path.write_text(
        "- {id: c1, q: how much is tuition, section: test-guide/costs}\n"
        "- {id: c2, q: what are the references, section: test-guide/references}\n",
        encoding="utf-8",
    )
    with pytest.raises(EvalSetError):
        resolve_cases(bot, load_cases(path), str(path))
    cases = resolve_cases(bot, load_cases(path), str(path), allow_missing=True)
    assert evaluate(bot, cases).top1 == 0.5


def test_showing_more_sources_changes_no_reply():
    """`guidebot eval` asks for ten sources (for MRR), chat and `guidebot ask` show three:
    every dev case must get the same reply either way, or eval measures another bot. (With
    the built-in word vectors, "what are you able to help with" once found a second heading
    naming "help" among ten and was answered instead of taken as small talk.)"""
    shown = Bot.load(KNOWLEDGE, encoder=load_model(builtin_dir()))
    deeper = shown.with_policy(dataclasses.replace(shown.policy, top_k=10))
    cases = load_cases(Path(__file__).parents[1] / "eval" / "dev.yaml")
    for case in cases:
        three, ten = shown.conversation(), deeper.conversation()
        for turn in case.turns:
            a, b = three.ask(turn), ten.ask(turn)
            assert (a.kind, a.choices, [s.id for s in a.sources]) == (
                b.kind,
                b.choices,
                [s.id for s in b.sources][:3],
            ), (case.id, turn)


def test_a_section_key_is_missed_by_another_guide_s_section_of_the_same_heading(
    make_knowledge, tmp_path
):
    """Two guides with "Prices": a case keyed to the gym's is not met by the pool's."""
    root = make_knowledge(
        {
            "guides/pool.md": "---\ntitle: Pool guide\n---\n\n## Prices\n\nA swim costs four.\n",
            "guides/gym.md": "---\ntitle: Gym guide\n---\n\n## Prices\n\nThe gym costs thirty.\n",
        }
    )
    path = tmp_path / "cases.yaml"
    path.write_text(
        "- {id: swim, q: how much does a swim cost, section: gym/prices}\n"
        "- {id: gym, q: how much does the gym cost, section: gym/prices}\n"
        "- {id: any, q: how much does a swim cost, section: Prices}\n",
        encoding="utf-8",
    )
    bot = Bot.load(root)
    report = evaluate(bot, resolve_cases(bot, load_cases(path), str(path)))
    assert [f["id"] for f in report.failures] == ["swim"]
    assert report.failures[0]["expected"] == "Prices (Gym guide)"
