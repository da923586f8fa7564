"""Broken input: every careless or hostile edit is caught, located, explained, and harmless.

Each case is one small edit to a copy of the real project (made once per module, restored after
every case). For each case, `python -m macros check` must exit non-zero with a message at the exact
`path:line:col` naming the problem and saying how to fix it (` — hint`), and without a traceback;
`mkdocs build --strict` into the previously built good site must fail the same way and leave that
site byte for byte as it was. A UTF-8 BOM and CRLF line endings, by contrast, must be accepted.

Positions are computed from the edit itself (the line the case wrote), never from the loader, so the
test does not agree with the code under test by construction.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.core.diagnostics import Problem
from macros.core.loader import load
from macros.core.problems import Code
from macros.core.yaml_nodes import parse, read_text
from macros.tools.cli import main
from tests.dataedit import Expect, Workspace
from tests.sitebuild import REPO, copy_project, mkdocs_build, tree_digest

SOURCE_ID = "tertitskiy-2021-double-ally"
SOURCE_YAML = f"data/sources/{SOURCE_ID}.yaml"
SOURCE_TEXT = f"data/sources/{SOURCE_ID}.txt"

# Passages of the archived article (its sha256 is fixed, so these are too).
UNIQUE_QUOTE = "Trade is conducted almost exclusively by sea."
NEAR_MISS_QUOTE = "Trade is conducted almost entirely by sea."
STRAIGHT_APOSTROPHE_QUOTE = "South Korea's partnership with the United States is fundamental"
AMBIGUOUS_QUOTE = "relations between Moscow and Seoul"  # paragraphs 13 and 15
INTO_BYLINE_QUOTE = (
    "do not necessarily reflect those of the U.S. Embassy to Russia. • Fyodor Tertitskiy"
)
ACROSS_PARAGRAPHS_QUOTE = (
    "close military alliance with Washington. South Korea’s partnership with the United States"
)

FIFTY_MB = 50 * 1024 * 1024
SOURCE_PROJECT = REPO


Edit = Callable[[Workspace], Expect]


@dataclass(frozen=True)
class Case:
    name: str
    category: str
    edit: Edit
    fast: bool  # the edited file must be rejected in well under a second
    build: bool  # one of the representative cases also run through `mkdocs build` and `make check`


CASES: list[Case] = []


def case(category: str, *, fast: bool = False, build: bool = False) -> Callable[[Edit], Edit]:
    def register(edit: Edit) -> Edit:
        name = edit.__name__.removeprefix("case_").replace("_", "-")
        CASES.append(Case(name, category, edit, fast, build))
        return edit

    return register


def claims(w: Workspace) -> str:
    return w.first("claims")


def topic(w: Workspace) -> str:
    return w.first("topics")


def actor(w: Workspace) -> str:
    return w.first("actors")


def value(w: Workspace, rel: str, key: str, text: str, code: Code, fragment: str = "") -> Expect:
    """Set a one-line value; expect the problem at the value."""
    found = w.set_field(rel, key, text)
    return Expect(rel, found.line, found.value_col, code, fragment)


# -- YAML ------------------------------------------------------------------------------------


@case("yaml")
def case_syntax_error_colon_in_plain_text(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.set_field(rel, "statement", "Seoul says: nothing")
    return Expect(rel, found.line, found.value_col + len("Seoul says"), Code.YAML_SYNTAX)


@case("yaml")
def case_syntax_error_unclosed_quote(w: Workspace) -> Expect:
    rel = w.first("topics")
    text = w.read(rel).rstrip("\n") + "\nunused: 'never closed\n"
    w.write(rel, text)
    line = text.count("\n")
    return Expect(rel, line, len("unused: ") + 1, Code.YAML_SYNTAX, "never closed")


@case("yaml", build=True)
def case_tab_indentation(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.field(rel, "kind")
    lines = w.read(rel).split("\n")
    lines[found.line - 1] = "\t" + lines[found.line - 1].lstrip(" ")
    w.write(rel, "\n".join(lines))
    return Expect(rel, found.line, 1, Code.YAML_SYNTAX)


@case("yaml")
def case_duplicate_key_top_level(w: Workspace) -> Expect:
    rel = topic(w)
    found = w.field(rel, "title")
    line = w.insert_line(rel, found.end_line, "title: A second title")
    return Expect(rel, line, 1, Code.DUPLICATE_KEY)


@case("yaml", build=True)
def case_duplicate_key_in_claim(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.field(rel, "kind")
    line = w.insert_line(rel, found.end_line, " " * (found.key_col - 1) + "kind: fact")
    return Expect(rel, line, found.key_col, Code.DUPLICATE_KEY)


@case("yaml")
def case_duplicate_key_in_section(w: Workspace) -> Expect:
    rel = topic(w)
    found = w.field(rel, "heading")
    line = w.insert_line(rel, found.end_line, " " * (found.key_col - 1) + "heading: Again")
    return Expect(rel, line, found.key_col, Code.DUPLICATE_KEY)


@case("yaml")
def case_empty_file(w: Workspace) -> Expect:
    rel = topic(w)
    w.write(rel, "")
    return Expect(rel, 1, 1, Code.FILE_EMPTY)


@case("yaml")
def case_file_with_only_a_comment(w: Workspace) -> Expect:
    rel = actor(w)
    w.write(rel, "# Actor: nothing yet\n")
    return Expect(rel, 1, 1, Code.FILE_EMPTY)


@case("yaml")
def case_claims_file_is_a_mapping(w: Workspace) -> Expect:
    rel = claims(w)
    item = w.first_item(rel)
    # The first claim without its "- ", one level up: a mapping where a list is expected.
    unindented = "\n".join(line[2:] for line in item.split("\n"))
    w.write(rel, f"# Claims written as a mapping\n{unindented}\n")
    return Expect(rel, 2, 1, Code.FILE_SHAPE)


@case("yaml")
def case_topic_file_is_a_list(w: Workspace) -> Expect:
    rel = topic(w)
    body = [line for line in w.read(rel).split("\n")[1:] if line.strip()]
    lines = ["# Topic written as a list"]
    lines += [("- " if i == 0 else "  ") + line for i, line in enumerate(body)]
    w.write(rel, "\n".join(lines) + "\n")
    return Expect(rel, 2, 1, Code.FILE_SHAPE)


@case("yaml", build=True)
def case_non_utf8_byte(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.field(rel, "statement")
    data = w.path(rel).read_bytes().split(b"\n")
    line = data[found.line - 1]
    cut = len(line.decode("utf-8")[: found.value_col - 1].encode("utf-8"))
    data[found.line - 1] = line[:cut] + b"caf\xe9 " + line[cut:]  # Latin-1, not UTF-8
    w.path(rel).write_bytes(b"\n".join(data))
    return Expect(rel, found.line, cut + 4, Code.NOT_UTF8)


@case("yaml")
def case_control_character(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.set_field(rel, "statement", "bell \a here")
    return Expect(rel, found.line, found.value_col + len("bell "), Code.YAML_CHARACTER, "U+0007")


@case("yaml")
def case_control_character_by_escape(w: Workspace) -> Expect:
    rel = claims(w)
    return value(
        w,
        rel,
        "statement",
        '"Markdown placeholder \\x02wzxhzdk:0\\x03"',
        Code.CONTROL_CHARACTER,
        "U+0002",
    )


# -- schema ----------------------------------------------------------------------------------


@case("schema")
def case_missing_required_field(w: Workspace) -> Expect:
    rel = claims(w)
    line, col = w.first_item_start(rel)
    w.delete_field(rel, "statement")
    return Expect(rel, line, col, Code.MISSING_FIELD)


@case("schema")
def case_missing_topic_title(w: Workspace) -> Expect:
    rel = topic(w)
    w.delete_field(rel, "title")
    text = w.read(rel).split("\n")
    line = next(i for i, t in enumerate(text, 1) if t and not t.startswith("#"))
    return Expect(rel, line, 1, Code.MISSING_FIELD)


@case("schema", build=True)
def case_unknown_field_did_you_mean(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.field(rel, "statement")
    lines = w.read(rel).split("\n")
    lines[found.line - 1] = lines[found.line - 1].replace("statement:", "statment:", 1)
    w.write(rel, "\n".join(lines))
    return Expect(rel, found.line, found.key_col, Code.UNKNOWN_FIELD)


@case("schema")
def case_wrong_type_text_for_list(w: Workspace) -> Expect:
    rel = claims(w)
    return value(w, rel, "topics", next(iter(w.kb.topics)), Code.WRONG_TYPE)


@case("schema")
def case_wrong_type_text_for_number(w: Workspace) -> Expect:
    return value(w, topic(w), "order", "first", Code.WRONG_TYPE)


@case("schema")
def case_wrong_type_quoted_boolean(w: Workspace) -> Expect:
    return value(w, SOURCE_YAML, "republish", '"no"', Code.WRONG_TYPE)


@case("schema")
def case_wrong_type_list_for_text(w: Workspace) -> Expect:
    return value(w, actor(w), "name", "[Russia, Moscow]", Code.WRONG_TYPE)


@case("schema")
def case_empty_string(w: Workspace) -> Expect:
    return value(w, claims(w), "statement", '""', Code.EMPTY_TEXT)


@case("schema")
def case_id_with_spaces(w: Workspace) -> Expect:
    return value(w, claims(w), "id", "south korea balances", Code.INVALID_ID)


@case("schema")
def case_id_with_capitals(w: Workspace) -> Expect:
    return value(w, claims(w), "id", "South-Korea-Balances", Code.INVALID_ID)


@case("schema")
def case_id_with_slash(w: Workspace) -> Expect:
    return value(w, claims(w), "id", "seoul/moscow", Code.INVALID_ID)


@case("schema", build=True)
def case_id_with_bidi_override(w: Workspace) -> Expect:
    return value(w, claims(w), "id", '"seoul-\u202emoscow"', Code.INVALID_ID, "\\u202e")


@case("schema")
def case_id_with_zero_width_space(w: Workspace) -> Expect:
    return value(w, claims(w), "id", '"seoul\u200b-moscow"', Code.INVALID_ID, "\\u200b")


@case("schema")
def case_id_ending_in_a_newline(w: Workspace) -> Expect:
    return value(w, claims(w), "id", '"seoul-moscow\\n"', Code.INVALID_ID)


@case("schema")
def case_file_name_not_an_id(w: Workspace) -> Expect:
    rel = topic(w)
    bad = f"data/topics/{w.stem(rel).replace('-', '_').title()}.yaml"
    w.path(rel).rename(w.path(bad))
    return Expect(bad, 1, 1, Code.INVALID_FILE_NAME)


@case("schema")
def case_empty_section_heading(w: Workspace) -> Expect:
    return value(w, topic(w), "heading", '""', Code.EMPTY_TEXT)


@case("schema")
def case_native_name_without_language(w: Workspace) -> Expect:
    rel = next(
        p.relative_to(w.root).as_posix()
        for p in sorted((w.root / "data" / "actors").glob("*.yaml"))
        if "native_names:" in p.read_text(encoding="utf-8")
    )
    name = w.field(rel, "text")
    w.delete_field(rel, "lang")
    return Expect(rel, name.line, name.key_col, Code.MISSING_FIELD)


@case("schema")
def case_impossible_date(w: Workspace) -> Expect:
    rel = claims(w)
    if re.search(r"^ +date:", w.first_item(rel), re.MULTILINE):
        return value(w, rel, "date", '"2021-02-30"', Code.INVALID_DATE)
    found = w.field(rel, "kind")
    indent = " " * (found.key_col - 1)
    line = w.insert_line(rel, found.end_line, f'{indent}date: "2021-02-30"')
    return Expect(rel, line, found.key_col + len("date: "), Code.INVALID_DATE)


@case("schema")
def case_malformed_date(w: Workspace) -> Expect:
    return value(w, SOURCE_YAML, "published", '"15/07/2021"', Code.INVALID_DATE)


@case("schema")
def case_unknown_claim_kind(w: Workspace) -> Expect:
    return value(w, claims(w), "kind", "opinion", Code.INVALID_CHOICE)


@case("schema")
def case_misspelt_claim_kind(w: Workspace) -> Expect:
    return value(w, claims(w), "kind", "asessment", Code.INVALID_CHOICE)


@case("schema")
def case_unknown_actor_kind(w: Workspace) -> Expect:
    return value(w, actor(w), "kind", "country", Code.INVALID_CHOICE)


@case("schema")
def case_javascript_source_url(w: Workspace) -> Expect:
    return value(w, SOURCE_YAML, "url", '"javascript:alert(1)"', Code.INVALID_FORMAT)


@case("schema")
def case_data_source_url(w: Workspace) -> Expect:
    url = '"data:text/html,<script>alert(1)</script>"'
    return value(w, SOURCE_YAML, "url", url, Code.INVALID_FORMAT)


# -- references ------------------------------------------------------------------------------


@case("references")
def case_claim_unknown_source(w: Workspace) -> Expect:
    return value(w, claims(w), "source", "no-such-source", Code.UNKNOWN_REFERENCE)


@case("references")
def case_claim_unknown_topic(w: Workspace) -> Expect:
    found = w.set_field(claims(w), "topics", "[no-such-topic]")
    return Expect(claims(w), found.line, found.value_col + 1, Code.UNKNOWN_REFERENCE)


@case("references")
def case_claim_misspelt_actor(w: Workspace) -> Expect:
    known = next(iter(w.kb.actors))
    typo = known[:-1] + known[-1] * 2
    found = w.set_field(claims(w), "actors", f"[{typo}]")
    return Expect(claims(w), found.line, found.value_col + 1, Code.UNKNOWN_REFERENCE)


@case("references")
def case_claim_names_a_topic_as_actor(w: Workspace) -> Expect:
    name = next(iter(w.kb.topics))
    found = w.set_field(claims(w), "actors", f"[{name}]")
    return Expect(
        claims(w),
        found.line,
        found.value_col + 1,
        Code.WRONG_REFERENCE_KIND,
        f"'{name}' is a topic, not an actor",
    )


@case("references")
def case_topic_unknown_related_topic(w: Workspace) -> Expect:
    rel = topic(w)
    if "related" not in w.read(rel):
        w.write(rel, w.read(rel).rstrip("\n") + "\nrelated: []\n")
    found = w.set_field(rel, "related", "[no-such-topic]")
    return Expect(rel, found.line, found.value_col + 1, Code.UNKNOWN_REFERENCE)


@case("references")
def case_topic_related_to_itself(w: Workspace) -> Expect:
    rel = topic(w)
    if "related" not in w.read(rel):
        w.write(rel, w.read(rel).rstrip("\n") + "\nrelated: []\n")
    found = w.set_field(rel, "related", f"[{w.stem(rel)}]")
    return Expect(rel, found.line, found.value_col + 1, Code.SELF_REFERENCE)


@case("references", build=True)
def case_prose_unknown_claim(w: Workspace) -> Expect:
    rel = topic(w)
    line, col = w.block(rel, "lead", 'Before {{ claim("no-such-claim") }} after.')
    return Expect(rel, line, col + len("Before "), Code.UNKNOWN_REFERENCE)


@case("references")
def case_prose_unknown_actor_link(w: Workspace) -> Expect:
    rel = actor(w)
    line, col = w.block(rel, "description", 'See {{ actor("atlantis") }}.')
    return Expect(rel, line, col + len("See "), Code.UNKNOWN_REFERENCE)


@case("references")
def case_prose_macro_with_two_ids(w: Workspace) -> Expect:
    claim_id = w.first_claim_id(claims(w))
    rel = topic(w)
    line, col = w.block(rel, "body", f'{{{{ claim("{claim_id}", "{claim_id}") }}}}')
    return Expect(rel, line, col, Code.MACRO_SYNTAX)


@case("references")
def case_prose_macro_without_quotes(w: Workspace) -> Expect:
    rel = actor(w)
    line, col = w.block(rel, "description", "Text {{ claim(some_id) }}")
    return Expect(rel, line, col + len("Text "), Code.MACRO_SYNTAX)


@case("references")
def case_prose_unknown_macro(w: Workspace) -> Expect:
    rel = topic(w)
    line, col = w.block(rel, "lead", 'Text {{ quote("x") }}')
    return Expect(rel, line, col + len("Text "), Code.UNKNOWN_MACRO)


@case("references")
def case_prose_jinja_statement(w: Workspace) -> Expect:
    rel = topic(w)
    line, col = w.block(rel, "lead", "Text {% for x in range(9) %}{% endfor %}")
    return Expect(rel, line, col + len("Text "), Code.TEMPLATE_SYNTAX)


@case("references")
def case_prose_jinja_expression(w: Workspace) -> Expect:
    rel = actor(w)
    line, col = w.block(rel, "description", "Seven sevens: {{ 7*7 }}")
    return Expect(rel, line, col + len("Seven sevens: "), Code.MACRO_SYNTAX)


@case("references")
def case_event_unknown_claim(w: Workspace) -> Expect:
    found = w.set_field("data/events.yaml", "claims", "[no-such-claim]")
    return Expect("data/events.yaml", found.line, found.value_col + 1, Code.UNKNOWN_REFERENCE)


@case("references")
def case_event_without_date_or_when(w: Workspace) -> Expect:
    rel = "data/events.yaml"
    line, col = w.first_item_start(rel)
    dated = re.search(r"^ +date:", w.first_item(rel), re.MULTILINE)
    w.delete_field(rel, "date" if dated else "when")
    return Expect(rel, line, col, Code.EVENT_DATE_OR_WHEN)


@case("references", build=True)
def case_duplicate_id_in_two_files(w: Workspace) -> Expect:
    rel = claims(w)
    copy = "data/claims/zz-copy.yaml"
    w.write(copy, "# A copy of another file's claim\n" + w.first_item(rel) + "\n")
    found = w.field(copy, "id")
    return Expect(copy, found.line, found.value_col, Code.DUPLICATE_ID)


@case("references")
def case_duplicate_id_across_kinds(w: Workspace) -> Expect:
    topic_id = w.stem(topic(w))
    rel = f"data/actors/{topic_id}.yaml"
    shutil.copy(w.path(actor(w)), w.path(rel))
    return Expect(rel, 1, 1, Code.DUPLICATE_ID)


# -- quotes ----------------------------------------------------------------------------------


def quote(w: Workspace, text: str, code: Code, fragment: str = "") -> Expect:
    rel = claims(w)
    return value(w, rel, "quote", f'"{text}"', code, fragment)


@case("quotes")
def case_quote_not_in_source(w: Workspace) -> Expect:
    expect = quote(w, NEAR_MISS_QUOTE, Code.QUOTE_NOT_FOUND, "closest passage is in paragraph 7")
    assert "almost exclusively" in (w.root / SOURCE_TEXT).read_text(encoding="utf-8")
    return expect


@case("quotes", build=True)
def case_quote_with_straight_apostrophe(w: Workspace) -> Expect:
    return quote(w, STRAIGHT_APOSTROPHE_QUOTE, Code.QUOTE_NOT_FOUND, "U+2019")


@case("quotes")
def case_quote_ambiguous(w: Workspace) -> Expect:
    return quote(w, AMBIGUOUS_QUOTE, Code.QUOTE_AMBIGUOUS)


@case("quotes")
def case_quote_too_short(w: Workspace) -> Expect:
    return quote(w, "Seoul", Code.QUOTE_TOO_SHORT)


@case("quotes")
def case_quote_into_the_byline(w: Workspace) -> Expect:
    return quote(w, INTO_BYLINE_QUOTE, Code.QUOTE_NOT_BODY)


@case("quotes")
def case_quote_across_paragraphs(w: Workspace) -> Expect:
    return quote(w, ACROSS_PARAGRAPHS_QUOTE, Code.QUOTE_ACROSS_PARAGRAPHS)


@case("quotes")
def case_source_text_missing(w: Workspace) -> Expect:
    w.path(SOURCE_TEXT).unlink()
    text = w.read(SOURCE_YAML)
    if re.search(r"^text:", text, re.MULTILINE):
        found = w.field(SOURCE_YAML, "text")
        return Expect(SOURCE_YAML, found.line, found.value_col, Code.TEXT_FILE_MISSING)
    line = next(i for i, t in enumerate(text.split("\n"), 1) if t and not t.startswith("#"))
    return Expect(SOURCE_YAML, line, 1, Code.TEXT_FILE_MISSING)


@case("quotes", build=True)
def case_source_text_edited(w: Workspace) -> Expect:
    path = w.path(SOURCE_TEXT)
    path.write_bytes(path.read_bytes().replace(b"by sea", b"by air", 1))
    found = w.field(SOURCE_YAML, "sha256")
    return Expect(SOURCE_YAML, found.line, found.value_col, Code.SHA256_MISMATCH)


@case("quotes")
def case_source_text_emptied(w: Workspace) -> Expect:
    w.path(SOURCE_TEXT).write_bytes(b"\n")
    w.set_field(SOURCE_YAML, "sha256", hashlib.sha256(b"\n").hexdigest())  # a matching digest
    return Expect(SOURCE_TEXT, 1, 1, Code.TEXT_FILE_EMPTY)


@case("quotes")
def case_excluded_block_does_not_exist(w: Workspace) -> Expect:
    found = w.set_field(SOURCE_YAML, "block", "99")
    line = w.read(SOURCE_YAML).split("\n")[found.line - 1]
    return Expect(
        SOURCE_YAML, found.line, len(line) - len(line.lstrip(" -")) + 1, Code.BAD_EXCLUDED_BLOCK
    )


@case("quotes")
def case_excluded_block_is_not_a_number(w: Workspace) -> Expect:
    return value(w, SOURCE_YAML, "block", "twenty-one", Code.WRONG_TYPE)


# -- paths -----------------------------------------------------------------------------------


@case("paths", build=True)
def case_text_path_leaves_data(w: Workspace) -> Expect:
    text = w.read(SOURCE_YAML)
    if re.search(r"^text:", text, re.MULTILINE):
        return value(w, SOURCE_YAML, "text", "../../etc/passwd", Code.INVALID_FORMAT)
    w.write(SOURCE_YAML, text.rstrip("\n") + "\ntext: ../../etc/passwd\n")
    line = text.rstrip("\n").count("\n") + 2
    return Expect(SOURCE_YAML, line, len("text: ") + 1, Code.INVALID_FORMAT)


@case("paths", build=True)
def case_symlink_data_file_leaves_repository(w: Workspace) -> Expect:
    rel = actor(w)
    target = w.outside / "actor.yaml"
    shutil.copy(w.path(rel), target)
    w.path(rel).unlink()
    w.path(rel).symlink_to(target)
    return Expect(rel, 1, 1, Code.OUTSIDE_PROJECT)


@case("paths")
def case_symlink_source_text_leaves_repository(w: Workspace) -> Expect:
    target = w.outside / "article.txt"
    shutil.copy(w.path(SOURCE_TEXT), target)
    w.path(SOURCE_TEXT).unlink()
    w.path(SOURCE_TEXT).symlink_to(target)
    return Expect(SOURCE_TEXT, 1, 1, Code.OUTSIDE_PROJECT)


@case("paths")
def case_symlink_to_etc_passwd(w: Workspace) -> Expect:
    rel = "data/topics/passwd.yaml"
    w.path(rel).symlink_to("/etc/passwd")
    return Expect(rel, 1, 1, Code.OUTSIDE_PROJECT)


# -- resource abuse --------------------------------------------------------------------------


@case("abuse", fast=True, build=True)
def case_billion_laughs(w: Workspace) -> Expect:
    rel = claims(w)
    lines = ["# Billion laughs", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(f'*{prev}' for _ in range(9))}]")
    w.write(rel, "\n".join(lines) + "\n")
    return Expect(rel, 2, 4, Code.YAML_ANCHOR)


@case("abuse", fast=True)
def case_alias_reuse(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.set_field(rel, "topics", "*topics")
    return Expect(rel, found.line, found.value_col, Code.YAML_ANCHOR)


@case("abuse", fast=True)
def case_merge_key(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.field(rel, "kind")
    indent = " " * (found.key_col - 1)
    line = w.insert_line(rel, found.end_line, f"{indent}<<: {{note: merged}}")
    return Expect(rel, line, found.key_col, Code.YAML_MERGE_KEY)


@case("abuse", fast=True, build=True)
def case_fifty_megabyte_file(w: Workspace) -> Expect:
    rel = "data/claims/zz-huge.yaml"
    with w.path(rel).open("wb") as handle:
        handle.write(b"# Fifty megabytes (sparse: the tail is never written to disk)\n- id: x\n")
        handle.truncate(FIFTY_MB)
    return Expect(rel, 1, 1, Code.FILE_TOO_LARGE)


@case("abuse", fast=True)
def case_deeply_nested_list(w: Workspace) -> Expect:
    rel = topic(w)
    if "related" not in w.read(rel):
        w.write(rel, w.read(rel).rstrip("\n") + "\nrelated: []\n")
    found = w.set_field(rel, "related", "[" * 10_000 + "]" * 10_000)
    # Depth 1 is the file's mapping, depth 2 the outer list: the 33rd level is rejected.
    return Expect(rel, found.line, found.value_col + 31, Code.YAML_TOO_DEEP)


# -- tags ------------------------------------------------------------------------------------


@case("tags", fast=True, build=True)
def case_python_object_apply(w: Workspace) -> Expect:
    marker = w.outside / "pwned"
    tag = f'!!python/object/apply:os.system ["touch {marker}"]'
    return value(w, claims(w), "statement", tag, Code.YAML_TAG)


@case("tags", fast=True)
def case_python_name_tag(w: Workspace) -> Expect:
    return value(w, claims(w), "statement", "!!python/name:os.system ''", Code.YAML_TAG)


@case("tags", fast=True)
def case_binary_tag(w: Workspace) -> Expect:
    return value(w, claims(w), "statement", "!!binary aGVsbG8=", Code.YAML_TAG)


@case("tags", fast=True)
def case_custom_tag(w: Workspace) -> Expect:
    return value(w, actor(w), "name", "!custom Russia", Code.YAML_TAG)


@case("tags", fast=True)
def case_tag_on_a_key(w: Workspace) -> Expect:
    rel = claims(w)
    found = w.field(rel, "kind")
    lines = w.read(rel).split("\n")
    line = lines[found.line - 1]
    lines[found.line - 1] = line[: found.key_col - 1] + "!custom " + line[found.key_col - 1 :]
    w.write(rel, "\n".join(lines))
    return Expect(rel, found.line, found.key_col, Code.YAML_TAG)


@case("tags", fast=True)
def case_explicit_int_tag_on_text(w: Workspace) -> Expect:
    return value(w, topic(w), "order", '!!int "first"', Code.YAML_TAG)


# -- running the cases -----------------------------------------------------------------------


@dataclass
class Project:
    workspace: Workspace
    site: Path  # the last good build
    digest: dict[str, str]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    tmp = tmp_path_factory.mktemp("broken-input")
    root = copy_project(tmp / "project", SOURCE_PROJECT)
    pristine = tmp / "pristine"
    for folder in ("data", "docs"):
        shutil.copytree(root / folder, pristine / folder, symlinks=True)
    outside = tmp / "outside"
    outside.mkdir()
    good = mkdocs_build(root, tmp / "site")
    assert good.returncode == 0, good.output
    yield Project(Workspace(root, pristine, outside), good.site, tree_digest(good.site))


def _check(root: Path) -> tuple[int, str]:
    """`make check` as a contributor runs it: `python -m macros check` in its own process."""
    done = subprocess.run(
        [sys.executable, "-m", "macros", "--root", str(root), "check", "--no-github"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def _check_in_process(root: Path) -> tuple[int, str]:
    """The same command line, run in this process (fast enough for every case)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--root", str(root), "check", "--no-github"])
    return code, out.getvalue() + err.getvalue()


def assert_reported(output: str, expect: Expect) -> None:
    """The output has a line `path:line[:col]: … — hint [code]` (with the fragment, if the case
    gives one), and no traceback."""
    assert "Traceback" not in output, output
    where = f"{expect.path}:{expect.line}:" + (f"{expect.col}:" if expect.col else "")
    located = re.compile(rf"(?:^|\s){re.escape(where)}")
    lines = [line for line in output.splitlines() if located.search(line)]
    code = f" [{expect.code}]"
    matching = [line for line in lines if line.endswith(code) and expect.fragment in line]
    assert matching, f"no {code} line at {where} containing {expect.fragment!r}:\n{output}"
    _, dash, hint = matching[0].removesuffix(code).partition(" — ")
    assert dash and hint.strip(), f"no hint after ' — ': {matching[0]}"


def _apply(project: Project, case: Case) -> Expect:
    """Make the case's edit; the caller restores the pristine data in a `finally`."""
    return case.edit(project.workspace)


@pytest.fixture
def workspace(project: Project) -> Iterator[Workspace]:
    yield project.workspace
    project.workspace.restore()


def test_the_pristine_copy_checks_clean(project: Project) -> None:
    project.workspace.restore()
    code, output = _check(project.workspace.root)
    assert code == 0, output


def test_the_corpus_has_at_least_forty_cases_in_every_category() -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    categories = {c.category for c in CASES}
    assert categories == {"yaml", "schema", "references", "quotes", "paths", "abuse", "tags"}
    assert {c.category for c in CASES if c.build} == categories


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_rejects_with_position_and_hint(project: Project, case: Case) -> None:
    try:
        expect = _apply(project, case)
        code, output = _check_in_process(project.workspace.root)
        if (
            case.fast
        ):  # the edited file alone is refused (unread, or parsed): see `make bench-parse`
            found: list[Problem] = []
            text = read_text(project.workspace.path(expect.path), expect.path, found)
            if text is not None:
                parse(text, expect.path, found)
            assert found
    finally:
        project.workspace.restore()
    assert code != 0, output
    assert_reported(output, expect)
    assert not (project.workspace.outside / "pwned").exists(), "a YAML tag ran a command"


BUILD_CASES = [c for c in CASES if c.build]


@pytest.mark.build
@pytest.mark.parametrize("case", BUILD_CASES, ids=[c.name for c in BUILD_CASES])
def test_make_check_and_strict_build_fail_the_same_way_and_keep_the_last_good_site(
    project: Project, case: Case
) -> None:
    try:
        expect = _apply(project, case)
        code, output = _check(project.workspace.root)
        result = mkdocs_build(project.workspace.root, project.site)
    finally:
        project.workspace.restore()
    assert code != 0, output
    assert_reported(output, expect)
    assert result.returncode != 0, result.output
    assert_reported(result.output, expect)
    assert "site/ was left as it was" in result.output
    assert tree_digest(project.site) == project.digest, "the last good site must stay as it was"
    assert not (project.workspace.outside / "pwned").exists(), "a YAML tag ran a command"


# -- accepted: BOM and CRLF ------------------------------------------------------------------


def _bom_and_crlf(root: Path) -> int:
    """Rewrite every YAML data file with a UTF-8 BOM and CRLF line endings; returns how many."""
    files = sorted((root / "data").rglob("*.yaml"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    return len(files)


def test_bom_and_crlf_are_accepted_by_check(project: Project) -> None:
    try:
        assert _bom_and_crlf(project.workspace.root) > 5
        code, output = _check(project.workspace.root)
    finally:
        project.workspace.restore()
    assert code == 0, output


@pytest.mark.build
def test_bom_and_crlf_build_the_same_site(
    project: Project, tmp_path_factory: pytest.TempPathFactory
) -> None:
    try:
        _bom_and_crlf(project.workspace.root)
        result = mkdocs_build(project.workspace.root, tmp_path_factory.mktemp("crlf") / "site")
    finally:
        project.workspace.restore()
    assert result.returncode == 0, result.output
    assert tree_digest(result.site) == project.digest


def test_problems_after_a_bom_keep_their_columns(workspace: Workspace) -> None:
    rel = claims(workspace)
    expect = value(workspace, rel, "kind", "opinion", Code.INVALID_CHOICE)
    path = workspace.path(rel)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    _, output = _check_in_process(workspace.root)
    assert_reported(output, expect)


# -- resource limits, measured in-process ----------------------------------------------------


def test_fifty_megabyte_file_is_never_read(workspace: Workspace) -> None:
    case_fifty_megabyte_file(workspace)
    tracemalloc.start()
    try:
        data = load(workspace.root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert any(p.code is Code.FILE_TOO_LARGE for p in data.problems)
    assert peak < 10 * 1024 * 1024, f"peak {peak:,} bytes: the file was read"


def test_python_tag_never_runs_its_command(workspace: Workspace) -> None:
    case_python_object_apply(workspace)
    load(workspace.root)
    assert not (workspace.outside / "pwned").exists()
