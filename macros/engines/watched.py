"""What a live preview follows on disk: a cheap fingerprint of files, to tell that they changed.

`generate --watch` polls it to regenerate (and restarts itself when the generator's code
changed); the MkDocs hook compares the generator's code at each rebuild of `mkdocs serve`, which
imports the code once and so cannot show a change to it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

Fingerprint = frozenset[tuple[str, int, int]]

# The generator's own code, relative to the project: what a running preview cannot reload.
CODE = "macros"


def fingerprint(root: Path, *names: str) -> Fingerprint:
    """Path, size and modification time of every file under the given names of the project
    (bytecode caches left out: importing writes them)."""
    files: list[Path] = []
    for name in names:
        top = root / name
        found = [top] if top.is_file() else top.rglob("*") if top.is_dir() else []
        files += [path for path in found if path.is_file() and "__pycache__" not in path.parts]
    return files_fingerprint(files)


def code_fingerprint(root: Path) -> Fingerprint:
    """The generator's Python code: templates and theme files are read anew on every build."""
    return frozenset(entry for entry in fingerprint(root, CODE) if entry[0].endswith(".py"))


def imported_code(package: str) -> list[Path]:
    """The source files of the package's modules this process has imported: what a running
    preview uses (editing a module it never imported, a contributor tool say, changes nothing)."""
    files = []
    for name, module in list(sys.modules.items()):
        source = getattr(module, "__file__", None)
        if source and (name == package or name.startswith(package + ".")):
            files.append(Path(source))
    return files


def files_fingerprint(paths: Iterable[Path]) -> Fingerprint:
    """Path, size and modification time of each file; one that is gone drops out of the set."""
    seen: set[tuple[str, int, int]] = set()
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        seen.add((str(path), stat.st_size, stat.st_mtime_ns))
    return frozenset(seen)
