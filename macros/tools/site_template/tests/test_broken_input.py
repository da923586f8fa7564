"""Broken input: each mistake is reported as `path:line:col: what — how to fix [code]`, all at
once, with no traceback, and the build stops before it touches site/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .site_checks import PROJECT, Run, check, copy_project, strict_build

pytestmark = pytest.mark.build


def _first_claims_file(project: Path) -> Path:
    files = sorted((project / "data" / "claims").glob("*.yaml"))
    assert files, "the site has no claims file"
    return files[0]


def _break(path: Path, pattern: str, replacement: str) -> str:
    """Apply one edit to the first line matching `pattern`; return that line's `path:line:col`
    prefix as a contributor sees it (relative to the project)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, start=1):
        found = re.search(pattern, line)
        if found:
            lines[number - 1] = line[: found.start()] + replacement + line[found.end() :]
            path.write_text("\n".join(lines), encoding="utf-8")
            return f"{number}:{found.start() + 1}"
    raise AssertionError(f"no line of {path} matches {pattern!r}")


def _problem_lines(run: Run) -> list[str]:
    return [
        line for line in run.output.splitlines() if re.match(r"\S+:\d+:\d+: .* \[[a-z-]+\]$", line)
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_the_sites_data_passes_the_check() -> None:
    run = check(PROJECT)
    assert run.returncode == 0, run.output
    assert run.output.startswith("OK: ")


def test_a_quote_not_in_its_source_is_reported_where_it_is_written(project: Path) -> None:
    claims_file = _first_claims_file(project)
    where = _break(claims_file, r'quote: "', 'quote: "Not in the source: ')
    run = check(project)
    assert run.returncode == 1
    assert "Traceback" not in run.output
    rel = claims_file.relative_to(project).as_posix()
    found = [
        line for line in _problem_lines(run) if line.startswith(f"{rel}:{where.split(':')[0]}:")
    ]
    assert found and found[0].endswith("[quote-not-found]"), run.output


def test_mistakes_in_two_files_are_reported_in_one_run(project: Path) -> None:
    _break(_first_claims_file(project), r'quote: "', 'quote: "Not in the source: ')
    topics = sorted((project / "data" / "topics").glob("*.yaml"))
    assert topics, "the site has no topic"
    _break(topics[0], r"^title: ", "colour: red\ntitle: ")
    run = check(project)
    assert run.returncode == 1 and "Traceback" not in run.output
    codes = {line.rsplit("[", 1)[1].rstrip("]") for line in _problem_lines(run)}
    assert {"quote-not-found", "unknown-field"} <= codes, run.output


def test_a_yaml_syntax_error_names_its_line(project: Path) -> None:
    claims_file = _first_claims_file(project)
    _break(claims_file, r"^  statement: ", "\tstatement: ")
    run = check(project)
    assert run.returncode == 1 and "Traceback" not in run.output
    rel = claims_file.relative_to(project).as_posix()
    assert any(line.startswith(f"{rel}:") for line in _problem_lines(run)), run.output


def test_the_strict_build_stops_before_it_touches_site(project: Path) -> None:
    site = project / "site"
    site.mkdir()
    (site / "earlier-build.html").write_text("kept", encoding="utf-8")
    _break(_first_claims_file(project), r'quote: "', 'quote: "Not in the source: ')
    run = strict_build(project, site)
    assert run.returncode != 0
    assert "[quote-not-found]" in run.output and "Traceback" not in run.output
    assert [p.name for p in site.iterdir()] == ["earlier-build.html"]
