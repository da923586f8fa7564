"""A site past one page of claims: the claims index splits by source and every link still resolves."""

from __future__ import annotations

import json

import pytest

from macros.core.settings import SETTINGS
from tests.bench.corpus import generate
from tests.sitebuild import BuildResult, broken_links, mkdocs_build

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("large") / "x2"
    stats = generate(root, 2)
    assert stats.claims > SETTINGS.claims_per_page
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.output
    return result


def test_claims_index_becomes_an_overview_with_one_page_per_source(built: BuildResult) -> None:
    overview = (built.site / "claims" / "index.html").read_text(encoding="utf-8")
    records = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    sources = sorted({r["source"]["id"] for r in records})
    assert len(sources) >= 2
    for source in sources:
        assert f'href="{source}/"' in overview
        page = (built.site / "claims" / source / "index.html").read_text(encoding="utf-8")
        mine = [r for r in records if r["source"]["id"] == source]
        assert all(f'id="{r["id"]}"' in page for r in mine)
        assert 'id="_claim-filters"' in page
    assert 'class="claim"' not in overview


def test_every_citation_and_link_in_the_split_site_resolves(built: BuildResult) -> None:
    broken = broken_links(built.site)
    assert not broken, "\n".join(broken[:20])


def test_no_page_of_the_split_site_is_heavier_than_500_kb(built: BuildResult) -> None:
    heavy = [
        f"{p.relative_to(built.site)}: {p.stat().st_size // 1024} KB"
        for p in built.site.rglob("*.html")
        if p.stat().st_size > 500 * 1024
    ]
    assert not heavy
