"""Finding a phrase copied from a browser in the archived sources, and the exact text to paste.

A phrase copied from a web page rarely matches the archive character for character: browsers and
editors turn ’ into ', “ ” into ", dashes into hyphens, and no-break spaces into spaces (or the
other way round). For *searching only*, both sides are folded: typographic quotes and dashes become
their plain forms, every run of whitespace becomes one space, soft hyphens and zero-width
characters are dropped. Each hit is then reported with the source's own characters, which is what
a claim's `quote:` must contain.
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from macros.core.coverage import split_sentences
from macros.core.loader import LoadedData, load
from macros.core.quotes import (
    ArchivedText,
    Paragraph,
    QuoteFailure,
    fold,
    fold_with_offsets,
    match_quote,
)
from macros.core.settings import SETTINGS

# One character in, one character out: offsets in the folded text map straight back to the source.
_LOOKALIKES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "―": "-",
        "−": "-",
    }
)
# Invisible characters a copy from a browser may carry; dropped before searching.
_INVISIBLE = frozenset({"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"})


@dataclass(frozen=True)
class SearchText:
    """A text folded for searching, with the source offset of every folded character."""

    folded: str
    offsets: tuple[int, ...]


def fold_for_search(text: str, start: int = 0, end: int | None = None) -> SearchText:
    """Fold text[start:end] for searching: lookalike quotes/dashes, whitespace runs, invisibles."""
    end = len(text) if end is None else end
    folded, offsets = fold_with_offsets(text, start, end, lookalikes=_LOOKALIKES, drop=_INVISIBLE)
    if folded.endswith(" "):
        folded, offsets = folded[:-1], offsets[:-1]
    return SearchText(folded, offsets)


def fold_phrase(phrase: str) -> str:
    """A phrase as it is searched for: NFC, then the same folding as the archive."""
    return fold_for_search(unicodedata.normalize("NFC", phrase).strip()).folded


@dataclass(frozen=True)
class ArchivedSource:
    id: str
    text_file: str  # relative to the project
    archive: ArchivedText
    note: str = ""  # e.g. why the metadata could not be used


# What keeps a passage from being a quote `make check` accepts, in a few words for the report.
READY = "ready to paste"
TOO_SHORT = "too short"
NOT_BODY_TEXT = "not body text"
NOT_UNIQUE = "not unique"


def _failure_status(exact: str, paragraph: Paragraph) -> str:
    """Why a found passage fails as a quote: the first of the checks `match_quote` makes."""
    if len(fold(exact)) < SETTINGS.min_quote_chars:
        return TOO_SHORT
    return NOT_BODY_TEXT if paragraph.excluded else NOT_UNIQUE


@dataclass(frozen=True)
class Occurrence:
    source: str
    text_file: str
    paragraph: int
    start: int  # code-point offsets into the archived text
    end: int
    exact: str  # the source's characters, whitespace runs shown as one space
    status: str  # READY, or in a few words what keeps `exact` from being a valid quote
    verdict: str  # what `make check` would say about it
    excluded: str  # why the paragraph is not body text ("" for body text)
    note: str = ""  # a remark about the source (e.g. its metadata has problems)

    @property
    def ready(self) -> bool:
        """The passage would pass `make check` as a claim's quote, as it is."""
        return self.status == READY


@dataclass(frozen=True)
class ClosestPassage:
    source: str
    text_file: str
    paragraph: int
    passage: str
    score: float  # share of the phrase's characters found in order in the passage


@dataclass(frozen=True)
class SearchResult:
    phrase: str
    occurrences: tuple[Occurrence, ...]
    closest: ClosestPassage | None
    case_insensitive: bool = False  # found only when letter case was ignored


def archived_sources(root: Path, data: LoadedData | None = None) -> list[ArchivedSource]:
    """Every archived text in data/sources/, with its excluded blocks where the metadata is valid.

    A text whose metadata has problems (a freshly added source with empty fields, say) is still
    searched, so a contributor can look for quotes before finishing the metadata.
    """
    data = load(root) if data is None else data
    found = [ArchivedSource(s.id, s.text_file, s.archive) for s in data.sources]
    known = {s.text_file for s in found}
    folder = SETTINGS.sources_dir(root)
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
        rel = path.relative_to(root).as_posix()
        if rel in known:
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        text = unicodedata.normalize("NFC", text)
        note = (
            f"data/sources/{path.stem}.yaml is missing or has problems (run make check), "
            "so blocks it excludes from the body text are not known here"
        )
        found.append(ArchivedSource(path.stem, rel, ArchivedText.parse(text), note))
    return found


def yaml_double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, ready to paste after `quote: `."""
    # JSON strings are valid YAML double-quoted scalars; keep non-ASCII characters as they are.
    return json.dumps(text, ensure_ascii=False)


def _occurrence(source: ArchivedSource, paragraph_number: int, start: int, end: int) -> Occurrence:
    archive = source.archive
    paragraph = archive.paragraph(paragraph_number)
    exact = " ".join(archive.text[start:end].split())
    result = match_quote(archive, exact)
    if isinstance(result, QuoteFailure):
        status, verdict = _failure_status(exact, paragraph), f"{result.message} — {result.hint}"
    else:
        status, verdict = READY, "occurs exactly once in the body text"
    return Occurrence(
        source.id,
        source.text_file,
        paragraph_number,
        start,
        end,
        exact,
        status,
        verdict,
        paragraph.excluded,
        source.note,
    )


def _search(sources: Iterable[ArchivedSource], needle: str, *, lower: bool) -> list[Occurrence]:
    hits: list[Occurrence] = []
    for source in sources:
        for paragraph in source.archive.paragraphs:
            folded = fold_for_search(source.archive.text, paragraph.start, paragraph.end)
            haystack = folded.folded.lower() if lower else folded.folded
            if lower and len(haystack) != len(folded.folded):
                continue  # a character whose lower case is longer: offsets would not line up
            at = haystack.find(needle)
            while at != -1:
                start = folded.offsets[at]
                end = folded.offsets[at + len(needle) - 1] + 1
                hits.append(_occurrence(source, paragraph.number, start, end))
                at = haystack.find(needle, at + 1)
    return hits


def _closest(sources: Iterable[ArchivedSource], needle: str) -> ClosestPassage | None:
    """The body sentence (or run of it) that shares the most of the phrase, in order."""
    best: ClosestPassage | None = None
    best_key = (0.0, 0)
    for source in sources:
        text = source.archive.text
        for paragraph in source.archive.paragraphs:
            if paragraph.excluded:
                continue
            for s, e in split_sentences(text, paragraph.start, paragraph.end):
                folded = fold_for_search(text, s, e)
                matcher = difflib.SequenceMatcher(None, needle, folded.folded, autojunk=False)
                blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
                matched = sum(b.size for b in blocks)
                if not blocks:
                    continue
                score = matched / len(needle)
                key = (score, -len(folded.folded))
                if key <= best_key:
                    continue
                first = folded.offsets[blocks[0].b]
                last = folded.offsets[blocks[-1].b + blocks[-1].size - 1] + 1
                first, last = _widen_to_words(text, first, last, s, e)
                passage = " ".join(text[first:last].split())
                best_key = key
                best = ClosestPassage(source.id, source.text_file, paragraph.number, passage, score)
    return best


def _widen_to_words(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    while start > low and not text[start - 1].isspace():
        start -= 1
    while end < high and not text[end].isspace():
        end += 1
    return start, end


def find_phrase(
    root: Path,
    phrase: str,
    *,
    source_id: str | None = None,
    sources: list[ArchivedSource] | None = None,
) -> SearchResult:
    """Every place the phrase occurs in the archived sources, or the closest passage."""
    pool = archived_sources(root) if sources is None else sources
    if source_id is not None:
        pool = [s for s in pool if s.id == source_id]
    needle = fold_phrase(phrase)
    if not needle:
        return SearchResult(phrase, (), None)
    hits = _search(pool, needle, lower=False)
    if hits:
        return SearchResult(phrase, tuple(hits), None)
    hits = _search(pool, needle.lower(), lower=True)
    if hits:
        return SearchResult(phrase, tuple(hits), None, case_insensitive=True)
    return SearchResult(phrase, (), _closest(pool, needle))


def format_result(result: SearchResult) -> str:
    """The report a contributor reads in the terminal."""
    lines: list[str] = []
    if not fold_phrase(result.phrase):
        return "The phrase is empty: copy some words from the source and search again."
    if result.occurrences:
        count = len(result.occurrences)
        lines.append(
            f"Found {count} occurrence{'s' if count != 1 else ''} of the phrase"
            + (" (ignoring upper/lower case)" if result.case_insensitive else "")
            + ":"
        )
        for n, hit in enumerate(result.occurrences, 1):
            lines.append("")
            where = f"paragraph {hit.paragraph}"
            if hit.excluded:
                where += f" (not body text: {hit.excluded})"
            lines.append(f"{n}. source: {hit.source} ({hit.text_file}), {where}")
            answer = "yes" if hit.ready else f"no, {hit.status}"
            lines.append(f"   {READY}: {answer} — {hit.verdict}")
            if hit.note:
                lines.append(f"   note: {hit.note}")
            if hit.ready:
                lines.append("   paste this line into the claim:")
            else:
                lines.append("   the source's text (make check will not accept it as it is):")
            lines.append(f"   quote: {yaml_double_quoted(hit.exact)}")
        if count > 1 and not any(hit.ready for hit in result.occurrences):
            lines.append("")
            lines.append(
                "The phrase occurs more than once: a claim's quote must occur exactly once, "
                "so add neighbouring words until only one place matches."
            )
        return "\n".join(lines)
    lines.append("No passage of the archived sources matches the phrase.")
    if result.closest is not None and result.closest.score >= 0.3:
        c = result.closest
        lines.append("")
        where = f"source {c.source} ({c.text_file}), paragraph {c.paragraph}"
        if c.score >= 1:  # every character is there, in order, yet not as one run
            lines.append(
                f"Closest passage: {where}. It has every word of the phrase, but not next to "
                "each other or not in that order:"
            )
        else:
            lines.append(
                f"Closest passage: {where} ({round(c.score * 100)}% of the phrase's characters "
                "occur in it, in order):"
            )
        lines.append(f"   {yaml_double_quoted(c.passage)}")
        lines.append("")
        lines.append(
            "Copy the words you need from that passage (or from the .txt file) and search again."
        )
    else:
        lines.append("Nothing close was found either: check the source id and the spelling.")
    return "\n".join(lines)
