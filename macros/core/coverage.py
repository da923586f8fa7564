"""How much of a source the claims cover, sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from macros.core.model import Source, VerifiedClaim
from macros.core.quotes import QuoteMatch

# A quote and the claim it belongs to: (claim id, where the quote sits in the source).
Quoted = tuple[str, QuoteMatch]

# A sentence ends at . ? or ! (optionally followed by a closing quote) before a space and a capital
# or an opening quote; initials such as "U.S." do not end one.
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z]\.)(?:(?<=[.?!])|(?<=[.?!][”’\"]))\s+(?=[A-Z“\"‘(])")


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    start: int  # code-point offsets into the archived text
    end: int
    text: str
    claims: tuple[str, ...]  # ids of the claims whose quotes overlap it

    @property
    def covered(self) -> bool:
        return bool(self.claims)


@dataclass(frozen=True)
class ParagraphCoverage:
    number: int
    sentences: tuple[Sentence, ...]
    claims: tuple[str, ...]  # ids of the claims quoted from this paragraph

    @property
    def covered(self) -> int:
        return sum(s.covered for s in self.sentences)

    @property
    def share(self) -> float:
        return self.covered / len(self.sentences) if self.sentences else 1.0


@dataclass(frozen=True)
class Coverage:
    paragraphs: tuple[ParagraphCoverage, ...]

    @property
    def sentences(self) -> int:
        return sum(len(p.sentences) for p in self.paragraphs)

    @property
    def covered(self) -> int:
        return sum(p.covered for p in self.paragraphs)

    @property
    def share(self) -> float:
        return self.covered / self.sentences if self.sentences else 1.0

    def uncovered(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences if not s.covered]


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (offsets into text) within text[start:end]."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def quotes_in(source_id: str, claims: Iterable[VerifiedClaim]) -> list[Quoted]:
    """Every quote of these claims that sits in this source, further quotes included."""
    return [(c.id, q.match) for c in claims for q in c.quotes if q.source == source_id]


def claims_over(quoted: Iterable[Quoted], start: int, end: int) -> tuple[str, ...]:
    """The claims whose quotes overlap text[start:end], each once, in the order given."""
    return tuple(dict.fromkeys(cid for cid, m in quoted if m.start < end and start < m.end))


def source_coverage(source: Source, quoted: Sequence[Quoted]) -> Coverage:
    """Per body paragraph: its sentences and which claims' quotes overlap each."""
    archive = source.archive
    paragraphs: list[ParagraphCoverage] = []
    for paragraph in archive.paragraphs:
        if paragraph.excluded:
            continue
        here = [(cid, m) for cid, m in quoted if m.paragraph == paragraph.number]
        sentences = []
        for s, e in split_sentences(archive.text, paragraph.start, paragraph.end):
            ids = claims_over(here, s, e)
            sentences.append(Sentence(paragraph.number, s, e, archive.text[s:e], ids))
        claim_ids = tuple(dict.fromkeys(cid for cid, _ in here))
        paragraphs.append(ParagraphCoverage(paragraph.number, tuple(sentences), claim_ids))
    return Coverage(tuple(paragraphs))
