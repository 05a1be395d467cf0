"""Bracketed pastes read whole and in order, whatever control characters they hold.

A terminal marks a paste with ESC [200~ … ESC [201~ so that the app takes it as text, not as
keys. Textual's input parser (textual._xterm_parser, 8.x) reads an ESC inside the paste as the
start of an escape sequence and, when that sequence is no key, sends its characters as key
presses, ESC as "^", before the paste itself: pasting "abc ESC[31mdef" typed "^[31mdef" and
then pasted "abc " after it. Here every ESC between the markers becomes its visible stand-in
("␛", as guidebot.tui.literal shows it) before the parser sees it, so the paste arrives as one
Paste event, in order, with no ESC left in it to reach the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.message import Message

from guidebot.tui.literal import visible

ESC = "\x1b"
START = ESC + "[200~"
END = ESC + "[201~"
STAND_IN = visible(ESC)


class PastedEscapes:
    """Rewrites the ESCs inside bracketed pastes, chunk by chunk as the terminal sends them (a
    marker may be split between two reads); outside a paste nothing changes."""

    def __init__(self) -> None:
        self.pasting = False
        self._recent = ""  # the last characters before a paste, to see its start marker
        self._held = ""  # inside a paste: an ESC and what followed it, until it is or is not END

    def __call__(self, data: str) -> str:
        out: list[str] = []
        for character in data:
            self._take(character, out)
        if not data and self._held:  # the end of input: what was held was pasted text
            held, self._held = self._held, ""
            out.append(STAND_IN + held[1:])
        return "".join(out)

    def _take(self, character: str, out: list[str]) -> None:
        if not self.pasting:
            out.append(character)
            self._recent = (self._recent + character)[-len(START) :]
            if self._recent == START:
                self.pasting, self._recent = True, ""
            return
        if self._held:
            held = self._held + character
            if END.startswith(held):
                self._held = "" if held == END else held
                if held == END:
                    out.append(END)
                    self.pasting = False
                return
            # Not the end marker: the ESC was pasted; what followed it is read afresh (it
            # may hold the next ESC, or the start of END).
            self._held = ""
            out.append(STAND_IN)
            for rest in held[1:]:
                self._take(rest, out)
        elif character == ESC:
            self._held = ESC
        else:
            out.append(character)


class PasteSafeParser(XTermParser):
    """Textual's parser, given what the terminal sends with pasted ESCs made visible."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasted = PastedEscapes()

    def feed(self, data: str) -> Iterable[Message]:
        text = self._pasted(data)
        if data and not text:  # all held back (an ESC that may start END): not the end of input
            return ()
        return super().feed(text)


def paste_safe(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class`, reading the terminal through PasteSafeParser.

    Textual's Linux and web drivers make their parser from the name XTermParser in their own
    module, with no way to hand them another: that name is pointed at PasteSafeParser, which
    differs from it only inside pastes. (The Windows driver reads keys elsewhere: unchanged.)
    """
    module = sys.modules[driver_class.__module__]
    # Only where the name is Textual's own parser: a Textual that builds its parser some
    # other way is left as it is (a paste holding ESC may then be scrambled, no worse).
    if getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = PasteSafeParser  # type: ignore[attr-defined]
    return driver_class
