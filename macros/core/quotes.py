"""Finding a claim's quote in its archived source, exactly, and saying where it sits.

Matching is exact after Unicode NFC and whitespace folding (runs of spaces, newlines and no-break
spaces count as one space). Typographic quotes are not folded: a straight apostrophe where the
source has ’ is a mismatch, reported with the closest passage and the first differing character.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote as percent_encode

from macros.core.problems import Code
from macros.core.settings import SETTINGS

_BLOCK_SEPARATOR = re.compile(r"\r?\n[ \t\u00a0\r]*\n\s*")  # a blank line, CRLF files too
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Paragraph:
    """A block of the archived text, numbered from 1, with code-point offsets into the file."""

    number: int
    start: int
    end: int
    folded: str  # the block's text with whitespace folded, for matching
    offsets: tuple[int, ...]  # offsets[i]: where folded[i] comes from in the file
    excluded: str = ""  # why the block is not body text ("" for body text)


@dataclass(frozen=True)
class ArchivedText:
    text: str
    paragraphs: tuple[Paragraph, ...]

    @classmethod
    def parse(cls, text: str, excluded: dict[int, str] | None = None) -> ArchivedText:
        excluded = excluded or {}
        paragraphs: list[Paragraph] = []
        start = len(text) - len(text.lstrip())
        blocks = [m.span() for m in _BLOCK_SEPARATOR.finditer(text, start)]
        bounds = [*(s for s, _ in blocks), len(text)]
        starts = [start, *(e for _, e in blocks)]
        number = 0
        for block_start, block_end in zip(starts, bounds, strict=True):
            raw = text[block_start:block_end]
            stripped_end = block_start + len(raw.rstrip())
            if stripped_end <= block_start:
                continue
            number += 1
            folded, offsets = fold_with_offsets(text, block_start, stripped_end)
            paragraphs.append(
                Paragraph(
                    number, block_start, stripped_end, folded, offsets, excluded.get(number, "")
                )
            )
        return cls(text, tuple(paragraphs))

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]

    @cached_property
    def index(self) -> QuoteIndex:
        """Built on first use and kept: one pass over the text serves every claim quoting it."""
        return QuoteIndex.of(self.paragraphs)


# The index holds the PIECE characters that start at every STEP-th position of the folded text. An
# occurrence of a quote at least STEP - 1 + PIECE characters long contains a whole indexed piece
# that starts within its first STEP characters, so looking up the quote's first STEP pieces finds
# every occurrence: no occurrence is missed, and each candidate is confirmed by comparing the text.
_PIECE = 12
_STEP = 8
# 19, below the shortest quote allowed: every valid quote uses the index
_INDEXED_MIN = _STEP - 1 + _PIECE


@dataclass(frozen=True)
class QuoteIndex:
    """The folded paragraphs joined by newlines (which a folded quote never contains), with the
    position of every STEP-th piece of text, so a quote is found without rescanning the source."""

    joined: str
    starts: tuple[int, ...]  # where each paragraph starts in `joined`
    pieces: dict[str, list[int]]

    @classmethod
    def of(cls, paragraphs: tuple[Paragraph, ...]) -> QuoteIndex:
        joined = "\n".join(p.folded for p in paragraphs)
        starts: list[int] = []
        cursor = 0
        for paragraph in paragraphs:
            starts.append(cursor)
            cursor += len(paragraph.folded) + 1
        pieces: dict[str, list[int]] = {}
        for at in range(0, len(joined) - _PIECE + 1, _STEP):
            pieces.setdefault(joined[at : at + _PIECE], []).append(at)
        return cls(joined, tuple(starts), pieces)

    def find(self, quote: str) -> list[tuple[int, int]]:
        """Every (paragraph position, offset in its folded text) where the quote occurs, in order."""
        found: list[int] = []
        for skip in range(_STEP):
            for at in self.pieces.get(quote[skip : skip + _PIECE], ()):
                start = at - skip
                if start >= 0 and self.joined.startswith(quote, start):
                    found.append(start)
        hits: list[tuple[int, int]] = []
        for start in sorted(found):
            i = bisect_right(self.starts, start) - 1
            hits.append((i, start - self.starts[i]))
        return hits


def fold_with_offsets(
    text: str,
    start: int,
    end: int,
    *,
    lookalikes: dict[int, str] | None = None,
    drop: frozenset[str] = frozenset(),
) -> tuple[str, tuple[int, ...]]:
    """Fold whitespace runs in text[start:end] to one space, remembering each character's offset.

    The quote finder also maps `lookalikes` (str.translate table) and leaves out `drop` characters.
    """
    chars: list[str] = []
    offsets: list[int] = []
    in_space = False
    for i in range(start, end):
        ch = text[i]
        if ch in drop:
            continue
        if ch.isspace():
            if not in_space and chars:
                chars.append(" ")
                offsets.append(i)
            in_space = True
            continue
        in_space = False
        chars.append(ch.translate(lookalikes) if lookalikes else ch)
        offsets.append(i)
    return "".join(chars), tuple(offsets)


def fold(text: str) -> str:
    """A quote as it is compared: NFC, whitespace runs folded to one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass(frozen=True)
class QuoteMatch:
    """Where a verified quote sits in its source."""

    paragraph: int
    start: int  # code-point offset into the archived text: text[start:end] is the passage
    end: int
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class QuoteFailure:
    code: Code
    message: str
    hint: str


def find_occurrences(archive: ArchivedText, quote: str) -> list[tuple[Paragraph, int]]:
    """Every (paragraph, folded offset) where the folded quote occurs, excluded blocks included."""
    if len(quote) >= _INDEXED_MIN and "\n" not in quote:
        paragraphs = archive.paragraphs
        return [(paragraphs[i], at) for i, at in archive.index.find(quote)]
    return scan_occurrences(archive, quote)


def scan_occurrences(archive: ArchivedText, quote: str) -> list[tuple[Paragraph, int]]:
    """`find_occurrences` by searching every paragraph: for quotes too short for the index."""
    hits: list[tuple[Paragraph, int]] = []
    for paragraph in archive.paragraphs:
        at = paragraph.folded.find(quote)
        while at != -1:
            hits.append((paragraph, at))
            at = paragraph.folded.find(quote, at + 1)
    return hits


def match_quote(archive: ArchivedText, raw_quote: str) -> QuoteMatch | QuoteFailure:
    """Find the quote exactly once in the body text, or explain what is wrong."""
    quote = fold(raw_quote)
    if len(quote) < SETTINGS.min_quote_chars:
        return QuoteFailure(
            Code.QUOTE_TOO_SHORT,
            f"quote is only {len(quote)} characters; at least {SETTINGS.min_quote_chars} are needed "
            "so it identifies one passage",
            "quote more of the sentence",
        )
    hits = find_occurrences(archive, quote)
    body_hits = [(p, at) for p, at in hits if not p.excluded]
    if len(body_hits) == 1:
        paragraph, at = body_hits[0]
        return _located(archive, paragraph, at, len(quote))
    if len(body_hits) > 1:
        where = ", ".join(f"paragraph {p.number}" for p, _ in body_hits)
        return QuoteFailure(
            Code.QUOTE_AMBIGUOUS,
            f"quote is ambiguous: it occurs {len(body_hits)} times ({where})",
            "extend the quote with neighbouring words until it occurs once",
        )
    if hits:
        paragraph = hits[0][0]
        return QuoteFailure(
            Code.QUOTE_NOT_BODY,
            f"quote is in block {paragraph.number}, which is not body text ({paragraph.excluded})",
            "quote the article's body text only",
        )
    return _diagnose_missing(archive, quote)


def _located(archive: ArchivedText, paragraph: Paragraph, at: int, length: int) -> QuoteMatch:
    start = paragraph.offsets[at]
    end = paragraph.offsets[at + length - 1] + 1
    text = archive.text
    context = SETTINGS.quote_context_chars
    prefix = _WHITESPACE.sub(" ", text[max(0, start - context * 2) : start])[-context:]
    suffix = _WHITESPACE.sub(" ", text[end : end + context * 2])[:context]
    return QuoteMatch(paragraph.number, start, end, text[start:end], prefix, suffix)


def _describe_char(ch: str) -> str:
    if not ch:
        return "the end of the paragraph"
    name = unicodedata.name(ch, "")
    return f"'{ch}' (U+{ord(ch):04X}{' ' + name if name else ''})"


_LOOKALIKES = {"'": "’", '"': "“ or ”", "-": "– (en dash)"}


def _diagnose_missing(archive: ArchivedText, quote: str) -> QuoteFailure:
    """Explain a quote that is not in the source: closest passage and first differing character."""
    joined = " ".join(p.folded for p in archive.paragraphs)
    if joined.find(quote) != -1:
        at = joined.find(quote)
        numbers = _paragraphs_spanned(archive, at, len(quote))
        excluded = [n for n in numbers if archive.paragraph(n).excluded]
        if excluded:
            why = archive.paragraph(excluded[0]).excluded
            return QuoteFailure(
                Code.QUOTE_NOT_BODY,
                f"quote runs into block {excluded[0]}, which is not body text ({why})",
                "end the quote before the block",
            )
        return QuoteFailure(
            Code.QUOTE_ACROSS_PARAGRAPHS,
            "quote runs across paragraphs " + " and ".join(str(n) for n in numbers),
            "a quote must lie within one paragraph: split it into two claims",
        )
    typographic = _typographic_mismatch(archive, quote)
    if typographic is not None:
        return typographic
    best_len, best_paragraph, best_at = 0, archive.paragraphs[0], 0
    for paragraph in archive.paragraphs:
        length, at = _longest_prefix(paragraph.folded, quote)
        if length > best_len:
            best_len, best_paragraph, best_at = length, paragraph, at
    if best_len < 8:  # the start itself differs: align on the longest matching tail instead
        for paragraph in archive.paragraphs:
            length, at = _longest_prefix(paragraph.folded[::-1], quote[::-1])
            if length > best_len:
                best_len, best_paragraph = length, paragraph
                best_at = len(paragraph.folded) - at - len(quote)
        best_at = max(best_at, 0)
        differ = len(quote) - best_len - 1
        passage = best_paragraph.folded[best_at : best_at + len(quote)]
        ours = quote[differ] if differ >= 0 else ""
        theirs = passage[differ] if 0 <= differ < len(passage) else ""
    else:
        differ = best_len
        passage = best_paragraph.folded[best_at : best_at + len(quote)]
        ours = quote[differ] if differ < len(quote) else ""
        theirs = passage[differ] if differ < len(passage) else ""
    if best_len < 8:
        return QuoteFailure(
            Code.QUOTE_NOT_FOUND,
            "quote not found in the source, and no passage is close to it",
            "copy the quote from the archived text, character for character",
        )
    hint = "copy the passage exactly from the archived text"
    if ours in _LOOKALIKES and theirs in _LOOKALIKES[ours]:
        hint = f"use the source's typographic character {theirs} instead of {ours}"
    return QuoteFailure(
        Code.QUOTE_NOT_FOUND,
        f"quote not found in the source; closest passage is in paragraph "
        f"{best_paragraph.number}: “{passage}” — first difference at character {differ + 1}: "
        f"the quote has {_describe_char(ours)}, the source has {_describe_char(theirs)}",
        hint,
    )


# Characters a browser copy or a keyboard often puts in place of the source's typography.
_PLAIN_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _typographic_mismatch(archive: ArchivedText, quote: str) -> QuoteFailure | None:
    """A quote that differs from one passage only in quote marks or dashes: name the first one."""
    plain = quote.translate(_PLAIN_TYPOGRAPHY)
    for paragraph in archive.paragraphs:
        at = paragraph.folded.translate(_PLAIN_TYPOGRAPHY).find(plain)
        if at == -1:
            continue
        passage = paragraph.folded[at : at + len(quote)]
        differ = next(i for i, (a, b) in enumerate(zip(quote, passage, strict=True)) if a != b)
        ours, theirs = quote[differ], passage[differ]
        return QuoteFailure(
            Code.QUOTE_NOT_FOUND,
            f"quote not found in the source; closest passage is in paragraph {paragraph.number}: "
            f"“{passage}” — first difference at character {differ + 1}: the quote has "
            f"{_describe_char(ours)}, the source has {_describe_char(theirs)}",
            f"use the source's typographic character {theirs} instead of {ours}",
        )
    return None


def _longest_prefix(haystack: str, needle: str) -> tuple[int, int]:
    """Length and position of the longest prefix of `needle` found in `haystack` (binary search)."""
    low, high, where = 0, len(needle), 0
    while low < high:
        mid = (low + high + 1) // 2
        at = haystack.find(needle[:mid])
        if at != -1:
            low, where = mid, at
        else:
            high = mid - 1
    return low, where


def _paragraphs_spanned(archive: ArchivedText, at: int, length: int) -> list[int]:
    numbers: list[int] = []
    cursor = 0
    for paragraph in archive.paragraphs:
        end = cursor + len(paragraph.folded)
        if cursor < at + length and at < end:
            numbers.append(paragraph.number)
        cursor = end + 1
    return numbers


def text_fragment_url(url: str, exact: str) -> str | None:
    """A link that opens the original page scrolled to the quote (WICG text fragments)."""
    if not url:
        return None
    words = fold(exact).split(" ")
    if len(words) > 8:
        directive = f"{_fragment_part(' '.join(words[:4]))},{_fragment_part(' '.join(words[-4:]))}"
    else:
        directive = _fragment_part(" ".join(words))
    return f"{url.split('#', 1)[0]}#:~:text={directive}"


def _fragment_part(text: str) -> str:
    # `-`, `,` and `&` delimit text-fragment parts, so they must be percent-encoded too.
    return percent_encode(text, safe="").replace("-", "%2D")
