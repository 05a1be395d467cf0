"""The public entry point: Bot.load(path) -> bot.conversation() -> conversation.ask(text)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from guidebot.dialogue.conversation import Conversation, ConversationState
from guidebot.dialogue.policy import Policy
from guidebot.dialogue.scope import ScopeMatcher
from guidebot.dialogue.smalltalk import SmalltalkMatcher
from guidebot.errors import KnowledgeError
from guidebot.knowledge.loader import load_knowledge, reload_knowledge
from guidebot.knowledge.model import KnowledgeBase
from guidebot.knowledge.passages import Passage, build_passages
from guidebot.reply import Reply
from guidebot.search import cache as indexcache
from guidebot.search import retriever as retrieval
from guidebot.search.analysis import Analyzer
from guidebot.search.english import EnglishWords
from guidebot.search.retriever import Hit, Retriever
from guidebot.version import __version__


class Bot:
    """A loaded knowledge base, its index, and the policy for answering; shared by conversations."""

    def __init__(
        self, kb: KnowledgeBase, policy: Policy | None = None, cache_dir: Path | None = None
    ) -> None:
        """Index kb; cache_dir (e.g. locations.cache_dir()) keeps the built index and the
        English word list between runs. Cache trouble never fails: it is a note in `notes`."""
        self.kb = kb
        self.policy = policy or Policy()
        self.cache_dir = cache_dir
        self.notes: list[str] = []
        self.passages: tuple[Passage, ...] = build_passages(kb)
        analyzer = Analyzer(kb.synonyms)
        config = self.policy.retrieval
        key = indexcache.CacheKey(
            kb.fingerprint,
            __version__,
            config.bm25,
            indexcache.analyzer_settings(kb.synonyms, extra=indexcache.source_hash(retrieval)),
        )
        bundle = None
        if cache_dir is not None:
            bundle, note = indexcache.load(cache_dir, key)
            self.notes += [note] if note else []
        self.retriever = Retriever(
            self.passages, analyzer, config, EnglishWords(cache_dir), bundle=bundle
        )
        if cache_dir is not None and bundle is None:
            note = indexcache.save(cache_dir, key, self.retriever.bundle)
            self.notes += [note] if note else []
        self.topics = tuple(
            dict.fromkeys(p.section for p in self.passages if p.section.endswith("?"))
        )
        self.smalltalk = SmalltalkMatcher(kb, self.topics, analyzer.respell)
        self.scope = ScopeMatcher(kb.out_of_scope, (w for group in kb.synonyms for w in group))

    @classmethod
    def load(
        cls, path: Path | str, policy: Policy | None = None, cache_dir: Path | None = None
    ) -> Bot:
        """Load and validate the knowledge at path (raises KnowledgeError) and index it."""
        return cls(load_knowledge(path), policy, cache_dir)

    def reloaded(self) -> tuple[Bot, KnowledgeError | None]:
        """The bot for the knowledge as it is on disk now; on a broken edit, this same bot and
        the error, so the last good knowledge keeps answering."""
        kb, error = reload_knowledge(self.kb)
        if error is not None or kb is self.kb:
            return self, error
        return Bot(kb, self.policy, self.cache_dir), None

    def conversation(
        self, state: ConversationState | None = None, guides: Sequence[str] = ()
    ) -> Conversation:
        """A new conversation (or a resumed one, from a saved state)."""
        return Conversation(self, state, tuple(guides))

    def ask(self, question: str) -> Reply:
        """Answer one self-contained question."""
        return self.conversation().ask(question)

    def suggestions(
        self, hits: Sequence[Hit], guides: Sequence[str] = (), limit: int = 3
    ) -> list[str]:
        """Topics to offer when declining: the nearest sections, else the first ones (of the
        guides the conversation is restricted to, if any)."""
        near = [h.passage.section for h in hits]
        first = [
            p.section
            for p in self.passages
            if p.section in self.topics and (not guides or p.guide in guides)
        ]
        return list(dict.fromkeys([*near, *first]))[:limit]

    def example(self) -> str:
        return (
            self.topics[0] if self.topics else (self.passages[0].section if self.passages else "")
        )
