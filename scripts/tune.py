"""Grid search of ranking and decline parameters on the DEVELOPMENT evaluation set only.

Usage: python scripts/tune.py [tests/eval/dev.yaml] [--knowledge DIR]
Prints one line per setting, best first. Never point it at the held-out set: figures tuned
there would no longer say how guidebot does on questions it has not seen.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from pathlib import Path

from guidebot.bot import Bot
from guidebot.dialogue.policy import Policy
from guidebot.knowledge.loader import load_knowledge
from guidebot.locations import knowledge_dir
from guidebot.quality.evalset import load_cases
from guidebot.quality.evaluation import evaluate, resolve_cases
from guidebot.search.config import Bm25Params, RetrievalConfig

GRID = {
    "variant": ["plus", "okapi"],
    "k1": [1.2, 1.5],
    "b": [0.6, 0.75],
    "title_weight": [1.0, 1.5],
    "section_weight": [0.5, 1.0],
    "faq_match_weight": [0.0, 0.3],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default="tests/eval/dev.yaml")
    parser.add_argument("--knowledge")
    parser.add_argument("--decline", type=float, nargs="*", default=[0.1, 0.15, 0.2])
    args = parser.parse_args()
    if "heldout" in args.file:
        raise SystemExit("tune.py tunes on development data only")
    kb = load_knowledge(knowledge_dir(args.knowledge))
    cases = load_cases(Path(args.file))
    rows = []
    for values in itertools.product(*GRID.values()):
        setting = dict(zip(GRID, values, strict=True))
        bm25 = Bm25Params(variant=setting["variant"], k1=setting["k1"], b=setting["b"], delta=0.5)
        retrieval = RetrievalConfig(
            bm25=bm25,
            title_weight=setting["title_weight"],
            section_weight=setting["section_weight"],
            faq_match_weight=setting["faq_match_weight"],
        )
        bot = Bot(kb, Policy(retrieval=retrieval, top_k=10))
        resolved = resolve_cases(bot, cases, args.file)
        for decline in args.decline:
            bot = bot.with_policy(replace(bot.policy, decline_coverage=decline))
            r = evaluate(bot, resolved)
            objective = (
                r.top1 + r.decline_recall * 0.5 - r.wrongly_declined + r.followup_accuracy * 0.5
            )
            rows.append((objective, setting | {"decline": decline}, r))
    rows.sort(key=lambda row: -row[0])
    for objective, setting, r in rows[:25]:
        print(
            f"{objective:.3f} top1={r.top1:.3f} top3={r.top3:.3f} mrr={r.mrr:.3f} "
            f"wrongdecl={r.wrongly_declined:.3f} declrec={r.decline_recall:.3f} "
            f"declprec={r.decline_precision:.3f} fu={r.followup_accuracy:.3f} {setting}"
        )


if __name__ == "__main__":
    main()
