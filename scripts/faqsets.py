"""The outside FAQ benchmark sets as FAQ entries and queries, by recipes fixed in advance.

Read in place from a directory holding stackfaq/, clinc150/ and banking77/ (each with its
README.txt); nothing is copied into the repository. Used by bench_faq.py and bench_stackfaq.py.

  stackfaq   one entry per thread: question = the thread's question, answer = its answers
             joined (the question when it has none), no alternates; queries = the rephrasings
             (empty ones and '*' skipped). Held out only: there is no dev split.
  clinc150   one entry per intent (in order of first appearance in train): question = its first
             train utterance, alternates = the next 9, answer "About <intent in words>.";
             test = test (right entry = the intent) + oos_test (right reply = a decline);
             dev = val + oos_val.
  banking77  one entry per category (order of categories.json): question = its first train
             row, alternates = the next 9, answer "About <category in words>."; test = test.csv;
             dev = the train rows 11+ of each category (those not used in the FAQ).

ingest_entries() turns entries into knowledge the way `guidebot ingest` does from a table.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import snowballstemmer
from rank_bm25 import BM25Okapi

from guidebot.ingest.pipeline import ingest

ALTERNATES = 9  # train utterances after the first that become an entry's alternates
SETS = ("clinc150", "banking77", "stackfaq")
SPLITS = ("test", "dev")
STOP_WORDS = frozenset(  # NLTK's English list, less the forms with an apostrophe
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will just
    don should now d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn
    mustn needn shan shouldn wasn weren won wouldn""".split()
)


@dataclass(frozen=True)
class Entry:
    question: str
    alternates: tuple[str, ...]
    answer: str


@dataclass(frozen=True)
class Query:
    text: str
    target: int | None  # index of the right entry; None: out of scope, the right reply declines


@dataclass
class FaqSet:
    name: str
    entries: list[Entry]
    queries: list[Query]
    notes: list[str] = field(default_factory=list)

    @property
    def in_scope(self) -> list[Query]:
        return [q for q in self.queries if q.target is not None]

    @property
    def out_of_scope(self) -> list[Query]:
        return [q for q in self.queries if q.target is None]


def load_set(name: str, data: Path, split: str) -> FaqSet | None:
    """The set `name` under the data directory for a split; None when it has no such split."""
    if name == "stackfaq":
        if split != "test":
            return None
        entries, queries, skipped = read_stackfaq(data / "stackfaq" / "stackExchange-FAQ.json")
        return FaqSet(name, entries, queries, [f"{skipped} rephrasings skipped as empty or '*'"])
    if name == "clinc150":
        return read_clinc150(data / "clinc150" / "data_full.json", split)
    if name == "banking77":
        return read_banking77(data / "banking77", split)
    raise ValueError(f"unknown set {name!r} (known: {', '.join(SETS)})")


def read_stackfaq(path: Path) -> tuple[list[Entry], list[Query], int]:
    """Entries, usable queries, and how many rephrasings were skipped as empty or '*'."""
    pairs = json.loads(path.read_text(encoding="utf-8"))["root"]["qapair"]
    entries: list[Entry] = []
    queries: list[Query] = []
    skipped = 0
    for n, pair in enumerate(pairs):
        answer = "\n\n".join(a.strip() for a in _strings(pair.get("answer")) if a.strip())
        question = " ".join(str(pair["question"]).split())
        entries.append(Entry(question, (), answer or question))
        for text in _strings(pair.get("rephr"), keep_other=True):
            if not isinstance(text, str) or not text.replace("*", "").strip():
                skipped += 1
                continue
            queries.append(Query(" ".join(text.split()), n))
    return entries, queries, skipped


def _strings(value: object, keep_other: bool = False) -> list:
    """A field that holds one string or a list (of strings, or anything when keep_other)."""
    value = value or []
    items = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return items if keep_other else [v for v in items if isinstance(v, str)]


def read_clinc150(path: Path, split: str) -> FaqSet:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries, index = _intent_entries(data["train"])
    parts = ("test", "oos_test") if split == "test" else ("val", "oos_val")
    queries = [
        Query(text, None if part.startswith("oos") else index[intent])
        for part in parts
        for text, intent in data[part]
    ]
    return FaqSet("clinc150", entries, queries, [f"queries: {' + '.join(parts)}"])


def read_banking77(directory: Path, split: str) -> FaqSet:
    train = _csv_rows(directory / "train.csv")
    order = json.loads((directory / "categories.json").read_text(encoding="utf-8"))
    train.sort(key=lambda row: order.index(row[1]))  # stable: each category's rows in file order
    entries, index = _intent_entries(train)
    if split == "test":
        queries = [Query(text, index[c]) for text, c in _csv_rows(directory / "test.csv")]
        return FaqSet("banking77", entries, queries, ["queries: test.csv"])
    by_category = _grouped(train)
    queries = [
        Query(text, index[c]) for c in by_category for text in by_category[c][1 + ALTERNATES :]
    ]
    return FaqSet("banking77", entries, queries, ["queries: train.csv rows 11+ of each category"])


def _csv_rows(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return [(row["text"], row["category"]) for row in csv.DictReader(file)]


def _grouped(pairs: Sequence[Sequence[str]]) -> dict[str, list[str]]:
    """Utterances by intent, intents in order of first appearance."""
    groups: dict[str, list[str]] = defaultdict(list)
    for text, intent in pairs:
        groups[intent].append(text)
    return groups


def _intent_entries(train: Sequence[Sequence[str]]) -> tuple[list[Entry], dict[str, int]]:
    """One entry per intent: first utterance, the next 9 as alternates, "About <intent>."."""
    groups = _grouped(train)
    entries = [
        Entry(texts[0], tuple(texts[1 : 1 + ALTERNATES]), f"About {intent.replace('_', ' ')}.")
        for intent, texts in groups.items()
    ]
    return entries, {intent: n for n, intent in enumerate(groups)}


def ingest_entries(entries: Sequence[Entry], name: str, workdir: Path) -> tuple[Path, list[str]]:
    """Knowledge made by guidebot's ingest from a JSON table of the entries (question,
    alternates as a list, answer; no id column, so ingest names them), and each entry's
    passage id (faq/<the id ingest gave it>), in entry order."""
    table = workdir / "tables" / f"{name}.json"
    table.parent.mkdir(parents=True)
    rows = [
        {"question": e.question, "alternates": list(e.alternates), "answer": e.answer}
        for e in entries
    ]
    table.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    knowledge = workdir / "knowledge"
    faqs = ingest([table], knowledge).kb.faqs
    if len(faqs) != len(entries):
        raise RuntimeError(f"{name}: ingest kept {len(faqs)} of {len(entries)} entries")
    for entry, faq in zip(entries, faqs, strict=True):
        alternates = tuple(" ".join(a.split()) for a in entry.alternates)
        if faq.question != " ".join(entry.question.split()) or faq.alternates != alternates:
            raise RuntimeError(f"{name}: ingest changed the entry {entry.question!r}")
    return knowledge, [f"faq/{faq.id}" for faq in faqs]


def plain_tokens(text: str) -> list[str]:
    """The rank-bm25 reference: lower-cased whitespace tokens."""
    return text.lower().split()


_stemmer = snowballstemmer.stemmer("english")


def stemmed_tokens(text: str) -> list[str]:
    """The stemmed reference: lower-cased \\w+ tokens, less STOP_WORDS, Snowball English stems."""
    return _stemmer.stemWords([w for w in re.findall(r"\w+", text.lower()) if w not in STOP_WORDS])


def bm25_ranking(
    entries: Sequence[Entry], tokens: Callable[[str], list[str]], k: int
) -> Callable[[str], list[int]]:
    """BM25Okapi (default parameters) over each entry's "question alternates answer" (joined
    by single spaces): a query's top k entry indexes, ties broken by entry order."""
    bm25 = BM25Okapi([tokens(" ".join((e.question, *e.alternates, e.answer))) for e in entries])

    def ranking(text: str) -> list[int]:
        return [int(i) for i in np.argsort(-bm25.get_scores(tokens(text)), kind="stable")[:k]]

    return ranking
