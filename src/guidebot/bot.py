"""The public entry point: Bot.load(path) -> bot.conversation() -> conversation.ask(text)."""

from __future__ import annotations

import copy
import dataclasses
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

from guidebot.dialogue.context import TurnContext
from guidebot.dialogue.conversation import Conversation, ConversationState
from guidebot.dialogue.offered import offered_topics, question_topics
from guidebot.dialogue.policy import Policy, default_policy
from guidebot.dialogue.scope import ScopeMatcher
from guidebot.dialogue.smalltalk import SmalltalkMatcher
from guidebot.dialogue.smalltalk_intents import builtin_intents
from guidebot.errors import KnowledgeError
from guidebot.knowledge import lastgood
from guidebot.knowledge.cached import load_cached, save_loaded
from guidebot.knowledge.gcpause import paused_gc
from guidebot.knowledge.loader import load_knowledge, reload_knowledge
from guidebot.knowledge.model import KnowledgeBase
from guidebot.knowledge.passages import Passage, build_passages, passages_version
from guidebot.knowledge.table import passage_column
from guidebot.reply import Reply
from guidebot.search import cache
from guidebot.search.analysis import Analyzer
from guidebot.search.bundle import Bundle, build_bundle
from guidebot.search.english import EnglishWords
from guidebot.search.retriever import Retriever
from guidebot.search.semantic.passages import PassageVectors
from guidebot.search.semantic.textencoder import TextEncoder, word_cosine


class Bot:
    """A loaded knowledge base, its index, and the policy for answering; shared by conversations."""

    def __init__(
        self,
        kb: KnowledgeBase,
        policy: Policy | None = None,
        cache_dir: Path | None = None,
        passages: Sequence[Passage] | None = None,
        encoder: TextEncoder | None = None,
    ) -> None:
        """Index kb; cache_dir (e.g. locations.cache_dir()) keeps the built index and the
        English word list between runs. Cache trouble never fails: it is a note in `notes`.
        `passages`, when given, must be build_passages(kb) (a snapshot stores both).
        `encoder` (search.semantic.load.load_model: a sentence-embedding model or the
        built-in word vectors) reads meaning beside the words; its passage embeddings are
        kept in cache_dir too. Word vectors that read none of the passages, or more of them
        than policy.retrieval.word_vector_passages, are left out, with a note."""
        self.kb = kb
        self.policy = policy or default_policy(encoder is not None and encoder.word_level)
        self.cache_dir = cache_dir
        self.encoder = encoder
        self.notes: list[str] = []
        # Bot.load(last_good=True) answering from an earlier snapshot: what the files lack now.
        self.problems: KnowledgeError | None = None
        self.cached_new_index = False  # _bundle built the index and saved it to cache_dir
        self.passages: Sequence[Passage] = build_passages(kb) if passages is None else passages
        analyzer = Analyzer(kb.synonyms)
        bundle = self._bundle(analyzer)
        english = EnglishWords(cache_dir)
        vectors = None
        limit = self.policy.retrieval.word_vector_passages
        if encoder is not None and encoder.word_level and len(self.passages) > limit:
            self.notes.append(f"over {limit} passages: read by their words alone")
        elif encoder is not None:
            knowledge = f"{kb.fingerprint} {passages_version()}"
            vectors, note = PassageVectors.build(encoder, self.passages, cache_dir, knowledge)
            self.notes += [note] if note else []
            if encoder.word_level and not vectors.vectors.any():
                self.notes.append("the word vectors know none of the words: words alone")
                vectors = None
        retriever = Retriever(
            self.passages, analyzer, self.policy.retrieval, bundle, english, vectors
        )
        topics = question_topics(self.passages)
        offered = offered_topics(self.passages, topics)
        self.context = TurnContext.of(
            self.passages,
            topics,
            offered,
            retriever,
            self.policy,
            SmalltalkMatcher(
                kb,
                [heading for _, heading in offered],
                analyzer.respell,
                builtin=builtin_intents(),
                english=english,
                alike=word_cosine(encoder) if encoder is not None and vectors is not None else None,
                knowledge_uses=_uses(retriever, analyzer),
            ),
            ScopeMatcher(kb.out_of_scope, (w for group in kb.synonyms for w in group)),
            frozenset(f"faq/{entry}" for entry in kb.stale_faqs),
        )

    def _bundle(self, analyzer: Analyzer) -> Bundle:
        """The field indexes from the on-disk cache when it holds a sound copy, else built
        (and saved there); what went wrong with the cache is a note."""
        config = self.policy.retrieval
        key = cache.CacheKey(
            self.kb.fingerprint,
            passages_version(),
            config.bm25,
            cache.analyzer_settings(self.kb.synonyms),
        )
        if self.cache_dir is not None:
            bundle, trouble = cache.load(self.cache_dir, key)
            self.notes += [trouble] if trouble else []
            if bundle is not None and bundle.meta.get("passages") == len(self.passages):
                return bundle
        bundle = build_bundle(self.passages, analyzer, config)
        if self.cache_dir is not None:
            note = cache.save(self.cache_dir, key, bundle)
            self.notes += [note] if note else []
            self.cached_new_index = not note
        return bundle

    def warm(self) -> None:
        """Answer one question and read how close everyday questions come to the guides,
        so that what a first turn loads (the English word list: 30 ms from the cache, 150 ms
        to build and cache it; that background: a few ms) is loaded before anyone asks."""
        self.ask(self.context.example)
        if self.context.background is not None:
            self.context.background.line(0.5)

    @property
    def retriever(self) -> Retriever:
        return self.context.retriever

    @property
    def section_labels(self) -> frozenset[str]:
        """Every section's label (knowledge.labels: its heading, with its guide's title
        where several guides answer) and heading: what a clarifying question's choices may
        name (a bare heading, in a state saved before labels named guides)."""
        return self.context.retriever.labels.all

    def passage_labels(self) -> list[str]:
        """The label (knowledge.labels) of each passage's section, in passage order; read by
        columns, so a cached library's passages are not all made."""
        label = self.context.retriever.labels.label
        guides = passage_column(self.passages, "guide")
        return [
            label(g, s)
            for g, s in zip(guides, passage_column(self.passages, "section"), strict=True)
        ]

    @property
    def topics(self) -> tuple[str, ...]:
        """The guide headings phrased as questions, in guide order."""
        return self.context.topics

    @classmethod
    def load(
        cls,
        path: Path | str,
        policy: Policy | None = None,
        cache_dir: Path | None = None,
        encoder: TextEncoder | None = None,
        last_good: bool = False,
    ) -> Bot:
        """Load and validate the knowledge at path (raises KnowledgeError) and index it.

        With a cache_dir, knowledge whose files are unchanged since the last load (same
        names, sizes and modification times) comes from a snapshot there instead of being
        parsed again (knowledge/snapshot.py). With `last_good` too, files with problems
        give the knowledge as it last loaded cleanly, when its snapshot is still cached
        (knowledge/lastgood.py): the bot's `problems` then hold the error not raised."""
        with paused_gc():  # what a load makes lives on and holds no cycles: nothing to find
            if cache_dir is None:
                return cls(load_knowledge(path), policy, encoder=encoder)
            loaded = load_cached(Path(path), cache_dir, last_good)
            bot = cls(loaded.kb, policy, cache_dir, loaded.passages, encoder)
            saved = save_loaded(loaded, cache_dir, bot.passages)
        bot.notes[:0] = [*loaded.notes, *([saved] if saved else [])]
        bot.problems = loaded.problems
        return bot

    def reloaded(self) -> tuple[Bot, KnowledgeError | None]:
        """The bot for the knowledge as it is on disk now; on a broken edit, this same bot and
        the error, so the last good knowledge keeps answering. New knowledge, not
        snapshotted, makes the cache forget its last good state: it is older than this."""
        kb, error = reload_knowledge(self.kb)
        if error is not None or kb is self.kb:
            return self, error
        if self.cache_dir is not None:
            lastgood.forget(self.cache_dir, Path(kb.root))
        return Bot(kb, self.policy, self.cache_dir, encoder=self.encoder), None

    def with_policy(self, policy: Policy) -> Bot:
        """This bot answering by another policy; the index is shared when the policy ranks
        the same way (same retrieval config), else built anew."""
        if policy.retrieval != self.policy.retrieval:
            return Bot(self.kb, policy, self.cache_dir, self.passages, self.encoder)
        other = copy.copy(self)
        other.policy, other.notes = policy, []
        other.context = dataclasses.replace(self.context, policy=policy)
        return other

    def conversation(
        self, state: ConversationState | None = None, guides: Sequence[str] = ()
    ) -> Conversation:
        """A new conversation (or a resumed one, from a saved state)."""
        return Conversation(self.context, state, tuple(guides))

    def ask(self, question: str) -> Reply:
        """Answer one self-contained question."""
        return self.conversation().ask(question)


def _uses(retriever: Retriever, analyzer: Analyzer) -> Callable[[str], bool]:
    """Whether the knowledge uses a word (a term of it is in some passage), for the small
    talk's speller. It holds the retriever weakly: the small-talk matcher sits in reference
    cycles of its own, and a dropped bot's index must go without the cycle collector."""
    knows = weakref.WeakMethod(retriever.knows)

    def uses(word: str) -> bool:
        found = knows()
        return found is not None and any(map(found, analyzer.terms_of_words([word])))

    return uses
