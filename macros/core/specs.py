"""Field declarations for each kind of data file (see schema.py for how they are used)."""

from __future__ import annotations

from macros.core.model import ACTOR_KINDS, CLAIM_KINDS
from macros.core.schema import (
    BOOL,
    DATE,
    ID,
    LANG_PATTERN,
    SHA256_PATTERN,
    URL_PATTERN,
    Field,
    RecordSpec,
    choice,
    integer,
    list_of,
    pattern,
    record,
    text,
)

PROSE = text(multiline=True, max_length=20_000)
NAME = text(max_length=300)
SENTENCE = text(max_length=2000)


SOURCE = RecordSpec(
    kind="source",
    title="Source metadata (data/sources/<id>.yaml)",
    id_from="stem",
    fields=(
        Field("title", NAME, "the source's title, as published"),
        Field("author", NAME, "the author's name as the source gives it"),
        Field("author_aliases", list_of(NAME), "other spellings of the author's name", False),
        Field("publisher", NAME, "who published it"),
        Field("published", DATE, "publication date, YYYY[-MM[-DD]]"),
        Field("series", NAME, "the series or project it belongs to", False),
        Field(
            "language",
            pattern("a language tag", LANG_PATTERN, "use e.g. en, ru, ko"),
            "language of the text (BCP 47, e.g. en)",
        ),
        Field(
            "url",
            pattern(
                "an http(s) address or empty",
                URL_PATTERN,
                'write an https:// address, or "" when the address is not known',
            ),
            'the original address, or "" when not known',
        ),
        Field("retrieved", DATE, "when the text was archived here"),
        Field("licence", SENTENCE, "what the licence allows (or that it is not known)"),
        Field("republish", BOOL, "true only if the licence allows showing the full text"),
        Field(
            "sha256",
            pattern("a sha256 hex digest", SHA256_PATTERN, "run: sha256sum data/sources/<id>.txt"),
            "sha256 of the archived text file",
        ),
        Field(
            "text",
            pattern(
                "a file name in data/sources/",
                r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$",
                "name a .txt file beside this one, e.g. my-source.txt (no folders)",
            ),
            "the archived text file beside this one (default: <id>.txt)",
            False,
        ),
        Field(
            "excluded_blocks",
            list_of(
                record(
                    (
                        Field("block", integer(1), "block number (1-based)"),
                        Field("reason", SENTENCE, "why it is not body text"),
                    ),
                    "an excluded block (block, reason)",
                ),
                unique=False,
            ),
            "blocks of the text that are not body text and cannot be quoted",
            False,
        ),
    ),
)

CLAIM = RecordSpec(
    kind="claim",
    title="Claims (data/claims/*.yaml: a list)",
    id_from="field",
    fields=(
        Field("id", ID, "stable id, lowercase kebab-case"),
        Field("source", ID, "id of the source the quote comes from"),
        Field("quote", text(multiline=True, max_length=1200), "verbatim passage from the source"),
        Field("statement", SENTENCE, "what the site asserts: only what the quote supports"),
        Field("kind", choice(CLAIM_KINDS), "fact, assessment, forecast or attribution"),
        Field("topics", list_of(ID, min_items=1), "ids of the topics this claim belongs to"),
        Field("actors", list_of(ID), "ids of the actors the claim is about"),
        Field("date", DATE, "when the asserted thing happened, if the source says", False),
        Field("note", SENTENCE, "an editorial note shown with the claim", False),
    ),
)

TOPIC = RecordSpec(
    kind="topic",
    title="Topic page (data/topics/<id>.yaml)",
    id_from="stem",
    fields=(
        Field("title", NAME, "the page title"),
        Field("order", integer(1, 10_000), "position in the topic list"),
        Field("lead", PROSE, "opening paragraph: prose with macros, every sentence cited"),
        Field(
            "sections",
            list_of(
                record(
                    (
                        Field("heading", NAME, "section heading"),
                        Field("body", PROSE, "prose with macros; blank lines separate paragraphs"),
                    ),
                    "a section (heading, body)",
                ),
                min_items=1,
                unique=False,
            ),
            "the page's sections",
        ),
        Field("related", list_of(ID), "ids of related topics", False),
    ),
)

ACTOR = RecordSpec(
    kind="actor",
    title="Actor (data/actors/<id>.yaml)",
    id_from="stem",
    fields=(
        Field("name", NAME, "the English name shown on the site"),
        Field("kind", choice(ACTOR_KINDS), "state, territory, organisation or person"),
        Field("aliases", list_of(NAME), "other names the sources use (Moscow, the Kremlin)", False),
        Field(
            "native_names",
            list_of(
                record(
                    (
                        Field("text", NAME, "the name in its language"),
                        Field(
                            "lang",
                            pattern("a language tag", LANG_PATTERN, "use e.g. ru or ko"),
                            "BCP 47 language tag",
                        ),
                    ),
                    "a native name (text, lang)",
                ),
                unique=False,
            ),
            "names in other languages, each with its language",
            False,
        ),
        Field("description", PROSE, "what the sources say about it: prose with macros"),
    ),
)

EVENT = RecordSpec(
    kind="event",
    title="Events (data/events.yaml: a list in chronological order)",
    id_from="field",
    fields=(
        Field("id", ID, "stable id, lowercase kebab-case"),
        Field("title", NAME, "short title"),
        Field("date", DATE, "YYYY[-MM[-DD]], only as precise as the source", False),
        Field("when", NAME, "a vague period in the source's words, when there is no date", False),
        Field("summary", PROSE, "prose with macros, every sentence cited"),
        Field("claims", list_of(ID, min_items=1), "ids of the claims this event rests on"),
        Field("actors", list_of(ID), "ids of the actors involved", False),
    ),
)

TERM = RecordSpec(
    kind="term",
    title="Glossary (data/glossary.yaml: a list of terms)",
    id_from="field",
    fields=(
        Field("id", ID, "stable id, lowercase kebab-case"),
        Field("term", NAME, "the term as the site shows it"),
        Field("definition", PROSE, "explained only through claims: prose with macros"),
        Field("claims", list_of(ID, min_items=1), "ids of the claims the definition rests on"),
    ),
)

ALL_SPECS = (SOURCE, CLAIM, TOPIC, ACTOR, EVENT, TERM)
