"""The strict build: it passes, builds every page it should, and every link in it resolves."""

from __future__ import annotations

import pytest

from .conftest import Built
from .site_checks import PROJECT, broken_links, built_page, data_ids, foreign_requests, nav_pages

pytestmark = pytest.mark.build


def test_the_site_builds_strictly_without_a_warning(built: Built) -> None:
    assert "WARNING" not in built.run.output, built.run.output
    assert (built.site / "index.html").is_file()


def test_every_page_of_the_navigation_is_built(built: Built) -> None:
    pages = nav_pages(PROJECT)
    assert "index.md" in pages and "claims.md" in pages
    missing = [page for page in pages if not built_page(built.site, page).is_file()]
    assert missing == []


@pytest.mark.parametrize("folder", ["sources", "topics", "actors"])
def test_every_source_topic_and_actor_has_its_page(built: Built, folder: str) -> None:
    ids = data_ids(PROJECT, folder)
    assert (built.site / folder / "index.html").is_file()
    missing = [i for i in ids if not (built.site / folder / i / "index.html").is_file()]
    assert missing == []


def test_every_internal_link_and_anchor_resolves(built: Built) -> None:
    broken = broken_links(built.site)
    assert broken == [], "\n".join(broken[:20])


def test_every_page_has_a_content_security_policy_and_loads_nothing_from_elsewhere(
    built: Built,
) -> None:
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, page
        assert foreign_requests(html) == [], page
