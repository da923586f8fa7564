"""The downloads: claims.json, claims.csv and annotations.jsonld hold every claim, exactly."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

import pytest

from .conftest import Built
from .site_checks import PROJECT, claims

pytestmark = pytest.mark.build


def _records(built: Built) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads((built.site / "claims.json").read_text("utf-8"))
    return records


def test_claims_json_lists_every_claim_once(built: Built) -> None:
    ids = [r["id"] for r in _records(built)]
    assert sorted(ids) == sorted(c["id"] for c in claims(PROJECT))
    assert len(set(ids)) == len(ids)


def test_each_exported_quote_is_the_archived_text_at_its_position(built: Built) -> None:
    texts: dict[str, str] = {}
    for record in _records(built):
        source = record["source"]["id"]
        if source not in texts:
            raw = (PROJECT / "data" / "sources" / f"{source}.txt").read_text(encoding="utf-8")
            texts[source] = unicodedata.normalize("NFC", raw)
        start, end = record["position"]["start"], record["position"]["end"]
        assert texts[source][start:end] == record["exact"], record["id"]
        assert " ".join(record["exact"].split()) == " ".join(record["quote"].split())


def test_claims_csv_has_a_row_for_every_claim(built: Built) -> None:
    rows = list(csv.DictReader(io.StringIO((built.site / "claims.csv").read_text("utf-8"))))
    assert sorted(row["id"] for row in rows) == sorted(r["id"] for r in _records(built))


def test_annotations_target_the_archived_sources(built: Built) -> None:
    annotations = json.loads((built.site / "annotations.jsonld").read_text(encoding="utf-8"))
    text = json.dumps(annotations)
    assert "TextQuoteSelector" in text
    for record in _records(built):
        assert json.dumps(record["exact"])[1:-1] in text, record["id"]
