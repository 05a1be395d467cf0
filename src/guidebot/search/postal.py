"""Postal addresses: a passage that gives one (a post code, a street, a PO box) and a
question that asks for one ("what's your address?", "where are you based?", "where do I send
a letter?"), by the conventions of English-speaking post; answertypes reads them as
Kind.POSTAL."""

from __future__ import annotations

import re

# A postal address, by the conventions of English-speaking post: a UK postcode after a
# place's name (its last two letters never C, I, K, M, O or V, so "Gate B2 4PM" is none;
# "Our MP3 4GB player" still reads as one),
# a US state and ZIP code after a comma, a number before a street's name and kind with no
# lower-case word after it ("12 March Road closures" is none), or a PO box.
_STREETS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Way|Boulevard|Blvd|Place|Square|Court|"
    "Close|Crescent|Terrace|Parkway|Highway|Hwy|Parade|Row"
)
HELD = re.compile(
    r"\b[A-Z][a-z]{2,},?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b|"
    r",\s*[A-Z]{2}\s\d{5}(?:-\d{4})?\b|"
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'-]*,?\s+){{1,3}}(?:{_STREETS})\b\.?"
    r"(?=\s*(?:[,;\n]|$|[A-Z\d]))|"
    r"\b(?i:p\.?\s?o\.?\s*box|post office box):?\s*\d+"
)
# What every phrasing of ASKED holds.
HINT = re.compile(r"address|post|zip|where", re.I)
# Where to find or write to the owner: the address of the owner's, not one's own ("my
# billing address") or another kind ("IP address"), nor the verb ("address ethics").
ASKED = re.compile(
    r"\b(?:postal|post|street|mailing|office)\s+address\b|\b(?:post|zip)\s?code\b|"
    r"\b(?:your|ur|the|an|whats|what's|what’s|is)\s+address\b|^\W*address\W*$|"
    r"\bwhere\s+(?:are|r)\s+(?:you|u)\s+(?:located|based)\b|"
    r"\bwhere\s+(?:are|r)\s+(?:you|u)\s*+\??\s*+$|"
    r"\bwhere(?:\s+(?:is|are)|['’]s)\s+(?:your|the)\s+(?:office|offices|shop|store|premises)\b|"
    # ... and whatever place is "your" own: "where is your depot", "where's your clinic"
    r"\bwhere(?:\s+(?:is|are)|['’]?s)\s+your\s+[^\W\d_]+|"
    r"\bwhere\s+(?:do|can|should)\s+i\s+(?:send|post|mail)\s+(?:(?:a|my|the)\s+)?"
    r"(?:letter|letters|mail|post|parcel|cheque|check|documents?|forms?)\b|"
    r"\bwhere\s+(?:do|can|should)\s+i\s+write\s+to\b",
    re.I,
)
