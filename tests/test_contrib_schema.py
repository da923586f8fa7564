"""JSON Schema files: generated from the records in macros/core/model.py, valid, matching the data,
and agreeing with `python -m macros check` on where a broken file is wrong."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError

from macros.core.diagnostics import Position, Problem
from macros.core.yaml_nodes import Node, YList, YMap, parse
from macros.pages.json_schemas import (
    FILE_KINDS,
    STAMP_PREFIX,
    data_files,
    schema_documents,
    stale_schemas,
    stamp_files,
    stamped,
)
from macros.tools import cli
from tests.helpers import Project, write_project

REPO = Path(__file__).resolve().parent.parent
MINI_SITE = REPO / "tests" / "fixtures" / "mini-site"

Path_ = tuple[str | int, ...]


def _validator(kind_name: str, root: Path = REPO) -> Draft202012Validator:
    document = json.loads((root / f"schema/{kind_name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(document)


def to_plain(node: Node, path: Path_ = ()) -> tuple[Any, dict[Path_, Node]]:
    """A YAML node as the plain value an editor's schema check sees, and every path's node."""
    nodes: dict[Path_, Node] = {path: node}
    if isinstance(node, YMap):
        value: dict[str, Any] = {}
        for key, entry in node.entries.items():
            value[key], children = to_plain(entry.node, (*path, key))
            nodes.update(children)
        return value, nodes
    if isinstance(node, YList):
        items: list[Any] = []
        for i, child in enumerate(node.items):
            item, children = to_plain(child, (*path, i))
            items.append(item)
            nodes.update(children)
        return items, nodes
    return node.value, nodes


def schema_errors(path: Path, rel: str, kind_name: str) -> list[tuple[Position, str]]:
    """Where (and why) the file's schema rejects it, as positions in the file."""
    problems: list[Problem] = []
    node = parse(path.read_text(encoding="utf-8"), rel, problems)
    assert node is not None and not problems, problems
    value, nodes = to_plain(node)
    found: list[tuple[Position, str]] = []
    for error in _validator(kind_name).iter_errors(value):
        at = nodes[tuple(error.absolute_path)]
        found.append((_error_position(error, at), error.message))
    return found


def _error_position(error: ValidationError, at: Node) -> Position:
    """An unknown key is reported at the key, like `make check` does; anything else at its value."""
    if error.validator == "additionalProperties" and isinstance(at, YMap):
        allowed = (
            set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
        )
        extra = [k for k in at.entries if k not in allowed]
        if extra:
            return at.entries[extra[0]].key_position
    return at.position


# --- the generated files ---------------------------------------------------------------------


def test_committed_schema_files_match_the_generator() -> None:
    assert stale_schemas(REPO) == [], "run: python -m macros schema (and commit schema/)"


def test_schema_folder_holds_only_generated_files() -> None:
    committed = {p.relative_to(REPO).as_posix() for p in (REPO / "schema").iterdir()}
    assert committed == set(schema_documents())


@pytest.mark.parametrize("kind", FILE_KINDS, ids=lambda k: k.name)
def test_every_schema_is_valid_json_schema(kind: Any) -> None:
    document = json.loads(schema_documents()[kind.schema_file])
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert ("items" in document) == kind.is_list


def test_every_field_of_every_spec_is_described() -> None:
    for kind in FILE_KINDS:
        document = json.loads(schema_documents()[kind.schema_file])
        record = document["items"] if kind.is_list else document
        assert record["additionalProperties"] is False
        assert list(record["properties"]) == kind.spec.field_names()
        assert all(p["description"] for p in record["properties"].values())


# --- the data files ----------------------------------------------------------------------------


def _projects_with_data() -> list[Path]:
    return [root for root in (REPO, MINI_SITE) if any(data_files(root))]


def test_every_data_file_validates_against_its_schema(tmp_path: Path) -> None:
    checked = 0
    for root in [*_projects_with_data(), write_project(tmp_path).root]:
        for path, kind in data_files(root):
            rel = path.relative_to(root).as_posix()
            assert schema_errors(path, rel, kind.name) == [], rel
            checked += 1
    assert checked >= 8


def test_every_data_file_names_its_schema_on_its_first_line() -> None:
    unstamped = stamp_files(REPO, write=False)
    assert unstamped == [], "run: python -m macros schema --stamp"


def test_schema_check_command_passes_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(REPO), "schema", "--check"]) == 0
    assert "OK" in capsys.readouterr().out


# --- stamping ----------------------------------------------------------------------------------


def test_stamp_adds_the_schema_line_and_keeps_every_other_byte(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    before = {p: p.read_bytes() for p, _ in data_files(project.root)}
    assert cli.main(["--root", str(project.root), "schema", "--stamp"]) == 0
    for path, kind in data_files(project.root):
        content = path.read_bytes()
        first, _, rest = content.partition(b"\n")
        depth = len(path.relative_to(project.root).parts) - 1
        expected = f"{STAMP_PREFIX} $schema={'../' * depth}schema/{kind.name}.schema.json"
        assert first.decode() == expected
        assert rest == before[path]
    assert project.read("data/claims/core.yaml").startswith(
        "# yaml-language-server: $schema=../../schema/claims.schema.json\n# Claims quoted"
    )
    assert project.read("data/events.yaml").startswith(
        "# yaml-language-server: $schema=../schema/events.schema.json\n"
    )
    # A second run changes nothing, and the stamped project still checks clean.
    stamped_once = {p: p.read_bytes() for p, _ in data_files(project.root)}
    assert stamp_files(project.root, write=True) == []
    assert stamped_once == {p: p.read_bytes() for p, _ in data_files(project.root)}
    assert cli.main(["--root", str(project.root), "check"]) == 0
    assert cli.main(["--root", str(project.root), "schema", "--check"]) == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"# About\nkey: 1\n", b"# L\n# About\nkey: 1\n"),
        (b"# yaml-language-server: $schema=old.json\nkey: 1\n", b"# L\nkey: 1\n"),
        (b"\xef\xbb\xbf# About\r\nkey: 1\r\n", b"\xef\xbb\xbf# L\r\n# About\r\nkey: 1\r\n"),
        (b"# yaml-language-server: $schema=old.json", b"# L\n"),
        (b"", b"# L\n"),
        (b"key: 1", b"# L\nkey: 1"),
    ],
    ids=["insert", "replace", "bom-crlf", "only-line", "empty", "no-newline"],
)
def test_stamped_edits_only_the_first_line(content: bytes, expected: bytes) -> None:
    assert stamped(content, "# L") == expected


def test_schema_check_reports_stale_and_unstamped_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project(tmp_path)
    assert cli.main(["--root", str(project.root), "schema", "--check"]) == 1
    err = capsys.readouterr().err
    assert "schema/claims.schema.json: out of date" in err
    assert "data/claims/core.yaml:1:1: first line is not this file's schema line" in err
    assert cli.main(["--root", str(project.root), "schema"]) == 0
    project.append("schema/topic.schema.json", " ")
    assert cli.main(["--root", str(project.root), "schema", "--check"]) == 1
    assert "schema/topic.schema.json: out of date" in capsys.readouterr().err


# --- broken files: the schema and `make check` agree on the position ----------------------------

Edit = Callable[[Project], str]  # breaks the project; returns the file it broke


def _claims(old: str, new: str) -> Edit:
    def edit(project: Project) -> str:
        project.replace("data/claims/core.yaml", old, new)
        return "data/claims/core.yaml"

    return edit


def _file(rel: str, old: str, new: str) -> Edit:
    def edit(project: Project) -> str:
        project.replace(rel, old, new)
        return rel

    return edit


# (edit, the text at the expected position, what `make check` says, schema file kind)
BROKEN: list[Any] = [
    pytest.param(
        _claims(
            "  kind: fact\n  topics: [trade]\n  actors: []\n",
            "  kind: fact\n  topics: [trade]\n  actors: []\n  sauce: x\n",
        ),
        "sauce: x",
        "unknown field 'sauce'",
        "claims",
        id="unknown-field",
    ),
    pytest.param(
        _file("data/topics/trade.yaml", "order: 1", 'order: "first"'),
        '"first"',
        "expected a whole number",
        "topic",
        id="wrong-type",
    ),
    pytest.param(
        _file("data/sources/sample-article.yaml", "republish: false", 'republish: "no"'),
        '"no"',
        "expected true or false",
        "source",
        id="wrong-type-bool",
    ),
    pytest.param(
        _claims("- id: railway-stalled", "- id: Railway_Stalled"),
        "Railway_Stalled",
        "'Railway_Stalled' is not a valid id",
        "claims",
        id="bad-id",
    ),
    pytest.param(
        _claims('date: "1990"', 'date: "1990/07"'),
        '"1990/07"',
        "is not an ISO date",
        "claims",
        id="bad-date",
    ),
    pytest.param(
        _claims("kind: attribution", "kind: opinion"),
        "opinion",
        "'opinion' is not one of fact, assessment, forecast, attribution",
        "claims",
        id="bad-kind",
    ),
    pytest.param(
        _file("data/actors/russia.yaml", "kind: state", "kind: country"),
        "country",
        "'country' is not one of",
        "actor",
        id="bad-actor-kind",
    ),
    pytest.param(
        _claims("  statement: The railway project has been at a standstill for decades.\n", ""),
        "id: railway-stalled",
        "missing required field 'statement'",
        "claims",
        id="missing-field",
    ),
    pytest.param(
        _file("data/glossary.yaml", "  claims: [balance-word]\n", ""),
        "id: balance",
        "missing required field 'claims'",
        "glossary",
        id="missing-list-field",
    ),
]


@pytest.mark.parametrize(("edit", "needle", "message", "kind_name"), BROKEN)
def test_broken_file_is_rejected_by_schema_and_check_at_the_same_place(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Edit,
    needle: str,
    message: str,
    kind_name: str,
) -> None:
    project = write_project(tmp_path)
    rel = edit(project)
    where = project.at(rel, needle)

    schema_found = schema_errors(project.path(rel), rel, kind_name)
    assert where in {str(p) for p, _ in schema_found}, schema_found

    assert cli.main(["--root", str(project.root), "check", "--no-github"]) == 1
    reported = capsys.readouterr().err.splitlines()
    assert any(line.startswith(f"{where}: ") and message in line for line in reported), reported


def test_schema_positions_are_whole_file_positions(tmp_path: Path) -> None:
    """The helper maps jsonschema paths onto positions: sanity-check it on a nested value."""
    project = write_project(tmp_path)
    project.replace("data/actors/russia.yaml", "lang: ru", "lang: RU_ru")
    found = schema_errors(
        project.path("data/actors/russia.yaml"), "data/actors/russia.yaml", "actor"
    )
    assert [str(p) for p, _ in found] == [project.at("data/actors/russia.yaml", "RU_ru")]
    assert re.search(r"does not match", found[0][1])
