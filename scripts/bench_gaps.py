"""`guidebot gaps` grouping on a large log: guidebot's blocked grouping beside comparing every
question with every earlier group leader (the grouping before issue 16), in one run.

Usage: python scripts/bench_gaps.py [--questions N] [--seed S]
Questions are made from a fixed vocabulary of everyday words, so most are distinct.
"""

from __future__ import annotations

import argparse
import random
import time

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from guidebot.quality.gaps import SIMILARITY, LogRecord, group_questions

OPENERS = ["how do i", "what is the", "can i", "where can i find", "is there a", "when does the"]
WORDS = (
    "parking dorm visa loan scholarship deadline library gym canteen printer wifi laptop "
    "exam retake grade transcript refund locker shuttle tutor clinic insurance housing "
    "roommate internship mentor club sport music language exchange badge email password"
).split()


def questions(n: int, seed: int) -> list[str]:
    """n questions of an opener and four words: everyday ones and made-up names, so that,
    as in a real log of many visitors, few are alike."""
    rng = random.Random(seed)
    syllables = "ka lo mi ren tu sa vel dor pi nu bra ste".split()
    names = {"".join(rng.sample(syllables, 3)) for _ in range(3000)}
    vocabulary = WORDS + sorted(names)
    return [f"{rng.choice(OPENERS)} {' '.join(rng.sample(vocabulary, 4))}" for _ in range(n)]


def pairwise(texts: list[str]) -> int:
    """Each question against every earlier leader: the old grouping's comparisons."""
    leaders: list[str] = []
    for key in dict.fromkeys(default_process(t) for t in texts):
        if not process.extractOne(
            key, leaders, scorer=fuzz.token_set_ratio, score_cutoff=SIMILARITY
        ):
            leaders.append(key)
    return len(leaders)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    texts = questions(args.questions, args.seed)
    records = [LogRecord("2026-01-01T00:00:00+00:00", t, "decline", 0.0) for t in texts]
    distinct = len({default_process(t) for t in texts})
    start = time.perf_counter()
    gaps = group_questions(records)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    groups = pairwise(texts)
    old = time.perf_counter() - start
    print(f"{args.questions} questions ({distinct} distinct)")
    print(f"guidebot group_questions   {ours:7.2f} s   {len(gaps)} gaps")
    print(f"every pair (old grouping)  {old:7.2f} s   {groups} gaps   ratio {old / ours:.1f}x")


if __name__ == "__main__":
    main()
