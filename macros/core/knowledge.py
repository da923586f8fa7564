"""Cross-checking loaded data into a resolved, immutable knowledge base.

Every id must be unique across all kinds, every reference must resolve, every quote must be found
exactly once in its source, and every macro call in prose must name an entity that exists. All
problems are collected; the knowledge base is only returned when there are none.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from macros.core.diagnostics import DataError, Position, Problem, Report
from macros.core.loader import LoadedData
from macros.core.model import CLAIM_KINDS, Actor, Claim, Event, Source, Term, Topic, VerifiedClaim
from macros.core.prose import MacroCall, parse_prose
from macros.core.quotes import QuoteFailure, match_quote, text_fragment_url
from macros.core.text import Text, position_of
from macros.pages.routes import page_url

# One page holds every claim until the page would grow past what a phone should load (about
# 3 KB of HTML a claim, 500 KB a page): then the index becomes one page per source.
CLAIMS_PER_PAGE = 150


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
    topics: Mapping[str, Topic]  # by `order`, then title
    actors: Mapping[str, Actor]  # by name
    events: tuple[Event, ...]  # in the file's (chronological) order
    terms: Mapping[str, Term]  # alphabetical
    pages: tuple[HandWrittenPage, ...]
    cited_on: Mapping[str, tuple[str, ...]]  # claim id → site-relative page URLs that cite it

    # The queries below answer from `_index`, built once on first use, so rendering a page costs
    # time in proportion to what the page shows, not to the size of the whole knowledge base.
    @cached_property
    def _index(self) -> _Index:
        return _Index.of(self)

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

    @property
    def claims_split_by_source(self) -> bool:
        """Whether the claims index is one page per source (past CLAIMS_PER_PAGE claims)."""
        return len(self.claims) > CLAIMS_PER_PAGE and len(self.sources) > 1

    def claims_page(self, source_id: str) -> str:
        """The site-relative URL of the claims index page that lists a source's claims."""
        return f"claims/{source_id}/" if self.claims_split_by_source else "claims/"

    def claim_url(self, claim_id: str) -> str:
        """Where a claim's entry (its anchor) is: `claims/#<id>` or, when split, per source."""
        return self.claims_page(self.claims[claim_id].claim.source) + "#" + claim_id

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

    def page_title(self, url: str) -> str:
        """The title of the page at a site-relative URL (for "cited on" links)."""
        kind, _, rest = url.partition("/")
        ident = rest.rstrip("/")
        if kind == "topics" and ident in self.topics:
            return self.topics[ident].title
        if kind == "actors" and ident in self.actors:
            return self.actors[ident].name
        for page in self.pages:
            if page_url(page.src_uri) == url:
                return markdown_title(page.markdown) or page.src_uri
        return {"timeline/": "Timeline", "glossary/": "Glossary"}.get(url, url or "Home")

    def topics_relating_to(self, topic_id: str) -> list[Topic]:
        """Related topics both ways: those this topic names and those that name it."""
        ids = {*self.topics[topic_id].related, *self._index.related_by.get(topic_id, ())}
        ids.discard(topic_id)
        return self._index.in_order(ids, self.topics, self._index.topic_rank)


_T = TypeVar("_T")


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
        for verified in kb.claims.values():
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


def markdown_title(markdown: str) -> str:
    """The text of a Markdown page's first level-one heading, or ""."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def prose_fields(data: LoadedData) -> list[tuple[str, Text]]:
    """Every prose field with the URL of the page it is shown on."""
    fields: list[tuple[str, Text]] = []
    for topic in data.topics:
        url = page_url(f"topics/{topic.id}.md")
        fields.append((url, topic.lead))
        fields.extend((url, s.body) for s in topic.sections)
    for actor in data.actors:
        fields.append((page_url(f"actors/{actor.id}.md"), actor.description))
    fields.extend((page_url("timeline.md"), e.summary) for e in data.events)
    fields.extend((page_url("glossary.md"), t.definition) for t in data.terms)
    return fields


def build(data: LoadedData, pages: Iterable[HandWrittenPage] = ()) -> KnowledgeBase:
    """Check everything; return the knowledge base or raise DataError with every problem."""
    report = Report()
    report.extend(data.problems)
    pages = tuple(pages)
    registry = _register_ids(data, report)

    def resolve(value: Text, kind: str, where: str) -> bool:
        if registry.get(value, ("", None))[0] == kind:
            return True
        if data.failed_ids.get(value) == kind or kind in data.unreadable_kinds:
            return False  # the record exists but did not load: its own problem says why
        known = [i for i, (k, _) in registry.items() if k == kind]
        close = difflib.get_close_matches(value, known, n=1)
        other = registry.get(value)
        message = f"{where}: unknown {kind} '{value}'"
        if other:
            message = f"{where}: '{value}' is {_a(other[0])}, not {_a(kind)}"
        hint = f"did you mean '{close[0]}'?" if close else f"add data for the {kind}, or fix the id"
        report.add(value.position, message, hint)
        return False

    verified: list[VerifiedClaim] = []
    sources: dict[str, Source] = {s.id: s for s in data.sources}
    for claim in data.claims:
        for topic_id in claim.topics:
            resolve(topic_id, "topic", "claim topics")
        for actor_id in claim.actors:
            resolve(actor_id, "actor", "claim actors")
        if resolve(claim.source, "source", "claim source"):
            found = _verify_quote(claim, sources[claim.source], report)
            if found:
                verified.append(found)
    orders: dict[int, Topic] = {}
    for topic in sorted(data.topics, key=lambda t: t.file):
        if topic.order in orders:
            report.add(
                topic.order_position,
                f"order {topic.order} is also used by topic '{orders[topic.order].id}'",
                "give each topic its own position in the topic list",
            )
        orders.setdefault(topic.order, topic)
    for topic in data.topics:
        for related in topic.related:
            if related == topic.id:
                report.add(related.position, "a topic cannot be related to itself", "remove it")
            else:
                resolve(related, "topic", "related topics")
    for event in data.events:
        for claim_id in event.claims:
            resolve(claim_id, "claim", "event claims")
        for actor_id in event.actors:
            resolve(actor_id, "actor", "event actors")
        if (event.date is None) == (event.when is None):
            report.add(
                event.position,
                "an event needs exactly one of 'date' and 'when'",
                "give 'date' when the source dates it, otherwise 'when' in the source's words",
            )
    _check_event_order(data.events, report)
    for term in data.terms:
        for claim_id in term.claims:
            resolve(claim_id, "claim", "glossary claims")

    cited_on: dict[str, list[str]] = defaultdict(list)
    texts = prose_fields(data) + [(page_url(p.src_uri), p.markdown) for p in pages]
    for url, text in texts:
        for segment in parse_prose(text, report.problems, text.position):
            if isinstance(segment, MacroCall):
                for ident in segment.ids:
                    located = Text(ident, segment.position)
                    if resolve(located, segment.kind, f"{segment.name}()") and (
                        segment.kind == "claim" and url not in cited_on[ident]
                    ):
                        cited_on[ident].append(url)
    report.raise_if_any()

    verified.sort(key=lambda v: (v.claim.source, v.match.start, v.match.end))
    return KnowledgeBase(
        sources=sources,
        claims={v.id: v for v in verified},
        topics={t.id: t for t in sorted(data.topics, key=lambda t: (t.order, t.title))},
        actors={a.id: a for a in sorted(data.actors, key=lambda a: a.name.casefold())},
        events=tuple(data.events),
        terms={t.id: t for t in sorted(data.terms, key=lambda t: t.term.casefold())},
        pages=pages,
        cited_on={k: tuple(v) for k, v in cited_on.items()},
    )


def _a(kind: str) -> str:
    """'a claim', 'an actor', 'an event'."""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _register_ids(data: LoadedData, report: Report) -> dict[str, tuple[str, Position]]:
    registry: dict[str, tuple[str, Position]] = {}
    records: list[tuple[str, Source | Claim | Topic | Actor | Event | Term]] = [
        *(("source", r) for r in data.sources),
        *(("claim", r) for r in data.claims),
        *(("topic", r) for r in data.topics),
        *(("actor", r) for r in data.actors),
        *(("event", r) for r in data.events),
        *(("term", r) for r in data.terms),
    ]
    for kind, item in records:
        position = position_of(item.id, item.position)
        if item.id in registry:
            first_kind, first = registry[item.id]
            report.add(
                position,
                f"id '{item.id}' is already used by {_a(first_kind)} at {first}",
                "ids must be unique across all data: choose another id",
            )
            continue
        registry[item.id] = (kind, position)
    return registry


def _verify_quote(claim: Claim, source: Source, report: Report) -> VerifiedClaim | None:
    result = match_quote(source.archive, claim.quote)
    if isinstance(result, QuoteFailure):
        report.add(
            claim.quote.position,
            f"{result.message} (source '{source.id}', {source.text_file})",
            f'{result.hint}; `make find-quote Q="…"` shows the exact text to paste',
        )
        return None
    return VerifiedClaim(claim, result)


def _check_event_order(events: list[Event], report: Report) -> None:
    latest: Event | None = None
    for event in events:
        if event.date is None:
            continue
        if (
            latest is not None
            and latest.date is not None
            and event.date < latest.date[: len(event.date)]
        ):
            report.add(
                event.date.position,
                f"event '{event.id}' ({event.date}) comes after '{latest.id}' ({latest.date})",
                "events.yaml lists events in chronological order: move it up",
            )
        latest = event


def check_all(data: LoadedData, pages: Iterable[HandWrittenPage] = ()) -> list[Problem]:
    """Every problem in the data, or an empty list."""
    try:
        build(data, pages)
    except DataError as err:
        return err.problems
    return []
