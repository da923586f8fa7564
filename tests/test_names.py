"""Names the data shares with the site: refused with their location before anything is written.

A topic, actor or source id is a page address; a docs/ file has one too; contributors' headings
become anchors. Each name that something of the site already has is refused, by `make check`,
`generate` and the MkDocs hook alike (tests/test_generated_collisions.py tries every name of the
built site, and the real build). The site's own element ids begin with `_`, which no data id can.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify  # type: ignore[import-untyped]

from macros.core.diagnostics import DataError, Problem
from macros.core.problems import Code
from macros.core.settings import SETTINGS
from macros.engines.generate import generate
from macros.pages import routes
from macros.pages.anchors import section_anchors, site_id, slug
from macros.pages.names import checked_plan, output_path
from tests.helpers import SOURCE_ID, Project, problem_at, write_project
from tests.test_contrib_check import run_check


def _problems(root: Path) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        checked_plan(root)
    return raised.value.problems


def _copy(project: Project, rel: str, to: str) -> None:
    project.write(to, project.read(rel).replace("order: 2\n", ""))


# -- the site's own ids -----------------------------------------------------------------------------


def test_the_sites_ids_are_in_a_namespace_no_data_id_can_enter() -> None:
    assert site_id("claim-filters") == "_claim-filters"
    assert site_id("from-sample-article") == "_from-sample-article"
    with pytest.raises(ValueError, match="not a kebab-case name"):
        site_id("Claim Filters")


@pytest.mark.parametrize(
    "heading",
    [
        "The railway",
        "China’s sphere",
        "When Moscow confronts U.S. allies",
        "Ça va, déjà?",
        "  Spaces   and -- dashes ",
        "under_score and 3 digits",
        "Россия",
    ],
)
def test_section_anchors_are_what_python_markdown_makes_but_kebab_case(heading: str) -> None:
    made = slug(heading)
    assert made == slugify(heading, "-").replace("_", "-").strip("-")
    assert not made.startswith("_")


def test_a_heading_without_latin_letters_or_digits_gets_a_numbered_anchor() -> None:
    assert section_anchors(["Trade", "Россия", "Трасса"]) == ("trade", "section-2", "section-3")


@pytest.mark.parametrize(
    ("docs_file", "published"),
    [
        ("index.md", "index.html"),
        ("README.md", "index.html"),
        ("topics/trade.md", "topics/trade/index.html"),
        ("topics/trade/index.md", "topics/trade/index.html"),
        ("topics/trade/README.md", "topics/trade/index.html"),
        ("claims.json", "claims.json"),
    ],
)
def test_output_paths_are_where_mkdocs_publishes(docs_file: str, published: str) -> None:
    assert output_path(docs_file) == published


# -- page addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "folder"), [("topic", "topics"), ("actor", "actors")])
def test_a_record_named_index_would_replace_its_list_page(
    tmp_path: Path, kind: str, folder: str
) -> None:
    project = write_project(tmp_path)
    first = "data/topics/diplomacy.yaml" if kind == "topic" else "data/actors/russia.yaml"
    _copy(project, first, f"data/{folder}/index.yaml")
    found = problem_at(_problems(tmp_path), f"data/{folder}/index.yaml:1:1", Code.NAME_TAKEN)
    assert found.message == (
        f"this file would have the address {folder}/, which the page '{folder.capitalize()}' has"
    )
    assert "rename the file" in found.hint


def test_a_source_named_index_would_replace_the_sources_and_the_claims_of_a_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = write_project(tmp_path)
    project.write("data/sources/index.txt", project.read(f"data/sources/{SOURCE_ID}.txt"))
    project.write("data/sources/index.yaml", project.read(f"data/sources/{SOURCE_ID}.yaml"))
    # Past `claims_per_page` claims (here: one) the claims index is one page per source.
    monkeypatch.setattr(routes, "SETTINGS", dataclasses.replace(SETTINGS, claims_per_page=1))
    problems = [p for p in _problems(tmp_path) if str(p.position) == "data/sources/index.yaml:1:1"]
    assert sorted(p.message for p in problems) == [
        "this file would have the address claims/, which the page 'Claims index' has",
        "this file would have the address sources/, which the page 'Sources' has",
    ]


@pytest.mark.parametrize(
    "docs_file",
    ["topics/trade.md", "topics/trade/index.md", "topics/trade/README.md", "Topics/Trade.md"],
)
def test_a_topic_whose_page_docs_already_has_is_refused(tmp_path: Path, docs_file: str) -> None:
    project = write_project(tmp_path)
    project.write(f"docs/{docs_file}", "# My own page\n")
    found = problem_at(_problems(tmp_path), "data/topics/trade.yaml:1:1", Code.NAME_TAKEN)
    assert found.message == (
        f"this file would have the address topics/trade/, which docs/{docs_file} has"
    )


@pytest.mark.parametrize(
    ("docs_file", "holder"),
    [
        ("claims.md", "the page 'Claims index'"),
        ("glossary/index.md", "the page 'Glossary'"),
        ("claims.json", "the file claims.json"),
        ("schema/claims.schema.json", "the file schema/claims.schema.json"),
    ],
)
def test_a_docs_file_where_the_site_has_a_page_or_file(
    tmp_path: Path, docs_file: str, holder: str
) -> None:
    project = write_project(tmp_path)
    project.write(f"docs/{docs_file}", "# Mine\n")
    found = problem_at(_problems(tmp_path), f"docs/{docs_file}:1:1", Code.PAGE_COLLISION)
    assert holder in found.message


def test_check_and_generate_refuse_a_taken_name_before_writing(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project")
    project.write("mkdocs.yml", "site_name: Names\nuse_directory_urls: true\n")
    _copy(project, "data/topics/diplomacy.yaml", "data/topics/index.yaml")
    done = run_check(project.root)
    assert done.returncode == 1
    assert "data/topics/index.yaml:1:1: this file would have the address topics/" in done.stderr
    assert "[name-taken]" in done.stderr and "Traceback" not in done.stderr
    with pytest.raises(DataError):
        generate(project.root, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# -- anchors from contributors' words -----------------------------------------------------------


def test_two_sections_whose_headings_give_one_anchor(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.replace(
        "data/topics/trade.yaml",
        "related: [diplomacy]",
        '  - heading: “The Railway!”\n    body: |\n      More. {{ cite("railway-stalled") }}\n'
        "related: [diplomacy]",
    )
    found = problem_at(
        _problems(tmp_path),
        project.at("data/topics/trade.yaml", "“The Railway!”"),
        Code.DUPLICATE_ANCHOR,
    )
    assert found.message == (
        "this heading's anchor #the-railway is also the anchor of the section 'The railway' "
        "of this topic"
    )


def test_a_docs_heading_whose_anchor_would_be_the_sites(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.write("docs/about.md", "# About\n\n```\n# _not a heading\n```\n\n## _cite-ref 1\n")
    found = problem_at(_problems(tmp_path), "docs/about.md:7:1", Code.NAME_TAKEN)
    assert found.message == (
        "this heading's anchor would be #_cite-ref-1, and ids that begin with '_' are the "
        "site's own"
    )
    project.write("docs/about.md", "# About\n\n## _cite-ref 1 { #mine }\n")
    checked_plan(tmp_path)
