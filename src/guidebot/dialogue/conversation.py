"""A conversation: follow-ups, clarifying questions, small talk and declines, turn by turn."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import replace

from guidebot.dialogue.alternatives import alternative
from guidebot.dialogue.clarify import weigh_vague
from guidebot.dialogue.compose import (
    answer_reply,
    clarify_reply,
    decline_reply,
    live_reply,
    noting_out_of_date,
    smalltalk_reply,
)
from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.decline import unrelated
from guidebot.dialogue.followup import Reading, read
from guidebot.dialogue.foreign import knowledge_names
from guidebot.dialogue.handoff import handoff_reply
from guidebot.dialogue.markup import clean_question
from guidebot.dialogue.picks import bare_pick, pick_turn, section_turn
from guidebot.dialogue.smalltalk_intents import COMPLAINT, DECLINED, HANDOFF
from guidebot.dialogue.split import (
    RANKED,
    after_smalltalk,
    asks_its_own,
    points_back,
    question_parts,
    stand_apart,
)
from guidebot.dialogue.state import ConversationState
from guidebot.dialogue.topic import keep_topic, topic_terms
from guidebot.dialogue.uncovered import led_by_naming, uncovered_topics
from guidebot.dialogue.wording import leaning_on
from guidebot.reply import Reply
from guidebot.search.analysis import words
from guidebot.search.results import Hit

MAX_QUESTION = 2000


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
        self._followed_on = False  # whether this turn's answer was read on from the last

    def reset(self) -> None:
        """Forget everything said so far."""
        self.state = ConversationState()

    def ask(self, text: str) -> Reply:
        """Answer one turn of the conversation."""
        reply = self._turn(clean_question(text, MAX_QUESTION))
        self.state.answered(reply)
        return noting_out_of_date(reply, self.context.stale)

    def _turn(self, question: str) -> Reply:
        # Nothing to search for ("?", or "1" with no list offered): say what works.
        bare = not self.state.pending_choices and bare_pick(question)
        if bare or not re.search(r"[^\W_]", question):
            said = "There is no list to pick from just now. " if bare else ""
            prompt = f"{said}Ask me a question about the guide, for example: {self.context.example}"
            return replace(smalltalk_reply(question, prompt), confidence=0.0)
        if self.state.pending_choices:
            reply = pick_turn(self.context, self.state, self.guides, question)
            if reply:
                return reply
        if self.context.retriever.labels.names_a_guide(question):
            # A choice, "see also" or suggestion clicked ("Prices (Swimming pool guide)"):
            # that section, not the guide's title words searched.
            reply = section_turn(self.context, self.state, self.guides, question)
            if reply:
                return reply
        small = self.context.smalltalk.match(question, self.context.names_a_topic, self.guides)
        if not small and (about := self.context.about_a_named_guide(question)):
            return self._small_talk(question, about)
        if small:
            # The owner's answer to such small talk, unless a topic it names is one the
            # knowledge says it does not cover (scope.yaml): then ours.
            owned = self.context.yielding.owned_entry(question, small[0], self.guides)
            if owned is not None:
                kept = copy.deepcopy(self.state)
                reply = self._reply(question, Reading(owned, "", False))
                if reply.kind == "answer":
                    return reply
                self.state = kept
            if not self.context.yielding.faq_asks(question, small[0], self.guides):
                return self._small_talk(question, small)
        before = copy.deepcopy(self.state) if small else None
        self._followed_on = False
        asked = after_smalltalk(question, self.context.is_smalltalk)
        reply = (
            self._past_smalltalk(question, asked)
            if asked
            else self._several(question) or self._answer(question)
        )
        # Small talk yields to an entry near in meaning only if it then answers, and on its
        # own: "who wrote this" is near one, yet asking back between sections, or the
        # tuition read on from the question before ("this"), would be no reply to it. To
        # knowledge that asks about the message's words it yields anyway: an insurer's
        # FAQ may ask back which of its "cover" entries "what do you cover" means.
        if (
            before is not None
            and small
            and (reply.kind != "answer" or self._followed_on)
            and not self.context.yielding.asks_about(question, self.guides)
        ):
            self.state = before
            return self._small_talk(question, small)
        return reply

    def _small_talk(self, question: str, small: tuple[str, str]) -> Reply:
        """The reply to small talk (intent, reply text): a complaint names the answer before,
        a question about live information or a sum is declined (offered topics picked by
        number)."""
        intent, text = small
        if intent in DECLINED:
            return live_reply(question, text, self._offer_topics(()))
        if intent == HANDOFF:
            return handoff_reply(self.context, question, text, self.guides)
        complaint = self.state.complaint() if intent == COMPLAINT else None
        return replace(smalltalk_reply(question, text), complaint=complaint)

    def _past_smalltalk(self, question: str, asked: str) -> Reply:
        """The answer to what follows the small talk that opens a message ("ok thanks, what
        jobs can I get?" asks `asked`, "what jobs can I get?"), which the small talk's words
        would blur. Only when the whole message is answered too, so that what is declined
        whole ("Good morning! Am I talking to a person?") stays declined. A complaint that
        opens it ("that's wrong, how much is tuition?") still names the answer before."""
        complaint = None
        if self.state.answered_question:  # else there is nothing to complain of
            opening = question[: len(question) - len(asked)]
            small = self.context.smalltalk.match(opening, self.context.names_a_topic, self.guides)
            complaint = self.state.complaint() if small and small[0] == COMPLAINT else None
        before = copy.deepcopy(self.state)
        whole = self._answer(question)
        if whole.kind != "answer":
            return replace(whole, complaint=complaint)
        after, self.state = self.state, before
        reply = self._several(asked) or self._answer(asked)
        if reply.kind != "answer":
            self.state = after
            return replace(whole, complaint=complaint)
        return replace(reply, question=question, complaint=complaint)

    def _several(self, question: str) -> Reply | None:
        """The reply to each question of a message that asks several, when they stand apart
        (dialogue.split), else None with the conversation as it was. Each part is asked as
        a turn of its own, in order, so the conversation goes on from the last part's topic
        ("and online?" next)."""
        policy, retriever = self.context.policy, self.context.retriever
        parts = question_parts(question, lambda part: bool(knowledge_names(retriever, words(part))))
        if len(parts) < 2:
            return None
        before = copy.deepcopy(self.state)
        replies: list[Reply] = []
        for part in parts:
            reading = self._read(part)
            # A part read as following on from the one before ("Why was my card declined?
            # What is going on?", "And can I get a refund?") is no question of its own,
            # unless it says enough to be answered alone: "And can I pay with Klarna?". One
            # pointing back stays with it ("does it work with xero?" asked of the plan).
            followed = bool(replies) and reading.followup
            if followed and (len(reading.result.terms) < 2 or points_back(part)):
                self.state = before
                return None
            if followed:
                reading = read(self.context, {}, self.guides, part)
            reply = self._answer(part, reading)
            if followed and (reply.kind != "answer" or reply.confidence < policy.split_confidence):
                self.state = before
                return None
            replies.append(reply)
        alone = [retriever.search(part, k=RANKED, guides=self.guides) for part in parts]
        whole = retriever.search(question, k=1, guides=self.guides).best
        if not stand_apart(replies, alone, whole, policy.clarify_ratio):
            self.state = before
            return None
        return Reply.of_parts(question, replies)

    def _answer(self, question: str, reading: Reading | None = None) -> Reply:
        """Answer, ask back about or decline a question (`reading`: how it is read, if that
        is known already). A message only offering another thing ("what about github")
        that would be declined as read on from the last one ("and slack?", answered on its
        own) is read on from the question before that instead ("can I connect jira")."""
        reply = self._reply(question, reading or self._read(question))
        state = self.state
        if (
            reply.kind == "decline"
            and state.base_question not in ("", state.topic_question)
            and alternative(question)
        ):
            again = self._reply(question, self._read(question, from_base=True))
            if again.kind != "decline":
                return again
        return reply

    def _reply(self, question: str, reading: Reading) -> Reply:
        retriever, policy = self.context.retriever, self.context.policy
        result, cue, followup = reading.result, reading.cue, reading.followup
        self._followed_on = self._followed_on or followup
        notes = [f"Read '{r.original}' as '{r.replacement}'." for r in result.repairs if r.noted]
        # Said only with an answer: a decline is no reading against the topic ("im so
        # confused about all this" after an answer is no question about it).
        topic = reading.topic
        read_as = [f"Taking this as: {question} (following on from: {topic})"] if followup else []
        # For the log and feedback: "and to canada?" alone is no question to answer.
        leaning = leaning_on(topic, question) if topic and (followup or cue == "explicit") else ""
        outside = uncovered_topics(self.context.scope, retriever.analyzer, question, result)
        led_result = (
            led_by_naming(retriever, policy.naming_depth, question, result, outside)
            if outside
            else None
        )
        led = led_result is not None
        if led_result is not None:
            result, outside = led_result, []
        # An explicit follow-up ("and early in a career?") is read against the topic, never
        # asked back about; a bare "requirements?" that the topic does not settle may be, but
        # not once a passage naming its uncovered topic leads ("phd python" is about a PhD).
        vague = not followup and cue != "explicit" and not outside and not led and not result.exact
        result, close, ask_back = weigh_vague(self.context, self.guides, question, result, vague)
        if ask_back:
            self.state.pending_question, self.state.pending_choices = question, close
            return clarify_reply(question, close, notes + read_as)
        # A question naming an uncovered topic is declined even when it also names what the
        # guides are about: "AI master's salary in Texas" answered with the national figure
        # reads as the Texas figure, and "a visa for an AI master's" has no answer at all.
        # The decline names the gap and suggests the nearby topics that are covered.
        given = self.state.quoted_first(result.best)
        weak = not result.exact and (
            not result.hits
            or unrelated(self.context, self.guides, question, result, followup, cue, given)
        )
        if weak or outside:
            suggested = self._offer_topics(result.hits)
            near = bool(self.context.nearby(result.hits))
            name = self.context.knowledge_name(self.guides)
            return replace(
                decline_reply(question, suggested, notes, outside, name, near),
                read_as=leaning,
            )
        # Kept as read, typos repaired: what the note and the log of a follow-up quote.
        keep_topic(self.context, self.state, result.as_read(question), result, reading)
        # Answered (perhaps on a second reading, after a first one declined and offered
        # topics): nothing is pending any more.
        self.state.pending_choices = []
        # Sections about as close as the one answered, when that is not worth asking back
        # about: the answer comes first, the others are offered beside it.
        see_also = [s for s in close if s != retriever.labels.of(result.hits[0].passage)]
        top = result.hits[: policy.top_k]
        notes += read_as
        # The kind of answer asked is the topic's only for a follow-up offering another thing.
        asking = leaning if followup and not asks_its_own(question) else ""
        reply = answer_reply(
            question,
            result,
            top,
            retriever,
            notes,
            see_also,
            not followup,
            far_below=policy.decline_foreign_cosine,
            read_as=asking,
        )
        return replace(reply, read_as=leaning if followup else "")  # else answered alone

    def _offer_topics(self, hits: Sequence[Hit]) -> list[str]:
        """The topics a decline offers (context.suggestions), which it also sets pending as
        a clarifying question's choices are, so that a number picks one ("2") as there."""
        suggested = self.context.suggestions(hits, self.guides)
        self.state.pending_question, self.state.pending_choices = "", suggested
        return suggested

    def _read(self, question: str, from_base: bool = False) -> Reading:
        """The question searched on its own and against the topic, or, `from_base`, against
        the topic as it stood before the last bare alternatives (base_question)."""
        state = self.state
        topic, terms = state.topic_question, state.topic_terms
        if from_base:
            topic = state.base_question
            terms = topic_terms(self.context, topic)
        return read(self.context, terms, self.guides, question, topic)
