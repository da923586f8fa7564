"""`generate DIR`: the whole site as a plain, self-contained project for engines without hooks.

DIR/mkdocs.yml is the project's own configuration with the hook and `watch` removed, the navigation
expanded and the theme overrides copied in; DIR/docs/ holds the hand-written pages with their macros
expanded, every generated page, export and schema, and every asset. `mkdocs build -f DIR/mkdocs.yml`
(or `zensical build`) then makes the same pages as the hook does. The project's docs/ is only read.

Writing is a sync: only files whose bytes changed are rewritten and files no longer planned are
removed, so a live preview of DIR sees one edit as one edit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.engines.config_file import Tagged, dump_config, read_config
from macros.pages import routes
from macros.pages.names import checked_plan, docs_files
from macros.pages.plan import DOCS, SitePlan
from macros.pages.render import render_hand_written, with_front_matter
from macros.pages.site import site_files
from macros.pages.site_info import SiteInfo, build_date, footer_values

CONFIG = "mkdocs.yml"
# How each engine reads relative links in a page's HTML (see macros/pages/routes.py).
ENGINE_LINKS = {
    "mkdocs": routes.FROM_PAGE,
    "properdocs": routes.FROM_PAGE,
    "zensical": routes.FROM_SOURCE,
}
OVERRIDES = "overrides"
HEADER = "# Written by `python -m macros generate` from {source}: edit that file, not this one.\n"
_MANAGED = (DOCS, OVERRIDES)  # the folders of DIR that generate owns (site/ and caches are not)


class GenerateError(Exception):
    """DIR cannot be written (it is not a generated project, or lies inside the project's docs)."""


@dataclass(frozen=True)
class Generated:
    files: int  # files the project has
    written: int  # of which (re)written now
    removed: int  # stale files deleted


def _split_front_matter(text: str) -> tuple[str, str]:
    """A Markdown file's front matter block (fences included) and the rest."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].rstrip() == "---":
        for i, line in enumerate(lines[1:], 1):
            if line.rstrip() in ("---", "..."):
                return "".join(lines[: i + 1]), "".join(lines[i + 1 :])
    return "", text


def project_files(root: Path, engine: str = "mkdocs") -> dict[str, bytes]:
    """Every file of the generated project for `engine`, by its path inside DIR.

    Raises DataError with every problem when the data (or a docs/ file in a generated page's
    place) is wrong.
    """
    config = read_config(root / CONFIG)
    site = site_info(root, config)
    plan = checked_plan(
        root, site, ENGINE_LINKS[engine]
    )  # the data, and every name the site would write
    sources = docs_files(root / DOCS)
    out: dict[str, bytes] = {}
    hand_written = {page.src_uri: page for page in plan.kb.pages}
    for rel, path in sources.items():
        if not rel.endswith(".md"):
            out[f"{DOCS}/{rel}"] = path.read_bytes()
            continue
        text = path.read_text(encoding="utf-8")
        if rel in hand_written:
            front, _ = _split_front_matter(text)
            text = front + render_hand_written(plan, rel, hand_written[rel].markdown)
        out[f"{DOCS}/{rel}"] = with_front_matter(text, edit_file=plan.edit_file(rel)).encode()
    for file in site_files(plan):
        out[f"{DOCS}/{file.src_uri}"] = file.content.encode()
    out.update(_theme_overrides(root, config))
    extra = config.get("extra")
    config["extra"] = {**(extra if isinstance(extra, dict) else {}), **footer_values(site)}
    out[CONFIG] = (HEADER.format(source=CONFIG) + dump_config(_config(config, plan))).encode()
    return out


def site_info(root: Path, config: dict[str, Any]) -> SiteInfo:
    """What pages say about the site, from its configuration as the build will read it.

    The pages are written now, so the `!ENV` settings they show (SITE_URL, SITE_REPO_URL) are read
    from the environment now, as the build will read them for the rest of the configuration.
    """
    return SiteInfo(
        name=str(_setting(config.get("site_name"))),
        url=str(_setting(config.get("site_url"))),
        repo_url=str(_setting(config.get("repo_url"))),
        build_date=build_date(root),
    )


def _setting(value: Any) -> Any:
    """A configuration value, with `!ENV [NAME, …, default]` resolved as MkDocs resolves it."""
    if not (isinstance(value, Tagged) and value.tag == "!ENV"):
        return "" if value is None else value
    names = value.value if isinstance(value.value, list) else [value.value]
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if str(name) in os.environ:
            return os.environ[str(name)]
    return "" if default is None else default


def _theme_overrides(root: Path, config: dict[str, Any]) -> dict[str, bytes]:
    """The theme's custom_dir, copied into DIR/overrides (and the config pointed at it)."""
    theme = config.get("theme")
    if not (isinstance(theme, dict) and theme.get("custom_dir")):
        return {}
    custom = (root / str(theme["custom_dir"])).resolve()
    theme["custom_dir"] = OVERRIDES
    return {
        f"{OVERRIDES}/{p.relative_to(custom).as_posix()}": p.read_bytes()
        for p in sorted(custom.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _config(config: dict[str, Any], plan: SitePlan) -> dict[str, Any]:
    """The project's configuration as a hook-free engine needs it."""
    config.pop("hooks", None)  # nothing left to do at build time: every page is written out
    config.pop("watch", None)  # `generate --watch` follows the project's files instead
    config.pop("site_dir", None)  # DIR/site: Zensical only builds inside its project folder
    config["docs_dir"] = DOCS
    if "nav" in config:
        config["nav"] = plan.nav(config["nav"])
    patterns = plan.not_in_nav()
    if patterns:
        configured = str(config.get("not_in_nav") or "").splitlines()
        config["not_in_nav"] = "\n".join([*configured, *patterns]) + "\n"
    return config


def check_destination(root: Path, out: Path) -> None:
    """Refuse a DIR that is the project, lies inside its docs/, or holds something else."""
    root, out = root.resolve(), out.resolve()
    if out == root or out.is_relative_to(root / DOCS):
        raise GenerateError(f"{out}: generated files never go into the project or its {DOCS}/")
    config = out / CONFIG
    if not out.exists() or not any(out.iterdir()):
        return
    if not (config.is_file() and config.read_text(encoding="utf-8").startswith(HEADER[:30])):
        raise GenerateError(
            f"{out} is not empty and was not written by generate: choose a new folder"
        )


def write_project(out: Path, files: dict[str, bytes]) -> Generated:
    """Make DIR hold exactly these files (outside site/ and caches), touching only changes."""
    written = removed = 0
    for rel, content in files.items():
        path = out / rel
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written += 1
    for folder in _MANAGED:
        base = out / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):  # children before their folders
            rel = path.relative_to(out).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return Generated(len(files), written, removed)


def generate(root: Path, out: Path, engine: str = "mkdocs") -> Generated:
    """Write the project for `root`, as `engine` reads it, into `out` (DataError, GenerateError)."""
    check_destination(root, out)
    return write_project(out, project_files(root, engine))
