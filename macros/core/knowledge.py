"""The resolved, immutable knowledge base and the queries pages ask of it.

It is only ever made by `checks.build`, after every id, reference and quote was checked, so the
queries here can trust their input and never report problems.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from macros.core.argument import Argument
from macros.core.model import CLAIM_KINDS, Actor, Event, Source, Term, Topic, VerifiedClaim
from macros.core.quotes import QuoteMatch, text_fragment_url
from macros.core.text import Text


@dataclass(frozen=True)
class CitedIn:
    """Whose prose cites a claim: a topic, actor, event or term (by id), or a hand-written page.

    This says nothing about pages or URLs; the pages layer's routes turn it into a link.
    """

    kind: str  # "topic", "actor", "event", "term" or "page"
    ident: str  # the entity's id, or the page's path under docs/ (e.g. "index.md")


@dataclass(frozen=True)
class HandWrittenPage:
    """A Markdown page from docs/ that opted in to macros (front matter `macros: true`)."""

    src_uri: str  # relative to docs/, e.g. "index.md"
    file: str  # relative to the project, for messages and edit links
    markdown: Text


@dataclass(frozen=True)
class KnowledgeBase:
    sources: Mapping[str, Source]
    claims: Mapping[str, VerifiedClaim]  # in source order: source, then offset
    topics: Mapping[str, Topic]  # by `order`, then those without one by title
    actors: Mapping[str, Actor]  # by name
    events: tuple[Event, ...]  # in the file's (chronological) order
    terms: Mapping[str, Term]  # alphabetical
    pages: tuple[HandWrittenPage, ...]
    cited_in: Mapping[str, tuple[CitedIn, ...]]  # claim id → whose prose cites it, in data order

    # The queries below answer from `_index`, built once on first use, so rendering a page costs
    # time in proportion to what the page shows, not to the size of the whole knowledge base.
    @cached_property
    def _index(self) -> _Index:
        return _Index.of(self)

    @cached_property
    def argument(self) -> Argument:
        """The links between claims both ways, the conclusions and their reasons and evidence."""
        return Argument.of(self.claims)

    def claims_of_topic(self, topic_id: str) -> list[VerifiedClaim]:
        return list(self._index.claims_by_topic.get(topic_id, ()))

    def claims_of_actor(self, actor_id: str) -> list[VerifiedClaim]:
        return list(self._index.claims_by_actor.get(actor_id, ()))

    def topics_of_claims(self, claims: Iterable[VerifiedClaim]) -> list[Topic]:
        """The topics these claims belong to, in topic-list order (for a page's filter menu)."""
        ids = {t for c in claims for t in c.claim.topics}
        return self._index.in_order(ids, self.topics, self._index.topic_rank)

    def actors_of_claims(self, claims: Iterable[VerifiedClaim]) -> list[Actor]:
        """The actors these claims are about, in name order (for a page's filter menu)."""
        ids = {a for c in claims for a in c.claim.actors}
        return self._index.in_order(ids, self.actors, self._index.actor_rank)

    def claims_in(self, sources: Iterable[Source]) -> list[VerifiedClaim]:
        """The claims of these sources, in index order."""
        return [c for s in sources for c in self.claims_of_source(s.id)]

    def claims_of_source(self, source_id: str) -> list[VerifiedClaim]:
        return list(self._index.claims_by_source.get(source_id, ()))

    def quotes_in(self, source_id: str) -> list[QuoteMatch]:
        """Every passage quoted from a source, by any claim: claims' quotes, further quotes and
        links' quotes, in text order (what pages and exports may show of it)."""
        return list(self._index.quotes_by_source.get(source_id, ()))

    def actors_of_topic(self, topic_id: str) -> list[Actor]:
        ids = {a for c in self.claims_of_topic(topic_id) for a in c.claim.actors}
        return self._index.in_order(ids, self.actors, self._index.actor_rank)

    def events_of_claims(self, claims: Iterable[VerifiedClaim]) -> list[Event]:
        by_claim = self._index.events_by_claim
        return self._index.events_at({i for c in claims for i in by_claim.get(c.id, ())})

    def topics_of_actor(self, actor_id: str) -> list[Topic]:
        ids = {t for c in self.claims_of_actor(actor_id) for t in c.claim.topics}
        return self._index.in_order(ids, self.topics, self._index.topic_rank)

    def events_of_actor(self, actor_id: str) -> list[Event]:
        """Events naming the actor, and events resting on a claim about it, in timeline order."""
        index = self._index
        at = set(index.events_by_actor.get(actor_id, ()))
        for verified in index.claims_by_actor.get(actor_id, ()):
            at.update(index.events_by_claim.get(verified.id, ()))
        return index.events_at(at)

    def actors_named(self, ids: Iterable[str]) -> list[Actor]:
        return [self.actors[i] for i in ids]

    def event(self, event_id: str) -> Event:
        """The event with this id (KeyError if there is none), without scanning the timeline."""
        return self._index.events[self._index.event_at[event_id]]

    def kind_counts(self, claims: Iterable[VerifiedClaim] | None = None) -> dict[str, int]:
        """How many claims (all, or those given) of each kind, in the canonical order of kinds."""
        if claims is None:  # asked by every page of a split claims index: count once
            return dict(self._index.kind_counts)
        return _count_kinds(claims)

    def fragment_url(self, verified: VerifiedClaim) -> str | None:
        """A link to the original page scrolled to the quote, when the source has an address."""
        source = self.sources[verified.claim.source]
        return text_fragment_url(source.url, verified.match.exact)

    def topics_relating_to(self, topic_id: str) -> list[Topic]:
        """Related topics both ways: those this topic names and those that name it."""
        ids = {*self.topics[topic_id].related, *self._index.related_by.get(topic_id, ())}
        ids.discard(topic_id)
        return self._index.in_order(ids, self.topics, self._index.topic_rank)


_T = TypeVar("_T")


def _text_order(match: QuoteMatch) -> tuple[int, int]:
    return match.start, match.end


def _count_kinds(claims: Iterable[VerifiedClaim]) -> dict[str, int]:
    counts = {kind: 0 for kind in CLAIM_KINDS}
    for verified in claims:
        counts[verified.claim.kind] += 1
    return {kind: n for kind, n in counts.items() if n}


@dataclass(frozen=True)
class _Index:
    """Who refers to whom, computed once from a knowledge base (lists keep the base's order)."""

    claims_by_topic: dict[str, list[VerifiedClaim]]
    claims_by_actor: dict[str, list[VerifiedClaim]]
    claims_by_source: dict[str, list[VerifiedClaim]]
    quotes_by_source: dict[str, list[QuoteMatch]]  # every quote's match, in text order
    events: tuple[Event, ...]
    event_at: dict[str, int]  # event id → position in `events`
    events_by_claim: dict[str, list[int]]  # claim id → positions in `events`
    events_by_actor: dict[str, list[int]]
    related_by: dict[str, list[str]]  # topic id → ids of the topics that list it as related
    actor_rank: dict[str, int]
    topic_rank: dict[str, int]
    kind_counts: dict[str, int]  # of all claims

    @classmethod
    def of(cls, kb: KnowledgeBase) -> _Index:
        by_topic: dict[str, list[VerifiedClaim]] = defaultdict(list)
        by_actor: dict[str, list[VerifiedClaim]] = defaultdict(list)
        by_source: dict[str, list[VerifiedClaim]] = defaultdict(list)
        quotes: dict[str, list[QuoteMatch]] = defaultdict(list)
        for verified in kb.claims.values():
            for found in (*verified.quotes, *(link.found for link in verified.links)):
                quotes[found.source].append(found.match)
            claim = verified.claim
            for topic_id in dict.fromkeys(claim.topics):
                by_topic[topic_id].append(verified)
            for actor_id in dict.fromkeys(claim.actors):
                by_actor[actor_id].append(verified)
            by_source[claim.source].append(verified)
        by_claim: dict[str, list[int]] = defaultdict(list)
        event_actors: dict[str, list[int]] = defaultdict(list)
        for at, event in enumerate(kb.events):
            for claim_id in dict.fromkeys(event.claims):
                by_claim[claim_id].append(at)
            for actor_id in dict.fromkeys(event.actors):
                event_actors[actor_id].append(at)
        related_by: dict[str, list[str]] = defaultdict(list)
        for topic in kb.topics.values():
            for other in topic.related:
                related_by[other].append(topic.id)
        return cls(
            claims_by_topic=dict(by_topic),
            claims_by_actor=dict(by_actor),
            claims_by_source=dict(by_source),
            quotes_by_source={s: sorted(m, key=_text_order) for s, m in quotes.items()},
            events=kb.events,
            event_at={e.id: at for at, e in enumerate(kb.events)},
            events_by_claim=dict(by_claim),
            events_by_actor=dict(event_actors),
            related_by=dict(related_by),
            actor_rank={a: i for i, a in enumerate(kb.actors)},
            topic_rank={t: i for i, t in enumerate(kb.topics)},
            kind_counts=_count_kinds(kb.claims.values()),
        )

    def events_at(self, positions: Iterable[int]) -> list[Event]:
        return [self.events[i] for i in sorted(set(positions))]

    @staticmethod
    def in_order(ids: Iterable[str], items: Mapping[str, _T], rank: Mapping[str, int]) -> list[_T]:
        """The items with these ids, in the knowledge base's order (unknown ids are left out)."""
        return [items[i] for i in sorted((i for i in set(ids) if i in rank), key=rank.__getitem__)]
