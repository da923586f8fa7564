"""A claims site on another subject: `new-site` makes its project folder, `update-generator`
brings a later generator into it.

What a new site holds comes from two places. The files it owns (its README, Makefile, mkdocs.yml,
docs/ pages, an example source with its claims, the generic tests, CI) are data files in
`site_template/`, copied with the site's name filled in. The generator it shares with this
project (`macros/`, the claims stylesheet and script in docs/assets/, the runtime pins) is copied
from the project the command runs in. `update-generator` later replaces exactly the generator's
files and the generic tests, never the site's data or pages.
"""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "site_template"
# The project this copy of the generator sits in (the folder holding macros/).
HERE = Path(__file__).resolve().parents[2]

NAME_TOKEN = "__SITE_NAME__"
# A site name goes into YAML, Markdown headings and HTML: letters, digits, spaces and the
# punctuation titles use, nothing a format reads as syntax.
_NAME = re.compile(r"[^\W_][\w .,:;'’()&!?–—-]{0,79}")

# The generator's own files, copied into a new site and replaced by update-generator.
GENERATOR_FILES = (
    "docs/assets/claims.css",
    "docs/assets/claims.js",
    "requirements.txt",
    "requirements-properdocs.txt",
    "requirements-zensical.txt",
)
GENERATOR_FOLDER = "macros"
# Template files that belong to the generator too (the generic tests, the test tools' pins).
TEMPLATE_GENERATOR_FILES = ("tests/", "requirements-dev.txt")
# What tools leave beside the files (ruff keeps its cache beside the template's pyproject.toml).
_CACHES = ("__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache")
_IGNORED = shutil.ignore_patterns(*_CACHES, "*.pyc")


class NewSiteError(Exception):
    """A reason the folder cannot be made or updated, worded for the person who asked."""


@dataclass(frozen=True)
class NewSite:
    root: Path
    files: int  # files written


@dataclass(frozen=True)
class GeneratorUpdate:
    changed: tuple[str, ...]  # generator files whose content changed (paths in the site)
    removed: tuple[str, ...]  # generator files the newer generator no longer has
    differing: tuple[str, ...]  # template files the site owns that differ from the newer template


def _template_files() -> list[Path]:
    """Every file of the template, as paths relative to it."""
    return sorted(Path(rel) for rel in _tree(TEMPLATE))


def _cached(rel: Path) -> bool:
    return any(part in _CACHES for part in rel.parts) or rel.suffix == ".pyc"


def _with_name(text: str, name: str) -> str:
    # In YAML the name is a double-quoted string; JSON's escapes are YAML's.
    quoted = json.dumps(name, ensure_ascii=False)
    return text.replace(f'"{NAME_TOKEN}"', quoted).replace(NAME_TOKEN, name)


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not _NAME.fullmatch(name):
        raise NewSiteError(
            f"NAME {name!r} cannot be a site name: use 1 to 80 letters, digits, spaces and "
            "ordinary punctuation (.,:;'’()&!?-), beginning with a letter or digit, "
            'e.g. NAME="Birds of the Marsh"'
        )
    return name


def _refuse_target(target: Path, generator: Path) -> None:
    if target == generator or generator in target.parents:
        raise NewSiteError(
            f"{target} is inside this repository ({generator}): a new site is a project of its "
            "own; give a folder outside it, e.g. DIR=../my-claims-site"
        )
    if target in generator.parents:
        raise NewSiteError(f"{target} holds this repository: give a new, empty folder")
    if target.exists() and not target.is_dir():
        raise NewSiteError(f"{target} is a file: give a new, empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise NewSiteError(
            f"{target} is not empty: new-site never writes over files; give a new or empty folder"
        )


def _copy_generator(generator: Path, site: Path) -> None:
    shutil.copytree(generator / GENERATOR_FOLDER, site / GENERATOR_FOLDER, ignore=_IGNORED)
    for rel in GENERATOR_FILES:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(generator / rel, site / rel)


def _write_schemas(site: Path) -> None:
    """schema/ and every data file's schema line, written by the site's own generator."""
    done = subprocess.run(
        [sys.executable, "-m", "macros", "--root", str(site), "schema", "--stamp"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise NewSiteError(f"writing the schemas failed:\n{done.stdout}{done.stderr}")


def new_site(target: Path, name: str, generator: Path = HERE) -> NewSite:
    """Make the project folder of a new claims site named `name` at `target`."""
    name = check_name(name)
    target = target.expanduser().resolve()
    generator = generator.resolve()
    _refuse_target(target, generator)
    target.mkdir(parents=True, exist_ok=True)
    for rel in _template_files():
        source, destination = TEMPLATE / rel, target / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        destination.write_text(_with_name(text, name), encoding="utf-8")
        shutil.copymode(source, destination)  # .ci/run stays executable
    _copy_generator(generator, target)
    _write_schemas(target)
    return NewSite(target, len(_tree(target)))


def _tree(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not _cached(p.relative_to(folder))
    }


def _is_generator_template_file(rel: str) -> bool:
    return any(rel == owned or rel.startswith(owned) for owned in TEMPLATE_GENERATOR_FILES)


def update_generator(site: Path, newer: Path) -> GeneratorUpdate:
    """Replace the site's generator files and generic tests by those of the project `newer`
    (this repository, or another site made by new-site); the site's data and pages stay."""
    site, newer = site.resolve(), newer.resolve()
    newer_template = newer / GENERATOR_FOLDER / "tools" / "site_template"
    if not newer_template.is_dir():
        raise NewSiteError(
            f"{newer} holds no generator: give the folder of a claims-site repository "
            "(the one holding macros/tools/site_template/)"
        )
    if newer == site:
        raise NewSiteError(f"{newer} is this site itself: give the folder of the newer generator")
    if not (site / GENERATOR_FOLDER).is_dir() or not (site / "data").is_dir():
        raise NewSiteError(f"{site} is not a claims site (it has no macros/ and data/)")

    changed: list[str] = []
    old_macros, new_macros = site / GENERATOR_FOLDER, newer / GENERATOR_FOLDER
    old_files, new_files = _tree(old_macros), _tree(new_macros)
    removed = sorted(f"{GENERATOR_FOLDER}/{rel}" for rel in old_files - new_files)
    # The generator's files the older template gave the site (its copy of the template says
    # which), that the newer one no longer has: a generic test dropped since.
    template_path = "tools/site_template/"
    old_owned = {
        rel.removeprefix(template_path)
        for rel in old_files
        if rel.startswith(template_path)
        and _is_generator_template_file(rel.removeprefix(template_path))
    }
    new_owned = {
        rel.removeprefix(template_path) for rel in new_files if rel.startswith(template_path)
    }
    for rel in sorted(old_owned - new_owned):
        if (site / rel).is_file():
            (site / rel).unlink()
            removed.append(rel)
    for rel in sorted(new_files):
        if rel not in old_files or not filecmp.cmp(
            old_macros / rel, new_macros / rel, shallow=False
        ):
            changed.append(f"{GENERATOR_FOLDER}/{rel}")
    shutil.rmtree(old_macros)
    shutil.copytree(new_macros, old_macros, ignore=_IGNORED)

    copies = [(newer / rel, site / rel) for rel in GENERATOR_FILES]
    template_files = sorted(_tree(newer_template))
    copies += [
        (newer_template / rel, site / rel)
        for rel in template_files
        if _is_generator_template_file(rel)
    ]
    for source, destination in copies:
        if destination.is_file() and filecmp.cmp(source, destination, shallow=False):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
        changed.append(destination.relative_to(site).as_posix())

    # The site's own files from the template (Makefile, CI, guides) are the site's to change; say
    # which ones the newer template has changed, so their owner can compare.
    differing = [
        rel
        for rel in template_files
        if not _is_generator_template_file(rel)
        and not rel.startswith(("data/", "docs/"))
        and NAME_TOKEN not in (newer_template / rel).read_text(encoding="utf-8")
        and (site / rel).is_file()
        and not filecmp.cmp(newer_template / rel, site / rel, shallow=False)
    ]
    _write_schemas(site)
    return GeneratorUpdate(tuple(changed), tuple(removed), tuple(differing))
