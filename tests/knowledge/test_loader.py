"""Loading and validating knowledge: every problem reported as file:line, nothing half-loaded."""

from __future__ import annotations

import re

import pytest

from guidebot.errors import KnowledgeError
from guidebot.knowledge.loader import load_knowledge
from tests.conftest import GUIDE, KNOWLEDGE


def problems_of(root) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    return [str(p) for p in info.value.problems]


def test_bundled_knowledge_loads_with_every_guide_section():
    kb = load_knowledge(KNOWLEDGE)
    guide = kb.guide("ai-masters-manufacturing")
    assert guide is not None
    assert guide.title == "2026 AI Master's Degree Careers in Manufacturing"
    assert guide.author == "Imed Bouchrika, PhD"
    headings = [s.heading for s in guide.sections]
    assert "Key Things You Should Know" in headings
    parent = "Other Things You Should Know About Artificial Intelligence"
    assert parent not in headings  # a parent of sub-headings, not a section of its own
    under = [s for s in guide.sections if s.parents == (parent,)]
    assert [s.heading for s in under] == [
        "How is artificial intelligence changing quality control in manufacturing?",
        "What role does artificial intelligence play in supply chain management within "
        "manufacturing?",
        "Can artificial intelligence help with workplace safety in manufacturing environments?",
        "What are the ethical considerations of using artificial intelligence in manufacturing?",
    ]
    assert len(kb.faqs) >= 20 and kb.synonyms and kb.smalltalk and kb.out_of_scope


def test_guide_sections_and_intro(make_knowledge):
    kb = load_knowledge(make_knowledge({"guides/test.md": GUIDE}))
    (guide,) = kb.guides
    assert [s.heading for s in guide.sections] == ["Test Guide", "Costs", "Admission"]
    assert guide.sections[0].is_intro
    assert len(guide.sections[1].paragraphs) == 2
    assert guide.sections[1].paragraphs[0].line == 8


def test_faq_only_directory_is_complete(make_knowledge):
    root = make_knowledge({"faq/a.yaml": "- question: Is it online?\n  answer: Yes, fully.\n"})
    kb = load_knowledge(root)
    assert kb.faqs[0].id == "is-it-online" and not kb.guides


def test_bad_yaml_reports_file_and_line(make_knowledge):
    root = make_knowledge({"faq/a.yaml": "- question: ok\n  answer: fine\n- question: [unclosed\n"})
    (problem,) = problems_of(root)
    assert problem.startswith(f"{root}/faq/a.yaml:") and "invalid YAML" in problem


def test_all_problems_are_reported_at_once(make_knowledge):
    root = make_knowledge(
        {
            "guides/test.md": GUIDE + "\n## Empty heading\n",
            "faq/a.yaml": """
                - id: x
                  question: Q1
                  answer: A1
                  colour: blue
                - id: x
                  question: Q2
                  answer: A2
                - question: Q3
            """,
            "faq/b.yaml": "- question: Q4\n  answer: A4\n  section: No Such Section\n",
        }
    )
    problems = problems_of(root)
    text = "\n".join(problems)
    assert f"{root}/guides/test.md:15: section 'Empty heading' has no text" in text
    assert f"{root}/faq/a.yaml:4: unknown field 'colour'" in text
    assert f"{root}/faq/a.yaml:8: entry is missing 'answer'" in text
    # The guide failed, so links into it are not reported as well (they would all be noise).
    assert "does not exist" not in text


def test_link_to_a_missing_section(make_knowledge):
    root = make_knowledge(
        {"guides/test.md": GUIDE, "faq/b.yaml": "- question: Q\n  answer: A\n  section: Nope\n"}
    )
    assert problems_of(root) == [f"{root}/faq/b.yaml:1: section 'Nope' does not exist in any guide"]


def test_a_misspelt_section_link_names_the_heading_it_is_close_to(make_knowledge):
    faq = "- question: Q\n  answer: A\n  section: costs.\n"
    root = make_knowledge({"guides/test.md": GUIDE, "faq/b.yaml": faq})
    assert problems_of(root) == [
        f"{root}/faq/b.yaml:1: section 'costs.' does not exist in any guide (did you mean 'Costs'?)"
    ]


def test_duplicate_keys_are_reported(make_knowledge):
    root = make_knowledge({"faq/a.yaml": "- question: a\n  question: b\n  answer: x\n"})
    assert problems_of(root) == [f"{root}/faq/a.yaml:2: invalid YAML: duplicate key 'question'"]


def test_a_colon_in_an_unquoted_text_is_reported_with_the_fix(make_knowledge):
    root = make_knowledge({"faq/a.yaml": "- question: When?\n  answer: Open: 9am to 5pm\n"})
    (problem,) = problems_of(root)
    assert problem.startswith(f"{root}/faq/a.yaml:2: invalid YAML: mapping values")
    assert problem.endswith('a text holding ": " must be put in double quotes ("...")')


def test_odd_files_are_skipped_or_reported_never_a_traceback(make_knowledge):
    root = make_knowledge({"faq/a.yaml": "- question: q\n  answer: a\n"})
    (root / "faq" / "folder.yaml").mkdir()
    (root / "faq" / "gone.yaml").symlink_to(root / "nowhere")
    (root / "guides").mkdir()
    (root / "guides" / "bom.md").write_bytes("\ufeff---\ntitle: T\n---\nSome text here.\n".encode())
    (root / "guides" / "latin1.md").write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    assert problems_of(root) == [f"{root}/guides/latin1.md:2: not UTF-8 text"]
    (root / "guides" / "latin1.md").unlink()
    assert load_knowledge(root).guides[0].title == "T"


def test_duplicate_ids_across_files(make_knowledge):
    root = make_knowledge(
        {
            "faq/a.yaml": "- id: same\n  question: Q1\n  answer: A1\n",
            "faq/b.yaml": "- id: same\n  question: Q2\n  answer: A2\n",
        }
    )
    (problem,) = problems_of(root)
    assert problem == f"{root}/faq/b.yaml:1: duplicate id 'same' (first at {root}/faq/a.yaml:1)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no front matter\n", "must start with '---'"),
        ("---\ntitle: x\n", "not closed"),
        ("---\nauthor: me\n---\nbody text\n", "needs a non-empty 'title'"),
        ("---\ntitle: t\nmood: happy\n---\nbody\n", "unknown front matter key 'mood'"),
    ],
)
def test_guide_front_matter_problems(make_knowledge, text, message):
    problems = problems_of(make_knowledge({"guides/g.md": text}))
    assert any(message in p for p in problems), problems


def test_missing_or_empty_directory(tmp_path, make_knowledge):
    assert "knowledge directory not found" in problems_of(tmp_path / "nope")[0]
    assert "no knowledge found" in problems_of(make_knowledge({}))[0]


def test_synonym_word_in_two_groups(make_knowledge):
    root = make_knowledge(
        {
            "faq/a.yaml": "- question: q\n  answer: a\n",
            "synonyms.yaml": "- [pay, salary]\n- [cost, pay]\n",
        }
    )
    assert problems_of(root) == [f"{root}/synonyms.yaml:2: 'pay' is in two groups"]


def test_fingerprint_changes_with_content(make_knowledge):
    root = make_knowledge({"faq/a.yaml": "- question: q\n  answer: a\n"})
    before = load_knowledge(root).fingerprint
    (root / "faq/a.yaml").write_text("- question: q\n  answer: b\n", encoding="utf-8")
    assert load_knowledge(root).fingerprint != before


def test_follow_ups_and_metadata_are_kept_and_checked(make_knowledge):
    from guidebot.knowledge.loader import load_knowledge

    faq = (
        "- id: hours\n  question: When are you open?\n  answer: |\n    Weekdays 9-5.\n"
        "    Saturdays 10-2.\n  follow_ups: [holidays]\n  metadata: {source: kb-export}\n"
        "- id: holidays\n  question: Are you open on holidays?\n  answer: No.\n"
    )
    kb = load_knowledge(make_knowledge({"faq/a.yaml": faq}))
    hours = kb.faqs[0]
    assert hours.answer == "Weekdays 9-5.\nSaturdays 10-2."  # line breaks kept
    assert hours.follow_ups == ("holidays",) and hours.metadata == (("source", "kb-export"),)
    broken = make_knowledge({"faq/a.yaml": faq.replace("[holidays]", "[nowhere]")})
    with pytest.raises(KnowledgeError, match=r"a.yaml:1: follow-up 'nowhere' is not"):
        load_knowledge(broken)


NESTED = """
---
title: Nested
---
Opening words of the nested guide for every reader, long enough to stand alone.

## Parent
### Child one
Text of the first child section, which has enough words to be a passage on its own.

#### Grandchild
Text of the grandchild section, which also has enough words to be a passage.

### Child two
Text of the second child section, again with enough words to stand on its own.

## Sibling
Text of a top-level sibling section that has plenty of words in it as well.
"""


def test_sub_headings_nest_under_their_parent(make_knowledge):
    (guide,) = load_knowledge(make_knowledge({"guides/n.md": NESTED})).guides
    paths = [s.path for s in guide.sections]
    assert paths == [
        ("Nested",),
        ("Parent", "Child one"),
        ("Parent", "Child one", "Grandchild"),
        ("Parent", "Child two"),
        ("Sibling",),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("## Empty\n## Full\nSome text here that is long enough to be read as a paragraph.\n", 5),
        ("## Full\nSome text here that is long enough to be read as a paragraph.\n### Empty\n", 7),
        ("## Parent\n### Empty child\n## Next\nEnough words in this section for it to count.\n", 6),
    ],
)
def test_a_heading_with_no_text_and_no_sub_headings_is_a_problem(make_knowledge, text, line):
    guide = "---\ntitle: T\n---\nIntro text for the guide.\n" + text
    with pytest.raises(KnowledgeError, match=rf"guides/t.md:{line}: section '.*' has no text"):
        load_knowledge(make_knowledge({"guides/t.md": guide}))


@pytest.mark.parametrize(
    ("heading", "problem"),
    [
        ("## ", "heading '##' has no words: write them after the ##, or remove the line"),
        ("###", "heading '###' has no words"),
        ("##Gift cards", "heading '##Gift cards' needs a space after its ##"),
        ("## ##", "heading '## ##' has no words: write them after the ##"),
    ],
)
def test_a_heading_without_words_or_a_space_is_a_problem_not_text(make_knowledge, heading, problem):
    """Read as text, "## " or "##Gift cards" would join the section before it, a raw "##" in
    its answers, while `guidebot check` said OK. A single "#" may start text ("#1 tip")."""
    guide = "---\ntitle: T\n---\nIntro text.\n\n## Fees\nFees are low.\n\n{}\nGifts.\n"
    with pytest.raises(KnowledgeError, match=rf"guides/t.md:9: {re.escape(problem)}"):
        load_knowledge(make_knowledge({"guides/t.md": guide.format(heading)}))
    kb = load_knowledge(make_knowledge({"guides/t.md": guide.format("#1 tip: ask early.")}))
    assert kb.guides[0].sections[-1].paragraphs[-1].text == "#1 tip: ask early. Gifts."
    # inside a paragraph, "##helpdesk" is its text, as Markdown reads it
    tagged = guide.replace("Fees are low.\n\n{}", "Fees are low; tag us\n##helpdesk")
    kb = load_knowledge(make_knowledge({"guides/t.md": tagged}))
    assert kb.guides[0].sections[-1].paragraphs[0].text == "Fees are low; tag us ##helpdesk Gifts."


def test_a_guide_that_looks_like_a_menu_is_a_warning(make_knowledge):
    sections = "".join(f"## Page {n}\nSee page {n}.\n\n" for n in range(6))
    guide = "---\ntitle: Site\n---\nWelcome to the site index for everyone.\n\n" + sections
    kb = load_knowledge(make_knowledge({"guides/site.md": guide}))
    assert any("looks like a menu, not an article" in w for w in kb.warnings)
    assert not load_knowledge(KNOWLEDGE).warnings


def test_a_menu_of_bullets_is_still_a_menu(make_knowledge):
    """A list's markers are no words: four one-word bullets are four words, not eight."""
    sections = "".join(f"## Page {n}\n- fees\n- dates\n- staff\n- maps\n\n" for n in range(6))
    guide = "---\ntitle: Site\n---\nWelcome to the site index for everyone.\n\n" + sections
    kb = load_knowledge(make_knowledge({"guides/site.md": guide}))
    assert any("looks like a menu, not an article" in w for w in kb.warnings)


def test_a_heading_ending_in_a_hash_keeps_it(make_knowledge):
    guide = (
        "---\ntitle: T\n---\nIntro text.\n\n## Learning C#\nText about C sharp.\n\n"
        "## Done ##\nEnd.\n"
    )
    (loaded,) = load_knowledge(make_knowledge({"guides/t.md": guide})).guides
    assert [s.heading for s in loaded.sections[1:]] == ["Learning C#", "Done"]


def test_every_problem_of_a_file_is_listed_at_once_in_line_order(make_knowledge):
    """A missing answer does not hide a duplicate id above it until the next run."""
    root = make_knowledge(
        {
            "faq/a.yaml": """
            - id: one
              question: First?
              answer: Yes.
            - id: one
              question: Second?
              answer: Yes.
            - id: three
              question: Third?
            """
        }
    )
    assert problems_of(root) == [
        f"{root}/faq/a.yaml:4: duplicate id 'one' (first at {root}/faq/a.yaml:1)",
        f"{root}/faq/a.yaml:7: entry is missing 'answer'",
    ]


@pytest.mark.parametrize("folder", ["", "guides"])
def test_a_folder_that_cannot_be_listed_is_a_problem_not_an_empty_knowledge(
    make_knowledge, monkeypatch, folder
):
    """Path.glob skips a folder it may not list without a word, which served the knowledge
    without its guides. (Running as root, permissions are not enforced: listing is made to
    fail.)"""
    import os

    root = make_knowledge(
        {"guides/costs.md": GUIDE, "faq/faq.yaml": "- question: Q?\n  answer: A.\n"}
    )
    locked, real = root / folder if folder else root, os.scandir

    def refused(path=".", *args):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", refused)
    assert problems_of(root) == [f"{locked}: cannot read this folder (Permission denied)"]
