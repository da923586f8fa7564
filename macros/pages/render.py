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

from macros.core.coverage import Coverage, source_coverage
from macros.core.diagnostics import Position, Problem
from macros.core.knowledge import KnowledgeBase
from macros.core.model import Source, VerifiedClaim
from macros.core.prose import MacroCall, parse_prose
from macros.core.schema import ID_PATTERN
from macros.pages import routes
from macros.pages.dates import format_date
from macros.pages.escape import escape_text
from macros.pages.exports import claims_json_ld
from macros.pages.graph import Connections, connections, connections_svg
from macros.pages.plan import PlannedPage, SitePlan
from macros.pages.routes import page_url, relative_url

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs sees it, relative to docs/
    content: str  # Markdown
    edit_file: str  # the data file a reader's "edit" button should open


@dataclass
class PageContext:
    """Rendering state for one page: its URL and the citations it has made so far, in order."""

    plan: SitePlan
    url: str
    escape_literal_text: bool = True  # False for hand-written Markdown pages
    numbers: dict[str, int] = field(default_factory=dict)
    markers_made: int = 0

    @property
    def kb(self) -> KnowledgeBase:
        return self.plan.kb

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
        return self.plan.routes.url(kind, ident)

    def claim_url(self, claim_id: str) -> str:
        return self.plan.routes.claim_url(claim_id)

    def claims_page_url(self, source_id: str) -> str:
        """The claims index page listing a source's claims."""
        return page_url(self.plan.routes.claims_page(source_id))

    def paragraph_url(self, source_id: str, paragraph: int) -> str:
        return self.plan.routes.paragraph_url(source_id, paragraph)

    def claims_index_url(self) -> str:
        return page_url(routes.CLAIMS)

    def cited_on(self, claim_id: str) -> list[PlannedPage]:
        """The pages whose prose cites the claim."""
        return self.plan.cited_on(claim_id)

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

    def coverage(self, source: Source) -> Coverage:
        """Which sentences of the source the claims quote."""
        return source_coverage(source, self.kb.claims_of_source(source.id))

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
            href=self.href(self.claim_url(claim_id)),
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


def render_page(plan: SitePlan, planned: PlannedPage) -> str:
    """A generated page's Markdown, its front matter naming the file its edit button opens."""
    if planned.template is None:
        raise ValueError(f"{planned.src_uri} is hand-written")
    markdown = _render(planned.template, PageContext(plan, planned.url), **planned.values)
    return with_front_matter(markdown, edit_file=planned.edit_file)


def render_site(plan: SitePlan) -> list[GeneratedPage]:
    """Every generated page of the site."""
    return [GeneratedPage(p.src_uri, render_page(plan, p), p.edit_file) for p in plan.generated]


def render_problems(problems: list[Problem]) -> str:
    """A notice listing data problems, shown on every page of a live preview with bad data."""
    items = "".join(f"<li><code>{escape_text(p)}</code></li>" for p in problems)
    return (
        '<div class="build-problems" role="alert"><p><strong>The data has '
        f"{len(problems)} problem(s); this preview shows the last good data until they are "
        f"fixed.</strong></p><ul>{items}</ul></div>\n\n"
    )


def render_hand_written(plan: SitePlan, src_uri: str, markdown: str) -> str:
    """A docs/ page's Markdown with its macros expanded and its sources listed at the end."""
    ctx = PageContext(plan, page_url(src_uri), escape_literal_text=False)
    body = ctx.expand(markdown)
    return str(body) + _render("sources-on-page.md.j2", ctx)


_FENCE = "---"


def with_front_matter(markdown: str, **meta: str) -> str:
    """Markdown with these keys added at the top of its YAML front matter (made if it has none).

    Values are written as JSON strings, which YAML reads as the same strings.
    """
    lines = "".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()
    )
    if markdown.startswith(_FENCE + "\n"):
        return f"{_FENCE}\n{lines}{markdown[len(_FENCE) + 1 :]}"
    return f"{_FENCE}\n{lines}{_FENCE}\n\n{markdown}"
