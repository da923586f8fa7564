"""Building a claims site and reading what it built: helpers of the generic tests.

Everything runs the way a maintainer does, through the command line (`python -m mkdocs build
--strict`, `python -m macros check`), with the Python that runs the tests.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

# The project these tests belong to: the folder holding tests/, mkdocs.yml, data/ and macros/.
PROJECT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    returncode: int
    output: str  # stdout and stderr together, as a maintainer sees them


def run(command: list[str], cwd: Path) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SITE_URL", "SITE_REPO_URL"):  # the deployment settings would change the pages
        env.pop(name, None)
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, check=False
    )
    return Run(done.returncode, done.stdout + done.stderr)


def strict_build(project: Path, site: Path) -> Run:
    """`mkdocs build --strict` of the project into `site`."""
    config = str(project / "mkdocs.yml")
    return run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site)],
        project,
    )


def check(project: Path) -> Run:
    """`python -m macros check`: the data checks alone, as `make check` runs them."""
    return run([sys.executable, "-m", "macros", "check"], project)


def copy_project(destination: Path, source: Path = PROJECT) -> Path:
    """A copy of a project's inputs (mkdocs.yml, docs/, data/, macros/) for a test to edit."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", destination / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("docs", "data"):
        shutil.copytree(source / folder, destination / folder, ignore=ignore)
    if (source / "macros").is_dir():
        shutil.copytree(source / "macros", destination / "macros", ignore=ignore)
    return destination


def data_ids(project: Path, folder: str) -> list[str]:
    """The ids of the one-file-each records in data/<folder>/ (sources, topics, actors)."""
    return sorted(p.stem for p in (project / "data" / folder).glob("*.yaml"))


def claims(project: Path) -> list[dict[str, Any]]:
    """Every claim in data/claims/, as written."""
    found: list[dict[str, Any]] = []
    for path in sorted((project / "data" / "claims").glob("*.yaml")):
        found.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return found


def nav_pages(project: Path) -> list[str]:
    """The Markdown files mkdocs.yml's navigation lists (`- Title: path.md`)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.split("\nnav:\n", 1)[1]
    return re.findall(r"^\s*- [^:\n]+: (\S+\.md)\s*$", nav, flags=re.M)


def built_page(site: Path, markdown: str) -> Path:
    """Where a page made from `markdown` (a path as the navigation gives it) is in the built site."""
    stem = markdown.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site / f"{stem}.html"
    return site / stem / "index.html"


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src"):
                self.links.append((tag, value))


def page_links(html: str) -> tuple[list[tuple[str, str]], set[str]]:
    """The (tag, url) of every href/src in a page, and the ids it defines."""
    collector = _LinkCollector()
    collector.feed(html)
    return collector.links, collector.ids


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in a built site that does not resolve, as "page: url"."""
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    ids = {name: page_links(p.read_text(encoding="utf-8"))[1] for name, p in pages.items()}
    broken: list[str] = []
    for name, path in pages.items():
        links, _ = page_links(path.read_text(encoding="utf-8"))
        for _, url in links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:")):
                continue
            # 404.html links from the site root: it is served at whatever URL was not found.
            base = "" if parts.path.startswith("/") else posixpath.dirname(name)
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
            if parts.path == "":
                target = name
            elif url.split("#")[0].endswith("/") or target == ".":
                target = posixpath.join("" if target == "." else target, "index.html")
            if not (site / target).exists():
                broken.append(f"{name}: {url}")
                continue
            if parts.fragment and target in ids and parts.fragment not in ids[target]:
                broken.append(f"{name}: {url} (no such anchor)")
    return broken


def foreign_requests(html: str) -> list[str]:
    """What a page would load from another origin: scripts, styles, images, frames, fonts."""
    collector = _LinkCollector()
    collector.feed(html)
    loaded = [url for tag, url in collector.links if tag in ("script", "img", "iframe", "source")]
    loaded += re.findall(
        r'<link\b[^>]*\brel="(?:stylesheet|preload|modulepreload|icon)"[^>]*\bhref="([^"]+)"', html
    )
    return [url for url in loaded if urlsplit(url).netloc or url.startswith("//")]
