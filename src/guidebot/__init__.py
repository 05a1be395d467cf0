"""guidebot: answers questions about guides with cited passages."""

from typing import TYPE_CHECKING, Any

from guidebot.errors import GuidebotError, KnowledgeError, Problem
from guidebot.reply import Reply, Source
from guidebot.version import __version__

if TYPE_CHECKING:
    from guidebot.bot import Bot
    from guidebot.dialogue.conversation import Conversation, ConversationState

__all__ = [
    "Bot",
    "Conversation",
    "ConversationState",
    "GuidebotError",
    "KnowledgeError",
    "Problem",
    "Reply",
    "Source",
    "__version__",
]

_LAZY = {
    "Bot": "guidebot.bot",
    "Conversation": "guidebot.dialogue.conversation",
    "ConversationState": "guidebot.dialogue.conversation",
}


def __getattr__(name: str) -> Any:
    """Import the engine (numpy, the index) only when it is used: `import guidebot` and the
    chat app's first screen stay fast (PEP 562)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'guidebot' has no attribute {name!r}")
