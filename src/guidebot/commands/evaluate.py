"""`guidebot eval FILE`: accuracy, declines, follow-ups and latency on an evaluation set."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from guidebot.commands.common import add_knowledge_option, load_bot
from guidebot.errors import UsageError
from guidebot.evalset import load_cases
from guidebot.evaluation import MRR_DEPTH, Report, evaluate, resolve_cases

NAME = "eval"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="measure answer quality on an evaluation file",
        description="Run every case of an evaluation YAML file and print top-1/top-3 accuracy, "
        "MRR, decline precision and recall, follow-up accuracy, latency and the failures.",
    )
    parser.add_argument("file", help="evaluation YAML file (e.g. tests/eval/dev.yaml)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--min-top1",
        type=float,
        default=None,
        metavar="X",
        help="exit 1 if top-1 accuracy is below X (0-1), for CI",
    )
    parser.add_argument(
        "--min-followup",
        type=float,
        default=None,
        metavar="X",
        help="exit 1 if follow-up accuracy is below X (0-1), for CI",
    )
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such evaluation file")
    bot = load_bot(args)
    bot.policy = replace(bot.policy, top_k=MRR_DEPTH)
    cases = load_cases(path)
    cases = resolve_cases(bot, cases, str(path))
    report = _run_with_progress(bot, cases)
    print(json.dumps(report.to_dict(), indent=2) if args.json else format_report(report, path))
    return _floors_met(report, args)


def _run_with_progress(bot, cases) -> Report:
    if not sys.stderr.isatty() or len(cases) < 20:
        return evaluate(bot, cases)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("evaluating", total=len(cases))
        return evaluate(bot, cases, lambda: progress.advance(task))


def _floors_met(report: Report, args: argparse.Namespace) -> int:
    low = []
    if args.min_top1 is not None and report.top1 < args.min_top1:
        low.append(f"top-1 {report.top1:.3f} < {args.min_top1}")
    if args.min_followup is not None and report.followup_accuracy < args.min_followup:
        low.append(f"follow-up {report.followup_accuracy:.3f} < {args.min_followup}")
    for line in low:
        print(f"guidebot eval: below the floor: {line}", file=sys.stderr)
    return 1 if low else 0


def format_report(r: Report, path: Path) -> str:
    """The report as aligned text, failures last."""
    rows = [
        ("cases", f"{r.cases} ({r.answerable} answerable)"),
        ("top-1 accuracy", f"{r.top1:.1%}"),
        ("top-3 accuracy", f"{r.top3:.1%}"),
        ("MRR", f"{r.mrr:.3f}"),
        ("wrongly declined", f"{r.wrongly_declined:.1%}"),
        ("decline precision", f"{r.decline_precision:.1%}"),
        ("decline recall", f"{r.decline_recall:.1%}"),
        ("small talk", f"{r.smalltalk_accuracy:.1%}"),
        ("clarify", f"{r.clarify_accuracy:.1%}"),
        ("single questions", f"{r.single_accuracy:.1%}"),
        ("follow-ups", f"{r.followup_accuracy:.1%}"),
        ("latency p50 / p95", f"{r.latency_p50_ms:.2f} ms / {r.latency_p95_ms:.2f} ms"),
    ]
    lines = [f"guidebot eval {path}"] + [f"  {name:<20} {value}" for name, value in rows]
    if r.failures:
        lines.append(f"\nfailures ({len(r.failures)}):")
        for f in r.failures:
            lines.append(f"  {f['id']}: {f['question']}")
            lines.append(f"      expected {f['expected']}\n      got      {f['got']}")
    return "\n".join(lines)
