"""Machine-readable exports of every claim: claims.json and claims.csv.

In claims.json each claim lists every quote it rests on (`evidence`, the primary one first) and its
links both ways (`links`: its own, then other claims' to it, each marked by `direction`), each
quote with the same fields: where it sits (paragraph, position), and its context where the source
may be republished."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from macros.core.knowledge import KnowledgeBase
from macros.core.model import Source, VerifiedClaim
from macros.core.quotes import QuoteMatch, text_fragment_url
from macros.core.reproduction import shown_context
from macros.pages.annotations import PATH as ANNOTATIONS
from macros.pages.annotations import annotations_jsonld
from macros.pages.json_text import pretty_json

if TYPE_CHECKING:  # the plan lists the exports (DOWNLOADS), so it imports this module
    from macros.pages.plan import SitePlan

CSV_FIELDS = (
    "id",
    "statement",
    "kind",
    "quote",
    "source_id",
    "source_title",
    "source_author",
    "source_publisher",
    "source_published",
    "source_url",
    "paragraph",
    "start",
    "end",
    "prefix",
    "suffix",
    "date",
    "note",
    "topics",
    "actors",
    "cited_on",
    "fragment_url",
    "evidence_count",  # how many quotes the claim rests on (its `evidence` list in claims.json)
    "links_count",  # its links both ways (its `links` list in claims.json)
)


def claim_records(plan: SitePlan) -> list[dict[str, Any]]:
    """One JSON-ready object per claim, in the claims index's order; made once per build, for
    claims.json and claims.csv alike (neither changes them)."""
    fragments = plan.fragments
    if _RECORDS_KEY not in fragments:
        fragments[_RECORDS_KEY] = _claim_records(plan)
    records: list[dict[str, Any]] = fragments[_RECORDS_KEY]
    return records


_RECORDS_KEY = ("claim-records", "")


def _claim_records(plan: SitePlan) -> list[dict[str, Any]]:
    kb = plan.kb
    records: list[dict[str, Any]] = []
    for verified in kb.claims.values():
        claim, match = verified.claim, verified.match
        source = kb.sources[claim.source]
        prefix, suffix = shown_context(source, match)
        records.append(
            {
                "id": str(claim.id),
                "statement": str(claim.statement),
                "kind": str(claim.kind),
                "quote": str(claim.quote),
                "exact": match.exact,
                "source": _source_record(source),
                "paragraph": match.paragraph,
                "position": {"start": match.start, "end": match.end},
                "prefix": prefix,  # "" for a source that may not be republished
                "suffix": suffix,
                "date": str(claim.date) if claim.date else None,
                "note": str(claim.note) if claim.note else None,
                "topics": [str(t) for t in claim.topics],
                "actors": [str(a) for a in claim.actors],
                "cited_on": [page.url for page in plan.cited_on(claim.id)],
                "fragment_url": kb.fragment_url(verified),
                "roles": list(kb.argument.roles_of(claim.id)),
                "evidence": _quote_records(kb, verified),
                "links": _link_records(kb, claim.id),
            }
        )
    return records


def _source_record(source: Source) -> dict[str, Any]:
    return {
        "id": str(source.id),
        "title": str(source.title),
        "author": str(source.author),
        "publisher": str(source.publisher),
        "published": str(source.published),
        "url": str(source.url) or None,
    }


def _found_record(source: Source, match: QuoteMatch) -> dict[str, Any]:
    """Where a quote sits in its source: the same fields for every kind of quote."""
    prefix, suffix = shown_context(source, match)
    return {
        "exact": match.exact,
        "source": _source_record(source),
        "paragraph": match.paragraph,
        "position": {"start": match.start, "end": match.end},
        "prefix": prefix,  # "" for a source that may not be republished
        "suffix": suffix,
        "fragment_url": text_fragment_url(source.url, match.exact),
    }


def _quote_records(kb: KnowledgeBase, verified: VerifiedClaim) -> list[dict[str, Any]]:
    """Every quote the claim rests on: the primary one first, then its further quotes."""
    claim = verified.claim
    written = [claim.quote, *(further.quote for further in claim.evidence)]
    return [
        {
            "quote": str(quote),
            "primary": at == 0,
            **_found_record(kb.sources[found.source], found.match),
        }
        for at, (found, quote) in enumerate(zip(verified.quotes, written, strict=True))
    ]


def _link_records(kb: KnowledgeBase, claim_id: str) -> list[dict[str, Any]]:
    """The claim's links both ways: its own ("outgoing"), then other claims' to it ("incoming",
    under the relation's inverse)."""
    return [
        {
            "direction": "outgoing" if seen.outgoing else "incoming",
            "relation": seen.link.relation.name,  # as written on the claim holding the link
            "as_seen_here": seen.relation,  # "because" outgoing, "explains" incoming
            "label": seen.label,
            "claim": seen.other,
            "holder": seen.link.holder,
            "target": seen.link.target,
            "quote": str(seen.link.link.quote),
            "basis": seen.link.basis,
            **_found_record(kb.sources[seen.link.found.source], seen.link.found.match),
        }
        for seen in kb.argument.links_of(claim_id)
    ]


def claims_json_ld(
    kb: KnowledgeBase, claims: Iterable[VerifiedClaim] | None = None
) -> dict[str, Any]:
    """The claims (all, or those given) as schema.org `Claim` items, each in its CreativeWork."""
    works = {
        source.id: {
            "@type": "CreativeWork",
            "name": str(source.title),
            "author": {"@type": "Person", "name": str(source.author)},
            "publisher": {"@type": "Organization", "name": str(source.publisher)},
            "datePublished": str(source.published),
            **({"url": str(source.url)} if source.url else {}),
        }
        for source in kb.sources.values()
    }
    items = [
        {
            "@type": "Claim",
            "@id": f"#{verified.id}",
            "text": str(verified.claim.quote),
            "description": str(verified.claim.statement),
            "author": works[verified.claim.source]["author"],
            "appearance": works[verified.claim.source],
            "firstAppearance": works[verified.claim.source],
        }
        for verified in (kb.claims.values() if claims is None else claims)
    ]
    return {"@context": "https://schema.org", "@graph": items}


def claims_json(plan: SitePlan) -> str:
    return pretty_json(claim_records(plan)) + "\n"


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection): such cells
# get a leading apostrophe, which spreadsheets hide and treat as "this is text".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _spreadsheet_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def claims_csv(plan: SitePlan) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in claim_records(plan):
        source, position = record["source"], record["position"]
        row = {
            **record,
            **{f"source_{k}": v for k, v in source.items()},
            "start": position["start"],
            "end": position["end"],
            "topics": " ".join(record["topics"]),
            "actors": " ".join(record["actors"]),
            "cited_on": " ".join(record["cited_on"]),
            "evidence_count": len(record["evidence"]),
            "links_count": len(record["links"]),
        }
        writer.writerow(
            {k: "" if row[k] is None else _spreadsheet_safe(row[k]) for k in CSV_FIELDS}
        )
    return out.getvalue()


@dataclass(frozen=True)
class Download:
    """A data file published with the site, linked from the claims index and every footer."""

    path: str  # site-relative
    format: str  # what a reader is told it is
    render: Callable[[SitePlan], str]


DOWNLOADS = (
    Download("claims.json", "JSON", claims_json),
    Download("claims.csv", "CSV, for spreadsheets", claims_csv),
    Download(ANNOTATIONS, "W3C Web Annotations of every quote", annotations_jsonld),
)
