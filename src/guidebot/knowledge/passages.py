"""Splits guides and FAQ entries into citable passages with stable ids."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from guidebot.knowledge.gcpause import paused_gc
from guidebot.knowledge.guidefile import word_count
from guidebot.knowledge.model import FaqEntry, Guide, KnowledgeBase, Paragraph, Section
from guidebot.knowledge.slugs import UniqueIds, folded
from guidebot.version import __version__

# A guide's paragraphs are joined (each on a line of its own) until a passage has at least
# MIN_WORDS words, and cut above MAX_WORDS (between paragraphs where it can be, else at
# sentences; `_pieces`): passages of about a hundred
# words, as dense and lexical passage retrieval use (Karpukhin et al., "Dense Passage
# Retrieval", EMNLP 2020). A lone paragraph of 40-60 words tends to be one point of a
# section, and a closing sentence ("Evaluating program length, cost, and ROI is
# essential") won "cost?" by its shortness.
# On dev (`guidebot eval tests/eval/dev.yaml`, top-1 / follow-ups), MIN_WORDS 12 / 40 / 60 /
# 100: the article as `guidebot ingest` makes it 59.1 / 60.7 / 61.0 / 62.8% and 54.4 / 58.8
# / 66.2 / 64.7%; the bundled guide 92.8 / 93.1 / 93.1 / 92.8%; with all-MiniLM-L6-v2 the
# article 77.4 / 77.1 / 78.1 / 78.1% (follow-ups 61.8 / 60.3 / 66.2 / 64.7%) and the bundled
# guide 94.7 / 94.5 / 94.0 / 94.2%. Held-out, run once at 60 after choosing: the article
# 57.8% both ways (with the model 62.5 -> 69.5%), the bundled guide 87.5% both ways.
MIN_WORDS = 60
MAX_WORDS = 160
CHUNKING = 8  # bump when passages are cut or named differently (8: ten-word FAQ ids)
# The whitespace of ASCII but the space (str.split() splits at each).
_OTHER_ASCII_SPACES = ("\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ITEM_NUMBER = re.compile(r"\s*\d+[.)]\s+")
_SLUG_WORD = re.compile(r"[a-z0-9]+")

FAQ_TITLE = "FAQ"  # the guide title an FAQ entry that no guide holds is cited by


def passages_version() -> str:
    """What the passages depend on besides the knowledge files: guidebot's version and how
    they are cut. Caches of passages, and of what is built from them, key on it."""
    return f"{__version__} chunking {CHUNKING} {MIN_WORDS}-{MAX_WORDS}"


@dataclass(frozen=True)
class Passage:
    """The unit guidebot retrieves and cites.

    `title` is what the passage is about (section heading, or an FAQ question and its
    alternates) and is weighted above `text` when searching; `section` is the heading as
    written in the guide, which citations name, and `headings` the whole heading path down
    to it, outermost first (just `section` for a top-level one).
    """

    id: str
    guide: str
    guide_title: str
    section: str
    text: str
    title: str
    kind: str  # "guide" or "faq"
    path: str
    line: int
    question: str = ""
    alternates: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()

    @property
    def asked(self) -> tuple[str, ...]:
        """The ways an FAQ passage's question is put (none for guide passages)."""
        return (self.question, *self.alternates) if self.question else ()


@paused_gc()
def build_passages(kb: KnowledgeBase) -> tuple[Passage, ...]:
    """All passages of a knowledge base, guides first, in file order; same knowledge, same ids."""
    passages: list[Passage] = []
    for guide in kb.guides:
        used = UniqueIds()
        for section in guide.sections:
            slug = used.of(_section_slug(guide, section))
            passages += _section_passages(guide, section, slug)
    titles = {g.slug: g.title for g in kb.guides}
    sections = {(g.slug, s.heading): s for g in kb.guides for s in g.sections}
    passages += [_faq_passage(entry, titles, sections) for entry in kb.faqs]
    return tuple(passages)


def _section_passages(guide: Guide, section: Section, slug: str) -> list[Passage]:
    chunks = _chunks(section.paragraphs)
    headings = section.path
    return [
        Passage(
            id=f"{guide.slug}/{slug}/{n}",
            guide=guide.slug,
            guide_title=guide.title,
            section=section.heading,
            text=text,
            title=section.heading,
            kind="guide",
            path=guide.path,
            line=line,
            headings=headings,
        )
        for n, (text, line) in enumerate(chunks, start=1)
    ]


def _faq_passage(
    entry: FaqEntry, titles: dict[str, str], sections: dict[tuple[str, str], Section]
) -> Passage:
    section = entry.section or entry.question
    linked = sections.get((entry.guide, entry.section))
    return Passage(
        id=f"faq/{entry.id}",
        guide=entry.guide,
        guide_title=titles.get(entry.guide, FAQ_TITLE),
        section=section,
        text=entry.answer,
        title=" ".join((entry.question, *entry.alternates)),
        kind="faq",
        path=entry.path,
        line=entry.line,
        question=entry.question,
        alternates=entry.alternates,
        headings=linked.path if linked is not None else (section,),
    )


def _chunks(paragraphs: Sequence[Paragraph]) -> list[tuple[str, int]]:
    """Merge paragraphs too short to stand alone into the next; split ones too long to read."""
    merged: list[list[tuple[str, int]]] = []  # each chunk's paragraphs: (text, line)
    carry: list[tuple[str, int]] = []
    for paragraph in paragraphs:
        carry.append((paragraph.text, paragraph.line))
        # Words as a reader counts them: a list's markers ("2.", "-") are none.
        if word_count(_joined(carry), MIN_WORDS) >= MIN_WORDS:
            merged.append(carry)
            carry = []
    if carry and merged:
        merged[-1] += carry  # may pass MAX_WORDS now: split below
    elif carry:
        merged.append(carry)
    return [piece for parts in merged for piece in _pieces(parts)]


def _pieces(parts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A chunk's paragraphs (text, line) as passages of at most MAX_WORDS words: whole if it
    fits, else cut between paragraphs where that will do, so that a table or list stays in
    one piece, and within one (at its sentences and lines, `_split_long`) only where it
    must; then into as few pieces as can be, the largest as small as can be. A paragraph
    ending in ":" is never cut from the one it introduces ("Our prices:"), and paragraphs
    are run together to be cut within only as the whole chunk (so the cost stays that of
    splitting each paragraph once). Each piece cites the line of its first paragraph."""
    text = _joined(parts)
    if _surely_at_most(text, MAX_WORDS) or word_count(text, MAX_WORDS) <= MAX_WORDS:
        return [(text, parts[0][1])]
    parts = _introductions_joined(parts)
    ends = list(accumulate(word_count(text) for text, _ in parts))
    # best[end]: ((cuts within paragraphs, pieces, largest piece), start of the last group)
    # for parts[:end], by dynamic programming over where the last group starts.
    best: list[tuple[tuple[int, int, int], int]] = [((0, 0, 0), 0)]
    split: dict[tuple[int, int], list[str]] = {}  # the groups cut within, as cut
    for end in range(1, len(parts) + 1):
        options = []
        for start in range(end):
            (within, pieces, largest), _ = best[start]
            size = ends[end - 1] - (ends[start - 1] if start else 0)
            if size <= MAX_WORDS:
                options.append(((within, pieces + 1, max(largest, size)), start))
            elif end - start == 1 or (start, end) == (0, len(parts)):
                split[start, end] = _split_long(_joined(parts[start:end]))
                cut = [word_count(piece) for piece in split[start, end]]
                key = (within + len(cut) - 1, pieces + len(cut), max(largest, *cut))
                options.append((key, start))
        best.append(min(options))
    groups: list[tuple[int, int]] = []
    end = len(parts)
    while end:
        start = best[end][1]
        groups.insert(0, (start, end))
        end = start
    return [
        (piece, parts[start][1])
        for start, end in groups
        for piece in split.get((start, end)) or [_joined(parts[start:end])]
    ]


def _introductions_joined(parts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The paragraphs with each one ending in ":" run into the next (at its line)."""
    joined: list[tuple[str, int]] = []
    for text, line in parts:
        if joined and joined[-1][0].rstrip().endswith(":"):
            joined[-1] = (f"{joined[-1][0]}\n{text}", joined[-1][1])
        else:
            joined.append((text, line))
    return joined


def _joined(parts: Sequence[tuple[str, int]]) -> str:
    return "\n".join(text for text, _ in parts)


def _surely_at_most(text: str, limit: int) -> bool:
    """True when text cannot have more than limit words, known without splitting it: words
    are what whitespace separates, so fewer spaces than limit and no other whitespace do."""
    if text.count(" ") >= limit:
        return False
    if text.isascii():
        return not any(space in text for space in _OTHER_ASCII_SPACES)
    return text.isprintable()  # printable text holds no whitespace but the space


def _split_long(text: str) -> list[str]:
    """Pieces of at most MAX_WORDS words cut at sentence ends and line breaks, each keeping
    its line breaks (paragraphs and list items)."""
    if word_count(text, MAX_WORDS) <= MAX_WORDS:
        return [text]
    pieces: list[str] = []
    current = ""
    count = 0  # words in current: joining at a space or line break neither makes nor merges one
    for number, line in enumerate(text.split("\n")):
        marker = _ITEM_NUMBER.match(line)  # "2. " ends no sentence: it stays with its step
        head = marker.group(0) if marker else ""
        sentences = _SENTENCE_END.split(line[len(head) :])
        sentences[0] = head + sentences[0]
        for sentence_number, sentence in enumerate(sentences):
            words = word_count(sentence)
            if current and count + words > MAX_WORDS:
                pieces.append(current)
                current, count = "", 0
            joint = "\n" if number and not sentence_number else " "
            current = f"{current}{joint}{sentence}" if current else sentence
            count += words
    if current:
        pieces.append(current)
    return pieces


INTRO = "intro"  # the heading part of an introduction's passage ids (guide/intro/n)


def _section_slug(guide: Guide, section: Section) -> str:
    return INTRO if section.is_intro else heading_slug(section.heading)


def heading_slug(heading: str) -> str:
    """The part of a passage id that names its heading: its first six words of two letters
    or more, accents dropped ("what-is-the-average-salary-for", "cafe-hours")."""
    words = [w for w in _SLUG_WORD.findall(folded(heading)) if len(w) > 1]
    return "-".join(words[:6]) or "section"
