"""When small talk yields to the knowledge's own answer: an FAQ entry asked in the
message's words or near them in meaning, written for its intent, or asked as that very
small talk; words the knowledge asks about; a heading naming what live information or a
sum is about. Built once per knowledge base (TurnContext.yielding); what it reads of the
knowledge on first use it keeps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from guidebot.dialogue.live import WHEN
from guidebot.dialogue.policy import Policy
from guidebot.dialogue.remarks import Content
from guidebot.dialogue.smalltalk import SmalltalkMatcher
from guidebot.dialogue.smalltalk_intents import CALCULATION, DECLINED
from guidebot.dialogue.sums import asks_a_sum
from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import words
from guidebot.search.results import SearchResult
from guidebot.search.retriever import Retriever
from guidebot.search.semantic.passages import passage_views


@dataclass
class SmalltalkYield:
    """Whether small talk gives way to an FAQ entry or to the knowledge's topics, for
    small talk `smalltalk` matched; `names_a_topic` as TurnContext.names_a_topic."""

    retriever: Retriever
    policy: Policy
    smalltalk: SmalltalkMatcher
    names_a_topic: Content
    _asked_as_memo: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)

    def faq_asks(self, question: str, intent: str, guides: Sequence[str] = ()) -> bool:
        """Whether an FAQ entry (of `guides`, if any) asks this question, which small talk
        matched as `intent`, so that its reply comes before built-in small talk ("Who are
        you?" in a help desk's export): the one entry asked in exactly these words (the
        search lifts it first), or with a sentence-embedding model one with a view (its
        question, an alternate or its answer) as close in meaning as a paraphrase
        (Policy.smalltalk_yield_similarity, a cosine), or closer than every example of
        the intent matched, or written for it (smalltalk_yield_closer); or the knowledge
        asks about the words a new wording of small talk brings (`asks_about`); or, for a
        question about live information or a sum, one of its words names a heading's topic
        ("what's the weather policy" beside "Closing for bad weather", "can you help with
        my homework" beside "Homework club"); for a sum, also any entry asked as one
        (CLINC150's "what is 7 x 7")."""
        if intent == CALCULATION and self._asks_sums:
            return True
        if intent in DECLINED and self._names_a_heading(question, guides):
            return True
        return self._entry_asks(question, intent, guides) or self.asks_about(question, guides)

    def owned_entry(
        self, question: str, intent: str, guides: Sequence[str] = ()
    ) -> SearchResult | None:
        """The search's result for small talk of this intent when the FAQ entry it ranks
        first is itself asked as small talk of that intent (_asked_as), marked as asked in
        that entry's words (SearchResult.exact, full coverage), else None: a help desk's "Am
        I talking to a real person?", with its phone number, answers "are you a robot" in
        its owner's words, though the two share none. The view's words, not a similarity,
        tell that the owner wrote it for such a message, so no line of meaning applies ("are
        you a robot" is 0.27 from that question with the built-in word vectors, under
        Policy.semantic_entry_line). Only with Policy.smalltalk_yield_closer."""
        if not self.policy.smalltalk_yield_closer:
            return None
        result = self.retriever.search(question, k=10, guides=guides)
        best = result.best
        if best is None or best.passage.kind != "faq" or intent not in self._asked_as(best.row):
            return None
        return replace(result, exact=True, coverage=1.0)

    def _asked_as(self, row: int) -> frozenset[str]:
        """The small-talk intents of an FAQ entry's views (question and alternates), read
        once per entry as small talk first meets it: never all entries at once, which in a
        large library would hold up that first message."""
        memo = self._asked_as_memo
        if row not in memo:
            match, views = self.smalltalk.match, self.retriever.passages[row].asked
            memo[row] = frozenset(m[0] for v in views if (m := match(v, self.names_a_topic)))
        return memo[row]

    def _names_a_heading(self, question: str, guides: Sequence[str]) -> bool:
        """Whether a word of the question names a section's heading: not a word of time
        ("what time is the last train" beside "Arrival and departure times"), nor a name
        heading only a guide's opening, its title ("marbury" in "Marbury Libraries")."""
        what = " ".join(w for w in words(question) if w not in WHEN)
        naming, openings = self.retriever.sections.naming, self._opening_labels
        terms = self.retriever.understand(what)[0]
        return any(label not in openings for term in terms for label in naming(term, guides))

    @cached_property
    def _opening_labels(self) -> frozenset[str]:
        """The labels of the guides' openings, headed by their titles."""
        passages, label = self.retriever.passages, self.retriever.labels.label
        # By columns, distinct rows first: a cached library's passages are made on use.
        columns = (passage_column(passages, n) for n in ("guide", "section", "guide_title"))
        rows = dict.fromkeys(zip(*columns, strict=True))
        return frozenset(
            label(guide, section) for guide, section, title in rows if section == title
        )

    def asks_about(self, question: str, guides: Sequence[str]) -> bool:
        """Whether the words a question about guidebot in a new wording brings to the
        example it is nearest (SmalltalkMatcher.new_words) are what the knowledge asks
        about: the passages the search ranks first (the best, and those tied with it as
        clarify.close_sections ties them) each name all their terms in an FAQ entry's
        question or in their heading. To an insurer's FAQ "what do you cover" asks "What
        does my policy cover?"; on the bundled guide "cover" is one word among the
        alternates of "What courses will I take?", and "what are you able to help with"
        finds "What proof of results should a program be able to show?"."""
        retriever, policy = self.retriever, self.policy
        analyzer = retriever.analyzer
        new_words = self.smalltalk.new_words(question)
        brought = {
            t
            for w in new_words
            for t in analyzer.terms(w)
            if not retriever.names_the_document(t)  # "who wrote this guide"
        }
        if not brought or not all(retriever.knows(t) for t in brought):
            return False
        result = retriever.search(question, k=policy.naming_depth, guides=guides)
        top = result.hits[0].score if result.hits else 0.0
        ratio = policy.clarify_ratio_one_word if len(result.terms) == 1 else policy.clarify_ratio
        tied = [h.passage for h in result.hits if top > 0 and h.score / top >= ratio]
        named = [set(analyzer.terms(p.question or p.section)) for p in tied]
        if not named or not all(brought <= terms for terms in named):
            return False
        # A word of small talk's own examples ("help", "cover") is what the knowledge asks
        # about only when several of the entries or headings found name it: a bank's one
        # "Can you help me with a mortgage?" does not make "what are you able to help with"
        # a question about mortgages; an insurer's "What does my policy cover?" and "What
        # is not covered?" make "what do you cover" one.
        own = {t for w in new_words if self.smalltalk.uses(w) for t in analyzer.terms(w)}
        headings = {p.question or p.section for p in (h.passage for h in result.hits)}
        return all(sum(t in analyzer.terms(h) for h in headings) > 1 for t in own & brought)

    def _entry_asks(self, question: str, intent: str, guides: Sequence[str]) -> bool:
        retriever, policy, vectors = self.retriever, self.policy, self.retriever.vectors
        if not retriever.faqs or not (vectors is not None or retriever.faqs.exact(question)):
            return False
        result = retriever.search(question, k=1, guides=guides)
        best, similarity = result.best, result.similarity
        # Exact for an entry asked in these words, not for an introduction lifted for a
        # question about the document (search.introduction): "who am i talking to" names
        # "talk", as "what does the guide talk about" does, and stays small talk.
        if result.exact:
            return best is not None and best.row in retriever.faqs.exact(question)
        # No similarity: the message was read by its words alone (a table of word vectors
        # lacking most of its weight, RetrievalConfig.semantic_known_share), so its few
        # known words must not claim an entry either.
        if vectors is None or similarity is None or best is None or best.passage.kind != "faq":
            return False
        question = result.as_read(question)
        views = self._read_views(best.row, best.passage)
        closest = float((views @ vectors.query(question)).max(initial=-1.0))
        if closest >= policy.smalltalk_yield_similarity:
            return True
        # Only to an entry the decline rules would answer from (Policy.semantic_entry_line),
        # or the message would be neither small talk nor answered.
        if not policy.smalltalk_yield_closer or similarity < policy.semantic_entry_line:
            return False
        # The owner's wording beats ours: an entry closer in meaning than every example of
        # the intent matched was written for this message more aptly than our reply
        # (CLINC150's "thank you for the help" to its own thank-you entry, 0.68 against
        # 0.41; its "thank you for the chat, goodbye", read as thanks, to its goodbye
        # entry, though our "goodbye" is nearer still), and one with a view that
        # paraphrases an example of the intent matched was written for that intent (a
        # help desk's greeting entry answers "hi", though no view is "hi").
        own = self._smalltalk_vectors
        mine = [n for n, name in enumerate(self.smalltalk.example_intents) if name == intent]
        compared = own[mine] if mine else own  # an intent without examples: all of them
        if closest > float(np.max(compared @ vectors.query(question))):
            return True
        if not mine:
            return False
        claimed = float((views @ own[mine].T).max(initial=-1.0))
        return claimed >= policy.smalltalk_yield_similarity

    def _read_views(self, row: int, entry: Passage) -> np.ndarray:
        """float32 (views, dim): the FAQ entry's views that the encoder reads enough of to
        judge (RetrievalConfig.semantic_known_share), as questions are judged: a table of
        word vectors lacking "tech" reads the alternate "tech help" as "help" alone, which
        is no entry asking what guidebot's own "help" asks."""
        vectors = self.retriever.vectors
        assert vectors is not None
        views = vectors.views(row)
        texts, _ = passage_views([entry])
        if len(texts) != len(views):
            return views
        floor = self.policy.retrieval.semantic_known_share
        return views[[vectors.reads(t, floor) for t in texts]]

    @cached_property
    def _asks_sums(self) -> bool:
        """Whether an FAQ entry is asked as a sum (sums.asks_a_sum), on first use."""
        passages = self.retriever.passages
        faqs = [row for row, kind in enumerate(passage_column(passages, "kind")) if kind == "faq"]
        return any(asks_a_sum(asked) for row in faqs for asked in passages[row].asked)

    @cached_property
    def _smalltalk_vectors(self) -> np.ndarray:
        """float32 (examples, dim): small talk's examples embedded, on first use (a few
        hundred ms with all-mpnet-base-v2), so a start that never needs them does not pay.
        Only called with a model."""
        assert self.retriever.vectors is not None
        return self.retriever.vectors.encoder.encode(self.smalltalk.examples)
