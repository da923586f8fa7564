"""Dates that contradict each other, the sources, or the calendar.

A date is only as precise as its source: "2021" stands for any day of 2021, "2021-07" for any day of
July 2021. One date is *after* another only when it is after every day the other may stand for, so
a claim dated "2021" from a source published on 2021-07-15 passes, and one dated "2021-08" does not.

Checked here: a source is not published after it was retrieved, and neither lies after today; a
claim's `date` and a dated event lie no later than the newest source quoted for them (a claim: its
own quote and its evidence; an event: those of every claim it lists). The site
is "as of" its sources and must not imply later events: a forecast may be about the future, but its
`date` says when things happened, so it too stays within its sources.

"Today" is the latest calendar date anywhere on Earth (UTC+14) at the moment given by
`SOURCE_DATE_EPOCH` when it is set, so that a build of one commit gives one answer, else now.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from macros.core.diagnostics import Report
from macros.core.model import Claim, Event, SourceMetadata
from macros.core.problems import Code
from macros.core.text import Text

_EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14))  # where a new day begins first


@dataclass(frozen=True)
class Span:
    """The days a `YYYY[-MM[-DD]]` date may stand for."""

    first: dt.date
    last: dt.date

    @classmethod
    def of(cls, value: str) -> Span:
        parts = [int(p) for p in value.split("-")]
        year = parts[0]
        if len(parts) == 1:
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))
        month = parts[1]
        if len(parts) == 2:
            return cls(dt.date(year, month, 1), dt.date(year, month, _days_in(year, month)))
        day = dt.date(year, month, parts[2])
        return cls(day, day)

    def after(self, other: Span) -> bool:
        """Whether every day this date may stand for comes after every day `other` may."""
        return self.first > other.last


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def today(environ: Mapping[str, str] | None = None) -> dt.date:
    """The latest date anywhere at SOURCE_DATE_EPOCH (when set to a number of seconds), else now."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.astimezone(_EARLIEST_ZONE).date()


def check_dates(
    sources: Iterable[SourceMetadata],
    claims: Iterable[Claim],
    events: Iterable[Event],
    on: dt.date,
    report: Report,
) -> None:
    """Report every date that lies after today, after its sources, or before its counterpart."""
    published: dict[str, Text] = {}
    now = Span(on, on)
    for source in sources:
        published[source.id] = source.published
        for name, value in (("published", source.published), ("retrieved", source.retrieved)):
            if Span.of(value).after(now):
                report.add(
                    Code.DATE_IN_FUTURE,
                    value.position,
                    f"{name} {value} is after today ({on.isoformat()})",
                    "correct the date (today is the date of SOURCE_DATE_EPOCH when it is set)",
                )
        if Span.of(source.published).after(Span.of(source.retrieved)):
            report.add(
                Code.PUBLISHED_AFTER_RETRIEVED,
                source.published.position,
                f"published {source.published} is after retrieved {source.retrieved}: the text "
                "was archived before it existed",
                "correct one of the two dates",
            )
    claims = list(claims)
    # A link's quote comes from a source both of its claims quote (link_checks), so links add none.
    quoted = {claim.id: claim.sources_quoted for claim in claims}
    for claim in claims:
        if claim.date is not None:
            hint = "date it no later than that, only as precisely as the source, or leave it out"
            if claim.kind == "forecast":
                hint = (
                    "a forecast's date says when things happened, not what it foresees: say the "
                    "foreseen time in the statement, in the source's words, and date the claim "
                    "no later than its source, or leave 'date' out"
                )
            what = f"claim date {claim.date} lies after the newest source it quotes"
            _check_within(claim.date, what, quoted[claim.id], published, hint, report)
    for event in events:
        if event.date is None:
            continue
        ids = {s for claim_id in event.claims for s in quoted.get(claim_id, ())}
        _check_within(
            event.date,
            f"event date {event.date} lies after the newest source its claims quote",
            ids,
            published,
            "correct the date, or list the claims of a source that reports the event",
            report,
        )


def _check_within(
    date: Text,
    what: str,
    source_ids: Iterable[str],
    published: Mapping[str, Text],
    hint: str,
    report: Report,
) -> None:
    """Report `date` when it lies after the newest of the sources (unknown ids are reported
    elsewhere and left out here)."""
    dates = [published[s] for s in sorted(source_ids) if s in published]
    if not dates:
        return
    newest = max(dates, key=lambda d: Span.of(d).last)
    if Span.of(date).after(Span.of(newest)):
        source = next(s for s in sorted(source_ids) if published.get(s) == newest)
        report.add(
            Code.DATE_AFTER_SOURCES,
            date.position,
            f"{what} ('{source}', published {newest}): "
            "the site would imply something its sources cannot know",
            hint,
        )
