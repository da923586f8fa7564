"""How much of a source's archived text the site reproduces, pages and exports together.

Pages, exports and tools ask here what they may show of a source, and count what they do show, so
the source page, `make check` and the README speak of one number. What the site shows of a source:

- every quote of every claim, verbatim (in pages, citation previews, claims.json, claims.csv,
  annotations.jsonld, structured data; a text-fragment link holds only words of its quote);
- the context around each quote (the prefix and suffix of exports' TextQuoteSelectors, the words
  around it in the claims index), only for a source that may be republished (`shows_context`): for
  any other it is text no claim needs, and it made the excerpts of the first source reach all of
  its text;
- for a source with `republish: true`, the whole text.

Claims' further quotes (evidence) and links' quotes count like claims' own (`kb.quotes_in`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from macros.core.knowledge import KnowledgeBase
from macros.core.model import Source
from macros.core.quotes import QuoteMatch


def shows_context(source: Source) -> bool:
    """Whether pages and exports may show text around a source's quotes: the one rule for both."""
    return source.republish


def shown_context(source: Source, match: QuoteMatch) -> tuple[str, str]:
    """The prefix and suffix of a quote that exports show ("" when none may be)."""
    if not shows_context(source):
        return "", ""
    return match.prefix, match.suffix


@dataclass(frozen=True)
class Reproduction:
    """What share of a source's archived text the site shows, counted in non-space characters."""

    source_id: str
    republish: bool
    characters: int  # non-space characters in the archived text
    quoted: int  # of them, inside at least one quote
    shown: int  # of them, shown anywhere: quotes, context, or the whole text

    @property
    def share(self) -> float:
        return self.shown / self.characters if self.characters else 0.0

    @property
    def quoted_share(self) -> float:
        return self.quoted / self.characters if self.characters else 0.0

    @property
    def how(self) -> str:
        """What of the source is shown, in a few words."""
        if self.republish:
            return "the full text is shown (republish: true)"
        if self.shown == self.quoted:
            return "all of it in the quotes of its claims"
        return "in the quotes of its claims and the context shown around them"

    def amount(self) -> str:
        """'96 % of the archived text (5,868 of its 6,116 non-space characters)'."""
        return (
            f"{percent(self.share)} of the archived text ({self.shown:,} of its "
            f"{self.characters:,} non-space characters)"
        )


def percent(share: float) -> str:
    """A share as a whole percentage that never rounds a part up to all, nor a little down to 0."""
    value = share * 100
    if 0 < value < 1:
        return "under 1 %"
    if 99 < value < 100:
        return "over 99 %"
    return f"{value:.0f} %"


def reproductions(kb: KnowledgeBase) -> dict[str, Reproduction]:
    """Per source, what pages and exports show of it."""
    return {source.id: source_reproduction(kb, source) for source in kb.sources.values()}


def source_reproduction(kb: KnowledgeBase, source: Source) -> Reproduction:
    """What pages and exports show of one source: the one place that lists what quotes it."""
    return reproduction(source, kb.quotes_in(source.id))


def reproduction(source: Source, matches: Iterable[QuoteMatch]) -> Reproduction:
    """Count what pages and exports show of `source`, given every quote matched in it."""
    text = source.archive.text
    quotes: list[tuple[int, int]] = []
    shown: list[tuple[int, int]] = []
    for match in matches:
        quotes.append((match.start, match.end))
        prefix, suffix = shown_context(source, match)
        shown.append((_back(text, match.start, prefix), _forward(text, match.end, suffix)))
    if source.republish:
        shown = [(0, len(text))]
    return Reproduction(
        source.id,
        source.republish,
        _non_space(text, [(0, len(text))]),
        _non_space(text, quotes),
        _non_space(text, shown),
    )


def _back(text: str, at: int, context: str) -> int:
    """Where the text shown as `context` right before offset `at` starts.

    The context is the text with its whitespace folded: its non-space characters are the text's own.
    """
    wanted = sum(1 for ch in context if not ch.isspace())
    while wanted and at > 0:
        at -= 1
        wanted -= not text[at].isspace()
    return at


def _forward(text: str, at: int, context: str) -> int:
    """Where the text shown as `context` right after offset `at` ends."""
    wanted = sum(1 for ch in context if not ch.isspace())
    while wanted and at < len(text):
        wanted -= not text[at].isspace()
        at += 1
    return at


def _non_space(text: str, spans: list[tuple[int, int]]) -> int:
    """Non-space characters inside the union of the spans."""
    count = 0
    reach = 0
    for start, end in sorted(spans):
        start = max(start, reach)
        if start < end:
            # str.split() splits at exactly the characters str.isspace() names, in C.
            count += len("".join(text[start:end].split()))
            reach = max(reach, end)
    return count
