"""`make new-site` makes a claims site on another subject that builds and passes its own tests,
and `make update-generator` brings a later generator into such a site without touching its data.

The new site's tests run with this repository's Python (the one running this test): the same
pinned packages its own `make test` installs, without creating a venv here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.tools.new_site import TEMPLATE
from tests.sitebuild import REPO, copy_project, engine_missing, mkdocs_build, tree_digest
from tests.test_contrib_github import actionlint

pytestmark = pytest.mark.build

NAME = "Birds of the Marsh: a field guide"
# The Double Ally content: none of it may reach a new site's own files.
THIS_SITES_WORDS = re.compile(r"Russia|Korea|Tertitskiy|Double Ally|Seoul|Moscow|Pyongyang", re.I)


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command), cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(sys.executable, *args, cwd=cwd)


def new_site(folder: Path, name: str = NAME) -> subprocess.CompletedProcess[str]:
    return python("-m", "macros", "new-site", str(folder), "--name", name, cwd=REPO)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("elsewhere") / "birds"
    done = new_site(folder)
    assert done.returncode == 0, done.stderr
    return folder


def own_files(site: Path) -> list[Path]:
    """The new site's files that are not the generator's copy."""
    return [p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != "macros"]


def test_the_new_site_has_what_a_project_needs(site: Path) -> None:
    for rel in (
        "README.md",
        "CONTRIBUTING.md",
        "Makefile",
        "requirements.txt",
        "requirements-dev.txt",
        "pyproject.toml",
        ".ci/run",
        ".github/workflows/ci.yml",
        ".github/workflows/pages.yml",
        "docs/index.md",
        "docs/about.md",
        "docs/assets/claims.css",
        "docs/assets/claims.js",
        "macros/engines/mkdocs_hook.py",
        "schema/claims.schema.json",
    ):
        assert (site / rel).is_file(), rel
    assert (site / ".ci" / "run").stat().st_mode & 0o111
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert yaml.load(config, Loader=yaml.BaseLoader)["site_name"] == NAME
    assert "# Birds of the Marsh: a field guide\n" in (site / "README.md").read_text("utf-8")
    quick_start = (site / "README.md").read_text("utf-8").split("## Quick start", 1)[1]
    assert re.findall(r"^make \w+", quick_start.split("```", 2)[1], flags=re.M) == [
        "make site",
        "make test",
    ]


def test_the_new_sites_workflows_pass_actionlint(site: Path) -> None:
    workflows = sorted(p.relative_to(site).as_posix() for p in site.glob(".github/workflows/*.yml"))
    assert workflows == [".github/workflows/ci.yml", ".github/workflows/pages.yml"]
    done = run(actionlint(), "-no-color", *workflows, cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_example_is_marked_as_an_example_with_three_claims_a_topic_an_actor_and_a_link(
    site: Path,
) -> None:
    data = site / "data"
    (source,) = data.glob("sources/*.yaml")
    assert "(example source)" in source.read_text(encoding="utf-8")
    assert "This text is an example" in source.with_suffix(".txt").read_text(encoding="utf-8")
    claims = [c for f in data.glob("claims/*.yaml") for c in yaml.safe_load(f.read_text("utf-8"))]
    assert len(claims) == 3
    assert sum(len(c.get("links", [])) for c in claims) == 1
    assert len(list(data.glob("topics/*.yaml"))) == 1
    assert len(list(data.glob("actors/*.yaml"))) == 1


def test_nothing_of_this_sites_content_reaches_the_new_site(site: Path) -> None:
    found = [
        f"{p.relative_to(site)}: {m.group()}"
        for p in own_files(site)
        for m in [THIS_SITES_WORDS.search(p.read_text(encoding="utf-8", errors="replace"))]
        if m
    ]
    assert found == []
    assert THIS_SITES_WORDS.search((REPO / "data" / "claims" / "balance.yaml").read_text("utf-8"))


def test_the_new_site_builds_strictly_and_passes_its_own_tests(site: Path, tmp_path: Path) -> None:
    built = mkdocs_build(site, tmp_path / "site")
    assert built.returncode == 0, built.output
    assert "WARNING" not in built.output
    index = (built.site / "index.html").read_text(encoding="utf-8")
    assert "<title>Birds of the Marsh: a field guide</title>" in index
    for rel in (
        "topics/the-garden/index.html",
        "actors/mill-lane-garden/index.html",
        "about/index.html",
    ):
        assert (built.site / rel).is_file(), rel
    # Its own generic tests, as its `make test` runs them (its pyproject.toml, its tests/).
    done = python("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed and int(passed.group(1)) >= 15, done.stdout
    assert "skipped" not in done.stdout


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_the_new_site_builds_with_the_other_engines_to_the_same_claims(
    site: Path, tmp_path: Path, engine: str
) -> None:
    """Its own `make site ENGINE=…`, with this repository's venvs standing in for the ones its
    Makefile would create (make -o: take them as they are)."""
    if why := engine_missing(engine):
        pytest.skip(why)
    project = tmp_path / "birds"
    shutil.copytree(site, project)
    venvs = {".venv": Path(sys.executable).parents[1], f".venv-{engine}": REPO / f".venv-{engine}"}
    for name, venv in venvs.items():
        (project / name).symlink_to(venv)
    stamps = [arg for name in venvs for arg in ("-o", f"{name}/.installed")]
    done = run("make", *stamps, "site", f"ENGINE={engine}", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    primary = mkdocs_build(site, tmp_path / "mkdocs-site")
    assert primary.returncode == 0, primary.output
    claims = (project / "site" / "claims.json").read_text(encoding="utf-8")
    assert claims == (primary.site / "claims.json").read_text(encoding="utf-8")
    page = (project / "site" / "topics" / "the-garden" / "index.html").read_text("utf-8")
    assert 'class="cite-link"' in page and "Content-Security-Policy" in page
    generator = re.search(r'<meta name="generator" content="([^"]+)"', page)
    assert generator and engine in generator.group(1).lower(), generator  # built by that engine


def test_the_contributing_guides_example_claim_passes_the_check(site: Path, tmp_path: Path) -> None:
    """The first claim a contributor copies from the new site's CONTRIBUTING.md is valid."""
    project = tmp_path / "project"
    shutil.copytree(site, project, ignore=shutil.ignore_patterns("__pycache__"))
    guide = (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    claim = guide.split("### Add a claim", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    claim = "\n".join(line.removeprefix("   ") for line in claim.splitlines())
    with (project / "data" / "claims" / "example.yaml").open("a", encoding="utf-8") as out:
        out.write("\n" + claim + "\n")
    topic = project / "data" / "topics" / "the-garden.yaml"
    topic.write_text(
        topic.read_text(encoding="utf-8").replace(
            '{{ claim("garden-feeds-households") }}',
            '{{ claim("garden-feeds-households") }}\n\n      {{ claim("garden-will-need-volunteers") }}',
        ),
        encoding="utf-8",
    )
    done = python("-m", "macros", "check", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("OK: 4 claims")


def test_new_site_refuses_a_folder_inside_this_repository() -> None:
    done = new_site(REPO / "new-site-inside")
    assert done.returncode == 2
    assert "is inside this repository" in done.stderr and "Traceback" not in done.stderr
    assert not (REPO / "new-site-inside").exists()


def test_new_site_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    done = new_site(tmp_path)
    assert done.returncode == 2
    assert "is not empty" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_new_site_refuses_a_name_that_is_not_plain_text(tmp_path: Path) -> None:
    done = new_site(tmp_path / "site", name="{{ claim() }}")
    assert done.returncode == 2 and "cannot be a site name" in done.stderr
    assert not (tmp_path / "site").exists()


def test_update_generator_brings_the_newer_generator_and_keeps_the_sites_own_files(
    site: Path, tmp_path: Path
) -> None:
    older = tmp_path / "older-site"
    shutil.copytree(site, older, ignore=shutil.ignore_patterns("__pycache__"))
    # An older generator: a module it had that is gone since, one that changed, an older generic
    # test; and the site's own edits, which must stay.
    (older / "macros" / "core" / "retired.py").write_text('"""gone since"""\n', encoding="utf-8")
    settings = older / "macros" / "core" / "settings.py"
    settings.write_text(settings.read_text(encoding="utf-8") + "# older\n", encoding="utf-8")
    (older / "tests" / "test_build.py").write_text("# an older version\n", encoding="utf-8")
    (older / "tests" / "test_my_birds.py").write_text("# the site's own\n", encoding="utf-8")
    for generic in (older / "tests", older / "macros" / "tools" / "site_template" / "tests"):
        (generic / "test_retired.py").write_text("# a generic test dropped since\n", "utf-8")
    (older / "Makefile").write_text(
        (older / "Makefile").read_text(encoding="utf-8") + "# mine\n", encoding="utf-8"
    )
    home = older / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nMy words.\n", encoding="utf-8")
    own_before = {
        rel: digest
        for rel, digest in tree_digest(older).items()
        if rel.startswith(("data/", "docs/index.md", "docs/about.md", "mkdocs.yml", "README"))
        or rel in ("Makefile", "tests/test_my_birds.py")
    }

    done = python("-m", "macros", "update-generator", str(REPO), cwd=older)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "updated macros/core/settings.py" in done.stdout
    assert "removed macros/core/retired.py" in done.stdout
    assert "updated tests/test_build.py" in done.stdout
    assert "removed tests/test_retired.py" in done.stdout
    assert not (older / "tests" / "test_retired.py").exists()
    assert "note: Makefile is yours" in done.stdout

    def generator(root: Path) -> dict[str, str]:
        caches = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"}
        files = tree_digest(root / "macros").items()
        return {rel: digest for rel, digest in files if not caches & set(rel.split("/"))}

    assert generator(older) == generator(REPO)
    assert (older / "tests" / "test_build.py").read_bytes() == (
        TEMPLATE / "tests" / "test_build.py"
    ).read_bytes()
    after = tree_digest(older)
    assert {rel: after[rel] for rel in own_before} == own_before

    again = python("-m", "macros", "update-generator", str(REPO), cwd=older)
    assert "already up to date" in again.stdout
    refused = python("-m", "macros", "update-generator", str(tmp_path), cwd=older)
    assert refused.returncode == 2 and "holds no generator" in refused.stderr


def pins(path: Path) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", path.read_text(encoding="utf-8"), flags=re.M)
    return {name.lower(): version for name, version in found}


def test_a_new_sites_test_tools_are_pinned_as_this_repositorys() -> None:
    """The generic tests run here with this repository's pins: a new site must install the same."""
    template, ours = pins(TEMPLATE / "requirements-dev.txt"), pins(REPO / "requirements-dev.txt")
    assert {"pytest", "mypy", "ruff", "types-pyyaml"} <= set(template)
    assert {name: ours.get(name) for name in template} == template


def test_the_generic_tests_pass_on_another_claims_site_too(tmp_path: Path) -> None:
    """They read whatever data the site has: the mini-site fixture (two sites' worth of sources,
    links, a republished source and excerpts-only ones) passes them as the example does."""
    fixture = REPO / "tests" / "fixtures" / "mini-site"
    project = copy_project(tmp_path / "mini", fixture)
    shutil.copytree(
        REPO / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__")
    )
    config = project / "mkdocs.yml"  # the fixture loads the generator from this repository
    config.write_text(
        config.read_text(encoding="utf-8").replace("../../../macros/", "macros/"), encoding="utf-8"
    )
    shutil.copytree(
        TEMPLATE / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy2(TEMPLATE / "pyproject.toml", project / "pyproject.toml")
    done = python("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed and int(passed.group(1)) >= 15 and "skipped" not in done.stdout, done.stdout
