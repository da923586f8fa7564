"""annotations.jsonld: every quote of the site as a W3C Web Annotation.

One AnnotationCollection with its single AnnotationPage embedded (Web Annotation Data Model §5).
Each annotation's target is the archived source (its original address, else the site's page about
it) with a TextQuoteSelector and a TextPositionSelector: both select the passage in the archived
text, whose code-point offsets the position selector gives, so a TimeState names the day the text
was archived (and, when the full text is republished here, the copy). The body is the site's own
text about the passage: the claim's statement, or the link between two claims.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from macros.core.model import Source
from macros.core.quotes import QuoteMatch
from macros.core.reproduction import shown_context
from macros.pages.anchors import PREFIX
from macros.pages.json_text import pretty_json

if TYPE_CHECKING:  # the plan lists this export (exports.DOWNLOADS), so it imports this module
    from macros.pages.plan import SitePlan

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PATH = "annotations.jsonld"


@dataclass(frozen=True)
class Quoted:
    """One quote the site relies on, and what the site says about it."""

    ident: str  # fragment id of its annotation, unique in the file
    source: Source
    match: QuoteMatch
    body: str  # the site's text about the passage
    site_page: str  # site-relative URL where the site shows it


def quotes_of(plan: SitePlan) -> Iterator[Quoted]:
    """Every quote of every claim (its own, then its further quotes), then every link's quote, in
    the claims index's order."""
    kb, routes = plan.kb, plan.routes
    for verified in kb.claims.values():
        claim = verified.claim
        for at, found in enumerate(verified.quotes):
            yield Quoted(
                f"claim-{claim.id}" + (f"-quote-{at + 1}" if at else ""),
                kb.sources[found.source],
                found.match,
                str(claim.statement),
                routes.claim_url(claim.id),
            )
    for link in kb.argument.links:
        holder, target = kb.claims[link.holder].claim, kb.claims[link.target].claim
        anchor = routes.link_anchor(link.holder, link.relation.name, link.target)
        yield Quoted(
            f"link-{anchor.removeprefix(PREFIX + 'link-')}",
            kb.sources[link.found.source],
            link.found.match,
            f"“{holder.statement}” {link.relation.label} “{target.statement}”",
            routes.link_url(link.holder, link.relation.name, link.target),
        )


def annotation_collection(plan: SitePlan) -> dict[str, Any]:
    """The collection as a JSON-ready object. Without the site's public address, ids and links
    to the site are relative IRIs, which JSON-LD resolves against where the file is published."""
    base = plan.site.absolute("")
    items = [_annotation(quoted, base) for quoted in quotes_of(plan)]
    collection = f"{base}{PATH}"
    return {
        "@context": CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": "Every passage the site quotes, claims’ and links’ quotes alike, in its archived "
        "source",
        "total": len(items),
        "first": {
            "id": f"{collection}#page-1",
            "type": "AnnotationPage",
            "partOf": collection,
            "startIndex": 0,
            "items": items,
        },
    }


def annotations_jsonld(plan: SitePlan) -> str:
    document = annotation_collection(plan)
    return pretty_json(document) + "\n"


def _annotation(quoted: Quoted, base: str) -> dict[str, Any]:
    source, match = quoted.source, quoted.match
    site_source_page = f"{base}sources/{source.id}/"
    state: dict[str, Any] = {"type": "TimeState"}
    if len(source.retrieved) == 10:  # a full date: the text as it was that day
        state["sourceDateStart"] = f"{source.retrieved}T00:00:00Z"
        state["sourceDateEnd"] = f"{source.retrieved}T23:59:59Z"
    if source.republish:
        state["cached"] = site_source_page
    # Context only where the source may be republished (core/reproduction.py); the selector's
    # prefix and suffix are optional, and an empty one would claim the quote starts the text.
    prefix, suffix = shown_context(source, match)
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": match.exact}
    quote.update({k: v for k, v in (("prefix", prefix), ("suffix", suffix)) if v})
    target: dict[str, Any] = {
        "source": str(source.url) or site_source_page,
        "selector": [
            quote,
            {"type": "TextPositionSelector", "start": match.start, "end": match.end},
        ],
    }
    if len(state) > 1:
        target["state"] = state
    return {
        "id": f"{base}{PATH}#{quoted.ident}",
        "type": "Annotation",
        "motivation": "describing",
        "body": {
            "id": f"{base}{quoted.site_page}",
            "type": "TextualBody",
            "value": quoted.body,
            "format": "text/plain",
            "purpose": "describing",
        },
        "target": target,
    }
