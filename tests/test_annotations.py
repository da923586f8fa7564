"""annotations.jsonld: the shape the W3C Web Annotation Data Model asks for, and selectors that
select exactly the archived passage."""

from __future__ import annotations

import json
from typing import Any

import pytest

from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.pages.annotations import annotation_collection, annotations_jsonld
from macros.pages.plan import SitePlan
from macros.pages.site_info import SiteInfo
from tests.helpers import write_project

URL = "https://example.org/article"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(write_project(tmp_path_factory.mktemp("anno")).root)


def collection(kb: KnowledgeBase, site_url: str = "") -> dict[str, Any]:
    return annotation_collection(SitePlan(kb, SiteInfo(url=site_url)))


@pytest.fixture(scope="module")
def kb_url(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(write_project(tmp_path_factory.mktemp("anno-url"), url=URL).root)


def items(document: dict[str, Any]) -> list[dict[str, Any]]:
    page = document["first"]
    assert isinstance(page["items"], list)
    return page["items"]


def test_the_file_is_one_collection_with_its_page_embedded(kb: KnowledgeBase) -> None:
    document = json.loads(annotations_jsonld(SitePlan(kb)))
    # §5.1: @context, an IRI, the AnnotationCollection type, a total and the first page.
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection"
    assert document["id"] == "annotations.jsonld"
    assert document["label"]
    assert document["total"] == len(kb.claims) == len(items(document))
    # §5.2: an embedded page has no @context of its own, names its collection and its index.
    page = document["first"]
    assert page["type"] == "AnnotationPage"
    assert "@context" not in page
    assert page["partOf"] == document["id"]
    assert page["startIndex"] == 0


def test_every_annotation_has_an_id_a_motivation_a_textual_body_and_a_target(
    kb: KnowledgeBase,
) -> None:
    annotations = items(collection(kb))
    ids = [a["id"] for a in annotations]
    assert len(set(ids)) == len(ids)
    for annotation in annotations:
        assert set(annotation) == {"id", "type", "motivation", "body", "target"}
        assert annotation["type"] == "Annotation"
        assert annotation["motivation"] == "describing"
        body = annotation["body"]
        assert body["type"] == "TextualBody"
        assert body["format"] == "text/plain"
        assert body["purpose"] == "describing"
        assert isinstance(body["value"], str) and body["value"]
        assert [s["type"] for s in annotation["target"]["selector"]] == [
            "TextQuoteSelector",
            "TextPositionSelector",
        ]


def test_a_claim_quote_is_described_by_its_statement_and_its_entry(kb: KnowledgeBase) -> None:
    annotation = next(a for a in items(collection(kb)) if a["id"].endswith("#claim-trade-grew"))
    assert annotation["body"]["value"] == kb.claims["trade-grew"].claim.statement
    assert annotation["body"]["id"] == "claims/#trade-grew"


def folded(text: str) -> str:
    return " ".join(text.split())


def test_selectors_select_exactly_the_archived_passage(kb: KnowledgeBase) -> None:
    text = next(iter(kb.sources.values())).archive.text
    for annotation in items(collection(kb)):
        quote, position = annotation["target"]["selector"]
        start, end = position["start"], position["end"]
        assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end
        assert text[start:end] == quote["exact"]
        assert folded(text[:start]).endswith(folded(quote.get("prefix", "")))
        assert folded(text[end:]).startswith(folded(quote.get("suffix", "")))


def test_the_target_is_the_original_address_when_known(
    kb: KnowledgeBase, kb_url: KnowledgeBase
) -> None:
    with_url = items(collection(kb_url))[0]["target"]
    assert with_url["source"] == URL
    without = items(collection(kb))[0]["target"]
    assert without["source"] == "sources/sample-article/"


def test_the_state_names_the_day_the_text_was_archived(kb: KnowledgeBase) -> None:
    state = items(collection(kb))[0]["target"]["state"]
    assert state == {
        "type": "TimeState",
        "sourceDateStart": "2026-11-27T00:00:00Z",
        "sourceDateEnd": "2026-11-27T23:59:59Z",
    }  # no `cached` copy: the full text is not republished


def test_with_the_site_address_every_iri_is_absolute(kb: KnowledgeBase) -> None:
    document = collection(kb, "https://site.example/sub/")
    assert document["id"] == "https://site.example/sub/annotations.jsonld"
    annotation = items(document)[0]
    assert annotation["id"].startswith("https://site.example/sub/annotations.jsonld#claim-")
    assert annotation["body"]["id"].startswith("https://site.example/sub/claims/#")
    assert annotation["target"]["source"] == "https://site.example/sub/sources/sample-article/"


def test_the_file_is_utf8_json(kb: KnowledgeBase) -> None:
    text = annotations_jsonld(SitePlan(kb))
    assert "’" in text  # not \u2019
    assert text.endswith("}\n")
