"""`make check` as contributors and CI meet it: `path:line:col: message — hint [code]` lines, GitHub
annotations under GitHub Actions, and the Makefile targets that pass a contributor's words safely."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, Project, write_project

LINE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+?)(?: — (?P<hint>.+))?"
    r" \[(?P<code>[a-z0-9]+(?:-[a-z0-9]+)*)\]$"
)
ANNOTATION = re.compile(
    r"^::error file=(?P<path>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<code>[a-z0-9-]+)"
    r"::(?P<text>.+)$"
)


def run_check(
    root: Path, *args: str, github_actions: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github_actions:
        env["GITHUB_ACTIONS"] = "true"
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def break_in_three_files(project: Project) -> list[str]:
    """A typographic-apostrophe quote mistake, a YAML syntax error and a bad reference."""
    project.replace(
        "data/claims/core.yaml",
        'quote: "Seoul’s trade with Moscow grew steadily after',
        "quote: \"Seoul's trade with Moscow grew steadily after",
    )
    project.replace("data/actors/russia.yaml", "aliases: [Moscow]", "aliases: [Moscow")
    project.replace("data/topics/trade.yaml", "related: [diplomacy]", "related: [diplomacie]")
    return [
        project.at("data/claims/core.yaml", "\"Seoul's trade"),
        project.at("data/topics/trade.yaml", "diplomacie"),
    ]


def test_every_problem_line_has_position_message_and_hint(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    expected = break_in_three_files(project)
    done = run_check(project.root)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == f"{len(lines) - 2} problems found."
    problems = lines[:-2]
    assert problems, done.stderr
    codes = set()
    for line in problems:
        match = LINE.match(line)
        assert match and match["hint"], line
        codes.add(match["code"])
    assert {"quote-not-found", "yaml-syntax", "unknown-reference"} <= codes
    positions = [":".join(line.split(":")[:3]) for line in problems]
    for where in expected:
        assert where in positions
    assert any(p.startswith("data/actors/russia.yaml:") for p in positions)
    assert done.stdout == ""  # no annotations outside GitHub Actions


def test_quote_with_straight_apostrophe_explains_the_character(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    (where, _) = break_in_three_files(project)
    line = next(x for x in run_check(project.root).stderr.splitlines() if x.startswith(where))
    assert "quote not found in the source" in line
    assert "U+0027" in line and "U+2019" in line
    assert "`make find-quote` (then paste the words)" in line


def test_annotations_are_on_by_default_under_github_actions(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    expected = break_in_three_files(project)
    done = run_check(project.root, github_actions=True)
    assert done.returncode == 1
    annotations = done.stdout.splitlines()
    problems = done.stderr.strip().splitlines()[:-2]
    assert len(annotations) == len(problems)
    for annotation, problem in zip(annotations, problems, strict=True):
        match = ANNOTATION.match(annotation)
        assert match, annotation
        assert problem.startswith(f"{match['path']}:{match['line']}:{match['col']}: ")
        assert problem.endswith(f"{match['text']} [{match['code']}]")
    # The broken quote becomes an annotation on the quote's own line in the claims file.
    path, line, col = expected[0].split(":")
    assert any(
        a.startswith(f"::error file={path},line={line},col={col},title=quote-not-found::quote not")
        for a in annotations
    )
    # --no-github turns them off again.
    assert run_check(project.root, "--no-github", github_actions=True).stdout == ""


def test_valid_project_prints_one_ok_line(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    done = run_check(project.root, github_actions=True)
    assert done.returncode == 0
    assert done.stdout.startswith("OK: 3 claims from 1 source(s)")
    assert done.stderr == ""


# --- Makefile targets ----------------------------------------------------------------------------

needs_make = pytest.mark.skipif(
    shutil.which("make") is None or not (Path(sys.executable).parent / "python").is_file(),
    reason="needs make, and a virtual environment like the Makefile's .venv",
)


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The repository's Makefile run on another project, with this test run's Python."""
    venv = Path(sys.executable).parent.parent
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-f",
            str(REPO / "Makefile"),
            f"VENV={venv}",
            "-o",
            f"{venv}/.installed",  # never (re)install from a test
            *args,
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def make_with_input(project: Path, text: str, *args: str) -> subprocess.CompletedProcess[str]:
    venv = Path(sys.executable).parent.parent
    command = ["make", "--no-print-directory", "-f", str(REPO / "Makefile"), f"VENV={venv}"]
    return subprocess.run(
        [*command, "-o", f"{venv}/.installed", *args],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@needs_make
def test_make_find_quote_reads_any_phrase_from_standard_input(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    phrase = 'Observers in Seoul say that "balance" is the word\n'
    done = make_with_input(project.root, phrase, "find-quote")
    assert done.returncode == 0, done.stderr
    assert 'quote: "Observers in Seoul say that “balance” is the word"' in done.stdout
    # Not found: explained, and make itself does not fail on it.
    done = make_with_input(project.root, 'it\'s $HOME `true` "nowhere" \\ $(x)', "find-quote")
    assert done.returncode == 0, done.stderr
    assert "No passage of the archived sources matches the phrase." in done.stdout
    done = make_with_input(project.root, "", "find-quote")
    assert done.returncode != 0
    assert "the phrase is empty" in done.stderr


@needs_make
def test_a_phrase_split_by_shell_quoting_fails_clearly(tmp_path: Path) -> None:
    """make find-quote Q="the town's "small but loyal" community": the shell hands make three
    words, and make used to say only "No rule to make target 'but'"."""
    project = write_project(tmp_path)
    done = make(project.root, "find-quote", "Q=the town's small", "but", "loyal community")
    assert done.returncode != 0
    assert "No rule to make target" not in done.stderr
    assert "the shell split the phrase at a quote mark" in done.stderr
    assert "'but loyal community'" in done.stderr
    assert "Run `make find-quote` alone and paste the phrase" in done.stderr
    # Any other target with a stray word says what probably happened, too.
    done = make(project.root, "add-source", "ID=x", "FILE=my", "page.html")
    assert "is not a make target" in done.stderr and "single quotes" in done.stderr


@needs_make
def test_make_add_source_and_coverage(tmp_path: Path) -> None:
    project = write_project(tmp_path / "p")
    page = tmp_path / "my page.txt"
    page.write_text("A paragraph of the new source.\n", encoding="utf-8")
    done = make(project.root, "add-source", "ID=new-source-2024", f"FILE={page}")
    assert done.returncode == 0, done.stderr
    assert project.path("data/sources/new-source-2024.txt").is_file()
    done = make(project.root, "coverage", "MIN=100")
    assert done.returncode == 0, done.stderr
    assert "All sources: 3/3 sentences covered (100.0%)." in done.stdout
    assert make(project.root, "add-source", "ID=x").returncode != 0


def test_a_reader_that_stops_reading_gets_no_traceback(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    done = subprocess.run(
        f"{shlex.quote(sys.executable)} -m macros check | true",  # exits before a byte is read
        shell=True,
        cwd=project.root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr


@needs_make
@pytest.mark.parametrize("makefile", ["Makefile", "macros/tools/site_template/Makefile"])
@pytest.mark.parametrize("target", ["site-mkdocs", "site-properdocs", "serve-mkdocs"])
def test_builds_load_the_generator_from_fresh_bytecode(makefile: str, target: str) -> None:
    """The generator is not installed, so no pip compiles it: with PYTHONDONTWRITEBYTECODE set,
    each build would compile the whole package from source. The build targets compile it first."""
    venv = Path(sys.executable).parent.parent
    skip_installs = ["-o", f"{venv}/.installed", "-o", ".venv-properdocs/.installed"]
    command = ["make", "-n", "--no-print-directory", "-f", str(REPO / makefile), f"VENV={venv}"]
    done = subprocess.run(
        [*command, *skip_installs, target],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    compiles = [i for i, line in enumerate(lines) if "-m compileall -q macros" in line]
    engine = [i for i, line in enumerate(lines) if " build " in line or " serve " in line]
    assert compiles and engine and compiles[0] < engine[0], done.stdout
