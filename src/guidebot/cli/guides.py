"""`guidebot guides`: the guides of the knowledge, with their section and FAQ counts."""

from __future__ import annotations

import argparse
import json

from guidebot.cli.common import add_knowledge_option, counted, knowledge_path
from guidebot.knowledge.loader import load_knowledge

NAME = "guides"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        NAME,
        help="list the guides with their section and FAQ counts",
        description="List every guide of the knowledge: its slug (for --guide), title, "
        "number of sections and of FAQ entries linked to it.",
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    add_knowledge_option(parser)
    parser.set_defaults(run=run)


def rows(kb) -> list[dict[str, object]]:
    """One row per guide: slug, title, sections, faqs (linked entries), stale FAQ entries."""
    return [
        {
            "slug": g.slug,
            "title": g.title,
            "sections": len(g.sections),  # as check counts: the introduction is one
            "faqs": len(kb.faqs_of(g.slug)),
            "stale_faqs": sum(1 for f in kb.faqs_of(g.slug) if f.id in kb.stale_faqs),
            "path": g.path,
        }
        for g in kb.guides
    ]


def run(args: argparse.Namespace) -> int:
    kb = load_knowledge(knowledge_path(args))
    table = rows(kb)
    unlinked = sum(1 for f in kb.faqs if not f.guide)
    if args.json:
        print(json.dumps({"guides": table, "unlinked_faqs": unlinked}, indent=2))
        return 0
    if not table:
        print(f"{kb.root}: no guides (only FAQ entries: {len(kb.faqs)})")
        return 0
    width = max(len(str(r["slug"])) for r in table)
    print(f"{'SLUG':<{width}}  SECTIONS  FAQS  TITLE")
    for r in table:
        stale = f" ({r['stale_faqs']} may be out of date)" if r["stale_faqs"] else ""
        print(f"{r['slug']:<{width}}  {r['sections']:>8}  {r['faqs']:>4}  {r['title']}{stale}")
    if unlinked:
        entries = counted(unlinked, "FAQ entry is", "FAQ entries are")
        print(f"\n{entries} not linked to a guide (no 'section').")
    print('\nAsk one guide only: guidebot ask --guide SLUG "your question"')
    return 0
