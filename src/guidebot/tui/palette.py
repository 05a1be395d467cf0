"""guidebot's own entries in the command palette (Ctrl+P), through Textual's Provider API."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class GuidebotCommands(Provider):
    """New conversation, save, copy, sources, reload, guides, theme, help, suggested questions."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object], bool]]:
        """(name, help, callback, name_is_ours); knowledge text is never parsed as markup."""
        app = self.app
        chat = app.chat  # type: ignore[attr-defined]
        ours = [
            (
                "New conversation",
                "Forget the questions so far (Ctrl+N)",
                chat.action_new_conversation,
            ),
            (
                "Save transcript",
                "Save the chat as Markdown with citations (Ctrl+S)",
                chat.action_save,
            ),
            ("Copy last answer", "Copy it with its citations (Ctrl+Y)", chat.action_copy),
            (
                "Show next source",
                "Cycle through the latest answer's citations (Ctrl+O)",
                chat.action_next_source,
            ),
            (
                "Reload knowledge",
                "Read the knowledge files again after editing them (Ctrl+R)",
                chat.action_reload,
            ),
            (
                "Toggle light/dark theme",
                "Switch between light and dark (Ctrl+T)",
                app.action_toggle_theme,
            ),
            ("Help", "Keys and tips (F1 or ?)", app.action_help),
        ]
        if len(chat.session.kb.guides) > 1:
            ours.append(
                (
                    "Pick a guide",
                    "Answer from one guide, or all of them (Ctrl+G)",
                    chat.action_pick_guide,
                )
            )
        guides = (
            [
                (
                    f"Answer from: {g.title}",
                    f"Only the guide {g.slug}",
                    partial(chat.choose_guide, g.slug),
                    False,
                )
                for g in chat.session.kb.guides
            ]
            if len(chat.session.kb.guides) > 1
            else []
        )
        asks = [
            (f"Ask: {q}", "A suggested question", partial(chat.ask, q), False)
            for q in chat.suggestions or []
        ]
        return [(n, h, c, True) for n, h, c in ours] + guides + asks

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
