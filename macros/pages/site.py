"""The contents of every planned file: what a build adds to the hand-written docs/."""

from __future__ import annotations

from dataclasses import dataclass

from macros.pages.exports import DOWNLOADS
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
    downloads = {download.path: download for download in DOWNLOADS}
    for planned in plan.files:
        download = downloads.get(planned.src_uri)
        content = download.render(plan) if download else schemas[planned.src_uri]
        files.append(SiteFile(planned.src_uri, content, planned.edit_file))
    return files
