"""`python -m macros claims-diff BASE [HEAD]`: what a change does to the claims, as Markdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.tools import cli
from macros.tools.claims_diff import GitError, diff_revisions, format_markdown, md
from tests.helpers import REPO, Project, write_project

CLAIMS = "data/claims/core.yaml"

NEW_CLAIM = """\
- id: railway-unlikely-soon
  source: sample-article
  quote: "is unlikely to move forward soon"
  statement: The article expects the railway project not to move forward soon.
  kind: forecast
  topics: [trade]
  actors: []
"""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    """A git repository holding the small project, with one commit tagged `base`."""
    project = write_project(tmp_path / "repo")
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "base")
    git(project.root, "tag", "base")
    return project


def edit_claims(project: Project) -> None:
    """One claim added, one removed, one with a new statement, quote and kind."""
    project.replace(
        CLAIMS,
        "  statement: Observers in Seoul call the country’s foreign policy one of balance.\n"
        "  kind: attribution\n",
        "  statement: Observers in Seoul describe the country’s foreign policy as balanced.\n"
        "  kind: assessment\n",
    )
    project.replace(
        CLAIMS,
        'quote: "“balance” is the word for the country’s foreign policy"',
        'quote: "“balance” is the word for the country’s foreign policy."',
    )
    content = project.read(CLAIMS)
    start = content.index("- id: trade-grew")
    end = content.index("- id: railway-stalled")
    project.write(CLAIMS, content[:start] + content[end:] + NEW_CLAIM)


def test_working_tree_against_a_revision(repo: Project) -> None:
    edit_claims(repo)
    diff = diff_revisions(repo.root, "base")
    assert [c.id for c in diff.added] == ["railway-unlikely-soon"]
    assert [c.id for c in diff.removed] == ["trade-grew"]
    assert [c.id for c in diff.changed] == ["balance-word"]
    assert diff.unchanged == 1
    (change,) = diff.changed
    assert [name for name, _, _ in change.fields] == ["statement", "quote", "kind"]
    assert change.fields[2] == ("kind", "attribution", "assessment")

    summary = format_markdown(diff)
    assert summary.startswith("## Claims: `base` → the working tree\n")
    assert "1 added · 1 removed · 1 changed · 1 unchanged" in summary
    assert "### Added (1)" in summary
    assert "**`railway-unlikely-soon`** (forecast, `data/claims/core.yaml`)" in summary
    assert "  > is unlikely to move forward soon" in summary
    assert "### Removed (1)" in summary
    assert "**`trade-grew`**" in summary
    assert "### Changed (1)" in summary
    assert "- **`balance-word`** (`data/claims/core.yaml`): statement, quote, kind" in summary
    assert "  - kind: “attribution” → “assessment”" in summary
    assert (
        "  - statement: “Observers in Seoul call the country’s foreign policy one of balance.” → "
        "“Observers in Seoul describe the country’s foreign policy as balanced.”"
    ) in summary


def test_two_revisions_and_a_moved_claim(repo: Project) -> None:
    content = repo.read(CLAIMS)
    start = content.index("- id: balance-word")
    repo.write(CLAIMS, content[:start])
    repo.write("data/claims/diplomacy.yaml", "# Diplomacy\n" + content[start:])
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "move")
    repo.append("data/claims/diplomacy.yaml", "  note: uncommitted\n")

    diff = diff_revisions(repo.root, "base", "HEAD")
    assert (diff.added, diff.removed) == ((), ())
    (change,) = diff.changed
    assert change.id == "balance-word"
    assert change.fields == ()
    assert change.old_file == CLAIMS
    assert "  - moved from `data/claims/core.yaml`" in format_markdown(diff)
    # The working tree also has the note.
    (change,) = diff_revisions(repo.root, "base").changed
    assert change.fields == (("note", "", "uncommitted"),)


def test_no_change(repo: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(repo.root), "claims-diff", "base"]) == 0
    out = capsys.readouterr().out
    assert "0 added · 0 removed · 0 changed · 3 unchanged" in out
    assert "No claim was added, removed or changed." in out


def test_unknown_revision(repo: Project, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(GitError, match="not a known git revision"):
        diff_revisions(repo.root, "no-such-branch")
    assert cli.main(["--root", str(repo.root), "claims-diff", "no-such-branch"]) == 2
    assert "'no-such-branch' is not a known git revision" in capsys.readouterr().err


def test_unreadable_claims_file_is_named(repo: Project) -> None:
    repo.write("data/claims/broken.yaml", "- id: x\n  statement: [unclosed\n")
    summary = format_markdown(diff_revisions(repo.root, "base"))
    assert "Not fully readable" in summary
    assert "`data/claims/broken.yaml`" in summary


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    project = write_project(outer / "site")
    git(outer, "init", "-q")
    git(outer, "add", "-A")
    git(outer, "commit", "-q", "-m", "base")
    project.append(CLAIMS, NEW_CLAIM)
    diff = diff_revisions(project.root, "HEAD")
    assert [c.id for c in diff.added] == ["railway-unlikely-soon"]
    assert diff.unchanged == 3


def test_values_are_shown_as_text_not_markup() -> None:
    assert md("<b>*x*</b> [l](u) `c` a|b") == (
        "\\<b\\>\\*x\\*\\</b\\> \\[l\\]\\(u\\) \\`c\\` a\\|b"
    )
    assert "\n" not in md("two\nlines")


def test_command_line_as_ci_runs_it(repo: Project) -> None:
    edit_claims(repo)
    done = subprocess.run(
        [sys.executable, "-m", "macros", "--root", str(repo.root), "claims-diff", "base"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("## Claims: `base` → the working tree")
