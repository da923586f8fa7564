"""The exports of the argument: every quote of a claim and its links both ways in claims.json,
their counts in claims.csv, and an annotation for each in annotations.jsonld."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.pages.annotations import annotation_collection
from macros.pages.exports import claims_csv, claims_json
from macros.pages.plan import SitePlan
from tests.helpers import ESSAY_ID, SOURCE_ID, write_argued_project


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(write_argued_project(tmp_path_factory.mktemp("argued")).root)


@pytest.fixture(scope="module")
def records(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads(claims_json(SitePlan(kb)))}


def test_evidence_lists_every_quote_primary_first_with_the_fields_of_the_primary(
    kb: KnowledgeBase, records: dict[str, dict[str, Any]]
) -> None:
    record = records["seoul-trade-grew-too"]
    quotes = record["evidence"]
    assert [q["primary"] for q in quotes] == [True, False]
    assert [q["source"]["id"] for q in quotes] == [ESSAY_ID, SOURCE_ID]  # two sources
    primary, further = quotes
    for field in ("exact", "paragraph", "position", "prefix", "suffix", "fragment_url"):
        assert primary[field] == record[field]
    assert primary["source"] == record["source"]
    assert further["quote"] == "Seoul’s trade with Moscow grew steadily after the two countries"
    text = kb.sources[SOURCE_ID].archive.text
    assert text[further["position"]["start"] : further["position"]["end"]] == further["exact"]
    assert further["paragraph"] == 1


def test_links_are_listed_both_ways_and_marked(records: dict[str, dict[str, Any]]) -> None:
    (outgoing,) = records["traffic-grew"]["links"]
    assert {
        k: outgoing[k] for k in ("direction", "relation", "as_seen_here", "claim", "basis")
    } == {
        "direction": "outgoing",
        "relation": "because",
        "as_seen_here": "because",
        "claim": "faster-loading",
        "basis": "assessment",
    }
    assert outgoing["quote"] == "grew by a third, because the new cranes"
    incoming = [x for x in records["faster-loading"]["links"] if x["direction"] == "incoming"]
    assert [(x["relation"], x["as_seen_here"], x["label"], x["claim"]) for x in incoming] == [
        ("because", "explains", "is a reason for", "traffic-grew"),
        ("evidence-for", "supported-by", "is supported by", "loading-three-hours"),
    ]
    fact = next(x for x in incoming if x["claim"] == "loading-three-hours")
    assert fact["basis"] == "fact"


def test_a_link_record_says_where_its_quote_is(
    kb: KnowledgeBase, records: dict[str, dict[str, Any]]
) -> None:
    text = kb.sources[ESSAY_ID].archive.text
    for record in records.values():
        for link in record["links"]:
            assert set(link) >= {"paragraph", "position", "prefix", "suffix", "exact", "source"}
            start, end = link["position"]["start"], link["position"]["end"]
            assert text[start:end] == link["exact"]


def test_csv_counts_quotes_and_links(kb: KnowledgeBase) -> None:
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(claims_csv(SitePlan(kb))))}
    assert (
        rows["seoul-trade-grew-too"]["evidence_count"],
        rows["seoul-trade-grew-too"]["links_count"],
    ) == ("2", "0")
    assert rows["shippers-prefer-port"]["links_count"] == "3"  # two of its own, one to it
    assert rows["trade-grew"]["evidence_count"] == "1"


def test_every_quote_and_every_link_is_an_annotation(kb: KnowledgeBase) -> None:
    annotations = annotation_collection(SitePlan(kb))["first"]["items"]
    quotes = sum(len(v.quotes) for v in kb.claims.values())
    links = len(kb.argument.links)
    assert len(annotations) == quotes + links
    by_id = {a["id"].split("#", 1)[1]: a for a in annotations}
    further = by_id["claim-seoul-trade-grew-too-quote-2"]
    assert further["target"]["source"] == f"sources/{SOURCE_ID}/"
    assert further["body"]["value"] == "Seoul’s trade with Moscow grew steadily."
    link = by_id["link-traffic-grew--because--faster-loading"]
    assert link["body"]["value"] == (
        "“Traffic through the port grew by a third.” because “The new cranes load a barge in "
        "half the time.”"
    )
    assert link["body"]["id"] == "claims/#_link-traffic-grew--because--faster-loading"
    assert link["target"]["selector"][0]["exact"] == "grew by a third, because the new cranes"
    texts = {s.id: s.archive.text for s in kb.sources.values()}
    for annotation in annotations:
        quote, position = annotation["target"]["selector"]
        source = annotation["target"]["source"].split("/")[1]
        assert texts[source][position["start"] : position["end"]] == quote["exact"]
