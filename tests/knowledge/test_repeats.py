"""FAQ entries asked in the same words as an earlier one are a warning, one per pair of files."""

from __future__ import annotations

from guidebot.knowledge.loader import load_knowledge
from tests.conftest import run_guidebot

SHOP = """
- question: Do you offer gift cards?
  answer: Yes, in the shop.
- question: Where are you?
  answer: On Main Street.
"""


def test_an_export_brought_in_twice_is_one_warning_naming_both_files(make_knowledge):
    copy = SHOP.replace("Do you offer gift cards?", "do you offer GIFT cards")
    kb = load_knowledge(make_knowledge({"faq/a.yaml": SHOP, "faq/b.yaml": copy}))
    [warning] = [w for w in kb.warnings if "same words" in w]
    assert warning.startswith(f"{kb.root}/faq/b.yaml:1: 2 questions are asked in the same words")
    assert f"in {kb.root}/faq/a.yaml (the first at line 1: 'Do you offer gift cards?')" in warning


def test_a_repeat_in_one_file_says_so_and_distinct_questions_say_nothing(make_knowledge):
    again = SHOP + "- question: Where are you?\n  answer: Main Street, by the bank.\n"
    kb = load_knowledge(make_knowledge({"faq/a.yaml": again}))
    assert [w for w in kb.warnings if "1 question is asked in the same words earlier" in w]
    plain = load_knowledge(make_knowledge({"faq/a.yaml": SHOP}))
    assert not [w for w in plain.warnings if "same words" in w]


def test_check_prints_the_warning_and_still_passes(make_knowledge):
    root = make_knowledge({"faq/a.yaml": SHOP, "faq/b.yaml": SHOP})
    result = run_guidebot("check", str(root))
    assert result.returncode == 0 and "warning:" in result.stdout and "same words" in result.stdout


def test_a_repeat_answered_differently_says_so(make_knowledge):
    other = SHOP.replace("Yes, in the shop.", "No, we do not.")
    kb = load_knowledge(make_knowledge({"faq/a.yaml": SHOP, "faq/b.yaml": other}))
    [warning] = [w for w in kb.warnings if "same words" in w]
    assert warning.startswith(f"{kb.root}/faq/b.yaml:1: 2 questions are asked in the same words")
    assert "1 of them answered differently" in warning and "keep the right one" in warning
    assert "brought in twice" not in warning


HELP_CENTRE = """---
title: Help Centre
---
Returns, exchanges and costs.

## Returns

You may return unused items within 30 days for a full refund.

## Returns

Damaged items are replaced free of charge when reported within 7 days.

## returns

Exchanges are made in store.

## Online

### Costs

Online orders ship free over 50 pounds.

## In store

### Costs

Store prices match the website.
"""


def test_a_heading_written_twice_in_a_guide_is_a_warning_naming_both_lines(make_knowledge):
    """Asked which "Returns" was meant, people could not tell; under other headings ("Costs"
    under "Online" and under "In store") a heading may repeat."""
    kb = load_knowledge(make_knowledge({"guides/help.md": HELP_CENTRE}))
    repeated = [w for w in kb.warnings if "is also at line" in w]
    path = f"{kb.root}/guides/help.md"
    assert repeated == [
        f"{path}:10: the heading 'Returns' is also at line 6: give each section a heading of "
        "its own",
        f"{path}:14: the heading 'returns' is also at line 6: give each section a heading of "
        "its own",
    ]


def test_a_first_section_headed_as_the_guide_is_no_repeat_of_its_opening(make_knowledge):
    guide = "---\ntitle: Returns\n---\nHow returns work.\n\n## Returns\n\nWithin 30 days.\n"
    kb = load_knowledge(make_knowledge({"guides/returns.md": guide}))
    assert not [w for w in kb.warnings if "is also at line" in w]
