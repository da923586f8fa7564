"""Editing a copy of the project's data files by key, knowing the line and column of every edit.

The broken-input and injection tests make small edits to a copy of the real data and then assert
the exact `path:line:col` of the problem. The positions come from the edit itself (the line the
test wrote), never from the loader under test.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from macros.core.knowledge import KnowledgeBase
from macros.core.problems import Code
from macros.core.project import load_knowledge


@dataclass(frozen=True)
class Expect:
    """Where the problem must be reported, its code, and (where the wording is the point, such as
    showing an invisible character) a fragment of its message."""

    path: str
    line: int
    col: int | None  # None where a column means nothing (a whole file)
    code: Code
    fragment: str = ""


@dataclass(frozen=True)
class Field:
    """A `key: value` entry found in a data file; lines and columns are 1-based."""

    line: int  # the key's line
    key_col: int
    value_col: int  # where a value written on the key's line starts
    end_line: int  # the last line of the value (a block value spans several)


_KEY = r"^(?P<indent> *)(?P<dash>- +)?(?P<key>{key}):(?: |$)"


class Workspace:
    """The project copy: its files, the pristine data to restore, and the checked knowledge."""

    def __init__(self, root: Path, pristine: Path, outside: Path) -> None:
        self.root = root
        self.pristine = pristine
        self.outside = outside  # a folder outside the project, for symbolic links to point at
        self.kb: KnowledgeBase = load_knowledge(root)

    # files -------------------------------------------------------------------------------------
    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(text, encoding="utf-8")

    def restore(self) -> None:
        for folder in ("data", "docs"):
            shutil.rmtree(self.root / folder)
            shutil.copytree(self.pristine / folder, self.root / folder, symlinks=True)
        for child in self.outside.iterdir():
            child.unlink()

    def first(self, folder: str) -> str:
        """The first YAML file of a data folder, relative to the project."""
        files = sorted((self.root / "data" / folder).glob("*.yaml"))
        assert files, f"data/{folder} has no files"
        return files[0].relative_to(self.root).as_posix()

    # fields --------------------------------------------------------------------------------------
    def field(self, rel: str, key: str, occurrence: int = 1) -> Field:
        """The n-th `key:` entry of a file (at any depth, also as the first key of a list item)."""
        lines = self.read(rel).split("\n")
        pattern = re.compile(_KEY.format(key=re.escape(key)))
        seen = 0
        for index, line in enumerate(lines):
            match = pattern.match(line)
            if not match:
                continue
            seen += 1
            if seen < occurrence:
                continue
            key_col = match.start("key") + 1
            indent = key_col - 1
            end = index
            for later in range(index + 1, len(lines)):
                text = lines[later]
                stripped = text.lstrip(" ")
                depth = len(text) - len(stripped)
                if not stripped or stripped.startswith("#"):
                    continue
                if depth > indent or (
                    depth == indent and stripped.startswith("- ") and not match.group("dash")
                ):
                    end = later
                    continue
                break
            return Field(index + 1, key_col, key_col + len(key) + 2, end + 1)
        raise AssertionError(f"no {occurrence}. '{key}:' in {rel}")

    def set_field(self, rel: str, key: str, value: str, occurrence: int = 1) -> Field:
        """Replace a field's whole value (however many lines it spans) with `value`.

        `value` is written right after `key: `; for a block value, give `|` and the lines, each
        already indented by `self.indent(field)`.
        """
        found = self.field(rel, key, occurrence)
        lines = self.read(rel).split("\n")
        head = lines[found.line - 1][: found.key_col - 1]
        lines[found.line - 1 : found.end_line] = [f"{head}{key}: {value}"]
        self.write(rel, "\n".join(lines))
        return Field(found.line, found.key_col, found.value_col, found.line + value.count("\n"))

    def insert_line(self, rel: str, after: int, text: str) -> int:
        """Insert a line after line `after` (0: at the top); returns the new line's number."""
        lines = self.read(rel).split("\n")
        lines.insert(after, text)
        self.write(rel, "\n".join(lines))
        return after + 1

    def delete_field(self, rel: str, key: str, occurrence: int = 1) -> Field:
        found = self.field(rel, key, occurrence)
        lines = self.read(rel).split("\n")
        del lines[found.line - 1 : found.end_line]
        self.write(rel, "\n".join(lines))
        return found

    def block(self, rel: str, key: str, words: str, occurrence: int = 1) -> tuple[int, int]:
        """Set a prose field to a literal block of one line; returns where `words` starts."""
        found = self.field(rel, key, occurrence)
        pad = " " * (found.key_col + 1)
        self.set_field(rel, key, f"|\n{pad}{words}", occurrence)
        return found.line + 1, len(pad) + 1

    def first_item(self, rel: str) -> str:
        """The lines of the first item of a YAML list file (from its `- ` line to the next)."""
        lines = self.read(rel).split("\n")
        starts = [i for i, line in enumerate(lines) if line.startswith("- ")]
        end = starts[1] if len(starts) > 1 else len(lines)
        return "\n".join(lines[starts[0] : end]).rstrip("\n")

    def first_item_start(self, rel: str) -> tuple[int, int]:
        """Line and column of the first key of a list file's first item (where its mapping starts)."""
        lines = self.read(rel).split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith("- "))
        return index + 1, len(lines[index]) - len(lines[index][1:].lstrip(" ")) + 1

    # ids -----------------------------------------------------------------------------------------
    def stem(self, rel: str) -> str:
        return Path(rel).stem

    def first_claim_id(self, rel: str) -> str:
        found = self.field(rel, "id")
        return self.read(rel).split("\n")[found.line - 1][found.value_col - 1 :].strip()
