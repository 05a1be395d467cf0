"""The checks `guidebot serve` makes of what a browser sends before any app process starts
(webserve.py): sizes clamped, the WebSocket's Origin and the launch token compared, the Host
header's shape. Plain functions, no web framework: the tests call them directly."""

from __future__ import annotations

import hmac
import re
from urllib.parse import urlsplit

COLUMNS = (20, 400)  # a phone held upright to a wide monitor at a small font
ROWS = (10, 150)
FONT_SIZES = (8, 48)
_DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
# What a Host header may look like (name or IPv4, or [IPv6], then an optional port): it is
# written into the page, so anything else is refused rather than escaped and hoped about.
HOST = re.compile(r"(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")


def clamp(value: object, low: int, high: int, default: int) -> int:
    """`value` (a query string or a JSON number from the browser) as an int within
    [low, high]; `default` when it is not a number at all."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        number = int(value)
    except (ValueError, OverflowError):  # "abc", "1e9", nan, inf, 5000 digits
        return default
    return max(low, min(high, number))


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A window size the app may be asked to draw: a 2000x2000 request made a 17 MB frame."""
    return clamp(width, *COLUMNS, 80), clamp(height, *ROWS, 24)


def origin_matches(origin: str | None, host: str | None) -> bool:
    """True when the WebSocket's Origin is the host the page was served from.

    Browsers always send Origin on a WebSocket upgrade and scripts cannot forge it, so a
    missing or different Origin means another site's page (or no browser at all) is trying
    to start a session. Host has no scheme; its default port is the one of Origin's scheme,
    which also accepts a TLS proxy in front (Origin https://h, Host h).
    """
    if not origin or not host:
        return False
    try:
        seen, served = urlsplit(origin), urlsplit(f"//{host}")
        default = _DEFAULT_PORTS.get(seen.scheme)
        return (
            default is not None
            and seen.hostname is not None
            and seen.hostname == served.hostname
            and (seen.port or default) == (served.port or default)
        )
    except ValueError:  # a port out of range or not a number
        return False


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison (no timing hints); bytes, since compare_digest refuses
    non-ASCII str and the given token is whatever the request carried."""
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())
