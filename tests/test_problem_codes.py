"""Problem codes: a closed list, each used by the checks and documented in CONTRIBUTING.md."""

from __future__ import annotations

import re

from macros.core.diagnostics import Position, Problem
from macros.core.problems import Code
from tests.helpers import REPO

_ROW = re.compile(r"^\| `(?P<code>[^`]+)` \| (?P<meaning>.+?) \| (?P<fix>.+?) \|$")


def _documented_codes() -> list[tuple[str, str, str]]:
    """The rows of CONTRIBUTING.md's "Problem codes" table: (code, meaning, fix)."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("### Problem codes", 1)[1].split("\n#", 1)[0]
    rows = [_ROW.match(line) for line in section.splitlines() if line.startswith("| `")]
    assert all(rows), "every row of the table reads | `code` | meaning | fix |"
    return [(m["code"], m["meaning"], m["fix"]) for m in rows if m]


def test_contributing_lists_every_code_with_its_meaning_and_fix() -> None:
    assert _documented_codes() == [(c.slug, c.meaning, c.fix) for c in Code]


def test_codes_are_short_kebab_case_names() -> None:
    for code in Code:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code.slug), code
        assert len(code.slug) <= 30, code


def test_every_code_is_reported_somewhere() -> None:
    """A code no check uses would document a mistake the checks never report."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "macros").rglob("*.py"))
    unused = [c.slug for c in Code if f"Code.{c.name}" not in source]
    assert unused == []


def test_the_code_follows_the_message_and_titles_the_annotation() -> None:
    problem = Problem(
        Code.QUOTE_AMBIGUOUS, Position("data/claims/a.yaml", 3, 10), "twice", "extend"
    )
    assert str(problem) == "data/claims/a.yaml:3:10: twice — extend [quote-ambiguous]"
    assert problem.github_annotation() == (
        "::error file=data/claims/a.yaml,line=3,col=10,title=quote-ambiguous::twice — extend"
    )
