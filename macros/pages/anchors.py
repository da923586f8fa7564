"""The element ids of generated pages: the site's own, and those that come from data.

Data ids are lowercase kebab-case (`ID_PATTERN`: letters, digits, single hyphens), and claims,
events and terms use them as anchors. Every id the site's own templates and renderers write (a
form, a heading, a citation marker, a note, a paragraph) begins with `_`, a character no data id
can contain, so no data id can ever take the id of something the site puts on the same page, now
or when a template gains an element. Material's own ids begin with `__`; ours with one `_` and a
letter or digit, so the two never meet either.

Section headings written by contributors get anchors made from their words (`section_anchors`),
kebab-case like data ids, so they can never enter the site's namespace; two sections of one topic
whose words give the same anchor are refused by `macros.pages.names`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from macros.core.schema import ID_PATTERN

PREFIX = "_"  # begins every id the site's own templates write; never part of a data id
_NAME = re.compile(ID_PATTERN)
_PUNCTUATION = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[\s_-]+")


def site_id(name: str) -> str:
    """The id of one of the site's own elements, e.g. `site_id("claim-filters")` → `_claim-filters`.

    `name` is kebab-case (it may end in a data id or a number: `from-<source id>`, `cite-3`).
    """
    if not _NAME.match(name):
        raise ValueError(f"not a kebab-case name: {name!r}")  # a template's mistake, not data's
    return PREFIX + name


def is_site_id(value: str) -> bool:
    """Whether an id is in the site's own namespace (ours or the theme's), never a data id."""
    return value.startswith(PREFIX)


def slug(text: str) -> str:
    """Words as a kebab-case anchor, as Python-Markdown's `toc` makes them (accents and other
    letters dropped, punctuation removed, spaces joined by hyphens) but never with `_`, so the
    anchors headings had before they were written out stay the same."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SEPARATORS.sub("-", _PUNCTUATION.sub("", ascii_text).lower()).strip("-")


def section_anchors(headings: Iterable[str]) -> tuple[str, ...]:
    """The anchor of each section of a page, from its heading (`section-N` when it has no a-z or
    0-9, such as a heading in Korean). Duplicates are left for validation to report."""
    return tuple(slug(h) or f"section-{n}" for n, h in enumerate(headings, 1))
