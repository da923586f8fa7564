"""The thin MkDocs adapter, loaded as a hook from mkdocs.yml (`hooks: [macros/engines/mkdocs_hook.py]`).

This is the only module that imports MkDocs. Event order: the data is validated in `on_config`, before
MkDocs cleans site/, so a bad edit leaves the last good site in place; pages are added in `on_files`;
hand-written pages have their macros expanded in `on_page_markdown`.

Under `mkdocs serve`, a bad edit must not stop the preview: the errors are logged and shown at the top
of every page, and the pages keep the last good data until the edit is fixed.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Any

# mkdocs.yml loads this file by path; make the package two folders up importable as `macros`.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros.core.diagnostics import DataError, Problem
from macros.core.knowledge import KnowledgeBase
from macros.core.project import load_knowledge
from macros.engines.csp import with_content_security_policy
from macros.engines.material_fixes import repair_theme_markup
from macros.pages.exports import claims_csv, claims_json
from macros.pages.json_schemas import schema_documents
from macros.pages.render import render_hand_written, render_problems, render_site

log = get_plugin_logger("claims")


class _State:
    """What the hook remembers: per build (reset in on_config) and, for serve, the last good build."""

    command: str = "build"
    knowledge: KnowledgeBase | None = None
    problems: list[Problem]
    last_good: KnowledgeBase | None = None
    last_good_pages: dict[str, str]

    def __init__(self) -> None:
        self.problems = []
        self.last_good_pages = {}


_state = _State()


def on_startup(*, command: str, dirty: bool) -> None:
    _state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.knowledge, _state.problems = None, []
    if not config.use_directory_urls:
        raise PluginError("claims: set use_directory_urls: true; citation links assume it")
    root = Path(config.config_file_path).parent
    try:
        _state.knowledge = _state.last_good = load_knowledge(root)
    except DataError as err:
        for problem in err.problems:
            log.error(str(problem))
        summary = f"{len(err.problems)} problem(s) in the data (listed above)"
        if _state.command != "serve" or _state.last_good is None:
            raise PluginError(f"{summary}; site/ was left as it was") from None
        log.error(f"{summary}; the preview shows the last good data until they are fixed")
        _state.knowledge, _state.problems = _state.last_good, err.problems
    if not config.repo_url:
        config.edit_uri = None  # no repository known: no edit buttons rather than broken ones
    config.nav = _nav_with_topics(config.nav, _state.knowledge)
    return config


# Material writes the whole navigation into every page: past this many topics, the topic list page
# is the way in, so pages do not grow with the number of topics (see BENCHMARKS.md).
NAV_TOPICS_LIMIT = 30


def _nav_with_topics(nav: Any, kb: KnowledgeBase) -> Any:
    """The configured nav with the topic list entry expanded into a section of every topic."""
    if not isinstance(nav, list) or len(kb.topics) > NAV_TOPICS_LIMIT:
        return nav
    # Themes print nav titles as HTML: escape the contributor's text.
    titles = ((html.escape(t.title), t.id) for t in kb.topics.values())
    section = ["topics/index.md", *({title: f"topics/{i}.md"} for title, i in titles)]
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
    if _state.knowledge is None:
        raise PluginError("claims: the knowledge base was not loaded (on_config did not run)")
    return _state.knowledge


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    kb = _knowledge()
    for file in files:
        if file.src_uri.endswith(".md"):
            file.edit_uri = f"docs/{file.src_uri}"
    generated = [(page.src_uri, page.content, page.edit_file) for page in render_site(kb)]
    generated.append(("claims.json", claims_json(kb), "data/claims/"))
    generated.append(("claims.csv", claims_csv(kb), "data/claims/"))
    # The JSON Schemas editors use for the data files, published so `$schema` links resolve.
    generated.extend((path, text, path) for path, text in schema_documents().items())
    for src_uri, content, edit_file in generated:
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(
                f"claims: docs/{src_uri} collides with a generated page: rename or remove it"
            )
        file = File.generated(config, src_uri, content=content)
        file.edit_uri = edit_file
        in_nav = src_uri.startswith("topics/") and len(kb.topics) <= NAV_TOPICS_LIMIT
        if (
            "/" in src_uri
            and src_uri.endswith(".md")
            and not src_uri.endswith("index.md")
            and not in_nav
        ):
            file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from their list pages
        files.append(file)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    src_uri = page.file.src_uri
    if page.meta.get("macros") is True:
        if not _state.problems:
            markdown = render_hand_written(_knowledge(), src_uri, markdown)
            _state.last_good_pages[src_uri] = markdown
        else:  # the page may name ids the last good data lacks: show its last good version
            markdown = _state.last_good_pages.get(src_uri, markdown)
    if _state.problems:
        markdown = render_problems(_state.problems) + markdown
    return markdown


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return with_content_security_policy(repair_theme_markup(output))


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):  # 404.html: a page too, though not built from Markdown
        return with_content_security_policy(repair_theme_markup(output_content))
    return output_content
