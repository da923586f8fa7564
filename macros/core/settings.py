"""The generator's fixed settings: where data lives and the limits it keeps, in one frozen object.

These were constants spread over the loader, the YAML reader, quote matching, prose parsing, the
pages and the hook; a reader looking for "how big may a data file be" or "when does the claims
index split" now finds every such number here, each with the reason for its value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    # Where things are, relative to the project folder (and, for the data files, to data/).
    data_folder: str = "data"
    docs_folder: str = "docs"  # hand-written pages; generated pages never go here
    sources_folder: str = "sources"
    claims_folder: str = "claims"
    topics_folder: str = "topics"
    actors_folder: str = "actors"
    events_file: str = "events.yaml"
    glossary_file: str = "glossary.yaml"
    # The same lists may go on in files of these folders (read after the single file, by file
    # name): one file of either would pass the size limit long before MkDocs reaches its own.
    events_folder: str = "events"
    glossary_folder: str = "glossary"

    # Reading files: a data file past this size is refused unread (a 50 MB file must not be
    # loaded into memory to find out it is too large), and YAML nested deeper than any data file
    # needs is refused as it is read.
    max_file_bytes: int = 2_000_000
    max_yaml_depth: int = 32
    # Values (scalars, keys, lists and mappings) in one file: real data holds one per 20-25 bytes,
    # so it reaches the size limit first; a file of one-letter values would hold a million, and
    # composing and checking them would take seconds (BENCHMARKS.md, "Parsing hostile YAML").
    max_yaml_values: int = 100_000

    # Quotes: shorter ones rarely identify one passage; the prefix and suffix kept around a
    # match are as long as a W3C TextQuoteSelector usually carries.
    min_quote_chars: int = 20
    quote_context_chars: int = 32

    # Prose: a real macro call is short; Python's parser runs out of stack on long hostile
    # expressions (`{{ not not not … x }}`), so longer calls are never parsed.
    max_macro_call_chars: int = 2000

    # Pages: one claims index page holds every claim until it would grow past what a phone should
    # load (about 3 KB of HTML a claim, 500 KB a page); then it becomes one page per source.
    # Material writes the whole navigation into every page, so past this many topics the
    # navigation stops listing them.
    claims_per_page: int = 150
    nav_topics_limit: int = 30
    # The other lists go on over numbered pages past as many entries as keep a page well under
    # 500 KB and its first visit under 150 KB gzipped with the theme's assets (measured at ×100:
    # 200 events made a 480 KB page, 79 KB gzipped, and a 163 KB first visit; an event takes about
    # 2 KB of HTML, a term 2.4 KB, a topic on the connections page 3 KB with its part of the
    # picture, a line of the topic or actor list 0.2 KB).
    events_per_page: int = 100
    terms_per_page: int = 75
    connections_per_page: int = 50
    list_entries_per_page: int = 1500

    def data_dir(self, root: Path) -> Path:
        return root / self.data_folder

    def sources_dir(self, root: Path) -> Path:
        return self.data_dir(root) / self.sources_folder

    @property
    def data_entries(self) -> tuple[str, ...]:
        """The names data/ may hold, in the order the guide lists them."""
        return (
            self.sources_folder,
            self.claims_folder,
            self.topics_folder,
            self.actors_folder,
            self.events_file,
            self.events_folder,
            self.glossary_file,
            self.glossary_folder,
        )


SETTINGS = Settings()
