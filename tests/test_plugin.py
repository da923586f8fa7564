"""The MkDocs hook in-process: a real `MkDocsConfig` from `load_config`, its events called directly.

As mkdocs-autorefs tests its plugin: fast, and each event's contract is visible without a build.
"""

from __future__ import annotations

import gc
import re
import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page

from macros.core.project import load_knowledge
from macros.engines.config_file import read_config
from macros.pages.plan import SitePlan
from tests.helpers import REPO, SOURCE_ID, Project, write_project

HOOK = REPO / "macros" / "engines" / "mkdocs_hook.py"
THEME = REPO / "macros" / "engines" / "theme"


def _mkdocs_yml() -> str:
    return textwrap.dedent(
        f"""\
        site_name: Hook test
        use_directory_urls: true
        hooks: ["{HOOK}"]
        theme:
          name: material
          custom_dir: "{THEME}"
        plugins: [search]
        nav:
          - Home: index.md
          - Topics: topics/index.md
          - Claims: claims.md
        """
    )


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    project = write_project(tmp_path / "project")
    project.write("mkdocs.yml", _mkdocs_yml())
    return project


def break_a_claim(project: Project) -> None:
    """Point the claim 'balance-word' at a source that does not exist."""
    project.replace(
        "data/claims/core.yaml",
        'source: sample-article\n  quote: "“balance”',
        'source: no-such-source\n  quote: "“balance”',
    )


def configured(project: Project, command: str = "build") -> MkDocsConfig:
    """A fresh config (and so a freshly loaded hook) after the startup and config events."""
    config = load_config(str(project.path("mkdocs.yml")))
    config.plugins.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    result = config.plugins.on_config(config)
    assert result is not None
    return result


def with_files(config: MkDocsConfig) -> Files:
    files = config.plugins.on_files(get_files(config), config=config)
    assert files is not None
    return files


def markdown_of(config: MkDocsConfig, files: Files, src_uri: str) -> tuple[str, Page]:
    file = files.get_file_from_path(src_uri)
    assert file is not None
    page = Page(None, file, config)
    page.read_source(config)
    assert page.markdown is not None
    markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    assert markdown is not None
    return markdown, page


def test_on_config_expands_the_topic_entry_into_a_section_of_topics(project: Project) -> None:
    nav = configured(project).nav
    assert nav is not None
    topics = next(item for item in nav if "Topics" in item)["Topics"]
    assert topics[0] == "topics/index.md"
    assert {"Trade between Seoul and Moscow": "topics/trade.md"} in topics
    assert len(topics) == 3  # the list page and both topics


def test_bad_data_stops_the_build_in_on_config_with_every_problem(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    break_a_claim(project)
    with pytest.raises(PluginError, match="site/ was left as it was"):
        configured(project)
    assert "unknown source 'no-such-source'" in caplog.text
    assert "data/claims/core.yaml:" in caplog.text


def test_on_files_adds_every_planned_page_and_export(project: Project) -> None:
    config = configured(project)
    files = with_files(config)
    plan = SitePlan(load_knowledge(project.root))
    for planned in plan.generated:
        file = files.get_file_from_path(planned.src_uri)
        assert file is not None and file.generated_by is not None, planned.src_uri
        assert file.content_string.startswith(f'---\nedit_file: "{planned.edit_file}"\n')
    for name in ("claims.json", "claims.csv", "schema/claims.schema.json"):
        assert files.get_file_from_path(name) is not None, name


def test_entity_pages_are_reached_from_their_lists_and_topics_from_the_nav(
    project: Project,
) -> None:
    files = with_files(configured(project))

    def inclusion(src_uri: str) -> InclusionLevel:
        file = files.get_file_from_path(src_uri)
        assert file is not None
        return file.inclusion

    assert inclusion("actors/russia.md") == InclusionLevel.NOT_IN_NAV
    assert inclusion(f"sources/{SOURCE_ID}.md") == InclusionLevel.NOT_IN_NAV
    assert inclusion("topics/trade.md") == InclusionLevel.UNDEFINED
    assert inclusion("actors/index.md") == InclusionLevel.UNDEFINED


def test_files_come_in_the_order_mkdocs_reads_a_folder(project: Project) -> None:
    uris = [f.src_uri for f in with_files(configured(project))]
    assert uris.index("index.md") < uris.index("claims.md") < uris.index("actors/index.md")
    assert uris.index("actors/index.md") < uris.index("actors/russia.md")
    assert uris.index("actors/south-korea.md") < uris.index("topics/index.md")


def test_a_docs_file_in_a_generated_page_s_place_is_refused_before_site_is_cleaned(
    project: Project, caplog: pytest.LogCaptureFixture
) -> None:
    project.write("docs/claims.md", "# My own claims page\n")
    with pytest.raises(PluginError, match="site/ was left as it was"):
        configured(project)  # on_config: MkDocs cleans site/ only after it
    assert re.search(r"docs/claims\.md:1:1: .* rename or remove it", caplog.text)


def test_a_file_another_plugin_added_is_never_silently_replaced(project: Project) -> None:
    config = configured(project)
    files = get_files(config)
    files.append(File.generated(config, "claims.json", content="[]"))
    with pytest.raises(PluginError, match=r"claims\.json"):
        config.plugins.on_files(files, config=config)


def test_hand_written_page_gets_its_macros_expanded_and_its_edit_file(project: Project) -> None:
    config = configured(project)
    markdown, page = markdown_of(config, with_files(config), "index.md")
    assert '<sup class="cite"' in markdown
    assert 'href="claims/#trade-grew"' in markdown
    assert '<a class="ref ref-topic" href="topics/trade/">' in markdown
    assert "{{" not in markdown
    assert page.meta["edit_file"] == "docs/index.md"


def test_serve_keeps_the_last_good_data_and_shows_the_problems(project: Project) -> None:
    config = configured(project, command="serve")
    files = with_files(config)
    good, _ = markdown_of(config, files, "index.md")
    break_a_claim(project)
    config = config.plugins.on_config(config)  # the same hook instance, as serve reloads it
    assert config is not None
    files = with_files(config)
    shown, _ = markdown_of(config, files, "index.md")
    assert shown.startswith('<div class="build-problems" role="alert">')
    assert "unknown source" in shown
    assert shown.endswith(good)


def test_built_pages_get_a_content_security_policy(project: Project) -> None:
    config = configured(project)
    files = with_files(config)
    _, page = markdown_of(config, files, "index.md")
    html = "<!doctype html><html><head><title>x</title></head><body><p>x</p></body></html>"
    output = config.plugins.on_post_page(html, page=page, config=config)
    assert output is not None
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';' in output
    assert config.plugins.on_post_page(output, page=page, config=config) == output


def test_a_live_preview_lets_each_rebuild_s_leftovers_go(project: Project, tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds in one process after every save, and the hook freezes the loaded
    knowledge base against the garbage collector: the previous build must be collected first, or
    every save keeps one more build's worth of memory for good (55 MB a save at ×10)."""
    frozen = []
    try:
        for _ in range(4):
            config = load_config(str(project.path("mkdocs.yml")), site_dir=str(tmp_path / "site"))
            config.plugins.on_startup(command="serve", dirty=False)
            build(config, serve_url="http://127.0.0.1:8000/")
            frozen.append(gc.get_freeze_count())
    finally:
        gc.unfreeze()
    assert frozen[3] <= frozen[1] * 1.01, frozen


def test_serve_reports_a_change_to_the_generator_s_python_code(
    project: Project, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Serve imports the generator once: after its code changes, every rebuild says that the
    preview still runs the old code, where it would otherwise show stale pages without a word."""
    config = configured(project, command="serve")
    (hook,) = config["hooks"].values()
    monkeypatch.setattr(hook._state, "code", dict(hook._state.code))  # later tests keep theirs
    assert "changed since this preview started" not in caplog.text
    running = hook.running_code()
    assert (str(HOOK), HOOK.stat().st_size, HOOK.stat().st_mtime_ns) in running
    assert any(path.endswith("macros/pages/render.py") for path, _, _ in running)
    render = str(REPO / "macros" / "pages" / "render.py")
    later_import = str(REPO / "macros" / "pages" / "imported_later.py")
    grown = running | {
        (later_import, 10, 10)
    }  # a module a later rebuild imports for the first time
    monkeypatch.setattr(hook, "running_code", lambda: grown)
    config = config.plugins.on_config(config)
    assert "changed since this preview started" not in caplog.text
    edited = {entry for entry in grown if entry[0] != render} | {(render, 1, 1)}
    monkeypatch.setattr(hook, "running_code", lambda: edited)
    config = config.plugins.on_config(config)  # the next save's rebuild
    assert (
        "the generator's Python code changed since this preview started (render.py)" in caplog.text
    )
    assert "run `make serve` again" in caplog.text


def test_a_build_does_not_fingerprint_the_generator_s_code(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = configured(project)
    (hook,) = config["hooks"].values()

    def unexpected() -> frozenset[tuple[str, int, int]]:
        raise AssertionError("only a live preview compares the generator's code")

    monkeypatch.setattr(hook, "running_code", unexpected)
    assert config.plugins.on_config(config) is not None


@pytest.mark.parametrize("config_file", ["mkdocs.yml", "macros/tools/site_template/mkdocs.yml"])
def test_serve_watches_what_each_rebuild_reads_anew_and_no_python_code(config_file: str) -> None:
    """`watch:` names the data, the templates and the theme overrides (each build reads them
    again), all existing; not the generator's code, which serve cannot reload and whose folder
    MkDocs' polling watcher would list twice a second while the site builds."""
    config = read_config(REPO / config_file)
    watched = [REPO / path for path in config["watch"]]
    assert [path.relative_to(REPO).as_posix() for path in watched] == [
        "data",
        "macros/pages/templates",
        "macros/engines/theme",
    ]
    assert config["theme"]["custom_dir"] == "macros/engines/theme"
    assert all(path.is_dir() for path in watched)
    assert not [p for path in watched for p in path.rglob("*.py")]
