"""Reading contributors' YAML: every value located, and everything unsafe or ambiguous refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.core import yaml_nodes
from macros.core.diagnostics import Problem
from macros.core.settings import SETTINGS
from macros.core.yaml_nodes import (
    Node,
    YList,
    YMap,
    YScalar,
    parse,
    read_text,
)
from macros.tools.cli import main
from tests.helpers import REPO


def parsed(text: str) -> tuple[Node | None, list[Problem]]:
    problems: list[Problem] = []
    node = parse(text, "data/x.yaml", problems)
    return node, problems


def only_problem(text: str) -> Problem:
    node, problems = parsed(text)
    assert node is None
    assert len(problems) == 1, problems
    return problems[0]


def where(problem: Problem) -> tuple[int, int]:
    return problem.position.line, problem.position.col


# -- positions -------------------------------------------------------------------------------


def test_keys_and_scalars_carry_their_line_and_column() -> None:
    node, problems = parsed("# comment\ntitle: Hello\nlist:\n  - a\n  -   b\n")
    assert problems == []
    assert isinstance(node, YMap)
    title = node.entries["title"]
    assert (title.key_position.line, title.key_position.col) == (2, 1)
    assert isinstance(title.node, YScalar)
    assert title.node.value == "Hello"
    assert (title.node.position.line, title.node.position.col) == (2, 8)
    items = node.entries["list"].node
    assert isinstance(items, YList)
    assert [(i.position.line, i.position.col) for i in items.items] == [(4, 5), (5, 7)]
    assert all(i.position.path == "data/x.yaml" for i in items.items)


def test_nested_mapping_in_a_list_is_located() -> None:
    node, _ = parsed("- id: a\n  note: x\n- id: b\n")
    assert isinstance(node, YList)
    second = node.items[1]
    assert isinstance(second, YMap)
    assert (second.position.line, second.position.col) == (3, 3)
    key = second.entries["id"].key_position
    assert (key.line, key.col) == (3, 3)


def test_numbers_keep_the_text_as_written() -> None:
    node, _ = parsed("title: 1984\nversion: 1.10\n")
    assert isinstance(node, YMap)
    title, version = node.entries["title"].node, node.entries["version"].node
    assert isinstance(title, YScalar) and isinstance(version, YScalar)
    assert (title.value, title.raw, title.quoted) == (1984, "1984", False)
    assert version.raw == "1.10"  # not 1.1: "title: 1.10" can still be read as text


def test_unquoted_date_stays_text() -> None:
    node, _ = parsed("published: 2021-07-15\n")
    assert isinstance(node, YMap)
    value = node.entries["published"].node
    assert isinstance(value, YScalar)
    assert value.value == "2021-07-15"


# -- duplicate keys --------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_key_naming_the_first_line() -> None:
    node, problems = parsed("title: First\nname: x\n\ntitle: Second\n")
    assert len(problems) == 1
    problem = problems[0]
    assert where(problem) == (4, 1)
    assert "duplicate key 'title'" in problem.message
    assert "line 1" in problem.message
    assert problem.hint
    assert isinstance(node, YMap)
    first = node.entries["title"].node
    assert isinstance(first, YScalar) and first.value == "First"  # the first one is kept


def test_duplicate_key_in_a_nested_mapping() -> None:
    _, problems = parsed("- id: a\n  kind: fact\n  kind: assessment\n")
    assert [(where(p), "line 2" in p.message) for p in problems] == [((3, 3), True)]


# -- unsafe YAML -----------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_billion_laughs_is_rejected_at_its_first_anchor() -> None:
    # Its speed is measured by `make bench-parse`, not here: timed tests fail on a busy machine.
    problem = only_problem(BILLION_LAUGHS)
    assert "anchor '&a'" in problem.message
    assert where(problem) == (1, 4)


def test_alias_is_rejected() -> None:
    problem = only_problem("title: *name\n")
    assert "alias '*name'" in problem.message
    assert where(problem) == (1, 8)


def test_merge_key_is_rejected() -> None:
    problem = only_problem("base: {x: 1}\nother:\n  <<: {y: 2}\n  z: 3\n")
    assert "merge key '<<'" in problem.message
    assert where(problem) == (3, 3)


@pytest.mark.parametrize(
    "text",
    [
        "cmd: !!python/object:os.system ls\n",
        "cmd: !!python/object:os.system {}\n",
        "cmd: !!python/object/apply:os.system ['echo']\n",
    ],
)
def test_python_object_tags_are_rejected(text: str) -> None:
    problem = only_problem(text)
    assert "python/object" in problem.message
    assert "not allowed" in problem.message
    assert where(problem) == (1, 6)


def test_python_apply_tag_does_not_run_anything(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    only_problem(f"cmd: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


@pytest.mark.parametrize("text", ["x: !foo bar\n", "x: !foo [1, 2]\n", "x: !foo {a: 1}\n"])
def test_custom_tags_are_rejected(text: str) -> None:
    problem = only_problem(text)
    assert "'!foo' is not allowed" in problem.message
    assert where(problem) == (1, 4)


def test_tag_on_a_key_is_rejected() -> None:
    problem = only_problem("!custom title: x\n")
    assert "'!custom' is not allowed" in problem.message
    assert where(problem) == (1, 1)


@pytest.mark.parametrize(
    ("text", "what"),
    [("x: !!int abc\n", "a whole number"), ("x: !!bool maybe\n", "true/false")],
)
def test_value_its_explicit_tag_cannot_hold_is_a_problem(text: str, what: str) -> None:
    problem = only_problem(text)
    assert f"cannot be read as {what}" in problem.message
    assert where(problem) == (1, 4)


def test_deep_nesting_is_rejected_without_recursion_error() -> None:
    problem = only_problem("[" * 10_000 + "]" * 10_000)
    assert f"more than {SETTINGS.max_yaml_depth} levels" in problem.message
    assert where(problem) == (1, SETTINGS.max_yaml_depth + 1)


def test_deep_mapping_nesting_is_rejected() -> None:
    problem = only_problem("{a: " * 5_000 + "}" * 5_000)
    assert f"more than {SETTINGS.max_yaml_depth} levels" in problem.message


def test_ordinary_nesting_is_accepted() -> None:
    node, problems = parsed("a:\n  - b:\n      - c: [1, [2, [3]]]\n")
    assert problems == []
    assert isinstance(node, YMap)


# -- syntax errors and empty files -----------------------------------------------------------


def test_tab_indentation_gets_an_indent_with_spaces_hint() -> None:
    problem = only_problem("title: x\nsections:\n\t- heading: y\n")
    assert where(problem) == (3, 1)
    assert "YAML syntax error" in problem.message
    assert "indent with spaces" in problem.hint


def test_syntax_error_is_located() -> None:
    problem = only_problem('title: "unclosed\nkind: fact\n')
    assert problem.position.path == "data/x.yaml"
    assert "YAML syntax error" in problem.message
    assert problem.hint


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_a_problem(text: str) -> None:
    problem = only_problem(text)
    assert "empty" in problem.message
    assert where(problem) == (1, 1)


def test_control_character_is_a_located_problem_not_an_exception() -> None:
    problem = only_problem("title: a\x07b\n")
    assert where(problem) == (1, 9)


# -- reading files ---------------------------------------------------------------------------


def read(path: Path) -> tuple[str | None, list[Problem]]:
    problems: list[Problem] = []
    return read_text(path, "data/f.yaml", problems), problems


def test_non_utf8_byte_is_reported_at_its_position(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"title: ok\nname: caf\xe9 au lait\n")
    text, problems = read(path)
    assert text is None
    assert len(problems) == 1
    assert str(problems[0].position) == "data/f.yaml:2:10"
    assert "0xe9" in problems[0].message
    assert "UTF-8" in problems[0].hint


def test_utf8_bom_is_accepted_and_dropped(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: Caf\xc3\xa9\n")
    text, problems = read(path)
    assert problems == []
    assert text == "title: Café\n"
    node, problems = parsed(text)
    assert isinstance(node, YMap)
    entry = node.entries["title"]
    assert (entry.key_position.line, entry.key_position.col) == (1, 1)


def test_crlf_line_endings_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"title: a\r\nbody: |\r\n  one\r\n  two\r\nkind: fact\r\n")
    text, problems = read(path)
    assert problems == [] and text is not None
    node, problems = parsed(text)
    assert problems == []
    assert isinstance(node, YMap)
    body, kind = node.entries["body"].node, node.entries["kind"]
    assert isinstance(body, YScalar)
    assert body.value == "one\ntwo\n"
    assert kind.key_position.line == 5


def test_oversized_file_is_rejected_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: takes no disk space
    assert path.stat().st_size > SETTINGS.max_file_bytes

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    text, problems = read(path)
    assert text is None
    assert len(problems) == 1
    assert "larger than" in problems[0].message
    assert "52,428,800" in problems[0].message
    assert problems[0].hint


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    line = b"# padding comment line\n"
    path.write_bytes(line * (SETTINGS.max_file_bytes // len(line)))
    text, problems = read(path)
    assert problems == []
    assert text is not None


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    text, problems = read(tmp_path / "nope.yaml")
    assert text is None
    assert len(problems) == 1
    assert "cannot read file" in problems[0].message


# -- the parser: libyaml, or PyYAML's own with a note ----------------------------------------

# Contributors' mistakes and what they are told, whichever parser reads the file (libyaml and
# PyYAML word their errors differently): text, line, col, message fragment, hint fragment.
MISTAKES = [
    ("statement: Seoul says: no\n", 1, 22, "':' followed by a space", "in quotes"),
    ("title: x\n\tkind: y\n", 2, 1, "a tab character", "indent with spaces"),
    ('title: "open\nkind: fact\n', 1, 8, "never closed", 'closing "'),
    ("topics: [trade, russia\n", 1, 9, "never closed", "closing ]"),
    ("x: {a: b\n", 1, 4, "never closed", "closing }"),
    ("- a\nb: c\n", 2, 1, "does not continue the list above", "'- '"),
    ("a: 1\n- b\n", 2, 1, "does not continue the block above", "indentation"),
    ("a: 'x' y\n", 1, 8, "does not continue the block above", "quoted as a whole"),
    ("x: - a\n", 1, 4, "a list item ('- ') cannot start here", "next line"),
    ("note: `code`\n", 1, 7, "the character '`' cannot start a value", "in quotes"),
    ("x: [a,, b]\n", 1, 7, "a value is missing here", "extra comma"),
    ("a: 1\n---\nb: 2\n", 2, 1, "a second document starts here", "one YAML document"),
    ("a: 1\n...\nb: 2\n", 3, 1, "the document goes on after its end", "'...'"),
    ("x: *\n", 1, 5, "'*' and '&' must be followed by a name", "quotes"),
    ("a: !!\n", 1, 6, "'!' must be followed by a tag name", "quotes"),
    ("x: é\x07\n", 1, 5, "U+0007 is not allowed", "control character"),
    ("x: a\ud800\n", 1, 5, "U+D800 is not allowed", "control character"),
]


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_nodes, "LIBYAML", False)
    return str(request.param)


@pytest.mark.parametrize(("text", "line", "col", "message", "hint"), MISTAKES)
def test_a_mistake_gets_the_same_located_message_from_either_parser(
    parser: str, text: str, line: int, col: int, message: str, hint: str
) -> None:
    problem = only_problem(text)
    assert where(problem) == (line, col)
    assert message in problem.message
    assert hint in problem.hint


def test_the_c_parser_is_what_reads_the_files(monkeypatch: pytest.MonkeyPatch) -> None:
    assert yaml.__with_libyaml__ and yaml_nodes.LIBYAML
    assert yaml_nodes.parser_note() is None

    def refuse(*args: object) -> None:
        raise AssertionError("PyYAML's pure-Python parser ran")

    for name in ("check_event", "peek_event", "get_event"):
        monkeypatch.setattr(yaml.parser.Parser, name, refuse)
    node, problems = parsed("title: Hello\nlist: [a, 'b']\nbody: |\n  text\n")
    assert problems == [] and isinstance(node, YMap)
    problem = only_problem("title: *alias\n")
    assert "alias '*alias'" in problem.message


def data_files() -> list[Path]:
    fixture = REPO / "tests" / "fixtures" / "mini-site" / "data"
    return sorted((REPO / "data").rglob("*.yaml")) + sorted(fixture.rglob("*.yaml"))


def test_both_parsers_read_every_data_file_into_the_same_nodes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = data_files()
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        with_libyaml = parsed(text)
        monkeypatch.setattr(yaml_nodes, "LIBYAML", False)
        without = parsed(text)
        monkeypatch.setattr(yaml_nodes, "LIBYAML", True)
        assert with_libyaml == without, path
        assert with_libyaml[1] == [] and with_libyaml[0] is not None, path


def test_without_libyaml_check_still_works_and_says_why_it_may_be_slow(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(yaml_nodes, "LIBYAML", False)
    node, problems = parsed("title: Hello\n")
    assert problems == [] and isinstance(node, YMap)
    code = main(["--root", str(REPO / "tests" / "fixtures" / "mini-site"), "check"])
    err = capsys.readouterr().err
    assert code == 0
    assert "without libyaml" in err and "pip install --force-reinstall PyYAML==" in err
    assert "Traceback" not in err
