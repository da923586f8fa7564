"""Every URL rule of the site: where each page's Markdown sits under docs/, and its address.

Addresses are directory URLs (`topics/trade.md` → `topics/trade/`), site-relative, as MkDocs,
ProperDocs and Zensical all write them with `use_directory_urls: true`. Some rules depend on the
knowledge base (past `claims_per_page` claims the claims index is one page per source; past a
page's worth of entries the timeline, glossary, connections and the topic and actor lists go on
over numbered pages), so they are methods of `Routes`, made for one knowledge base; the rest of the
generator asks them, never builds a path itself.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from macros.core.knowledge import KnowledgeBase
from macros.core.settings import SETTINGS
from macros.pages.anchors import PREFIX, site_id

# The fixed pages, as paths under docs/.
HOME = "index.md"
TOPICS = "topics/index.md"
ACTORS = "actors/index.md"
TIMELINE = "timeline.md"
CLAIMS = "claims.md"
SOURCES = "sources/index.md"
GLOSSARY = "glossary.md"
CONNECTIONS = "connections.md"
ARGUMENT = "argument.md"


def page_url(src_uri: str) -> str:
    """The site-relative URL of a Markdown page: 'topics/x.md' → 'topics/x/', 'index.md' → ''."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@lru_cache(maxsize=65536)  # every page links to the same few hundred targets
def relative_url(from_url: str, to_url: str) -> str:
    """A link from page `from_url` to `to_url` (both site-relative) that works on any host."""
    target, hash_, fragment = to_url.partition("#")
    if not target and hash_:
        return "#" + fragment
    path = _relative_path(target, from_url)
    if target.endswith("/") or not target:
        path = "./" if path == "." else path + "/"
    return path + (hash_ + fragment if hash_ else "")


def _relative_path(target: str, start: str) -> str:
    """`posixpath.relpath(target or ".", start or ".")` for site-relative paths, without the
    working directory: relpath makes both absolute first, which was most of the cost of a link
    (profile, issue 15)."""
    to = [part for part in target.split("/") if part and part != "."]
    at = [part for part in start.split("/") if part and part != "."]
    if ".." in to or ".." in at:  # never made by the routes; relpath knows how to fold them
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    for a, b in zip(to, at, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def paragraph_anchor(number: int) -> str:
    """The anchor of paragraph `number` of a source's text, on the source's page."""
    return site_id(f"p{number}")


def part_page(first: str, number: int) -> str:
    """Page `number` of a list that goes on over several pages: the first is the list's own page
    (`timeline.md`), the others beside it in its folder (`timeline/_page-2.md`), named in the
    site's own namespace so that no data id (a topic's page in topics/) can take the name."""
    if number == 1:
        return first
    folder = first.removesuffix("index.md").removesuffix(".md").rstrip("/")
    return f"{folder}/{site_id(f'page-{number}')}.md"


@dataclass(frozen=True)
class Part:
    """One page of a list that goes on over several pages, and the ids of the entries it shows."""

    src_uri: str
    number: int  # from 1
    of: int  # how many pages the list has
    ids: tuple[str, ...]


def _split(first: str, ids: Sequence[str], per_page: int) -> tuple[Part, ...]:
    chunks = [ids[i : i + per_page] for i in range(0, len(ids), per_page)] or [[]]
    return tuple(
        Part(part_page(first, n), n, len(chunks), tuple(chunk))
        for n, chunk in enumerate(chunks, start=1)
    )


# The actor list's groups, in the order it shows them.
ACTOR_GROUPS = (
    ("state", "States"),
    ("territory", "Territories"),
    ("organisation", "Organisations"),
    ("person", "People"),
)


@dataclass(frozen=True)
class Location:
    """A page (its path under docs/) and, for things shown inside a page, their anchor."""

    src_uri: str
    anchor: str = ""

    @property
    def url(self) -> str:
        return page_url(self.src_uri) + (f"#{self.anchor}" if self.anchor else "")


# What an engine reads a relative link in a page's HTML against: MkDocs (and ProperDocs) leave
# raw HTML alone, so the browser resolves it from the page's URL; Zensical rewrites it as if it
# were relative to the page's Markdown file, like a Markdown link.
FROM_PAGE = "page"
FROM_SOURCE = "source"


@dataclass(frozen=True)
class Routes:
    """Where everything of one knowledge base is shown, and how pages link to it."""

    kb: KnowledgeBase
    links_from: str = FROM_PAGE  # FROM_PAGE or FROM_SOURCE

    def link(self, from_src_uri: str, to_url: str) -> str:
        """How the page at `from_src_uri` writes a link to `to_url` (site-relative) in an `href`,
        which the engine reads (see `links_from`)."""
        if self.links_from == FROM_SOURCE:
            folder = posixpath.dirname(from_src_uri)
            return relative_url(f"{folder}/" if folder else "", to_url)
        return relative_url(page_url(from_src_uri), to_url)

    @cached_property
    def claims_split_by_source(self) -> bool:
        """Whether the claims index is one page per source (past `claims_per_page` claims)."""
        return len(self.kb.claims) > SETTINGS.claims_per_page and len(self.kb.sources) > 1

    # -- lists over several pages ----------------------------------------------------------------
    @cached_property
    def _parts(self) -> dict[str, tuple[Part, ...]]:
        """Each list page's pages, in the order the list shows its entries."""
        kb, s = self.kb, SETTINGS
        undated = sorted((e for e in kb.events if not e.date), key=lambda e: e.title.lower())
        timeline = [e.id for e in kb.events if e.date] + [e.id for e in undated]
        actors = [a.id for kind, _ in ACTOR_GROUPS for a in kb.actors.values() if a.kind == kind]
        return {
            TIMELINE: _split(TIMELINE, timeline, s.events_per_page),
            GLOSSARY: _split(GLOSSARY, list(kb.terms), s.terms_per_page),
            CONNECTIONS: _split(CONNECTIONS, list(kb.topics), s.connections_per_page),
            TOPICS: _split(TOPICS, list(kb.topics), s.list_entries_per_page),
            ACTORS: _split(ACTORS, actors, s.list_entries_per_page),
        }

    def parts(self, first: str) -> tuple[Part, ...]:
        """The pages of a list page (one, until its entries pass a page's worth)."""
        return self._parts[first]

    @cached_property
    def _page_of(self) -> dict[tuple[str, str], str]:
        return {
            (first, ident): part.src_uri
            for first, parts in self._parts.items()
            for part in parts
            for ident in part.ids
        }

    def list_page(self, first: str, ident: str) -> str:
        """The page of a list that shows the entry `ident`."""
        return self._page_of.get((first, ident), first)

    # -- pages -----------------------------------------------------------------------------------
    @staticmethod
    def topic_page(topic_id: str) -> str:
        return f"topics/{topic_id}.md"

    @staticmethod
    def actor_page(actor_id: str) -> str:
        return f"actors/{actor_id}.md"

    @staticmethod
    def source_page(source_id: str) -> str:
        return f"sources/{source_id}.md"

    def claims_page(self, source_id: str) -> str:
        """The claims index page that lists a source's claims."""
        return f"claims/{source_id}.md" if self.claims_split_by_source else CLAIMS

    # -- things on pages -------------------------------------------------------------------------
    def location(self, kind: str, ident: str) -> Location:
        """Where an entity is shown: its own page, or its anchor on a list page.

        `kind` is an entity kind (topic, actor, source, event, term, claim) or "page", whose
        `ident` is a hand-written page's path under docs/ (as in `KnowledgeBase.cited_in`).
        """
        if kind == "topic":
            return Location(self.topic_page(ident))
        if kind == "actor":
            return Location(self.actor_page(ident))
        if kind == "source":
            return Location(self.source_page(ident))
        if kind == "event":
            return Location(self.list_page(TIMELINE, ident), ident)
        if kind == "term":
            return Location(self.list_page(GLOSSARY, ident), ident)
        if kind == "claim":
            return Location(self.claims_page(self.kb.claims[ident].claim.source), ident)
        if kind == "page":
            return Location(ident)
        raise ValueError(f"no route for {kind!r}")  # validation only lets known kinds through

    def url(self, kind: str, ident: str) -> str:
        """The site-relative URL of an entity's page or anchor."""
        return self.location(kind, ident).url

    def claim_url(self, claim_id: str) -> str:
        """Where a claim's entry (its anchor) is: `claims/#<id>` or, when split, per source."""
        return self.url("claim", claim_id)

    def paragraph_url(self, source_id: str, paragraph: int) -> str:
        """A paragraph of a source's archived text, on the source's page."""
        return Location(self.source_page(source_id), paragraph_anchor(paragraph)).url

    @staticmethod
    def excerpt_anchor(claim_id: str) -> str:
        """The anchor of a claim's quote among its paragraph's excerpts on the source's page."""
        return site_id(f"quote-{claim_id}")

    def excerpt_url(self, claim_id: str) -> str:
        """A claim's quote on its source's page, where the reader sees which excerpt it is."""
        source = self.kb.claims[claim_id].claim.source
        return Location(self.source_page(source), self.excerpt_anchor(claim_id)).url

    @staticmethod
    def link_anchor(holder: str, relation: str, target: str) -> str:
        """The anchor of a link in the claims index entry of the claim holding it: one of the
        site's own ids (`anchors.PREFIX`), its parts joined by "--", which no data id contains."""
        return f"{PREFIX}link-{holder}--{relation}--{target}"

    def link_url(self, holder: str, relation: str, target: str) -> str:
        """A link between claims, where its holder's entry shows it with its quote."""
        page = self.claims_page(self.kb.claims[holder].claim.source)
        return Location(page, self.link_anchor(holder, relation, target)).url
