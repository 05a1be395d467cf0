"""A conversation: follow-ups, clarifying questions, small talk and declines, turn by turn."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from guidebot.dialogue.clarify import close_sections, led_by_heading
from guidebot.dialogue.compose import answer_reply, clarify_reply, decline_reply, smalltalk_reply
from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.uncovered import about_something_else, led_by_naming, uncovered_topics
from guidebot.reply import Reply
from guidebot.search.analysis import words
from guidebot.search.retriever import SearchResult

MAX_QUESTION = 2000
MAX_PICK_WORDS = 4  # a longer reply to a clarifying question is a question of its own
_FOLLOWUP_OPENERS = ("and", "also", "plus", "or", "but", "so", "then", "vs", "versus", "compared")
_REFERENCES = {
    "it",
    "its",
    "they",
    "them",
    "their",
    "that",
    "this",
    "those",
    "these",
    "there",
    "same",
}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "last": -1}
# Words that only pick ("the second one, please", "option 2", "I meant number 1").
_PICKING = frozenset(
    "one option number no choice topic please pls plz pick choose want take go with mean "
    "meant".split()
)


@dataclass
class ConversationState:
    """All a conversation remembers; plain data, so a transcript can be saved and resumed."""

    topic_terms: dict[str, float] = field(default_factory=dict)
    topic_question: str = ""
    pending_question: str = ""
    pending_choices: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ConversationState:
        return cls(
            topic_terms={str(k): float(v) for k, v in dict(data.get("topic_terms", {})).items()},
            topic_question=str(data.get("topic_question", "")),
            pending_question=str(data.get("pending_question", "")),
            pending_choices=[str(c) for c in data.get("pending_choices", [])],
        )


class Conversation:
    """One person's conversation with a Bot (Bot.conversation() makes one). Cheap to create;
    keep one per user. `guides` restricts answers to those guide slugs (none: all)."""

    def __init__(
        self,
        context: TurnContext,
        state: ConversationState | None = None,
        guides: tuple[str, ...] = (),
    ) -> None:
        self.context = context
        self.state = state or ConversationState()
        self.guides = guides

    def reset(self) -> None:
        """Forget everything said so far."""
        self.state = ConversationState()

    def ask(self, text: str) -> Reply:
        """Answer one turn of the conversation."""
        question = _clean(text)
        if not re.search(r"[^\W_]", question):  # nothing to search for: say what works
            prompt = "Ask me a question about the guide, for example: " + self.context.example
            return replace(smalltalk_reply(question, prompt), confidence=0.0)
        if self.state.pending_choices:
            reply = self._resolve_choice(question)
            if reply:
                return reply
        small = self.context.smalltalk.match(question, self._names_a_topic)
        if small:
            return smalltalk_reply(question, small[1])
        return self._answer(question)

    def _answer(self, question: str) -> Reply:
        retriever, policy = self.context.retriever, self.context.policy
        result = retriever.search(question, k=10, guides=self.guides)
        cue = self._followup_cue(question)
        followup = False
        if cue:
            # Only a follow-up if the earlier topic changes the answer: "how long does it
            # take?" after a salary question is a new topic even though it says "it".
            combined = retriever.search(
                question, k=10, context=self.state.topic_terms, guides=self.guides
            )
            # ... and only if the earlier topic leaves something of this question's own found:
            # "requirements?" after a quality-control answer is a new vague question, not a
            # follow-up that no passage of that topic answers.
            followup = _top_section(combined) != _top_section(result) and (
                cue == "explicit" or combined.coverage >= self.context.policy.decline_coverage
            )
            result = combined if followup else result
        notes = [f"Read '{r.original}' as '{r.replacement}'." for r in result.repairs]
        if followup:
            notes.append(
                f"Taking this as: {question} (following on from: {self.state.topic_question})"
            )
        outside = uncovered_topics(self.context.scope, retriever.analyzer, question, result)
        led_result = (
            led_by_naming(retriever, policy.top_k, question, result, outside) if outside else None
        )
        led = led_result is not None
        if led_result is not None:
            result, outside = led_result, []
        # An explicit follow-up ("and early in a career?") is read against the topic, never
        # asked back about; a bare "requirements?" that the topic does not settle may be, but
        # not once a passage naming its uncovered topic leads ("phd python" is about a PhD).
        vague = not followup and cue != "explicit" and not outside and not led and not result.exact
        close = close_sections(self.context, self.guides, question, result) if vague else []
        result = led_by_heading(self.context, self.guides, result) if vague else result
        if len(close) > 1 and len(result.terms) <= policy.clarify_max_terms:
            self.state.pending_question, self.state.pending_choices = question, close
            return clarify_reply(question, close, notes)
        # A question naming an uncovered topic is declined even when it also names what the
        # guides are about: "AI master's salary in Texas" answered with the national figure
        # reads as the Texas figure, and "a visa for an AI master's" has no answer at all.
        # The decline names the gap and suggests the nearby topics that are covered.
        weak = not result.exact and (
            not result.hits
            or result.coverage < policy.decline_coverage
            or (
                not followup
                and cue != "explicit"
                and about_something_else(
                    retriever, policy.decline_unknown_words, result, policy.decline_rarer_by
                )
            )
        )
        if weak or outside:
            self.state.pending_choices = []
            return decline_reply(
                question, self.context.suggestions(result.hits, self.guides), notes, outside
            )
        self._remember(question, result, followup)
        # Sections about as close as the one answered, when that is not worth asking back
        # about: the answer comes first, the others are offered beside it.
        see_also = [s for s in close if s != result.hits[0].passage.section]
        return answer_reply(
            question, result, result.hits[: policy.top_k], retriever, notes, see_also
        )

    def _resolve_choice(self, text: str) -> Reply | None:
        choices, original = self.state.pending_choices, self.state.pending_question
        self.state.pending_choices = []
        chosen = self._choice_by_words(text, choices)
        said = words(text)
        # "2", "the first one" pick a choice; "2 years part time?" is a question of its own:
        # besides the number it names what the knowledge is about.
        if len(said) <= MAX_PICK_WORDS and not self._names_a_topic(
            " ".join(w for w in said if not _is_pick(w))
        ):
            chosen = _ordinal(text, choices) or chosen
        if not chosen:
            return None
        result = self.context.retriever.search(f"{original} {text}", k=50, guides=self.guides)
        hits = [h for h in result.hits if h.passage.section == chosen]
        if not hits:  # "how much?" + "1" may share no word with the section: use its heading
            result = self.context.retriever.search(chosen, k=50, guides=self.guides)
            hits = [h for h in result.hits if h.passage.section == chosen]
        if not hits:
            return None
        others = [h for h in result.hits if h.passage.section != chosen]
        self._remember(original, result, followup=False)
        top = (hits + others)[: self.context.policy.top_k]
        note = f"Taking this as: {original} ({chosen})"
        return replace(
            answer_reply(text, result, top, self.context.retriever, [note]), confidence=1.0
        )

    def _choice_by_words(self, text: str, choices: list[str]) -> str | None:
        best = self.context.retriever.search(text, k=1, guides=self.guides).best
        return best.passage.section if best and best.passage.section in choices else None

    def _names_a_topic(self, text: str, besides: str = "") -> bool:
        """Whether text has a term the knowledge uses, other than the terms of `besides`."""
        retriever = self.context.retriever
        excused = set(retriever.understand(besides)[0]) if besides else set()
        terms = retriever.understand(text)[0]
        return any(t not in excused and retriever.knows(t) for t in terms)

    def _followup_cue(self, question: str) -> str:
        """ "explicit" for "and …", "what about …", "does it …"; "short" for a bare topic word
        or two after an earlier answer; "" when the question stands on its own."""
        if not self.state.topic_terms:
            return ""
        surface = words(question)
        terms = self.context.retriever.analyzer.terms_of_words(surface)
        if len(terms) > self.context.policy.followup_max_terms:
            return ""
        opener = bool(surface) and surface[0] in _FOLLOWUP_OPENERS
        what_about = " ".join(surface[:3]).startswith(
            ("what about", "how about", "what if", "and what")
        )
        if opener or what_about or any(w in _REFERENCES for w in surface):
            return "explicit"
        return "short" if len(terms) <= 1 else ""

    def _remember(self, question: str, result: SearchResult, followup: bool) -> None:
        """Keep this turn's terms as context for the next; older context fades by the weight."""
        weight = self.context.policy.followup_weight
        terms = {t: weight for t in result.terms}
        if followup:
            for term, old in self.state.topic_terms.items():
                terms.setdefault(term, old * weight)
        else:
            self.state.topic_question = question
        self.state.topic_terms = terms


def _top_section(result: SearchResult) -> str:
    return result.hits[0].passage.section if result.hits else ""


def _clean(text: str) -> str:
    """Drop control characters and cap the length, so no input can break a front end."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUESTION]


def _is_pick(word: str) -> bool:
    return word.isdigit() or word in _ORDINALS or word in _PICKING


def _ordinal(text: str, choices: list[str]) -> str | None:
    """The choice picked by number or position ("2", "the first one", "last")."""
    for word in words(text):
        number = int(word) if word.isdigit() else _ORDINALS.get(word)
        if number == -1:
            number = len(choices)
        if number and 1 <= number <= len(choices):
            return choices[number - 1]
    return None
