"""Which of a clarifying question's choices a reply picks: by number or position ("2", "the
first one, please"), or by its words, alone or read with the question asked back; and the
answer from the section picked, which the conversation then goes on from (pick_turn,
section_turn)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from guidebot.dialogue.compose import answer_reply
from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.state import ConversationState
from guidebot.dialogue.topic import keep_topic, topic_terms
from guidebot.dialogue.wording import asks_on
from guidebot.reply import Reply
from guidebot.search.analysis import words
from guidebot.search.results import Hit, SearchResult

MAX_PICK_WORDS = 4  # a longer reply to a clarifying question is a question of its own
MAX_CHOICES = 20  # no list guidebot offers runs longer
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "last": -1}
# Words that only pick ("the second one, please", "option 2", "I meant number 1").
_PICKING = frozenset(
    "one option number no choice topic please pls plz pick choose want take go with mean "
    "meant".split()
)


def _number(word: str) -> bool:
    """Whether the word is a number written in ASCII digits ("2"; not "፩" or "²", which
    str.isdigit also accepts and int() refuses)."""
    return word.isascii() and word.isdigit()


def is_pick(word: str) -> bool:
    """Whether the word only picks: a number, an ordinal or a word such as "option"."""
    return _number(word) or word in _ORDINALS or word in _PICKING


def bare_pick(text: str) -> bool:
    """Whether the message only picks ("1", "option 2", "the first one"), by a number no
    list runs to (MAX_CHOICES at most) or a position, and asks nothing: with no list
    offered, it says nothing to search for. A question mark asks ("4?" after "do children
    travel free", "first?" after "when is the last bus"), and so may a larger figure
    ("2032")."""
    said = [word for word in words(text) if word != "the"]
    numbers = [int(word) for word in said if _number(word)]
    return (
        "?" not in text
        and all(map(is_pick, said))
        and (bool(numbers) or any(word in _ORDINALS for word in said))
        and all(number <= MAX_CHOICES for number in numbers)
    )


def ordinal(text: str, choices: list[str]) -> str | None:
    """The choice picked by number or position ("2", "the first one", "last")."""
    for word in words(text):
        number = int(word) if _number(word) else _ORDINALS.get(word)
        if number == -1:
            number = len(choices)
        if number and 1 <= number <= len(choices):
            return choices[number - 1]
    return None


def picked(
    context: TurnContext,
    guides: Sequence[str],
    text: str,
    choices: list[str],
    original: str,
) -> str | None:
    """The choice (a section's label, knowledge.labels) the reply `text` picks after
    `original` was asked back with `choices`, else None: a new question. "2", "the first
    one" pick by position; "2 years part time?" is a question of its own, as besides the
    number it names what the knowledge is about (TurnContext.names_a_topic)."""
    chosen = _by_words(context, guides, text, choices, original)
    return by_number(context, text, choices) or chosen


def choice_answer(
    context: TurnContext, guides: Sequence[str], text: str, original: str, choices: list[str]
) -> tuple[Reply, SearchResult, str] | None:
    """The answer to `text` as a reply to `original` asked back with `choices` (picked, by
    number or words), or to the topics a decline offered (`original` "": by number only,
    words are a new question); with the search that ranks it and the question as read
    ("opening times — Opening hours (Library guide)", or the topic alone). None: no pick."""
    if original:
        chosen = picked(context, guides, text, choices, original)
    else:
        chosen = by_number(context, text, choices)
    if not chosen:
        return None
    read_as = f"{original} — {chosen}" if original else chosen
    searched = f"{original} {text}" if original else chosen
    notes = [f"Taking this as: {read_as}"]
    found = answer_from(context, guides, text, chosen, searched, notes)
    if found is None:
        return None
    reply, result = found
    return replace(reply, read_as=read_as), result, read_as


def by_number(context: TurnContext, text: str, choices: list[str]) -> str | None:
    """The choice a short reply picks by number or position, else None: "2 years part
    time?" names what the knowledge is about besides the number (TurnContext.names_a_topic)
    and is a question of its own."""
    said = words(text)
    if len(said) > MAX_PICK_WORDS or context.names_a_topic(
        " ".join(w for w in said if not is_pick(w))
    ):
        return None
    return ordinal(text, choices)


def _by_words(
    context: TurnContext, guides: Sequence[str], text: str, choices: list[str], original: str
) -> str | None:
    """The choice the reply's words lead to: searched alone, else read with the question
    asked back, as a follow-up is with its topic ("requirements?", then "i mean which
    courses i have to take": alone, "take" leads to how long a degree takes). Read so,
    only a choice whose passage holds a word of the reply's own ("thanks" picks nothing),
    and that the reply alone finds nearly as close as its best passage
    (Policy.choice_reading_ratio): "how long does it take" is a new question; or whose
    guide a short reply that asks nothing names ("the gym one", of the pool's and the
    gym's lockers; not "how much is a swim"), first among the choices themselves ("the
    personal training one", whose words lead alone to that guide's opening)."""
    retriever = context.retriever
    label = retriever.labels.of
    alone = retriever.search(text, k=10, guides=guides)
    if alone.best is None or label(alone.best.passage) in choices:
        return label(alone.best.passage) if alone.best else None
    said = words(text)
    short = len(said) <= MAX_PICK_WORDS and not asks_on(" ".join(said))
    # Its words alone leading to no choice, a short reply whose words all name one guide
    # picks that guide's one choice when it says it picks ("the personal training one") or
    # leads to the guide's opening, no topic of its own ("personal training"; "prices", in
    # the title "Gym Membership and Prices", leads to a section: a new question).
    opening = alone.best.passage.section == alone.best.passage.guide_title
    terms = retriever.understand(" ".join(w for w in said if not is_pick(w)))[0]
    if short and "?" not in text and (opening or not _PICKING.isdisjoint(said)):
        named = retriever.guide_names.named_by(terms)
        of_named = [c for c in choices if retriever.labels.guide_of(c) in named]
        if len(of_named) == 1 and not _headings_elsewhere(context, terms, of_named[0]):
            return of_named[0]
    own = set(retriever.understand(text)[0]) - set(retriever.understand(original)[0])
    best = retriever.search(f"{original} {text}", k=1, guides=guides).best
    if best is None or label(best.passage) not in choices or not own & set(best.matched):
        return None
    if (
        short
        and retriever.guide_names.named_in(own, best.row)
        and not _headings_elsewhere(context, terms, label(best.passage))
    ):
        return label(best.passage)  # "the gym one" between the pool's and the gym's lockers
    line = context.policy.choice_reading_ratio * alone.best.score
    near = any(label(h.passage) == label(best.passage) and h.score >= line for h in alone.hits)
    return label(best.passage) if near else None


def _headings_elsewhere(context: TurnContext, terms: Sequence[str], choice: str) -> bool:
    """Whether a term of the reply names a heading of another guide than the choice's: then
    it names a topic, not the choice's guide ("prices" beside the title "Gym Membership
    and Prices" names the personal trainers' "Session prices" too)."""
    labels, sections = context.retriever.labels, context.retriever.sections
    guide = labels.guide_of(choice)
    return any(
        labels.guide_of(named) not in ("", guide) for t in terms for named in sections.naming(t)
    )


def answer_from(
    context: TurnContext,
    guides: Sequence[str],
    question: str,
    chosen: str,
    searched: str,
    notes: Sequence[str] = (),
) -> tuple[Reply, SearchResult] | None:
    """The answer (confidence 1) from the section labelled `chosen` (knowledge.labels; or
    headed so, as a state saved before labels named it), led by its passage that best
    matches `searched`, else by its heading's words ("how much?" + "1" may share no word
    with it), or by its first passage when `searched` is `chosen` itself; with the search
    it ranks; None when `guides` have no such section."""
    retriever = context.retriever

    def inside(hit: Hit) -> bool:
        return retriever.labels.of(hit.passage) == chosen or hit.passage.section == chosen

    result = retriever.search(searched, k=50, guides=guides)
    hits = [h for h in result.hits if inside(h)]
    if not hits:
        result = retriever.search(chosen, k=50, guides=guides)
        hits = [h for h in result.hits if inside(h)]
    if not hits:
        return None
    if searched == chosen:
        # Nothing asked but the section (a topic clicked or picked by number): its opening
        # leads (the guide's first passage, before an FAQ entry drawn from it), not the
        # passage that happens to repeat its heading's words most.
        hits.sort(key=lambda h: (h.passage.kind != "guide", h.passage.path, h.passage.line))
    others = [h for h in result.hits if not inside(h)]
    top = (hits + others)[: context.policy.top_k]
    # Picked, not searched for: the search's coverage says nothing of the passage picked.
    reply = answer_reply(question, result, top, retriever, notes, on_its_own=False)
    return replace(reply, confidence=1.0), result


def pick_turn(
    context: TurnContext, state: ConversationState, guides: Sequence[str], text: str
) -> Reply | None:
    """The answer to a message picking one of the choices pending in `state` (asked back, or
    offered by a decline), else None; either way they are pending no longer. A follow-up
    goes on from the section picked, not from the vague question and the pick: after
    "requirements?" and "1", "and how much does it cost" is not about "requirements" in
    general, nor "1"."""
    choices, original = state.pending_choices, state.pending_question
    state.pending_choices = []
    found = choice_answer(context, guides, text, original, choices)
    if found is None:
        return None
    reply, result, read_as = found
    keep_topic(context, state, original or read_as, result)  # the log keeps what was asked
    state.topic_question = state.base_question = read_as
    state.topic_terms = topic_terms(context, read_as)
    return reply


def section_turn(
    context: TurnContext, state: ConversationState, guides: Sequence[str], label: str
) -> Reply | None:
    """answer_from the section `label` names (a choice, "see also" or suggestion clicked),
    which a follow-up then goes on from; None when no section has that label."""
    found = answer_from(context, guides, label, label, label)
    if found is None:
        return None
    reply, result = found
    keep_topic(context, state, label, result)
    return reply
