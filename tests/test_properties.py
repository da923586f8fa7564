"""Property tests: whatever a data file holds, loading yields records or a clean list of problems.

Hypothesis generates YAML documents (random nested structures, random text with control characters,
random bytes, random edits of a valid claims file) and writes them into a small valid project. The
properties: no exception other than DataError escapes `load` or `load_knowledge`, and every problem
has a file, a line and a column (from 1) and a one-line message, so it can be shown as
`path:line:col: message — hint`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.diagnostics import DataError, Position, Problem
from macros.core.loader import load
from macros.core.model import FILE_RECORDS
from macros.core.project import load_knowledge
from macros.core.prose import parse_prose
from macros.core.quotes import ArchivedText, QuoteFailure, QuoteMatch, match_quote
from macros.core.records import mapping_schema
from macros.core.yaml_nodes import parse
from tests.helpers import CLAIMS, article_text, write_project

# Deterministic and quick: the same examples on every run (no flaky CI), no example database.
settings.register_profile(
    "properties",
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PROPERTIES = settings.get_profile("properties")

FIELD_NAMES = sorted({f.name for record in FILE_RECORDS for f in record.spec.fields})
CLAIMS_FILE = "data/claims/core.yaml"
TARGETS = [
    CLAIMS_FILE,
    "data/topics/trade.yaml",
    "data/actors/russia.yaml",
    "data/events.yaml",
    "data/glossary.yaml",
    "data/sources/sample-article.yaml",
]

# -- strategies ------------------------------------------------------------------------------

# Text that YAML or Markdown treat specially, control characters, bidi and zero-width characters.
TRICKY = st.sampled_from(
    [
        *":-[]{}#&*!|>'\"%@`,?\t\n\r \\~^=<",
        *("\x00", "\x07", "\x1b", "\x85", "\u2028", "\u202e", "\u200b", "\ufeff", "’", "“", "é"),
        *("{{", "}}", "{%", "%}", '{{ claim("trade-grew") }}', "- ", ": ", "<<: ", "&a ", "*a"),
        *("!!", "!!int ", "!!bool ", "!!float ", "!!python/name:os.system ", "!custom "),
        "1" * 4400,  # past Python's limit for converting a string of digits to int
    ]
)
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    ANY_TEXT,
    st.lists(TRICKY, max_size=6).map("".join),
    st.sampled_from(
        ["fact", "state", "2021-02-30", "2021-07-15", "1990", "trade", "russia", "", "~", "yes"]
    ),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), ANY_TEXT)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)
    ),
    max_leaves=25,
)
RECORDS = st.dictionaries(st.sampled_from(FIELD_NAMES), TREES, max_size=len(FIELD_NAMES))
DOCUMENTS = st.one_of(TREES, RECORDS, st.lists(RECORDS, max_size=4))


# Values the small project's references can resolve, and near misses.
KNOWN_STRINGS = st.sampled_from(
    [
        *("trade-grew", "railway-stalled", "balance-word", "trade", "diplomacy", "russia"),
        *("south-korea", "sample-article", "balance", "relations-established", "en", "ru"),
        *("2021-07-15", "1990", "2021-02-30", "fact", "state", "Seoul’s trade with Moscow"),
        *('{{ claim("trade-grew") }}', '{{ cite("balance-word", "nope") }}', "sample-article.txt"),
    ]
)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values shaped like the JSON Schema of a data file; one in ten is replaced by anything.

    Required keys are present nine times in ten, so most records get past the missing-field check
    and their nested values (sections, native names, excluded blocks) are exercised too.
    """
    kind = schema.get("type")
    base: st.SearchStrategy[Any]
    if "enum" in schema:
        base = st.sampled_from(schema["enum"])
    elif kind == "string":
        base = st.one_of(
            KNOWN_STRINGS, KNOWN_STRINGS, ANY_TEXT, st.lists(TRICKY, max_size=5).map("".join)
        )
    elif kind == "integer":
        base = st.integers(-2, 30)
    elif kind == "boolean":
        base = st.booleans()
    elif kind == "array":
        base = st.lists(from_schema(schema["items"]), max_size=3)
    elif kind == "object":
        properties = {name: from_schema(sub) for name, sub in schema["properties"].items()}
        required = {k: v for k, v in properties.items() if k in schema["required"]}
        optional = {k: v for k, v in properties.items() if k not in schema["required"]}
        base = st.fixed_dictionaries(required, optional=optional).flatmap(_sometimes_drop_a_key)
    else:
        base = SCALARS
    return st.integers(0, 9).flatmap(lambda n: st.one_of(SCALARS, TREES) if n == 0 else base)


def _sometimes_drop_a_key(record: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    keys = sorted(record)
    if not keys:
        return st.just(record)
    return st.one_of(
        st.just(record),
        st.sampled_from(keys).map(lambda k: {n: v for n, v in record.items() if n != k}),
    )


SPEC_FILES = {
    "source": ("data/sources/sample-article.yaml", False),
    "claim": (CLAIMS_FILE, True),
    "topic": ("data/topics/trade.yaml", False),
    "actor": ("data/actors/russia.yaml", False),
    "event": ("data/events.yaml", True),
    "term": ("data/glossary.yaml", True),
}


@st.composite
def near_valid_files(draw: st.DrawFn) -> tuple[str, Any]:
    """A data file whose records have the right fields, with wrong, missing or odd values."""
    spec = draw(st.sampled_from(FILE_RECORDS)).spec
    record = from_schema(mapping_schema(spec))
    rel, is_list = SPEC_FILES[spec.kind]
    return rel, draw(st.lists(record, min_size=1, max_size=3) if is_list else record)


@st.composite
def edited_claims(draw: st.DrawFn) -> str:
    """The valid claims file with a few random edits: cut, insert, duplicate or re-indent."""
    text = CLAIMS
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        at = draw(st.integers(0, len(text)))
        line = draw(st.integers(0, len(lines) - 1))
        match draw(st.sampled_from(["cut", "insert", "duplicate", "indent", "dedent", "swap"])):
            case "cut":
                text = text[:at] + text[at + draw(st.integers(1, 30)) :]
            case "insert":
                text = (
                    text[:at]
                    + draw(st.lists(TRICKY, min_size=1, max_size=4).map("".join))
                    + text[at:]
                )
            case "duplicate":
                text = "\n".join([*lines[: line + 1], lines[line], *lines[line + 1 :]])
            case "indent":
                lines[line] = " " * draw(st.integers(1, 4)) + lines[line]
                text = "\n".join(lines)
            case "dedent":
                lines[line] = lines[line].lstrip()
                text = "\n".join(lines)
            case _:
                other = draw(st.integers(0, len(lines) - 1))
                lines[line], lines[other] = lines[other], lines[line]
                text = "\n".join(lines)
    return text


# -- the project the documents are written into ----------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("properties") / "project"
    write_project(root)
    load_knowledge(root)  # the starting point is valid
    return root


class Restore:
    """Write one file of the project for one example, and put the original back afterwards."""

    def __init__(self, root: Path, rel: str) -> None:
        self.path = root / rel
        self.original = self.path.read_bytes()

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        self.path.write_bytes(self.original)


def well_formed(problems: list[Problem]) -> None:
    for problem in problems:
        position = problem.position
        assert position.path, problem
        assert position.line >= 1 and position.col >= 1, problem
        assert problem.message.strip(), problem
        assert "\n" not in problem.message and "\n" not in problem.hint, repr(str(problem))


def load_everything(root: Path) -> None:
    """`load` never raises; `load_knowledge` raises nothing but DataError; problems are clean."""
    data = load(root)
    well_formed(data.problems)
    try:
        load_knowledge(root)
    except DataError as err:
        assert err.problems
        well_formed(err.problems)


# -- properties ------------------------------------------------------------------------------


@PROPERTIES
@given(document=DOCUMENTS, target=st.sampled_from(TARGETS))
def test_any_yaml_document_loads_or_gives_clean_problems(
    project: Path, document: Any, target: str
) -> None:
    text = "# generated\n" + yaml.safe_dump(document, allow_unicode=True)
    with Restore(project, target) as path:
        path.write_text(text, encoding="utf-8")
        load_everything(project)


@PROPERTIES
@given(file=near_valid_files())
def test_near_valid_records_load_or_give_clean_problems(
    project: Path, file: tuple[str, Any]
) -> None:
    rel, document = file
    text = "# generated\n" + yaml.safe_dump(document, allow_unicode=True)
    with Restore(project, rel) as path:
        path.write_text(text, encoding="utf-8")
        load_everything(project)


@PROPERTIES
@given(text=st.text(st.characters(codec="utf-8"), max_size=300))
def test_any_text_parses_or_gives_clean_problems(text: str) -> None:
    problems: list[Problem] = []
    node = parse(text, "data/x.yaml", problems)
    if node is None:
        assert problems, "a file that gives no data must say why"
    well_formed(problems)


@PROPERTIES
@given(data=st.binary(max_size=300), target=st.sampled_from(TARGETS))
def test_any_bytes_load_or_give_clean_problems(project: Path, data: bytes, target: str) -> None:
    with Restore(project, target) as path:
        path.write_bytes(data)
        load_everything(project)


@PROPERTIES
@given(text=edited_claims())
def test_random_edits_of_a_valid_claims_file(project: Path, text: str) -> None:
    with Restore(project, CLAIMS_FILE) as path:
        path.write_text(text, encoding="utf-8")
        load_everything(project)


@PROPERTIES
@given(prose=st.lists(st.one_of(TRICKY, ANY_TEXT), max_size=12).map("".join))
def test_any_prose_splits_into_text_and_calls_or_clean_problems(prose: str) -> None:
    problems: list[Problem] = []
    segments = parse_prose(prose, problems, Position("data/topics/t.yaml", 1, 1))
    well_formed(problems)
    literal = "".join(s for s in segments if isinstance(s, str))
    assert len(literal) <= len(prose)


ARTICLE = ArchivedText.parse(article_text(), {21: "byline"})


@PROPERTIES
@given(
    quote=st.one_of(
        ANY_TEXT,
        st.lists(TRICKY | st.sampled_from(article_text().split()), max_size=12).map(" ".join),
    )
)
def test_any_quote_is_found_once_or_explained(quote: str) -> None:
    result = match_quote(ARTICLE, quote)
    assert isinstance(result, QuoteMatch | QuoteFailure)
    if isinstance(result, QuoteFailure):
        assert result.message and result.hint
    else:
        assert ARTICLE.text[result.start : result.end] == result.exact


def test_the_project_is_restored_after_the_properties(project: Path) -> None:
    load_knowledge(project)
