"""Validation as a contributor meets it: every mistake reported at its `path:line:col`, with a hint.

Each test starts from the small valid project in tests/helpers.py, makes one mistake, and checks
the problem that mistake causes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.core.knowledge import CitedIn
from macros.core.problems import Code
from macros.core.project import load_knowledge
from tests.helpers import (
    CLAIMS,
    REPO,
    SOURCE_ID,
    Project,
    problem_at,
    problems_of,
    sha256_of,
    write_project,
)

CLAIMS_FILE = "data/claims/core.yaml"
SOURCE_FILE = f"data/sources/{SOURCE_ID}.yaml"
TEXT_FILE = f"data/sources/{SOURCE_ID}.txt"
TRADE = "data/topics/trade.yaml"
EVENTS = "data/events.yaml"
GLOSSARY = "data/glossary.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return write_project(tmp_path / "project")


def test_small_project_is_valid(project: Project) -> None:
    kb = load_knowledge(project.root)
    assert list(kb.claims) == ["trade-grew", "railway-stalled", "balance-word"]
    assert [v.match.paragraph for v in kb.claims.values()] == [1, 2, 3]
    assert list(kb.topics) == ["trade", "diplomacy"]
    assert list(kb.actors) == ["russia", "south-korea"]
    assert [e.id for e in kb.events] == ["relations-established", "railway-standstill"]
    assert list(kb.terms) == ["balance"]
    assert [p.src_uri for p in kb.pages] == ["index.md"]
    assert kb.cited_in["trade-grew"] == (
        CitedIn("topic", "trade"),
        CitedIn("actor", "russia"),
        CitedIn("event", "relations-established"),
        CitedIn("page", "index.md"),
    )


# -- one mistake, one problem ----------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    file: str
    old: str
    new: str
    at: str  # the problem points at the first character of this text (found after the edit)
    message: str
    hint: str
    code: Code


MISTAKES = [
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "  statement: The railway project has been at a standstill for decades.\n",
            "",
            "id: railway-stalled",
            "missing required field 'statement'",
            "add 'statement:'",
            Code.MISSING_FIELD,
        ),
        id="missing-required-field",
    ),
    pytest.param(
        Mistake(
            "data/topics/diplomacy.yaml",
            "title: Diplomacy\n",
            "",
            "order: 2",
            "missing required field 'title'",
            "add 'title:'",
            Code.MISSING_FIELD,
        ),
        id="missing-required-field-in-mapping-file",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            '  date: "1990"\n',
            '  date: "1990"\n  notes: check this later\n',
            "notes:",
            "unknown field 'notes'",
            "did you mean 'note'?",
            Code.UNKNOWN_FIELD,
        ),
        id="unknown-field-did-you-mean",
    ),
    pytest.param(
        Mistake(
            "data/actors/russia.yaml",
            "kind: state\n",
            "kind: state\ncolour: red\n",
            "colour",
            "unknown field 'colour'",
            "allowed fields: name, kind, aliases",
            Code.UNKNOWN_FIELD,
        ),
        id="unknown-field-lists-allowed-fields",
    ),
    pytest.param(
        Mistake(
            TRADE,
            "order: 1",
            "order: first",
            "first",
            "expected a whole number, found text",
            "write a number without quotes",
            Code.WRONG_TYPE,
        ),
        id="wrong-type-number",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "topics: [diplomacy]",
            "topics: diplomacy",
            "diplomacy",
            "expected a list of a valid id, found text",
            "write a list",
            Code.WRONG_TYPE,
        ),
        id="wrong-type-list",
    ),
    pytest.param(
        Mistake(
            SOURCE_FILE,
            "republish: false",
            'republish: "no"',
            '"no"',
            "expected true or false, found text",
            "without quotes",
            Code.WRONG_TYPE,
        ),
        id="wrong-type-bool",
    ),
    pytest.param(
        Mistake(
            "data/actors/russia.yaml",
            "name: Russia",
            "name: yes",
            "yes",
            "expected text, found true/false",
            'put the text in quotes: "yes"',
            Code.WRONG_TYPE,
        ),
        id="wrong-type-yes-is-not-text",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "statement: Seoul’s trade with Moscow grew steadily.",
            'statement: ""',
            '""',
            "text is empty",
            "write the value",
            Code.EMPTY_TEXT,
        ),
        id="empty-string",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "statement: Seoul’s trade with Moscow grew steadily.",
            "statement: |\n    Two\n    lines.",
            "|",
            "text must be on one line",
            "join the lines",
            Code.MULTILINE_TEXT,
        ),
        id="multi-line-statement",
    ),
    *(
        pytest.param(
            Mistake(
                CLAIMS_FILE,
                "- id: balance-word",
                f"- id: {bad}",
                bad,
                f"'{bad}' is not a valid id",
                "lowercase kebab-case",
                Code.INVALID_ID,
            ),
            id=f"invalid-id-{name}",
        )
        for name, bad in [
            ("capitals", "Balance-Word"),
            ("spaces", "balance word"),
            ("slash", "balance/word"),
            ("double-hyphen", "balance--word"),
        ]
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            'date: "1990"',
            'date: "2021-02-30"',
            '"2021-02-30"',
            "'2021-02-30' is not a real date",
            "correct the date",
            Code.INVALID_DATE,
        ),
        id="impossible-date",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            'date: "1990"',
            'date: "15 July 2021"',
            '"15 July',
            "'15 July 2021' is not an ISO date",
            "YYYY-MM-DD",
            Code.INVALID_DATE,
        ),
        id="date-not-iso",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "kind: attribution",
            "kind: atribution",
            "atribution",
            "'atribution' is not one of fact, assessment, forecast, attribution",
            "did you mean 'attribution'?",
            Code.INVALID_CHOICE,
        ),
        id="unknown-kind-suggestion",
    ),
    pytest.param(
        Mistake(
            "data/actors/russia.yaml",
            "kind: state",
            "kind: country",
            "country",
            "'country' is not one of state, territory, organisation, person",
            "use one of",
            Code.INVALID_CHOICE,
        ),
        id="unknown-actor-kind",
    ),
    pytest.param(
        Mistake(
            SOURCE_FILE,
            "republish: false\n",
            "republish: false\ntext: ../../etc/passwd\n",
            "../../etc/passwd",
            "'../../etc/passwd' is not a file name in data/sources/",
            "no folders",
            Code.INVALID_FORMAT,
        ),
        id="text-path-traversal",
    ),
    pytest.param(
        Mistake(
            SOURCE_FILE,
            'url: ""',
            'url: "javascript:alert(1)"',
            '"javascript',
            "is not an http(s) address or empty",
            "https://",
            Code.INVALID_FORMAT,
        ),
        id="url-not-http",
    ),
    pytest.param(
        Mistake(
            TRADE,
            "order: 1\n",
            "order: 1\ntitle: Again\n",
            "title: Again",
            "duplicate key 'title' (first given on line 2)",
            "keep one",
            Code.DUPLICATE_KEY,
        ),
        id="duplicate-yaml-key",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "topics: [trade]\n  actors: [south-korea, russia]",
            "topics: [trade, trade]\n  actors: [south-korea, russia]",
            "trade]",
            "'trade' is listed twice",
            "remove one",
            Code.DUPLICATE_ITEM,
        ),
        id="listed-twice",
    ),
    # cross-references
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "- id: trade-grew\n  source: sample-article",
            "- id: trade-grew\n  source: sample-articel",
            "sample-articel",
            "claim source: unknown source 'sample-articel'",
            "did you mean 'sample-article'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="claim-unknown-source",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "topics: [trade]\n  actors: [south-korea, russia]",
            "topics: [trde]\n  actors: [south-korea, russia]",
            "trde",
            "claim topics: unknown topic 'trde'",
            "did you mean 'trade'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="claim-unknown-topic",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "actors: [south-korea, russia]",
            "actors: [south-korea, rusia]",
            "rusia",
            "claim actors: unknown actor 'rusia'",
            "did you mean 'russia'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="claim-unknown-actor",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            "topics: [trade]\n  actors: [south-korea, russia]",
            "topics: [russia]\n  actors: [south-korea, russia]",
            "russia]\n  actors",
            "claim topics: 'russia' is a",
            "",
            Code.WRONG_REFERENCE_KIND,
        ),
        id="claim-topic-is-an-actor",
    ),
    pytest.param(
        Mistake(
            TRADE,
            "related: [diplomacy]",
            "related: [diplomcy]",
            "diplomcy",
            "related topics: unknown topic 'diplomcy'",
            "did you mean 'diplomacy'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="topic-unknown-related",
    ),
    pytest.param(
        Mistake(
            TRADE,
            "related: [diplomacy]",
            "related: [diplomacy, trade]",
            "trade]",
            "a topic cannot be related to itself",
            "remove it",
            Code.SELF_REFERENCE,
        ),
        id="topic-related-to-itself",
    ),
    pytest.param(
        Mistake(
            EVENTS,
            "claims: [trade-grew]",
            "claims: [trade-grw]",
            "trade-grw",
            "event claims: unknown claim 'trade-grw'",
            "did you mean 'trade-grew'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="event-unknown-claim",
    ),
    pytest.param(
        Mistake(
            EVENTS,
            "actors: [russia, south-korea]",
            "actors: [russia, north-korea]",
            "north-korea",
            "event actors: unknown actor 'north-korea'",
            "did you mean 'south-korea'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="event-unknown-actor",
    ),
    pytest.param(
        Mistake(
            EVENTS,
            '  date: "1990"\n',
            '  date: "1990"\n  when: around then\n',
            "id: relations-established",
            "an event needs exactly one of 'date' and 'when'",
            "give 'date'",
            Code.EVENT_DATE_OR_WHEN,
        ),
        id="event-both-date-and-when",
    ),
    pytest.param(
        Mistake(
            EVENTS,
            "  when: for decades\n",
            "",
            "id: railway-standstill",
            "an event needs exactly one of 'date' and 'when'",
            "give 'date'",
            Code.EVENT_DATE_OR_WHEN,
        ),
        id="event-neither-date-nor-when",
    ),
    pytest.param(
        Mistake(
            EVENTS,
            "  claims: [railway-stalled]\n",
            "  claims: [railway-stalled]\n"
            "- id: earlier-thing\n"
            "  title: Something earlier\n"
            '  date: "1989-12"\n'
            "  summary: |\n"
            '    {{ claim("trade-grew") }}\n'
            "  claims: [trade-grew]\n",
            '"1989-12"',
            "event 'earlier-thing' (1989-12) comes after 'relations-established' (1990)",
            "chronological order",
            Code.EVENT_OUT_OF_ORDER,
        ),
        id="events-out-of-order",
    ),
    pytest.param(
        Mistake(
            GLOSSARY,
            "claims: [balance-word]",
            "claims: [balance-words]",
            "balance-words",
            "glossary claims: unknown claim 'balance-words'",
            "did you mean 'balance-word'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="glossary-unknown-claim",
    ),
    pytest.param(
        Mistake(
            TRADE,
            '{{ cite("railway-stalled") }}',
            '{{ cite("railway-stalled", "railway-halted") }}',
            '{{ cite("railway-stalled", "railway-halted") }}',
            "cite(): unknown claim 'railway-halted'",
            "did you mean 'railway-stalled'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="macro-unknown-id-in-topic-body",
    ),
    pytest.param(
        Mistake(
            TRADE,
            '{{ actor("russia") }}',
            '{{ actor("moscow") }}',
            '{{ actor("moscow") }}',
            "actor(): unknown actor 'moscow'",
            "",
            Code.UNKNOWN_REFERENCE,
        ),
        id="macro-unknown-id-second-paragraph-of-body",
    ),
    pytest.param(
        Mistake(
            "docs/index.md",
            '{{ topic("trade") }}',
            '{{ topic("trades") }}',
            '{{ topic("trades") }}',
            "topic(): unknown topic 'trades'",
            "did you mean 'trade'?",
            Code.UNKNOWN_REFERENCE,
        ),
        id="macro-unknown-id-in-markdown-page",
    ),
    pytest.param(
        Mistake(
            "data/actors/russia.yaml",
            '{{ claim("trade-grew") }}',
            '{{ claim("trade-grew", "x") }}',
            '{{ claim("trade-grew", "x") }}',
            "claim() takes 1 argument, got 2",
            "",
            Code.MACRO_SYNTAX,
        ),
        id="macro-wrong-argument-count",
    ),
    pytest.param(
        Mistake(
            GLOSSARY,
            '{{ claim("balance-word") }}',
            '{{ claim("balance-word") }} {% include "x" %}',
            "{% include",
            "template syntax '{%' is not allowed here",
            "prose is plain text plus macro calls",
            Code.TEMPLATE_SYNTAX,
        ),
        id="jinja-statement-in-prose",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            'quote: "Seoul’s trade with Moscow grew steadily after',
            "quote: \"Seoul's trade with Moscow grew steadily after",
            "\"Seoul's",
            "closest passage is in paragraph 1: “Seoul’s trade with Moscow grew steadily after the "
            "two countries established relations in 1990”",
            "typographic character ’",
            Code.QUOTE_NOT_FOUND,
        ),
        id="wrong-quote-shows-closest-passage",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            'quote: "The railway project has been at a standstill for decades"',
            'quote: "in 1990. The railway project has been at a standstill"',
            '"in 1990.',
            "quote runs across paragraphs 1 and 2",
            "one paragraph",
            Code.QUOTE_ACROSS_PARAGRAPHS,
        ),
        id="quote-across-paragraphs",
    ),
    pytest.param(
        Mistake(
            CLAIMS_FILE,
            'quote: "The railway project has been at a standstill for decades"',
            'quote: "foreign policy.\n\n    • A. N. Author"',
            '"foreign',
            "quote runs into block 4, which is not body text",
            "end the quote before the block",
            Code.QUOTE_NOT_BODY,
        ),
        id="quote-into-excluded-block",
    ),
]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_mistake_is_reported_where_it_was_made(project: Project, mistake: Mistake) -> None:
    project.replace(mistake.file, mistake.old, mistake.new)
    problem = problem_at(
        problems_of(project.root),
        project.at(mistake.file, mistake.at),
        mistake.code,
        mistake.message,
    )
    assert problem.hint, "every problem says how to fix it"
    assert mistake.hint in problem.hint


def test_wrong_quote_names_the_differing_characters(project: Project) -> None:
    project.replace(CLAIMS_FILE, 'quote: "Seoul’s', "quote: \"Seoul's")
    problem = problem_at(
        problems_of(project.root), project.at(CLAIMS_FILE, "\"Seoul's"), Code.QUOTE_NOT_FOUND
    )
    assert "U+0027" in problem.message and "U+2019" in problem.message
    assert f"(source '{SOURCE_ID}', {TEXT_FILE})" in problem.message


def test_claims_file_that_is_a_mapping(project: Project) -> None:
    single = CLAIMS.split("- id: railway-stalled")[0].replace("- id:", "id:").replace("\n  ", "\n")
    project.write(CLAIMS_FILE, single)
    problem = problem_at(
        problems_of(project.root), f"{CLAIMS_FILE}:2:1", Code.FILE_SHAPE, "must be a list of claims"
    )
    assert "- " in problem.hint


def test_topic_file_that_is_a_list(project: Project) -> None:
    project.write(TRADE, "# Topic\n- title: Trade\n")
    problem_at(problems_of(project.root), f"{TRADE}:2:1", Code.FILE_SHAPE)


def test_list_entry_that_is_not_a_mapping(project: Project) -> None:
    project.append(GLOSSARY, "- just a sentence\n")
    problem_at(problems_of(project.root), project.at(GLOSSARY, "just"), Code.FILE_SHAPE)


def test_duplicate_id_across_two_claim_files(project: Project) -> None:
    project.write("data/claims/more.yaml", CLAIMS.split("- id: railway-stalled")[0])
    problem = problem_at(
        problems_of(project.root),
        "data/claims/more.yaml:2:7",
        Code.DUPLICATE_ID,
        f"id 'trade-grew' is already used by a claim at {CLAIMS_FILE}:2:7",
    )
    assert "unique" in problem.hint


def test_duplicate_id_across_kinds(project: Project) -> None:
    project.write("data/actors/trade.yaml", "# Actor\nname: Trade\nkind: person\ndescription: x\n")
    problem_at(
        problems_of(project.root),
        "data/actors/trade.yaml:1:1",
        Code.DUPLICATE_ID,
        f"id 'trade' is already used by a topic at {TRADE}:1:1",
    )


def test_file_name_that_is_not_an_id(project: Project) -> None:
    project.path("data/actors/russia.yaml").rename(project.path("data/actors/Russia.yaml"))
    problem_at(problems_of(project.root), "data/actors/Russia.yaml:1:1", Code.INVALID_FILE_NAME)


def test_yml_extension_is_refused(project: Project) -> None:
    project.path("data/actors/russia.yaml").rename(project.path("data/actors/russia.yml"))
    problem = problem_at(
        problems_of(project.root), "data/actors/russia.yml:1:1", Code.YML_EXTENSION
    )
    assert "russia.yaml" in problem.hint


def test_unexpected_file_in_data(project: Project) -> None:
    project.write("data/notes.yaml", "# stray\n- x\n")
    problem_at(problems_of(project.root), "data/notes.yaml:1:1", Code.UNEXPECTED_FILE)


# -- sources and their archived texts --------------------------------------------------------


def test_sha256_mismatch(project: Project) -> None:
    recorded = sha256_of(project.path(TEXT_FILE))
    project.replace(TEXT_FILE, "grew steadily", "grew slowly")
    problem = problem_at(
        problems_of(project.root),
        project.at(SOURCE_FILE, recorded),
        Code.SHA256_MISMATCH,
        f"sha256 does not match {TEXT_FILE} (the file's is {sha256_of(project.path(TEXT_FILE))})",
    )
    assert "restore it" in problem.hint


def test_missing_text_file(project: Project) -> None:
    project.path(TEXT_FILE).unlink()
    problem = problem_at(problems_of(project.root), f"{SOURCE_FILE}:2:1", Code.TEXT_FILE_MISSING)
    assert f"add the text as {TEXT_FILE}" in problem.hint


def test_missing_text_file_named_by_text_field(project: Project) -> None:
    project.append(SOURCE_FILE, "text: other.txt\n")
    problem_at(
        problems_of(project.root),
        project.at(SOURCE_FILE, "other.txt"),
        Code.TEXT_FILE_MISSING,
        "the archived text data/sources/other.txt does not exist",
    )


def test_text_not_in_nfc_is_refused(project: Project) -> None:
    recorded = sha256_of(project.path(TEXT_FILE))
    project.append(TEXT_FILE, "\nCafe\u0301 culture.\n")
    project.replace(SOURCE_FILE, recorded, sha256_of(project.path(TEXT_FILE)))
    problem_at(problems_of(project.root), f"{TEXT_FILE}:1:1", Code.TEXT_NOT_NFC)


def test_symlinked_data_file_pointing_outside_is_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "evil.yaml"
    outside.parent.mkdir()
    outside.write_text("# Actor\nname: Evil\nkind: state\ndescription: x\n", encoding="utf-8")
    project.path("data/actors/evil.yaml").symlink_to(outside)
    problem = problem_at(
        problems_of(project.root), "data/actors/evil.yaml:1:1", Code.OUTSIDE_PROJECT
    )
    assert "inside the repository" in problem.hint


def test_symlinked_text_file_pointing_outside_is_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_bytes(project.path(TEXT_FILE).read_bytes())
    project.path(TEXT_FILE).unlink()
    project.path(TEXT_FILE).symlink_to(outside)
    problem_at(problems_of(project.root), f"{TEXT_FILE}:1:1", Code.OUTSIDE_PROJECT)


def test_symlink_inside_the_project_is_accepted(project: Project) -> None:
    target = project.path("data/sources/sample-article.txt")
    target.rename(project.path("data/sources/real.txt"))
    target.symlink_to("real.txt")
    assert "trade-grew" in load_knowledge(project.root).claims


# -- all at once -----------------------------------------------------------------------------


def test_every_problem_is_reported_at_once(project: Project) -> None:
    project.replace(CLAIMS_FILE, '  date: "1990"\n', '  date: "1990"\n  notes: later\n')
    project.replace(GLOSSARY, "claims: [balance-word]", "claims: [balance-words]")
    project.replace("docs/index.md", '{{ topic("trade") }}', '{{ topic("trades") }}')
    problems = problems_of(project.root)
    assert sorted(str(p.position) for p in problems) == sorted(
        [
            project.at(CLAIMS_FILE, "notes"),
            project.at(GLOSSARY, "balance-words"),
            project.at("docs/index.md", '{{ topic("trades")'),
        ]
    )


# -- known bugs ------------------------------------------------------------------------------


def test_id_with_a_trailing_newline_is_refused(project: Project) -> None:
    project.append(
        CLAIMS_FILE,
        '- id: "railway-again\\n"\n'
        "  source: sample-article\n"
        '  quote: "nothing suggests it will move soon"\n'
        "  statement: Nothing suggests the railway will move soon.\n"
        "  kind: forecast\n"
        "  topics: [trade]\n"
        "  actors: []\n",
    )
    problem_at(
        problems_of(project.root), project.at(CLAIMS_FILE, '"railway-again'), Code.INVALID_ID
    )


def test_broken_text_file_is_reported_once(project: Project) -> None:
    """Claims quoting a source whose text failed its checksum do not add 'unknown source'."""
    project.replace(TEXT_FILE, "grew steadily", "grew slowly")
    problems = problems_of(project.root)
    assert [p.code for p in problems] == [Code.SHA256_MISMATCH]


def test_topic_that_fails_to_load_is_reported_once(project: Project) -> None:
    """A schema error in a topic does not also make every claim and macro naming it 'unknown'."""
    project.replace(TRADE, "order: 1", "order: first")
    problems = problems_of(project.root)
    assert [str(p.position) for p in problems] == [project.at(TRADE, "first")]


def test_kind_mismatch_message_reads_an_actor(project: Project) -> None:
    project.replace(
        CLAIMS_FILE,
        "topics: [trade]\n  actors: [south-korea, russia]",
        "topics: [russia]\n  actors: [south-korea, russia]",
    )
    problem_at(
        problems_of(project.root),
        project.at(CLAIMS_FILE, "russia]\n  actors"),
        Code.WRONG_REFERENCE_KIND,
        "'russia' is an actor, not a topic",
    )


def test_non_utf8_markdown_page_is_a_problem(project: Project) -> None:
    project.path("docs/notes.md").write_bytes(b"# Caf\xe9\n")
    problem_at(problems_of(project.root), "docs/notes.md:1:6", Code.NOT_UTF8)


# -- the command line ------------------------------------------------------------------------


def check(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "macros", "--root", str(root), "check", *extra],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def break_twice(project: Project) -> None:
    project.replace(CLAIMS_FILE, '  date: "1990"\n', '  date: "1990"\n  notes: later\n')
    project.replace(GLOSSARY, "claims: [balance-word]", "claims: [balance-words]")


def test_check_command_succeeds_on_valid_data(project: Project) -> None:
    done = check(project.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: 3 claims from 1 source(s), 2 topics, 2 actors")
    assert done.stderr == ""


def test_check_command_lists_problems_and_fails(project: Project) -> None:
    break_twice(project)
    done = check(project.root)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    assert lines == [
        f"{project.at(CLAIMS_FILE, 'notes')}: unknown field 'notes' — did you mean 'note'? "
        "[unknown-field]",
        f"{project.at(GLOSSARY, 'balance-words')}: glossary claims: unknown claim "
        "'balance-words' — did you mean 'balance-word'? [unknown-reference]",
    ]
    assert done.stderr.rstrip().endswith("2 problems found.")
    assert "::error" not in done.stdout


def test_check_command_prints_github_annotations(project: Project) -> None:
    break_twice(project)
    done = check(project.root, "--github")
    assert done.returncode == 1
    annotations = done.stdout.splitlines()
    notes = project.at(CLAIMS_FILE, "notes").split(":")
    assert annotations[0] == (
        f"::error file={notes[0]},line={notes[1]},col={notes[2]},title=unknown-field::"
        "unknown field 'notes' — did you mean 'note'?"
    )
    assert len(annotations) == 2
    assert all(
        re.match(r"^::error file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::.+ — .+$", a)
        for a in annotations
    )


def test_check_command_without_data_folder(tmp_path: Path) -> None:
    done = check(tmp_path)
    assert done.returncode == 1
    assert "[no-data-folder]" in done.stderr
    assert "Traceback" not in done.stderr


def test_two_topics_with_the_same_order_are_reported_at_the_later_files_order_line(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path)
    diplomacy = project.path("data/topics/diplomacy.yaml").read_text(encoding="utf-8")
    taken = next(line for line in diplomacy.splitlines() if line.startswith("order:"))
    trade = project.path("data/topics/trade.yaml")
    text = trade.read_text(encoding="utf-8")
    current = next(line for line in text.splitlines() if line.startswith("order:"))
    trade.write_text(text.replace(current, taken), encoding="utf-8")
    line = text.splitlines().index(current) + 1
    problems = problems_of(tmp_path)
    assert [str(p.position) for p in problems if p.code is Code.DUPLICATE_ORDER] == [
        f"data/topics/trade.yaml:{line}:8"
    ]


def test_a_taken_order_names_the_next_free_number(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.replace("data/topics/trade.yaml", "order: 1", "order: 2")
    (problem,) = [p for p in problems_of(tmp_path) if "order" in p.message]
    assert problem.message == "order 2 is also used by topic 'diplomacy'"
    assert problem.hint.startswith("give each topic its own position: 3 is the next free number")


def test_topics_without_order_follow_the_numbered_ones_by_title(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    project.replace("data/topics/diplomacy.yaml", "order: 2\n", "")
    # "Diplomacy" sorts before "Trade…", but trade has a number and diplomacy none.
    assert list(load_knowledge(tmp_path).topics) == ["trade", "diplomacy"]
    project.replace("data/topics/trade.yaml", "order: 1\n", "")
    assert list(load_knowledge(tmp_path).topics) == ["diplomacy", "trade"]
