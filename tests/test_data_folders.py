"""The timeline and the glossary may be split over files of data/events/ and data/glossary/: one
file of either would reach the size limit long before a site reaches its own."""

from __future__ import annotations

from pathlib import Path

from macros.core.project import load_knowledge
from macros.pages.json_schemas import stamp_files
from macros.pages.plan import SitePlan
from tests.helpers import EVENTS, GLOSSARY, problems_of, write_project

FIRST_EVENT, SECOND_EVENT = EVENTS.split("\n- id: railway-standstill\n")
SECOND_EVENT = "- id: railway-standstill\n" + SECOND_EVENT


def test_events_and_terms_in_folders_load_as_from_the_single_files(tmp_path: Path) -> None:
    single = load_knowledge(write_project(tmp_path / "single").root)
    project = write_project(tmp_path / "folders")
    project.path("data/events.yaml").unlink()
    project.path("data/glossary.yaml").unlink()
    project.write("data/events/1-established.yaml", FIRST_EVENT + "\n")
    project.write("data/events/2-standstill.yaml", SECOND_EVENT)
    project.write("data/glossary/b.yaml", GLOSSARY)
    split = load_knowledge(project.root)
    assert [e.id for e in split.events] == [e.id for e in single.events]
    assert list(split.terms) == list(single.terms)
    assert split.events[0].file == "data/events/1-established.yaml"
    plan = SitePlan(split)
    assert plan.edit_file("timeline.md") == "data/events/"
    assert plan.edit_file("glossary.md") == "data/glossary/b.yaml"
    # `make schema` stamps the files of the folders too.
    assert "data/events/2-standstill.yaml" in stamp_files(project.root, write=False)


def test_the_single_file_comes_before_the_folder_in_the_timeline(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.write("data/events.yaml", FIRST_EVENT + "\n")
    project.write("data/events/later.yaml", SECOND_EVENT)
    kb = load_knowledge(project.root)
    assert [e.id for e in kb.events] == ["relations-established", "railway-standstill"]


def test_a_folder_inside_the_events_folder_is_refused(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.write("data/events/old/more.yaml", SECOND_EVENT)
    assert [str(p.position) for p in problems_of(project.root)] == ["data/events/old:1:1"]
