"""Values that remember where in a data file they were written."""

from __future__ import annotations

from macros.core.diagnostics import Position


class Text(str):
    """A `str` from a data file that knows its position, so any later check can point at it.

    For a literal block scalar (`|`) it can also point inside the value, line by line.
    """

    position: Position
    block_indent: int

    def __new__(cls, value: str, position: Position, block_indent: int = 0) -> Text:
        obj = super().__new__(cls, value)
        obj.position = position
        obj.block_indent = block_indent
        return obj

    def position_at(self, offset: int) -> Position:
        """Where character `offset` of this value stands in the file (exact for `|` blocks)."""
        if not self.block_indent:
            return self.position
        line = self.count("\n", 0, offset)
        col = offset - (self.rfind("\n", 0, offset) + 1)
        return Position(self.position.path, self.position.line + 1 + line, self.block_indent + col)


class Number(int):
    """An `int` from a data file that knows its position (a topic's `order`, a block number)."""

    position: Position

    def __new__(cls, value: int, position: Position) -> Number:
        obj = super().__new__(cls, value)
        obj.position = position
        return obj


def position_of(value: object, fallback: Position) -> Position:
    """The position a value was read from, or `fallback` for values made in code."""
    return value.position if isinstance(value, Text | Number) else fallback
