"""Running real builds (MkDocs, ProperDocs, Zensical) on a project folder, and reading their output."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from macros.tools.site_template.tests import site_checks

# The generic site checks every claims site's tests use (the template's), shared with this suite.
broken_links = site_checks.broken_links
page_links = site_checks.page_links

REPO = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"

# The engines `make site ENGINE=…` builds with, and the program each runs from its own venv.
ENGINES = ("mkdocs", "properdocs", "zensical")
ENGINE_PROGRAMS = {
    "mkdocs": MKDOCS,
    "properdocs": REPO / ".venv-properdocs" / "bin" / "properdocs",
    "zensical": REPO / ".venv-zensical" / "bin" / "zensical",
}
# Where the Pages workflow deploys from: shared builds show edit buttons, as the published site does.
REPO_URL = "https://example.org/owner/repo"


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str  # stdout and stderr together, as a maintainer sees them
    site: Path


def mkdocs_build(project: Path, site: Path, *, strict: bool = True) -> BuildResult:
    """`mkdocs build` of the project's mkdocs.yml into `site`."""
    return engine_build("mkdocs", project, site, strict=strict)


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, check=False
    )


def engine_missing(engine: str) -> str | None:
    """Why an engine's builds cannot run here (None: they can)."""
    if ENGINE_PROGRAMS[engine].exists():
        return None
    return f"{engine} builds skipped: its venv is missing (`make engines` creates it)"


def engine_build(
    engine: str,
    project: Path,
    site: Path,
    *,
    env: dict[str, str] | None = None,
    strict: bool = True,
) -> BuildResult:
    """What `make site ENGINE=…` does, for the project's mkdocs.yml, into `site`."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for name in ("SITE_URL", "SITE_REPO_URL"):
        if name not in (env or {}):
            full_env.pop(name, None)
    program = str(ENGINE_PROGRAMS[engine])
    config = str(project / "mkdocs.yml")
    strictly = ["--strict"] if strict else []
    if engine != "zensical":
        done = _run([program, "build", *strictly, "-f", config, "-d", str(site)], project, full_env)
        return BuildResult(done.returncode, done.stdout + done.stderr, site)
    # No hooks: generate the plain project, build it, copy its site/ out, finish it.
    generated = site.parent / f"{site.name}-generated"
    steps = [
        [
            sys.executable,
            "-m",
            "macros",
            "--root",
            str(project),
            "generate",
            str(generated),
            "--engine",
            "zensical",
        ],
        [program, "build", *strictly, "-f", str(generated / "mkdocs.yml")],
    ]
    output = ""
    for command in steps:
        done = _run(command, REPO, full_env)
        output += done.stdout + done.stderr
        if done.returncode != 0:
            return BuildResult(done.returncode, output, site)
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(generated / "site", site)
    done = _run([sys.executable, "-m", "macros", "finish", str(site)], REPO, full_env)
    return BuildResult(done.returncode, output + done.stdout + done.stderr, site)


def copy_project(destination: Path, source: Path = REPO) -> Path:
    """A copy of a project's inputs (mkdocs.yml, docs/, data/, macros/) for a test to edit."""
    return site_checks.copy_project(destination, source)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under a folder with the sha256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def search_entries(site: Path) -> list[dict[str, str]]:
    """The search index the engine wrote: Material's search/search_index.json, Zensical's
    search.json; each entry has a location, a title and a text."""
    material = site / "search" / "search_index.json"
    if material.is_file():
        entries: list[dict[str, str]] = json.loads(material.read_text(encoding="utf-8"))["docs"]
    else:
        entries = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    return entries
