"""The chat app's two themes: Textual's own, with text colours a reader can tell from the
background on the light one.

textual-light draws accent text (the welcome title, links to citations) in #A86D1C and
placeholders at 38% of the text colour on #E0E0E0: contrast 3.3:1 and 2.5:1, under the
4.5:1 that WCAG 2.1 (1.4.3, AA) asks of body text. Darker shades of the same hues reach
4.8:1 or more on every light surface (#7A4A0C, #555555).
"""

from __future__ import annotations

import dataclasses

from textual.theme import BUILTIN_THEMES, Theme

DARK = "textual-dark"
LIGHT_THEME: Theme = dataclasses.replace(
    BUILTIN_THEMES["textual-light"],
    name="guidebot-light",
    variables={
        **BUILTIN_THEMES["textual-light"].variables,
        "text-accent": "#7A4A0C",
        "text-disabled": "#555555",
    },
)
LIGHT = LIGHT_THEME.name
