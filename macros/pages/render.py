"""Knowledge base → Markdown (with embedded HTML) for every generated page, via Jinja templates.

Data values reach pages only through `escape_text` (the environment's finalize step), so a
contributor's text can never become HTML, Markdown syntax or a template. Markup is made here, by
the macros and helpers, from ids that validation already restricted to kebab-case.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from macros.core.coverage import source_coverage
from macros.core.diagnostics import Position, Problem
from macros.core.knowledge import KnowledgeBase
from macros.core.model import VerifiedClaim
from macros.core.prose import MacroCall, parse_prose
from macros.core.schema import ID_PATTERN
from macros.pages.dates import format_date
from macros.pages.escape import escape_text
from macros.pages.exports import claims_json_ld
from macros.pages.graph import Connections, connections, connections_svg
from macros.pages.routes import page_url, relative_url

TEMPLATES = Path(__file__).parent / "templates"

ENTITY_PAGES: dict[str, Callable[[str], str]] = {
    "topic": lambda i: f"topics/{i}/",
    "actor": lambda i: f"actors/{i}/",
    "source": lambda i: f"sources/{i}/",
    "event": lambda i: f"timeline/#{i}",
    "term": lambda i: f"glossary/#{i}",
}


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs sees it, relative to docs/
    content: str  # Markdown
    edit_file: str  # the data file a reader's "edit" button should open


@dataclass
class PageContext:
    """Rendering state for one page: its URL and the citations it has made so far, in order."""

    kb: KnowledgeBase
    url: str
    escape_literal_text: bool = True  # False for hand-written Markdown pages
    numbers: dict[str, int] = field(default_factory=dict)
    markers_made: int = 0

    # -- links ---------------------------------------------------------------------------------
    def href(self, target: str) -> Markup:
        return Markup(relative_url(self.url, target))

    def link(self, kind: str, ident: str, text: str | None = None) -> Markup:
        """A link to an entity's page, showing its name (or `text`)."""
        label = text if text is not None else self.name_of(kind, ident)
        return Markup('<a class="ref ref-{}" href="{}">{}</a>').format(
            kind, self.href(self.entity_url(kind, ident)), escape_text(label)
        )

    def link_to(self, url: str, text: str) -> Markup:
        """A link to a site-relative URL with the given text."""
        return Markup('<a href="{}">{}</a>').format(self.href(url), escape_text(text))

    def entity_url(self, kind: str, ident: str) -> str:
        """The site-relative URL of an entity's page or anchor."""
        if kind == "claim":
            return self.kb.claim_url(ident)
        return ENTITY_PAGES[kind](ident)

    def name_of(self, kind: str, ident: str) -> str:
        kb = self.kb
        names: dict[str, Callable[[], str]] = {
            "topic": lambda: kb.topics[ident].title,
            "actor": lambda: kb.actors[ident].name,
            "source": lambda: kb.sources[ident].title,
            "event": lambda: kb.event(ident).title,
            "term": lambda: kb.terms[ident].term,
            "claim": lambda: kb.claims[ident].claim.statement,
        }
        return names[kind]()

    # -- connections picture -------------------------------------------------------------------
    def connections(self) -> Connections:
        return connections(self.kb)

    def connections_svg(self, graph: Connections) -> Markup:
        nodes = [
            *(("topic", n.ident) for n in graph.topics),
            *(("actor", n.ident) for n in graph.actors),
        ]
        return connections_svg(
            graph, {f"{k}:{i}": str(self.href(self.entity_url(k, i))) for k, i in nodes}
        )

    # -- structured data ----------------------------------------------------------------------
    def claims_json_ld(self, claims: list[VerifiedClaim]) -> Markup:
        """schema.org Claim items for these claims, safe inside a <script> element."""
        data = claims_json_ld(self.kb, claims)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        # "<" can only appear inside JSON strings, where \u003c means the same.
        return Markup(text.replace("<", "\\u003c"))

    # -- citations -----------------------------------------------------------------------------
    def marker(self, claim_id: str) -> Markup:
        """A numbered citation marker: a link to the claim, with its quote on hover and focus.

        The preview repeats the quote, so it is left out of the search index
        (`data-search-exclude`): the claims index holds each statement and quote once.
        """
        number = self.numbers.setdefault(claim_id, len(self.numbers) + 1)
        self.markers_made += 1
        verified = self.kb.claims[claim_id]
        claim, source = verified.claim, self.kb.sources[verified.claim.source]
        preview_id = f"cite-{self.markers_made}"
        return Markup(
            '<sup class="cite" id="cite-ref-{n}"><a class="cite-link" href="{href}" '
            'aria-describedby="{pid}" data-claim="{cid}">[{number}]</a>'
            '<span class="cite-preview" role="tooltip" id="{pid}" data-search-exclude="1">'
            '<span class="cite-quote">“{quote}”</span> '
            '<span class="cite-meta">{author}, <cite>{title}</cite>, ¶ {paragraph} · '
            '<span class="kind kind-{kind}">{kind}</span></span></span></sup>'
        ).format(
            n=self.markers_made,
            href=self.href(self.kb.claim_url(claim_id)),
            pid=preview_id,
            cid=claim_id,
            number=number,
            quote=escape_text(claim.quote),
            author=escape_text(source.author),
            title=escape_text(source.title),
            paragraph=verified.match.paragraph,
            kind=escape_text(claim.kind),
        )

    def claim(self, claim_id: str) -> Markup:
        statement = escape_text(self.kb.claims[claim_id].claim.statement)
        return Markup("{}{}").format(statement, self.marker(claim_id))

    def cited(self) -> list[tuple[int, VerifiedClaim]]:
        return [(n, self.kb.claims[c]) for c, n in self.numbers.items()]

    # -- prose ---------------------------------------------------------------------------------
    def expand(self, text: str) -> Markup:
        """Prose (or hand-written Markdown) with its macro calls replaced by markup."""
        out: list[str] = []
        for segment in parse_prose(text, [], _NOWHERE):  # validated already
            if isinstance(segment, MacroCall):
                out.append(self._call(segment))
            elif self.escape_literal_text:
                out.append(escape_text(segment))
            else:
                out.append(segment)
        return Markup("".join(out))

    def _call(self, call: MacroCall) -> str:
        if call.name == "claim":
            return self.claim(call.args[0])
        if call.name == "cite":
            return "".join(self.marker(i) for i in call.args)
        return self.link(call.kind, call.args[0], call.args[1] if len(call.args) > 1 else None)

    def plain(self, text: str) -> str:
        """Prose as plain text (statements and link texts, no markers), for meta descriptions."""
        out: list[str] = []
        for segment in parse_prose(text, [], _NOWHERE):
            if isinstance(segment, str):
                out.append(segment)
            elif segment.name == "claim":
                out.append(self.kb.claims[segment.args[0]].claim.statement)
            elif segment.name != "cite":
                out.append(
                    segment.args[1]
                    if len(segment.args) > 1
                    else self.name_of(segment.kind, segment.args[0])
                )
        return " ".join("".join(out).split())

    def prose(self, text: str, css_class: str = "") -> Markup:
        """Prose as HTML paragraphs (blank lines separate paragraphs)."""
        attr = Markup(' class="{}"').format(css_class) if css_class else Markup("")
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        return Markup("\n").join(
            Markup("<p{}>{}</p>").format(attr, self.expand(p)) for p in paragraphs
        )


_NOWHERE = Position("<rendered>")
_ID_RE = re.compile(ID_PATTERN)


def _raw_id(value: str) -> Markup:
    """An id for Markdown attribute lists, where character references are not decoded."""
    if not _ID_RE.match(value):
        raise ValueError(f"not an id: {value!r}")  # validation guarantees this never happens
    return Markup(value)


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=lambda v: v if isinstance(v, Markup) else escape_text(v),
    )
    env.filters["date"] = format_date
    env.filters["id"] = _raw_id
    # Addresses were validated as http(s) URLs without spaces or quotes: HTML-escaping suffices.
    env.filters["url"] = lambda v: Markup(html.escape(str(v)))
    # Front matter values: JSON strings are valid YAML; MkDocs themes print them unescaped.
    env.filters["json"] = lambda v: Markup(json.dumps(html.escape(str(v)), ensure_ascii=False))
    return env


_ENV = _environment()


def _render(template: str, ctx: PageContext, **values: Any) -> str:
    return _ENV.get_template(template).render(kb=ctx.kb, page=ctx, **values)


def render_site(kb: KnowledgeBase) -> list[GeneratedPage]:
    """Every generated page of the site."""
    pages: list[GeneratedPage] = []

    def add(src_uri: str, template: str, edit_file: str, **values: Any) -> None:
        ctx = PageContext(kb, page_url(src_uri))
        pages.append(GeneratedPage(src_uri, _render(template, ctx, **values), edit_file))

    add("topics/index.md", "topics.md.j2", "data/topics/")
    for topic in kb.topics.values():
        add(f"topics/{topic.id}.md", "topic.md.j2", topic.file, topic=topic)
    add("actors/index.md", "actors.md.j2", "data/actors/")
    for actor in kb.actors.values():
        add(f"actors/{actor.id}.md", "actor.md.j2", actor.file, actor=actor)
    add("timeline.md", "timeline.md.j2", "data/events.yaml")
    if kb.claims_split_by_source:
        add("claims.md", "claims-overview.md.j2", "data/claims/")
        for source in kb.sources.values():
            add(f"claims/{source.id}.md", "claims.md.j2", "data/claims/", sources=[source])
    else:
        add("claims.md", "claims.md.j2", "data/claims/", sources=list(kb.sources.values()))
    add("sources/index.md", "sources.md.j2", "data/sources/")
    for source in kb.sources.values():
        coverage = source_coverage(source, kb.claims_of_source(source.id))
        add(
            f"sources/{source.id}.md", "source.md.j2", source.file, source=source, coverage=coverage
        )
    add("glossary.md", "glossary.md.j2", "data/glossary.yaml")
    add("connections.md", "connections.md.j2", "data/topics/")
    return pages


def render_problems(problems: list[Problem]) -> str:
    """A notice listing data problems, shown on every page of a live preview with bad data."""
    items = "".join(f"<li><code>{escape_text(p)}</code></li>" for p in problems)
    return (
        '<div class="build-problems" role="alert"><p><strong>The data has '
        f"{len(problems)} problem(s); this preview shows the last good data until they are "
        f"fixed.</strong></p><ul>{items}</ul></div>\n\n"
    )


def render_hand_written(kb: KnowledgeBase, src_uri: str, markdown: str) -> str:
    """A docs/ page's Markdown with its macros expanded and its sources listed at the end."""
    ctx = PageContext(kb, page_url(src_uri), escape_literal_text=False)
    body = ctx.expand(markdown)
    return str(body) + _render("sources-on-page.md.j2", ctx)
