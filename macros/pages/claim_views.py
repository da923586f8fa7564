"""A claim's entry in the claims index: every quote it rests on, and its links both ways."""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.knowledge import KnowledgeBase
from macros.core.model import FoundQuote, Source, VerifiedClaim
from macros.core.quotes import QuoteMatch, text_fragment_url
from macros.core.reproduction import shows_context
from macros.pages.context import Context, match_context
from macros.pages.references import short_labels
from macros.pages.routes import Routes

BASIS_WORDS = {"assessment": "the author’s reasoning", "fact": "stated as fact by the source"}


@dataclass(frozen=True)
class QuoteView:
    """One passage a claim rests on, where it sits, and the words around it where they may be
    shown (core/reproduction.py)."""

    quote: str  # as the claim's data writes it
    source: Source
    label: str  # the source's short label: "Tertitskiy 2021"
    match: QuoteMatch
    primary: bool
    place_url: str  # the passage on its source's page
    fragment_url: str | None  # the original page scrolled to the passage, when it has an address
    context: Context | None


@dataclass(frozen=True)
class JointView:
    """One link of a claim, as this claim sees it."""

    anchor: str  # the row's id on the holder's entry; "" on the other claim's entry
    outgoing: bool
    label: str  # the relation from this claim: "because", "is a reason for"
    other: str  # the other claim's id
    quote: str
    source: Source
    match: QuoteMatch
    basis: str
    link_url: str  # the link's row on its holder's entry

    @property
    def basis_words(self) -> str:
        return BASIS_WORDS.get(self.basis, self.basis)


def quote_views(kb: KnowledgeBase, routes: Routes, verified: VerifiedClaim) -> list[QuoteView]:
    """The claim's quotes, the primary one first, then its further quotes as written."""
    claim = verified.claim
    written = [claim.quote, *(further.quote for further in claim.evidence)]
    views: list[QuoteView] = []
    for at, (found, quote) in enumerate(zip(verified.quotes, written, strict=True)):
        views.append(_quote_view(kb, routes, verified, found, str(quote), primary=at == 0))
    return views


def _quote_view(
    kb: KnowledgeBase,
    routes: Routes,
    verified: VerifiedClaim,
    found: FoundQuote,
    quote: str,
    primary: bool,
) -> QuoteView:
    source = kb.sources[found.source]
    place = (
        routes.excerpt_url(verified.id)
        if primary
        else routes.paragraph_url(found.source, found.match.paragraph)
    )
    return QuoteView(
        quote=quote,
        source=source,
        label=short_labels(kb)[found.source],
        match=found.match,
        primary=primary,
        place_url=place,
        fragment_url=text_fragment_url(source.url, found.match.exact),
        context=match_context(source, found.match) if shows_context(source) else None,
    )


def joint_views(kb: KnowledgeBase, routes: Routes, claim_id: str) -> list[JointView]:
    """The claim's own links, then those other claims make to it."""
    views: list[JointView] = []
    for seen in kb.argument.links_of(claim_id):
        link = seen.link
        anchor = routes.link_anchor(link.holder, link.relation.name, link.target)
        views.append(
            JointView(
                anchor=anchor if seen.outgoing else "",
                outgoing=seen.outgoing,
                label=seen.label,
                other=seen.other,
                quote=str(link.link.quote),
                source=kb.sources[link.found.source],
                match=link.found.match,
                basis=link.basis,
                link_url=routes.link_url(link.holder, link.relation.name, link.target),
            )
        )
    return views
