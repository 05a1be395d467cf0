"""Outside FAQ benchmarks (StackFAQ, CLINC150, Banking77): guidebot beside two BM25 references.

Usage: python scripts/bench_faq.py [--split test|dev] [--sets clinc150,banking77,stackfaq]
           [--data DIR] [--json PATH] [--limit N] [--show-misses N]
           [--curve [--curve-field decline_coverage] [--curve-values 0,0.05,...]]
           [--model DIR|builtin|none]

The data is read in place (default ../shared/benchmarks beside the repository; see each set's
README.txt). The recipes are fixed in advance and written out in faqsets.py: one FAQ entry per
thread (StackFAQ) or per intent (CLINC150, Banking77: first train utterance = question, next 9
= alternates, answer "About <intent in words>."). --split test (default) reports: StackFAQ's
rephrasings, CLINC150 test + oos_test, Banking77 test.csv. --split dev is the only data to tune
on: CLINC150 val + oos_val, Banking77 train rows 11+ of each category; StackFAQ is held out
only, so dev skips it. --limit N asks N queries spread evenly over each set's in-scope queries
(and N over its out-of-scope ones); every entry is still indexed.

Per set, the entries are written as a JSON table (question, alternates list, answer) and brought
in by guidebot.ingest.pipeline.ingest, the function behind `guidebot ingest`, then Bot.load.
Systems, over the same entries and queries in the same run:

  guidebot        a fresh bot.conversation().ask(query) with policy top_k=10, as `guidebot ask`
                  (--model: builtin, the word vectors `guidebot ask` uses unless told
                  otherwise, by default; none for words alone, as GUIDEBOT_SEMANTIC=0 makes
                  `guidebot ask` answer; this script does not read that variable);
                  a clarify, decline or small-talk reply to an in-scope query is a miss
  guidebot-raw    bot.retriever.search(query, k=10): the ranking before the dialogue decisions
  rank-bm25       BM25Okapi over lower-cased whitespace tokens
  rank-bm25-stem  BM25Okapi over lower-cased \\w+ tokens, NLTK's English stop words removed,
                  Snowball English stems
Both references index each entry's "question alternates answer" (one space between) and break
ties by entry order; they always answer, so out-of-scope figures are n/a for them.

Figures: P@1 and MRR@10 over in-scope queries; asked back, declined and small talk as % of
in-scope queries; for CLINC150 the % of out-of-scope queries declined. --curve sweeps one Policy
field (--curve-field, dotted for nested, e.g. retrieval.title_weight) over --curve-values for
CLINC150 on the chosen split; --show-misses N lists dev queries that were not answered (or,
out of scope, not declined). --json PATH writes every figure (faqreport.py prints the Markdown).
The output is the same on every run except the timings.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from faqreport import print_report
from faqsets import (
    SETS,
    SPLITS,
    FaqSet,
    Query,
    bm25_ranking,
    ingest_entries,
    load_set,
    plain_tokens,
    stemmed_tokens,
)

import guidebot
from guidebot import Bot
from guidebot.dialogue.policy import Policy
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import named_model

ROOT = Path(__file__).resolve().parent.parent
K = 10
DIALOGUE_KINDS = ("clarify", "decline", "smalltalk")
Ranker = Callable[[str], tuple[list[int], str]]  # query -> entry indexes best first, reply kind


@dataclass
class Run:
    system: str
    ranks: list[int]  # per in-scope query: the right entry's rank, 0 when not answered in top K
    kinds: list[str]  # per in-scope query: the reply kind
    oos_kinds: list[str] | None  # per out-of-scope query; None for systems that always answer
    seconds: float

    def figures(self) -> dict[str, float | None]:
        dialogue = self.oos_kinds is not None
        return {
            "p_at_1": _mean([r == 1 for r in self.ranks]),
            "mrr_at_10": _mean([1 / r if r else 0.0 for r in self.ranks]),
            **{
                f"{kind}_pct": 100 * _mean([k == kind for k in self.kinds]) if dialogue else None
                for kind in DIALOGUE_KINDS
            },
            "oos_declined_pct": (
                100 * _mean([k == "decline" for k in self.oos_kinds]) if self.oos_kinds else None
            ),
        }


def _mean(values: Sequence[float]) -> float:
    return float(sum(values)) / len(values) if values else 0.0


def wilson(share: float, count: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% interval (z = 1.96) of a share measured on `count` questions, by the Wilson
    score method (E. B. Wilson, "Probable inference, the law of succession, and statistical
    inference", JASA 1927), which stays inside [0, 1] for small counts and extreme shares.
    (0, 1) for no questions."""
    if count <= 0:
        return 0.0, 1.0
    centre = share + z * z / (2 * count)
    spread = z * math.sqrt(share * (1 - share) / count + z * z / (4 * count * count))
    scale = 1 + z * z / count
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def interval_note(run: Run) -> str:
    """How far chance alone moves the guidebot figures on this many questions: a change
    inside these intervals is no evidence (CLINC150's dev part has 100 out-of-scope
    questions: 69% declined is 59-77%)."""
    figures = run.figures()
    low, high = wilson(figures["p_at_1"] or 0.0, len(run.ranks))
    parts = [f"P@1 {low:.3f}-{high:.3f} over {len(run.ranks)} questions"]
    if run.oos_kinds:
        share = (figures["oos_declined_pct"] or 0.0) / 100
        low, high = wilson(share, len(run.oos_kinds))
        parts.append(
            f"out-of-scope declined {100 * low:.0f}-{100 * high:.0f}% over {len(run.oos_kinds)}"
        )
    return "guidebot's 95% intervals (Wilson): " + ", ".join(parts)


def guidebot_ranker(bot: Bot, ids: list[str]) -> Ranker:
    index = {passage_id: n for n, passage_id in enumerate(ids)}

    def rank(text: str) -> tuple[list[int], str]:
        reply = bot.conversation().ask(text)
        return [index[s.id] for s in reply.sources if s.id in index], reply.kind

    return rank


def raw_ranker(bot: Bot, ids: list[str]) -> Ranker:
    index = {passage_id: n for n, passage_id in enumerate(ids)}

    def rank(text: str) -> tuple[list[int], str]:
        hits = bot.retriever.search(text, k=K).hits
        return [index[h.passage.id] for h in hits if h.passage.id in index], "answer"

    return rank


def reference_ranker(faqset: FaqSet, tokens: Callable[[str], list[str]]) -> Ranker:
    ranking = bm25_ranking(faqset.entries, tokens, K)
    return lambda text: (ranking(text), "answer")


def measure(system: str, ranker: Ranker, faqset: FaqSet, dialogue: bool) -> Run:
    start = time.perf_counter()
    ranks, kinds = [], []
    for query in faqset.in_scope:
        order, kind = ranker(query.text)
        hit = kind == "answer" and query.target in order[:K]
        ranks.append(order.index(query.target) + 1 if hit else 0)  # type: ignore[arg-type]
        kinds.append(kind)
    oos = [ranker(q.text)[1] for q in faqset.out_of_scope] if dialogue else None
    return Run(system, ranks, kinds, oos, time.perf_counter() - start)


def with_field(bot: Bot, name: str, value: str) -> tuple[Bot, object]:
    """bot answering by its policy with one field (dotted: nested) set to value, and the value
    as the field's type (an unknown field is an AttributeError naming it)."""

    def replaced(obj: object, path: list[str]) -> tuple[object, object]:
        current = getattr(obj, path[0])
        if len(path) > 1:
            new, typed = replaced(current, path[1:])
        elif isinstance(current, bool):
            new = typed = value.lower() in {"1", "true", "yes"}
        else:
            new = typed = type(current)(value)
        return dataclasses.replace(obj, **{path[0]: new}), typed  # type: ignore[type-var]

    policy, typed = replaced(bot.policy, name.split("."))
    return bot.with_policy(policy), typed  # type: ignore[arg-type]


def curve(bot: Bot, ids: list[str], faqset: FaqSet, name: str, values: list[str]) -> list[dict]:
    """guidebot's figures with the Policy field `name` set to each of values in turn."""
    rows = []
    for value in values:
        swept, typed = with_field(bot, name, value)
        rows.append(
            {name: typed} | measure("guidebot", guidebot_ranker(swept, ids), faqset, True).figures()
        )
    return rows


def spread(queries: list[Query], limit: int | None) -> list[Query]:
    """At most limit queries, evenly spaced, so a quick run still sees every part of a set."""
    if limit is None or len(queries) <= limit:
        return queries
    return [queries[n * len(queries) // limit] for n in range(max(limit, 0))]


def engine_commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    return commit + ("-dirty" if git("status", "--porcelain") else "")


def print_misses(faqset: FaqSet, run: Run, limit: int) -> None:
    """Dev only: in-scope queries not answered and oos queries not declined, by reply kind;
    at most limit of each kind, spread over the set."""
    print(f"\n{faqset.name} (dev) examples:")
    in_scope = zip(faqset.in_scope, run.kinds, strict=True)
    oos = zip(faqset.out_of_scope, run.oos_kinds or [], strict=True)
    groups: dict[str, list[str]] = {}
    for label, query in [(f"in scope, {k}", q) for q, k in in_scope if k != "answer"] + [
        (f"out of scope, {k}", q) for q, k in oos if k != "decline"
    ]:
        groups.setdefault(label, []).append(query.text)
    for label, texts in groups.items():
        for text in texts[:: max(1, len(texts) // limit)][:limit]:
            print(f"- {label}: {text}")


def bench_set(faqset: FaqSet, args: argparse.Namespace, report: dict) -> Run:
    """Measure every system on one set into report; the guidebot run."""
    seconds = report["seconds"][faqset.name] = {}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"bench-{faqset.name}-") as tmp:
        knowledge, ids = ingest_entries(faqset.entries, faqset.name, Path(tmp))
        bot = Bot.load(knowledge, encoder=args.encoder)
    bot = bot.with_policy(dataclasses.replace(bot.policy, top_k=K))
    seconds["ingest_and_load"] = time.perf_counter() - start
    runs = [
        measure("guidebot", guidebot_ranker(bot, ids), faqset, True),
        measure("guidebot-raw", raw_ranker(bot, ids), faqset, False),
        measure("rank-bm25", reference_ranker(faqset, plain_tokens), faqset, False),
        measure("rank-bm25-stem", reference_ranker(faqset, stemmed_tokens), faqset, False),
    ]
    seconds |= {run.system: run.seconds for run in runs}
    alternates = sum(len(e.alternates) for e in faqset.entries)
    found = report["sets"][faqset.name] = {
        "entries": len(faqset.entries),
        "queries": len(faqset.in_scope),
        "oos_queries": len(faqset.out_of_scope),
        "notes": [
            f"{len(faqset.entries)} entries with {alternates} alternates",
            f"ingest kept every entry as given, ids from the questions (e.g. {ids[0]})",
            *faqset.notes,
            interval_note(runs[0]),
        ],
        "systems": {run.system: run.figures() for run in runs},
    }
    if args.curve and faqset.name == "clinc150":
        start = time.perf_counter()
        rows = curve(bot, ids, faqset, args.curve_field, args.curve_values.split(","))
        found["curve"] = {"field": args.curve_field, "rows": rows}
        seconds["curve"] = time.perf_counter() - start
    return runs[0]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated, of " + str(SETS))
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "benchmarks")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    parser.add_argument("--limit", type=int, help="ask at most N queries per set (and N oos)")
    parser.add_argument("--show-misses", type=int, default=0, metavar="N", help="dev only")
    parser.add_argument("--curve", action="store_true", help="sweep a Policy field (CLINC150)")
    parser.add_argument("--curve-field", default="decline_coverage")
    parser.add_argument("--curve-values", default="0,0.05,0.1,0.15,0.2,0.25,0.3,0.4,0.5,0.6")
    parser.add_argument(
        "--model",
        type=lambda value: None if value == "none" else named_model(value),
        default=named_model("builtin"),
        help="a sentence-embedding model directory, builtin (the word vectors guidebot ships, "
        "as `guidebot ask` uses them; the default) or none (words alone)",
    )
    args = parser.parse_args(argv)
    args.encoder = load_model(args.model) if args.model else None
    args.sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    if unknown := [s for s in args.sets if s not in SETS]:
        parser.error(f"unknown sets {unknown}; choose from {', '.join(SETS)}")
    if args.curve and "clinc150" not in args.sets:
        parser.error("--curve sweeps on clinc150: include it in --sets")
    try:
        functools.reduce(getattr, args.curve_field.split("."), Policy())
    except AttributeError:
        parser.error(f"--curve-field {args.curve_field}: no such Policy field")
    if args.show_misses and args.split != "dev":
        parser.error("--show-misses shows dev examples only, so nothing is tuned on test")
    if not args.data.is_dir():
        parser.error(f"no benchmark data at {args.data}; pass --data DIR")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    start = time.perf_counter()
    report: dict = {"commit": engine_commit(), "engine": str(Path(guidebot.__file__).parent)}
    report |= {"data": str(args.data), "split": args.split, "limit": args.limit, "top_k": K}
    report["model"] = str(args.model) if args.model else None
    report |= {"sets": {}, "skipped": [], "seconds": {}}
    examples = []
    for name in args.sets:
        faqset = load_set(name, args.data, args.split)
        if faqset is None:
            report["skipped"].append(f"{name}: held out only, no {args.split} split; skipped")
            continue
        in_scope, oos = spread(faqset.in_scope, args.limit), spread(faqset.out_of_scope, args.limit)
        faqset.queries = in_scope + oos
        examples.append((faqset, bench_set(faqset, args, report)))
    print_report(report)
    for faqset, run in examples if args.show_misses else []:
        print_misses(faqset, run, args.show_misses)
    report["seconds"]["total"] = time.perf_counter() - start
    print(f"\nRun time {report['seconds']['total']:.1f} s:")
    for name, parts in report["seconds"].items():
        if isinstance(parts, dict):
            print(f"- {name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items()))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
