"""`guidebot serve`'s page: textual-serve's own, but for its font.

textual-serve's page loads Roboto Mono from Google Fonts. guidebot works offline and
contacts no one, so the page takes the same font from the copy textual-serve ships in its
static folder: the stylesheet link is replaced by a preload (the terminal measures its cells
in the font once the page has loaded, and the load event waits for a preload) and the font
faces. Rewritten as rendered rather than copied, so textual-serve's page stays its own; the
e2e test of the page fails if a future version's link no longer matches.
"""

from __future__ import annotations

import re

_GOOGLE_FONT = re.compile(
    r"<link\s+rel=\"stylesheet\"\s+href=\"https://fonts\.googleapis\.com/[^\"]*\"\s*/?>"
)
_FACES = """<link rel="preload" href="{fonts}RobotoMono-VariableFont_wght.ttf" as="font"
      type="font/ttf" crossorigin />
    <link rel="icon" href="data:," />
    <style>
      @font-face {{ font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{fonts}RobotoMono-VariableFont_wght.ttf") format("truetype"); }}
      @font-face {{ font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{fonts}RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }}
    </style>"""


def with_local_font(page: str, static_url: str) -> str:
    """The page with its Google Fonts stylesheet replaced by the font served from
    `static_url` (textual-serve's static folder, "/static/"), and an empty icon rather
    than a request for /favicon.ico that fails in the console."""
    faces = _FACES.format(fonts=f"{static_url}fonts/")
    return _GOOGLE_FONT.sub(lambda _: faces, page, count=1)
