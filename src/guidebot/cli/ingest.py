"""`guidebot ingest PATH...`: bring articles and FAQ tables into a knowledge directory."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from guidebot.cli.common import (
    UsageError,
    add_knowledge_option,
    counted,
    knowledge_path,
    terminal_safe,
)
from guidebot.errors import WriteRefused
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.model import KnowledgeBase
from guidebot.locations import bundled_knowledge

NAME = "ingest"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="turn articles and FAQ exports into knowledge files",
        description="Write each article (.txt, .md, .html) as guides/<slug>.md and each FAQ "
        "table or export (CSV or Excel, QnA Maker .tsv or .zip, QnABot JSON, Rasa YAML, a "
        "Dialogflow agent, or any .csv/.tsv/.json/.yaml with question and answer columns) as "
        "faq/<name>.yaml of the knowledge directory, then check the result. Nothing is "
        "replaced without --force, and if the check fails nothing is changed.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files to bring in (none: finish an ingest that was interrupted)",
    )
    parser.add_argument("--force", action="store_true", help="replace files that already exist")
    parser.add_argument(
        "--slug", metavar="SLUG", help="file name of the guide (default: from its title)"
    )
    add_knowledge_option(
        parser,
        "the clone's knowledge/ when installed with `pip install -e .`; an installed "
        "package's own copy is never written",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from guidebot.ingest.pipeline import finish, ingest  # parsers load only for this command

    target = knowledge_path(args)
    if not args.paths:
        if not finish(target):
            raise UsageError(f"name the files to bring in ({target} has no ingest to finish)")
        print(f"finished the interrupted ingest into {terminal_safe(str(target))}")
        print(summary(target, load_knowledge(target)))
        return 0
    try:
        result = ingest([Path(p) for p in args.paths], target, force=args.force, slug=args.slug)
    except WriteRefused as error:
        hint = "" if args.force else " (use --force to replace)"
        raise UsageError(f"{error}{hint}") from None
    # What reading the files found comes first, as it happened first.
    for note in result.notes:
        print(f"note: {terminal_safe(note)}")
    for item in result.written:
        print(f"wrote {terminal_safe(str(item.path))} — {terminal_safe(item.what)}")
    print(summary(target, result.kb))
    for warning in result.kb.warnings:
        print(f"warning: {terminal_safe(warning)}")
    for line in next_steps(target, result.kb):
        print(line)
    return 0


def next_steps(root: Path, kb: KnowledgeBase) -> list[str]:
    """What to do after an import: read and check the files, link FAQ entries that no guide
    section holds (they are cited as "FAQ"), and list the topics to decline."""
    # The format's description travels with the bundled knowledge, installed or not.
    guide = bundled_knowledge() / "README.md"
    where = f" (the format: {guide})" if guide.is_file() else ""
    lines = [
        f"Next: read the new files{where}; ingest copies text as it is, so rewrite what you "
        f"may not publish as it stands. After any edit, run "
        f"`guidebot check --knowledge {shlex.quote(str(root))}`."
    ]
    if root.resolve() == bundled_knowledge().resolve():
        lines.append(
            f"- This went into the bundled guide's own knowledge ({root}), to be answered "
            "beside it. For a knowledge base of your own, bring the files into a new folder "
            "with --knowledge DIR and start guidebot with the same option."
        )
    unlinked = sum(1 for f in kb.faqs if not f.guide)
    if kb.guides and unlinked:
        lines.append(
            f"- {counted(unlinked, 'FAQ entry is', 'FAQ entries are')} linked to no guide "
            "section, so cited as 'FAQ': give one a `section:` line naming the heading it "
            "answers from to cite that section instead (or, in a spreadsheet, fill a "
            "`section` column with the headings and bring it in again with --force)."
        )
    if not kb.out_of_scope:
        lines.append(
            "- Questions about topics your knowledge leaves out but shares words with "
            "(another service, another place) may still be answered: list those topics in "
            f"{root / 'scope.yaml'} to have them declined, one entry each, such as "
            "`- topic: other shops` with `terms: [amazon, ebay]` under it (the format's "
            '"Topics the guides do not cover"), and see `guidebot gaps` later.'
        )
    return lines


def summary(root: Path, kb: KnowledgeBase) -> str:
    """The line `guidebot check` prints for a clean directory."""
    sections = sum(len(g.sections) for g in kb.guides)
    return (
        f"{root}: OK — {counted(len(kb.guides), 'guide')}, {counted(sections, 'section')}, "
        f"{counted(len(kb.faqs), 'FAQ entry', 'FAQ entries')}"
    )
