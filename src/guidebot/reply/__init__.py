"""What a turn produces (Reply, Source) and its renderings (text, Markdown, transcripts).

No numpy and no engine here: front ends and saved transcripts use these without loading the
index."""

from guidebot.reply.model import KINDS, LOW_CONFIDENCE, Complaint, Reply, Source

__all__ = ["KINDS", "LOW_CONFIDENCE", "Complaint", "Reply", "Source"]
