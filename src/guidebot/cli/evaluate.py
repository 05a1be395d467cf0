"""`guidebot eval FILE`: accuracy, declines, follow-ups and latency on an evaluation set."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from guidebot.cli.common import UsageError, add_knowledge_option, add_model_option, load_bot
from guidebot.quality.evalset import load_cases

if TYPE_CHECKING:
    from guidebot.quality.evaluation import Report

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
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="count cases naming sections the knowledge lacks as misses instead of refusing "
        "the file (to measure an imported copy of the article the cases were written for)",
    )
    add_knowledge_option(parser)
    add_model_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from guidebot.quality.evaluation import MRR_DEPTH, resolve_cases

    path = Path(args.file)
    if path.is_dir():
        raise UsageError(f"{path}: a folder; name an evaluation file (e.g. tests/eval/dev.yaml)")
    if not path.is_file():
        raise UsageError(f"{path}: no such evaluation file")
    for name, floor in (("--min-top1", args.min_top1), ("--min-followup", args.min_followup)):
        if floor is not None and not 0 <= floor <= 1:
            raise UsageError(f"{name} is a share from 0 to 1 (0.9 for 90%), not {floor:g}")
    bot = load_bot(args, top_k=MRR_DEPTH)
    cases = load_cases(path)
    cases = resolve_cases(bot, cases, str(path), allow_missing=args.allow_missing)
    report = _run_with_progress(bot, cases)
    print(json.dumps(report.to_dict(), indent=2) if args.json else format_report(report, path))
    return _floors_met(report, args)


def _run_with_progress(bot, cases) -> Report:
    from guidebot.quality.evaluation import evaluate

    if not sys.stderr.isatty() or len(cases) < 20:
        return evaluate(bot, cases)
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("evaluating", total=len(cases))
        return evaluate(bot, cases, lambda: progress.advance(task))


def _floors_met(report: Report, args: argparse.Namespace) -> int:
    low = []
    for name, value, floor in (
        ("top-1", report.top1, args.min_top1),
        ("follow-up", report.followup_accuracy, args.min_followup),
    ):
        if floor is not None and (value is None or value < floor):
            low.append(f"{name} {_pct(value)} < {floor:.1%}")
    for line in low:
        print(f"guidebot eval: below the floor: {line}", file=sys.stderr)
    return 1 if low else 0


def format_report(r: Report, path: Path) -> str:
    """The report as aligned text, failures last."""
    rows = [
        ("cases", f"{r.cases} ({r.answerable} answerable)"),
        ("top-1 accuracy", _pct(r.top1)),
        ("top-3 accuracy", _pct(r.top3)),
        ("MRR", "n/a" if r.mrr is None else f"{r.mrr:.3f}"),
        ("wrongly declined", _pct(r.wrongly_declined)),
        ("decline precision", _pct(r.decline_precision)),
        ("decline recall", _pct(r.decline_recall)),
        ("small talk", _pct(r.smalltalk_accuracy)),
        ("clarify", _pct(r.clarify_accuracy)),
        ("single questions", _pct(r.single_accuracy)),
        ("follow-ups", _pct(r.followup_accuracy)),
        ("latency p50 / p95", f"{r.latency_p50_ms:.2f} ms / {r.latency_p95_ms:.2f} ms"),
    ]
    lines = [f"guidebot eval {path}"] + [f"  {name:<20} {value}" for name, value in rows]
    if r.failures:
        lines.append(f"\nfailures ({len(r.failures)}):")
        for f in r.failures:
            lines.append(f"  {f['id']}: {f['question']}")
            lines.append(f"      expected {f['expected']}\n      got      {f['got']}")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "n/a (no such cases)" if value is None else f"{value:.1%}"
