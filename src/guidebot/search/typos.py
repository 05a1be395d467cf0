"""Repairs misspelt query words against the words the knowledge actually uses."""

from __future__ import annotations

import bisect
import string
from collections.abc import Callable, Collection, Container, Mapping, Sequence
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import OSA

from guidebot.search.analysis import CONTRACTION_ENDINGS, Analyzer
from guidebot.search.degrees import degree_bases
from guidebot.search.english import EnglishWords, one_edit
from guidebot.search.keyboard import first_letter_changed, swaps
from guidebot.search.repairs import Repair
from guidebot.search.spellings import other_spellings

MIN_LENGTH = 5  # four-letter words ("care", "visa") have too many real neighbours
# An English word at most this rare (nats) is itself, not a clipping of a longer one the
# knowledge writes: "pass" (8.5) is no "passport"; "undergrads" (16.3), "info" (12.1) are.
CLIPPED_COMMON = 12.0
# A word English lists only as rarely as a slip would be written (at least MISREAD_RARE
# nats: a count of one or two in pyspellchecker's list) is read as a slip for a word the
# knowledge writes one edit away that is MISREAD_NATS commoner (the cost of one edit in
# EnglishWords.likely_misspelling): "corse" (17.3) is "course" (8.2); "form" (9.8) stays,
# and so do names such as "clare" (16.3) or "greta" (15.7) beside "care" and "great".
MISREAD_RARE = 17.0
MISREAD_NATS = 8.0


class TypoRepairer:
    """Finds, for a word the knowledge never uses, the closest word it does use.

    OSA distance counts a swap of neighbours as one edit ("salray"), and the allowed distance
    grows with the word's length: short words have too many near neighbours to guess safely.
    """

    def __init__(
        self,
        counts: Mapping[str, int],
        known_terms: Collection[str],
        analyzer: Analyzer,
        english: Container[str] = frozenset(),
        compounds: Mapping[str, str] | None = None,
        acronyms: Mapping[str, str] | None = None,
        together: Callable[[str, str], bool] | None = None,
    ) -> None:
        """counts: how often the knowledge uses each word; known_terms: its search terms;
        compounds: {joined: hyphenated} for the words it writes with hyphens ("wi-fi");
        acronyms: {acronym: name} for the names it writes out (search/acronyms.py);
        together: whether it writes two words side by side (phrases.written_together)."""
        self._analyzer = analyzer
        self._compounds = compounds or {}
        self._acronyms = acronyms or {}
        self._together = together
        self.english = english
        self._known = {w for w in counts if w.isalpha()}
        self._known_stems = known_terms
        # Most frequent first, so that among equally close words the common one wins.
        ranked = sorted(self._known, key=lambda w: -counts[w])
        self._choices = [
            w for w in ranked if len(w) >= MIN_LENGTH - 1 and not analyzer.is_stop_word(w)
        ]

    def uses(self, word: str) -> bool:
        """Whether the knowledge writes this word (lower-case) as it stands."""
        return word in self._known

    def is_known(self, word: str) -> bool:
        """A word needs no repair if the knowledge uses it, a form of it, or it is not a word."""
        return (
            not word.isalpha()
            or word in self._known
            or self._analyzer.is_stop_word(word)
            or self._analyzer.is_synonym(word)
            or self._analyzer.stem(word) in self._known_stems
        )

    def repair(self, words: Sequence[str]) -> tuple[list[str], list[Repair]]:
        """Return the words with repairable ones replaced, and the repairs made.

        A word is first read in the knowledge's own writing of it, even one that English
        knows: "wifi" as the "wi-fi" the knowledge writes (two words then), and two words
        as the one it writes joined ("wi fi" as "wifi"); only then repaired as a typo."""
        fixed: list[str] = []
        repairs: list[Repair] = []
        at = 0
        while at < len(words):
            word = words[at]
            pair = f"{word}{words[at + 1]}" if at + 1 < len(words) else ""
            if pair in self._known and self._joins(word, words[at + 1]):
                repairs.append(Repair(f"{word} {words[at + 1]}", pair))
                fixed.append(pair)
                at += 2
                continue
            at += 1
            if self.is_known(word):
                fixed.append(word)
                continue
            hyphenated = self._hyphenated(word)
            if hyphenated:
                repairs.append(Repair(word, hyphenated))
                fixed += hyphenated.split("-")
                continue
            parts = self._open_compound(word)
            if parts:
                repairs.append(Repair(word, " ".join(parts)))
                fixed += parts
                continue
            name = self._acronyms.get(word) if word not in self.english else None
            if name:  # "fca" where it writes "Financial Conduct Authority"
                repairs.append(Repair(word, name))
                fixed += name.split()
                continue
            standard = self._other_standard(word) or self._plain_degree(word)
            if standard:
                repairs.append(Repair(word, standard, noted=False))
                fixed.append(standard)
                continue
            clipped = self._clipped(word)
            if clipped:
                repairs.append(Repair(word, clipped, noted=False))
                fixed.append(clipped)
                continue
            replacement = self._misread(word) if word in self.english else self._closest(word)
            if replacement:
                repairs.append(Repair(word, replacement))
            fixed.append(replacement or word)
        return fixed, repairs

    def _misread(self, word: str) -> str | None:
        """For a word of MIN_LENGTH letters or more that English lists at least MISREAD_RARE
        nats rare, the commonest word the knowledge writes one edit away, no stop word and
        with the same first letter, that is MISREAD_NATS commoner in English, else None.
        Not into a stop word: a word read as one ("halving" as "having") would leave the
        question with nothing of it."""
        english = self.english
        if not isinstance(english, EnglishWords) or len(word) < MIN_LENGTH:
            return None
        rarity = english.surprisal(word)
        if rarity < MISREAD_RARE:
            return None
        floor = rarity - MISREAD_NATS
        near = [
            edit
            for edit in one_edit(word)
            if edit in self._known
            and edit[0] == word[0]
            and not self._analyzer.is_stop_word(edit)
            and english.surprisal(edit) <= floor
        ]
        return min(near, key=english.surprisal, default=None)

    def _other_standard(self, word: str) -> str | None:
        """The word as the knowledge spells it in the other standard of English ("center"
        where it writes "centre", "organize" where "organise"; search/spellings.py), else
        None: no typo, so no note."""
        for other in other_spellings(word):
            if other in self._known or self._analyzer.stem(other) in self._known_stems:
                return other
        return None

    def _plain_degree(self, word: str) -> str | None:
        """The plain adjective whose term the knowledge uses, of a comparative or superlative
        it does not ("earliest" where it writes "early"; degrees.degree_bases), else
        None: no typo, so no note."""
        bases = degree_bases(word, self.english)
        return next((b for b in bases if self._analyzer.stem(b) in self._known_stems), None)

    def _hyphenated(self, word: str) -> str | None:
        """The knowledge's hyphenated writing of a joined word, as written, with the
        plural's -s ("nonprofits" where it writes "non-profit") or, for a word English does
        not use, without it ("ebike" where it writes only "e-bikes"), else None."""
        compounds = self._compounds
        found = compounds.get(word)
        if found is None and word.endswith("s") and word[:-1] in compounds:
            found = f"{compounds[word[:-1]]}s"
        plural = compounds.get(f"{word}s")
        if found is None and plural is not None and plural.endswith("s"):
            # An English word may be another word ("recover" beside "re-covers"): only a
            # word English does not use is read as the singular
            found = None if word in self.english else plural[:-1]
        return found

    def _open_compound(self, word: str) -> list[str] | None:
        """The two words, of three letters or more, that the knowledge writes side by side
        and a word English does not use runs together ("satnav" where it writes "sat nav",
        "keysafe" for "key safe"), else None."""
        if self._together is None or word in self.english:
            return None
        for cut in range(3, len(word) - 2):
            first, second = word[:cut], word[cut:]
            if first in self._known and second in self._known and self._together(first, second):
                return [first, second]
        return None

    def _joins(self, first: str, second: str) -> bool:
        """Whether two words are one the knowledge writes joined: not two words it uses
        apart ("on line"), nor after a stop word ("a way" is no "away", "is sue" no
        "issue"); a particle after a verb is ("log in" login, "set up" setup)."""
        known = self._known
        return not (first in known and second in known) and not self._analyzer.is_stop_word(first)

    def _closest(self, word: str) -> str | None:
        if len(word) < MIN_LENGTH:
            return self._swapped(word)
        # Two letters swapped in a longer stop word ("abuot", "thier", "becuase") is the
        # commonest slip: read before the knowledge's words one edit away are looked for.
        stop = {w for w in swaps(word) if self._analyzer.is_stop_word(w)}
        if len(stop) == 1:
            return stop.pop()
        allowed = 1 if len(word) < 8 else 2
        # Every word within the distance, nearest first and, among equals, most frequent
        # first (rapidfuzz keeps the choices' order for ties): the first of the nearest that
        # keeps the word's beginning, else none (not a farther one in its place).
        matches = process.extract(
            word, self._choices, scorer=OSA.distance, score_cutoff=allowed, limit=None
        )
        if not matches:
            return self._other_form(word)
        nearest = [m[0] for m in matches if m[1] == matches[0][1]]
        return next((m for m in nearest if not first_letter_changed(word, m)), None)

    @cached_property
    def _alphabetical(self) -> tuple[list[str], dict[str, int]]:
        """The words a repair may give in alphabetical order, for those that begin with a
        clipping (_clipped), and each one's place by frequency; made when first wanted, as
        a large library's load need not sort its whole vocabulary."""
        return sorted(self._choices), {w: n for n, w in enumerate(self._choices)}

    def _clipped(self, word: str) -> str | None:
        """The word the knowledge writes whole that this one is clipped from ("postgrads"
        where it writes "postgraduates", "admin" for "administration"), else None: the
        knowledge's words that begin with it (less a plural's -s), at least two letters
        longer, all of one term, the commonest of them; with the -s, its plural if the
        knowledge writes one. Not a word English uses often (under CLIPPED_COMMON nats:
        "pass" is no "passport"), nor one shorter than MIN_LENGTH - 1 letters."""
        stem = word[:-1] if word.endswith("s") and len(word) > MIN_LENGTH - 1 else word
        english = self.english
        if len(stem) < MIN_LENGTH - 1 or (
            word in english
            and (not isinstance(english, EnglishWords) or english.surprisal(word) < CLIPPED_COMMON)
        ):
            return None
        words, rank = self._alphabetical
        start = bisect.bisect_left(words, stem)
        end = bisect.bisect_left(words, stem + "\uffff", start)  # past every word so begun
        whole = sorted(
            (w for w in words[start:end] if len(w) >= len(stem) + 2), key=rank.__getitem__
        )
        terms = {self._analyzer.term_of(w) for w in whole}
        if not whole or len(terms) != 1 or None in terms:
            return None
        plural = f"{whole[0]}s"
        return plural if stem != word and plural in self._known else whole[0]

    def _other_form(self, word: str) -> str | None:
        """The English word an edit away, the likeliest of them (the commonest in English,
        when the word list counts), whose term the knowledge uses, though not in that form:
        "rucksak" is "rucksack" where the knowledge writes only "rucksacks" (two edits from
        the typo), "retun" is "return" where it writes "returns"; "finaly" is "finally",
        which it does not use, not the "finely" of fines. Only one such term will do."""
        near = sorted(
            edit
            for edit in one_edit(word)
            if edit in self.english and not first_letter_changed(word, edit)
        )
        if isinstance(self.english, EnglishWords) and near:
            likeliest = min(map(self.english.surprisal, near))
            near = [edit for edit in near if self.english.surprisal(edit) == likeliest]
        found: dict[str, str] = {}
        for edit in near:
            term = self._analyzer.term_of(edit)
            if term is not None and term in self._known_stems:
                found.setdefault(term, edit)
        return next(iter(found.values())) if len(found) == 1 else None

    def _swapped(self, word: str) -> str | None:
        """A short word read as the one word, known or a stop word, that two neighbouring
        letters swapped give ("waht" what, "teh" the, "bnak" bank), else, for three letters
        or more, the one word the knowledge uses that a letter left out gives back ("renw"
        renew): the commonest slips of typing, and unlike other edits they leave few
        candidates even in four letters ("care" is one letter changed from "core", "cart"
        and "dare"). Only one candidate will do."""
        swapped = swaps(word) - set(CONTRACTION_ENDINGS)
        found = {w for w in swapped if w in self._known or self._analyzer.is_stop_word(w)}
        if found or len(word) < 3:
            return found.pop() if len(found) == 1 else None
        # Only into a word the knowledge uses: a letter added to an abbreviation mostly makes
        # a stop word of it ("hrs" hers, "mos" most, "ny" any).
        left_out = {
            f"{word[:n]}{c}{word[n:]}" for n in range(len(word) + 1) for c in string.ascii_lowercase
        }
        found = {w for w in left_out & self._known if not self._analyzer.is_stop_word(w)}
        return found.pop() if len(found) == 1 else None
