"""The quick paths of knowledge loading give what the plain ones give, problems included:
YAML built without PyYAML's general constructor, files checked for control characters in
one pass, and the word counts, list items and answers that no longer split everything."""

from __future__ import annotations

import gc
import re
import string
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from guidebot.knowledge import faqfile, guidefile, passages, repeats, yamlsource
from guidebot.knowledge.gcpause import paused_gc
from guidebot.knowledge.model import Paragraph, Section


def shape(value: Any, seen: dict[int, int] | None = None) -> Any:
    """Everything load_yaml gives, the lines of each mapping and key included, and which
    lists and maps are one object met twice (an anchor and its alias)."""
    seen = {} if seen is None else seen
    if isinstance(value, dict | list):
        if id(value) in seen:
            return ("again", seen[id(value)])
        seen[id(value)] = len(seen)
    if isinstance(value, yamlsource.LineDict):
        items = [(k, shape(v, seen)) for k, v in value.items()]
        return ("map", value.line, value.key_lines, items)
    if isinstance(value, list):
        return ("list", [shape(v, seen) for v in value])
    return (type(value).__name__, repr(value))


def both_ways(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """load_yaml's outcome as it is, and with every document left to PyYAML's constructor."""

    def outcome() -> Any:
        try:
            data, problems = yamlsource.load_yaml(text, "f.yaml", first_line=2)
        except Exception as error:  # a crash must stay the same crash
            return ("raised", type(error).__name__, str(error))
        return shape(data), [str(p) for p in problems]

    quick = outcome()

    def never_plain(*args: Any) -> Any:
        raise yamlsource._NotPlain

    with monkeypatch.context() as patch:
        patch.setattr(yamlsource, "_plain", never_plain)
        return quick, outcome()


DOCUMENTS = [
    "",
    "- question: When?\n  answer: Now.\n  alternates: [a, 'b']\n  metadata: {n: 1, x: 1.5}\n",
    "a: 1\nb: yes\nc: ~\nd: -.inf\ne: 0x1F\nf: 190:20:30\ng: 2026-01-02\n",
    "a: 1\na: 2\n",  # duplicate key
    "- a: 1\n  b: {c: 2, c: 3}\n",
    "? [a]\n: b\n",  # a list as a key
    "1: one\nnull: none\n'2': two\n",
    "a: &x [1, {b: c}]\nb: *x\n",  # one list in two places
    "a: &a [*a]\n",
    "base: &b {k: v}\nm:\n  <<: *b\n  j: w\n",  # a merge key
    "= : v\n",
    "a: !!str 1\nb: !!binary aGk=\nc: !!set {x}\nd: !!omap [x: 1]\n",
    "a: !!int x\n",  # PyYAML raises ValueError: so must this
    "a: !!int x\na: 1\n",  # ... unless a duplicate key comes first
    "a: !!bool maybe\na: 1\n",
    "a: !!map [1]\n",
    "a: !custom x\n",
    '- "clear \\e[2J"\n',  # a control character from an escape
    '"\\x1b": key\n',
    "a: [unclosed\n",
    "a: " + "[" * 400 + "]" * 400 + "\n",  # nested too deeply
    "a: " + "[" * 40 + "x" + "]" * 40 + "\n",  # deeper than _plain goes, not too deep
    "a: |\n  x\n\n  y\nb: >\n  x\n  y\n",
    "---\na: 1\n---\nb: 2\n",
    "a: \uffff\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_plain_yaml_is_what_pyyamls_constructor_builds(text, monkeypatch):
    quick, full = both_ways(text, monkeypatch)
    assert quick == full


ATOMS = ["a", "q", "1", "yes", "~", "'x'", '"y"', '"\\e"', "&n ", "*n", "!!str ", "!!int ",
         "<<", "[", "]", "{", "}", ", ", ": ", "- ", "? ", "\n", "\n  ", "\n- ", "#", "|", "\t",
         "é", "2026-01-01"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ATOMS), max_size=25).map("".join))
def test_any_yaml_gives_the_same_data_or_the_same_problem(text):
    with pytest.MonkeyPatch.context() as monkeypatch:
        quick, full = both_ways(text, monkeypatch)
    assert quick == full


def test_libyaml_parses_when_pyyaml_has_it():
    if yaml.__with_libyaml__:
        assert issubclass(yamlsource._LineLoader, yaml.CSafeLoader)


def read_text_as_before(data: bytes) -> tuple[str | None, list[str]]:
    """read_text's control-character check, line by line on every file."""
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    problems = [
        f"f:{number}: control character U+{ord(found.group()):04X}"
        for number, line in enumerate(text.split("\n"), start=1)
        for found in [yamlsource.CONTROL.search(line)]
        if found
    ]
    return (None, problems) if problems else (text, [])


PIECES = [b"a", b" ", b"\n", b"\r\n", b"\r", b"\t", b"\x00", b"\x1b", b"\x7f", b"\xc2\x85",
          b"\xc2\x9b", b"\xc2\xa0", b"\xc3\xa9", b"\xef\xbb\xbf", b"\xe2\x80\xa8",
          b"\xe2\x80\xae", b"\xe2\x81\xa6", b"\xe2\x80\x94"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map(b"".join))
def test_the_quick_control_check_finds_what_the_line_by_line_one_finds(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("read") / "f"
    path.write_bytes(data)
    text, problems = yamlsource.read_text(path, "f")
    assert (text, [str(p) for p in problems]) == read_text_as_before(data)


def test_the_ascii_spaces_are_all_of_them():
    ascii_spaces = {chr(c) for c in range(128) if chr(c).isspace()}
    assert set(passages._OTHER_ASCII_SPACES) == ascii_spaces - {" "}


WORDY = st.text(alphabet="ab .!?\t\n\u00a0\u2003\u3000-", max_size=60)


@settings(max_examples=300, deadline=None)
@given(WORDY, st.integers(min_value=0, max_value=8))
def test_surely_at_most_is_never_wrong(text, limit):
    if passages._surely_at_most(text, limit):
        assert len(text.split()) <= limit


def chunks_plainly(paragraphs: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """Every best way to cut the paragraphs: short ones joined into the next (the last into
    the one before), each group then cut by trying every set of cuts between paragraphs."""
    groups: list[list[tuple[str, int]]] = []
    carry: list[tuple[str, int]] = []
    for text, line in paragraphs:
        carry.append((text, line))
        if len(counted("\n".join(t for t, _ in carry))) >= passages.MIN_WORDS:
            groups.append(carry)
            carry = []
    if carry and groups:
        groups[-1] += carry
    elif carry:
        groups.append(carry)
    ways: list[list[tuple[str, int]]] = [[]]
    for group in groups:
        ways = [way + more for way in ways for more in pieces_plainly(group)]
    return ways


def pieces_plainly(parts: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """The cuttings of a group too long for one passage, each paragraph ending in ":" kept
    with the next, and several paragraphs cut within only as the whole group: fewest cut
    inside a paragraph, then in fewest pieces, then with the smallest largest piece."""
    whole = "\n".join(t for t, _ in parts)
    if len(counted(whole)) <= passages.MAX_WORDS:
        return [[(whole, parts[0][1])]]
    glued: list[tuple[str, int]] = []
    for text, line in parts:
        if glued and glued[-1][0].rstrip().endswith(":"):
            glued[-1] = (f"{glued[-1][0]}\n{text}", glued[-1][1])
        else:
            glued.append((text, line))
    scored = []
    for mask in range(2 ** (len(glued) - 1)):
        starts = [0] + [n for n in range(1, len(glued)) if mask >> (n - 1) & 1]
        runs = list(zip(starts, [*starts[1:], len(glued)], strict=True))
        pieces: list[tuple[str, int]] = []
        inside = 0
        for start, end in runs:
            text = "\n".join(t for t, _ in glued[start:end])
            if len(counted(text)) > passages.MAX_WORDS and 1 < end - start < len(glued):
                break
            cut = split_long_plainly(text)
            inside += len(cut) - 1
            pieces += [(piece, glued[start][1]) for piece in cut]
        else:
            largest = max(len(counted(piece)) for piece, _ in pieces)
            scored.append(((inside, len(pieces), largest), pieces))
    best = min(key for key, _ in scored)
    return [pieces for key, pieces in scored if key == best]


def counted(text: str) -> list[str]:
    """The words a reader counts: a list's markers are none."""
    return [
        word
        for line in text.split("\n")
        for n, word in enumerate(line.split())
        if n or not re.fullmatch(r"[-*•]|\d+[.)]", word) or not re.match(r"\s*\S+\s", line)
    ]


def split_long_plainly(text: str) -> list[str]:
    if len(counted(text)) <= passages.MAX_WORDS:
        return [text]
    units = []
    for n, line in enumerate(text.split("\n")):
        head = re.match(r"\s*\d+[.)]\s+", line)
        parts = re.split(r"(?<=[.!?])\s+", line[head.end() if head else 0 :])
        parts[0] = (head.group(0) if head else "") + parts[0]
        units += [("\n" if n and not k else " ", part) for k, part in enumerate(parts)]
    pieces: list[str] = []
    current, count = "", 0
    for joint, sentence in units:
        words = len(counted(sentence))
        if current and count + words > passages.MAX_WORDS:
            pieces.append(current)
            current, count = sentence, words
        else:
            current = f"{current}{joint}{sentence}" if current else sentence
            count += words
    if current:
        pieces.append(current)
    return pieces


SENTENCE = st.lists(
    st.sampled_from(["word", "é", "x\ty", "a\u00a0b", "", " ", "\n2. z", "\n- y", "\n3)"]),
    max_size=30,
).map(lambda words: " ".join(words) + ".")
PARAGRAPH = st.lists(SENTENCE, max_size=25).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(PARAGRAPH, max_size=6))
def test_chunks_are_a_best_cut(texts):
    paragraphs = [Paragraph(text, n) for n, text in enumerate(texts, start=1)]
    assert passages._chunks(paragraphs) in chunks_plainly([(p.text, p.line) for p in paragraphs])


def block_text_plainly(block: list[str]) -> str:
    lines: list[str] = []
    for raw in block:
        found = re.match(r"^\s*([-*•]|\d+[.)])\s+", raw)
        if found:
            marker = "-" if found.group(1) in "-*•" else found.group(1)
            lines.append(f"{marker} {raw[found.end() :]}")
        elif lines:
            lines[-1] += " " + raw.strip()
        else:
            lines.append(raw.strip())
    return "\n".join(lines)


def block_text_as_before(block: list[str]) -> str:
    """How guidebot read a block before it kept list items on lines of their own."""
    bullet = r"^\s*(?:[-*•]|\d+[.)])\s+"
    items = [re.sub(bullet, "", line) for line in block]
    if len(block) > 1 and all(re.match(bullet, line) for line in block):
        items = [item.rstrip(".") + "." for item in items]
    return " ".join(s.strip() for s in items)


LINE = st.text(alphabet="-*•1٣.) \ta\u00a0", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=4))
def test_list_items_keep_their_lines(block):
    assert guidefile._block_text(block) == block_text_plainly(block)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=4))
def test_one_line_is_the_block_as_read_before_so_section_hashes_hold(block):
    """The hash is whitespace-insensitive: only the words and stops must be the same. Two
    kinds of list cannot be told apart once read: a bare marker line ("-", "2.") with a
    line under it, now an item holding that line, and an item wrapped onto a second line,
    now one line (before, wrapping cost the items their full stops). `guidebot ingest`
    writes neither (one line an item), and it is what writes section hashes; in a guide
    written by hand the entries of such a section are shown as possibly out of date."""
    bullet = r"\s*([-*•]|\d+[.)])\s"
    assume(not any(re.fullmatch(r"\s*([-*•]|\d+[.)])\s*", line) for line in block))
    items = [bool(re.match(bullet, line)) for line in block]
    assume(not any(a and not b for a, b in zip(items, items[1:], strict=False)))
    now = guidefile.one_line(guidefile._block_text(block))
    assert now.split() == block_text_as_before(block).split()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab \t\n", max_size=20), max_size=5))
def test_menu_word_counts_are_as_before(texts):
    section = Section("S", 1, tuple(Paragraph(t, 1) for t in texts))
    for limit in (1, 3, repeats.MENU_WORDS):
        assert repeats._fewer_words(section, limit) == (len(section.text.split()) < limit)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_letters[:3] + " \t\n\r\u2028\x0b", min_size=1, max_size=30))
def test_answers_are_spaced_as_before(text):
    if text.strip():
        lines = (" ".join(line.split()) for line in text.strip().splitlines())
        assert faqfile._answer(text) == re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def test_the_collector_is_paused_within_and_as_it_was_after():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # switched off by someone else: left off
    finally:
        gc.enable()
