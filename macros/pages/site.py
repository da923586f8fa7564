"""The contents of every planned file: what a build adds to the hand-written docs/."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from macros.pages.annotations import annotations_jsonld
from macros.pages.exports import claims_csv, claims_json
from macros.pages.json_schemas import schema_documents
from macros.pages.plan import SitePlan
from macros.pages.render import render_site


@dataclass(frozen=True)
class SiteFile:
    src_uri: str  # relative to docs/
    content: str
    edit_file: str


def site_files(plan: SitePlan) -> list[SiteFile]:
    """Every generated page, export and schema of the plan, rendered."""
    files = [SiteFile(p.src_uri, p.content, p.edit_file) for p in render_site(plan)]
    schemas = schema_documents()
    makers: dict[str, Callable[[], str]] = {
        "claims.json": lambda: claims_json(plan),
        "claims.csv": lambda: claims_csv(plan),
        "annotations.jsonld": lambda: annotations_jsonld(plan),
    }
    for planned in plan.files:
        make = makers.get(planned.src_uri)
        content = make() if make else schemas[planned.src_uri]
        files.append(SiteFile(planned.src_uri, content, planned.edit_file))
    return files
