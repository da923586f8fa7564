"""Ids and references: every id unique across all kinds, and every reference to one resolved.

A reference that names nothing gets the closest id of the right kind as a hint; one that names a
record of another kind says so. A reference to a record that exists but failed to load stays
quiet: that record's own problem already says what is wrong, and one typo must give one message.
"""

from __future__ import annotations

import difflib

from macros.core.diagnostics import Position, Report
from macros.core.loader import LoadedData
from macros.core.model import Actor, Claim, Event, Source, Term, Topic
from macros.core.problems import Code
from macros.core.text import Text, position_of


class References:
    def __init__(self, data: LoadedData, report: Report) -> None:
        self._data = data
        self._report = report
        self._ids = _register_ids(data, report)

    def resolve(
        self, value: Text, kind: str, where: str, unknown: Code = Code.UNKNOWN_REFERENCE
    ) -> bool:
        """Whether `value` is the id of a loaded `kind`; if not, report why (unless known)."""
        if self._ids.get(value, ("", None))[0] == kind:
            return True
        if self._data.failed_ids.get(value) == kind or kind in self._data.unreadable_kinds:
            return False  # the record exists but did not load: its own problem says why
        known = [i for i, (k, _) in self._ids.items() if k == kind]
        close = difflib.get_close_matches(value, known, n=1)
        other = self._ids.get(value)
        code, message = unknown, f"{where}: unknown {kind} '{value}'"
        if other:
            code = Code.WRONG_REFERENCE_KIND
            message = f"{where}: '{value}' is {a(other[0])}, not {a(kind)}"
        hint = f"did you mean '{close[0]}'?" if close else f"add data for the {kind}, or fix the id"
        self._report.add(code, value.position, message, hint)
        return False


def a(kind: str) -> str:
    """'a claim', 'an actor', 'an event'."""
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _register_ids(data: LoadedData, report: Report) -> dict[str, tuple[str, Position]]:
    registry: dict[str, tuple[str, Position]] = {}
    records: list[tuple[str, Source | Claim | Topic | Actor | Event | Term]] = [
        *(("source", r) for r in data.sources),
        *(("claim", r) for r in data.claims),
        *(("topic", r) for r in data.topics),
        *(("actor", r) for r in data.actors),
        *(("event", r) for r in data.events),
        *(("term", r) for r in data.terms),
    ]
    for kind, item in records:
        position = position_of(item.id, item.position)
        if item.id in registry:
            first_kind, first = registry[item.id]
            report.add(
                Code.DUPLICATE_ID,
                position,
                f"id '{item.id}' is already used by {a(first_kind)} at {first}",
                "ids must be unique across all data: choose another id",
            )
            continue
        registry[item.id] = (kind, position)
    return registry
