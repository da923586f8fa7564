"""Turning data values into inert text for pages that are Markdown with embedded HTML."""

from __future__ import annotations

import re

from markupsafe import Markup

# Every character that HTML or Python-Markdown (with the extensions this site enables) could read
# as syntax becomes a numeric character reference, which both leave alone and browsers show as is.
_SPECIAL = "&<>\"'`*_[](){}#!|\\~^=:$+-."
_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}
_WHITESPACE = re.compile(r"\s+")


def escape_text(value: object) -> Markup:
    """Data text as inert HTML/Markdown: whitespace runs folded to one space, syntax encoded."""
    return Markup(_WHITESPACE.sub(" ", str(value)).translate(_TABLE))


def escape_attribute(value: object) -> Markup:
    """Text for an HTML attribute value (always written in double quotes)."""
    return escape_text(value)
