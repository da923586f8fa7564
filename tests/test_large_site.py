"""A site past one page of claims: the claims index splits by source and every link still resolves."""

from __future__ import annotations

import dataclasses
import json

import pytest

from macros.core.settings import SETTINGS
from macros.engines.generate import generate as generate_project
from macros.pages import routes
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


@pytest.fixture(scope="module")
def split_lists(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The ×2 corpus with every list past a page's worth (a few entries a page), as `generate`
    writes it, built by plain MkDocs."""
    root = tmp_path_factory.mktemp("lists") / "x2"
    generate(root, 2)
    small = dataclasses.replace(
        SETTINGS,
        events_per_page=7,
        terms_per_page=6,
        connections_per_page=5,
        list_entries_per_page=9,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(routes, "SETTINGS", small)
        generate_project(root, root / "generated")
    result = mkdocs_build(root / "generated", root / "site")
    assert result.returncode == 0, result.output
    return result


def test_long_lists_go_on_over_numbered_pages_that_link_to_each_other(
    split_lists: BuildResult,
) -> None:
    site = split_lists.site
    records = json.loads((site / "claims.json").read_text(encoding="utf-8"))
    assert records
    for folder, count in (("timeline", 3), ("glossary", 4), ("connections", 5), ("topics", 3)):
        first = (site / folder / "index.html").read_text(encoding="utf-8")
        assert 'class="list-pages"' in first, folder
        last = site / folder / f"_page-{count}" / "index.html"
        assert last.is_file(), folder
        assert 'href="../"' in last.read_text(encoding="utf-8")  # back to the first page
    events = [p for p in site.glob("timeline/**/index.html")]
    shown = "".join(p.read_text(encoding="utf-8") for p in events)
    assert shown.count('class="timeline-event') == 20  # every event, once
    assert not (site / "actors" / "_page-9").exists()


def test_every_link_to_an_entry_of_a_split_list_resolves(split_lists: BuildResult) -> None:
    broken = broken_links(split_lists.site)
    assert not broken, "\n".join(broken[:20])
