"""The pages a reader sees: every claim in the claims index with its quote, cited where it says."""

from __future__ import annotations

import html
import json

import pytest

from .conftest import Built
from .site_checks import PROJECT, claims

pytestmark = pytest.mark.build


def _folded(text: str) -> str:
    return " ".join(html.unescape(text).split())


def test_every_claim_is_in_the_claims_index_with_its_quote(built: Built) -> None:
    # Past a size the claims index is one page per source: read every page under claims/.
    index = _folded(" ".join(p.read_text("utf-8") for p in (built.site / "claims").rglob("*.html")))
    written = claims(PROJECT)
    assert written, "the site has no claims"
    for claim in written:
        assert f'data-claim="{claim["id"]}"' in index, claim["id"]
        assert _folded(claim["quote"]) in index, claim["id"]


def test_every_claim_is_cited_on_the_pages_it_lists_with_a_link_to_it(built: Built) -> None:
    records = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    for record in records:
        assert record["cited_on"], f"{record['id']} is cited on no page"
        for url in record["cited_on"]:
            page = built.site / url.lstrip("/") / "index.html"
            if url in ("", "/") or url.endswith(".html"):
                page = built.site / (url.lstrip("/") or "index.html")
            assert page.is_file(), (record["id"], url)
            assert f'#{record["id"]}"' in page.read_text(encoding="utf-8"), (record["id"], url)


def test_every_source_page_names_its_source(built: Built) -> None:
    records = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    for source in {r["source"]["id"]: r["source"] for r in records}.values():
        page = built.site / "sources" / source["id"] / "index.html"
        assert _folded(source["title"]) in _folded(page.read_text(encoding="utf-8"))
