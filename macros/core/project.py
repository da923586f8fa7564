"""One call from a project folder to a checked knowledge base: what the CLI and the adapter share."""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.core.checks import build
from macros.core.collector import paused_collection
from macros.core.diagnostics import Position, Problem, Report
from macros.core.editorial import editorial_problems
from macros.core.knowledge import HandWrittenPage, KnowledgeBase
from macros.core.loader import load
from macros.core.problems import Code
from macros.core.settings import SETTINGS
from macros.core.text import Text
from macros.core.yaml_nodes import read_text

_FRONT_MATTER = "---"


def hand_written_pages(root: Path, problems: list[Problem]) -> list[HandWrittenPage]:
    """The docs/ pages whose front matter says `macros: true`, with the Markdown after it."""
    docs = root / SETTINGS.docs_folder
    pages: list[HandWrittenPage] = []
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        display = path.relative_to(root).as_posix()
        text = read_text(path, display, problems)
        if text is None:
            continue
        lines = text.splitlines(keepends=True)
        if not lines or lines[0].rstrip() != _FRONT_MATTER:
            continue
        end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), 0)
        if not end:
            continue
        try:
            meta = yaml.safe_load("".join(lines[1:end]))
        except yaml.YAMLError as err:
            problems.append(
                Problem(
                    Code.FRONT_MATTER_SYNTAX,
                    Position(display, 2),
                    f"front matter is not valid YAML: {err}",
                )
            )
            continue
        if not (isinstance(meta, dict) and meta.get("macros") is True):
            continue
        body = "".join(lines[end + 1 :])
        # The body starts on line end+2; Text positions inside it line by line (column 1 = 1).
        located = Text(body, Position(display, end + 1, 1), block_indent=1)
        pages.append(HandWrittenPage(path.relative_to(docs).as_posix(), display, located))
    return pages


@paused_collection()
def sound_knowledge(root: Path) -> KnowledgeBase:
    """Load, check and resolve the data, without the editorial rules; raises DataError listing
    every problem. For callers that add checks of their own on the resolved base and report them
    together with the editorial rules (the site's names: `macros.pages.names`)."""
    data = load(root)
    pages = hand_written_pages(root, data.problems)
    return build(data, pages)


def load_knowledge(root: Path) -> KnowledgeBase:
    """Load, check and resolve everything, then apply the editorial rules; raises DataError
    listing every problem (the editorial rules run once the data itself is sound)."""
    kb = sound_knowledge(root)
    Report(editorial_problems(kb)).raise_if_any()
    return kb
