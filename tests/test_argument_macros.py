"""Macros that cite the reasoning and the sources themselves: cite_source() (and link())."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.core.knowledge import KnowledgeBase
from macros.core.problems import Code
from macros.core.project import load_knowledge
from macros.pages.plan import SitePlan
from macros.pages.render import render_site
from tests.helpers import SOURCE_ID, Project, problem_at, problems_of, write_project

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
        r'<sup class="cite cite-source" id="_cite-ref-(\d+)"[^>]*>'
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
