"""Cross-checking loaded data into a knowledge base, collecting every problem first.

Every id must be unique across all kinds, every reference must resolve, every quote must be found
exactly once in its source, and every macro call in prose must name an entity that exists. All
problems are collected; the knowledge base is only returned when there are none.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable

from macros.core.diagnostics import DataError, Position, Problem, Report
from macros.core.knowledge import CitedIn, HandWrittenPage, KnowledgeBase
from macros.core.loader import LoadedData
from macros.core.model import Actor, Claim, Event, Source, Term, Topic, VerifiedClaim
from macros.core.problems import Code
from macros.core.prose import MacroCall, parse_prose
from macros.core.quotes import QuoteFailure, match_quote
from macros.core.text import Text, position_of


def prose_fields(data: LoadedData) -> list[tuple[CitedIn, Text]]:
    """Every prose field with whose prose it is."""
    fields: list[tuple[CitedIn, Text]] = []
    for topic in data.topics:
        owner = CitedIn("topic", topic.id)
        fields.append((owner, topic.lead))
        fields.extend((owner, s.body) for s in topic.sections)
    for actor in data.actors:
        fields.append((CitedIn("actor", actor.id), actor.description))
    fields.extend((CitedIn("event", e.id), e.summary) for e in data.events)
    fields.extend((CitedIn("term", t.id), t.definition) for t in data.terms)
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
        code, message = Code.UNKNOWN_REFERENCE, f"{where}: unknown {kind} '{value}'"
        if other:
            code = Code.WRONG_REFERENCE_KIND
            message = f"{where}: '{value}' is {_a(other[0])}, not {_a(kind)}"
        hint = f"did you mean '{close[0]}'?" if close else f"add data for the {kind}, or fix the id"
        report.add(code, value.position, message, hint)
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
    _check_topic_orders(data.topics, report)
    for topic in data.topics:
        for related in topic.related:
            if related == topic.id:
                report.add(
                    Code.SELF_REFERENCE,
                    related.position,
                    "a topic cannot be related to itself",
                    "remove it",
                )
            else:
                resolve(related, "topic", "related topics")
    for event in data.events:
        for claim_id in event.claims:
            resolve(claim_id, "claim", "event claims")
        for actor_id in event.actors:
            resolve(actor_id, "actor", "event actors")
        if (event.date is None) == (event.when is None):
            report.add(
                Code.EVENT_DATE_OR_WHEN,
                event.position,
                "an event needs exactly one of 'date' and 'when'",
                "give 'date' when the source dates it, otherwise 'when' in the source's words",
            )
    _check_event_order(data.events, report)
    for term in data.terms:
        for claim_id in term.claims:
            resolve(claim_id, "claim", "glossary claims")

    cited_in: dict[str, list[CitedIn]] = defaultdict(list)
    texts = prose_fields(data) + [(CitedIn("page", p.src_uri), p.markdown) for p in pages]
    for owner, text in texts:
        for segment in parse_prose(text, report.problems, text.position):
            if isinstance(segment, MacroCall):
                for ident in segment.ids:
                    located = Text(ident, segment.position)
                    if resolve(located, segment.kind, f"{segment.name}()") and (
                        segment.kind == "claim" and owner not in cited_in[ident]
                    ):
                        cited_in[ident].append(owner)
    report.raise_if_any()

    verified.sort(key=lambda v: (v.claim.source, v.match.start, v.match.end))
    return KnowledgeBase(
        sources=sources,
        claims={v.id: v for v in verified},
        topics={t.id: t for t in sorted(data.topics, key=topic_list_position)},
        actors={a.id: a for a in sorted(data.actors, key=lambda a: a.name.casefold())},
        events=tuple(data.events),
        terms={t.id: t for t in sorted(data.terms, key=lambda t: t.term.casefold())},
        pages=pages,
        cited_in={k: tuple(v) for k, v in cited_in.items()},
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
                Code.DUPLICATE_ID,
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
            result.code,
            claim.quote.position,
            f"{result.message} (source '{source.id}', {source.text_file})",
            f"{result.hint}; `make find-quote` (then paste the words) shows the exact text",
        )
        return None
    return VerifiedClaim(claim, result)


def topic_list_position(topic: Topic) -> tuple[bool, int, str]:
    """Where a topic stands in the topic list: by `order`, then those without one by title."""
    return (topic.order is None, topic.order or 0, topic.title.casefold())


def _check_topic_orders(topics: list[Topic], report: Report) -> None:
    numbered = [t for t in topics if t.order is not None]
    next_free = max((t.order or 0 for t in numbered), default=0) + 1
    first: dict[int, Topic] = {}
    for topic in sorted(numbered, key=lambda t: t.file):
        assert topic.order is not None
        if topic.order in first:
            report.add(
                Code.DUPLICATE_ORDER,
                topic.order.position,
                f"order {topic.order} is also used by topic '{first[topic.order].id}'",
                f"give each topic its own position: {next_free} is the next free number, "
                "or leave 'order' out to list the topic after the numbered ones, by title",
            )
        first.setdefault(topic.order, topic)


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
                Code.EVENT_OUT_OF_ORDER,
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
