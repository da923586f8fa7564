"""Cross-checking loaded data into a knowledge base, collecting every problem first.

Every id must be unique across all kinds, every reference must resolve, every quote must be found
exactly once in its source, and every macro call in prose must name an entity that exists. All
problems are collected; the knowledge base is only returned when there are none.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from macros.core.date_checks import check_dates, today
from macros.core.diagnostics import DataError, Problem, Report
from macros.core.knowledge import CitedIn, HandWrittenPage, KnowledgeBase
from macros.core.link_checks import check_reasoning_cycles, verify_links
from macros.core.loader import LoadedData
from macros.core.model import Claim, Event, Source, Topic, VerifiedClaim
from macros.core.passage_checks import PassageLinks, check_passage
from macros.core.problems import Code
from macros.core.prose import MacroCall, parse_prose
from macros.core.quote_checks import claim_quotes
from macros.core.references import References
from macros.core.text import Text


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


def build(
    data: LoadedData, pages: Iterable[HandWrittenPage] = (), *, on: dt.date | None = None
) -> KnowledgeBase:
    """Check everything; return the knowledge base or raise DataError with every problem.

    `on` is the day the dates are checked against (default: `date_checks.today()`).
    """
    report = Report()
    report.extend(data.problems)
    pages = tuple(pages)
    refs = References(data, report)
    resolve = refs.resolve

    sources: dict[str, Source] = {s.id: s for s in data.sources}
    verified = _verified_claims(data, sources, refs, report)
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
    check_dates(sources.values(), data.claims, data.events, on or today(), report)
    for term in data.terms:
        for claim_id in term.claims:
            resolve(claim_id, "claim", "glossary claims")

    cited_in: dict[str, list[CitedIn]] = defaultdict(list)
    texts = prose_fields(data) + [(CitedIn("page", p.src_uri), p.markdown) for p in pages]
    by_id = {v.id: v for v in verified}
    passage_links = PassageLinks(verified)
    for owner, text in texts:
        for segment in parse_prose(text, report.problems, text.position):
            if isinstance(segment, MacroCall):
                for ident in segment.ids:
                    located = Text(ident, segment.position)
                    if resolve(located, segment.kind, f"{segment.name}()") and (
                        segment.kind == "claim" and owner not in cited_in[ident]
                    ):
                        cited_in[ident].append(owner)
                if segment.name == "link":
                    check_passage(segment, by_id, passage_links, report)
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


def _verified_claims(
    data: LoadedData, sources: Mapping[str, Source], refs: References, report: Report
) -> list[VerifiedClaim]:
    """Every claim whose references resolve and whose quotes and links all check out."""
    claims: dict[str, Claim] = {}
    for claim in data.claims:
        claims.setdefault(claim.id, claim)  # a repeated id is reported, and the first one used
    verified: list[VerifiedClaim] = []
    for claim in data.claims:
        for topic_id in claim.topics:
            refs.resolve(topic_id, "topic", "claim topics")
        for actor_id in claim.actors:
            refs.resolve(actor_id, "actor", "claim actors")
        if not refs.resolve(claim.source, "source", "claim source"):
            continue
        quotes = claim_quotes(claim, sources, refs, report)
        links = verify_links(claim, claims, sources, refs, report)
        if quotes is not None and links is not None:
            verified.append(VerifiedClaim(claim, quotes[0], quotes[1], links))
    check_reasoning_cycles((lk for v in verified for lk in v.links), report)
    return verified


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
                "the timeline lists events in chronological order (events.yaml, then events/ by file "
                "name): move it up",
            )
        latest = event


def check_all(data: LoadedData, pages: Iterable[HandWrittenPage] = ()) -> list[Problem]:
    """Every problem in the data, or an empty list."""
    try:
        build(data, pages)
    except DataError as err:
        return err.problems
    return []
