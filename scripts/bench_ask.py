"""How fast guidebot answers on its bundled knowledge, against plain rank-bm25 in the same run.

Usage: python scripts/bench_ask.py [--repeat N] [--knowledge DIR]

Prints, for the bundled knowledge:
* one `conversation.ask()` by words alone (everything: small talk check, typo repair, three
  BM25 fields, FAQ match, decline/clarify policy, reply with highlights): p50 and p95 in ms;
* plain rank-bm25 (BM25Okapi over whitespace tokens of the same passages, get_scores +
  argsort) on the same questions, and the ratio;
* a whole `guidebot ask "..."` process as installed (the built-in word vectors reading
  meaning unless GUIDEBOT_SEMANTIC=0), start to exit (median of --processes runs), next to
  `python -c pass` and `python -c "import numpy"` measured the same way, since on a loaded
  machine the interpreter alone can take a good share of the budget.
With --model DIR (or builtin, the word vectors `guidebot ask` uses by default), also one ask
reading meaning that way (the question encoded each time), and its ratio to rank-bm25.
The engines take turns, one round of every question each, so that a machine growing busier
or quieter during the run weighs on all of them alike and the ratios hold.
Figures only: nothing here asserts a time (these machines are shared and noisy).
"""

# ruff: noqa: E402 - numpy and the engine are imported once BLAS is set as the command sets it

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from guidebot.cli.main import single_threaded_blas

single_threaded_blas(os.environ)  # as the guidebot command runs, before numpy loads

import numpy as np
from rank_bm25 import BM25Okapi

from guidebot.bot import Bot
from guidebot.locations import cache_dir, knowledge_dir
from guidebot.search.answertypes import asked
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import named_model

QUESTIONS = [
    "What's the average salary?",
    "how much does the programme cost",
    "do i need the gre",
    "is online study as good as campus",
    "salry for ai grads in manufactring",
    "what jobs can I get",
    "how long does it take part time",
    "is ABET accreditation important",
    "what skills do employers want",
    "how much do nurses earn in texas",
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def time_calls(
    calls: dict[str, Callable[[str], object]], questions: list[str], repeat: int
) -> dict[str, list[float]]:
    """ms per call of each engine (name -> one-argument callable), the engines taking turns
    a round of every question at a time."""
    for call in calls.values():  # warm caches (lazy highlights, English word list)
        for question in questions:
            call(question)
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            for question in questions:
                start = time.perf_counter()
                call(question)
                times[name].append((time.perf_counter() - start) * 1000)
    return times


def time_process(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--processes", type=int, default=7)
    parser.add_argument("--knowledge")
    parser.add_argument(
        "--model", type=named_model, help="also time asks with this model (or builtin)"
    )
    args = parser.parse_args()
    bot = Bot.load(knowledge_dir(args.knowledge), cache_dir=cache_dir())
    texts = [f"{p.title} {p.text}".lower().split() for p in bot.passages]
    reference = BM25Okapi(texts)

    def ask(question: str) -> None:
        # What a question asks for is kept for the other readings of one turn; forgotten
        # before each ask here, as a new question would find it.
        asked.cache_clear()
        bot.conversation().ask(question)

    calls = {
        "ask, words alone": ask,
        "rank-bm25 (plain)": lambda q: np.argsort(-reference.get_scores(q.lower().split()))[:10],
    }
    if args.model:
        start = time.perf_counter()
        semantic = Bot.load(
            knowledge_dir(args.knowledge), cache_dir=cache_dir(), encoder=load_model(args.model)
        )
        print(f"loading the model and the bot: {time.perf_counter() - start:.2f} s")
        vectors = semantic.retriever.vectors
        assert vectors is not None  # noqa: S101 - the bot was given an encoder

        def ask_anew(question: str) -> None:
            # The re-ranker keeps the last questions' similarities for the searches of one
            # turn; forgotten before each ask here, so every question is encoded afresh.
            vectors.forget()
            asked.cache_clear()
            semantic.conversation().ask(question)

        calls["ask + --model"] = ask_anew
    times = time_calls(calls, QUESTIONS, args.repeat)
    theirs = percentile(times["rank-bm25 (plain)"], 50)
    print(
        f"knowledge: {len(bot.passages)} passages; {args.repeat * len(QUESTIONS)} asks per engine"
    )
    for name, timed in times.items():
        p50, p95 = percentile(timed, 50), percentile(timed, 95)
        print(f"{name:<20} p50 {p50:7.3f} ms   p95 {p95:7.3f} ms   {p50 / theirs:6.2f} x rank-bm25")
    python = [sys.executable]
    bare = time_process([*python, "-c", "pass"], args.processes)
    numpy_only = time_process([*python, "-c", "import numpy"], args.processes)
    whole = time_process(
        [*python, "-m", "guidebot.cli", "ask", "--no-log", QUESTIONS[0]], args.processes
    )
    print(
        f"process: python -c pass {bare:.3f} s; import numpy {numpy_only:.3f} s; "
        f"guidebot ask {whole:.3f} s (median of {args.processes})"
    )


if __name__ == "__main__":
    main()
