"""The light theme's text against its backgrounds: WCAG 2.1 contrast (1.4.3, AA: 4.5:1)."""

from __future__ import annotations

import pytest
from textual.color import Color

from guidebot.tui.themes import LIGHT, LIGHT_THEME


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1's contrast ratio of two opaque colours, 1 to 21."""

    def luminance(text: str) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = Color.parse(text).rgb
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("text", ["text-accent", "text-disabled"])
@pytest.mark.parametrize("surface", ["background", "surface", "panel"])
def test_accent_text_and_placeholders_are_readable_on_the_light_theme(text, surface):
    # As App.get_css_variables makes them: the generated colours, then the theme's own.
    colours = {**LIGHT_THEME.to_color_system().generate(), **LIGHT_THEME.variables}
    assert contrast(colours[text], colours[surface]) >= 4.5


def test_the_contrast_formula_matches_wcag_examples():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


async def test_the_theme_key_switches_to_the_readable_light_theme(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == LIGHT
        colours = app.get_css_variables()
        assert contrast(colours["text-accent"], colours["background"]) >= 4.5


async def test_the_header_names_the_guide_undimmed(make_app) -> None:
    """Textual dims the sub-title (2.4:1 on the dark panel); the guide's title is shown at
    full strength."""
    app = make_app()
    async with app.run_test(size=(80, 24)):
        title = app.format_title("guidebot", "A Guide")
        assert title.plain == "guidebot — A Guide"
        assert not any("dim" in str(span.style) for span in title.spans)
