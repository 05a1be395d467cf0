"""`guidebot gaps`: the questions guidebot could not answer, and the answers people marked
not helpful (through `guidebot api`), each grouped, most asked first."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from guidebot import atomic
from guidebot.cli.common import UsageError, terminal_safe
from guidebot.knowledge.written import scope_topics, written_questions
from guidebot.locations import unanswered_log
from guidebot.quality.gaps import (
    SIMILARITY,
    Gap,
    group_questions,
    split_feedback,
    starter_faq,
)
from guidebot.quality.log import LogRecord, folder, logging_disabled, read_log
from guidebot.quality.settled import filled_since, ruled_out
from guidebot.reply import LOW_CONFIDENCE

NAME = "gaps"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="show the questions guidebot could not answer, grouped, most asked first",
        description="Read the log of declined and low-confidence questions (and answers "
        "giving no price, time or the like where one was asked), group similar "
        "ones, and list the groups most asked first; beside them, the answers people marked "
        "not helpful (on the web page, with Ctrl+B in the chat app, or by complaining right "
        "after an answer), with the sections they came from. --export writes both "
        "as a starter FAQ file whose answers say TODO, for you to fill in.",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=SIMILARITY,
        metavar="N",
        help=f"how alike (0-100) two questions must be to group them (default {SIMILARITY:g})",
    )
    parser.add_argument("--top", type=int, default=None, metavar="N", help="show N groups only")
    parser.add_argument("--json", action="store_true", help="print the groups as JSON")
    parser.add_argument(
        "--export", metavar="FILE.yaml", help="write the groups as a starter FAQ file (new file)"
    )
    parser.add_argument(
        "--knowledge",
        metavar="DIR",
        help="only what was asked of this knowledge folder (records from before guidebot "
        "kept the folder are left out)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list the questions your FAQ has an entry for since they were asked",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.threshold <= 100:
        raise UsageError("--threshold must be between 0 and 100")
    if args.top is not None and args.top < 1:
        raise UsageError("--top must be 1 or more")
    log = unanswered_log()
    records, notes = read_log(log)
    if args.knowledge:
        if not Path(args.knowledge).is_dir():
            raise UsageError(f"{args.knowledge}: no such knowledge folder")
        asked = folder(args.knowledge)
        records = [r for r in records if r.knowledge == asked]
    # A question support staff have since written an FAQ entry for (the export's entries,
    # filled in), or named a topic of in scope.yaml, is no gap any more: left out unless --all.
    filled: list[LogRecord] = []
    out: list[LogRecord] = []
    if not args.all:
        named = {r.knowledge for r in records if r.knowledge}
        records, filled = filled_since(records, {n: written_questions(n) for n in named})
        records, out = ruled_out(records, {n: scope_topics(n) for n in named})
    unanswered, unhelpful, helpful = split_feedback(records)
    # One data directory serves every knowledge folder asked: say when what is listed (and
    # would be exported) mixes them. Records from before the folder was kept name none.
    folders = Counter(r.knowledge for r in unanswered + unhelpful if r.knowledge)
    gaps = group_questions(unanswered, args.threshold)[: args.top]
    bad = group_questions(unhelpful, args.threshold)[: args.top]
    if args.export:
        if len(folders) > 1:
            raise UsageError(
                f"the log holds questions asked of {len(folders)} knowledge folders; export "
                f"those of one with --knowledge DIR ({', '.join(sorted(folders))})"
            )
        # One entry a question, whether it went unanswered, was marked not helpful, or both.
        both = group_questions(unanswered + unhelpful, args.threshold)[: args.top]
        return _export(both, Path(args.export), log)
    if args.json:
        data = {
            "log": str(log),
            "knowledge_folders": dict(folders.most_common()),
            "questions": len(unanswered),
            "groups": [g.to_dict() for g in gaps],
            "not_helpful_answers": len(unhelpful),
            "not_helpful": [g.to_dict() for g in bad],
            "helpful_answers": helpful,
            "filled_since": len(filled),
            "out_of_scope": len(out),
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    for note in notes:
        print(f"note: {terminal_safe(note)}")
    if len(folders) > 1:
        asked_of = ", ".join(f"{terminal_safe(f)} ({n})" for f, n in folders.most_common())
        print(f"note: asked of {len(folders)} knowledge folders: {asked_of}.")
        print("      --knowledge DIR lists those of one.")
    if filled:
        print(
            f"note: {_questions(len(filled))} left out: your FAQ now has an entry asked in "
            "their words (--all lists them too)."
        )
    if out:
        print(
            f"note: {_questions(len(out))} left out: your scope.yaml says the guides do not "
            "cover their topic (--all lists them too)."
        )
    if logging_disabled():  # before the count: nothing asked in this shell reaches the log
        print("note: GUIDEBOT_NO_LOG is set, so questions asked with it are not logged.")
    if not unanswered and not unhelpful:
        print(f"No unanswered questions logged yet ({log}).")
        return 0
    if unanswered:
        print(
            f"{len(unanswered)} unanswered question{'' if len(unanswered) == 1 else 's'} "
            "(declined, or answered with little confidence or without the kind of answer "
            f"asked) in {_groups(gaps)} (log: {log})\n"
        )
        _list(gaps)
    else:
        print(f"No unanswered questions logged yet ({log}).")
    if unhelpful:
        marked = f"{len(unhelpful)} answer{'' if len(unhelpful) == 1 else 's'}"
        print(f"\n{marked} marked not helpful, in {_groups(bad)} ({helpful} marked helpful)\n")
        _list(bad)
    only = f" --knowledge {args.knowledge}" if args.knowledge else ""
    if len(folders) > 1:  # the export would refuse: name the choice to make
        only = " --knowledge DIR"
    print(
        f"\nTurn those your knowledge should answer into FAQ entries: guidebot gaps{only} "
        "--export new-questions.yaml (those about something else can stay unanswered)"
    )
    return 0


# What an unanswered question got, as a group lists it: a decline, or an answer that found
# little of the question or lacked the kind asked (log.is_unanswered), which may still be
# right.
_GOT = {"decline": "declined", "answer": "a low-confidence answer"}


def _answered(gap: Gap) -> str:
    """What a group's answers got: low confidence (the lowest of its answers), and, if
    some lacked the kind asked, that ("an answer giving no price")."""
    shown = f" (confidence {gap.confidence:.2f})" if gap.confidence is not None else ""
    low = gap.confidence is not None and gap.confidence < LOW_CONFIDENCE
    got = [_GOT["answer"] + shown] if low or not gap.lacks else []
    if gap.lacks:
        lacked = f"an answer giving no {terminal_safe(' or '.join(gap.lacks))}"
        got.append(lacked if low else lacked + shown)
    return " and ".join(got)


def _questions(count: int) -> str:
    return f"{count} question{'' if count == 1 else 's'}"


def _groups(gaps: list[Gap]) -> str:
    return f"{len(gaps)} group{'' if len(gaps) == 1 else 's'}"


def _list(gaps: list[Gap]) -> None:
    """Each group, most asked first: its usual wording, others, what it got (the lowest
    confidence of its answers), what its answers came from (section and source ids: low-
    confidence answers and those marked not helpful) and what people wrote."""
    for gap in gaps:
        print(f"{gap.count:>4}×  {terminal_safe(gap.question)}   [last {gap.last_asked[:10]}]")
        for other in gap.wordings[1:4]:
            print(f"       also: {terminal_safe(other)}")
        if len(gap.wordings) > 4:
            print(f"       … and {len(gap.wordings) - 4} more wordings")
        got = [
            _answered(gap) if kind == "answer" else text
            for kind, text in _GOT.items()
            if kind in gap.kinds
        ]
        if got:
            print(f"       got: {' and '.join(got)}")
        if gap.answered:
            print(f"       answered from: {terminal_safe('; '.join(gap.answered[:3]))}")
        if gap.sources:
            print(f"       sources: {terminal_safe(', '.join(gap.sources[:4]))}")
        if gap.right_sections:
            right = "; ".join(" ".join(s.split()) for s in gap.right_sections[:3])
            print(f"       should have answered: {terminal_safe(right)}")
        for comment in gap.comments[:3]:
            print(f"       comment: {terminal_safe(comment)}")


def _export(gaps: list[Gap], path: Path, log: Path) -> int:
    if path.suffix.lower() not in {".yaml", ".yml"}:
        raise UsageError(f"{path}: the export is an FAQ file and must end in .yaml")
    if path.exists():
        raise UsageError(f"{path} already exists; choose a new file name (it is never replaced)")
    if not path.parent.is_dir():  # a mistyped folder, more likely than one wanted new
        raise UsageError(f"{path}: no folder {path.parent}; create it first or choose another")
    if not gaps:
        raise UsageError(f"nothing to export: no unanswered questions logged yet ({log})")
    atomic.write_text(path, starter_faq(gaps, str(log)))
    print(f"wrote {path} — {len(gaps)} questions, each with 'answer: TODO'.")
    print(
        "Write each answer (and add its 'section'), delete the entries you do not want, then "
        "move the file into your knowledge's faq/ folder and run `guidebot check`; it reports "
        "every answer still left as TODO."
    )
    return 0
