"""The real knowledge base: complete, cited, and honest about its single source (issue 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.core import editorial
from macros.core.checks import build
from macros.core.coverage import quotes_in, source_coverage
from macros.core.diagnostics import Problem
from macros.core.knowledge import KnowledgeBase
from macros.core.loader import load
from macros.core.project import hand_written_pages, load_knowledge
from macros.pages.plan import SitePlan
from macros.pages.render import render_site
from tests.sitebuild import REPO

SOURCE = "tertitskiy-2021-double-ally"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(REPO)


@pytest.fixture(scope="module")
def structure() -> KnowledgeBase:
    """The real data checked for structure only, so each editorial rule below fails on its own."""
    data = load(REPO)
    return build(data, hand_written_pages(REPO, data.problems))


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
    coverage = source_coverage(kb.sources[SOURCE], quotes_in(SOURCE, kb.claims.values()))
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


# The editorial rules, each run on its own on the real data: `make check` runs them all, and
# these name the rule that broke when it does.
def _listed(problems: list[Problem]) -> str:
    return "\n".join(map(str, problems))


def test_every_claim_is_cited_in_some_page_prose(structure: KnowledgeBase) -> None:
    assert not (found := editorial.uncited_claims(structure)), _listed(found)


def test_claims_are_cited_only_on_their_own_topics(structure: KnowledgeBase) -> None:
    assert not (found := editorial.topic_mismatches(structure)), _listed(found)


def test_assessments_and_forecasts_are_worded_as_the_authors_view(
    structure: KnowledgeBase,
) -> None:
    assert not (found := editorial.views_not_attributed(structure)), _listed(found)


def test_statements_and_dates_add_nothing_the_quotes_do_not_give(
    structure: KnowledgeBase,
) -> None:
    found = editorial.numbers_not_in_quotes(structure) + editorial.dates_not_in_quotes(structure)
    assert not found, _listed(found)


def test_every_prose_sentence_is_cited(structure: KnowledgeBase) -> None:
    """Topic, actor, timeline, glossary and hand-written pages (text about the site itself is
    marked `<!-- uncited: … -->`)."""
    assert not (found := editorial.uncited_sentences(structure)), _listed(found)


def test_home_page_states_the_argument_from_claims_and_links(kb: KnowledgeBase) -> None:
    home = (REPO / "docs" / "index.md").read_text(encoding="utf-8")
    brief = home.split("## The argument in brief", 1)[1].split("\n## ", 1)[0]
    assert brief.count('{{ claim("') + brief.count('{{ link("') >= 5
    assert '{{ link("' in brief


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


def test_actor_and_topic_pages_list_undated_events_apart_by_title(kb: KnowledgeBase) -> None:
    """Only the timeline's dated events have an order; the undated ones say they have none."""
    pages = {p.src_uri: p.content for p in render_site(SitePlan(kb))}
    page = pages["actors/russia.md"].split("{ #_events }", 1)[1].split("\n## ", 1)[0]
    dated, undated = page.split('<p class="undated-note">', 1)
    events = {str(e.id): e for e in kb.events}
    titles = {i: str(e.title) for i, e in events.items()}

    def listed(markup: str) -> list[str]:
        return re.findall(r'href="\.\./\.\./timeline/#([^"]+)"', markup)

    dates = [str(events[i].date) for i in listed(dated)]
    assert dates and dates == sorted(dates)
    assert listed(undated) and all(events[i].date is None for i in listed(undated))
    assert [titles[i] for i in listed(undated)] == sorted(titles[i] for i in listed(undated))
    assert undated.startswith("Not dated by the sources, so listed by title, not in the order")
