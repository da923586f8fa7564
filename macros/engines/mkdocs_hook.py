"""The MkDocs (and ProperDocs) adapter, loaded as a hook from mkdocs.yml.

It only wires MkDocs' events to the generator; what the site has is `macros.pages.plan.SitePlan`.

- `on_config`: load and check the data, before MkDocs cleans site/, so a bad edit leaves the last
  good site in place; expand the navigation.
- `on_files`: add every planned page and file (`File.generated`), refusing any that would replace
  a file already in the build (`Files.append` would do so silently).
- `on_page_markdown`: expand macros in hand-written pages; name each page's edit file.
- `on_post_page`, `on_post_template`: finish each built page (theme repairs, CSP), 404 included.

Under `mkdocs serve`, a bad edit must not stop the preview: the errors are logged and shown at the
top of every page, and the pages keep the last good data until the edit is fixed. Serve imports the
generator once, so a change to its Python code is reported (restart to use it), not shown.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

# mkdocs.yml loads this file by path; make the package two folders up importable as `macros`.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros.core.diagnostics import DataError, Problem
from macros.engines.finish import finish_page
from macros.engines.watched import Fingerprint, files_fingerprint, imported_code
from macros.pages.names import checked_plan
from macros.pages.plan import SitePlan
from macros.pages.render import render_hand_written, render_problems
from macros.pages.site import site_files
from macros.pages.site_info import SiteInfo, build_date, footer_values

log = get_plugin_logger("claims")


class _State:
    """What the hook remembers: per build (reset in on_config) and, for serve, the last good build."""

    command: str = "build"
    plan: SitePlan | None = None
    problems: list[Problem]
    last_good: SitePlan | None = None
    last_good_pages: dict[str, str]
    code: dict[str, tuple[int, int]]  # size and mtime of each module of the generator, as imported

    def __init__(self) -> None:
        self.problems = []
        self.last_good_pages = {}
        self.code = {}


_state = _State()


def on_startup(*, command: str, dirty: bool) -> None:
    _state.command = command


def _fail(problems: list[Problem]) -> None:
    """Log every problem; stop the build, or under serve fall back to the last good data."""
    for problem in problems:
        log.error(str(problem))
    summary = f"{len(problems)} problem(s) in the data (listed above)"
    if _state.command != "serve" or _state.last_good is None:
        raise PluginError(f"{summary}; site/ was left as it was") from None
    log.error(f"{summary}; the preview shows the last good data until they are fixed")
    _state.plan, _state.problems = _state.last_good, problems


def running_code() -> Fingerprint:
    """The generator's modules this preview imported, and this hook."""
    return files_fingerprint([*imported_code("macros"), Path(__file__)])


def _report_a_code_change() -> None:
    """Serve rebuilds with the code it imported: say so once a module's file changed (or went).
    A module first imported by a later rebuild is taken as it is then: it was read from disk."""
    if _state.command != "serve":
        return
    now = {path: (size, mtime) for path, size, mtime in running_code()}
    changed = [path for path, seen in _state.code.items() if now.get(path) != seen]
    for path, seen in now.items():
        _state.code.setdefault(path, seen)
    if changed:
        names = ", ".join(sorted({Path(path).name for path in changed}))
        log.warning(
            f"the generator's Python code changed since this preview started ({names}), and it "
            "still runs the old code — stop it and run `make serve` again to use the new code"
        )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.plan, _state.problems = None, []
    _report_a_code_change()
    if gc.get_freeze_count():
        # Under serve, a rebuild: let the previous build's knowledge base and pages go before this
        # one freezes; without the collection the freeze below would keep them for good.
        gc.unfreeze()
        gc.collect()
    if not config.use_directory_urls:
        raise PluginError("claims: set use_directory_urls: true; citation links assume it")
    root = Path(config.config_file_path).parent
    site = SiteInfo(
        name=config.site_name,
        url=config.site_url or "",
        repo_url=config.repo_url or "",
        build_date=build_date(root),
    )
    config.extra.update(footer_values(site))  # read by the theme's footer
    try:
        # Every name the site would write is checked here too, before site/ is cleaned.
        _state.plan = _state.last_good = checked_plan(root, site)
    except DataError as err:
        _fail(err.problems)
    # The knowledge base lives as long as the build: leave it out of the cyclic garbage
    # collector's passes, which otherwise walk all of it again and again while pages render.
    gc.freeze()
    config.nav = _plan().nav(config.nav)
    return config


def _plan() -> SitePlan:
    if _state.plan is None:
        raise PluginError("claims: the knowledge base was not loaded (on_config did not run)")
    return _state.plan


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    plan = _plan()
    planned = site_files(plan)
    # Files.append would silently replace a file with the same path: refuse instead.
    taken = [f.src_uri for f in planned if files.get_file_from_path(f.src_uri) is not None]
    if taken:
        raise PluginError("; ".join(str(problem) for problem in plan.collisions(taken)))
    for item in planned:
        file = File.generated(config, item.src_uri, content=item.content)
        page = plan.page(item.src_uri)
        if page is not None and not page.in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV  # reached from its list page
        files.append(file)
    # In the order MkDocs gives files it finds on disk, so the search index lists pages as a
    # build of `generate`'s folder does: the two sites are then byte for byte the same.
    return Files(sorted(files, key=lambda f: walk_order(f.src_uri)))


def walk_order(src_uri: str) -> tuple[tuple[int, bool, str], ...]:
    """MkDocs' order of files in docs/: top-down by folder, a folder's own files (index first)
    before its subfolders, names sorted."""
    *folders, name = src_uri.split("/")
    stem = name.rsplit(".", 1)[0]
    return (*((1, False, f) for f in folders), (0, stem not in ("index", "README"), name))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    plan = _plan()
    src_uri = page.file.src_uri
    page.meta.setdefault("edit_file", plan.edit_file(src_uri))  # read by the theme's edit button
    if page.meta.get("macros") is True:
        if not _state.problems:
            markdown = render_hand_written(plan, src_uri, markdown)
            _state.last_good_pages[src_uri] = markdown
        else:  # the page may name ids the last good data lacks: show its last good version
            markdown = _state.last_good_pages.get(src_uri, markdown)
    if _state.problems:
        markdown = render_problems(_state.problems) + markdown
    return markdown


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return finish_page(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):  # 404.html: a page too, though not built from Markdown
        return finish_page(output_content)
    return output_content
