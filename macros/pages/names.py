"""Every name the site would write, checked against every name it already has, before anything
is written.

Two kinds of name are shared between the data and the site:

- **Files.** Each page is written as `<its URL>/index.html`, each export and schema under its own
  path, each file of `docs/` as MkDocs publishes it. A topic, actor or source id becomes a page
  address, so `data/topics/index.yaml` would replace the topics list, a source named `index` the
  claims index once it is split by source, and `docs/topics/trade.md` the page of topic `trade`.
  The names are those of the site plan (every page and file the generator makes) and of the real
  `docs/` folder; they are compared as a case-insensitive file system would.
- **Element ids.** The site's own ids begin with `_` (`macros.pages.anchors`), which no data id
  can contain, so a claim, event or term can never take the id of a form, heading, marker or
  section of its page. What remains are the anchors made from contributors' words: two sections
  of one topic whose headings give the same anchor, and a heading in `docs/` whose anchor would
  begin with `_` (the site's and the theme's namespace).

`checked_plan` is the one entry point: `make check`, the MkDocs hook's `on_config` (before MkDocs
cleans site/) and `generate` all call it, so a name that is taken stops each of them, with the
file and line of the name, before anything is written.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from macros.core.diagnostics import DataError, Position, Problem
from macros.core.editorial import editorial_problems
from macros.core.knowledge import KnowledgeBase
from macros.core.problems import Code
from macros.core.project import sound_knowledge
from macros.pages import routes
from macros.pages.anchors import is_site_id, section_anchors
from macros.pages.plan import DOCS, SitePlan
from macros.pages.routes import page_url
from macros.pages.site_info import SiteInfo

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#[^}]*\}\s*$")
_TOC_PUNCTUATION = re.compile(r"[^\w\s-]")  # as Python-Markdown's toc.slugify
_TOC_SPACES = re.compile(r"[-\s]+")


@dataclass(frozen=True)
class _Name:
    """Something that would be written to one file of the site."""

    output: str  # the file, relative to site/
    what: str  # as a message names it
    origin: Position | None  # where its name was written: a data file, a docs/ file; None: ours
    from_data: bool = False


def checked_plan(
    root: Path, site: SiteInfo | None = None, links_from: str = routes.FROM_PAGE
) -> SitePlan:
    """Load and check the data, then the editorial rules and every name the site would write;
    DataError lists them all.

    `links_from`: how the engine that builds the pages reads their links (see routes)."""
    # The editorial rules and the names both need the resolved base: report them together, so
    # a contributor meets every problem of that kind in one run.
    plan = SitePlan(sound_knowledge(root), site or SiteInfo(), links_from)
    problems = [*editorial_problems(plan.kb), *name_problems(plan, docs_files(root / DOCS))]
    if problems:
        raise DataError(sorted(set(problems)))
    return plan


def docs_files(docs: Path) -> dict[str, Path]:
    """Files under docs/ as MkDocs sees them (hidden files and folders left out), by path."""
    if not docs.is_dir():
        return {}
    found: dict[str, Path] = {}
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found[rel.as_posix()] = path
    return found


def output_path(src_uri: str) -> str:
    """The file a docs/ path is published as: `topics/x.md` → `topics/x/index.html`."""
    folder, name = posixpath.split(src_uri)
    if name == "README.md":  # MkDocs publishes a folder's README as its index
        src_uri = posixpath.join(folder, "index.md")
    if not src_uri.endswith(".md"):
        return src_uri
    return page_url(src_uri) + "index.html"


def name_problems(plan: SitePlan, docs: Mapping[str, Path]) -> list[Problem]:
    """A problem for every name that something else of the site already has; `docs` is what
    `docs_files` lists."""
    return [
        *_taken_files(plan, docs),
        *_section_anchor_problems(plan.kb),
        *_docs_heading_problems(docs),
    ]


def _names(plan: SitePlan, docs: Iterable[str]) -> Iterator[_Name]:
    for page in plan.generated:
        if page.origin is None:
            yield _Name(output_path(page.src_uri), f"the page '{page.title}'", None)
        else:
            what = f"the page made from {page.origin.path} (its name is the page's address)"
            yield _Name(output_path(page.src_uri), what, page.origin, from_data=True)
    for planned in plan.files:
        yield _Name(planned.src_uri, f"the file {planned.src_uri}", None)
    for rel in docs:
        yield _Name(output_path(rel), f"{DOCS}/{rel}", Position(f"{DOCS}/{rel}"))


def _taken_files(plan: SitePlan, docs: Iterable[str]) -> Iterator[Problem]:
    by_output: dict[str, list[_Name]] = defaultdict(list)
    for name in _names(plan, docs):
        by_output[name.output.casefold()].append(name)
    for output, names in sorted(by_output.items()):
        # The site's own pages and files keep their names, then docs/, then data: the later
        # claimant is the one to rename.
        holder, *others = sorted(names, key=lambda n: (n.origin is not None, n.from_data))
        for other in others:
            if other.origin is None:
                raise AssertionError(f"the site plan names {output} twice")  # our mistake
            where = f"would have the address {_address(other.output)}, which {holder.what} has"
            if other.from_data:
                yield Problem(
                    Code.NAME_TAKEN,
                    other.origin,
                    f"this file {where}",
                    "rename the file to another id: the id of a topic, actor or source is its "
                    "page's address",
                )
            else:
                yield Problem(
                    Code.PAGE_COLLISION,
                    other.origin,
                    f"this file {where}",
                    f"rename or remove it: generated pages never live in {DOCS}/",
                )


def _address(output: str) -> str:
    """How a reader sees an output file: a page by its URL (`topics/`), a file by its path."""
    if output == "index.html":
        return "/ (the home page)"
    return output.removesuffix("index.html") if output.endswith("/index.html") else output


def _section_anchor_problems(kb: KnowledgeBase) -> Iterator[Problem]:
    for topic in kb.topics.values():
        first: dict[str, str] = {}
        anchors = section_anchors(s.heading for s in topic.sections)
        for section, anchor in zip(topic.sections, anchors, strict=True):
            if anchor in first:
                yield Problem(
                    Code.DUPLICATE_ANCHOR,
                    section.heading.position,
                    f"this heading's anchor #{anchor} is also the anchor of the section "
                    f"'{first[anchor]}' of this topic",
                    "reword one of the two headings: each section's address comes from its words",
                )
            first.setdefault(anchor, section.heading)


def _docs_heading_problems(docs: Mapping[str, Path]) -> Iterator[Problem]:
    """Headings in docs/ whose anchor Python-Markdown would make in the site's namespace."""
    for rel, path in docs.items():
        if not rel.endswith(".md"):
            continue
        fenced = False
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        ):
            if _FENCE.match(line):
                fenced = not fenced
            heading = None if fenced else _HEADING.match(line)
            if heading is None or _EXPLICIT_ID.search(line):
                continue
            anchor = _TOC_SPACES.sub("-", _TOC_PUNCTUATION.sub("", heading["text"]).strip().lower())
            if is_site_id(anchor):
                yield Problem(
                    Code.NAME_TAKEN,
                    Position(f"{DOCS}/{rel}", number),
                    f"this heading's anchor would be #{anchor}, and ids that begin with '_' are "
                    "the site's own",
                    "begin the heading with a letter or digit, or give it an id: `{ #my-id }`",
                )
