"""Prose with macro calls, escaping of data text, page URLs and dates."""

from __future__ import annotations

import html
import posixpath
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.diagnostics import Position, Problem
from macros.core.problems import Code
from macros.core.prose import MacroCall, Segment, parse_prose
from macros.core.text import Text
from macros.core.yaml_nodes import YList, YMap, YScalar, parse
from macros.pages.dates import format_date
from macros.pages.escape import escape_attribute, escape_text
from macros.pages.routes import page_url, relative_url

HERE = Position("data/topics/t.yaml", 7, 9)


def prose(text: str) -> tuple[list[Segment], list[Problem]]:
    problems: list[Problem] = []
    return parse_prose(text, problems, HERE), problems


def only_problem(text: str) -> Problem:
    _, problems = prose(text)
    assert len(problems) == 1, problems
    return problems[0]


def yaml_text(document: str, key: str) -> Text:
    """A prose field as the schema reads it from YAML: a Text that knows where it was written."""
    problems: list[Problem] = []
    node = parse(document, "data/topics/t.yaml", problems)
    assert problems == [] and isinstance(node, YMap)
    value = node.entries[key].node
    assert isinstance(value, YScalar) and isinstance(value.value, str)
    return Text(value.value, value.position, value.block_indent)


# -- parsing prose ---------------------------------------------------------------------------


def test_literal_text_and_macro_calls_alternate() -> None:
    segments, problems = prose('Seoul {{ claim("a-b") }} and {{actor("russia","Moscow")}}.')
    assert problems == []
    assert segments == [
        "Seoul ",
        MacroCall("claim", ("a-b",), HERE),
        " and ",
        MacroCall("actor", ("russia", "Moscow"), HERE),
        ".",
    ]


def test_plain_text_is_one_segment() -> None:
    assert prose("No macros here.") == (["No macros here."], [])


def test_cite_takes_several_ids_and_names_claims() -> None:
    segments, problems = prose('{{ cite("a", "b", "c") }}')
    assert problems == []
    call = segments[0]
    assert isinstance(call, MacroCall)
    assert call.kind == "claim"
    assert call.ids == ("a", "b", "c")


def test_link_macro_names_only_its_first_argument() -> None:
    segments, _ = prose('{{ topic("trade", "trade between them") }}')
    call = segments[0]
    assert isinstance(call, MacroCall)
    assert (call.kind, call.ids) == ("topic", ("trade",))


def test_macro_positions_inside_a_literal_block_point_at_the_call() -> None:
    document = (
        "# Topic\n"  # line 1
        "sections:\n"  # line 2
        "  - heading: H\n"  # line 3
        "    body: |\n"  # line 4
        "      First line.\n"  # line 5
        "\n"  # line 6
        '      Second {{ claim("x") }} and {{ actor("y") }}.\n'  # line 7
    )
    problems: list[Problem] = []
    node = parse(document, "data/topics/t.yaml", problems)
    assert isinstance(node, YMap)
    sections = node.entries["sections"].node
    assert isinstance(sections, YList)
    section = sections.items[0]
    assert isinstance(section, YMap)
    body = section.entries["body"].node
    assert isinstance(body, YScalar) and isinstance(body.value, str)
    text = Text(body.value, body.position, body.block_indent)
    calls = [s for s in parse_prose(text, problems, HERE) if isinstance(s, MacroCall)]
    assert problems == []
    assert [str(c.position) for c in calls] == [
        "data/topics/t.yaml:7:14",
        "data/topics/t.yaml:7:35",
    ]


def test_problem_inside_a_literal_block_points_at_its_line() -> None:
    text = yaml_text('lead: |\n  Fine.\n  Then {{ nope("x") }} here.\n', "lead")
    problems: list[Problem] = []
    parse_prose(text, problems, HERE)
    assert [str(p.position) for p in problems] == ["data/topics/t.yaml:3:8"]


def test_macro_position_in_a_block_starting_with_a_blank_line() -> None:
    text = yaml_text('body: |\n\n  Second {{ claim("x") }} here.\n', "body")
    segments, _ = prose(text)
    call = segments[1]
    assert isinstance(call, MacroCall)
    assert str(call.position) == "data/topics/t.yaml:3:10"


def test_folded_scalar_positions_fall_back_to_the_field() -> None:
    text = yaml_text('lead: >-\n  Fine and\n  {{ nope("x") }}\n', "lead")
    problems: list[Problem] = []
    parse_prose(text, problems, HERE)
    assert [str(p.position) for p in problems] == ["data/topics/t.yaml:1:7"]


# -- malformed prose -------------------------------------------------------------------------


def test_unknown_macro() -> None:
    problem = only_problem('Text {{ claims("a") }}')
    assert problem.code is Code.UNKNOWN_MACRO
    assert "claim" in problem.hint
    assert problem.position == HERE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{{ claim("a", "b") }}', "claim() takes 1 argument, got 2"),
        ("{{ claim() }}", "claim() takes 1 argument, got 0"),
        ('{{ actor("a", "b", "c") }}', "actor() takes 1 to 2 arguments, got 3"),
        ('{{ claim(id="a") }}', "claim() takes 1 argument, got 1"),
    ],
)
def test_wrong_argument_count(text: str, expected: str) -> None:
    problem = only_problem(text)
    assert problem.code is Code.MACRO_SYNTAX
    assert expected in problem.message


@pytest.mark.parametrize(
    "text",
    ["{{ claim(a) }}", "{{ claim(1) }}", '{{ claim(f"a") }}', '{{ claim(*["a"]) }}'],
)
def test_arguments_must_be_string_literals(text: str) -> None:
    problem = only_problem(text)
    assert problem.code is Code.MACRO_SYNTAX
    assert 'claim("some-id")' in problem.hint


@pytest.mark.parametrize(
    ("text", "syntax"),
    [
        ("{% if x %}yes{% endif %}", "{%"),
        ("Done %} here", "%}"),
        ("A {# comment #}", "{#"),
        ("A stray }} here", "}}"),
        ("An unclosed {{ claim(", "{{"),
    ],
)
def test_other_template_syntax_is_refused(text: str, syntax: str) -> None:
    _, problems = prose(text)
    assert problems
    assert problems[0].code is Code.TEMPLATE_SYNTAX
    assert f"'{syntax}'" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        '{{ claim("a").__class__ }}',
        "{{ x }}",
        "{{ 7*7 }}",
    ],
)
def test_expressions_are_not_macro_calls(text: str) -> None:
    problem = only_problem(text)
    assert problem.code is Code.MACRO_SYNTAX
    assert "is not a macro call" in problem.message


def test_unreadable_call_is_a_problem() -> None:
    problem = only_problem('{{ claim("a" }}')
    assert problem.code is Code.MACRO_SYNTAX


def test_every_malformed_call_is_reported() -> None:
    _, problems = prose('{{ a("x") }} ok {{ claim(1) }} ok {% x %}')
    assert len(problems) == 3


# -- escaping --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        "*x* and _y_",
        "[a](b)",
        "![img](x.png)",
        "{: onclick=x}",
        "{{ x }}",
        "{% if %}",
        "a | b | c",
        "# heading",
        "`code`",
        'He said "no" & left',
    ],
)
def test_escape_text_makes_markup_inert(value: str) -> None:
    escaped = str(escape_text(value))
    without_references = re.sub(r"&#[0-9]+;", "", escaped)
    for ch in "<>[]{}*_`|#\"'&":
        assert ch not in without_references
    assert html.unescape(escaped) == value  # the reader still sees the characters


def test_escape_text_folds_whitespace_and_keeps_typography() -> None:
    escaped = escape_text("Seoul’s\n\n  “balance”\u00a0policy")
    assert str(escaped) == "Seoul’s “balance” policy"


def test_escape_attribute_cannot_close_the_attribute() -> None:
    escaped = str(escape_attribute('x" onmouseover="alert(1)'))
    assert '"' not in escaped and "<" not in escaped


# -- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src_uri", "url"),
    [
        ("index.md", ""),
        ("claims.md", "claims/"),
        ("topics/index.md", "topics/"),
        ("topics/trade.md", "topics/trade/"),
        ("about/index.md", "about/"),
        ("reindex.md", "reindex/"),
    ],
)
def test_page_url(src_uri: str, url: str) -> None:
    assert page_url(src_uri) == url


@pytest.mark.parametrize(
    ("from_url", "to_url", "link"),
    [
        ("topics/trade/", "claims/#trade-grew", "../../claims/#trade-grew"),
        ("topics/trade/", "topics/diplomacy/", "../diplomacy/"),
        ("topics/trade/", "", "../../"),
        ("", "topics/trade/", "topics/trade/"),
        ("", "claims/#a", "claims/#a"),
        ("claims/", "claims/#a", "./#a"),
        ("claims/", "#a", "#a"),
        ("topics/", "topics/", "./"),
        ("actors/russia/", "assets/claims.css", "../../assets/claims.css"),
        ("timeline/", "sources/x/#p3", "../sources/x/#p3"),
    ],
)
def test_relative_url(from_url: str, to_url: str, link: str) -> None:
    assert relative_url(from_url, to_url) == link


_SEGMENT = st.sampled_from(["topics", "claims", "a", "b", "x-y", "_page-2", ".", "index.html"])
_SITE_PATH = st.lists(_SEGMENT, max_size=4).map("/".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(target=_SITE_PATH, start=_SITE_PATH, trailing=st.booleans())
def test_a_relative_link_is_the_one_posixpath_relpath_gives(
    target: str, start: str, trailing: bool
) -> None:
    """Links are computed from split paths (faster); they must be the links relpath gave."""
    target += "/" if trailing and target else ""
    expected = posixpath.relpath(target or ".", start or ".")
    if target.endswith("/") or not target:
        expected = "./" if expected == "." else expected + "/"
    assert relative_url(start, target) == expected


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2008", "2008"),
        ("2008-08", "August 2008"),
        ("2021-07-15", "15 July 2021"),
        ("2021-07-05", "5 July 2021"),
        ("1990-01", "January 1990"),
    ],
)
def test_format_date_is_only_as_precise_as_given(iso: str, shown: str) -> None:
    assert format_date(iso) == shown
