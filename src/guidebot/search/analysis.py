"""Turns text into search terms: normalise, tokenise, synonyms, stop words, stem."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

import snowballstemmer

from guidebot.knowledge.passages import Passage

# Bump when a change here makes other terms from the same text: the on-disk index cache is
# keyed on it (search/cache.py), so caches built by the old analysis are not used.
ANALYSIS_VERSION = 7  # 2: capitals lower-cased after decomposition; 3, 4: list numbers unread;
# 5-7: irregular plurals

# What is left of a contraction typed with a space ("i ve", "we ll"): stop words, but no
# word anyone types on its own, so nothing is read as one ("ev" is no slip of "ve").
CONTRACTION_ENDINGS = frozenset("ll ve re d s t m".split())
# The auxiliary and modal verbs of English, as words() gives them ("isn't" is "isnt"): one
# makes a line a clause ("wat jobs can i get", "You can reach us by phone"), where a topic
# or a heading is a noun phrase ("online?", "Buying tickets").
AUXILIARIES = frozenset(
    "am is are was were be been do does did can could will would shall should may might must "
    "have has had isnt arent wasnt werent dont doesnt didnt cant couldnt wont wouldnt "
    "shouldnt havent hasnt".split()
)

# Function words that carry no topic. Question words that do carry one ("long" in "how long",
# "online", "cost") are deliberately absent. Contractions as typed without an apostrophe
# ("hes", "theyve", "havent") are function words too, except those English spells as words
# of their own ("ill", "well", "shed", "wed").
STOP_WORDS = (
    frozenset(
        """
    a about above after again against all am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn
    doing don down during each few for from further had hadn has hasn have haven having he
    her here hers herself him himself his how i if in into is isn it its itself just let me
    might more most much must mustn my myself no nor not now of off on once only or other
    ought our ours ourselves out over own please same shall she should shouldn so some such
    than that the their theirs them themselves then there these they this those through to
    too under until up upon us very was wasn we were weren what when where which while who
    whom why will with won would wouldn you your yours yourself yourselves
    hi hey hello tell know want like really also get got thing things something anything
    kind sort lot lots yeah ok okay pls plz u ur r im id ive dont doesnt didnt cant isnt
    arent wont whats hows wheres whos thats theres vs versus actually basically honestly
    literally stuff gonna wanna kinda sorta tho though lol btw tbh idk imo even ever
    youre youve youll youd hes shes hed theyre theyve theyll theyd weve itll thatll thatd
    whove whod whatll wasnt werent havent hasnt hadnt shouldnt wouldnt couldnt mustnt
    mightnt neednt shant aint shouldve wouldve couldve mustve mightve yall
    """.split()
    )
    | CONTRACTION_ENDINGS
)

# Small numbers are written both ways ("six months", "within 6 months"); search by digits.
NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}

# English nouns whose plural no suffix-stripping stemmer reaches (Snowball leaves "children"
# and "child" apart, and "buses" as "buse" from "bus"): a table of the language, as the stop
# words are. Left out where the plural is also a verb's form ("lives", "leaves",
# "analyses", "halves", "shelves") or a noun of its own ("data", "media", "people": "is
# this a real person" met every guide sentence about people).
IRREGULAR_PLURALS = {
    plural: singular
    for singular, plural in (
        pair.split("/")
        for pair in """
    child/children child/childrens man/men woman/women foot/feet tooth/teeth goose/geese
    mouse/mice ox/oxen wife/wives knife/knives wolf/wolves loaf/loaves thief/thieves
    criterion/criteria phenomenon/phenomena thesis/theses crisis/crises hypothesis/hypotheses
    index/indices appendix/appendices matrix/matrices alumnus/alumni curriculum/curricula
    syllabus/syllabi fungus/fungi cactus/cacti nucleus/nuclei stimulus/stimuli
    bus/buses gas/gases alias/aliases canvas/canvases lens/lenses synopsis/synopses
    """.split()
    )
}

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
# The number of a list item at the start of a line ("2. Pay the fee"): where the item
# stands, not what it says, so no term ("2" would meet every question naming two things).
# A run of them ("2. 6) ") goes at once, so that reading text twice reads it as once.
_ITEM_NUMBER = re.compile(r"^[ \t]*(?:\d{1,3}[.)][ \t]+)+", re.MULTILINE)
# A word: digits with separators ("145,000", "2.8") or letters with inner apostrophes.
TOKEN_PATTERN = r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*"
_TOKEN = re.compile(TOKEN_PATTERN)
# The same words in lower-case ASCII text, where a letter is a-z: the plain class matches
# about 1.7x faster than the Unicode one, and most knowledge is ASCII.
_ASCII_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|\d+(?:[.,]\d+)*")


def normalise(text: str) -> str:
    """Unicode-normalise, lower-case and strip accents, so 'Résumé' and 'resume' meet."""
    if text.isascii():  # most text: nothing to decompose, and 50x faster on large libraries
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Lower-cased again: compatibility forms decompose to capitals ("𝐀" -> "A"), which the
    # ASCII token pattern would otherwise skip when the rest of the text is ASCII.
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def is_number(term: str) -> bool:
    """Whether an analysed term is a figure ("34", "2.8", "145000")."""
    return term.replace(".", "", 1).isdigit()


def contracted(word: str) -> bool:
    """Whether a word is a stop word and a contraction's ending run together, as words()
    gives "you're": "youre", "theyve". Some words of English are too ("shed", "well")."""
    return any(word[:cut] in STOP_WORDS and word[cut:] in CONTRACTION_ENDINGS for cut in (-1, -2))


def without_item_numbers(text: str) -> str:
    """The text without the numbers of its list items ("2. " at the start of a line)."""
    # Most text has no line break and starts with a letter: nothing to look for.
    if "\n" not in text and not text[:1].isdigit() and text[:1] not in (" ", "\t"):
        return text
    return _ITEM_NUMBER.sub("", text)


def words(text: str) -> list[str]:
    """Surface words of text: lower-case, possessives, thousands separators and the numbers
    of list items at the starts of lines removed."""
    text = normalise(text)
    text = without_item_numbers(text)
    # Cleaning works on the whole text where it can (one C-level pass instead of a Python
    # loop over every token): a comma between digits only ever sits inside one number token.
    if "’" in text:
        text = text.replace("’", "'")
    if "," in text:
        text = _THOUSANDS.sub("", text)
    tokens = (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)
    if "'" not in text:
        return tokens
    return [_unquote(t) if "'" in t else t for t in tokens]


def _unquote(token: str) -> str:
    """A word without its possessive ("dean's" -> "dean") or inner apostrophes ("don't")."""
    return token[:-2] if token.endswith("'s") else token.replace("'", "")


class Analyzer:
    """Analysis shared by the index and queries, so both sides produce the same terms."""

    def __init__(self, synonym_groups: Iterable[Sequence[str]] = ()) -> None:
        self._stemmer = snowballstemmer.stemmer("english")
        if hasattr(self._stemmer, "maxCacheSize"):
            # PyStemmer's own cache (when snowballstemmer uses it) only repeats _stems, and
            # with more distinct words than it holds (10,000) it costs ten times the stemming.
            self._stemmer.maxCacheSize = 0
        self._stems: dict[str, str] = {}
        self._single: dict[str, tuple[str, ...]] = {}
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        for group in synonym_groups:
            canonical = tuple(words(group[0]))
            for variant in map(tuple, map(words, group[1:])):
                if len(variant) == 1:
                    self._single[variant[0]] = canonical
                elif variant:
                    self._phrases[variant] = canonical
        self._longest = max((len(k) for k in self._phrases), default=1)
        self._starts = {phrase[0] for phrase in self._phrases}
        self._term_of: dict[str, str | None] = {}  # word -> its term (None: a stop word)

    def respell(self, word: str) -> str:
        """The word as its synonym group's first word, when both are single words ("u" ->
        "you"); any other word as it is."""
        canonical = self._single.get(word)
        return canonical[0] if canonical and len(canonical) == 1 else word

    def terms(self, text: str) -> list[str]:
        """Search terms of text, in order, duplicates kept (BM25 counts them)."""
        return self.terms_of_words(words(text))

    def terms_of_words(self, surface: Sequence[str]) -> list[str]:
        """Search terms of already-split words (after typo repair, say)."""
        rewritten = self.apply_synonyms(surface)
        term_of = self._term_of
        # Words met for the first time get their term once; every later passage only looks
        # them up, which at 100,000 passages is most of the build's analysis time.
        for word in set(rewritten).difference(term_of):
            self.term_of(word)
        return [t for t in map(term_of.__getitem__, rewritten) if t is not None]

    def term_of(self, word: str) -> str | None:
        """The search term of one word after synonyms (None for a stop word), memoised."""
        term_of = self._term_of
        if word not in term_of:
            term_of[word] = (
                None if word in STOP_WORDS else NUMBER_WORDS.get(word) or self.stem(word)
            )
        return term_of[word]

    def may_rewrite(self, word: str) -> bool:
        """Whether apply_synonyms can change words that hold this one: a single-word synonym
        or a phrase's first word. Words holding none of them come back unchanged."""
        return word in self._single or word in self._starts

    def apply_synonyms(self, surface: Sequence[str]) -> list[str]:
        """Rewrite synonyms to their group's canonical words: single words first, so that
        shorthand can complete a phrase ("hw long" -> "how long" -> "duration"), then phrases,
        longest first."""
        single = self._single
        if single.keys().isdisjoint(surface):
            surface = list(surface)  # the common case, and a copy: callers may keep theirs
        else:
            surface = [w for word in surface for w in single.get(word, (word,))]
        if self._starts.isdisjoint(surface):
            return surface
        out: list[str] = []
        i = 0
        while i < len(surface):
            if surface[i] not in self._starts:
                out.append(surface[i])
                i += 1
                continue
            for size in range(min(self._longest, len(surface) - i), 0, -1):
                replacement = self._phrases.get(tuple(surface[i : i + size]))
                if replacement is not None:
                    out += replacement
                    i += size
                    break
            else:
                out.append(surface[i])
                i += 1
        return out

    def stem(self, word: str) -> str:
        """Snowball stem, memoised per analyzer (the same words recur in every passage)."""
        stem = self._stems.get(word)
        if stem is None:
            alone = IRREGULAR_PLURALS.get(word, word)
            stem = self._stemmer.stemWord(alone) if word.isalpha() else word
            self._stems[word] = stem
        return stem

    def is_synonym(self, word: str) -> bool:
        """True for a word the synonyms rewrite (it is known, just spelt another way)."""
        return word in self._single or any(word in phrase for phrase in self._phrases)

    def is_stop_word(self, word: str) -> bool:
        return word in STOP_WORDS


def content_words(passage: Passage) -> list[str]:
    """The words of a passage's section heading, title and text, each once, without stop
    words: what a question's words are compared with in meaning."""
    said = f"{passage.section} {passage.title} {passage.text}"
    return [w for w in dict.fromkeys(words(said)) if w not in STOP_WORDS]
