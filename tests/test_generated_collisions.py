"""Names and dates from edits generated out of the built site and the real data, never listed by hand.

The real site is built once; every page path, file and element id it has is collected, and each is
tried as the name of new data that would land on it: as a topic, actor or source id for the
pages of their folders, as a claim, event and term id for every id of every page, as a docs/ file
at the address of every generated page and file. Every dated claim and event, and every claim
given a date, is moved just past its source, at every precision. Each edit that would collide or
contradict must be refused with its exact line; the ones the site can hold (an id that is a heading
anchor of another page) must build into pages without a duplicate id. Batches of the refused
edits then go through a real strict `mkdocs build`, which must fail with every location listed and
leave the last good site/ byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.core.date_checks import Span
from macros.core.diagnostics import DataError, Problem
from macros.core.problems import Code
from macros.core.project import load_knowledge
from macros.pages.anchors import is_site_id, section_anchors
from macros.pages.names import checked_plan
from macros.pages.routes import page_url
from tests.sitebuild import BuildResult, copy_project, mkdocs_build, page_links, tree_digest

pytestmark = pytest.mark.build

EPOCH = "1795996800"  # 2026-11-30T00:00Z: after the archived texts were retrieved
FOLDERS = {"topic": "topics/", "actor": "actors/", "source": "sources/"}
LIST_KINDS = {"claim": "claims/", "event": "timeline/", "term": "glossary/"}  # where their ids are
RECORD_FILES = {
    "claim": "data/claims/zz-generated.yaml",
    "event": "data/events.yaml",
    "term": "data/glossary.yaml",
}


@dataclass(frozen=True)
class Built:
    project: Path
    pristine: Path  # an untouched copy of the project's inputs
    good: BuildResult
    pages: dict[str, set[str]]  # page URL ("topics/trade/") → the ids on it
    files: list[str]  # every other file of the site


@dataclass(frozen=True)
class Edit:
    """One generated edit: where it was written and whether the site may hold it."""

    name: str
    path: str
    line: int
    refused: bool


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    tmp = tmp_path_factory.mktemp("generated")
    project = copy_project(tmp / "project")
    pristine = copy_project(tmp / "pristine")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        good = mkdocs_build(project, project / "site")
        assert good.returncode == 0, good.output
        pages: dict[str, set[str]] = {}
        files: list[str] = []
        for path in sorted(good.site.rglob("*")):
            rel = path.relative_to(good.site).as_posix()
            if path.name == "index.html":
                pages[rel.removesuffix("index.html")] = page_links(path.read_text("utf-8"))[1]
            elif path.is_file():
                files.append(rel)
        yield Built(project, pristine, good, pages, files)


def _restore(built: Built) -> None:
    for folder in ("data", "docs"):
        shutil.rmtree(built.project / folder)
        shutil.copytree(built.pristine / folder, built.project / folder)


@pytest.fixture
def fresh(built: Built, monkeypatch: pytest.MonkeyPatch) -> Iterator[Built]:
    """The project as it was (restored after the test's edits), "today" fixed after the sources."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    yield built
    _restore(built)


def test_every_id_the_site_writes_is_its_own_or_names_data_on_that_page(built: Built) -> None:
    """The site's own ids begin with `_`; any other id is a claim, event or term on its list
    page, a topic's section anchor, or a heading anchor of a hand-written page."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        kb = load_knowledge(built.project)
    shown: dict[str, set[str]] = {
        "claims/": set(kb.claims),
        "timeline/": {e.id for e in kb.events},
        "glossary/": set(kb.terms),
    }
    for topic in kb.topics.values():
        shown[f"topics/{topic.id}/"] = set(section_anchors(s.heading for s in topic.sections))
    hand_written = {page_url(p.src_uri) for p in kb.pages} | {"about/", ""}
    for url, ids in built.pages.items():
        theirs = {i for i in ids if not is_site_id(i)}
        if url in hand_written:
            html = (built.good.site / url / "index.html").read_text(encoding="utf-8")
            headings = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
            assert theirs <= headings, (url, theirs - headings)
        else:
            allowed = shown.get(url, set())
            assert theirs <= allowed, (url, theirs - allowed)
    for path in built.good.site.rglob("*.html"):
        every = re.findall(r'\bid="([^"]*)"', path.read_text(encoding="utf-8"))
        assert [i for i, n in Counter(every).items() if n > 1] == [], path


# -- writing generated edits -----------------------------------------------------------------------


def _first(project: Path, pattern: str, glob: str = "data/claims/*.yaml") -> str:
    for path in sorted(project.glob(glob)):
        found = re.search(pattern, path.read_text(encoding="utf-8"), re.MULTILINE)
        if found:
            return found.group(1)
    raise AssertionError(f"nothing matches {pattern}")


def _data_ids(project: Path) -> set[str]:
    ids = {p.stem for p in project.glob("data/*/*.yaml")}
    for path in project.glob("data/**/*.yaml"):
        ids |= set(re.findall(r"^- id: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE))
    return ids


def _append_records(project: Path, kind: str, names: list[str]) -> dict[str, int]:
    """A new record of `kind` for each name, in the file of that kind; the line of each id."""
    claim = _first(project, r"^- id: (\S+)$")
    source = _first(project, r"^  source: (\S+)$")
    quote = _first(project, r"^  quote: (.+)$")
    topic = sorted(p.stem for p in project.glob("data/topics/*.yaml"))[0]
    body = {
        "claim": f"  source: {source}\n  quote: {quote}\n  statement: A statement.\n"
        f"  kind: fact\n  topics: [{topic}]\n  actors: []\n",
        "event": f'  title: An event\n  when: once\n  summary: |\n    It happened.{{{{ cite("{claim}") }}}}\n'
        f"  claims: [{claim}]\n",
        "term": f'  term: A term\n  definition: |\n    It means this.{{{{ cite("{claim}") }}}}\n'
        f"  claims: [{claim}]\n",
    }[kind]
    path = project / RECORD_FILES[kind]
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines: dict[str, int] = {}
    for name in names:
        text = text.rstrip("\n") + "\n\n"
        lines[name] = text.count("\n") + 1
        text += f"- id: {json.dumps(name)}\n{body}"
    path.write_text(text, encoding="utf-8")
    return lines


def _cite_in_a_topic(project: Path, claims: list[str]) -> None:
    """Cite the claims at the end of the first topic's lead."""
    path = sorted(project.glob("data/topics/*.yaml"))[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    end = next(i for i, line in enumerate(lines) if line.startswith("sections:"))
    lines.insert(end, "  " + "".join(f"{{{{ cite({json.dumps(c)}) }}}}" for c in claims))
    path.write_text("\n".join(lines), encoding="utf-8")


def _copy_file_record(project: Path, kind: str, name: str) -> str:
    """A new topic, actor or source file named `name`: a copy of the first of its kind."""
    folder = project / "data" / FOLDERS[kind].rstrip("/")
    first = sorted(folder.glob("*.yaml"))[0]
    if kind == "source":
        text_file = first.with_suffix(".txt")
        shutil.copy2(text_file, folder / f"{name}.txt")
        content = re.sub(r"^text: .*$", f"text: {name}.txt", first.read_text("utf-8"), flags=re.M)
        (folder / f"{name}.yaml").write_text(content, encoding="utf-8")
    else:
        content = re.sub(r"^order: .*\n", "", first.read_text("utf-8"), flags=re.M)
        (folder / f"{name}.yaml").write_text(content, encoding="utf-8")
    return f"data/{FOLDERS[kind]}{name}.yaml"


def _problems(project: Path) -> list[Problem]:
    try:
        checked_plan(project)
    except DataError as err:
        return err.problems
    return []


def _refused_at(problems: list[Problem], path: str, line: int) -> bool:
    """Whether a problem is reported at that line, or (an id also used elsewhere, reported where
    it was registered second) names it."""
    return any(
        (p.position.path == path and p.position.line == line) or f"{path}:{line}:" in p.message
        for p in problems
    )


# -- names ------------------------------------------------------------------------------------------


def test_every_id_of_the_site_as_a_claim_event_or_term_id(fresh: Built) -> None:
    """Each id of the page a new claim, event or term would appear on is refused, at its line.

    Ids of other pages (heading anchors of topic and hand-written pages) may be taken: the pages
    built with them, one kind at a time, have no id twice.
    """
    project = fresh.project
    every_id = sorted(set().union(*fresh.pages.values()))
    existing = _data_ids(project)
    tried = refused = 0
    accepted: dict[str, list[str]] = {}
    for kind, page in LIST_KINDS.items():
        lines = _append_records(project, kind, every_id)
        problems = _problems(project)
        for name, line in lines.items():
            must = name in fresh.pages[page] or name in existing or name.startswith("_")
            at = _refused_at(problems, RECORD_FILES[kind], line)
            assert at == must, f"{kind} id {name!r} at {RECORD_FILES[kind]}:{line}: refused={at}"
            tried, refused = tried + 1, refused + at
            if not at:
                accepted.setdefault(kind, []).append(name)
        _restore(fresh)
    same_page = sum(len(fresh.pages[page]) for page in LIST_KINDS.values())
    print(
        f"\n{tried} generated claim, event and term ids ({same_page} from their own pages): "
        f"{refused} refused, {tried - refused} taken without a collision"
    )

    for kind, names in accepted.items():
        _append_records(project, kind, names)
        if kind == "claim":
            _cite_in_a_topic(project, names)  # every claim is cited somewhere (editorial rule)
        assert _problems(project) == [], kind
        result = mkdocs_build(project, project.parent / f"site-{kind}")
        assert result.returncode == 0, result.output
        for path in result.site.rglob("*.html"):
            ids = re.findall(r'\bid="([^"]*)"', path.read_text(encoding="utf-8"))
            twice = [i for i, n in Counter(ids).items() if n > 1]
            assert not twice, f"{kind}: {path.relative_to(result.site)} has {twice}"
        _restore(fresh)


def test_every_page_of_a_folder_as_a_topic_actor_or_source_id(fresh: Built) -> None:
    """A topic, actor or source id whose page would land on a page of the site is refused."""
    project = fresh.project
    existing = _data_ids(project)
    tried = 0
    for kind, folder in FOLDERS.items():
        for url in fresh.pages:
            if not url.startswith(folder):
                continue
            name = url.removeprefix(folder).strip("/") or "index"
            if "/" in name or name in existing:
                continue  # that page is this kind's own record, already in the data
            rel = _copy_file_record(project, kind, name)
            problems = _problems(project)
            tried += 1
            assert any(
                p.position.path == rel and p.code is Code.NAME_TAKEN and url in p.message
                for p in problems
            ), (rel, [str(p) for p in problems])
            _restore(fresh)
    assert tried == len(FOLDERS)  # each folder's list page: topics/, actors/, sources/


def _docs_twins(url: str) -> list[str]:
    """Files under docs/ that MkDocs would publish at a page's address."""
    if url == "":
        return ["README.md"]
    stem = url.rstrip("/")
    return [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md", f"{stem.upper()}.md"]


def _docs_edits(fresh: Built) -> list[tuple[str, str]]:
    """(docs/ file, the address it would take) for every generated page and exported file."""
    hand_written = {
        p.relative_to(fresh.pristine / "docs").as_posix()
        for p in (fresh.pristine / "docs").rglob("*.md")
    }
    generated = [
        u for u in fresh.pages if not ({f"{u}index.md", f"{u.rstrip('/')}.md"} & hand_written)
    ]
    exports = [f for f in fresh.files if f.endswith((".json", ".csv", ".jsonld"))]
    exports = [f for f in exports if not f.startswith("search/")]  # the theme's, not ours
    twins = [(twin, url) for url in generated for twin in _docs_twins(url)]
    return twins + [(f, f) for f in exports]


def _data_file_of(url: str) -> str | None:
    """The data file whose id names the page at `url` (`topics/trade/` → its topic file)."""
    for folder in FOLDERS.values():
        name = url.removeprefix(folder).strip("/")
        if url.startswith(folder) and name and "/" not in name:
            return f"data/{folder}{name}.yaml"
    return None


def test_a_docs_file_at_the_address_of_any_generated_page_or_file(fresh: Built) -> None:
    """Each is refused: at the docs/ file, or, where a data file names the page, at that file."""
    edits = _docs_edits(fresh)
    for rel, _ in edits:
        target = fresh.project / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# A page of my own\n", encoding="utf-8")
    located = {p.position.path for p in _problems(fresh.project)}
    for rel, url in edits:
        assert f"docs/{rel}" in located or _data_file_of(url) in located, rel
    print(f"\n{len(edits)} generated docs/ files at the site's own addresses: all refused")


# -- the real build ---------------------------------------------------------------------------------


def _assert_refused_and_site_kept(built: Built, expected: list[tuple[str, int]]) -> None:
    before = tree_digest(built.good.site)
    result = mkdocs_build(built.project, built.good.site)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    for path, line in expected:
        assert re.search(rf"{re.escape(path)}:{line}:\d+\b", result.output), (path, line)
    assert " — " in result.output, "each message says how to fix it"
    assert tree_digest(built.good.site) == before, "site/ must be left as it was"


def test_a_strict_build_refuses_generated_ids_and_keeps_the_site(fresh: Built) -> None:
    """Every id of the claims index, the timeline and the glossary, as new claims at once."""
    names = sorted(fresh.pages["claims/"] | fresh.pages["timeline/"] | fresh.pages["glossary/"])
    lines = _append_records(fresh.project, "claim", names)
    _assert_refused_and_site_kept(
        fresh, [("data/claims/zz-generated.yaml", line) for line in lines.values()]
    )


def test_a_strict_build_refuses_generated_page_names_and_keeps_the_site(fresh: Built) -> None:
    """A topic named `index` and a docs/ file at every generated address, at once."""
    expected = [(_copy_file_record(fresh.project, "topic", "index"), 1)]
    for rel, _ in _docs_edits(fresh):
        target = fresh.project / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# A page of my own\n", encoding="utf-8")
    expected += [("docs/claims.json", 1), ("docs/timeline.md", 1), ("docs/glossary/index.md", 1)]
    _assert_refused_and_site_kept(fresh, expected)


# -- dates ------------------------------------------------------------------------------------------


def _just_after(value: str) -> list[str]:
    """The earliest date after `value` at each precision (day, month, year)."""
    last = Span.of(value).last
    day = last + dt.timedelta(days=1)
    month = dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return [day.isoformat(), month.isoformat()[:7], str(last.year + 1)]


def _dated_everything(project: Path, value: str) -> list[tuple[str, int]]:
    """Every claim dated `value` (instead of any date it had), and every dated event: where."""
    edited: list[tuple[str, int]] = []
    for path in sorted(project.glob("data/claims/*.yaml")):
        rel = path.relative_to(project).as_posix()
        out: list[str] = []
        for line in path.read_text("utf-8").split("\n"):
            if not line.startswith("  date: "):
                out.append(line)
            if line.startswith("- id: "):
                out.append(f'  date: "{value}"')
                edited.append((rel, len(out)))
        path.write_text("\n".join(out), encoding="utf-8")
    events = project / "data/events.yaml"
    out = events.read_text("utf-8").split("\n")
    for number, line in enumerate(out, 1):
        if line.startswith("  date: "):
            out[number - 1] = f'  date: "{value}"'
            edited.append(("data/events.yaml", number))
    events.write_text("\n".join(out), encoding="utf-8")
    return edited


def test_generated_dates_after_the_sources_are_refused_at_each_line(fresh: Built) -> None:
    """Every claim and dated event, dated just after the source at each precision."""
    project = fresh.project
    published = _first(project, r'^published: "([^"]+)"$', "data/sources/*.yaml")
    tried = 0
    for value in _just_after(published):
        edited = _dated_everything(project, value)
        problems = _problems(project)
        for path, line in edited:
            assert any(
                p.code is Code.DATE_AFTER_SOURCES
                and p.position.path == path
                and p.position.line == line
                for p in problems
            ), (value, path, line)
        tried += len(edited)
    for honest in (published[:4], published[:7], published):  # the source's year, month, day
        _dated_everything(project, honest)
        assert _problems(project) == [], honest
    print(f"\n{tried} generated dates after the sources: all refused; 3 honest ones accepted")
    # And through the real build, the first batch at once: refused, site/ kept.
    edited = _dated_everything(project, _just_after(published)[0])
    _assert_refused_and_site_kept(fresh, edited)


def _codes_with(project: Path, path: Path, key: str, value: str) -> set[Code]:
    """The problems reported on a source's `key` line once it holds `value`."""
    text = re.sub(rf'^{key}: ".*"$', f'{key}: "{value}"', path.read_text("utf-8"), flags=re.M)
    path.write_text(text, "utf-8")
    line = text.split("\n").index(f'{key}: "{value}"') + 1
    rel = path.relative_to(project).as_posix()
    return {p.code for p in _problems(project) if (p.position.path, p.position.line) == (rel, line)}


def test_generated_source_dates_that_contradict(fresh: Built) -> None:
    """Each source published just after its retrieval, or retrieved just after today."""
    project = fresh.project
    for path in sorted(project.glob("data/sources/*.yaml")):
        text = path.read_text("utf-8")
        retrieved = re.search(r'^retrieved: "([^"]+)"$', text, re.M)
        assert retrieved
        for later in _just_after(retrieved.group(1)):
            assert Code.PUBLISHED_AFTER_RETRIEVED in _codes_with(project, path, "published", later)
        path.write_text(text, "utf-8")
        for future in _just_after("2026-11-30"):  # EPOCH's day
            assert Code.DATE_IN_FUTURE in _codes_with(project, path, "retrieved", future)
        path.write_text(text, "utf-8")
