"""The real knowledge base: complete, cited, and honest about its single source (issue 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.core.coverage import source_coverage
from macros.core.diagnostics import Position
from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.core.prose import MacroCall, parse_prose
from tests.sitebuild import REPO

SOURCE = "tertitskiy-2021-double-ally"
REPO_POSITION = Position("data")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(REPO)


def test_source_is_archived_as_given_and_not_republished(kb: KnowledgeBase) -> None:
    source = kb.sources[SOURCE]
    shared = REPO.parent / "shared" / "sources" / f"{SOURCE}.txt"
    if shared.exists():
        assert (REPO / "data" / "sources" / f"{SOURCE}.txt").read_bytes() == shared.read_bytes()
    assert source.republish is False
    assert source.url == ""
    assert source.published == "2021-07-15"
    assert [b.block for b in source.excluded_blocks] == [21]


def test_claims_cover_at_least_95_percent_of_the_body_sentences(kb: KnowledgeBase) -> None:
    coverage = source_coverage(kb.sources[SOURCE], kb.claims_of_source(SOURCE))
    assert coverage.sentences >= 49
    uncovered = [f"¶{s.paragraph}: {s.text}" for s in coverage.uncovered()]
    assert coverage.share >= 0.95, "\n".join(uncovered)
    assert [p.number for p in coverage.paragraphs] == list(range(1, 21))


def test_the_knowledge_base_has_the_promised_size(kb: KnowledgeBase) -> None:
    assert len(kb.claims) >= 70
    assert 10 <= len(kb.topics) <= 14
    assert len(kb.actors) >= 12
    assert len(kb.events) >= 5
    assert len(kb.terms) >= 5
    assert set(kb.kind_counts()) == {"fact", "assessment", "forecast", "attribution"}


def test_every_claim_is_cited_in_some_page_prose(kb: KnowledgeBase) -> None:
    uncited = [c for c in kb.claims if not kb.cited_in.get(c)]
    assert not uncited


def test_assessments_and_forecasts_are_worded_as_the_authors_view(kb: KnowledgeBase) -> None:
    attributed = re.compile(r"\b(author|Tertitskiy|he|his)\b", re.IGNORECASE)
    unattributed = [
        f"{v.id}: {v.claim.statement}"
        for v in kb.claims.values()
        if v.claim.kind in ("assessment", "forecast") and not attributed.search(v.claim.statement)
    ]
    assert not unattributed, "\n".join(unattributed)


def test_statements_add_no_year_the_quote_does_not_give(kb: KnowledgeBase) -> None:
    years = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
    invented = [
        f"{v.id}: {year}"
        for v in kb.claims.values()
        for year in years.findall(v.claim.statement)
        if year not in v.claim.quote and year != "2021"
    ]
    assert not invented


def _prose_sentences(text: str) -> list[list[str | MacroCall]]:
    """Prose split into sentences, each a list of its segments."""
    sentences: list[list[str | MacroCall]] = [[]]
    for segment in parse_prose(text, [], REPO_POSITION):
        if isinstance(segment, MacroCall):
            sentences[-1].append(segment)
            continue
        parts = re.split(r"(?<![A-Z]\.[A-Z]\.)(?<=[.?!])\s+", segment)
        for i, part in enumerate(parts):
            if i:
                sentences.append([])
            if part.strip():
                sentences[-1].append(part)
    return [s for s in sentences if any(isinstance(x, MacroCall) or x.strip() for x in s)]


def _uncited(text: str) -> list[str]:
    """Sentences of prose that carry no claim(), cite() or cite_source() call."""
    missing = []
    for sentence in _prose_sentences(text):
        if not any(
            isinstance(x, MacroCall) and (x.kind == "claim" or x.name == "cite_source")
            for x in sentence
        ):
            missing.append("".join(x if isinstance(x, str) else f"{{{x.name}}}" for x in sentence))
    return missing


def test_every_prose_sentence_on_topic_actor_and_timeline_pages_is_cited(
    kb: KnowledgeBase,
) -> None:
    texts: list[tuple[str, str]] = []
    for topic in kb.topics.values():
        texts.append((topic.file, topic.lead))
        texts.extend((topic.file, s.body) for s in topic.sections)
    texts.extend((a.file, a.description) for a in kb.actors.values())
    texts.extend((e.file, e.summary) for e in kb.events)
    uncited = [f"{where}: {s}" for where, text in texts for s in _uncited(text)]
    assert not uncited, "\n".join(uncited)


def test_home_page_findings_are_cited(kb: KnowledgeBase) -> None:
    home = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.count('{{ claim("') >= 5


def test_actors_for_russia_and_the_koreas_have_russian_and_korean_names(kb: KnowledgeBase) -> None:
    for ident in ("russia", "south-korea", "north-korea"):
        langs = {n.lang for n in kb.actors[ident].native_names}
        assert {"ru", "ko"} <= langs, ident


def test_undated_events_say_so_and_dated_ones_only_use_dates_from_the_source(
    kb: KnowledgeBase,
) -> None:
    text = Path(REPO / "data" / "sources" / f"{SOURCE}.txt").read_text(encoding="utf-8")
    for event in kb.events:
        if event.date is None:
            assert event.when
        elif event.date != "2021-07-15":
            year = event.date[:4]
            assert year in text, f"{event.id}: {event.date} is not in the source"
