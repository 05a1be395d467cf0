"""FAQ entries asked in the same words as an earlier one: most often the same export brought
in twice, whose copies would then be cited side by side as two sources."""

from __future__ import annotations

from collections.abc import Sequence

from guidebot.knowledge.model import FaqEntry


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
