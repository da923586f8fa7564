"""Dates that contradict each other, the sources or the calendar are refused, each at its field.

A source published after it was retrieved, or either after today; a claim's `date` or a dated
event after the newest source quoted for it. Dates are compared as honestly as their precision
allows: "2021" from a source published on 2021-07-15 may be right, "2021-08" cannot be.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.date_checks import Span, today
from macros.core.diagnostics import DataError
from macros.core.problems import Code
from macros.core.project import load_knowledge
from tests.helpers import (
    ESSAY_ID,
    SOURCE_ID,
    Project,
    problem_at,
    problems_of,
    write_argued_project,
    write_project,
)

SOURCE = f"data/sources/{SOURCE_ID}.yaml"
ESSAY = f"data/sources/{ESSAY_ID}.yaml"
CLAIMS = "data/claims/core.yaml"
EVENTS = "data/events.yaml"
NOON_2026_11_27 = "1795780800"  # 2026-11-27T12:00:00Z: already 2026-11-28 in UTC+14

GENERATED = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOON_2026_11_27)


def _days(value: str) -> list[dt.date]:
    """Every day a date may stand for, found by walking the calendar (not by Span's arithmetic)."""
    year = int(value[:4])
    day, found = dt.date(year, 1, 1), []
    while day.year == year:
        if day.isoformat().startswith(value):
            found.append(day)
        day += dt.timedelta(days=1)
    return found


@st.composite
def dates(draw: st.DrawFn, first: int = 2019, last: int = 2022) -> str:
    """A date of any precision: YYYY, YYYY-MM or YYYY-MM-DD (leap days and month ends included)."""
    day = draw(st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31)))
    return day.isoformat()[: draw(st.sampled_from([4, 7, 10]))]


# -- the comparison ------------------------------------------------------------------------------


@GENERATED
@given(dates(), dates())
def test_a_date_is_after_another_only_when_every_day_of_it_is(a: str, b: str) -> None:
    assert Span.of(a).after(Span.of(b)) == (min(_days(a)) > max(_days(b)))


@pytest.mark.parametrize(
    ("claim_date", "after"),
    [
        ("2021", False),
        ("2021-07", False),
        ("2021-07-15", False),
        ("2021-07-16", True),
        ("2021-08", True),
        ("2022", True),
    ],
)
def test_precision_is_compared_honestly(claim_date: str, after: bool) -> None:
    assert Span.of(claim_date).after(Span.of("2021-07-15")) is after


def test_today_is_the_latest_date_anywhere_at_source_date_epoch() -> None:
    assert today({"SOURCE_DATE_EPOCH": NOON_2026_11_27}) == dt.date(2026, 11, 28)
    assert today({"SOURCE_DATE_EPOCH": "1795741200"}) == dt.date(2026, 11, 27)  # 01:00Z
    now = dt.datetime.now(dt.UTC)
    assert today({}) in (now.date(), now.date() + dt.timedelta(days=1))


# -- located messages ----------------------------------------------------------------------------


def test_a_source_published_after_it_was_retrieved(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.replace(SOURCE, 'published: "2021-07-15"', 'published: "2026-11-28"')
    problems = problems_of(tmp_path)
    found = problem_at(problems, project.at(SOURCE, '"2026-11-28"'), Code.PUBLISHED_AFTER_RETRIEVED)
    assert "published 2026-11-28 is after retrieved 2026-11-27" in found.message


def test_a_month_of_publication_may_hold_the_day_of_retrieval(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.replace(SOURCE, 'published: "2021-07-15"', 'published: "2026-11"')
    load_knowledge(tmp_path)


@pytest.mark.parametrize("field", ["published", "retrieved"])
def test_a_source_date_after_today(tmp_path: Path, field: str) -> None:
    project = write_project(tmp_path)
    old = '"2021-07-15"' if field == "published" else '"2026-11-27"'
    project.replace(SOURCE, f"{field}: {old}", f'{field}: "2026-11-29"')
    if field == "published":
        project.replace(SOURCE, 'retrieved: "2026-11-27"', 'retrieved: "2026-11"')
    found = problem_at(
        problems_of(tmp_path), project.at(SOURCE, '"2026-11-29"'), Code.DATE_IN_FUTURE
    )
    assert found.message == f"{field} 2026-11-29 is after today (2026-11-28)"
    assert "SOURCE_DATE_EPOCH" in found.hint


def test_today_moves_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = write_project(tmp_path)
    project.replace(SOURCE, 'retrieved: "2026-11-27"', 'retrieved: "2026-11-28"')
    load_knowledge(tmp_path)  # 2026-11-28 has begun somewhere at noon UTC on the 27th
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795741200")
    problem_at(problems_of(tmp_path), project.at(SOURCE, '"2026-11-28"'), Code.DATE_IN_FUTURE)


@pytest.mark.parametrize(
    ("date", "refused"),
    [
        ("2021", False),
        ("2021-07-15", False),
        ("2021-07-16", True),
        ("2021-08", True),
        ("2022", True),
    ],
)
def test_a_claim_date_after_its_source(tmp_path: Path, date: str, refused: bool) -> None:
    project = write_project(tmp_path)
    project.replace(CLAIMS, 'date: "1990"', f'date: "{date}"')
    project.replace(EVENTS, 'date: "1990"', 'date: "1989"')  # the event keeps its own date
    if not refused:
        load_knowledge(tmp_path)
        return
    found = problem_at(
        problems_of(tmp_path), project.at(CLAIMS, f'"{date}"'), Code.DATE_AFTER_SOURCES
    )
    assert found.message == (
        f"claim date {date} lies after the newest source it quotes ('{SOURCE_ID}', published "
        "2021-07-15): the site would imply something its sources cannot know"
    )


def test_a_forecast_may_not_be_dated_when_what_it_foresees_happens(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.replace(
        CLAIMS,
        '  kind: fact\n  topics: [trade]\n  actors: [south-korea, russia]\n  date: "1990"',
        '  kind: forecast\n  topics: [trade]\n  actors: [south-korea, russia]\n  date: "2030"',
    )
    project.replace(EVENTS, 'date: "1990"', 'date: "1989"')
    found = problem_at(problems_of(tmp_path), project.at(CLAIMS, '"2030"'), Code.DATE_AFTER_SOURCES)
    assert "forecast" in found.hint and "statement" in found.hint


def test_an_event_after_the_sources_of_its_claims(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.replace(EVENTS, 'date: "1990"', 'date: "2021-09"')
    found = problem_at(
        problems_of(tmp_path), project.at(EVENTS, '"2021-09"'), Code.DATE_AFTER_SOURCES
    )
    assert found.message.startswith(
        "event date 2021-09 lies after the newest source its claims quote ('sample-article', "
        "published 2021-07-15)"
    )


def _later_essay(project: Project) -> None:
    """The port essay published in 2022: quoting it lets a claim be dated 2022."""
    project.replace(ESSAY, 'published: "2021-07-15"', 'published: "2022-03"')


def test_evidence_from_a_newer_source_counts(tmp_path: Path) -> None:
    project = write_argued_project(tmp_path)
    _later_essay(project)
    # seoul-trade-grew-too quotes the essay itself and the sample article as evidence; trade-grew
    # quotes only the sample article.
    project.replace(
        "data/claims/port.yaml",
        "  topics: [port]\n  actors: [south-korea, russia]\n",
        '  topics: [port]\n  actors: [south-korea, russia]\n  date: "2022"\n',
    )
    load_knowledge(tmp_path)
    project.replace(CLAIMS, 'date: "1990"', 'date: "2022"')
    project.replace(EVENTS, 'date: "1990"', 'date: "1989"')
    problem_at(problems_of(tmp_path), project.at(CLAIMS, '"2022"'), Code.DATE_AFTER_SOURCES)


# -- generated dates -----------------------------------------------------------------------------


@settings(GENERATED, max_examples=60)
@given(
    published=dates(2020, 2027),
    retrieved=dates(2020, 2027),
    claim=dates(2020, 2027),
    event=dates(2020, 2027),
)
def test_generated_dates_are_refused_exactly_when_they_contradict(
    published: str, retrieved: str, claim: str, event: str
) -> None:
    """Whatever the four dates, each contradiction is reported at its field, and nothing else."""
    on = dt.date(2026, 11, 28)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        project = write_project(root)
        where = {  # the opening quote of each value: where a problem with it is reported
            "P": project.at(SOURCE, '"2021-07-15"'),
            "R": project.at(SOURCE, '"2026-11-27"'),
            "C": project.at(CLAIMS, '"1990"'),
            "E": project.at(EVENTS, '"1990"'),
        }
        project.replace(SOURCE, 'published: "2021-07-15"', f'published: "{published}"')
        project.replace(SOURCE, 'retrieved: "2026-11-27"', f'retrieved: "{retrieved}"')
        project.replace(CLAIMS, 'date: "1990"', f'date: "{claim}"')
        project.replace(EVENTS, 'date: "1990"', f'date: "{event}"')
        expected: set[tuple[str, Code]] = set()
        first, last = min(_days(published)), max(_days(published))
        if first > on:
            expected.add((where["P"], Code.DATE_IN_FUTURE))
        if min(_days(retrieved)) > on:
            expected.add((where["R"], Code.DATE_IN_FUTURE))
        if first > max(_days(retrieved)):
            expected.add((where["P"], Code.PUBLISHED_AFTER_RETRIEVED))
        if min(_days(claim)) > last:
            expected.add((where["C"], Code.DATE_AFTER_SOURCES))
        if min(_days(event)) > last:
            expected.add((where["E"], Code.DATE_AFTER_SOURCES))
        # Once the dates agree, the editorial rules run: a claim date is one its quote states
        # ("1990") or its source's own.
        if not expected and claim != "1990" and not published.startswith(claim):
            expected.add((where["C"], Code.DATE_NOT_IN_QUOTE))
        try:
            load_knowledge(root)
            found: set[tuple[str, Code]] = set()
        except DataError as err:
            found = {(str(p.position), p.code) for p in err.problems}
    assert found == expected
