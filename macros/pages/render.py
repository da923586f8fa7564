"""Knowledge base → Markdown (with embedded HTML) for every generated page, via Jinja templates.

Data values reach pages only through `escape_text` (the environment's finalize step), so a
contributor's text can never become HTML, Markdown syntax or a template. Markup is made here, by
the macros and helpers, from ids that validation already restricted to kebab-case.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from markupsafe import Markup, escape

from macros.core.coverage import Coverage, Quoted, source_coverage
from macros.core.diagnostics import Position, Problem
from macros.core.knowledge import KnowledgeBase
from macros.core.model import Source, Topic, VerifiedClaim, VerifiedLink
from macros.core.prose import MacroCall, parse_prose
from macros.core.reproduction import Reproduction, shows_context, source_reproduction
from macros.core.schema import ID_PATTERN
from macros.pages import routes
from macros.pages.anchors import section_anchors, site_id
from macros.pages.argument_map import MapNode
from macros.pages.argument_views import PassageParts, map_of, passage_parts, proper_nouns
from macros.pages.claim_card import claim_card
from macros.pages.claim_views import JointView, QuoteView, joint_views, quote_views
from macros.pages.context import Context, quote_context
from macros.pages.dates import format_date
from macros.pages.escape import escape_preformatted, escape_text
from macros.pages.exports import DOWNLOADS, Download, claims_json_ld
from macros.pages.graph import Connections, connections, connections_svg
from macros.pages.passages import ClaimMark, Piece, link_passage, plain_passage
from macros.pages.plan import PlannedPage, SitePlan, markdown_title
from macros.pages.references import (
    claim_bibtex,
    claim_citation,
    full_reference,
    note_text,
    page_bibtex,
    page_citation,
    short_labels,
)
from macros.pages.routes import page_url, relative_url
from macros.pages.site_info import SiteInfo

TEMPLATES = Path(__file__).parent / "templates"
# Opens every marker: "][" and ".[" are line-break opportunities, so without it a cluster like
# [2][3] splits across two lines on a phone and a marker can start a line away from its words.
WORD_JOINER = "\u2060"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str  # where MkDocs sees it, relative to docs/
    content: str  # Markdown
    edit_file: str  # the data file a reader's "edit" button should open


@dataclass(frozen=True)
class Note:
    """One entry of "Sources on this page": what a marker's number stands for."""

    number: int
    text: str  # "Tertitskiy 2021, ¶ 2"
    target: str  # the site-relative URL the note opens: a claim's entry, a source's page
    source: str  # the id of the source it names
    back: tuple[int, ...]  # the markers (cite-ref-N) it links back to


@dataclass(frozen=True)
class _Cited:
    """What a note key stands for, remembered when its first marker is made."""

    text: str
    target: str
    source: str


@dataclass
class PageContext:
    """Rendering state for one page: where it is and the citations it has made so far, in order."""

    plan: SitePlan
    src_uri: str  # the page's Markdown under docs/
    escape_literal_text: bool = True  # False for hand-written Markdown pages
    # note key (a claim id, or "source:<id>") → its number, and what it stands for
    numbers: dict[str, int] = field(default_factory=dict)
    noted: dict[str, _Cited] = field(default_factory=dict)
    markers_made: int = 0
    # note number → (marker id, made inside a list of claims?) for each marker, in page order
    occurrences: dict[int, list[tuple[int, bool]]] = field(default_factory=dict)
    listing: bool = False
    _hrefs: dict[str, Markup] = field(default_factory=dict)  # target → this page's link to it

    @property
    def kb(self) -> KnowledgeBase:
        return self.plan.kb

    @property
    def url(self) -> str:
        """The page's site-relative URL."""
        return page_url(self.src_uri)

    @property
    def site(self) -> SiteInfo:
        return self.plan.site

    # -- links ---------------------------------------------------------------------------------
    def href(self, target: str) -> Markup:
        """A link to a site-relative URL, for an `href` (which the engine may rewrite)."""
        href = self._hrefs.get(target)
        if href is None:
            href = self._hrefs[target] = Markup(self.plan.routes.link(self.src_uri, target))
        return href

    def _shared(self, kind: str, ident: str, make: Callable[[], Any]) -> Any:
        """What every page shows alike for one claim (its URL, its note, its preview), made once
        per build and kept with the plan: a claim cited on a hundred pages is escaped once."""
        key = (kind, ident)
        fragments = self.plan.fragments
        if key not in fragments:
            fragments[key] = make()
        return fragments[key]

    def data_href(self, target: str) -> Markup:
        """The same link for a data attribute that our script resolves against the page's URL
        (no engine rewrites those)."""
        return Markup(relative_url(self.url, target))

    def link(self, kind: str, ident: str, text: str | None = None) -> Markup:
        """A link to an entity's page, showing its name (or `text`)."""
        label = text if text is not None else self.name_of(kind, ident)
        href = self.href(self.entity_url(kind, ident))
        return Markup(f'<a class="ref ref-{escape(kind)}" href="{href}">{escape_text(label)}</a>')

    def link_to(self, url: str, text: str) -> Markup:
        """A link to a site-relative URL with the given text."""
        return Markup(f'<a href="{self.href(url)}">{escape_text(text)}</a>')

    def entity_url(self, kind: str, ident: str) -> str:
        """The site-relative URL of an entity's page or anchor."""
        return self.plan.routes.url(kind, ident)

    def claim_url(self, claim_id: str) -> str:
        url: str = self._shared("claim-url", claim_id, lambda: self.plan.routes.claim_url(claim_id))
        return url

    def claims_page_url(self, source_id: str) -> str:
        """The claims index page listing a source's claims."""
        return page_url(self.plan.routes.claims_page(source_id))

    def paragraph_url(self, source_id: str, paragraph: int) -> str:
        return self.plan.routes.paragraph_url(source_id, paragraph)

    def excerpt_url(self, claim_id: str) -> str:
        return self.plan.routes.excerpt_url(claim_id)

    def excerpt_anchor(self, claim_id: str) -> Markup:
        return Markup(self.plan.routes.excerpt_anchor(claim_id))

    @staticmethod
    def paragraph_anchor(number: int) -> Markup:
        return Markup(routes.paragraph_anchor(number))

    @staticmethod
    def section_anchors(topic: Topic) -> tuple[str, ...]:
        """The anchor of each of a topic's sections, from its heading."""
        return section_anchors(s.heading for s in topic.sections)

    def claims_index_url(self) -> str:
        return page_url(routes.CLAIMS)

    def cited_on(self, claim_id: str) -> list[PlannedPage]:
        """The pages whose prose cites the claim."""
        return self.plan.cited_on(claim_id)

    def name_of(self, kind: str, ident: str) -> str:
        kb = self.kb
        if kind == "topic":
            return kb.topics[ident].title
        if kind == "actor":
            return kb.actors[ident].name
        if kind == "source":
            return kb.sources[ident].title
        if kind == "event":
            return kb.event(ident).title
        if kind == "term":
            return kb.terms[ident].term
        if kind == "claim":
            return kb.claims[ident].claim.statement
        raise KeyError(kind)

    def coverage(self, source: Source) -> Coverage:
        """Which sentences of the source the claims quote."""
        # Every claim's quotes by source, gathered once: asking quotes_in of every claim on each
        # source page was O(sources × claims), a third of rendering at ×1000 (issue 15).
        by_source: dict[str, list[Quoted]] = self._shared(
            "quotes-by-source", "", lambda: _quotes_by_source(self.kb)
        )
        return source_coverage(source, by_source.get(source.id, []))

    @staticmethod
    def claims_by_paragraph(claims: list[VerifiedClaim]) -> dict[int, list[VerifiedClaim]]:
        """A source's claims grouped by the paragraph their quote sits in, in the given order:
        picking each paragraph's claims from all of them was O(paragraphs × claims)."""
        grouped: dict[int, list[VerifiedClaim]] = {}
        for verified in claims:
            grouped.setdefault(verified.match.paragraph, []).append(verified)
        return grouped

    def reproduced(self, source: Source) -> Reproduction:
        """How much of the source the site's pages and exports show."""
        return source_reproduction(self.kb, source)

    @staticmethod
    def page_url(src_uri: str) -> str:
        """The site-relative URL of a page (one of a list's pages, `Routes.parts`)."""
        return page_url(src_uri)

    @staticmethod
    def actor_groups() -> tuple[tuple[str, str], ...]:
        """The actor list's groups: each kind of actor and its heading."""
        return routes.ACTOR_GROUPS

    # -- connections picture -------------------------------------------------------------------
    def connections(self, topics: list[Topic]) -> Connections:
        """The picture of these topics (one page's worth) and their actors."""
        return connections(self.kb, topics)

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

        The whole marker is left out of the search index: the claims index holds each statement
        and quote once. Material's indexer compares elements by tag name only, so an excluded
        element must not contain another element of its own tag (here: no <sup> inside).
        """
        verified = self.kb.claims[claim_id]
        note: str = self._shared("claim-note", claim_id, lambda: note_text(self.kb, verified))
        url = self.claim_url(claim_id)
        number = self._note(claim_id, lambda: _Cited(note, url, verified.claim.source))
        href = self.href(url)
        preview: str = self._shared(
            "claim-preview",
            claim_id,
            lambda: _claim_preview(verified, note) + self._further_quotes(verified),
        )
        ref, shown = site_id(f"cite-ref-{self.markers_made}"), site_id(f"cite-{self.markers_made}")
        return Markup(
            f'<sup class="cite" id="{ref}" data-search-exclude="1">{WORD_JOINER}'
            f'<a class="cite-link" href="{href}" aria-describedby="{shown}" '
            f'data-claim="{escape(claim_id)}">[{number}]</a>'
            f'<span class="cite-preview" id="{shown}">{preview}'
            f'<a class="cite-open" href="{href}" tabindex="-1">Open claim</a></span></sup>'
        )

    def _further_quotes(self, verified: VerifiedClaim) -> str:
        """A claim's further quotes in its preview, each with where it sits: every view of a
        claim's quotes shows all of them."""
        labels = short_labels(self.kb)
        return "".join(
            f'<span class="cite-quote cite-further">“{escape_text(str(further.quote))}”</span> '
            f'<span class="cite-meta">Further quote: {escape_text(labels[found.source])}, '
            f"¶ {found.match.paragraph}</span> "
            for further, found in zip(verified.claim.evidence, verified.evidence, strict=True)
        )

    def claim(self, claim_id: str) -> Markup:
        statement = escape_text(self.kb.claims[claim_id].claim.statement)
        return Markup(statement + self.marker(claim_id))

    def listed_claim(self, claim_id: str) -> Markup:
        """A claim in a list of claims: its marker is a second way in, not a citation in prose."""
        self.listing = True
        try:
            return self.claim(claim_id)
        finally:
            self.listing = False

    def source_marker(self, source_id: str) -> Markup:
        """A citation of a source's metadata, for a sentence saying who wrote or published it
        and when: the preview shows that metadata and the archived copy's checksum, and the
        marker opens the source's page."""
        source = self.kb.sources[source_id]
        label = short_labels(self.kb)[source_id]
        target = self.entity_url("source", source_id)
        number = self._note(
            f"source:{source_id}",
            lambda: _Cited(f"{label}, publication details", target, source_id),
        )
        href = self.href(target)
        ref, shown = site_id(f"cite-ref-{self.markers_made}"), site_id(f"cite-{self.markers_made}")
        return Markup(
            f'<sup class="cite cite-source" id="{ref}" data-search-exclude="1">{WORD_JOINER}'
            f'<a class="cite-link" href="{href}" aria-describedby="{shown}" '
            f'data-source="{escape(source_id)}">[{number}]</a>'
            f'<span class="cite-preview" id="{shown}">'
            f'<span class="cite-meta">{escape_text(source.author)}, '
            f"<cite>{escape_text(source.title)}</cite>, {escape_text(source.publisher)}, "
            f"{escape_text(format_date(source.published))}</span> "
            '<span class="cite-archive">Archived copy: sha256 '
            f"<code>{escape_text(source.sha256)}</code></span> "
            f'<a class="cite-open" href="{href}" tabindex="-1">Open source</a></span></sup>'
        )

    def link_marker(self, link: VerifiedLink) -> Markup:
        """A link's own citation, placed on its connective word: the preview shows the quote
        that states the link, the relation and whether the source states it as fact."""
        relation = link.relation
        match = link.found.match
        label = short_labels(self.kb)[link.found.source]
        target = self.plan.routes.link_url(link.holder, relation.name, link.target)
        number = self._note(
            f"link:{link.holder}--{relation.name}--{link.target}",
            lambda: _Cited(
                f"{label}, ¶ {match.paragraph}, link: {relation.label}", target, link.found.source
            ),
        )
        href = self.href(target)
        ref, shown = site_id(f"cite-ref-{self.markers_made}"), site_id(f"cite-{self.markers_made}")
        basis = escape_text(link.basis)
        return Markup(
            f'<sup class="cite cite-joint" id="{ref}" data-search-exclude="1">'
            f'<a class="cite-link" href="{href}" aria-describedby="{shown}">[{number}]</a>'
            f'<span class="cite-preview" id="{shown}">'
            f'<span class="cite-quote">“{escape_text(link.link.quote)}”</span> '
            f'<span class="cite-meta">{escape_text(f"{label}, ¶ {match.paragraph}")} · link: '
            f"{escape_text(relation.label)} · "
            f'<span class="kind kind-{basis}">{basis}</span></span> '
            f'<a class="cite-open" href="{href}" tabindex="-1">Open link</a></span></sup>'
        )

    def passage(self, anchor: str, others: tuple[str, ...]) -> Markup:
        """A link() call: the anchor and the claims linked to it, joined by their connectives,
        each connective carrying its link's marker and each claim its own."""
        pieces, parts = self._passage(anchor, others)
        out: list[Markup] = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(escape_text(piece))
            elif isinstance(piece, ClaimMark):
                out.append(self.marker(piece.claim))
            else:
                out.append(escape_text(piece.text) + self.link_marker(parts.links[piece.link]))
        return Markup("").join(out)

    def _passage(self, anchor: str, others: tuple[str, ...]) -> tuple[list[Piece], PassageParts]:
        parts = passage_parts(self.kb, anchor, others)
        statement = self.kb.claims[anchor].claim.statement
        return link_passage(anchor, statement, parts.joints, proper_nouns(self.kb)), parts

    # -- argument maps --------------------------------------------------------------------------
    def argument_map(self, topic_id: str | None = None) -> list[MapNode]:
        """The argument map of a topic (its conclusions and what supports them), or of all."""
        return map_of(self.kb, topic_id)

    def map_html(self, nodes: list[MapNode]) -> Markup:
        """A map as nested lists, one line of HTML each (a blank line would end Markdown's HTML
        block): each claim with what it is to the claim above, its kind and its statement.

        Left out of the search index (the claims index holds each statement once) by a <div>:
        Material's indexer tells excluded elements apart by tag name only, so the excluded
        element must not contain one of its own tag, as nested lists would.
        """
        items = "\n".join(self._map_node(node) for node in nodes)
        return Markup(
            f'<div class="argument-map" data-search-exclude="1">\n<ul>\n{items}\n</ul>\n</div>'
        )

    def _map_node(self, node: MapNode) -> Markup:
        claim = self.kb.claims[node.claim].claim
        note = ""
        if node.repeated:
            note = "shown above with what is under it"
        elif node.truncated:
            note = "its entry in the claims index lists what is under it"
        children = (
            "\n<ul>\n" + "\n".join(self._map_node(child) for child in node.children) + "\n</ul>"
            if node.children
            else ""
        )
        slug = node.role.replace(" ", "-")  # one of a few fixed words
        kind = escape_text(claim.kind)
        href = self.href(self.claim_url(node.claim))
        shown_note = f' <span class="map-note">({escape(note)})</span>' if note else ""
        return Markup(
            f'<li class="map-node map-{slug}"><span class="map-role">'
            f"{escape_text(node.role.capitalize())}"
            '<span class="visually-hidden">:</span></span> '
            f'<span class="kind kind-{kind}">{kind}</span> '
            f'<a href="{href}">{escape_text(claim.statement)}</a>{shown_note}{children}</li>'
        )

    def _note(self, key: str, cited: Callable[[], _Cited]) -> int:
        """The number of the note a new marker stands for (the same for the same key)."""
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        if key not in self.noted:
            self.noted[key] = cited()
        self.markers_made += 1
        self.occurrences.setdefault(number, []).append((self.markers_made, self.listing))
        return number

    def cited(self) -> list[Note]:
        """The page's notes in marker order, each linking back to where the text cites it."""
        notes = []
        for key, number in self.numbers.items():
            made = self.occurrences[number]
            in_prose = [n for n, listed in made if not listed]
            cited = self.noted[key]
            notes.append(
                Note(
                    number, cited.text, cited.target, cited.source, tuple(in_prose or [made[0][0]])
                )
            )
        return notes

    def note_items(self, notes: list[Note]) -> Markup:
        """The items of "Sources on this page", one line each: the note's number, links back to
        where the text cites it (one, or a, b, c… for several) and the note, linking where it
        leads."""
        lines: list[str] = []
        for note in notes:
            if len(note.back) == 1:
                back = (
                    f'<a class="note-back" href="#{site_id(f"cite-ref-{note.back[0]}")}">↑'
                    '<span class="visually-hidden"> back to the text</span></a>'
                )
            else:
                back = "↑" + "".join(
                    f' <a class="note-back" href="#{site_id(f"cite-ref-{ref}")}">'
                    f"{_LETTERS[i] if i < len(_LETTERS) else i + 1}"
                    f'<span class="visually-hidden">: back to the text, place {i + 1} of '
                    f"{len(note.back)}</span></a>"
                    for i, ref in enumerate(note.back)
                )
            lines.append(
                f'<li value="{note.number}" id="{site_id(f"source-note-{note.number}")}">{back} '
                f'<a href="{self.href(note.target)}">{escape_text(note.text)}</a></li>\n'
            )
        return Markup("".join(lines))

    def cited_sources(self) -> list[tuple[str, Source]]:
        """The sources the page's notes name, each with its short label, for the references."""
        labels = short_labels(self.kb)
        ids = dict.fromkeys(cited.source for cited in self.noted.values())
        return [(labels[i], self.kb.sources[i]) for i in ids]

    def full_reference(self, source: Source) -> str:
        return full_reference(source)

    # -- claims index --------------------------------------------------------------------------
    def downloads(self) -> tuple[Download, ...]:
        return DOWNLOADS

    def index_order(self, source: Source) -> list[VerifiedClaim]:
        """A source's claims as the claims index lists them: in text order, or, for a source that
        may not be republished, by statement, so that its quotes never read as the text itself."""
        claims = self.kb.claims_of_source(source.id)
        if shows_context(source):
            return claims
        return sorted(claims, key=lambda v: (str(v.claim.statement).casefold(), v.id))

    def claim_card(self, verified: VerifiedClaim) -> Markup:
        """The claim's entry on the claims index."""
        return claim_card(self, verified)

    def context_of(self, verified: VerifiedClaim) -> Context | None:
        """The quote in its paragraph, with whole words on either side (never half a word); None
        for a source that may not be republished (core/reproduction.py)."""
        source = self.kb.sources[verified.claim.source]
        return quote_context(source, verified) if shows_context(source) else None

    def quotes_of(self, verified: VerifiedClaim) -> list[QuoteView]:
        """Every quote the claim rests on, the primary one first."""
        return quote_views(self.kb, self.plan.routes, verified)

    def joints_of(self, claim_id: str) -> list[JointView]:
        """The claim's links both ways: its own, then those of other claims to it."""
        return joint_views(self.kb, self.plan.routes, claim_id)

    def roles_of(self, claim_id: str) -> tuple[str, ...]:
        """What the claim is in the argument: conclusion, reason, evidence, example."""
        return self.kb.argument.roles_of(claim_id)

    def role_counts(self, claims: list[VerifiedClaim]) -> dict[str, int]:
        """How many of these claims have each role (for the role filter's menu)."""
        counts: dict[str, int] = {}
        for verified in claims:
            for role in self.kb.argument.roles_of(verified.id):
                counts[role] = counts.get(role, 0) + 1
        return counts

    def cite_this_claim(self, verified: VerifiedClaim) -> Markup:
        """How to cite a claim and, when the repository is known, its "This claim is wrong" form;
        shown inside the claim's fold, whose script adds the copy buttons."""
        path = self.claim_url(verified.id)
        url = self._cite_url(path)
        report = self.site.issue_form(verified.id)
        citation = self._citation(
            claim_citation(self.kb, self.site, verified, url),
            claim_bibtex(self.kb, self.site, verified, url),
            path,
        )
        action = (
            f'<a class="claim-report" href="{escape(report)}">This claim is wrong?</a>'
            if report
            else ""
        )
        return Markup(
            f'<p class="cite-label">Cite this claim:</p>{citation}'
            f'<p class="claim-actions">{action}</p>'
        )

    def cite_this_page(self, title: str) -> Markup:
        url = self._cite_url(self.url)
        citation = self._citation(
            page_citation(self.site, title, url),
            page_bibtex(self.site, title, self.url, url),
            self.url,
        )
        return Markup(
            '\n<div class="page-cite" data-search-exclude="1"><details class="cite-this" '
            f'data-href="{self.data_href(self.url)}"><summary>Cite this page</summary>{citation}'
            "</details></div>\n"
        )

    def _cite_url(self, site_path: str) -> str:
        return self.site.absolute(site_path) if self.site.url else _URL_TOKEN

    def _citation(self, plain: str, bibtex: str, site_path: str) -> Markup:
        """Plain text and BibTeX. Without the site's public address the address is the page's
        path from the site root; the script shows it as the reader's browser sees it."""
        shown = f'<span class="cite-url">/{escape_text(site_path)}</span>'
        plain_html = str(escape_text(plain)).replace(_URL_TOKEN, shown)
        bibtex_html = escape_preformatted(bibtex).replace(_URL_TOKEN, shown)
        return Markup(
            f'<p class="cite-plain">{plain_html}</p><pre class="cite-bibtex">{bibtex_html}</pre>'
        )

    # -- prose ---------------------------------------------------------------------------------
    def expand(self, text: str) -> Markup:
        """Prose (or hand-written Markdown) with its macro calls replaced by markup."""
        out: list[str] = []
        for segment in parse_prose(text, [], _NOWHERE):  # validated already
            out.append(
                self._call(segment) if isinstance(segment, MacroCall) else self._literal(segment)
            )
        return Markup("".join(out))

    def _call(self, call: MacroCall) -> str:
        if call.name == "claim":
            return self.claim(call.args[0])
        if call.name == "cite":
            return "".join(self.marker(i) for i in call.args)
        if call.name == "cite_source":
            return self.source_marker(call.args[0])
        if call.name == "link":
            return self.passage(call.args[0], call.args[1:])
        return self.link(call.kind, call.args[0], call.args[1] if len(call.args) > 1 else None)

    def plain(self, text: str) -> str:
        """Prose as plain text (statements and link texts, no markers), for meta descriptions."""
        out: list[str] = []
        for segment in parse_prose(text, [], _NOWHERE):
            if isinstance(segment, str):
                out.append(segment)
            elif segment.name == "claim":
                out.append(self.kb.claims[segment.args[0]].claim.statement)
            elif segment.name == "link":
                args = segment.args
                out.append(plain_passage(self._passage(args[0], args[1:])[0]))
            elif segment.name not in ("cite", "cite_source"):
                out.append(
                    segment.args[1]
                    if len(segment.args) > 1
                    else self.name_of(segment.kind, segment.args[0])
                )
        return " ".join("".join(out).split())

    def prose(self, text: str, css_class: str = "") -> Markup:
        """Prose as HTML paragraphs (blank lines separate paragraphs)."""
        attr = f' class="{escape(css_class)}"' if css_class else ""
        # The whole text is parsed (the checks parsed it already: the parse is cached), then
        # split at blank lines in its literal text; parsing each paragraph anew missed the cache.
        paragraphs: list[list[str]] = [[]]
        shown: list[bool] = [False]  # whether a paragraph has anything but whitespace
        for segment in parse_prose(text, [], _NOWHERE):
            if isinstance(segment, MacroCall):
                paragraphs[-1].append(self._call(segment))
                shown[-1] = True
                continue
            for index, piece in enumerate(segment.split("\n\n")):
                if index:
                    paragraphs.append([])
                    shown.append(False)
                paragraphs[-1].append(self._literal(piece))
                shown[-1] = shown[-1] or bool(piece.strip())
        return Markup(
            "\n".join(
                f"<p{attr}>{''.join(parts)}</p>"
                for parts, has_text in zip(paragraphs, shown, strict=True)
                if has_text
            )
        )

    def _literal(self, text: str) -> str:
        return escape_text(text) if self.escape_literal_text else text


_NOWHERE = Position("<rendered>")


def _quotes_by_source(kb: KnowledgeBase) -> dict[str, list[Quoted]]:
    """`coverage.quotes_in` for every source at once, each list in the same order."""
    by_source: dict[str, list[Quoted]] = {}
    for verified in kb.claims.values():
        for quote in verified.quotes:
            by_source.setdefault(quote.source, []).append((verified.id, quote.match))
    return by_source


def _claim_preview(verified: VerifiedClaim, note: str) -> str:
    """A claim marker's preview (its quote, note and kind) but its "Open claim" link, the same on
    every page."""
    kind = escape_text(verified.claim.kind)
    return (
        f'<span class="cite-quote">“{escape_text(verified.claim.quote)}”</span> '
        f'<span class="cite-meta">{escape_text(note)} · <span class="kind kind-{kind}">{kind}</span>'
        "</span> "
    )


_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # the links back from a note cited in several places
_URL_TOKEN = "\ue000url\ue000"  # where the page's address goes in a citation (private-use marks)


_ID_RE = re.compile(ID_PATTERN)


def _raw_id(value: str) -> Markup:
    """An id for Markdown attribute lists, where character references are not decoded."""
    if not _ID_RE.match(value):
        raise ValueError(f"not an id: {value!r}")  # validation guarantees this never happens
    return Markup(value)


_ANCHOR_RE = re.compile(r"^_?[a-z0-9]+(?:-{1,2}[a-z0-9]+)*$")


def _raw_anchor(value: str) -> Markup:
    """An anchor made of ids and relation names, joined by "--" (`Routes.link_anchor`)."""
    if not _ANCHOR_RE.match(value):
        raise ValueError(f"not an anchor: {value!r}")  # made from validated ids only
    return Markup(value)


def _escaped(value: object) -> Markup:
    """Every value a template prints: escaped, unless it is markup the generator made."""
    return value if isinstance(value, Markup) else escape_text(value)


class _PrintsFinalized(CodeGenerator):
    """Compiles `{{ value }}` to `_escaped(value)` alone. Autoescaping wraps it in markupsafe's
    `escape`, which, given the Markup `_escaped` always returns, only copied it: a tenth of the
    rendering time (profile, issue 15). What a page shows is the same, byte for byte."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src:
            self.write("(" + finalize.src)  # the closing parentheses are the parent's
        else:
            super()._output_child_pre(node, frame, finalize)


# Jinja's cache knows a template by its text only, but how it is compiled is set here too (the
# code generator, finalize, autoescape): a version of this file never loads another's compiled
# templates, which could print values unescaped.
_COMPILED_BY = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _environment() -> Environment:
    # Not sandboxed: Jinja renders only the templates in templates/, never a contributor's text
    # (prose is parsed by core/prose.py), so the sandbox guarded nothing and cost a quarter of the
    # rendering time in its attribute checks (profile, issue 15).
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        # Compiled templates kept between builds (Jinja's per-user folder in the temporary
        # directory, keyed by each template's text and this file's version): compiling them took
        # a quarter of the generator's time on the real site. A `serve` session keeps them in
        # memory anyway.
        bytecode_cache=FileSystemBytecodeCache(pattern=f"__claims_{_COMPILED_BY}_%s.cache"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_escaped,
    )
    env.code_generator_class = _PrintsFinalized
    env.filters["date"] = format_date
    env.filters["id"] = _raw_id
    env.filters["site_id"] = lambda name: Markup(site_id(str(name)))  # the site's own ids
    env.filters["anchor"] = _raw_anchor
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
    ctx = PageContext(plan, planned.src_uri)
    markdown = _render(planned.template, ctx, **planned.values)
    markdown += str(ctx.cite_this_page(planned.title))
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
    """A docs/ page's Markdown with its macros expanded and its sources listed at the end.

    Links written `[text](repo:path)` go to that path in the repository, or become plain text
    when the repository is not known.
    """
    ctx = PageContext(plan, src_uri, escape_literal_text=False)
    body = _REPO_LINK.sub(lambda m: _repo_link(plan.site, m), str(ctx.expand(markdown)))
    title = markdown_title(markdown) or plan.site.name
    return body + _render("sources-on-page.md.j2", ctx) + str(ctx.cite_this_page(title))


_REPO_LINK = re.compile(r"\[([^\]\n]+)\]\(repo:([^()\s]*)\)")


def _repo_link(site: SiteInfo, link: re.Match[str]) -> str:
    text, path = link.groups()
    if not site.repository:
        return text
    if path.startswith("issues/new") and not site.issue_form():
        path = "issues"  # only GitHub's issue forms take these parameters
    return f"[{text}]({site.repository}/{path})" if path else f"[{text}]({site.repository})"


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
