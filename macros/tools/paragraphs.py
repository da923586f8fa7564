"""`python -m macros paragraph`: an archived source read by paragraph number, sentence by sentence,
with the claims that already quote each sentence, so nobody counts blank lines to find paragraph 12.

Texts whose metadata is not finished yet are shown too (as the quote finder searches them), and
claims are matched one by one, so this works while other parts of the data have problems.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from macros.core.coverage import claims_over, split_sentences
from macros.core.loader import load
from macros.tools.coverage_report import claims_quoting
from macros.tools.quote_finder import archived_sources


class ParagraphError(Exception):
    """The source or paragraph asked for does not exist; the message says what does."""


@dataclass(frozen=True)
class SentenceView:
    number: int  # within its paragraph, from 1
    text: str  # whitespace runs shown as one space
    claims: tuple[str, ...]  # ids of the claims whose quote overlaps the sentence


@dataclass(frozen=True)
class ParagraphView:
    number: int
    excluded: str  # why the block is not body text ("" for body text)
    sentences: tuple[SentenceView, ...]


@dataclass(frozen=True)
class SourceParagraphs:
    source: str
    text_file: str
    total: int  # paragraphs (blocks) in the whole text
    paragraphs: tuple[ParagraphView, ...]  # the one asked for, or all
    skipped: tuple[str, ...]  # claims of the source whose quote does not match (make check)
    note: str = ""  # e.g. the metadata has problems, so excluded blocks are not known


def source_paragraphs(
    root: Path, source_id: str | None = None, number: int | None = None
) -> SourceParagraphs:
    """Paragraph `number` of a source (every paragraph when None); the only source by default."""
    data = load(root)
    sources = {s.id: s for s in archived_sources(root, data)}
    if not sources:
        raise ParagraphError("there is no archived source in data/sources/ yet")
    if source_id is None:
        if len(sources) > 1:
            raise ParagraphError("name the source: one of " + ", ".join(sorted(sources)))
        (source_id,) = sources
    if source_id not in sources:
        close = [s for s in sorted(sources) if s.startswith(source_id)][:1]
        close = close or difflib.get_close_matches(source_id, sources, n=1)
        known = f"did you mean '{close[0]}'?" if close else "sources: " + ", ".join(sorted(sources))
        raise ParagraphError(f"no archived source '{source_id}' — {known}")
    source = sources[source_id]
    archive = source.archive
    total = len(archive.paragraphs)
    if number is not None and not 1 <= number <= total:
        raise ParagraphError(
            f"{source.text_file} has paragraphs 1 to {total}, not {number} — "
            "leave the number out to see them all"
        )
    quoted, skipped = claims_quoting(data, source_id, archive)
    chosen = archive.paragraphs if number is None else (archive.paragraph(number),)
    views: list[ParagraphView] = []
    for paragraph in chosen:
        quoting = [(cid, m) for cid, m in quoted if m.paragraph == paragraph.number]
        spans = [(paragraph.start, paragraph.end)]  # not body text: shown whole, never quoted
        if not paragraph.excluded:
            spans = split_sentences(archive.text, paragraph.start, paragraph.end)
        sentences = tuple(
            SentenceView(
                n,
                " ".join(archive.text[start:end].split()),
                claims_over(quoting, start, end),
            )
            for n, (start, end) in enumerate(spans, 1)
        )
        views.append(ParagraphView(paragraph.number, paragraph.excluded, sentences))
    return SourceParagraphs(
        source_id, source.text_file, total, tuple(views), tuple(skipped), source.note
    )


def format_paragraphs(view: SourceParagraphs) -> str:
    """Plain text: each sentence numbered as paragraph.sentence, with the claims quoting it."""
    shown = (
        f"paragraph {view.paragraphs[0].number} of {view.total}"
        if len(view.paragraphs) == 1
        else f"{view.total} paragraphs"
    )
    lines = [f"{view.source} ({view.text_file}), {shown}"]
    if view.note:
        lines.append(f"note: {view.note}")
    for paragraph in view.paragraphs:
        lines.append("")
        heading = f"¶ {paragraph.number}"
        if paragraph.excluded:
            heading += f" (not body text, cannot be quoted: {paragraph.excluded})"
        lines.append(heading)
        for sentence in paragraph.sentences:
            lines.append(f"  {paragraph.number}.{sentence.number}  {sentence.text}")
            if paragraph.excluded:
                continue
            quoted = ", ".join(sentence.claims) if sentence.claims else "no claim yet"
            lines.append(f"        quoted by: {quoted}")
    if view.skipped:
        lines.append("")
        lines.append(
            f"Left out: {len(view.skipped)} claim(s) whose quote does not match the text "
            f"(make check says why): {', '.join(view.skipped)}"
        )
    return "\n".join(lines)
