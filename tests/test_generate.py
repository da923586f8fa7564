"""`python -m macros generate DIR` and `python -m macros finish SITE`: the site without the hook."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from macros.core.diagnostics import DataError
from macros.core.project import load_knowledge
from macros.engines.config_file import Tagged, read_config
from macros.engines.finish import finish_page, finish_site
from macros.engines.generate import GenerateError, generate
from macros.pages.plan import SitePlan
from tests.helpers import REPO, Project, write_project
from tests.sitebuild import BuildResult, mkdocs_build, tree_digest

THEME = REPO / "macros" / "engines" / "theme"


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    project = write_project(tmp_path / "project")
    project.write(
        "mkdocs.yml",
        textwrap.dedent(
            f"""\
            site_name: Generate test
            site_url: !ENV [SITE_URL, ""]
            use_directory_urls: true
            hooks: ["{REPO / "macros" / "engines" / "mkdocs_hook.py"}"]
            watch: [data]
            theme:
              name: material
              custom_dir: "{THEME}"
            plugins: [search]
            markdown_extensions:
              - toc:
                  slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
            nav:
              - Home: index.md
              - Topics: topics/index.md
            """
        ),
    )
    project.write("docs/assets/site.css", "p { margin: 0 }\n")
    return project


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "macros", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO)},
        timeout=120,
        check=False,
    )


def test_generated_project_has_every_planned_file_and_the_assets(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    generate(project.root, out)
    plan = SitePlan(load_knowledge(project.root))
    planned = [p.src_uri for p in plan.generated] + [f.src_uri for f in plan.files]
    for src_uri in planned:
        assert (out / "docs" / src_uri).is_file(), src_uri
    assert (out / "docs" / "assets" / "site.css").read_text() == "p { margin: 0 }\n"
    assert (out / "overrides" / "partials" / "actions.html").is_file()
    assert not (project.root / "docs" / "claims.md").exists()  # docs/ is only read


def test_hand_written_pages_are_expanded_and_keep_their_front_matter(
    project: Project, tmp_path: Path
) -> None:
    generate(project.root, tmp_path / "out")
    index = (tmp_path / "out" / "docs" / "index.md").read_text(encoding="utf-8")
    meta_text, body = index.removeprefix("---\n").split("\n---\n", 1)
    assert yaml.safe_load(meta_text) == {"edit_file": "docs/index.md", "macros": True}
    assert "{{" not in body
    assert 'href="claims/#trade-grew"' in body
    assert "Sources on this page" in body


def test_config_has_no_hook_and_keeps_tags_for_the_build(project: Project, tmp_path: Path) -> None:
    generate(project.root, tmp_path / "out")
    config = read_config(tmp_path / "out" / "mkdocs.yml")
    assert "hooks" not in config and "watch" not in config
    assert config["theme"]["custom_dir"] == "overrides"
    assert config["site_url"] == Tagged("!ENV", ["SITE_URL", ""])  # read when the engine builds
    slugify = config["markdown_extensions"][0]["toc"]["slugify"]
    assert slugify.tag == "tag:yaml.org,2002:python/object/apply:pymdownx.slugs.slugify"
    topics = config["nav"][1]["Topics"]
    assert {"Trade between Seoul and Moscow": "topics/trade.md"} in topics
    assert config["not_in_nav"].splitlines() == [
        "/actors/*.md",
        "!/actors/index.md",
        "/sources/*.md",
        "!/sources/index.md",
    ]


def test_regenerating_rewrites_only_what_changed_and_removes_what_is_gone(
    project: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = generate(project.root, out)
    assert first.written == first.files
    again = generate(project.root, out)
    assert (again.written, again.removed) == (0, 0)
    (project.root / "docs" / "assets" / "site.css").unlink()
    project.replace("data/topics/trade.yaml", "title: Trade between", "title: Commerce between")
    changed = generate(project.root, out)
    assert changed.removed == 1
    assert not (out / "docs" / "assets" / "site.css").exists()
    assert "Commerce between" in (out / "docs" / "topics" / "trade.md").read_text("utf-8")
    assert 0 < changed.written < changed.files


def test_bad_data_leaves_the_generated_project_as_it_was(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate(project.root, out)
    before = tree_digest(out)
    project.replace("data/topics/trade.yaml", "title: Trade between", "title: [unclosed")
    done = run_cli("--root", str(project.root), "generate", str(out), cwd=tmp_path)
    assert done.returncode == 1
    assert "data/topics/trade.yaml:" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_digest(out) == before


def test_a_docs_file_in_a_generated_page_s_place_is_a_problem(
    project: Project, tmp_path: Path
) -> None:
    project.write("docs/timeline.md", "# My timeline\n")
    with pytest.raises(DataError) as raised:
        generate(project.root, tmp_path / "out")
    assert [str(p.position) for p in raised.value.problems] == ["docs/timeline.md:1:1"]


def test_generate_refuses_a_folder_it_did_not_write_and_the_docs_folder(
    project: Project, tmp_path: Path
) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me\n")
    with pytest.raises(GenerateError, match="not written by generate"):
        generate(project.root, tmp_path / "mine")
    with pytest.raises(GenerateError, match="never go into"):
        generate(project.root, project.root / "docs" / "out")
    done = run_cli("--root", str(project.root), "generate", str(tmp_path / "mine"), cwd=tmp_path)
    assert done.returncode == 2 and "choose a new folder" in done.stderr
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me\n"


def test_finishing_twice_changes_nothing(tmp_path: Path) -> None:
    page = (
        "<!doctype html><html><head><title>x</title><script>var a=1</script></head>"
        '<body><input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        "</body></html>"
    )
    finished = finish_page(page)
    assert finished.count("Content-Security-Policy") == 1
    assert 'autocomplete="off"' not in finished
    assert finish_page(finished) == finished
    (tmp_path / "site" / "a").mkdir(parents=True)
    (tmp_path / "site" / "a" / "index.html").write_text(page)
    (tmp_path / "site" / "404.html").write_text(page)
    assert finish_site(tmp_path / "site").changed == 2
    assert finish_site(tmp_path / "site").changed == 0


def test_finishing_repairs_the_theme_around_the_content_and_leaves_the_content_alone() -> None:
    """Theme-like markup and scripts inside the content (a hand-written page may hold raw HTML)
    are not the theme's: neither repaired nor allowed by hash; the theme's after it is."""
    toggle = '<input class="md-toggle" type="checkbox" id="__search" autocomplete="off">'
    page = (
        "<!doctype html><html><head><script>var theme=1</script></head><body>"
        f'{toggle}<article class="md-content__inner md-typeset">'
        f"<p>Hand-written</p>{toggle}<script>var content=1</script></article>"
        "<script>var footer=2</script></body></html>"
    )
    finished = finish_page(page)
    head, content = finished.split('<article class="md-content__inner', 1)
    assert 'autocomplete="off"' not in head and toggle in content
    policy = re.search(r'Content-Security-Policy" content="([^"]*)"', finished)
    assert policy is not None
    for script, allowed in (
        ("var theme=1", True),
        ("var footer=2", True),
        ("var content=1", False),
    ):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert (f"'sha256-{digest}'" in policy.group(1)) is allowed, script
    assert finish_page(finished) == finished


@pytest.fixture(scope="module")
def hook_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site built by MkDocs with the hook, without a repository address."""
    result = mkdocs_build(REPO, tmp_path_factory.mktemp("hook") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.mark.build
def test_plain_mkdocs_build_of_the_generated_project_equals_the_hook_build(
    hook_build: BuildResult, tmp_path: Path
) -> None:
    """The real site: generate → `mkdocs build` (no hook) → finish is byte for byte the hook's."""
    generated = tmp_path / "generated"
    done = run_cli("generate", str(generated), cwd=REPO)
    assert done.returncode == 0, done.stderr
    plain = mkdocs_build(generated, tmp_path / "plain")
    assert plain.returncode == 0, plain.output
    assert "WARNING" not in plain.output
    finished = run_cli("finish", str(plain.site), cwd=REPO)
    assert finished.returncode == 0, finished.stderr
    assert tree_digest(plain.site) == tree_digest(hook_build.site)


@pytest.mark.build
def test_without_a_repository_address_no_page_has_an_edit_button(
    hook_build: BuildResult,
) -> None:
    pages = list(hook_build.site.rglob("*.html"))
    assert pages
    assert not [p for p in pages if 'rel="edit"' in p.read_text(encoding="utf-8")]


def test_for_zensical_links_are_relative_to_the_markdown_file(
    project: Project, tmp_path: Path
) -> None:
    """Zensical reads a relative link in a page's HTML from the Markdown file, MkDocs from the
    page's URL: timeline.md is shown at timeline/, so the same link is written two ways."""
    generate(project.root, tmp_path / "mkdocs")
    generate(project.root, tmp_path / "zensical", "zensical")
    timeline = "docs/timeline.md"
    assert 'href="../claims/#trade-grew"' in (tmp_path / "mkdocs" / timeline).read_text("utf-8")
    assert 'href="claims/#trade-grew"' in (tmp_path / "zensical" / timeline).read_text("utf-8")
    index = "docs/topics/index.md"  # an index page is shown at its folder: the same either way
    assert (tmp_path / "mkdocs" / index).read_bytes() == (
        tmp_path / "zensical" / index
    ).read_bytes()
