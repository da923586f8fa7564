"""The indexes added for speed answer exactly as the scans they replaced.

`find_occurrences` now looks quotes up in an index of each source instead of searching every
paragraph for every claim, and the knowledge base's queries (claims of a topic, events of an actor…)
answer from maps built once instead of scanning every claim per call. Both are checked here against
the plain scans, on random texts and on a generated corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.core.knowledge import KnowledgeBase
from macros.core.model import Actor, Event, Topic, VerifiedClaim
from macros.core.project import load_knowledge
from macros.core.quotes import (
    ArchivedText,
    Paragraph,
    find_occurrences,
    fold,
    match_quote,
    scan_occurrences,
)
from tests.bench.corpus import generate

# Few letters, so that repeated and overlapping passages are common.
_TEXT = st.text(alphabet="ab c’\u00a0\n", min_size=0, max_size=400)


def _as_numbers(hits: Iterable[tuple[Paragraph, int]]) -> list[tuple[int, int]]:
    return [(p.number, at) for p, at in hits]


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, start=st.integers(0, 400), length=st.integers(0, 60), excluded=st.booleans())
def test_indexed_search_finds_what_the_scan_finds(
    text: str, start: int, length: int, excluded: bool
) -> None:
    archive = ArchivedText.parse(text, {2: "not body text"} if excluded else None)
    joined = "\n".join(p.folded for p in archive.paragraphs)
    quote = fold(joined[start : start + length])  # often present, sometimes several times
    for needle in (quote, quote + "b", "a" + quote, "ab ab ab ab ab ab ab ab ab a"):
        assert _as_numbers(find_occurrences(archive, needle)) == _as_numbers(
            scan_occurrences(archive, needle)
        )


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, start=st.integers(0, 400), length=st.integers(15, 60))
def test_match_results_are_unchanged(text: str, start: int, length: int) -> None:
    archive = ArchivedText.parse(text)
    quote = text[start : start + length]
    indexed = match_quote(archive, quote)
    # The same archive with the index disabled: every lookup scans.
    scanning = ArchivedText.parse(text)
    scanning.__dict__["index"] = _ScanningIndex(scanning)
    assert indexed == match_quote(scanning, quote)


class _ScanningIndex:
    def __init__(self, archive: ArchivedText) -> None:
        self.archive = archive

    def find(self, quote: str) -> list[tuple[int, int]]:
        position = {id(p): i for i, p in enumerate(self.archive.paragraphs)}
        return [(position[id(p)], at) for p, at in scan_occurrences(self.archive, quote)]


# -- the knowledge base's queries, against the scans they replaced --------------------------------


def _claims_of(kb: KnowledgeBase, attribute: str, ident: str) -> list[VerifiedClaim]:
    return [c for c in kb.claims.values() if ident in getattr(c.claim, attribute)]


def _events_of_claims(kb: KnowledgeBase, claims: Iterable[VerifiedClaim]) -> list[Event]:
    ids = {c.id for c in claims}
    return [e for e in kb.events if ids.intersection(e.claims)]


def _actors_of_topic(kb: KnowledgeBase, topic_id: str) -> list[Actor]:
    ids = {a for c in _claims_of(kb, "topics", topic_id) for a in c.claim.actors}
    return [a for a in kb.actors.values() if a.id in ids]


def _topics_of_actor(kb: KnowledgeBase, actor_id: str) -> list[Topic]:
    ids = {t for c in _claims_of(kb, "actors", actor_id) for t in c.claim.topics}
    return [t for t in kb.topics.values() if t.id in ids]


def _events_of_actor(kb: KnowledgeBase, actor_id: str) -> list[Event]:
    claim_events = _events_of_claims(kb, _claims_of(kb, "actors", actor_id))
    return [e for e in kb.events if actor_id in e.actors or e in claim_events]


def _topics_relating_to(kb: KnowledgeBase, topic_id: str) -> list[Topic]:
    topic = kb.topics[topic_id]
    return [
        t
        for t in kb.topics.values()
        if t.id != topic_id and (t.id in topic.related or topic_id in t.related)
    ]


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root: Path = tmp_path_factory.mktemp("corpus") / "x2"
    generate(root, 2)
    return load_knowledge(root)


def test_topic_queries_match_the_scans(kb: KnowledgeBase) -> None:
    for topic_id in kb.topics:
        claims = _claims_of(kb, "topics", topic_id)
        assert kb.claims_of_topic(topic_id) == claims
        assert kb.actors_of_topic(topic_id) == _actors_of_topic(kb, topic_id)
        assert kb.events_of_claims(claims) == _events_of_claims(kb, claims)
        assert kb.events_of_claims(iter(claims)) == _events_of_claims(kb, claims)
        assert kb.topics_relating_to(topic_id) == _topics_relating_to(kb, topic_id)


def test_actor_and_source_queries_match_the_scans(kb: KnowledgeBase) -> None:
    assert any(kb.events_of_actor(a) for a in kb.actors)
    for actor_id in kb.actors:
        assert kb.claims_of_actor(actor_id) == _claims_of(kb, "actors", actor_id)
        assert kb.topics_of_actor(actor_id) == _topics_of_actor(kb, actor_id)
        assert kb.events_of_actor(actor_id) == _events_of_actor(kb, actor_id)
    for source_id in kb.sources:
        assert kb.claims_of_source(source_id) == [
            c for c in kb.claims.values() if c.claim.source == source_id
        ]
    for source_id in kb.sources:
        claims = kb.claims_of_source(source_id)
        topics = {t for c in claims for t in c.claim.topics}
        actors = {a for c in claims for a in c.claim.actors}
        assert kb.topics_of_claims(claims) == [t for t in kb.topics.values() if t.id in topics]
        assert kb.actors_of_claims(claims) == [a for a in kb.actors.values() if a.id in actors]
    counts = kb.kind_counts()
    assert counts == kb.kind_counts(kb.claims.values())
    counts.clear()
    assert kb.kind_counts()  # a fresh dict each time
    for event in kb.events:
        assert kb.event(event.id) is event
    with pytest.raises(KeyError):
        kb.event("no-such-event")
    assert kb.claims_of_topic("no-such-topic") == []
    assert kb.events_of_claims([]) == []


def test_query_results_are_fresh_lists(kb: KnowledgeBase) -> None:
    topic_id = next(iter(kb.topics))
    kb.claims_of_topic(topic_id).clear()
    assert kb.claims_of_topic(topic_id)
