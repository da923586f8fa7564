"""Macros that cite the reasoning and the sources themselves: cite_source() (and link())."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from macros.core.diagnostics import Problem
from macros.core.knowledge import KnowledgeBase
from macros.core.problems import Code
from macros.core.project import load_knowledge
from macros.pages.plan import SitePlan
from macros.pages.render import render_site
from tests.helpers import (
    SOURCE_ID,
    Project,
    problem_at,
    problems_of,
    write_argued_project,
    write_project,
)

ABOUT_SOURCE = """\
# Topic: the article itself
title: About the article
order: 3
lead: >-
  The article was written by A. N. Author for Example Press. {{ cite_source("sample-article") }}
  {{ claim("trade-grew") }}
sections:
  - heading: Whose words
    body: |
      It appeared in 2021. {{ cite_source("sample-article") }}
"""


def project_with(root: Path, topic: str) -> Project:
    project = write_project(root)
    project.write("data/topics/about.yaml", topic)
    # The page cites trade-grew, so the claim lists its topic.
    project.replace(
        "data/claims/core.yaml",
        "  topics: [trade]\n  actors: [south-korea, russia]\n",
        "  topics: [trade, about]\n  actors: [south-korea, russia]\n",
    )
    return project


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(project_with(tmp_path_factory.mktemp("cite-source"), ABOUT_SOURCE).root)


@pytest.fixture(scope="module")
def about_page(kb: KnowledgeBase) -> str:
    return {p.src_uri: p.content for p in render_site(SitePlan(kb))}["topics/about.md"]


def test_cite_source_is_a_marker_opening_the_source_page(about_page: str) -> None:
    markers = re.findall(
        r'<sup class="cite cite-source" id="_cite-ref-(\d+)"[^>]*>\u2060'
        r'<a class="cite-link" href="([^"]+)"[^>]*>\[(\d+)\]</a>',
        about_page,
    )
    assert [(href, number) for _, href, number in markers] == [
        (f"../../sources/{SOURCE_ID}/", "1"),
        (f"../../sources/{SOURCE_ID}/", "1"),  # the same source keeps its number
    ]


def test_cite_source_preview_shows_who_published_it_when_and_the_archived_checksum(
    kb: KnowledgeBase, about_page: str
) -> None:
    preview = about_page.split('class="cite cite-source"', 1)[1].split("</sup>", 1)[0]
    source = kb.sources[SOURCE_ID]
    assert "A&#46; N&#46; Author" in preview
    assert "<cite>A Sample Article</cite>" in preview
    assert "Example Press" in preview
    assert "15 July 2021" in preview
    assert f"<code>{source.sha256}</code>" in preview
    assert "Open source" in preview


def test_cite_source_has_a_note_of_its_own_beside_the_claims(about_page: str) -> None:
    notes = about_page.split("## Sources on this page", 1)[1]
    assert re.search(
        rf'id="_source-note-1">.*?<a href="../../sources/{SOURCE_ID}/">Author 2021, publication '
        r"details</a>",
        notes,
    )
    assert re.search(r'id="_source-note-2">.*?<a href="../../claims/#trade-grew">', notes)
    # The full reference is given once, though two notes name the source.
    assert notes.count("Example Press") == 1


def test_cite_source_adds_no_claim_text_to_the_description(about_page: str) -> None:
    assert 'description: "The article was written by A. N. Author for Example Press. Seoul’s' in (
        about_page
    )


def test_cite_source_with_an_unknown_source_is_a_located_error(tmp_path: Path) -> None:
    project = project_with(
        tmp_path,
        ABOUT_SOURCE.replace(
            'cite_source("sample-article") }}\n', 'cite_source("sample-artcle") }}\n', 1
        ),
    )
    problem = problem_at(
        problems_of(project.root),
        "data/topics/about.yaml:4:7",  # a folded block (>-) is located at its start
        Code.UNKNOWN_REFERENCE,
        "cite_source(): unknown source 'sample-artcle'",
    )
    assert problem.hint == "did you mean 'sample-article'?"


def test_cite_source_names_a_source_not_a_claim(tmp_path: Path) -> None:
    project = project_with(
        tmp_path,
        ABOUT_SOURCE.replace(
            'cite_source("sample-article") }}\n', 'cite_source("trade-grew") }}\n', 1
        ),
    )
    problem_at(
        problems_of(project.root),
        "data/topics/about.yaml:4:7",  # a folded block (>-) is located at its start
        Code.WRONG_REFERENCE_KIND,
        "'trade-grew' is a claim, not a source",
    )


# -- link() ----------------------------------------------------------------------------------

LINKED_TOPIC = """\
# Topic: the port's argument, told from its links
title: The river port
order: 3
lead: >-
  {{ link("shippers-prefer-port", "fees-rose", "road-slower", "cooperative-moved") }}
sections:
  - heading: Growth
    body: |
      {{ link("traffic-grew", "faster-loading") }} {{ link("faster-loading", "loading-three-hours") }}

      {{ link("port-will-grow", "will-port-grow") }}
  - heading: More
    body: |
      {{ claim("port-handles-trade") }} {{ claim("seoul-trade-grew-too") }} {{ claim("channel-dredged") }}
"""


def argued_project(root: Path, topic: str = LINKED_TOPIC) -> Project:
    project = write_argued_project(root)
    project.write("data/topics/port.yaml", topic)
    return project


@pytest.fixture(scope="module")
def argued(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(argued_project(tmp_path_factory.mktemp("argued")).root)


@pytest.fixture(scope="module")
def port_page(argued: KnowledgeBase) -> str:
    return {p.src_uri: p.content for p in render_site(SitePlan(argued))}["topics/port.md"]


def as_text(html_text: str) -> str:
    """Rendered prose as a reader sees it, with each marker as [n]."""
    text = re.sub(r'<span class="cite-preview".*?</span></sup>', "</sup>", html_text, flags=re.S)
    text = re.sub(r"<sup[^>]*>.*?\[(\d+)\].*?</sup>", r"[\1]", text, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def brief(page: str) -> str:
    block = page.split('<div class="lead argument-in-brief">', 1)[1].split("</div>", 1)[0]
    return " ".join(as_text(block).split())


def test_a_passage_joins_the_claims_with_their_connectives(port_page: str) -> None:
    assert brief(port_page) == (
        "Although[1] the port’s fees rose twice this year[2], shippers prefer the port[3], "
        "because[4] the author finds the road slower still than the port[5]: for example[6], the grain "
        "cooperative moved all its cargo to barges[7]."
    )


def test_each_connective_carries_its_link_marker_with_quote_relation_and_basis(
    port_page: str,
) -> None:
    markers = re.findall(
        r'(\w+)<sup class="cite cite-joint" id="_cite-ref-\d+"[^>]*><a class="cite-link" '
        r'href="([^"]+)"[^>]*>\[\d+\]</a><span class="cite-preview"[^>]*>'
        r'<span class="cite-quote">“([^”]*)”</span> <span class="cite-meta">([^<]*)'
        r'<span class="kind kind-(\w+)">',
        port_page,
    )
    by_word: dict[str, tuple[str, str, str, str]] = {}
    for word, href, quote, meta, basis in markers:  # the first connective of each word
        by_word.setdefault(word, (href, html.unescape(quote), html.unescape(meta), basis))
    assert by_word["because"] == (
        "../../claims/#_link-shippers-prefer-port--because--road-slower",
        "prefer the port: the road is slower",
        "Author 2021a, ¶ 3 · link: because · ",
        "assessment",
    )
    assert by_word["Although"][1] == "Despite the fees rising twice this year, shippers"
    assert by_word["example"][1] == "One example is the grain cooperative"
    # A link the source states as fact says so.
    evidence = port_page.split("the evidence<sup", 1)[1].split("</sup>", 1)[0]
    assert '<span class="kind kind-fact">fact</span>' in evidence


def test_link_markers_have_notes_of_their_own(port_page: str) -> None:
    notes = html.unescape(port_page.split("## Sources on this page", 1)[1])
    assert (
        '<a href="../../claims/#_link-shippers-prefer-port--despite--fees-rose">Author 2021a, ¶ 3, '
        "link: despite</a>"
    ) in notes


def test_reasons_nest_and_an_answer_follows_its_question(port_page: str) -> None:
    growth = " ".join(as_text(port_page.split("## Growth", 1)[1].split("## ", 1)[0]).split())
    assert (
        "Traffic through the port grew by a third[8], because[9] the new cranes load a barge in half the time[10]."
        in growth
    )
    assert (
        "The new cranes load a barge in half the time[10]; the evidence[11]: loading a barge takes three hours instead of six[12]."
        in growth
    )
    assert (
        "The author asks whether the port will keep growing.[13] The answer[14]: the author "
        "expects the port to keep growing, but only if the channel is dredged every year[15]."
    ) in growth


def test_a_passage_reads_as_plain_text_in_the_description(port_page: str) -> None:
    assert port_page.split("description: ", 1)[1].startswith(
        '"Although the port’s fees rose twice this year, shippers prefer the port, because the '
        "author finds the road slower still than the port: for example, the grain cooperative"
    )


def test_a_passage_cites_every_claim_it_names(argued: KnowledgeBase) -> None:
    for claim_id in ("shippers-prefer-port", "fees-rose", "road-slower", "cooperative-moved"):
        assert ("topic", "port") in [(c.kind, c.ident) for c in argued.cited_in[claim_id]]


def broken_link_call(tmp_path: Path, call: str) -> list[Problem]:
    topic = LINKED_TOPIC.replace(
        '{{ link("shippers-prefer-port", "fees-rose", "road-slower", "cooperative-moved") }}', call
    )
    return problems_of(argued_project(tmp_path, topic).root)


WHERE = "data/topics/port.yaml:4:7"  # a folded block (>-) is located at its start


def test_a_claim_not_linked_to_the_first_is_an_error_naming_those_that_are(
    tmp_path: Path,
) -> None:
    problem = problem_at(
        broken_link_call(tmp_path, '{{ link("shippers-prefer-port", "traffic-grew") }}'),
        WHERE,
        Code.PASSAGE_NOT_LINKED,
        "link(): 'traffic-grew' is not linked to 'shippers-prefer-port'",
    )
    assert problem.hint == (
        "link them in `links:` of one of the two, or name a claim linked to "
        "'shippers-prefer-port': cooperative-moved, fees-rose, road-slower"
    )


def test_a_first_claim_without_links_says_so(tmp_path: Path) -> None:
    problem = problem_at(
        broken_link_call(tmp_path, '{{ link("port-handles-trade", "traffic-grew") }}'),
        WHERE,
        Code.PASSAGE_NOT_LINKED,
    )
    assert (
        problem.hint == "'port-handles-trade' has no links yet: add one to `links:` of either claim"
    )


def test_an_unknown_claim_in_a_passage_is_an_unknown_reference(tmp_path: Path) -> None:
    problem_at(
        broken_link_call(tmp_path, '{{ link("shippers-prefer-port", "fees-rise") }}'),
        WHERE,
        Code.UNKNOWN_REFERENCE,
        "link(): unknown claim 'fees-rise'",
    )


@pytest.mark.parametrize(
    ("call", "named"),
    [
        ('{{ link("fees-rose", "shippers-prefer-port", "shippers-prefer-port") }}', "the claim"),
        ('{{ link("fees-rose", "fees-rose") }}', "its first claim"),
    ],
)
def test_a_claim_named_twice_is_an_error(tmp_path: Path, call: str, named: str) -> None:
    problem_at(
        broken_link_call(tmp_path, call), WHERE, Code.PASSAGE_REPEATS_CLAIM, f"names {named}"
    )


def test_a_passage_can_follow_other_claims_in_one_way_only(tmp_path: Path) -> None:
    problem = problem_at(
        broken_link_call(
            tmp_path, '{{ link("port-will-grow", "will-port-grow", "channel-dredged") }}'
        ),
        WHERE,
        Code.PASSAGE_FOLLOWS_TWO,
        "'port-will-grow' comes after 'will-port-grow' (answers) and 'channel-dredged' "
        "(depends-on) in a passage, in two ways",
    )
    assert problem.hint == "write one link() call for each way"


def test_link_needs_a_claim_to_link_to(tmp_path: Path) -> None:
    problem_at(
        broken_link_call(tmp_path, '{{ link("fees-rose") }}'),
        WHERE,
        Code.MACRO_SYNTAX,
        "link() takes 2 to 13 arguments, got 1",
    )
