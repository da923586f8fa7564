"""The thin MkDocs adapter, loaded as a hook from mkdocs.yml (`hooks: [macros/mkdocs_adapter.py]`).

This is the only module that imports MkDocs. Event order: the data is validated in `on_config`, before
MkDocs cleans site/, so a bad edit leaves the last good site in place; pages are added in `on_files`;
hand-written pages have their macros expanded in `on_page_markdown`; exports are added as files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# mkdocs.yml loads this file by path; make the package beside it importable as `macros`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros.diagnostics import DataError
from macros.exports import claims_csv, claims_json
from macros.knowledge import KnowledgeBase
from macros.render import render_hand_written, render_site
from macros.site import load_knowledge

log = get_plugin_logger("claims")


class _Build:
    """Per-build state, replaced in on_config so `mkdocs serve` rebuilds start clean."""

    knowledge: KnowledgeBase | None = None


_build = _Build()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _build.knowledge = None
    if not config.use_directory_urls:
        raise PluginError("claims: set use_directory_urls: true; citation links assume it")
    root = Path(config.config_file_path).parent
    try:
        _build.knowledge = load_knowledge(root)
    except DataError as err:
        for problem in err.problems:
            log.error(str(problem))
        raise PluginError(
            f"{len(err.problems)} problem(s) in the data (listed above); site/ was left as it was"
        ) from None
    if not config.repo_url:
        config.edit_uri = None  # no repository known: no edit buttons rather than broken ones
    config.nav = _nav_with_topics(config.nav, _build.knowledge)
    return config


def _nav_with_topics(nav: Any, kb: KnowledgeBase) -> Any:
    """The configured nav with the topic list entry expanded into a section of every topic."""
    if not isinstance(nav, list):
        return nav
    section = ["topics/index.md", *({t.title: f"topics/{t.id}.md"} for t in kb.topics.values())]
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, target),) = item.items()
            if target == "topics/index.md":
                expanded.append({title: section})
                continue
        expanded.append(item)
    return expanded


def _knowledge() -> KnowledgeBase:
    if _build.knowledge is None:
        raise PluginError("claims: the knowledge base was not loaded (on_config did not run)")
    return _build.knowledge


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    kb = _knowledge()
    for file in files:
        if file.src_uri.endswith(".md"):
            file.edit_uri = f"docs/{file.src_uri}"
    generated = [(page.src_uri, page.content, page.edit_file) for page in render_site(kb)] + [
        ("claims.json", claims_json(kb), "data/claims/"),
        ("claims.csv", claims_csv(kb), "data/claims/"),
    ]
    for src_uri, content, edit_file in generated:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"claims: docs/{src_uri} collides with a generated page: rename or remove it"
            )
        file = File.generated(config, src_uri, content=content)
        file.edit_uri = edit_file
        if src_uri.startswith(("actors/", "sources/")) and not src_uri.endswith("index.md"):
            file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from their list pages
        files.append(file)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.meta.get("macros") is not True:
        return markdown
    return render_hand_written(_knowledge(), page.file.src_uri, markdown)
