"""The generator builds a second, unrelated site: it is not welded to one article."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.sitebuild import REPO, BuildResult, broken_links, mkdocs_build

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


def test_every_fixture_source_was_written_for_the_fixture() -> None:
    # Test fixtures quote texts written for them, never copies of others' writing.
    for meta in (FIXTURE / "data" / "sources").glob("*.yaml"):
        text = meta.read_text(encoding="utf-8")
        assert "publisher: Test fixtures" in text and "(test fixture)" in text, meta


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


def test_every_topic_opens_with_the_argument_in_brief(built: BuildResult) -> None:
    for path in (built.site / "topics").glob("*/index.html"):
        page = path.read_text(encoding="utf-8")
        assert 'id="_argument-in-brief"' in page, path
        assert 'class="lead argument-in-brief"' in page, path


def test_the_linked_topic_reads_as_one_argument_with_its_map(built: BuildResult) -> None:
    page = (built.site / "topics" / "the-harbour" / "index.html").read_text(encoding="utf-8")
    brief = page.split('class="lead argument-in-brief">', 1)[1].split("</div>", 1)[0]
    brief = re.sub(r'<span class="cite-preview".*?</span></sup>', "</sup>", brief, flags=re.S)
    brief = re.sub(r"<sup[^>]*>.*?\[(\d+)\].*?</sup>", r"[\1]", brief, flags=re.S)
    assert " ".join(html.unescape(re.sub(r"<[^>]+>", "", brief)).split()) == (
        "The harbour at Lindholm stays open all winter[1], because[2] a warm current keeps the "
        "harbour's water free of ice[3]; even so[4], the ferry company shortens its timetable "
        "every January[5]."
    )
    assert 'id="_argument-map"' in page
    assert '<div class="argument-map"' in page


def test_the_whole_argument_page_maps_every_linked_claim(built: BuildResult) -> None:
    page = (built.site / "argument" / "index.html").read_text(encoding="utf-8")
    for claim_id in (
        "harbour-open-all-winter",
        "warm-current-keeps-ice-away",
        "ferry-shortens-timetable",
    ):
        assert f'href="../claims/#{claim_id}"' in page
    assert 'href="argument/"' in (built.site / "index.html").read_text(encoding="utf-8")


def test_a_claim_with_quotes_from_two_sources_shows_both(built: BuildResult) -> None:
    index = (built.site / "claims" / "index.html").read_text(encoding="utf-8")
    entry = index.split('data-claim="harbour-open-all-winter"', 1)[1].split("</article>", 1)[0]
    entry = html.unescape(entry)
    assert entry.count('class="claim-quote') == 2
    assert "The Lindholm Harbour Report (test fixture)" in entry
    assert "The Lindholm Harbour Master" in entry
    assert 'id="_link-harbour-open-all-winter--because--warm-current-keeps-ice-away"' in entry


def test_maps_and_link_lists_stay_out_of_the_search_index(built: BuildResult) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    topic = [d for d in index["docs"] if d["location"].startswith("topics/the-harbour/")]
    text = " ".join(d["text"] for d in topic)
    assert "Conclusion" not in text  # the map's labels, and its repeated statements
    assert "The argument in brief" in " ".join(d["title"] for d in topic)


def test_every_internal_link_and_anchor_of_the_fixture_resolves(built: BuildResult) -> None:
    broken = broken_links(built.site)
    assert not broken, "\n".join(broken[:20])
