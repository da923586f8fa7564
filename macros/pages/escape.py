"""Turning data values into inert text for pages that are Markdown with embedded HTML."""

from __future__ import annotations

import re

from markupsafe import Markup

# Every character that HTML or Python-Markdown (with the extensions this site enables) could read
# as syntax becomes a numeric character reference, which both leave alone and browsers show as is.
_SPECIAL = "&<>\"'`*_[](){}#!|\\~^=:$+-."
_REFERENCES = {ch: f"&#{ord(ch)};" for ch in _SPECIAL}
# A regular expression, not str.translate: translate builds its result a character at a time when
# a character becomes several, seven times slower than replacing the few matches (profile, #15).
_SYNTAX = re.compile("[" + re.escape(_SPECIAL) + "]")
_WHITESPACE = re.compile(r"\s+")


def _reference(match: re.Match[str]) -> str:
    return _REFERENCES[match[0]]


def escape_text(value: object) -> Markup:
    """Data text as inert HTML/Markdown: whitespace runs folded to one space, syntax encoded."""
    text = value if isinstance(value, str) else str(value)
    escaped = _ESCAPED.get(text)
    if escaped is None:
        escaped = Markup(_SYNTAX.sub(_reference, _WHITESPACE.sub(" ", text)))
        if len(_ESCAPED) >= _MAX_ESCAPED:  # a live preview's edits add texts: keep it bounded
            _ESCAPED.clear()
        _ESCAPED[text] = escaped
    return escaped


# The same statements, quotes, names and kinds are escaped on every page that shows them: nearly
# nine calls in ten repeat a text (×10 corpus), so each text is escaped once.
_ESCAPED: dict[str, Markup] = {}
_MAX_ESCAPED = 500_000


def escape_preformatted(value: str) -> str:
    """Text for a <pre> element: syntax encoded, every space and line break kept as it is."""
    return _SYNTAX.sub(_reference, value)


def escape_attribute(value: object) -> Markup:
    """Text for an HTML attribute value (always written in double quotes)."""
    return escape_text(value)
