"""The worst YAML files we can make get the right answer: accepted whole, or rejected where it matters.

The inputs come from tests/bench/hostile_yaml.py, which `make bench` also times against the
2-second bound (speed is measured there, not here). Each is accepted with every value it holds, or
rejected with the expected message at the expected `line:col` and a hint. That libyaml is the
parser that reads them is tested in tests/test_yaml_nodes.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.diagnostics import Problem
from macros.core.settings import SETTINGS
from macros.core.yaml_nodes import Node, YList, YMap, parse, read_text
from tests.bench.hostile_yaml import SIZE, Hostile, hostile_inputs

HOSTILE = list(hostile_inputs())


def values_in(node: Node) -> int:
    """How many values a tree holds, keys included (as the loader's limit counts them)."""
    if isinstance(node, YList):
        return 1 + sum(values_in(item) for item in node.items)
    if isinstance(node, YMap):
        return 1 + sum(1 + values_in(entry.node) for entry in node.entries.values())
    return 1


def read_and_parse(tmp_path: Path, data: bytes) -> tuple[Node | None, list[Problem]]:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(data)
    problems: list[Problem] = []
    text = read_text(path, "data/claims/hostile.yaml", problems)
    node = parse(text, "data/claims/hostile.yaml", problems) if text is not None else None
    return node, problems


def test_the_corpus_is_large_and_every_file_is_just_under_the_limit() -> None:
    assert len(HOSTILE) >= 30
    assert len({h.name for h in HOSTILE}) == len(HOSTILE)
    assert sum(1 for h in HOSTILE if h.rejected) >= 15
    assert sum(1 for h in HOSTILE if not h.rejected) >= 10
    for hostile in HOSTILE:
        assert SIZE - 20_000 <= len(hostile.data) <= SETTINGS.max_file_bytes, hostile.name


@pytest.mark.parametrize("hostile", HOSTILE, ids=[h.name for h in HOSTILE])
def test_hostile_file_gets_the_right_answer(tmp_path: Path, hostile: Hostile) -> None:
    node, problems = read_and_parse(tmp_path, hostile.data)
    if not hostile.rejected:
        assert problems == []
        assert node is not None
        assert values_in(node) == hostile.values
        return
    assert node is None
    assert len(problems) == hostile.problems
    for expected in hostile.rejected:
        at = [
            p
            for p in problems
            if (p.position.line, p.position.col) == (expected.line, expected.col)
        ]
        assert at, f"no problem at {expected.line}:{expected.col}: {problems[:3]}"
        assert any(expected.fragment in p.message and p.hint for p in at), at
