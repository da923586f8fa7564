"""A quote shown in its context: the words around it in its paragraph, never half a word.

The prefix and suffix kept with each match (TextQuoteSelector) are fixed-length and cut words; for
readers the context is widened or narrowed to whole words and stays inside the quote's paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.model import Source, VerifiedClaim
from macros.core.quotes import QuoteMatch

CONTEXT_WORDS_CHARS = 60  # about ten words on each side


@dataclass(frozen=True)
class Context:
    before: str
    exact: str
    after: str
    before_cut: bool  # the paragraph goes on before `before` (show "…")
    after_cut: bool


def quote_context(
    source: Source, verified: VerifiedClaim, chars: int = CONTEXT_WORDS_CHARS
) -> Context:
    """A claim's primary quote in its context."""
    return match_context(source, verified.match, chars)


def match_context(source: Source, match: QuoteMatch, chars: int = CONTEXT_WORDS_CHARS) -> Context:
    """Any quote found in `source` (a claim's, a further quote, a link's) in its context."""
    text = source.archive.text
    paragraph = source.archive.paragraph(match.paragraph)
    start, end = match.start, match.end

    lead_from = max(paragraph.start, start - chars)
    before = text[lead_from:start]
    before_cut = lead_from > paragraph.start
    if before_cut and not text[lead_from - 1].isspace():
        space = next((i for i, ch in enumerate(before) if ch.isspace()), len(before))
        before = before[space:]  # drop the partial first word

    tail_to = min(paragraph.end, end + chars)
    after = text[end:tail_to]
    after_cut = tail_to < paragraph.end
    if after_cut and not text[tail_to].isspace():
        space = next((i for i in range(len(after) - 1, -1, -1) if after[i].isspace()), 0)
        after = after[:space]  # drop the partial last word

    return Context(
        before=_fold(before, lead=True),
        exact=_fold(text[start:end]),
        after=_fold(after, trail=True),
        before_cut=before_cut,
        after_cut=after_cut,
    )


def _fold(text: str, lead: bool = False, trail: bool = False) -> str:
    """Whitespace runs as one space; a space kept where it separates the text from the quote."""
    folded = " ".join(text.split())
    if lead and folded and text[-1:].isspace():
        folded += " "
    if trail and folded and text[:1].isspace():
        folded = " " + folded
    return folded
