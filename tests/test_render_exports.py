"""Generated pages and claim exports for the small valid project in tests/helpers.py."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.core.quotes import fold
from macros.pages.escape import escape_text
from macros.pages.exports import CSV_FIELDS, claims_csv, claims_json
from macros.pages.plan import SitePlan
from macros.pages.render import render_hand_written, render_site
from tests.helpers import CLAIMS, INDEX_MD, SOURCE_ID, write_project

QUOTE_TRADE_GREW = (
    "Seoul’s trade with Moscow grew steadily after the two countries established relations in 1990"
)

URL = "https://example.org/article"
# Markup and template syntax in a statement (no digits: a statement may give no number its quote
# does not, so the template probe joins strings instead of multiplying).
EVIL_STATEMENT = "Trade grew <script>alert('x')</script> {{ 'ab' ~ 'cd' }} [x](javascript:y) *z*"


def knowledge(root: Path, *, url: str = "", claims: str = CLAIMS) -> KnowledgeBase:
    project = write_project(root, url=url)
    project.write("data/claims/core.yaml", claims)
    return load_knowledge(project.root)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return knowledge(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module")
def kb_url(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return knowledge(tmp_path_factory.mktemp("url"), url=URL)


@pytest.fixture(scope="module")
def kb_republished(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    project = write_project(tmp_path_factory.mktemp("republished"))
    project.replace(f"data/sources/{SOURCE_ID}.yaml", "republish: false", "republish: true")
    return load_knowledge(project.root)


@pytest.fixture(scope="module")
def pages(kb: KnowledgeBase) -> dict[str, str]:
    rendered = render_site(SitePlan(kb))
    uris = [p.src_uri for p in rendered]
    assert len(uris) == len(set(uris)), "two generated pages share a src_uri"
    return {p.src_uri: p.content for p in rendered}


def split_front_matter(page: str) -> tuple[dict[str, Any], str]:
    """A generated page's YAML front matter (as MkDocs reads it) and the Markdown after it."""
    if not page.startswith("---\n"):
        return {}, page
    meta, body = page[4:].split("\n---\n", 1)
    loaded = yaml.safe_load(meta)
    assert isinstance(loaded, dict)
    return loaded, body


def records(kb: KnowledgeBase) -> list[dict[str, Any]]:
    data = json.loads(claims_json(SitePlan(kb)))
    assert isinstance(data, list)
    return data


# -- pages -----------------------------------------------------------------------------------


def test_every_entity_gets_a_page(pages: dict[str, str]) -> None:
    expected = {
        "topics/index.md",
        "topics/trade.md",
        "topics/diplomacy.md",
        "actors/index.md",
        "actors/russia.md",
        "actors/south-korea.md",
        "timeline.md",
        "claims.md",
        "sources/index.md",
        f"sources/{SOURCE_ID}.md",
        "glossary.md",
    }
    assert expected <= set(pages)
    assert all(uri.endswith(".md") for uri in pages)
    entity_pages = {u for u in pages if re.fullmatch(r"(topics|actors|sources)/[a-z0-9-]+\.md", u)}
    assert entity_pages == {u for u in expected if "/" in u}


def test_edit_links_point_at_the_data_file(kb: KnowledgeBase) -> None:
    edit = {p.src_uri: p.edit_file for p in render_site(SitePlan(kb))}
    assert edit["topics/trade.md"] == "data/topics/trade.yaml"
    assert edit["actors/south-korea.md"] == "data/actors/south-korea.yaml"
    assert edit[f"sources/{SOURCE_ID}.md"] == f"data/sources/{SOURCE_ID}.yaml"
    assert edit["timeline.md"] == "data/events.yaml"
    assert edit["glossary.md"] == "data/glossary.yaml"


def test_topic_page_starts_with_front_matter_and_title(pages: dict[str, str]) -> None:
    meta, body = split_front_matter(pages["topics/trade.md"])
    assert meta == {
        "edit_file": "data/topics/trade.yaml",  # what the theme's edit button opens
        "description": "Trade is the core of the relationship.",
    }
    assert body.lstrip().startswith("# Trade between Seoul and Moscow { #_title }\n")


def test_topic_page_cites_with_a_marker_linking_to_the_claim(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    page = pages["topics/trade.md"]
    quote = kb.claims["trade-grew"].claim.quote
    marker = re.search(
        r'<sup class="cite"[^>]*>\u2060<a class="cite-link" href="([^"]+)"[^>]*>\[(\d+)\]</a>'
        r'<span class="cite-preview"[^>]*>(.*?)</span></sup>',
        page,
    )
    assert marker is not None
    href, number, preview = marker.groups()
    assert href == "../../claims/#trade-grew"
    assert number == "1"
    assert f"“{escape_text(quote)}”" in preview
    assert "Author 2021, ¶ 1" in preview  # a short note: author and year, then the paragraph
    assert '<a class="cite-open" href="../../claims/#trade-grew" tabindex="-1">Open claim</a>' in (
        preview
    )


def test_same_claim_keeps_its_number_on_a_page(pages: dict[str, str]) -> None:
    page = pages["topics/trade.md"]
    numbers = re.findall(r'data-claim="trade-grew">\[(\d+)\]', page)
    assert len(numbers) >= 2  # cited in the lead and listed under "All claims"
    assert set(numbers) == {"1"}


def test_topic_page_lists_its_sources_as_short_notes(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    page = pages["topics/trade.md"]
    assert "## Sources on this page" in page
    listed = page.split("## Sources on this page", 1)[1]
    notes = re.findall(r'<li value="(\d+)" id="_source-note-\d+">(.*?)</li>', listed)
    assert [n for n, _ in notes] == ["1", "2"]
    for (_, note), (claim_id, paragraph) in zip(
        notes, (("trade-grew", 1), ("railway-stalled", 2)), strict=True
    ):
        assert f'<a href="../../claims/#{claim_id}">Author 2021, ¶ {paragraph}</a>' in note
        assert escape_text(kb.claims[claim_id].claim.quote) not in note  # the preview has it
    # the full reference once, after the notes
    title = str(escape_text(kb.sources[SOURCE_ID].title))
    assert listed.count(title) == 1
    assert "balance" not in listed  # a claim not cited on this page is not listed


def test_notes_link_back_to_the_sentences_that_cite_them(pages: dict[str, str]) -> None:
    page = pages["topics/trade.md"]
    prose, listed = page.split("## Sources on this page", 1)
    # trade-grew is cited in the lead (marker 1) and listed under "All claims" (marker 3):
    # its note leads back to the sentence, not to the list.
    assert '<li value="1" id="_source-note-1"><a class="note-back" href="#_cite-ref-1"' in listed
    assert 'href="#_cite-ref-3"' not in listed
    for ref in re.findall(r'class="note-back" href="#(_cite-ref-\d+)"', listed):
        assert f'id="{ref}"' in prose


def test_all_claims_of_a_topic_are_folded_away(pages: dict[str, str]) -> None:
    page = pages["topics/trade.md"]
    folded = page.split('<details class="all-claims">', 1)[1].split("</details>", 1)[0]
    assert folded.startswith("\n<summary>Show the 2 claims")
    assert 'data-claim="railway-stalled"' in folded


def test_links_between_pages_are_relative(pages: dict[str, str]) -> None:
    page = pages["topics/trade.md"]
    assert 'href="../../actors/russia/"' in page
    assert 'href="../diplomacy/">the diplomacy page</a>' in page
    assert 'href="../../timeline/#relations-established"' in page


def test_every_citation_target_exists_on_the_claims_page(
    kb: KnowledgeBase, pages: dict[str, str]
) -> None:
    anchors = {html.unescape(a) for a in re.findall(r'\bid="([^"]+)"', pages["claims.md"])}
    assert set(kb.claims) <= anchors
    cited = {
        target
        for page in pages.values()
        for target in re.findall(r'class="cite-link" href="[./]*claims/#([^"]+)"', page)
    }
    assert cited == set(kb.claims)


def test_page_without_citations_has_no_sources_list(pages: dict[str, str]) -> None:
    assert "Sources on this page" not in pages["topics/index.md"]


def test_source_page_of_a_source_not_republished_shows_no_excerpts(
    pages: dict[str, str],
) -> None:
    page = html.unescape(pages[f"sources/{SOURCE_ID}.md"])
    assert "“balance” is the word for the country’s foreign policy" not in page  # a quote
    assert (
        "Observers in Seoul call the country’s foreign policy one of balance." in page
    )  # its claim
    assert "<q" not in page and 'class="excerpts"' not in page
    assert "nothing suggests it will move soon" not in page  # unquoted text is not republished
    assert "Block 4 of the archived text is not body text" in page


def test_source_page_shows_full_text_when_republishing_is_allowed(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.replace(f"data/sources/{SOURCE_ID}.yaml", "republish: false", "republish: true")
    rendered = {p.src_uri: p.content for p in render_site(SitePlan(load_knowledge(tmp_path)))}
    assert "nothing suggests it will move soon" in html.unescape(
        rendered[f"sources/{SOURCE_ID}.md"]
    )


def test_statement_with_markup_is_escaped_everywhere(tmp_path: Path) -> None:
    evil = CLAIMS.replace(
        "statement: Seoul’s trade with Moscow grew steadily.", f'statement: "{EVIL_STATEMENT}"'
    )
    assert evil != CLAIMS
    kb = knowledge(tmp_path, claims=evil)
    rendered = {p.src_uri: p.content for p in render_site(SitePlan(kb))}
    shown = str(escape_text(EVIL_STATEMENT))
    for uri in ("topics/trade.md", "actors/russia.md", "timeline.md", "claims.md"):
        page = rendered[uri]
        assert shown in page, uri
    for uri, page in rendered.items():
        assert "<script>alert" not in page, uri
        assert "</script> {{" not in page, uri
        meta, body = split_front_matter(page)
        assert "<" not in str(meta.get("description", "")), uri
        # outside JSON-LD (data for machines, in a script element) no markup survives as syntax
        shown_to_readers = re.sub(r'<script type="application/ld\+json">.*?</script>', "", body)
        assert "{{ 'ab' ~ 'cd' }}" not in shown_to_readers, uri
        assert "](javascript" not in shown_to_readers, uri
    heading = re.search(
        r'<h3 class="claim-statement" id="trade-grew"[^>]*>(.*?)</h3>', rendered["claims.md"]
    )
    assert heading is not None
    assert "abcd" not in heading.group(1)
    assert html.unescape(heading.group(1)) == EVIL_STATEMENT  # readers see exactly what was written


def test_hand_written_page_expands_macros_and_lists_sources(kb: KnowledgeBase) -> None:
    body = INDEX_MD.split("---\n", 2)[2]
    page = render_hand_written(SitePlan(kb), "index.md", body)
    assert "{{" not in page
    assert 'href="claims/#trade-grew"' in page
    assert 'href="topics/trade/">Trade between Seoul and Moscow</a>' in page
    assert "## Sources on this page" in page
    assert "# Home" in page  # the page's own Markdown is kept as written


# -- claims.json -----------------------------------------------------------------------------


def test_claims_json_has_one_record_per_claim(kb: KnowledgeBase) -> None:
    data = records(kb)
    assert [r["id"] for r in data] == ["trade-grew", "railway-stalled", "balance-word"]
    first = data[0]
    assert first["statement"] == "Seoul’s trade with Moscow grew steadily."
    assert first["kind"] == "fact"
    assert first["quote"] == QUOTE_TRADE_GREW
    assert first["source"] == {
        "id": SOURCE_ID,
        "title": "A Sample Article",
        "author": "A. N. Author",
        "publisher": "Example Press",
        "published": "2021-07-15",
        "url": None,
    }
    assert first["paragraph"] == 1
    assert first["topics"] == ["trade"]
    assert first["actors"] == ["south-korea", "russia"]
    assert first["date"] == "1990"
    assert first["fragment_url"] is None


def test_claims_json_positions_point_at_the_quote(kb: KnowledgeBase) -> None:
    text = kb.sources[SOURCE_ID].archive.text
    for record in records(kb):
        start, end = record["position"]["start"], record["position"]["end"]
        assert fold(text[start:end]) == fold(record["quote"]), record["id"]
        assert len(record["prefix"]) <= 32 and len(record["suffix"]) <= 32
        assert re.sub(r"\s+", " ", text[:start]).endswith(record["prefix"])
        assert re.sub(r"\s+", " ", text[end:]).startswith(record["suffix"])
    by_id = {r["id"]: r for r in records(kb)}
    assert by_id["trade-grew"]["position"]["start"] == 0
    # The source may not be republished: no text around the quotes is exported.
    assert all(r["prefix"] == r["suffix"] == "" for r in by_id.values())


def test_claims_json_gives_the_context_of_quotes_from_a_republishable_source(
    kb_republished: KnowledgeBase,
) -> None:
    text = kb_republished.sources[SOURCE_ID].archive.text
    by_id = {r["id"]: r for r in records(kb_republished)}
    for record in by_id.values():
        start, end = record["position"]["start"], record["position"]["end"]
        assert len(record["prefix"]) <= 32 and len(record["suffix"]) <= 32
        assert re.sub(r"\s+", " ", text[:start]).endswith(record["prefix"])
        assert re.sub(r"\s+", " ", text[end:]).startswith(record["suffix"])
    assert by_id["trade-grew"]["prefix"] == ""
    assert by_id["railway-stalled"]["suffix"] == ", and nothing suggests it will m"
    assert by_id["balance-word"]["prefix"] == "on. Observers in Seoul say that "


def test_claims_json_says_where_each_claim_is_cited(kb: KnowledgeBase) -> None:
    by_id = {r["id"]: r for r in records(kb)}
    assert "topics/trade/" in by_id["trade-grew"]["cited_on"]
    assert "" in by_id["trade-grew"]["cited_on"]  # the home page
    assert "topics/diplomacy/" in by_id["balance-word"]["cited_on"]
    assert "glossary/" in by_id["balance-word"]["cited_on"]
    assert "topics/diplomacy/" not in by_id["railway-stalled"]["cited_on"]


def test_claims_json_fragment_links_when_the_source_has_a_url(kb_url: KnowledgeBase) -> None:
    by_id = {r["id"]: r for r in records(kb_url)}
    assert by_id["trade-grew"]["source"]["url"] == URL
    assert by_id["trade-grew"]["fragment_url"] == (
        f"{URL}#:~:text=Seoul%E2%80%99s%20trade%20with%20Moscow,established%20relations%20in%201990"
    )
    assert by_id["railway-stalled"]["fragment_url"] == (
        f"{URL}#:~:text=The%20railway%20project%20has,a%20standstill%20for%20decades"
    )


def test_claims_json_is_utf8_not_ascii_escaped(kb: KnowledgeBase) -> None:
    assert "Seoul’s" in claims_json(SitePlan(kb))


# -- claims.csv ------------------------------------------------------------------------------


def test_claims_csv_has_a_header_and_a_row_per_claim(
    kb_url: KnowledgeBase, kb_republished: KnowledgeBase
) -> None:
    rows = list(csv.DictReader(io.StringIO(claims_csv(SitePlan(kb_url)))))
    assert claims_csv(SitePlan(kb_url)).splitlines()[0] == ",".join(CSV_FIELDS)
    assert [r["id"] for r in rows] == ["trade-grew", "railway-stalled", "balance-word"]
    first = rows[0]
    assert first["quote"] == QUOTE_TRADE_GREW
    assert first["source_id"] == SOURCE_ID
    assert first["source_url"] == URL
    assert (first["paragraph"], first["start"], first["end"]) == ("1", "0", "93")
    assert first["actors"] == "south-korea russia"
    assert first["note"] == ""
    assert first["fragment_url"].startswith(f"{URL}#:~:text=")
    # the quote with typographic quotes, and a context with a comma, survive the CSV round trip
    assert rows[2]["quote"] == "“balance” is the word for the country’s foreign policy"
    assert rows[1]["suffix"] == ""  # the source may not be republished: no context
    republished = list(csv.DictReader(io.StringIO(claims_csv(SitePlan(kb_republished)))))
    assert republished[1]["suffix"] == ", and nothing suggests it will m"


def test_claims_csv_without_url_leaves_cells_empty(kb: KnowledgeBase) -> None:
    rows = list(csv.DictReader(io.StringIO(claims_csv(SitePlan(kb)))))
    assert all(r["source_url"] == "" and r["fragment_url"] == "" for r in rows)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path)
    claims = project.path("data/claims/core.yaml")
    text = claims.read_text(encoding="utf-8")
    formula = '=HYPERLINK("http://x")'
    claims.write_text(
        text.replace("Seoul’s trade with Moscow grew steadily.", "'" + formula + "'", 1),
        encoding="utf-8",
    )
    rows = list(csv.DictReader(io.StringIO(claims_csv(SitePlan(load_knowledge(tmp_path))))))
    assert "'" + formula in [row["statement"] for row in rows]
    records = json.loads(claims_json(SitePlan(load_knowledge(tmp_path))))
    assert formula in [r["statement"] for r in records], "JSON keeps the value as written"
