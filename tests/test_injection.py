"""Hostile content: nothing a contributor writes can become markup, script or a request on a page.

One strict build of a copy of the real data with injection payloads in every text field that reaches
a page (tests/payloads.py), compared with a clean build of the same copy: the payload build may show
more text, but no element, attribute, script, handler or address that the clean build does not have.
Values that could be dangerous as identifiers or addresses are refused by validation instead.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.core.diagnostics import DataError, Problem
from macros.core.problems import Code
from macros.core.project import load_knowledge
from tests.dataedit import Workspace
from tests.helpers import write_project
from tests.payloads import (
    EVIL_HOST,
    EXECUTED_MARKERS,
    JINJA_PAYLOADS,
    MARKUP_PAYLOADS,
    PAYLOADS,
    TITLE_BREAKOUT,
    Placement,
    build_payload_project,
)
from tests.sitebuild import REPO, BuildResult, copy_project, mkdocs_build

SOURCE_PROJECT = REPO

_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "srcset",
    "xlink:href",
    "background",
    "cite",
    "longdesc",
    "ping",
    "manifest",
}
_DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
_RCDATA = ("title", "textarea")  # a browser reads these as text up to their end tag


@dataclass
class Summary:
    """What a page (or one part of it) is made of, for comparing two builds."""

    tags: set[str] = field(default_factory=set)
    attributes: set[tuple[str, str]] = field(default_factory=set)  # (tag, attribute name)
    handlers: set[tuple[str, str, str]] = field(default_factory=set)  # on* (tag, name, value)
    urls: set[tuple[str, str, str]] = field(default_factory=set)  # (tag, attribute, value)
    addresses: list[str] = field(default_factory=list)  # values a browser may fetch or follow
    http_equiv: set[str] = field(default_factory=set)
    scripts: Counter[str] = field(default_factory=Counter)  # non-JSON scripts: attributes+body
    json_scripts: list[str] = field(default_factory=list)  # application/ld+json bodies
    text: list[str] = field(default_factory=list)  # text nodes, as a reader sees them


class _PageParser(HTMLParser):
    """Summaries of a whole page and of its content area (<article class="md-content__inner">)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Summary()
        self.content = Summary()
        self._in_content = False
        self._script: str | None = None  # the attributes of the open <script>, as a key
        self._script_body: list[str] = []
        self._rcdata: str | None = None

    def _targets(self) -> list[Summary]:
        return [self.page, self.content] if self._in_content else [self.page]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "article" and "md-content__inner" in values.get("class", ""):
            self._in_content = True
        for target in self._targets():
            target.tags.add(tag)
            for name, value in values.items():
                target.attributes.add((tag, name))
                if name in _URL_ATTRIBUTES or name == "style":
                    target.addresses.append(value)
                if name.startswith("on"):
                    target.handlers.add((tag, name, value))
                if name in _URL_ATTRIBUTES:
                    target.urls.add((tag, name, value))
                if tag == "meta" and name == "http-equiv":  # a refresh's content is an address
                    target.http_equiv.add(value.lower())
                    target.addresses.append(values.get("content", ""))
        if tag == "script":
            self._script = json.dumps(sorted(values.items()))
            self._script_body = []
        elif tag in _RCDATA:
            self._rcdata = tag
            self.set_cdata_mode(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body = "".join(self._script_body)
            for target in self._targets():
                if '"application/ld+json"' in self._script:
                    target.json_scripts.append(body)
                else:
                    target.scripts[self._script + body] += 1
            self._script = None
        if tag == self._rcdata:
            self._rcdata = None
        if tag == "article" and self._in_content:
            self._in_content = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_body.append(data)
            return
        text = html.unescape(data) if self._rcdata else data
        for target in self._targets():
            target.text.append(text)


def summarise(page: str) -> tuple[Summary, Summary]:
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    return parser.page, parser.content


def _scheme(url: str) -> str:
    return re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()


def differences(clean: Summary, dirty: Summary) -> list[str]:
    """Everything the payload build has that the clean build does not (empty: inert)."""
    found: list[str] = []
    if tags := dirty.tags - clean.tags:
        found.append(f"new elements {sorted(tags)}")
    if attributes := dirty.attributes - clean.attributes:
        found.append(f"new attributes {sorted(attributes)}")
    if handlers := dirty.handlers - clean.handlers:
        found.append(f"event handlers {sorted(handlers)}")
    for tag, name, url in sorted(dirty.urls - clean.urls):
        if _scheme(url).startswith(_DANGEROUS_SCHEMES):
            found.append(f"<{tag} {name}={url!r}>")
    if evil := [v for v in dirty.addresses if EVIL_HOST in v and v not in clean.addresses]:
        found.append(f"addresses pointing at {EVIL_HOST}: {evil[:3]}")
    if http_equiv := dirty.http_equiv - clean.http_equiv:
        found.append(f"<meta http-equiv> {sorted(http_equiv)}")
    if dirty.scripts != clean.scripts:
        found.append(f"scripts differ: {sorted((dirty.scripts - clean.scripts).elements())[:2]}")
    if len(dirty.json_scripts) != len(clean.json_scripts):
        found.append("a different number of JSON-LD scripts")
    for body in dirty.json_scripts:
        if "<" in body:
            found.append("a '<' inside a JSON-LD script (could close the element)")
        json.loads(body)
    text = "".join(dirty.text)
    if ran := [m for m in EXECUTED_MARKERS if m in text]:
        found.append(f"template output {ran}: a template ran")
    if text.count("49") != "".join(clean.text).count("49"):
        found.append("'49' appears more often than in the clean build: {{ 7*7 }} ran")
    return found


# -- the two builds --------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """One build and the summaries of its pages: (whole page, content area) by file name."""

    result: BuildResult
    pages: dict[str, tuple[Summary, Summary]]

    @classmethod
    def of(cls, result: BuildResult) -> Built:
        return cls(result, {name: summarise(page) for name, page in _pages(result.site).items()})

    def part(self, index: int) -> dict[str, Summary]:
        return {name: parts[index] for name, parts in self.pages.items()}


@dataclass(frozen=True)
class Builds:
    clean: Built
    dirty: Built
    placement: Placement


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    tmp = tmp_path_factory.mktemp("injection")
    clean_root = copy_project(tmp / "clean" / "project", SOURCE_PROJECT)
    clean = mkdocs_build(clean_root, tmp / "clean" / "site")
    assert clean.returncode == 0, clean.output
    dirty, placement = build_payload_project(tmp / "dirty", SOURCE_PROJECT)
    return Builds(Built.of(clean), Built.of(dirty), placement)


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
    }


@pytest.mark.build
def test_payloads_reach_every_kind_of_text_field(builds: Builds) -> None:
    fields = {name for _, name in builds.placement.fields}
    expected = {
        "title",
        "author",
        "publisher",
        "series",
        "licence",
        "author_aliases",
        "statement",
        "note",
        "lead",
        "lead (link text)",
        "heading",
        "body",
        "body (link text)",
        "name",
        "aliases",
        "text",
        "description",
        "description (link text)",
        "summary",
        "summary (link text)",
        "term",
        "definition",
        "definition (link text)",
    }
    assert expected <= fields, expected - fields
    assert {p for _, _, p in builds.placement.placed} == set(PAYLOADS)
    assert "WARNING" not in builds.dirty.result.output


@pytest.mark.build
def test_the_payload_build_has_the_same_pages(builds: Builds) -> None:
    assert builds.dirty.pages.keys() == builds.clean.pages.keys()


@pytest.mark.build
def test_generated_content_is_inert(builds: Builds) -> None:
    clean, dirty = builds.clean.part(1), builds.dirty.part(1)
    found = {name: d for name in dirty if (d := differences(clean[name], dirty[name]))}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


@pytest.mark.build
def test_whole_pages_are_inert_titles_navigation_and_footer_included(builds: Builds) -> None:
    """The theme's chrome too: <title> (read as text up to </title>), nav, header, footer."""
    clean, dirty = builds.clean.part(0), builds.dirty.part(0)
    found = {name: d for name in dirty if (d := differences(clean[name], dirty[name]))}
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


@pytest.mark.build
def test_every_payload_is_shown_as_text(builds: Builds) -> None:
    texts = [" ".join("".join(s.text).split()) for s in builds.dirty.part(1).values()]
    missing = [p for p in PAYLOADS if not any(p in text for text in texts)]
    assert not missing


@pytest.mark.build
def test_markup_is_entity_encoded_in_the_html(builds: Builds) -> None:
    sources = "\n".join(_pages(builds.dirty.result.site).values())
    for encoded in ("&lt;script&gt;", "&#60;script&#62;"):
        if encoded in sources:
            break
    else:
        raise AssertionError("'<script>' from the data does not appear entity-encoded")
    assert "{{ 7*7 }}" in sources.replace("&#123;", "{").replace("&#125;", "}").replace(
        "&#42;", "*"
    )


@pytest.mark.build
def test_search_index_holds_text_not_markup(builds: Builds) -> None:
    def index(site: Path) -> Summary:
        summary = Summary()
        docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in docs["docs"]:
            for key in ("title", "text"):
                part, _ = summarise(doc.get(key, ""))
                summary.tags |= part.tags
                summary.attributes |= part.attributes
                summary.handlers |= part.handlers
                summary.urls |= part.urls
                summary.addresses += part.addresses
        return summary

    clean, dirty = index(builds.clean.result.site), index(builds.dirty.result.site)
    found = [d for d in differences(clean, dirty) if "49" not in d and "scripts" not in d]
    assert not found


@pytest.mark.build
def test_title_breakout_payload_landed_in_a_page_title(builds: Builds) -> None:
    """The payload that closes <title> is in at least one topic title and actor name."""
    placed = {
        (f.split("/")[1], name) for f, name, p in builds.placement.placed if p == TITLE_BREAKOUT
    }
    assert ("topics", "title") in placed
    assert ("actors", "name") in placed


# -- refused by validation -------------------------------------------------------------------


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The small valid project of tests/helpers.py: validation alone needs no real data."""
    tmp = tmp_path_factory.mktemp("refused")
    root = tmp / "project"
    write_project(root)
    pristine = tmp / "pristine"
    for folder in ("data", "docs"):
        shutil.copytree(root / folder, pristine / folder, symlinks=True)
    (tmp / "outside").mkdir()
    return Workspace(root, pristine, tmp / "outside")


@pytest.fixture
def workspace(copy: Workspace) -> Iterator[Workspace]:
    copy.restore()
    yield copy
    copy.restore()


def problems(root: Path) -> list[Problem]:
    with pytest.raises(DataError) as raised:
        load_knowledge(root)
    return raised.value.problems


def reported(found: list[Problem], where: str, code: Code) -> None:
    listed = "\n".join(map(str, found))
    assert any(str(p.position) == where and p.code is code for p in found), listed


INVISIBLE = {
    "right-to-left-override": "\u202e",
    "left-to-right-override": "\u202d",
    "left-to-right-isolate": "\u2066",
    "zero-width-space": "\u200b",
    "zero-width-non-joiner": "\u200c",
    "zero-width-joiner": "\u200d",
    "byte-order-mark": "\ufeff",
    "soft-hyphen": "\u00ad",
    "cyrillic-a-homoglyph": "\u0430",
    "fullwidth-hyphen": "\uff0d",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_ids_with_invisible_or_lookalike_characters_are_refused(
    workspace: Workspace, char: str
) -> None:
    rel = workspace.first("claims")
    found = workspace.set_field(rel, "id", f'"seoul{char}-moscow"')
    reported(problems(workspace.root), f"{rel}:{found.line}:{found.value_col}", Code.INVALID_ID)


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_references_with_invisible_characters_are_refused(workspace: Workspace, char: str) -> None:
    rel = workspace.first("claims")
    topic_id = next(iter(workspace.kb.topics))
    spoofed = topic_id[:3] + char + topic_id[3:]
    found = workspace.set_field(rel, "topics", f'["{spoofed}"]')
    where = f"{rel}:{found.line}:{found.value_col + 1}"
    reported(problems(workspace.root), where, Code.INVALID_ID)


@pytest.mark.parametrize("char", ["\u202e", "\u200b"], ids=["bidi", "zero-width"])
def test_file_names_with_invisible_characters_are_refused(workspace: Workspace, char: str) -> None:
    rel = workspace.first("actors")
    stem = Path(rel).stem
    bad = f"data/actors/{stem[:2]}{char}{stem[2:]}.yaml"
    workspace.path(rel).rename(workspace.path(bad))
    reported(problems(workspace.root), f"{bad}:1:1", Code.INVALID_FILE_NAME)


BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/article",
    "//evil.example/article",
    "https://example.org/a b",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>",
    "https://example.org/\u202e",
    "https://example.org/article\n",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_source_urls_other_than_http_are_refused(workspace: Workspace, url: str) -> None:
    rel = workspace.first("sources")
    found = workspace.set_field(rel, "url", json.dumps(url))
    where = f"{rel}:{found.line}:{found.value_col}"
    reported(problems(workspace.root), where, Code.INVALID_FORMAT)


@pytest.mark.parametrize("url", ["https://example.org/article?x=1&y=2#part", "http://example.org/"])
def test_http_and_https_source_urls_are_accepted(workspace: Workspace, url: str) -> None:
    workspace.set_field(workspace.first("sources"), "url", json.dumps(url))
    load_knowledge(workspace.root)


PROSE_TEMPLATE_SYNTAX = [
    *JINJA_PAYLOADS,
    "{{ claim.__globals__ }}",
    '{{ claim("x").__class__ }}',
    '{{ claim("x") | safe }}',
    "{{ lipsum.__globals__['os'].popen('touch pwned').read() }}",
    "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    "{%- raw %}x{% endraw %}",
    "{{",
    "}}",
]


@pytest.mark.parametrize("syntax", PROSE_TEMPLATE_SYNTAX)
def test_template_syntax_in_prose_is_a_located_error_and_never_runs(
    workspace: Workspace, syntax: str
) -> None:
    rel = workspace.first("topics")
    line, col = workspace.block(rel, "lead", f"Before {syntax} after.")
    found = problems(workspace.root)
    where = f"{rel}:{line}:{col + len('Before ')}"
    listed = "\n".join(map(str, found))
    assert any(str(p.position) == where and p.hint for p in found), listed
    assert not (workspace.root / "pwned").exists()
    assert not Path("pwned").exists()


@pytest.mark.parametrize("payload", MARKUP_PAYLOADS)
def test_markup_payloads_are_valid_text_in_every_plain_field(
    workspace: Workspace, payload: str
) -> None:
    """Markup is not refused: it is text, shown as typed (the build tests check how). (A
    statement may give no number its quote lacks, so its copy has no digits.)"""
    statement = re.sub(r"\d", "", payload)
    workspace.set_field(workspace.first("claims"), "statement", json.dumps(statement))
    workspace.set_field(workspace.first("actors"), "name", json.dumps(payload))
    load_knowledge(workspace.root)


def test_templates_compiled_by_another_environment_are_never_reused(tmp_path: Path) -> None:
    """Jinja's bytecode cache knows a template by its text only. A template compiled elsewhere
    without escaping (another tool, or an older generator) and cached in the same folder must not
    be what the generator renders: its values would be printed unescaped."""
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader

    from macros.pages.render import _environment

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.md.j2").write_text("{{ value }}\n", encoding="utf-8")
    loader = FileSystemLoader(tmp_path / "templates")
    unescaped = Environment(loader=loader, bytecode_cache=FileSystemBytecodeCache(str(tmp_path)))
    assert unescaped.get_template("page.md.j2").render(value="<b>") == "<b>"
    ours = _environment()
    ours.loader = loader
    assert isinstance(ours.bytecode_cache, FileSystemBytecodeCache)
    ours.bytecode_cache.directory = str(tmp_path)
    assert ours.get_template("page.md.j2").render(value="<b>") == "&#60;b&#62;\n"
    assert len(list(tmp_path.glob("*.cache"))) == 2  # each kept its own compiled copy
