"""Keys as the help, the palette and the header name them, read from the Binding objects: a
changed binding changes every place that tells people about it, with no list to keep in step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from textual.binding import Binding, BindingType

# Textual's key names that people know by another name; the rest are capitalised.
NAMES = {"escape": "Esc", "question_mark": "?", "pageup": "PgUp", "pagedown": "PgDn"}


def key_name(key: str) -> str:
    """A Textual key as the help writes it: "ctrl+n" is Ctrl+N, "f1" F1, "escape" Esc."""
    *modifiers, last = key.split("+")
    if last in NAMES:
        name = NAMES[last]
    elif len(last) == 1:
        name = last.upper() if modifiers else last
    elif last[0] == "f" and last[1:].isdigit():
        name = last.upper()
    else:
        name = last.capitalize()
    return "+".join([*(m.capitalize() for m in modifiers), name])


class KeyHelp:
    """The keys bound to each action, in binding order, named for people.

    `also` adds keys that do an action without being its binding (e.g. "?" on an empty input
    opens the help), so that every mention of the action names them too.
    """

    def __init__(
        self, *bindings: Iterable[BindingType], also: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        self._keys: dict[str, list[str]] = {}
        for listed in bindings:
            for binding in Binding.make_bindings(listed):
                self._add(binding.action, binding.key_display or key_name(binding.key))
        for action, keys in (also or {}).items():
            for key in keys:
                self._add(action, key)

    def _add(self, action: str, key: str) -> None:
        keys = self._keys.setdefault(action, [])
        if key not in keys:
            keys.append(key)

    def named(self, action: str) -> str:
        """The keys for `action` in words, "F1 or ?"; "" if it has none."""
        return " or ".join(self._keys.get(action, ()))

    def first(self, action: str) -> str:
        """The main key for `action` (its first binding), for short hints such as "Esc closes"."""
        return next(iter(self._keys.get(action, ())), "")

    def hint(self, text: str, action: str) -> str:
        """`text` followed by the action's keys in brackets, as the command palette shows them."""
        keys = self.named(action)
        return f"{text} ({keys})" if keys else text
