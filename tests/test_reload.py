"""A live preview reloads the data after every save, reusing what it read from files that did not
change: an edit shows at once, and a problem is reported on every reload until it is fixed."""

from __future__ import annotations

from pathlib import Path

from macros.core.problems import Code
from macros.core.project import load_knowledge
from tests.helpers import problems_of, write_project

STATEMENT = "statement: Seoul’s trade with Moscow grew steadily."


def test_a_saved_edit_is_loaded_and_an_unchanged_file_loads_the_same(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    first = load_knowledge(project.root)
    again = load_knowledge(project.root)
    assert again.claims["trade-grew"].claim == first.claims["trade-grew"].claim
    project.replace("data/claims/core.yaml", STATEMENT, "statement: Seoul’s trade grew.")
    edited = load_knowledge(project.root)
    assert edited.claims["trade-grew"].claim.statement == "Seoul’s trade grew."
    assert edited.topics == first.topics


def test_a_problem_is_reported_on_every_reload_until_it_is_fixed(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    rumour = STATEMENT + "\n  kind: rumour\n"
    project.replace("data/claims/core.yaml", STATEMENT + "\n  kind: fact\n", rumour)
    for _ in range(2):
        found = [p for p in problems_of(project.root) if p.code is Code.INVALID_CHOICE]
        assert [p.position.path for p in found] == ["data/claims/core.yaml"]
    project.replace("data/claims/core.yaml", rumour, STATEMENT + "\n  kind: fact\n")
    assert load_knowledge(project.root).claims["trade-grew"].claim.kind == "fact"
