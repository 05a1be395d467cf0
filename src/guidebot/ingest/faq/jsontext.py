"""JSON parsed so that every object knows the line it starts on, for file:line messages.

The objects are the LineDicts of guidebot.knowledge.yamlsource, so `line_of` works on JSON
and YAML alike. The pure-Python scanner is used because only it calls back for each object;
FAQ exports are small enough for that to cost little.
"""

from __future__ import annotations

import bisect
import json
from json.decoder import JSONObject  # type: ignore[attr-defined]
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from typing import Any

from guidebot.errors import InputError
from guidebot.knowledge.yamlsource import LineDict


def load_json(text: str, shown: str) -> Any:
    """The JSON value of text; InputError "file:line: not valid JSON (...)" when it is not."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[LineDict, int]:
        value, end = JSONObject(s_and_end, *args)
        mapping = LineDict(value)
        mapping.line = bisect.bisect_right(starts, s_and_end[1] - 1)
        mapping.key_lines = {}
        return mapping, end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{shown}:{error.lineno}: not valid JSON ({error.msg})") from None
    except RecursionError:
        raise InputError(f"{shown}: nested too deeply to be an FAQ export") from None
