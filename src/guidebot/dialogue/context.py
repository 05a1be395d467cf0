"""What a conversation turn reads: built once per knowledge base by Bot, shared by every
conversation over it, never changed (a reload builds a new one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, partial

from guidebot.dialogue.policy import Policy
from guidebot.dialogue.scope import ScopeMatcher
from guidebot.dialogue.smalltalk import SmalltalkMatcher
from guidebot.dialogue.smalltalk_intents import ABOUT_A_GUIDE
from guidebot.dialogue.yielding import SmalltalkYield
from guidebot.knowledge.passages import Passage
from guidebot.knowledge.table import passage_column
from guidebot.search.analysis import words
from guidebot.search.introduction import THIS
from guidebot.search.results import Hit
from guidebot.search.retriever import Retriever
from guidebot.search.semantic.background import Background


@dataclass(frozen=True)
class TurnContext:
    """The retriever, the policy, small talk and scope, and the topics a turn may offer.

    `topics` are the guide headings phrased as questions, in guide order; `topic_guides`, what
    a decline offers when nothing is near (`offered_topics`), each heading with the guide
    (slug) it belongs to, so suggestions keep to the chosen ones;
    `example` is the question offered when a message has nothing to search for;
    `guide_count` how many guides hold passages of their own (0: an FAQ alone), and
    `loose_faq` whether FAQ entries that no guide holds stand beside them; `background`,
    when meaning is read, how close everyday questions come to the guide passages; `stale`,
    the passage ids of FAQ entries whose guide section changed since their answer was
    written (KnowledgeBase.stale_faqs).
    """

    retriever: Retriever
    policy: Policy
    smalltalk: SmalltalkMatcher
    scope: ScopeMatcher
    topics: tuple[str, ...]
    topic_guides: tuple[tuple[str, str], ...]
    example: str
    guide_count: int = 1
    loose_faq: bool = False
    background: Background | None = None
    stale: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        passages: Sequence[Passage],
        topics: tuple[str, ...],
        offered: tuple[tuple[str, str], ...],
        retriever: Retriever,
        policy: Policy,
        smalltalk: SmalltalkMatcher,
        scope: ScopeMatcher,
        stale: frozenset[str] = frozenset(),
    ) -> TurnContext:
        sections = passage_column(passages, "section")
        guides = passage_column(passages, "guide")
        kinds = passage_column(passages, "kind")
        example = topics[0] if topics else (sections[0] if sections else "")
        count = len({g for g, k in zip(guides, kinds, strict=True) if k == "guide"})
        loose = any(not g and k == "faq" for g, k in zip(guides, kinds, strict=True))
        vectors, floor = retriever.vectors, policy.retrieval.semantic_known_share
        background = (
            Background(vectors, guides, kinds, partial(_in_its_words, retriever), floor)
            if vectors is not None
            else None
        )
        return cls(
            retriever,
            policy,
            smalltalk,
            scope,
            topics,
            offered,
            example,
            count,
            loose,
            background,
            stale,
        )

    def knowledge_name(self, guides: Sequence[str] = ()) -> str:
        """What a decline calls the knowledge, or the guides a conversation keeps to: "The
        guide", "The guides", "The FAQ" for a help desk's export alone, and "The guide and
        FAQ" for a guide with FAQ entries it does not hold (those a guide holds are its)."""
        count = len(guides) if guides else self.guide_count
        name = "The FAQ" if count == 0 else "The guide" if count == 1 else "The guides"
        return f"{name} and FAQ" if count and self.loose_faq and not guides else name

    def is_smalltalk(self, text: str) -> bool:
        """Small talk that names nothing the knowledge is about besides small talk's own
        words ("ok thanks", not "ok and the GRE", which small talk reads as "ok and the
        are")."""
        if self.smalltalk.match(text, self.names_a_topic) is None:
            return False
        rest = " ".join(w for w in words(text) if not self.smalltalk.uses(w))
        return not self.names_a_topic(rest)

    def names_a_topic(self, text: str, besides: str = "") -> bool:
        """Whether text has a term the knowledge uses, other than the terms of `besides`."""
        retriever = self.retriever
        terms, surface, _ = retriever.understand(text)
        # "this guide" names the guide, no topic in it ("who's the author of this guide");
        # "a guide?" may ask about a tour's guides.
        this = {
            t
            for before, word in zip(surface, surface[1:], strict=False)
            if before.lower() in THIS
            for t in retriever.analyzer.terms(word)
            if retriever.names_the_document(t)
        }
        known = [t for t in terms if retriever.knows(t) and t not in this]
        if not known or not besides:  # small talk passes long `besides` many times a turn
            return bool(known)
        excused = set(retriever.understand(besides)[0])
        return any(t not in excused for t in known)

    def named_guide(self, text: str) -> tuple[str, str] | None:
        """(the guide's slug, the text without the words naming it) when, among several
        guides, words of the text name one by its title ("who wrote the personal training
        guide": the personal training guide, "who wrote the guide"), else None. A word
        naming the document ("guide") names none of them."""
        retriever = self.retriever
        if self.guide_count < 2:
            return None
        # The question read once (typos repaired), then each of its words' own terms.
        said, naming = retriever.understand(text)[1], []
        for word in said:
            terms = retriever.analyzer.terms_of_words([word])
            terms = [t for t in terms if not retriever.names_the_document(t)]
            naming.append(retriever.guide_names.named_by(terms) if terms else frozenset())
        named = [guides for guides in naming if guides]
        one = frozenset.intersection(*named) if named else frozenset()
        if len(one) != 1:
            return None
        rest = " ".join(word for word, guides in zip(said, naming, strict=True) if not guides)
        return next(iter(one)), rest

    def about_a_named_guide(self, text: str) -> tuple[str, str] | None:
        """(intent, reply) of small talk about one guide as a document that names it among
        several ("who wrote the personal training guide", "when was the new member guide
        updated"): its byline or date, where its title's words would otherwise be searched;
        else None."""
        named = self.named_guide(text)
        if named is None:
            return None
        slug, rest = named
        small = self.smalltalk.match(rest, self.names_a_topic, (slug,))
        return small if small and small[0] in ABOUT_A_GUIDE else None

    def suggestions(
        self, hits: Sequence[Hit], guides: Sequence[str] = (), limit: int = 3
    ) -> list[str]:
        """Topics to offer when declining: the nearby sections (`nearby`), else the first
        ones (of the guides the conversation is restricted to, if any), by their labels
        (knowledge.labels), or their headings when it keeps to one guide."""
        if len(guides) == 1:
            near = [h.passage.section for h in hits if self._near(h)]
            first = [s for g, s in self.topic_guides if g in guides]
        else:
            label = self.retriever.labels.label
            near = self.nearby(hits)
            first = [label(g, s) for g, s in self.topic_guides if not guides or g in guides]
        return list(dict.fromkeys([*near, *first]))[:limit]

    def nearby(self, hits: Sequence[Hit]) -> list[str]:
        """The labels (knowledge.labels) of hits sharing a word with the question: a
        passage ranked for its meaning alone, in a question declined as far from
        everything, is no nearby topic ("how do I bake bread" met "Table of contents" and
        "Related Articles" with all-mpnet-base-v2). Nor is a guide's opening, headed by the
        guide's own title, which shares a word with most questions about the guide and
        names no topic ("Millbrook City Waste and Recycling Help Centre")."""
        return [self.retriever.labels.of(h.passage) for h in hits if self._near(h)]

    @staticmethod
    def _near(hit: Hit) -> bool:
        return bool(hit.matched) and hit.passage.section != hit.passage.guide_title

    @cached_property
    def yielding(self) -> SmalltalkYield:
        """When small talk yields to the knowledge's own answer (yielding.SmalltalkYield)."""
        return SmalltalkYield(self.retriever, self.policy, self.smalltalk, self.names_a_topic)


def _in_its_words(retriever: Retriever, text: str) -> bool:
    """Whether the knowledge uses most of the text's terms, so answers it in its own words
    (a travel guide "how long is the flight to new york"): no background question for it."""
    return in_its_words(retriever, retriever.understand(text)[0])


def in_its_words(retriever: Retriever, terms: Sequence[str]) -> bool:
    """Whether the knowledge uses most of the terms (a question's, analysed)."""
    return 2 * sum(map(retriever.knows, terms)) > len(terms)
