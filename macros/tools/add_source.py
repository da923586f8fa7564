"""Archiving a new source from a local text or HTML file: `python -m macros add-source --id ID FILE`.

Writes `data/sources/<id>.txt` (the text, normalised: Unicode NFC, LF line endings, trimmed lines,
paragraphs separated by exactly one blank line, a final newline) and `data/sources/<id>.yaml` (every
metadata field, with the sha256 of the text and whatever the HTML page tells about title, author,
publisher, date, address and language). Fields nobody could fill in are written as `""` with a
comment, so `make check` lists them until the contributor fills them. Existing files are never
overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from macros.core.model import SourceMetadata
from macros.core.schema import DATE_PATTERN, ID_PATTERN, LANG_PATTERN, URL_PATTERN
from macros.core.settings import SETTINGS
from macros.pages.json_schemas import FILE_KINDS, stamp_line

_ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)
_LANG_RE = re.compile(LANG_PATTERN)
_URL_RE = re.compile(URL_PATTERN)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BLANK_LINES = re.compile(r"\n\s*\n")

# Elements whose content is never text of the source.
_SKIPPED = frozenset(
    {"script", "style", "nav", "noscript", "template", "svg", "form", "button", "select", "head"}
)
# Elements that make one paragraph each.
_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "dt", "dd", "figcaption"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class AddSourceError(Exception):
    """The source cannot be added (the message says why and what to do)."""


@dataclass
class Extracted:
    """Paragraphs of text and whatever metadata the input file carried."""

    paragraphs: list[str]
    meta: dict[str, str] = field(default_factory=dict)  # field name → value, e.g. "title"
    meta_origin: dict[str, str] = field(default_factory=dict)  # field name → where it came from


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.buffer: list[str] = []
        self.skip: list[str] = []  # open skipped elements
        self.blocks = 0  # open paragraph elements
        self.in_title = False
        self.title: list[str] = []
        self.metas: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.lang = ""

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        lines = [_HTML_SPACE.sub(" ", line).strip() for line in text.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self.paragraphs.append(paragraph)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.lang = values["lang"].strip()
        if tag == "meta":
            key = (values.get("name") or values.get("property") or "").strip().lower()
            if key and "content" in values and key not in self.metas:
                self.metas[key] = values["content"].strip()
            return
        if tag == "link":
            for rel in values.get("rel", "").lower().split():
                self.links.setdefault(rel, values.get("href", "").strip())
            return
        if tag == "body" and "head" in self.skip:
            self.skip.remove("head")  # a page that never closed its <head>
            return
        if tag == "title" and not self.title:
            self.in_title = True
            return
        if tag in _VOID:
            if tag == "br" and self.blocks and not self.skip:
                self.buffer.append("\n")
            return
        if tag in _SKIPPED:
            self.skip.append(tag)
            return
        if tag in _BLOCKS and not self.skip:
            if self.blocks:
                self._flush()  # a block inside a block: what came before is a paragraph of its own
            self.blocks += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _BLOCKS and self.blocks:
            self._flush()
            self.blocks -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif self.blocks and not self.skip:
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        if self.buffer:
            self._flush()


def _first(metas: dict[str, str], *names: str) -> tuple[str, str]:
    for name in names:
        value = " ".join(metas.get(name, "").split())
        if value:
            return value, f'meta tag "{name}"'
    return "", ""


def _as_date(value: str) -> str:
    candidate = value.strip()[:10].replace("/", "-")
    return candidate if _DATE_RE.match(candidate) else ""


def extract_html(html: str) -> Extracted:
    """Paragraphs from <p>, <h1>–<h6>, <li>, <blockquote> (no scripts, styles or navigation)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    meta: dict[str, str] = {}
    origin: dict[str, str] = {}

    def put(name: str, value: str, where: str) -> None:
        if value and name not in meta:
            meta[name], origin[name] = value, where

    put("title", *_first(parser.metas, "citation_title", "og:title", "dc.title"))
    put("title", " ".join("".join(parser.title).split()), "<title>")
    author, where = _first(parser.metas, "author", "citation_author", "dc.creator")
    if not author:
        author, where = _first(parser.metas, "article:author")
        if author.startswith(("http://", "https://")):
            author = ""  # a profile address, not a name
    put("author", author, where)
    put("publisher", *_first(parser.metas, "citation_publisher", "og:site_name", "dc.publisher"))
    date, where = _first(
        parser.metas,
        "citation_publication_date",
        "article:published_time",
        "dc.date",
        "date",
    )
    put("published", _as_date(date), where)
    for url, where in (
        (parser.links.get("canonical", ""), '<link rel="canonical">'),
        (parser.metas.get("og:url", ""), '<meta property="og:url">'),
    ):
        if url.startswith(("http://", "https://")) and _URL_RE.fullmatch(url):
            put("url", url, where)
    if _LANG_RE.match(parser.lang):
        put("language", parser.lang, "<html lang>")
    return Extracted(parser.paragraphs, meta, origin)


def extract_text(text: str, *, line_paragraphs: bool = False) -> Extracted:
    """Paragraphs of a plain text: blocks separated by blank lines (or one per line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if line_paragraphs:
        return Extracted([line for line in text.split("\n") if line.strip()])
    return Extracted([block for block in _BLANK_LINES.split(text) if block.strip()])


def normalise(paragraphs: list[str]) -> str:
    """The archived text: NFC, LF, trimmed lines, one blank line between paragraphs, final newline."""
    blocks: list[str] = []
    for paragraph in paragraphs:
        text = unicodedata.normalize("NFC", paragraph)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
        for block in _BLANK_LINES.split(text):
            lines = [line.strip() for line in block.split("\n")]
            kept = "\n".join(line for line in lines if line)
            if kept:
                blocks.append(kept)
    if not blocks:
        return ""
    return "\n\n".join(blocks) + "\n"


def looks_like_html(name: str, text: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


@dataclass(frozen=True)
class AddedSource:
    id: str
    text_path: Path
    meta_path: Path
    sha256: str
    paragraphs: int
    prefilled: dict[str, str]  # field → where its value came from
    to_fill: tuple[str, ...]  # required fields left empty


_GUIDANCE = {
    "title": "the source's title, as published",
    "author": "the author's name as the source gives it",
    "publisher": "who published it",
    "published": 'publication date, "YYYY-MM-DD" (or "YYYY-MM", "YYYY")',
    "language": "language of the text, e.g. en, ru, ko",
    "url": 'the original address (https://…), or leave "" when it is not known',
    "retrieved": "today: when the text was archived here",
    "licence": 'what the licence allows, e.g. "Not known: treated as all rights reserved; '
    'only quoted excerpts are shown."',
    "republish": "true only if the licence allows showing the full text",
    "sha256": "of the .txt file: computed, do not edit",
}
_OPTIONAL_EXAMPLES = {
    "author_aliases": "author_aliases: [Other Spelling]",
    "series": 'series: ""',
    "text": None,  # the default <id>.txt is what add-source writes
    "excluded_blocks": (
        "excluded_blocks:\n#   - block: 12\n#     reason: Navigation menu left over from the page."
    ),
}
_MAY_BE_EMPTY = frozenset({"url"})


def _yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def metadata_yaml(
    root: Path, meta_path: Path, ident: str, values: dict[str, str], origin: dict[str, str]
) -> str:
    """The metadata file: every field of the source spec, in its order, with guidance comments."""
    kind = next(k for k in FILE_KINDS if k.spec is SourceMetadata.spec)
    title = values.get("title") or ident
    lines = [
        stamp_line(root, meta_path, kind),
        f"# Source metadata: {' '.join(title.split())}",
        "# Written by `python -m macros add-source`: fill in every value marked FILL IN, then run",
        "# `make check`. Do not edit the .txt file: its sha256 is recorded below.",
    ]
    rows: list[tuple[str, str]] = []
    for spec_field in SourceMetadata.spec.fields:
        name = spec_field.name
        if not spec_field.required:
            example = _OPTIONAL_EXAMPLES.get(name)
            if example:
                rows.append((f"# {example}", f"optional: {spec_field.description}"))
            continue
        value = values.get(name, "")
        if name == "republish":
            rows.append(("republish: false", _GUIDANCE[name]))
            continue
        if name == "sha256":
            rows.append((f"sha256: {value}", _GUIDANCE[name]))
            continue
        guidance = _GUIDANCE.get(name, spec_field.description)
        if value and name in origin:
            note = f"CHECK: from the page's {origin[name]}; {guidance}"
        elif value or name in _MAY_BE_EMPTY:
            note = guidance
        else:
            note = f"FILL IN: {guidance}"
        rows.append((f"{name}: {_yaml_string(value)}", note))
    widths = [len(code.split("\n")[0]) for code, _ in rows]
    width = max([w for w in widths if w <= 44] or [0]) + 2
    for code, note in rows:
        first, *rest = code.split("\n")
        lines.append(f"{first.ljust(width - 1)} # {note}")
        lines.extend(rest)
    return "\n".join(lines) + "\n"


def archivable_text(input_file: Path, *, line_paragraphs: bool = False) -> tuple[str, Extracted]:
    """A local text or HTML file as it is archived (see `normalise`), and what else it carried.

    Shared by add-source and re-archive, so a source's new version is read exactly as its first.
    """
    try:
        raw = input_file.read_bytes()
    except OSError as err:
        raise AddSourceError(f"cannot read {input_file}: {err.strerror}") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise AddSourceError(
            f"{input_file} is not UTF-8 (byte {err.start}): save it as UTF-8 and try again"
        ) from None
    if looks_like_html(input_file.name, content):
        extracted = extract_html(content)
        kind = "HTML"
    else:
        extracted = extract_text(content, line_paragraphs=line_paragraphs)
        kind = "text"
    text = normalise(extracted.paragraphs)
    if not text:
        raise AddSourceError(
            f"no text found in {input_file} (read as {kind}"
            + (
                ": paragraphs come from <p>, <h1>…<h6>, <li> and <blockquote>)"
                if kind == "HTML"
                else ")"
            )
        )
    return text, extracted


def add_source(
    root: Path,
    ident: str,
    input_file: Path,
    *,
    today: dt.date | None = None,
    line_paragraphs: bool = False,
) -> AddedSource:
    """Archive `input_file` as source `ident` under root/data/sources/."""
    if not _ID_RE.match(ident):
        raise AddSourceError(
            f"'{ident}' is not a valid id: use lowercase kebab-case, e.g. author-2021-short-title"
        )
    folder = SETTINGS.sources_dir(root)
    text_path = folder / f"{ident}.txt"
    meta_path = folder / f"{ident}.yaml"
    for path in (text_path, meta_path):
        if path.exists():
            raise AddSourceError(
                f"{path.relative_to(root).as_posix()} already exists: choose another id, "
                "or delete the old files first if you really mean to replace the source"
            )
    text, extracted = archivable_text(input_file, line_paragraphs=line_paragraphs)
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    values = dict(extracted.meta)
    values["retrieved"] = (today or dt.date.today()).isoformat()
    values["sha256"] = digest
    folder.mkdir(parents=True, exist_ok=True)
    with text_path.open("xb") as out:  # "x": never overwrite, even if the file appeared meanwhile
        out.write(data)
    yaml_text = metadata_yaml(root, meta_path, ident, values, extracted.meta_origin)
    with meta_path.open("xb") as out:
        out.write(yaml_text.encode("utf-8"))
    to_fill = tuple(
        f.name
        for f in SourceMetadata.spec.fields
        if f.required
        and f.name not in _MAY_BE_EMPTY
        and f.name not in ("republish", "sha256")
        and not values.get(f.name)
    )
    return AddedSource(
        ident,
        text_path,
        meta_path,
        digest,
        text.count("\n\n") + 1,
        dict(extracted.meta_origin),
        to_fill,
    )
