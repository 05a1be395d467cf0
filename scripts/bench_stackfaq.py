"""StackFAQ: an outside benchmark of guidebot's retrieval against plain rank-bm25.

Usage: python scripts/bench_stackfaq.py [--data PATH] [--limit N] [--show-misses N]

Each StackExchange thread of the data set becomes one FAQ entry (question = the thread's
question, answer = its answers joined, no alternates) in a temporary knowledge directory
that holds nothing else, loaded with Bot.load. Every rephrased query is asked in a fresh
conversation and the rank of its thread's entry among the sources gives P@1 and MRR@10.
Three systems are measured in the same run, over the same passages and queries:

  guidebot      conversation().ask() with top_k=10; a decline, clarify or small-talk
                reply is a miss at every rank
  guidebot-raw  bot.retriever.search(query, k=10): the ranking without the dialogue layer,
                so the difference to "guidebot" is what the decline/clarify policy costs
  rank-bm25     BM25Okapi with default parameters over whitespace tokens of lower-cased
                "question answer" text, ties broken by entry order

The rephrased queries are only ever asked, never used as alternates or to tune anything.
The data is read in place (see ../shared/benchmarks/stackfaq/README.txt); nothing is
copied into the repository. The output is the same on every run except the timings.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from faqsets import read_stackfaq
from rank_bm25 import BM25Okapi

import guidebot
from guidebot import Bot

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "stackfaq" / "stackExchange-FAQ.json"
K = 10


@dataclass(frozen=True)
class Thread:
    id: str  # FAQ entry id; the passage id is faq/<id>
    question: str
    answer: str


@dataclass(frozen=True)
class Query:
    text: str
    thread: int  # index into the threads


@dataclass
class Outcome:
    """What one system did with one query: the target's rank (0 = not in the top K)."""

    rank: int
    kind: str = "answer"
    got: str = ""  # the passage id put first, if any
    notes: tuple[str, ...] = ()


@dataclass
class Result:
    system: str
    outcomes: list[Outcome]
    seconds: float

    @property
    def p_at_1(self) -> float:
        return _mean([o.rank == 1 for o in self.outcomes])

    @property
    def mrr(self) -> float:
        return _mean([1.0 / o.rank if o.rank else 0.0 for o in self.outcomes])

    def count(self, kind: str) -> int:
        return sum(o.kind == kind for o in self.outcomes)


def _mean(values: Sequence[float]) -> float:
    return float(sum(values)) / len(values) if values else 0.0


def load_data(path: Path) -> tuple[list[Thread], list[Query], int]:
    """Threads, usable queries, and how many rephrasings were skipped as empty or '*'."""
    entries, queries, skipped = read_stackfaq(path)
    threads = [Thread(f"t{n:04d}", e.question, e.answer) for n, e in enumerate(entries)]
    return threads, [Query(q.text, q.target or 0) for q in queries], skipped


def write_knowledge(threads: Sequence[Thread], directory: Path) -> None:
    """One FAQ file with an entry per thread, and nothing else (no synonyms, scope, small talk)."""
    entries = [{"id": t.id, "question": t.question, "answer": t.answer} for t in threads]
    (directory / "faq").mkdir(parents=True)
    (directory / "faq" / "stackfaq.yaml").write_text(
        yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=1_000_000),
        encoding="utf-8",
    )


def measure(
    system: str, queries: Sequence[Query], run: Callable[[Query], Outcome], show: bool
) -> Result:
    outcomes: list[Outcome] = []
    start = time.perf_counter()
    for n, query in enumerate(queries, start=1):
        outcomes.append(run(query))
        if show and (n % 100 == 0 or n == len(queries)):
            print(f"\r  {system}: {n}/{len(queries)}", end="", file=sys.stderr, flush=True)
    if show:
        print(file=sys.stderr)
    return Result(system, outcomes, time.perf_counter() - start)


def _rank(ids: Sequence[str], target: str) -> int:
    return ids.index(target) + 1 if target in ids[:K] else 0


def guidebot_runner(bot: Bot, threads: Sequence[Thread]) -> Callable[[Query], Outcome]:
    def run(query: Query) -> Outcome:
        reply = bot.conversation().ask(query.text)
        ids = [s.id for s in reply.sources]
        got = ids[0] if ids else ""
        if reply.kind != "answer":
            return Outcome(0, reply.kind, got, reply.notes)
        return Outcome(_rank(ids, f"faq/{threads[query.thread].id}"), reply.kind, got, reply.notes)

    return run


def raw_runner(bot: Bot, threads: Sequence[Thread]) -> Callable[[Query], Outcome]:
    def run(query: Query) -> Outcome:
        result = bot.retriever.search(query.text, k=K)
        ids = [h.passage.id for h in result.hits]
        repairs = tuple(f"Read '{r.original}' as '{r.replacement}'." for r in result.repairs)
        coverage = (f"coverage {result.coverage:.2f}",)
        got = ids[0] if ids else ""
        return Outcome(
            _rank(ids, f"faq/{threads[query.thread].id}"), "answer", got, repairs + coverage
        )

    return run


def bm25_runner(threads: Sequence[Thread]) -> Callable[[Query], Outcome]:
    bm25 = BM25Okapi([f"{t.question} {t.answer}".lower().split() for t in threads])

    def run(query: Query) -> Outcome:
        scores = bm25.get_scores(query.text.lower().split())
        order = np.argsort(-scores, kind="stable")[:K]
        ids = [threads[int(i)].id for i in order]
        return Outcome(_rank(ids, threads[query.thread].id), "answer", ids[0])

    return run


def engine_version() -> str:
    """Which guidebot was measured: its source directory's commit, and whether it was edited."""
    source = Path(guidebot.__file__).resolve().parent

    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", "-C", str(source), *args], capture_output=True, text=True, timeout=10
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return f"guidebot {guidebot.__version__} from {source}"
    edited = " + uncommitted changes" if git("status", "--porcelain", "--", ".") else ""
    return f"guidebot {guidebot.__version__} at commit {commit}{edited}"


def print_table(results: Sequence[Result], queries: int, threads: int, skipped: int) -> None:
    print(
        f"StackFAQ: {threads} FAQ entries, {queries} queries "
        f"({skipped} rephrasings skipped as empty or '*'); {engine_version()}"
    )
    header = f"{'system':<14} {'P@1':>6} {'MRR@10':>7} {'declined':>9} {'clarify':>8} "
    header += f"{'smalltalk':>9} {'queries':>8} {'time s':>8} {'ms/query':>9}"
    print(header)
    print("-" * len(header))
    for r in results:
        n = len(r.outcomes)
        print(
            f"{r.system:<14} {r.p_at_1:>6.3f} {r.mrr:>7.3f} {r.count('decline'):>9} "
            f"{r.count('clarify'):>8} {r.count('smalltalk'):>9} {n:>8} "
            f"{r.seconds:>8.2f} {1000 * r.seconds / max(n, 1):>9.2f}"
        )


def print_misses(
    result: Result,
    raw: Result,
    queries: Sequence[Query],
    threads: Sequence[Thread],
    limit: int,
) -> None:
    """The first `limit` guidebot misses, with what the raw ranking made of the same query."""
    questions = {f"faq/{t.id}": t.question for t in threads}
    misses = [i for i, o in enumerate(result.outcomes) if o.rank != 1]
    kinds = Counter(
        "declined/clarified/small talk, raw rank 1"
        if result.outcomes[i].kind != "answer" and raw.outcomes[i].rank == 1
        else "not first in the raw ranking either"
        for i in misses
    )
    print(f"\nguidebot misses at rank 1: {len(misses)} ({dict(sorted(kinds.items()))})")
    for i in misses[:limit]:
        o, r, q = result.outcomes[i], raw.outcomes[i], queries[i]
        print(f"- query:    {q.text}")
        print(f"  expected: {threads[q.thread].question}")
        print(f"  guidebot: {o.kind}, rank {o.rank or '-'}; first {questions.get(o.got, '-')}")
        print(f"  raw:      rank {r.rank or '-'}; first {questions.get(r.got, '-')}")
        for note in r.notes:  # the same typo repairs guidebot made, and the raw coverage
            print(f"            {note}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"StackFAQ JSON (default {DEFAULT_DATA})"
    )
    parser.add_argument(
        "--limit", type=int, help="ask only the first N queries (every thread is still indexed)"
    )
    parser.add_argument(
        "--show-misses", type=int, default=0, metavar="N", help="list the first N guidebot misses"
    )
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"no StackFAQ data at {args.data}; pass --data PATH")
    threads, queries, skipped = load_data(args.data)
    if args.limit is not None:
        queries = queries[: max(args.limit, 0)]
    show = sys.stderr.isatty()
    with tempfile.TemporaryDirectory(prefix="stackfaq-") as tmp:
        start = time.perf_counter()
        write_knowledge(threads, Path(tmp))
        bot = Bot.load(tmp)
        bot = bot.with_policy(dataclasses.replace(bot.policy, top_k=K))
        load_seconds = time.perf_counter() - start
        results = [
            measure("guidebot", queries, guidebot_runner(bot, threads), show),
            measure("guidebot-raw", queries, raw_runner(bot, threads), show),
            measure("rank-bm25", queries, bm25_runner(threads), show),
        ]
    print_table(results, len(queries), len(threads), skipped)
    print(f"(guidebot knowledge written and loaded in {load_seconds:.2f} s)")
    if args.show_misses:
        print_misses(results[0], results[1], queries, threads, args.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
