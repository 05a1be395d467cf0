"""Several guides: `guidebot guides`, `ask --guide`, stale FAQ answers, reloading knowledge."""

from __future__ import annotations

import json
import subprocess

import pytest

from guidebot.bot import Bot
from guidebot.knowledge.loader import load_knowledge, reload_knowledge, section_hash
from tests.conftest import GUIDE, run_guidebot

SECOND = """
---
title: Second Guide
---
An introduction to the second small guide about sailing lessons on the lake.

## Costs
Sailing lessons cost $300 for ten evenings on the lake, boat and life jacket included.
"""

FAQ = """
- id: sailing-cost
  question: How much are the sailing lessons?
  answer: Ten evenings of sailing cost $300 with the boat included.
  section: Costs
  guide: second
  section_hash: {hash}
"""


def guidebot(*args: str) -> subprocess.CompletedProcess:
    return run_guidebot(*args)


@pytest.fixture
def two_guides(make_knowledge):
    def make(hash_value: str = "00000000"):
        return make_knowledge(
            {
                "guides/test.md": GUIDE,
                "guides/second.md": SECOND,
                "faq/f.yaml": FAQ.format(hash=hash_value),
            }
        )

    return make


def current_hash(root) -> str:
    return section_hash(load_knowledge(root).guide("second").section("Costs"))


def test_guides_lists_sections_and_faq_counts(two_guides):
    """Sections counted as `guidebot check` counts them, the introduction one of them."""
    root = two_guides()
    checked = guidebot("check", str(root)).stdout
    assert "2 guides, 5 sections" in checked
    result = guidebot("guides", "--knowledge", str(root))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["SLUG", "SECTIONS", "FAQS", "TITLE"]
    assert lines[1].split()[:4] == ["second", "2", "1", "Second"]
    assert "(1 may be out of date)" in lines[1]
    assert lines[2].split()[:4] == ["test", "3", "0", "Test"]
    data = json.loads(guidebot("guides", "--json", "--knowledge", str(root)).stdout)
    assert [(g["slug"], g["sections"], g["faqs"]) for g in data["guides"]] == [
        ("second", 2, 1),
        ("test", 3, 0),
    ]


def test_guides_counts_the_faq_entries_linked_to_no_guide(make_knowledge):
    loose = "- question: Where do I park?\n  answer: In the yard behind the school.\n"
    root = make_knowledge({"guides/test.md": GUIDE, "faq/f.yaml": loose})
    shown = guidebot("guides", "--knowledge", str(root)).stdout
    assert "1 FAQ entry is not linked to a guide (no 'section')." in shown


def test_ask_guide_restricts_answers_and_cites_that_guide(two_guides):
    root = two_guides()
    for slug, title in (("second", "Second Guide"), ("test", "Test Guide")):
        result = guidebot("ask", "--json", "--knowledge", str(root), "--guide", slug, "costs")
        reply = json.loads(result.stdout)
        assert reply["sources"] and {s["guide"] for s in reply["sources"]} == {title}


def test_ask_unknown_guide_names_the_known_ones(two_guides):
    result = guidebot("ask", "--knowledge", str(two_guides()), "--guide", "nope", "costs")
    assert result.returncode == 2
    assert "no guide 'nope'" in result.stderr and "second, test" in result.stderr


def test_check_warns_about_faq_answers_whose_section_changed(two_guides):
    root = two_guides()
    result = guidebot("check", str(root))
    assert result.returncode == 0
    assert "warning:" in result.stdout and "FAQ 'sailing-cost' may be out of date" in result.stdout
    assert f"section_hash: {current_hash(root)}" in result.stdout
    kb = load_knowledge(root)
    assert kb.stale_faqs == ("sailing-cost",) and kb.is_stale("faq/sailing-cost")
    assert not kb.is_stale("second/costs/1")


def test_an_up_to_date_hash_gives_no_warning(two_guides):
    root = two_guides()
    fresh = two_guides(current_hash(root))
    kb = load_knowledge(fresh)
    assert kb.warnings == () and kb.stale_faqs == ()
    assert "warning" not in guidebot("check", str(fresh)).stdout


def test_section_hash_ignores_reflowed_whitespace(make_knowledge):
    a = load_knowledge(make_knowledge({"guides/test.md": GUIDE}))
    reflowed = GUIDE.replace("fees included.", "fees\nincluded.")
    b = load_knowledge(make_knowledge({"guides/test.md": reflowed}))
    assert section_hash(a.guides[0].section("Costs")) == section_hash(b.guides[0].section("Costs"))


def test_a_hash_taken_before_lists_kept_their_lines_still_holds(make_knowledge):
    """73414b8a is this section's hash as guidebot 7c2c617 took it, when it read a list
    as one line: FAQ entries linked then must not all turn stale."""
    guide = "---\ntitle: T\n---\n## Steps\nTo book:\n1. Go online.\n2) Pay by card\n\n"
    guide += "- free checks\n- parts  \n\n* one alone\n"
    kb = load_knowledge(make_knowledge({"guides/t.md": guide}))
    assert (
        kb.guides[0].section("Steps").paragraphs[0].text
        == "To book:\n1. Go online.\n2) Pay by card"
    )
    assert section_hash(kb.guides[0].section("Steps")) == "73414b8a"


def test_reload_keeps_the_last_good_knowledge_when_an_edit_breaks_it(two_guides):
    root = two_guides()
    kb = load_knowledge(root)
    good_hash = current_hash(root)
    same, error = reload_knowledge(kb)
    assert same is kb and error is None  # nothing changed: no reload at all
    (root / "faq" / "f.yaml").write_text("- question: where is the answer?\n")
    kept, error = reload_knowledge(kb)
    assert kept is kb and error is not None
    assert "f.yaml:1: entry is missing 'answer'" in str(error)
    (root / "faq" / "f.yaml").write_text(FAQ.format(hash=good_hash))
    fresh, error = reload_knowledge(kb)
    assert error is None and fresh is not kb and fresh.stale_faqs == ()
    assert Bot(fresh).ask("how much are the sailing lessons").kind == "answer"
