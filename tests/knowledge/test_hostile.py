"""Hostile or broken knowledge files: a file:line problem, never a traceback, and no control
character ever gets through to what guidebot prints."""

from __future__ import annotations

import os
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidebot.bot import Bot
from guidebot.errors import KnowledgeError
from guidebot.knowledge.loader import fingerprint, load_knowledge
from guidebot.knowledge.yamlsource import read_text
from guidebot.reply.render import as_markdown, as_text

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FAQ = "- question: When are you open?\n  answer: {answer}\n"


def problems(root) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(root)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("? [a]\n: b\n", ":1: invalid YAML: a key must be plain text"),
        ("a: " + "[" * 400 + "]" * 400 + "\n", ":1: invalid YAML: nested too deeply"),
        (FAQ.format(answer='"clear \x1b[2J now"'), ":2: control character U+001B"),
        (FAQ.format(answer='"title \\e]0;pwned\\a"'), ":2: invalid YAML: control character U+001B"),
        (FAQ.format(answer="a \x9b c1 byte"), ":2: control character U+009B"),
        (FAQ.format(answer="nul \x00 byte"), ":2: control character U+0000"),
        (FAQ.format(answer="a \u202e reversed"), ":2: control character U+202E"),
        # a character PyYAML's reader refuses (no mark of its own): its line, not the first
        (FAQ.format(answer="a \ufffe noncharacter"), ":2: invalid YAML: character U+FFFE"),
        (FAQ.format(answer="2026-02-30"), ":2: invalid YAML: cannot read this value (day is"),
        (FAQ.format(answer="!!int soon"), ":2: invalid YAML: cannot read this value (invalid"),
        (FAQ.format(answer="!!timestamp x"), ":2: invalid YAML: cannot read this value ("),
        ("!!map\n- a\n", ":1: invalid YAML: cannot read this value ("),
        # a quote or bracket left open: the line where it opened, not where the file ends
        (
            '- question: "What is it\n  answer: x\n- question: b\n  answer: c\n',
            ":1: invalid YAML: found unexpected end of stream at line 5, while scanning a "
            "quoted scalar that starts here",
        ),
        # an indentation mistake: where the parser stopped, not where the list began
        (
            "- question: a\n  answer: b\n- question: c\n  answer: d\n - question: e\n",
            ":5: invalid YAML: ",
        ),
        (
            "- question: a\n  alternates: [x, y\n  answer: b\n",
            ":2: invalid YAML: did not find expected ',' or ']' at line 3, while parsing a flow "
            "sequence that starts here",
        ),
    ],
)
def test_a_bad_faq_file_is_a_problem_at_its_line(make_knowledge, text, expected):
    root = make_knowledge({"faq/x.yaml": "- question: q\n  answer: a\n"})
    (root / "faq" / "x.yaml").write_bytes(text.encode("utf-8"))
    (found,) = problems(root)
    assert found.startswith(f"{root}/faq/x.yaml{expected}")


def test_a_guide_with_an_escape_sequence_is_refused(make_knowledge):
    guide = "---\ntitle: T\n---\nSome text.\n\n## A\nOpens \x1b]8;;http://x\x07link\n"
    root = make_knowledge({"guides/g.md": guide})
    assert problems(root) == [f"{root}/guides/g.md:7: control character U+001B"]


def test_crlf_line_ends_are_fine(make_knowledge):
    root = make_knowledge({"faq/x.yaml": "- question: q?\r\n  answer: a\r\n"})
    assert load_knowledge(root).faqs[0].answer == "a"


def test_a_file_name_that_is_not_utf8_is_reported_and_the_rest_loads(make_knowledge):
    root = make_knowledge({"faq/x.yaml": "- question: q?\n  answer: a\n"})
    (root / "guides").mkdir()
    with open(os.fsencode(root / "guides") + b"/\xff.md", "wb") as handle:
        handle.write(b"---\ntitle: T\n---\nText.\n")
    assert fingerprint(root)  # no UnicodeEncodeError
    assert problems(root) == [f"{root}/guides/\ufffd.md: the file name is not UTF-8"]


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("x" * 2000)
    text, found = read_text(path, "big.yaml", max_bytes=1000)
    assert text is None and "over the 1,000 limit" in str(found[0])


PRINTABLE = st.text(alphabet=string.printable + "\x1b\x07\x00\x9b\u202e", max_size=80)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answer=PRINTABLE, question=PRINTABLE)
def test_whatever_a_file_holds_nothing_raises_and_no_control_character_is_printed(
    make_knowledge, answer, question
):
    root = make_knowledge({"faq/x.yaml": "- question: q?\n  answer: a\n"})
    body = f"- question: {question!r}\n  answer: {answer!r}\n"
    (root / "faq" / "x.yaml").write_text(body, encoding="utf-8")
    try:
        bot = Bot.load(root)
    except KnowledgeError:
        return  # a clean file:line refusal is a fine outcome
    reply = bot.ask(question or "hello")
    for out in (as_text(reply), as_markdown(reply)):
        assert not CONTROL.search(out.replace("\n", "").replace("\t", ""))
