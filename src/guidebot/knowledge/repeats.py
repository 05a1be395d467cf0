"""Knowledge that loads but would answer badly, as warnings: FAQ entries asked in the same
words as an earlier one (most often the same export brought in twice, whose copies would
then be cited side by side as two sources), a guide's headings written twice, a guide read
from a menu rather than an article."""

from __future__ import annotations

from collections.abc import Sequence

from guidebot.knowledge.guidefile import word_count
from guidebot.knowledge.model import FaqEntry, Guide, Section

MENU_WORDS = 8  # a section with fewer words than this says next to nothing


def _asked(question: str) -> str:
    """The question as compared: case, punctuation and spacing aside."""
    return " ".join("".join(c if c.isalnum() else " " for c in question.casefold()).split())


def repeated_questions(faqs: Sequence[FaqEntry]) -> list[str]:
    """Warnings naming the entries asked in the same words as an earlier entry: one per pair
    of files, counting the entries and citing the first as `path:line`, so that a whole
    export brought in twice is one line ("faq/b.yaml: 17 questions are asked in the same
    words in faq/a.yaml, e.g. line 3 ..."). The first of each wording stays the one meant."""
    first: dict[str, FaqEntry] = {}
    pairs: dict[tuple[str, str], list[tuple[FaqEntry, FaqEntry]]] = {}
    for entry in faqs:
        key = _asked(entry.question)
        if not key:
            continue
        earlier = first.setdefault(key, entry)
        if earlier is not entry:
            pairs.setdefault((entry.path, earlier.path), []).append((entry, earlier))
    warnings = []
    for (path, earlier_path), found in pairs.items():
        where = "earlier in the same file" if path == earlier_path else f"in {earlier_path}"
        count = "1 question is" if len(found) == 1 else f"{len(found)} questions are"
        # Two answers to one question contradict each other more often than not ("Yes, we
        # ship to Canada" and "No, we do not"): someone has to choose.
        differ = [(e, x) for e, x in found if _asked(e.answer) != _asked(x.answer)]
        entry, earlier = (differ or found)[0]
        said = (
            f"{path}:{entry.line}: {count} asked in the same words {where} (the first at "
            f"line {earlier.line}: '{earlier.question}')"
        )
        if differ:
            some = "" if len(differ) == len(found) else f"{len(differ)} of them "
            warnings.append(
                f"{said}, {some}answered differently; both answers would be cited side by "
                "side: keep the right one"
            )
        else:
            warnings.append(f"{said}; brought in twice? Both copies would be cited side by side")
    return warnings


def repeated_headings(guides: Sequence[Guide]) -> list[str]:
    """Warnings naming each section of a guide whose heading (with the headings it sits
    under) is an earlier section's, letter case aside: guidebot could not tell the two
    apart when it asks which one is meant, nor could a reader of its citations."""
    warnings = []
    for guide in guides:
        first: dict[tuple[str, ...], Section] = {}
        for section in guide.sections:
            if section.is_intro:  # headed by the title, which no line of the guide writes
                continue
            key = tuple(h.casefold() for h in (*section.parents, section.heading))
            earlier = first.setdefault(key, section)
            if earlier is not section:
                warnings.append(
                    f"{guide.path}:{section.line}: the heading '{section.heading}' is also at "
                    f"line {earlier.line}: give each section a heading of its own"
                )
    return warnings


def menu_warnings(guides: list[Guide]) -> list[str]:
    """A guide most of whose sections (of four or more) hold a few words at most was likely
    read from a menu or an index page, not an article: worth a look before it answers."""
    warnings = []
    for guide in guides:
        body = [s for s in guide.sections if not s.is_intro]
        tiny = [s for s in body if _fewer_words(s, MENU_WORDS)]
        if len(body) >= 4 and len(tiny) * 2 > len(body):
            warnings.append(
                f"{guide.path}: {len(tiny)} of its {len(body)} sections have fewer than "
                f"{MENU_WORDS} words: this looks like a menu, not an article"
            )
    return warnings


def _fewer_words(section: Section, limit: int) -> bool:
    """Whether the section has fewer than `limit` words, without joining and splitting all
    of its text; a list's markers ("2.", "-") are no words."""
    words = 0
    for paragraph in section.paragraphs:
        words += word_count(paragraph.text, limit)
        if words >= limit:
            return False
    return True
