"""The Textual chat app (`guidebot` / `guidebot chat`). Importing this imports Textual."""

from guidebot.tui.app import GuidebotApp, create_app

__all__ = ["GuidebotApp", "create_app"]
