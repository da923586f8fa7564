"""The site plan: which pages and files the site has, where each sits, what opens when a reader
presses "edit", and what the navigation lists.

It is the one answer every engine adapter reads: the MkDocs hook adds the planned files to a build,
`generate` writes them into a folder for engines without hooks, and the benchmark's floor is that
folder. Nothing here renders; `macros.pages.site` turns the plan into file contents.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from macros.core.diagnostics import Position, Problem
from macros.core.knowledge import KnowledgeBase
from macros.core.problems import Code
from macros.core.settings import SETTINGS
from macros.core.text import Text
from macros.pages import routes
from macros.pages.exports import DOWNLOADS
from macros.pages.json_schemas import schema_documents
from macros.pages.routes import Routes, page_url
from macros.pages.site_info import SiteInfo

DOCS = SETTINGS.docs_folder  # where hand-written pages live (load_knowledge reads them there)


@dataclass(frozen=True)
class PlannedPage:
    """One page of the site."""

    src_uri: str  # its Markdown's path under docs/
    title: str  # plain text, as "cited on" lists and the navigation name it
    edit_file: str  # the project file a reader's "edit" button opens
    in_nav: bool  # listed in the navigation (else reached from a list page)
    template: str | None = None  # the Jinja template that renders it; None: hand-written
    values: Mapping[str, Any] = field(default_factory=dict)  # the template's own arguments
    origin: Position | None = None  # the data file whose id names the page; None: a fixed page

    @property
    def url(self) -> str:
        return page_url(self.src_uri)


@dataclass(frozen=True)
class PlannedFile:
    """A file published as it is, beside the pages: a claims export or a JSON Schema."""

    src_uri: str
    edit_file: str


@dataclass(frozen=True)
class SitePlan:
    kb: KnowledgeBase
    site: SiteInfo = field(default_factory=SiteInfo)  # name, address, repository, build date
    links_from: str = routes.FROM_PAGE  # how the engine resolves relative links (see routes)

    @cached_property
    def routes(self) -> Routes:
        return Routes(self.kb, self.links_from)

    @cached_property
    def pages(self) -> tuple[PlannedPage, ...]:
        """The generated pages, then the hand-written pages that use macros."""
        return (*self._generated(), *self._hand_written())

    @cached_property
    def files(self) -> tuple[PlannedFile, ...]:
        exports = [PlannedFile(download.path, "data/claims/") for download in DOWNLOADS]
        # The JSON Schemas editors use for the data files, published so `$schema` links resolve.
        schemas = [PlannedFile(path, path) for path in schema_documents()]
        return (*exports, *schemas)

    @cached_property
    def fragments(self) -> dict[tuple[str, str], Any]:
        """Markup that every page shows alike (a claim's citation preview), made once per build
        by the renderer and kept with the plan it was made from."""
        return {}

    @cached_property
    def _by_src(self) -> dict[str, PlannedPage]:
        return {p.src_uri: p for p in self.pages}

    def page(self, src_uri: str) -> PlannedPage | None:
        return self._by_src.get(src_uri)

    @property
    def generated(self) -> list[PlannedPage]:
        return [p for p in self.pages if p.template is not None]

    def edit_file(self, src_uri: str) -> str:
        """What the edit button of the page at `src_uri` opens: its data file, or its Markdown."""
        planned = self.page(src_uri)
        return planned.edit_file if planned else f"{DOCS}/{src_uri}"

    def cited_on(self, claim_id: str) -> list[PlannedPage]:
        """The pages whose prose cites a claim, each once, in the knowledge base's order."""
        pages: dict[str, PlannedPage] = {}
        for ref in self.kb.cited_in.get(claim_id, ()):
            src_uri = self.routes.location(ref.kind, ref.ident).src_uri
            planned = self.page(src_uri)
            if planned is not None:
                pages.setdefault(src_uri, planned)
        return list(pages.values())

    def collisions(self, docs_files: Iterable[str]) -> list[Problem]:
        """A problem for each file under docs/ that a generated page or file would replace."""
        planned = {p.src_uri for p in self.generated} | {f.src_uri for f in self.files}
        return [
            Problem(
                Code.PAGE_COLLISION,
                Position(f"{DOCS}/{name}"),
                "this file has the path of a page or file the generator makes",
                "rename or remove it (generated pages never live in docs/)",
            )
            for name in sorted(set(docs_files) & planned)
        ]

    # -- navigation ------------------------------------------------------------------------------
    @property
    def topics_in_nav(self) -> bool:
        # Past the limit the topic list page is the way in (Material writes the whole
        # navigation into every page), so pages do not grow with the number of topics.
        return len(self.kb.topics) <= SETTINGS.nav_topics_limit

    def nav(self, configured: Any) -> Any:
        """The configured navigation with the topic list entry expanded into a section of topics.

        Themes print navigation titles as HTML, so the contributors' titles are escaped.
        """
        if not isinstance(configured, list) or not self.topics_in_nav:
            return configured
        topic_pages = [p for p in self.generated if p.template == "topic.md.j2"]
        section = [routes.TOPICS, *({html.escape(p.title): p.src_uri} for p in topic_pages)]
        expanded: list[Any] = []
        for item in configured:
            if isinstance(item, dict) and len(item) == 1:
                ((title, target),) = item.items()
                if target == routes.TOPICS:
                    expanded.append({str(title): section})
                    continue
            expanded.append(item)
        return expanded

    def not_in_nav(self) -> list[str]:
        """`not_in_nav` patterns (gitignore style, from docs/) for the pages left out of the nav.

        A folder whose pages are all left out (but its index) is one pattern, so the list stays
        short at any scale.
        """
        folders: dict[str, list[PlannedPage]] = {}
        for planned in self.generated:
            folder = posixpath.dirname(planned.src_uri)
            if not planned.src_uri.endswith("index.md"):
                folders.setdefault(folder, []).append(planned)
        patterns: list[str] = []
        for folder, pages in folders.items():
            hidden = [p for p in pages if not p.in_nav]
            if folder and hidden and len(hidden) == len(pages):
                patterns += [f"/{folder}/*.md", f"!/{folder}/index.md"]
            else:
                patterns += [f"/{p.src_uri}" for p in hidden]
        return patterns

    # -- the pages -------------------------------------------------------------------------------
    def _generated(self) -> list[PlannedPage]:
        kb, r = self.kb, self.routes
        pages: list[PlannedPage] = []

        def add(
            src_uri: str,
            title: str,
            template: str,
            edit_file: str,
            origin: Position | None = None,
            **values: Any,
        ) -> None:
            # Pages in folders (actors/x.md, …) are reached from their list pages; topics are in
            # the navigation too, up to `nav_topics_limit` of them.
            in_nav = "/" not in src_uri or src_uri.endswith("/index.md")
            if template == "topic.md.j2":
                in_nav = self.topics_in_nav
            pages.append(PlannedPage(src_uri, title, edit_file, in_nav, template, values, origin))

        entry: dict[str, Callable[[str], Any]] = {
            "topic": kb.topics.__getitem__,
            "actor": kb.actors.__getitem__,
            "event": kb.event,
            "term": kb.terms.__getitem__,
        }

        def add_list(first: str, title: str, template: str, edit_file: str, kind: str) -> None:
            """A list page, or each of its pages past a page's worth of entries (`Routes.parts`)."""
            parts = r.parts(first)
            for part in parts:
                entries = [entry[kind](ident) for ident in part.ids]
                edit = edit_file
                files = sorted({e.file for e in entries})
                if kind in ("event", "term") and files:
                    # Events and terms may be spread over a folder: the file, or folder, they are in.
                    edit = files[0] if len(files) == 1 else posixpath.dirname(files[0]) + "/"
                shown = title if part.of == 1 else f"{title} ({part.number} of {part.of})"
                add(
                    part.src_uri,
                    shown,
                    template,
                    edit,
                    part=part,
                    parts=parts,
                    entries=entries,
                )

        add_list(routes.TOPICS, "Topics", "topics.md.j2", "data/topics/", "topic")
        for topic in kb.topics.values():
            add(
                r.topic_page(topic.id),
                topic.title,
                "topic.md.j2",
                topic.file,
                _named(topic.id),
                topic=topic,
            )
        add_list(routes.ACTORS, "Actors", "actors.md.j2", "data/actors/", "actor")
        for actor in kb.actors.values():
            add(
                r.actor_page(actor.id),
                actor.name,
                "actor.md.j2",
                actor.file,
                _named(actor.id),
                actor=actor,
            )
        add_list(routes.TIMELINE, "Timeline", "timeline.md.j2", "data/events.yaml", "event")
        sources = list(kb.sources.values())
        if r.claims_split_by_source:
            add(routes.CLAIMS, "Claims index", "claims-overview.md.j2", "data/claims/")
            for source in sources:
                add(
                    r.claims_page(source.id),
                    f"Claims from {source.title}",
                    "claims.md.j2",
                    "data/claims/",
                    _named(source.id),
                    sources=[source],
                )
        else:
            add(routes.CLAIMS, "Claims index", "claims.md.j2", "data/claims/", sources=sources)
        add(routes.SOURCES, "Sources", "sources.md.j2", "data/sources/")
        for source in sources:
            add(
                r.source_page(source.id),
                source.title,
                "source.md.j2",
                source.file,
                _named(source.id),
                source=source,
            )
        add_list(routes.GLOSSARY, "Glossary", "glossary.md.j2", "data/glossary.yaml", "term")
        add(routes.ARGUMENT, "The argument", "argument.md.j2", "data/claims/")
        add_list(routes.CONNECTIONS, "Connections", "connections.md.j2", "data/topics/", "topic")
        return pages

    def _hand_written(self) -> list[PlannedPage]:
        return [
            PlannedPage(
                page.src_uri,
                markdown_title(page.markdown) or page.src_uri,
                page.file,
                in_nav=True,  # as the configured navigation has it
            )
            for page in self.kb.pages
        ]


def _named(ident: str) -> Position | None:
    """Where the id that names a page was written (a file name: the file itself)."""
    return ident.position if isinstance(ident, Text) else None


def markdown_title(markdown: str) -> str:
    """The text of a Markdown page's first level-one heading, or ""."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""
