"""Git revisions for review tools: which commit a branch started from, and its data as files.

A revision's `data/` and `docs/` are written into a temporary folder with `git archive`, so the
same loader that checks the working tree reads them: a reviewer sees what `make check` would.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

# What a project's content is made of: what review tools read at a revision.
CONTENT_FOLDERS = ("data", "docs")
# The branches a pull request is usually made against, in the order they are tried.
MAIN_BRANCHES = ("origin/main", "main")


class GitError(Exception):
    """A git command failed (unknown revision, not a repository, …)."""


@dataclass(frozen=True)
class Revision:
    """A commit, the name it was asked by, and how it was chosen (for the report's first line)."""

    name: str  # as given: "HEAD", "main", a hash
    commit: str  # the full hash
    how: str = ""  # e.g. "the merge-base of HEAD and origin/main"

    @property
    def short(self) -> str:
        return self.commit[:10]


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, check=False, timeout=120
        )
    except OSError as err:
        raise GitError(f"cannot run git: {err}") from err
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or "failed"
        raise GitError(f"git {' '.join(args)}: {message}")
    return done.stdout


def _text(root: Path, *args: str) -> str:
    return _git(root, *args).decode("utf-8", "replace").strip()


def _exists(root: Path, revision: str) -> bool:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError:
        return False
    return True


def resolve(root: Path, revision: str) -> Revision:
    """The commit a revision names; GitError when it names none."""
    if not _exists(root, revision):
        raise GitError(f"'{revision}' is not a known git revision (branch, tag or commit)")
    return Revision(revision, _text(root, "rev-parse", f"{revision}^{{commit}}"))


def branch_point(root: Path, head: Revision) -> Revision:
    """Where `head` left the main line: its merge-base with origin/main, or with main."""
    for branch in MAIN_BRANCHES:
        if _exists(root, branch):
            commit = _text(root, "merge-base", head.commit, branch)
            return Revision(commit[:10], commit, f"the merge-base of {head.name} and {branch}")
    raise GitError(
        f"neither {' nor '.join(MAIN_BRANCHES)} exists in this repository: name the revision "
        "to compare with (make claims-diff BASE=…)"
    )


def uncommitted(root: Path) -> list[str]:
    """Content files with changes that are not committed (what a commit-to-commit diff misses)."""
    listing = _git(root, "status", "--porcelain", "--", *CONTENT_FOLDERS).decode("utf-8", "replace")
    return [line[3:] for line in listing.splitlines() if line.strip()]  # "XY path"


@contextmanager
def checked_out(root: Path, revision: Revision) -> Iterator[Path]:
    """A temporary project folder holding the content folders as they are at `revision`."""
    top = Path(_text(root, "rev-parse", "--show-toplevel"))
    # The project may be a subfolder of the repository: its folders are read under that prefix.
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    tree = f"{revision.commit}:{prefix}"
    names = set(_text(top, "ls-tree", "--full-tree", "--name-only", tree).splitlines())
    wanted = [prefix + folder for folder in CONTENT_FOLDERS if folder in names]
    with TemporaryDirectory(prefix="claims-diff-") as folder:
        target = Path(folder)
        if wanted:
            archive = _git(top, "archive", "--format=tar", revision.commit, "--", *wanted)
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(target, filter="data")  # nothing outside the folder, no devices
        yield target / prefix
