"""Injection payloads in every text field of a copy of the real data, and the site built from it.

`build_payload_site(tmp)` is the hook for the browser tests: it copies the project into `tmp`, puts
the payloads into every field that reaches a page, runs the real `mkdocs build --strict` and returns
the built site folder, so Chromium can load the very pages `tests/test_injection.py` inspects and
assert that no dialog opens, no script runs and no request leaves the site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.sitebuild import REPO, BuildResult, copy_project, mkdocs_build

# Markup and script: each must reach the page as the very characters written here.
MARKUP_PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)></svg>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    '<iframe src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></iframe>',
    "[click](javascript:alert(1))",
    "![pixel](http://evil.example/x.png)",
    "<http://evil.example/autolink>",
    '[ref]: http://evil.example/ref "title"',
    '<div markdown="1">*raw html block*</div>',
    '{: onclick="alert(1)" }',
    "<style>body{display:none}</style>",
    "<!-- comment --> &lt;already escaped&gt; &amp;",
    "`code` **bold** _em_ ~~del~~ ==mark==",
    "</p></div><script>alert(1)</script>",
    "</title></textarea></style></noscript><script>alert(1)</script>",
    "\u202eevil override\u202c and \u2066isolate\u2069",
    "zero\u200bwidth\u200cjoin\u200dchars\ufeff",
)

# Template syntax: allowed as text in plain fields, a validation error in prose fields.
JINJA_PAYLOADS: tuple[str, ...] = (
    "{{ 7*7 }}",
    "{{ 987654*3 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{# comment #}",
    "{{ 'loop' ~ 'loop' }}",  # no digit: a statement may hold it (see `claim` below)
)

PAYLOADS: tuple[str, ...] = MARKUP_PAYLOADS + JINJA_PAYLOADS

# Page titles (topic title, actor name, source title) travel through the theme's <title>, header,
# navigation and footer: the payloads that break out of those come first there.
TITLE_BREAKOUT = "</title></textarea></style></noscript><script>alert(1)</script>"
TITLE_PAYLOADS: tuple[str, ...] = (
    TITLE_BREAKOUT,
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    *(p for p in PAYLOADS if p != TITLE_BREAKOUT),
)

# If any template ran, one of these would appear in the page text.
EXECUTED_MARKERS: tuple[str, ...] = ("2962962", "<class '", "__builtins__", "looploop")

EVIL_HOST = "evil.example"


@dataclass
class Placement:
    """Which payload went into which field (for messages and for the README count)."""

    placed: list[tuple[str, str, str]] = field(default_factory=list)  # (file, field, payload)

    @property
    def fields(self) -> set[tuple[str, str]]:
        return {(f, name) for f, name, _ in self.placed}


class _Rotation:
    """Hands out the payloads in turn, so they spread across every field of every file."""

    def __init__(self, payloads: tuple[str, ...]) -> None:
        self.payloads = payloads
        self.next = 0

    def take(self) -> str:
        payload = self.payloads[self.next % len(self.payloads)]
        self.next += 1
        return payload


def _load(path: Path) -> tuple[str, Any]:
    text = path.read_text(encoding="utf-8-sig")
    comment = text.split("\n", 1)[0] if text.startswith("#") else "# data file"
    return comment, yaml.safe_load(text)


def _dump(path: Path, comment: str, data: Any) -> None:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    path.write_text(f"{comment}\n{body}", encoding="utf-8")


def _files(root: Path, pattern: str) -> Iterator[Path]:
    yield from sorted((root / "data").glob(pattern))


def inject(root: Path) -> Placement:
    """Put the payloads into every text field of the data under `root` (the copy is rewritten)."""
    placement = Placement()
    plain = _Rotation(PAYLOADS)
    # One rotation per kind of page title, so each kind gets the <title> breakout first.
    titles = {kind: _Rotation(TITLE_PAYLOADS) for kind in ("source", "topic", "actor")}
    prose = _Rotation(MARKUP_PAYLOADS)
    actor_ids = sorted(p.stem for p in _files(root, "actors/*.yaml"))

    def rel(path: Path) -> str:
        return path.relative_to(root).as_posix()

    def text(path: Path, record: dict[str, Any], key: str, rotation: _Rotation = plain) -> None:
        if key in record and isinstance(record[key], str):
            payload = rotation.take()
            record[key] = f"{record[key]} {payload}"
            placement.placed.append((rel(path), key, payload))

    def every(
        path: Path, record: dict[str, Any], key: str, payloads: tuple[str, ...] = PAYLOADS
    ) -> None:
        """A long text field gets every payload at once."""
        if key in record and isinstance(record[key], str):
            record[key] = " ".join([record[key], *payloads])
            placement.placed.extend((rel(path), key, p) for p in payloads)

    def names(path: Path, record: dict[str, Any], key: str) -> None:
        values = record.get(key) or []
        payload = plain.take()
        record[key] = [*values, f"Alias {payload}"]
        placement.placed.append((rel(path), key, payload))

    def paragraph(path: Path, record: dict[str, Any], key: str) -> None:
        """Prose: a paragraph of markup payloads and a macro whose link text is a payload, cited
        with a claim the field already cites (every prose sentence must cite one)."""
        if key not in record:
            return
        first, second = prose.take(), prose.take()
        link = json.dumps(second, ensure_ascii=False)
        macro = f'{{{{ actor("{actor_ids[0]}", {link}) }}}}'
        cited = re.search(r'\{\{ *(?:claim|cite|link)\("([^"]+)"', record[key])
        assert cited, f"{rel(path)}: {key} cites no claim to cite the payload paragraph with"
        marker = f'{{{{ cite("{cited[1]}") }}}}'
        record[key] = f"{record[key].rstrip()}\n\n{first} and {macro}. {marker}\n"
        placement.placed.append((rel(path), key, first))
        placement.placed.append((rel(path), f"{key} (link text)", second))

    def edit_file(path: Path, change: Callable[[Path, dict[str, Any]], None]) -> None:
        comment, data = _load(path)
        records = data if isinstance(data, list) else [data]
        for record in records:
            change(path, record)
        _dump(path, comment, data)

    def source(path: Path, record: dict[str, Any]) -> None:
        text(path, record, "title", titles["source"])
        for key in ("author", "publisher", "series"):
            text(path, record, key)
        every(path, record, "licence")
        names(path, record, "author_aliases")

    def claim(path: Path, record: dict[str, Any]) -> None:
        # A statement may give no number its quote lacks (make check refuses "alert(1)"), so it
        # gets the payloads without digits; the note and the licence get every one.
        every(path, record, "statement", tuple(p for p in PAYLOADS if not re.search(r"\d", p)))
        record.setdefault("note", "Note.")
        every(path, record, "note")

    def topic(path: Path, record: dict[str, Any]) -> None:
        text(path, record, "title", titles["topic"])
        paragraph(path, record, "lead")
        for section in record.get("sections", []):
            text(path, section, "heading")
            paragraph(path, section, "body")

    def actor(path: Path, record: dict[str, Any]) -> None:
        text(path, record, "name", titles["actor"])
        names(path, record, "aliases")
        for native in record.get("native_names") or []:
            text(path, native, "text")
        paragraph(path, record, "description")

    def event(path: Path, record: dict[str, Any]) -> None:
        text(path, record, "title")
        text(path, record, "when")
        paragraph(path, record, "summary")

    def term(path: Path, record: dict[str, Any]) -> None:
        text(path, record, "term")
        paragraph(path, record, "definition")

    for pattern, change in (
        ("sources/*.yaml", source),
        ("claims/*.yaml", claim),
        ("topics/*.yaml", topic),
        ("actors/*.yaml", actor),
        ("events.yaml", event),
        ("glossary.yaml", term),
    ):
        for path in _files(root, pattern):
            edit_file(path, change)
    return placement


def build_payload_site(tmp: Path, source: Path = REPO) -> Path:
    """Copy the project into tmp/project, inject every payload, build it; returns the site folder.

    Fails (AssertionError) if the payloads did not validate or the strict build did not pass.
    """
    result, _ = build_payload_project(tmp, source)
    return result.site


def build_payload_project(tmp: Path, source: Path = REPO) -> tuple[BuildResult, Placement]:
    root = copy_project(tmp / "project", source)
    placement = inject(root)
    result = mkdocs_build(root, tmp / "site")
    assert result.returncode == 0, result.output
    return result, placement
