"""Positions in data files and the problems found there, collected and reported together."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from macros.core.problems import Code


@dataclass(frozen=True, order=True)
class Position:
    """A place in a file; line and column are 1-based, as editors show them."""

    path: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def shifted(self, lines: int, col: int) -> Position:
        """The position `lines` lines below this one, at column `col` (or this column on line 0)."""
        if lines == 0:
            return Position(self.path, self.line, self.col + col - 1)
        return Position(self.path, self.line + lines, col)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data: its kind, where, what, and how to fix it.

    Problems sort by place, then wording; the code is left out of comparisons (`compare=False`)
    so that sorting never has to order two kinds.
    """

    code: Code = field(compare=False)
    position: Position
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.position}: {self.explanation} [{self.code}]"

    @property
    def explanation(self) -> str:
        """What is wrong and how to fix it: `message — hint`."""
        return f"{self.message} — {self.hint}" if self.hint else self.message

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the pull request diff;
        its code is the annotation's title."""
        text = self.explanation.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        p = self.position
        return f"::error file={p.path},line={p.line},col={p.col},title={self.code}::{text}"


@dataclass
class Report:
    """Problems collected while loading and validating, in the order they were found."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, code: Code, position: Position, message: str, hint: str = "") -> None:
        self.problems.append(Problem(code, position, message, hint))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self.problems)))

    def __len__(self) -> int:
        return len(set(self.problems))

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataError(list(self))


class DataError(Exception):
    """Raised once, after validation, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{count} {noun} in the data:\n{lines}")
