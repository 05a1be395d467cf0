"""guidebot: answers questions about guides with cited passages."""

from guidebot.bot import Bot
from guidebot.dialogue import Conversation, ConversationState
from guidebot.errors import GuidebotError, KnowledgeError, Problem
from guidebot.reply import Reply, Source
from guidebot.version import __version__

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
