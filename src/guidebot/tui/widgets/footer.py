"""The footer: Textual's, made from the bindings as ever, showing only the keys that fit.

Textual's footer lays every key out in one row and lets the row run past the screen: at 60
columns Quit and Help were off its end, and narrower still the command palette's key, drawn
over the right end, left a letter of the key under it showing ("^p palettee"). Here the keys
go compact under NARROW columns, and those that still do not fit are left out, whole: the
keys kept first (the help, which lists them all, and quit) stay longest, then the palette's
key, then the others in binding order.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer

PALETTE = "-command-palette"  # the class of Textual's footer key for the command palette
NARROW = 60  # columns under which the keys go compact (a phone's browser): more of them fit


class KeysFooter(Footer):
    """A Footer whose keys that do not fit its width are hidden; `keep` names the actions
    whose keys go first (while the width holds them at all)."""

    def __init__(self, keep: Collection[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keep = frozenset(keep)

    async def recompose(self) -> None:
        """After the bindings change (Textual recomposes the keys), fit the new keys."""
        await super().recompose()
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.compact = self.size.width < NARROW
        self.call_after_refresh(self.fit)  # after the keys take the compact style, or not

    def fit(self) -> None:
        """Show the keys that fit, by rank; the first of the others that does not fit ends
        them, so the keys shown are the start of their list, not a scattering."""
        keys: list[Widget] = list(self.query("FooterKey"))
        room = self.size.width
        shown: set[Widget] = set()
        for key in sorted(keys, key=self._rank):  # stable: binding order within a rank
            width = self._width(key)
            if width <= room:
                shown.add(key)
                room -= width
            elif self._rank(key) == 2:
                break
        for key in keys:
            key.display = key in shown

    def _rank(self, key: Widget) -> int:
        """0 for the keys kept first, 1 for the palette's, 2 for the others."""
        if getattr(key, "action", None) in self.keep:
            return 0
        return 1 if key.has_class(PALETTE) else 2

    def _width(self, key: Widget) -> int:
        """The columns `key` takes in the row: its text, padding, border and margin."""
        size = Size(self.size.width, 1)
        styles = key.styles
        return key.get_content_width(size, size) + styles.gutter.width + styles.margin.width
