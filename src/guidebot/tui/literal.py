"""What the person types or pastes, made safe to put on a terminal and shown as they sent it.

Knowledge holding control characters is refused when it is loaded (knowledge/yamlsource.py),
but a question is not knowledge: it reaches the chat straight from the keyboard or a paste,
and Textual writes control characters to the terminal as they are. An ESC sequence in a
question could clear the screen, retitle the window or set the clipboard, a NUL cut the line.
So each control character becomes a visible stand-in of the same length ("␛" for ESC, "␀"
for NUL): the person sees that something was there, the terminal gets nothing to obey.
"""

from __future__ import annotations

# C0 controls as their Unicode "control pictures" (U+2400 + code), DEL as "␡", C1 controls
# (which have no pictures) as "�". Tabs, line breaks and the other separators a terminal
# would act on become plain spaces. One character each, so cursor positions stay put.
_BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
_VISIBLE = {code: 0x2400 + code for code in range(0x20)}
_VISIBLE |= {code: 0xFFFD for code in range(0x80, 0xA0)}
_VISIBLE |= {0x7F: 0x2421} | {ord(ch): ord(" ") for ch in _BREAKS}


def visible(text: str) -> str:
    """`text` with no control character left in it: each shown by a stand-in (see above)."""
    return text.translate(_VISIBLE)


def one_line(text: str) -> str:
    """Pasted text as one question: its lines joined, every run of whitespace one space
    (empty lines vanish), ends trimmed, control characters made visible."""
    return " ".join(visible(text).split())
