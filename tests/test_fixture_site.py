"""The generator builds a second, unrelated site: it is not welded to one article."""

from __future__ import annotations

import json

import pytest

from tests.sitebuild import REPO, BuildResult, mkdocs_build

pytestmark = pytest.mark.build

FIXTURE = REPO / "tests" / "fixtures" / "mini-site"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = mkdocs_build(FIXTURE, tmp_path_factory.mktemp("mini") / "site")
    assert result.returncode == 0, result.output
    return result


def test_fixture_site_builds_strictly_with_its_own_pages(built: BuildResult) -> None:
    assert "WARNING" not in built.output
    topics = sorted(p.stem for p in (FIXTURE / "data" / "topics").glob("*.yaml"))
    for topic in topics:
        assert (built.site / "topics" / topic / "index.html").is_file()
    assert "Double Ally" not in (built.site / "claims" / "index.html").read_text("utf-8")


def test_source_with_an_address_gets_text_fragment_links(built: BuildResult) -> None:
    records = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    with_url = [r for r in records if r["source"]["url"]]
    without = [r for r in records if not r["source"]["url"]]
    assert with_url and without
    for record in with_url:
        assert record["fragment_url"].startswith(record["source"]["url"] + "#:~:text=")
    assert all(r["fragment_url"] is None for r in without)
    html = (built.site / "claims" / "index.html").read_text(encoding="utf-8")
    assert 'rel="noopener"' in html
    assert "#:~:text=" in html


def test_republishable_source_shows_full_text_and_other_shows_excerpts_only(
    built: BuildResult,
) -> None:
    sources = {p.stem: p for p in (FIXTURE / "data" / "sources").glob("*.yaml")}
    for ident in sources:
        html = (built.site / "sources" / ident / "index.html").read_text(encoding="utf-8")
        text = (FIXTURE / "data" / "sources" / f"{ident}.txt").read_text(encoding="utf-8")
        first_paragraph = " ".join(text.split("\n\n")[0].split())
        republish = "republish: true" in sources[ident].read_text(encoding="utf-8")
        assert ('class="full-text"' in html) == republish
        if not republish:
            assert "the rest of the text is not republished" in html
            assert first_paragraph[:60] not in html
