"""The knowledge base's records: frozen, typed, each remembering the file it came from.

Each data field is declared here once, with its type and description (records.py turns the
declarations into checks, JSON Schema and typed construction). Attributes without a declaration
are not written by contributors: the loader supplies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.problems import Code
from macros.core.quotes import ArchivedText, QuoteMatch
from macros.core.records import Record, nested, optional, required
from macros.core.relations import BASES, RELATION_NAMES, Relation
from macros.core.schema import (
    BOOL,
    DATE,
    ID,
    LANG_PATTERN,
    SHA256_PATTERN,
    URL_PATTERN,
    choice,
    integer,
    list_of,
    pattern,
    text,
)
from macros.core.text import Number, Text

CLAIM_KINDS = ("fact", "assessment", "forecast", "attribution")
ACTOR_KINDS = ("state", "territory", "organisation", "person")

PROSE = text(multiline=True, max_length=20_000)
NAME = text(max_length=300)
SENTENCE = text(max_length=2000)
LANGUAGE = pattern("a language tag", LANG_PATTERN, "use e.g. en, ru, ko")


class ExcludedBlock(Record, title="an excluded block (block, reason)"):
    block: Number = required(integer(1), "block number (1-based)")
    reason: Text = required(SENTENCE, "why it is not body text")


class SourceMetadata(Record, kind="source", title="Source metadata (data/sources/<id>.yaml)"):
    """What a source's YAML file says; `Source` adds the archived text it points at."""

    id: Text  # the file name's stem
    file: str  # the metadata file, relative to the project (for edit links and messages)
    title: Text = required(NAME, "the source's title, as published")
    author: Text = required(NAME, "the author's name as the source gives it")
    author_aliases: tuple[Text, ...] = optional(
        list_of(NAME), "other spellings of the author's name", default=()
    )
    publisher: Text = required(NAME, "who published it")
    published: Text = required(DATE, "publication date, YYYY[-MM[-DD]]")
    series: Text | None = optional(NAME, "the series or project it belongs to", default=None)
    language: Text = required(LANGUAGE, "language of the text (BCP 47, e.g. en)")
    url: Text = required(
        pattern(
            "an http(s) address or empty",
            URL_PATTERN,
            'write an https:// address, or "" when the address is not known',
        ),
        'the original address, or "" when not known',
    )
    retrieved: Text = required(DATE, "when the text was archived here")
    licence: Text = required(SENTENCE, "what the licence allows (or that it is not known)")
    republish: bool = required(BOOL, "true only if the licence allows showing the full text")
    sha256: Text = required(
        pattern("a sha256 hex digest", SHA256_PATTERN, "run: sha256sum data/sources/<id>.txt"),
        "sha256 of the archived text file",
    )
    text: Text | None = optional(
        pattern(
            "a file name in data/sources/",
            r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$",
            "name a .txt file beside this one, e.g. my-source.txt (no folders)",
        ),
        "the archived text file beside this one (default: <id>.txt)",
        default=None,
    )
    excluded_blocks: tuple[ExcludedBlock, ...] = optional(
        list_of(nested(ExcludedBlock), unique=False),
        "blocks of the text that are not body text and cannot be quoted",
        default=(),
    )


class Source(SourceMetadata):
    """A source whose archived text was found, matched its sha256 and was parsed."""

    text_file: str  # the archived text, relative to the project
    archive: ArchivedText


QUOTE = text(multiline=True, max_length=1200)


class Evidence(Record, title="a further quote (quote, source)"):
    quote: Text = required(QUOTE, "verbatim passage, checked like the claim's own quote")
    source: Text | None = optional(
        ID, "id of the source it comes from (default: the claim's source)", default=None
    )


class Link(Record, title="a link to another claim (relation, claim, quote, source, basis)"):
    relation: Text = required(
        choice(RELATION_NAMES, Code.UNKNOWN_RELATION),
        "how this claim relates to the other: " + ", ".join(RELATION_NAMES),
    )
    claim: Text = required(ID, "id of the other claim")
    quote: Text = required(QUOTE, "the verbatim passage that states the link (its connective)")
    source: Text | None = optional(
        ID,
        "id of the source the link's quote comes from, one both claims quote "
        "(default: this claim's source)",
        default=None,
    )
    basis: str = optional(
        choice(BASES),
        "assessment (the author's reasoning, the default) or fact (the source states it as fact)",
        default="assessment",
    )


class Claim(Record, kind="claim", title="Claims (data/claims/*.yaml: a list)"):
    file: str
    id: Text = required(ID, "stable id, lowercase kebab-case")
    source: Text = required(ID, "id of the source the quote comes from")
    quote: Text = required(QUOTE, "verbatim passage from the source")
    evidence: tuple[Evidence, ...] = optional(
        list_of(nested(Evidence), unique=False),
        "further quotes the claim rests on, from this source or others",
        default=(),
    )
    statement: Text = required(SENTENCE, "what the site asserts: only what the quote supports")
    kind: Text = required(choice(CLAIM_KINDS), "fact, assessment, forecast or attribution")
    topics: tuple[Text, ...] = required(
        list_of(ID, min_items=1), "ids of the topics this claim belongs to"
    )
    actors: tuple[Text, ...] = required(list_of(ID), "ids of the actors the claim is about")
    date: Text | None = optional(
        DATE, "when the asserted thing happened, if the source says", default=None
    )
    note: Text | None = optional(SENTENCE, "an editorial note shown with the claim", default=None)
    links: tuple[Link, ...] = optional(
        list_of(nested(Link), unique=False),
        "links to other claims: this claim <relation> that one, with the quote that says so",
        default=(),
    )

    @property
    def sources_quoted(self) -> set[str]:
        """The sources this claim quotes: its own and those of its further quotes."""
        return {self.source, *(e.source for e in self.evidence if e.source is not None)}

    def quotes_from(self, source_id: str) -> list[tuple[str, Text]]:
        """Every quote this claim takes from a source, with the field it is written in
        ("quote", "evidence", "link"), in the order written."""
        found = [("quote", self.quote)] if self.source == source_id else []
        found += [
            ("evidence", e.quote) for e in self.evidence if (e.source or self.source) == source_id
        ]
        found += [
            ("link", lk.quote) for lk in self.links if (lk.source or self.source) == source_id
        ]
        return found


@dataclass(frozen=True)
class FoundQuote:
    """A quote found exactly once in the body text of a source."""

    source: str
    match: QuoteMatch


@dataclass(frozen=True)
class VerifiedLink:
    """A link whose target exists and whose quote was found, seen from the claim that holds it."""

    holder: str  # the claim the link is written on
    link: Link
    relation: Relation
    found: FoundQuote

    @property
    def target(self) -> str:
        return self.link.claim

    @property
    def basis(self) -> str:
        return self.link.basis


@dataclass(frozen=True)
class VerifiedClaim:
    """A claim whose every quote was found exactly once, with its verified links."""

    claim: Claim
    match: QuoteMatch  # of the primary quote, in the claim's own source
    evidence: tuple[FoundQuote, ...] = ()  # the further quotes, in the order written
    links: tuple[VerifiedLink, ...] = ()  # written on this claim; KnowledgeBase has both ways

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def quotes(self) -> tuple[FoundQuote, ...]:
        """Every quote of the claim, the primary one first."""
        return (FoundQuote(self.claim.source, self.match), *self.evidence)


class Section(Record, title="a section (heading, body)"):
    heading: Text = required(NAME, "section heading")
    body: Text = required(PROSE, "prose with macros; blank lines separate paragraphs")


class Topic(Record, kind="topic", title="Topic page (data/topics/<id>.yaml)"):
    id: Text
    file: str
    title: Text = required(NAME, "the page title")
    order: Number | None = optional(
        integer(1, 10_000),
        "position in the topic list; topics without one follow the numbered ones, by title",
        default=None,
    )
    lead: Text = required(PROSE, "opening paragraph: prose with macros, every sentence cited")
    sections: tuple[Section, ...] = required(
        list_of(nested(Section), min_items=1, unique=False), "the page's sections"
    )
    related: tuple[Text, ...] = optional(list_of(ID), "ids of related topics", default=())


class NativeName(Record, title="a native name (text, lang)"):
    text: Text = required(NAME, "the name in its language")
    lang: Text = required(
        pattern("a language tag", LANG_PATTERN, "use e.g. ru or ko"), "BCP 47 language tag"
    )


class Actor(Record, kind="actor", title="Actor (data/actors/<id>.yaml)"):
    id: Text
    file: str
    name: Text = required(NAME, "the English name shown on the site")
    kind: Text = required(choice(ACTOR_KINDS), "state, territory, organisation or person")
    aliases: tuple[Text, ...] = optional(
        list_of(NAME), "other names the sources use (a short form, an abbreviation)", default=()
    )
    native_names: tuple[NativeName, ...] = optional(
        list_of(nested(NativeName), unique=False),
        "names in other languages, each with its language",
        default=(),
    )
    description: Text = required(PROSE, "what the sources say about it: prose with macros")


class Event(Record, kind="event", title="Events (data/events.yaml: a list in chronological order)"):
    file: str
    id: Text = required(ID, "stable id, lowercase kebab-case")
    title: Text = required(NAME, "short title")
    date: Text | None = optional(
        DATE, "YYYY[-MM[-DD]], only as precise as the source", default=None
    )
    when: Text | None = optional(
        NAME, "a vague period in the source's words, when there is no date", default=None
    )
    summary: Text = required(PROSE, "prose with macros, every sentence cited")
    claims: tuple[Text, ...] = required(
        list_of(ID, min_items=1), "ids of the claims this event rests on"
    )
    actors: tuple[Text, ...] = optional(list_of(ID), "ids of the actors involved", default=())


class Term(Record, kind="term", title="Glossary (data/glossary.yaml: a list of terms)"):
    file: str
    id: Text = required(ID, "stable id, lowercase kebab-case")
    term: Text = required(NAME, "the term as the site shows it")
    definition: Text = required(PROSE, "explained only through claims: prose with macros")
    claims: tuple[Text, ...] = required(
        list_of(ID, min_items=1), "ids of the claims the definition rests on"
    )


# Every kind of data file's record, in the order the loader reads them.
FILE_RECORDS: tuple[type[Record], ...] = (SourceMetadata, Claim, Topic, Actor, Event, Term)
