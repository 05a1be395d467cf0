"""guidebot's own entries in the command palette (Ctrl+P), through Textual's Provider API.

Each entry names the keys that do the same (read from the bindings, see KeyHelp), so the
palette teaches them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from guidebot.tui.screens.chat import ChatScreen

Command = tuple[str, str, Callable[[], object], bool]  # name, help, callback, name_is_ours

# (name, help, action, on the app rather than the chat screen), in the palette's order.
ACTIONS = (
    ("New conversation", "Forget the questions so far", "new_conversation", False),
    ("Save transcript", "Save the chat as Markdown with citations", "save", False),
    ("Copy last answer", "Copy it with its citations", "copy", False),
    ("Mark answer not helpful", "Log the last answer for `guidebot gaps`", "not_helpful", False),
    ("Show next source", "Cycle through the latest answer's citations", "next_source", False),
    ("Reload knowledge", "Read the knowledge files again after editing them", "reload", False),
    ("Toggle light/dark theme", "Switch between light and dark", "toggle_theme", True),
    ("Help", "Keys and tips", "help", True),
)
PICK_GUIDE = ("Pick a guide", "Answer from one guide, or all of them", "pick_guide", False)


class GuidebotCommands(Provider):
    """New conversation, save, copy, sources, reload, guides, theme, help, suggested questions."""

    def _commands(self) -> list[Command]:
        """Our entries; knowledge text (guide titles, questions) is never parsed as markup."""
        chat = next((s for s in self.app.screen_stack if isinstance(s, ChatScreen)), None)
        if chat is None:  # the chat screen is not up yet
            return []
        several = chat.session.can_pick_guide()
        ours: list[Command] = []
        for name, help_text, action, on_app in (*ACTIONS, *([PICK_GUIDE] if several else [])):
            run: Callable[[str], Awaitable[object]] = (
                self.app.run_action if on_app else chat.run_action
            )
            hint = chat.key_help.hint(help_text, action)
            ours.append((name, hint, partial(run, action), True))
        guides: list[Command] = [
            (
                f"Answer from: {g.title}",
                f"Only the guide {g.slug}",
                partial(chat.choose_guide, g.slug),
                False,
            )
            for g in (chat.session.kb.guides if several else ())
        ]
        asks: list[Command] = [
            (f"Ask: {q}", "A suggested question", partial(chat.ask, q), False)
            for q in chat.suggestions or []
        ]
        return ours + guides + asks

    async def discover(self) -> Hits:
        for name, help_text, callback, _ in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback, is_ours in self._commands():
            score = matcher.match(name)
            if score > 0:
                display = matcher.highlight(name) if is_ours else Content(name)
                yield Hit(score, display, callback, text=name, help=help_text)
