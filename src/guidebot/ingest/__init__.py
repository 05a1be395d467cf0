"""Bringing outside material in: articles (Markdown, HTML, text) and FAQ tables become
knowledge files."""
