"""The small-talk intents a knowledge base has, and the values their replies are filled with.

Every knowledge base gets the built-in intents of smalltalk.yaml beside this module; its own
smalltalk.yaml replaces the reply of an intent of the same name and adds examples. Replies are
templates: {title}, {author}, {byline}, {dating}, {topics} and the like come from the guides'
front matter, so a guide imported today answers "who wrote this?" in its own terms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from guidebot.errors import KnowledgeError
from guidebot.knowledge.model import Guide, KnowledgeBase, SmalltalkIntent
from guidebot.knowledge.sidefiles import parse_smalltalk

BUILTIN = Path(__file__).with_name("smalltalk.yaml")
COMPLAINT = "frustration"  # the intent of a complaint about the answer ("that's wrong")
GREETING = "greeting"  # said where it opens a message, mentioned further in
# A question about live information (the weather, the news, exchange rates), which no
# guide answers: declined (conversation.py), unless a word of it names a heading's topic
# (yielding.SmalltalkYield.faq_asks: "what's the weather policy" beside "Closing for bad
# weather"). A knowledge base's own intent of this name gives the decline its words.
LIVE = "live-information"
# A sum asked to be worked out (sums.asks_a_sum: "whats 15% of 240"), declined as LIVE is.
CALCULATION = "calculation"
DECLINED = frozenset({LIVE, CALCULATION})  # small talk the conversation declines
# Asking for a person ("can I speak to a human?"): answered with the passage that gives the
# way to reach one (dialogue/handoff.py), the intent's reply when no passage does.
HANDOFF = "handoff"
# Small talk about a guide as a document: who wrote it, when it was written.
ABOUT_A_GUIDE = frozenset({"author", "published"})
_UNDATED = "Check the source for the latest figures."


def builtin_intents(path: Path = BUILTIN) -> tuple[SmalltalkIntent, ...]:
    """The small talk every knowledge base gets (raises KnowledgeError if the file is bad)."""
    intents, problems = parse_smalltalk(path, path.name)
    if problems:
        raise KnowledgeError(problems)
    return intents


def merged(
    own: Sequence[SmalltalkIntent], builtin: Sequence[SmalltalkIntent]
) -> list[SmalltalkIntent]:
    """The knowledge's intents, each with the built-in examples of the same name added, then
    the built-in intents it does not name."""
    extra = {i.intent: i.examples for i in builtin}
    mine = {i.intent for i in own}
    out = [
        SmalltalkIntent(
            i.intent, tuple(dict.fromkeys(i.examples + extra.get(i.intent, ()))), i.reply
        )
        for i in own
    ]
    return out + [i for i in builtin if i.intent not in mine]


MAX_TOPICS = 15  # {topics} lists at most this many, then says how many more there are
MAX_GUIDES = 5  # {byline} and {dating} speak of at most this many guides


def listed_topics(kb: KnowledgeBase, topics: Sequence[str]) -> list[str]:
    """What {topics} lists: the `topics` offered (offered.offered_topics: a plainly headed
    guide's headings, then the headings and FAQ questions that are questions), else the
    FAQ questions, so that "help" names a library guide's sections beside its FAQ and
    never offers an empty list. A heading several guides have ("Opening hours", "Opening
    Hours") is listed once."""
    once = {t.casefold(): t for t in reversed(topics)}  # the first of each, by folded text
    return list(dict.fromkeys(once[t.casefold()] for t in topics)) or [f.question for f in kb.faqs]


def fields_of(guides: Sequence[Guide], topics: Sequence[str]) -> dict[str, str]:
    """The values of the reply templates' {placeholders} for these guides (the first one's
    title, author and edition; {byline} and {dating} of each, up to MAX_GUIDES) and the
    knowledge's topics (the first MAX_TOPICS)."""
    first = guides[0] if guides else None
    listed = ", ".join(topics[:MAX_TOPICS])
    if len(topics) > MAX_TOPICS:
        listed += f" and {len(topics) - MAX_TOPICS} more"
    titles = [g.title for g in guides]
    fields = {
        "title": first.title if first else "the FAQ",
        "titles": "; ".join(titles) or "the FAQ",
        "author": (first.author if first else "") or "an unnamed author",
        "author_title": first.author_title if first else "",
        "edition": (first.edition if first else "") or "current",
        "topics": listed or "none yet",
    }
    if len(guides) < 2:
        return fields | _about(first)
    # "who wrote this" of several guides: each one's byline, not the first's as the whole's.
    each = [_about(guide) for guide in guides[:MAX_GUIDES]]
    return fields | {key: " ".join(about[key] for about in each) for key in ("byline", "dating")}


def _about(guide: Guide | None) -> dict[str, str]:
    """{byline} and {dating}: what the guide's front matter says of its author, its date and
    edition, and plainly that it says nothing when it does not (the built-in replies for any
    guide)."""
    if guide is None:
        return {"byline": "This FAQ does not name its authors.", "dating": _UNDATED}
    title = f"“{guide.title}”"
    role = f", {guide.author_title}" if guide.author_title else ""
    return {
        "byline": f"{title} was written by {guide.author}{role}."
        if guide.author
        else f"{title} does not name its author.",
        "dating": _dating(guide, title),
    }


def _dating(guide: Guide, title: str) -> str:
    # "dated": `updated` is the latest date the source gives, of an update or else of
    # its publication (ingest/dating.py).
    if guide.updated:
        dated = f"{title} is dated {guide.updated}"
        return f"{dated}; it is the {guide.edition} edition." if guide.edition else f"{dated}."
    if guide.edition:
        return f"This is the {guide.edition} edition of {title}; it gives no exact date."
    return f"{title} does not say when it was written. {_UNDATED}"


def fill(template: str, fields: dict[str, str]) -> str:
    """Fill {placeholders}; an unknown one is left as written rather than failing."""
    return re.sub(r"\{(\w+)\}", lambda m: fields.get(m.group(1), m.group(0)), template)
