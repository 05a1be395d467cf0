"""Phone numbers and email addresses as guides write them, read by their shape alone: what
answertypes counts as a way to reach someone (Kind.PHONE, Kind.EMAIL)."""

from __future__ import annotations

import re

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
# A phone number: digits run together with spaces, dots, dashes or brackets, nine or more
# to 15 of them (fewer are a year range, "2024-2032", or a count), one group of three or more
# (not "sizes 10 12 14 16 18"), and no date in it ("12.03.2024 - 15.03.2024").
PHONE = re.compile(r"\+?\(?\d[\d\s().-]{7,}\d")
# A short number given to call ("call 105", "dial 999", "ring NHS 111"): an emergency or
# service line, which the run of digits above is too short to be.
SHORT_LINE = re.compile(
    r"\b(?i:call|ring|dial|phone)\s+(?:us\s+)?(?:on\s+)?(?:[A-Z]{2,5}\s+)?"
    r"(?!(?:19|20)\d\d\b)\d{3,5}\b"
)
_PHONE_DIGITS = 9
_E164_DIGITS = 15  # the most an international number has (ITU-T E.164)
_GROUP = re.compile(r"\d{3,}")
DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")


def is_phone(digits: str) -> bool:
    """Whether a run PHONE found is a phone number: 9 to 15 digits, a group of three or
    more, no date."""
    return (
        _PHONE_DIGITS <= sum(c.isdigit() for c in digits) <= _E164_DIGITS
        and _GROUP.search(digits) is not None
        and DATE.search(digits) is None
    )
