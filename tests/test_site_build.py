"""The real site as each engine builds it (`make site ENGINE=mkdocs|properdocs|zensical`, strict).

Every test here runs once per engine on that engine's build (the `engine_site` fixture); the last
ones compare the other engines' output with MkDocs', the primary build.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from macros.core.quotes import fold
from macros.engines.csp import theme_script_hashes
from tests.conftest import EngineSites
from tests.sitebuild import (
    REPO,
    REPO_URL,
    BuildResult,
    broken_links,
    page_links,
    search_entries,
)

pytestmark = pytest.mark.build


@pytest.fixture()
def built(engine_site: BuildResult) -> BuildResult:
    return engine_site


def _ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (REPO / "data" / folder).glob("*.yaml"))


def test_strict_build_prints_no_warning(built: BuildResult) -> None:
    assert "WARNING" not in built.output
    assert "Traceback" not in built.output


def test_every_documented_url_exists(built: BuildResult) -> None:
    expected = [
        "index.html",
        "topics/index.html",
        "actors/index.html",
        "timeline/index.html",
        "claims/index.html",
        "sources/index.html",
        "glossary/index.html",
        "about/index.html",
        "claims.json",
        "claims.csv",
        "annotations.jsonld",
        "argument/index.html",
        *(f"topics/{i}/index.html" for i in _ids("topics")),
        *(f"actors/{i}/index.html" for i in _ids("actors")),
        *(f"sources/{i}/index.html" for i in _ids("sources")),
    ]
    missing = [url for url in expected if not (built.site / url).is_file()]
    assert not missing


def test_generated_pages_are_not_written_into_docs(built: BuildResult) -> None:
    assert not (REPO / "docs" / "topics").exists()
    assert not (REPO / "docs" / "claims.md").exists()


def test_every_internal_link_and_anchor_resolves(built: BuildResult) -> None:
    broken = broken_links(built.site)
    assert not broken, "\n".join(broken[:20])


def test_no_page_loads_anything_from_another_origin(built: BuildResult) -> None:
    offenders: list[str] = []
    for path in built.site.rglob("*.html"):
        for tag, url in page_links(path.read_text(encoding="utf-8"))[0]:
            external = urlsplit(url).scheme in ("http", "https") or url.startswith("//")
            if external and tag in ("script", "link", "img", "iframe", "source"):
                offenders.append(f"{path.relative_to(built.site)}: <{tag}> {url}")
    assert not offenders, offenders
    bundle = "\n".join(p.read_text(encoding="utf-8") for p in built.site.rglob("*.html"))
    assert "fonts.googleapis.com" not in bundle
    assert "api.github.com" not in bundle


def test_every_claim_in_claims_json_quotes_its_source_verbatim(built: BuildResult) -> None:
    records = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    data_claims = [
        c for p in (REPO / "data" / "claims").glob("*.yaml") for c in yaml.safe_load(p.read_text())
    ]
    assert len(records) == len(data_claims) >= 20
    for record in records:
        text = (REPO / "data" / "sources" / f"{record['source']['id']}.txt").read_text("utf-8")
        blocks = [b for b in text.split("\n\n") if b.strip()]
        passage = text[record["position"]["start"] : record["position"]["end"]]
        assert fold(passage) == fold(record["quote"]), record["id"]
        assert fold(record["quote"]) in fold(blocks[record["paragraph"] - 1]), record["id"]
        assert record["cited_on"], f"{record['id']} is not cited on any page"


def test_every_topic_has_the_argument_in_brief_and_a_map_of_its_linked_claims(
    built: BuildResult,
) -> None:
    records = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    linked_topics = {t for r in records if r["links"] for t in r["topics"]}
    for topic in _ids("topics"):
        page = (built.site / "topics" / topic / "index.html").read_text(encoding="utf-8")
        assert 'id="_argument-in-brief"' in page, topic
        assert ('class="argument-map"' in page) == (topic in linked_topics), topic
    whole = (built.site / "argument" / "index.html").read_text(encoding="utf-8")
    for record in records:
        if record["links"]:
            assert f'href="../claims/#{record["id"]}"' in whole, record["id"]


def test_every_annotation_selects_its_passage_in_the_archived_text(built: BuildResult) -> None:
    document = json.loads((built.site / "annotations.jsonld").read_text(encoding="utf-8"))
    annotations = document["first"]["items"]
    assert document["total"] == len(annotations) >= 20
    texts = {
        p.stem: p.read_text(encoding="utf-8") for p in (REPO / "data" / "sources").glob("*.txt")
    }
    for annotation in annotations:
        quote, position = annotation["target"]["selector"]
        matching = [
            t for t in texts.values() if t[position["start"] : position["end"]] == quote["exact"]
        ]
        assert matching, annotation["id"]


def test_claims_index_lists_every_claim_with_quote_and_citing_pages(built: BuildResult) -> None:
    html = (built.site / "claims" / "index.html").read_text(encoding="utf-8")
    records = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    for record in records:
        assert f'id="{record["id"]}"' in html
    first = records[0]
    article = html[html.index(f'id="{first["id"]}"') :].split("</article>")[0]
    assert "paragraph " + str(first["paragraph"]) in article
    assert "Cited on:" in article
    assert "blockquote" in article


def test_citation_marker_links_to_the_claims_index_with_quote(built: BuildResult) -> None:
    topic = _ids("topics")[0]
    html = (built.site / "topics" / topic / "index.html").read_text(encoding="utf-8")
    assert 'href="../../claims/#' in html
    assert 'aria-describedby="_cite-1"' in html
    assert '<span class="cite-preview" id="_cite-1">' in html
    assert "Sources on this page" in html


# What only a citation, a note or a "Cite this" box says: none of it may reach the search index.
_CITATION_ONLY = (
    "¶",
    "Open claim",
    "Cite this page",
    "Cite this claim",
    "@misc",
    "Tertitskiy 2021",
    "· assessment",
    "· fact",
)


def test_search_index_holds_no_marker_preview_note_or_citation(built: BuildResult) -> None:
    """Material's indexer drops an excluded element's text only up to the first nested element
    of the same tag; this reads the index it really wrote."""
    docs = search_entries(built.site)
    leaks = [
        f"{doc['location']}: {needle}"
        for doc in docs
        for needle in _CITATION_ONLY
        if needle in doc["text"] or needle in doc["title"]
    ]
    assert not leaks, leaks
    markers = [doc["location"] for doc in docs if re.search(r"\[\d+\]", doc["text"])]
    assert not markers, markers
    filters = [doc["location"] for doc in docs if "All topics" in doc["text"]]
    assert not filters, filters  # the claims filter's menus are not text to find


def test_the_search_index_keeps_the_prose_and_the_claims(built: BuildResult) -> None:
    docs = search_entries(built.site)
    text = {doc["location"]: doc["text"] for doc in docs}
    records = json.loads((built.site / "claims.json").read_text(encoding="utf-8"))
    claims_page = " ".join(t for loc, t in text.items() if loc.startswith("claims/"))
    titles = " ".join(doc["title"] for doc in docs if doc["location"].startswith("claims/"))
    for record in records:  # each statement (a heading) and quote is findable once, on claims/
        assert fold(html.unescape(record["statement"]))[:40] in fold(html.unescape(titles))
        assert fold(record["quote"])[:40] in fold(html.unescape(claims_page))
    topic = _ids("topics")[0]
    assert any(loc.startswith(f"topics/{topic}/") and len(t) > 200 for loc, t in text.items())


def test_every_page_says_the_site_reflects_one_source_of_july_2021(built: BuildResult) -> None:
    for path in built.site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        assert "dated 15 July 2021" in html, path


def test_native_names_carry_their_language(built: BuildResult) -> None:
    html = (built.site / "actors" / "index.html").read_text(encoding="utf-8")
    assert 'lang="ru"' in html
    assert 'lang="ko"' in html


def test_edit_buttons_open_the_yaml_each_page_comes_from(built: BuildResult) -> None:
    def edit_links(page: str) -> list[str]:
        """Links that edit a file of the repository: only the edit button makes them."""
        links = page_links((built.site / page).read_text(encoding="utf-8"))[0]
        return [url for tag, url in links if tag == "a" and url.startswith(f"{REPO_URL}/edit/")]

    topic, actor = _ids("topics")[0], _ids("actors")[0]
    base = f"{REPO_URL}/edit/main"
    assert edit_links(f"topics/{topic}/index.html") == [f"{base}/data/topics/{topic}.yaml"]
    assert edit_links(f"actors/{actor}/index.html") == [f"{base}/data/actors/{actor}.yaml"]
    assert edit_links("timeline/index.html") == [f"{base}/data/events.yaml"]
    assert edit_links("index.html") == [f"{base}/docs/index.md"]


_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_every_page_carries_a_policy_that_allows_exactly_its_theme_scripts(
    built: BuildResult,
) -> None:
    for path in built.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        policies = _POLICY.findall(html)
        assert len(policies) == 1, path
        head = html[html.index("<head>") : html.index("</head>")]
        assert head.lstrip("<head>").lstrip().startswith("<meta http-equiv"), path
        script_src = next(d for d in policies[0].split("; ") if d.startswith("script-src"))
        allowed = script_src.split()[2:]
        assert sorted(allowed) == sorted(theme_script_hashes(html)), path
        assert "unsafe-inline" not in policies[0]


# -- every engine builds the same site as MkDocs -------------------------------------------------

_MARKER = re.compile(r'<a class="cite-link" href="([^"]+)"[^>]*data-claim="([^"]+)"')


def _citations(site: Path) -> dict[str, list[tuple[str, str]]]:
    """Per page: the (link, claim id) of every citation marker, in order."""
    return {
        p.relative_to(site).as_posix(): _MARKER.findall(p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def test_the_engine_builds_the_same_pages_as_mkdocs(
    built: BuildResult, engine_sites: EngineSites
) -> None:
    assert _pages(built.site) == _pages(engine_sites.get("mkdocs").site)


def test_the_engine_publishes_the_same_exports_as_mkdocs(
    built: BuildResult, engine_sites: EngineSites
) -> None:
    mkdocs = engine_sites.get("mkdocs").site
    exports = [
        "claims.json",
        "claims.csv",
        *(p.relative_to(mkdocs).as_posix() for p in (mkdocs / "schema").glob("*.json")),
    ]
    for name in exports:
        assert (built.site / name).read_bytes() == (mkdocs / name).read_bytes(), name


def test_the_engine_shows_the_same_citations_as_mkdocs(
    built: BuildResult, engine_sites: EngineSites
) -> None:
    mine = _citations(built.site)
    theirs = _citations(engine_sites.get("mkdocs").site)
    assert sum(len(c) for c in theirs.values()) > 100
    assert mine == theirs
