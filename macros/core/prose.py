"""Prose with macro calls: `{{ claim("id") }}`, `{{ actor("id", "text") }}`, ….

Prose is parsed here, not executed by Jinja: a call must be one of the known macros with string
literal arguments, and any other template syntax is an error. So a quote or a statement containing
`{{` can never run, and every mistake gets a position.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from macros.core.diagnostics import Position, Problem
from macros.core.problems import Code
from macros.core.settings import SETTINGS
from macros.core.text import Text

# name → (kind of entity its first argument names, fewest arguments, most arguments)
MACROS: dict[str, tuple[str, int, int]] = {
    "claim": ("claim", 1, 1),
    "cite": ("claim", 1, 12),
    # a passage about the first claim and the claims linked to it, with every link's marker
    "link": ("claim", 2, 13),
    # a citation of a source's metadata: who wrote or published it, and when
    "cite_source": ("source", 1, 1),
    "actor": ("actor", 1, 2),
    "topic": ("topic", 1, 2),
    "event": ("event", 1, 2),
    "source": ("source", 1, 2),
    "term": ("term", 1, 2),
}
_USAGE = (
    'write {{ claim("id") }}, {{ cite("id", …) }}, {{ link("id", "linked-id", …) }}, '
    '{{ cite_source("source-id") }} or {{ actor("id") }} (topic, event, source, term)'
)
_CALL = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_STRAY = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


@dataclass(frozen=True)
class MacroCall:
    name: str
    args: tuple[str, ...]
    position: Position

    @property
    def kind(self) -> str:
        return MACROS[self.name][0]

    @property
    def ids(self) -> tuple[str, ...]:
        """The entity ids the call names (all arguments for cite and link, else the first)."""
        return self.args if self.name in ("cite", "link") else self.args[:1]


Segment = str | MacroCall


def parse_prose(text: str, problems: list[Problem], fallback: Position) -> list[Segment]:
    """Split prose into literal text and macro calls, recording malformed calls as problems."""
    located = text if isinstance(text, Text) else Text(text, fallback)
    # The same prose is parsed by the checks, the editorial rules and the renderer, and again on
    # every rebuild of a live preview: keep what each text gave (the key is all it depends on).
    key = (str(text), located.position, located.block_indent)
    parsed = _PARSED.get(key)
    if parsed is None:
        found: list[Problem] = []
        parsed = _PARSED[key] = (tuple(_parse(located, found)), tuple(found))
        if len(_PARSED) > _MAX_PARSED:
            _PARSED.clear()
            _PARSED[key] = parsed
    problems.extend(parsed[1])
    return list(parsed[0])


_PARSED: dict[tuple[str, Position, int], tuple[tuple[Segment, ...], tuple[Problem, ...]]] = {}
_MAX_PARSED = 500_000


def _parse(located: Text, problems: list[Problem]) -> list[Segment]:
    text = located
    segments: list[Segment] = []
    cursor = 0
    for match in _CALL.finditer(text):
        _check_stray(located, cursor, match.start(), problems)
        if match.start() > cursor:
            segments.append(text[cursor : match.start()])
        call = _parse_call(match.group(1), located.position_at(match.start()), problems)
        if call is not None:
            segments.append(call)
        cursor = match.end()
    _check_stray(located, cursor, len(text), problems)
    if cursor < len(text):
        segments.append(text[cursor:])
    return segments


def _check_stray(text: Text, start: int, end: int, problems: list[Problem]) -> None:
    stray = _STRAY.search(text, start, end)
    if stray:
        problems.append(
            Problem(
                Code.TEMPLATE_SYNTAX,
                text.position_at(stray.start()),
                f"template syntax '{stray.group()}' is not allowed here",
                f"prose is plain text plus macro calls: {_USAGE}",
            )
        )


def _parse_call(source: str, position: Position, problems: list[Problem]) -> MacroCall | None:
    shown = " ".join(source.split())
    if len(shown) > 80:
        shown = shown[:77] + "…"
    try:
        if len(source) > SETTINGS.max_macro_call_chars:  # see Settings: never parse long text
            raise SyntaxError("too long")
        tree = ast.parse(source.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # ValueError: a NUL byte
        problems.append(
            Problem(
                Code.MACRO_SYNTAX,
                position,
                f"cannot read the macro call '{{{{ {shown} }}}}'",
                _USAGE,
            )
        )
        return None
    if not (isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name)):
        problems.append(
            Problem(Code.MACRO_SYNTAX, position, f"'{{{{ {shown} }}}}' is not a macro call", _USAGE)
        )
        return None
    name = tree.func.id
    if name not in MACROS:
        problems.append(
            Problem(
                Code.UNKNOWN_MACRO,
                position,
                f"unknown macro '{name}'",
                "macros: " + ", ".join(MACROS),
            )
        )
        return None
    args: list[str] = []
    for arg in tree.args:
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            problems.append(
                Problem(
                    Code.MACRO_SYNTAX,
                    position,
                    f"{name}() takes quoted text arguments only",
                    f'write {name}("some-id")',
                )
            )
            return None
        args.append(arg.value)
    _, fewest, most = MACROS[name]
    if tree.keywords or not fewest <= len(args) <= most:
        expected = f"{fewest}" if fewest == most else f"{fewest} to {most}"
        problems.append(
            Problem(
                Code.MACRO_SYNTAX,
                position,
                f"{name}() takes {expected} argument{'s' if most > 1 else ''}, "
                f"got {len(args) + len(tree.keywords)}",
                _USAGE,
            )
        )
        return None
    return MacroCall(name, tuple(args), position)
