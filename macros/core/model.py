"""The knowledge base's records: frozen, typed, each remembering the file it came from."""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.diagnostics import Position
from macros.core.quotes import ArchivedText, QuoteMatch
from macros.core.text import Text

CLAIM_KINDS = ("fact", "assessment", "forecast", "attribution")
ACTOR_KINDS = ("state", "territory", "organisation", "person")


@dataclass(frozen=True)
class ExcludedBlock:
    block: int
    reason: Text


@dataclass(frozen=True)
class Source:
    id: Text
    file: str  # the metadata file, relative to the project (for edit links and messages)
    position: Position
    title: Text
    author: Text
    author_aliases: tuple[Text, ...]
    publisher: Text
    published: Text
    series: Text | None
    language: Text
    url: Text
    retrieved: Text
    licence: Text
    republish: bool
    sha256: Text
    text_file: str
    excluded_blocks: tuple[ExcludedBlock, ...]
    archive: ArchivedText


@dataclass(frozen=True)
class Claim:
    id: Text
    file: str
    position: Position
    source: Text
    quote: Text
    statement: Text
    kind: Text
    topics: tuple[Text, ...]
    actors: tuple[Text, ...]
    date: Text | None
    note: Text | None


@dataclass(frozen=True)
class VerifiedClaim:
    """A claim whose quote was found exactly once in its source."""

    claim: Claim
    match: QuoteMatch

    @property
    def id(self) -> str:
        return self.claim.id


@dataclass(frozen=True)
class Section:
    heading: Text
    body: Text


@dataclass(frozen=True)
class Topic:
    id: Text
    file: str
    position: Position
    title: Text
    order: int
    order_position: Position
    lead: Text
    sections: tuple[Section, ...]
    related: tuple[Text, ...]


@dataclass(frozen=True)
class NativeName:
    text: Text
    lang: Text


@dataclass(frozen=True)
class Actor:
    id: Text
    file: str
    position: Position
    name: Text
    kind: Text
    aliases: tuple[Text, ...]
    native_names: tuple[NativeName, ...]
    description: Text


@dataclass(frozen=True)
class Event:
    id: Text
    file: str
    position: Position
    title: Text
    date: Text | None
    when: Text | None
    summary: Text
    claims: tuple[Text, ...]
    actors: tuple[Text, ...]


@dataclass(frozen=True)
class Term:
    id: Text
    file: str
    position: Position
    term: Text
    definition: Text
    claims: tuple[Text, ...]
