"""The types a data field can have: how a value is checked and how JSON Schema describes it.

Each type checks a YAML node (with positions and hints) and yields a typed value, and carries its
JSON Schema fragment, so the checks contributors meet and the schema their editor uses cannot
drift apart. Which field has which type is declared on the records themselves (model.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from macros.core.diagnostics import Problem
from macros.core.problems import Code
from macros.core.text import Number, Text
from macros.core.yaml_nodes import Node, YList, YScalar, describe

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)
DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
_DATE_RE = re.compile(DATE_PATTERN)
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
# RFC 3986 characters only (others percent-encoded): any other character was accepted before,
# including bidi overrides (U+202E) that make a link's shown address differ from its target.
URL_PATTERN = r"^(?:https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+)?$"

T = TypeVar("T")


@dataclass(frozen=True)
class FieldType(Generic[T]):
    """How one field is checked and described in JSON Schema; `check` yields a T or None."""

    summary: str  # for messages: "expected <summary>"
    json: dict[str, Any]
    check: Callable[[Node, list[Problem]], T | None]


def shown(value: str, limit: int = 60) -> str:
    """A value quoted in a one-line message: shortened, with invisible characters made visible.

    A newline, a bidi override (U+202E) or a zero-width space in a bad id would otherwise break the
    `path:line:col: message` line or hide the very character that is wrong.
    """
    if len(value) > limit:
        value = value[: limit - 3] + "…"
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in value)


def wrong_type(node: Node, expected: str, problems: list[Problem], hint: str = "") -> None:
    # Every problem carries a hint: without one, "expected text, found a list" left the
    # contributor guessing what to write instead.
    if not hint and isinstance(node, YScalar) and node.value is None:
        hint = "write the value after the colon, or remove the field if it is optional"
    elif not hint:
        hint = f"replace this {describe(node).removeprefix('a ')} with {expected}"
    problems.append(
        Problem(
            Code.WRONG_TYPE, node.position, f"expected {expected}, found {describe(node)}", hint
        )
    )


# Control characters other than tab and line breaks can only come from escapes in double-quoted
# YAML ("\0", "\x1b", "\u0002"): invisible on a page, never intended, and \x02/\x03 are the
# placeholders Python-Markdown uses internally. Refuse them in every text value.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _scalar_text(node: Node, problems: list[Problem], expected: str) -> Text | None:
    if isinstance(node, YScalar) and node.value is not None:
        raw = node.value if isinstance(node.value, str) else node.raw
        if isinstance(node.value, bool) and not node.quoted:
            wrong_type(node, expected, problems, f'put the text in quotes: "{node.raw}"')
            return None
        control = _CONTROL.search(raw)
        if control:
            problems.append(
                Problem(
                    Code.CONTROL_CHARACTER,
                    node.position,
                    f"text contains the invisible control character U+{ord(control.group()):04X}",
                    "remove it (it comes from an escape such as \\x1b inside double quotes)",
                )
            )
            return None
        return Text(raw, node.position, node.block_indent)
    wrong_type(node, expected, problems)
    return None


def text(
    *, multiline: bool = False, min_length: int = 1, max_length: int = 2000
) -> FieldType[Text]:
    expected = "text"

    def check(node: Node, problems: list[Problem]) -> Text | None:
        value = _scalar_text(node, problems, expected)
        if value is None:
            return None
        if len(value.strip()) < min_length:
            problems.append(
                Problem(
                    Code.EMPTY_TEXT,
                    node.position,
                    "text is empty" if min_length == 1 else f"text is shorter than {min_length}",
                    "write the value, or remove the field if it is optional",
                )
            )
            return None
        if len(value) > max_length:
            problems.append(
                Problem(
                    Code.TEXT_TOO_LONG,
                    node.position,
                    f"text is {len(value)} characters, more than {max_length}",
                    "shorten it",
                )
            )
            return None
        if not multiline and "\n" in value.strip():
            problems.append(
                Problem(
                    Code.MULTILINE_TEXT,
                    node.position,
                    "text must be on one line",
                    "join the lines into one",
                )
            )
            return None
        return value

    schema: dict[str, Any] = {"type": "string", "minLength": min_length, "maxLength": max_length}
    if not multiline:
        schema["pattern"] = r"^[^\n]*\n?$"
    return FieldType(expected, schema, check)


def pattern(
    expected: str, regex: str, hint: str, code: Code = Code.INVALID_FORMAT
) -> FieldType[Text]:
    compiled = re.compile(regex)

    def check(node: Node, problems: list[Problem]) -> Text | None:
        value = _scalar_text(node, problems, expected)
        if value is None:
            return None
        # fullmatch: with match(), `$` also matches before a final newline, so "a-b\n" passed.
        if not compiled.fullmatch(value):
            problems.append(
                Problem(code, node.position, f"'{shown(value)}' is not {expected}", hint)
            )
            return None
        return value

    return FieldType(expected, {"type": "string", "pattern": regex}, check)


ID = pattern(
    "a valid id",
    ID_PATTERN,
    "ids are lowercase kebab-case: letters a-z, digits and single hyphens, e.g. 'city-council'",
    Code.INVALID_ID,
)


def _date_check(node: Node, problems: list[Problem]) -> Text | None:
    value = _scalar_text(node, problems, "a date")
    if value is None:
        return None
    if not _DATE_RE.fullmatch(value):  # fullmatch: refuse "2008\n" too
        problems.append(
            Problem(
                Code.INVALID_DATE,
                node.position,
                f"'{shown(value)}' is not an ISO date",
                'write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. "2008-08"',
            )
        )
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        problems.append(
            Problem(
                Code.INVALID_DATE,
                node.position,
                f"'{value}' is not a real date ({err})",
                "correct the date",
            )
        )
        return None
    return value


DATE = FieldType[Text]("a date", {"type": "string", "pattern": DATE_PATTERN}, _date_check)


def _bool_check(node: Node, problems: list[Problem]) -> bool | None:
    if isinstance(node, YScalar) and isinstance(node.value, bool):
        return node.value
    wrong_type(node, "true or false", problems, "write true or false, without quotes")
    return None


BOOL = FieldType[bool]("true or false", {"type": "boolean"}, _bool_check)


def integer(minimum: int, maximum: int = 1_000_000) -> FieldType[Number]:
    def check(node: Node, problems: list[Problem]) -> Number | None:
        if (
            isinstance(node, YScalar)
            and isinstance(node.value, int)
            and not isinstance(node.value, bool)
        ):
            if minimum <= node.value <= maximum:
                return Number(node.value, node.position)
            problems.append(
                Problem(
                    Code.OUT_OF_RANGE,
                    node.position,
                    f"{node.value} is out of range",
                    f"use a whole number from {minimum} to {maximum}",
                )
            )
            return None
        wrong_type(node, "a whole number", problems, "write a number without quotes")
        return None

    return FieldType(
        "a whole number", {"type": "integer", "minimum": minimum, "maximum": maximum}, check
    )


def choice(values: tuple[str, ...], code: Code = Code.INVALID_CHOICE) -> FieldType[Text]:
    expected = "one of " + ", ".join(values)

    def check(node: Node, problems: list[Problem]) -> Text | None:
        value = _scalar_text(node, problems, expected)
        if value is None:
            return None
        if value not in values:
            close = difflib.get_close_matches(value, values, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use {expected}"
            problems.append(
                Problem(code, node.position, f"'{shown(value)}' is not {expected}", hint)
            )
            return None
        return value

    return FieldType(expected, {"enum": list(values)}, check)


def list_of(
    item: FieldType[T], *, min_items: int = 0, unique: bool = True
) -> FieldType[tuple[T, ...]]:
    expected = f"a list of {item.summary}"

    def check(node: Node, problems: list[Problem]) -> tuple[T, ...] | None:
        if not isinstance(node, YList):
            if isinstance(node, YScalar) and node.value is None and min_items == 0:
                return ()
            wrong_type(node, expected, problems, "write a list, e.g. [a, b] or one '- item' a line")
            return None
        values: list[T] = []
        seen: set[str] = set()
        for child in node.items:
            value = item.check(child, problems)
            if value is None:
                continue
            if unique and isinstance(value, str):
                if value in seen:
                    problems.append(
                        Problem(
                            Code.DUPLICATE_ITEM,
                            child.position,
                            f"'{value}' is listed twice",
                            "remove one",
                        )
                    )
                    continue
                seen.add(value)
            values.append(value)
        if len(node.items) < min_items:
            problems.append(
                Problem(
                    Code.TOO_FEW_ITEMS,
                    node.position,
                    f"the list needs at least {min_items} item{'s' if min_items > 1 else ''}",
                    "add the missing items",
                )
            )
        return tuple(values)

    schema: dict[str, Any] = {"type": "array", "items": item.json, "minItems": min_items}
    if unique:
        schema["uniqueItems"] = True
    return FieldType(expected, schema, check)
