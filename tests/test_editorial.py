"""The editorial rules in `make check`: each breach a contributor can make, at its `path:line:col`.

Every test starts from the small valid project, makes the one mistake the rule is about, and runs
`python -m macros check` as a contributor does: the located line, its hint and its code.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from macros.core.diagnostics import Position
from macros.core.problems import Code
from macros.core.sentences import prose_sentences, unmarked_uncited
from macros.core.text import Text
from tests.helpers import Project, problems_of, write_argued_project, write_project
from tests.test_contrib_check import run_check

CLAIMS = "data/claims/core.yaml"
TRADE = "data/topics/trade.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return write_project(tmp_path)


def check_lines(project: Project) -> list[str]:
    """The problem lines `make check` prints (it must fail)."""
    done = run_check(project.root)
    assert done.returncode == 1, done.stdout
    return done.stderr.strip().splitlines()[:-2]


def only_line(project: Project, code: Code) -> str:
    lines = [line for line in check_lines(project) if line.endswith(f"[{code}]")]
    assert len(lines) == 1, "\n".join(check_lines(project))
    return lines[0]


# -- numbers, years and dates ---------------------------------------------------------------


def test_a_year_the_quote_lacks_fails_the_check_at_the_statement(project: Project) -> None:
    project.replace(
        CLAIMS,
        "statement: The railway project has been at a standstill for decades.",
        "statement: The railway project was at a standstill from 1948 until 1991.",
    )
    line = only_line(project, Code.NUMBER_NOT_IN_QUOTE)
    assert line.startswith(project.at(CLAIMS, "The railway project was") + ": ")
    assert "the statement gives '1948', '1991', which its quote does not" in line
    assert "quote the words that give it, or leave it out" in line


def test_number_words_count_and_the_quote_may_give_them(project: Project) -> None:
    project.replace(
        CLAIMS,
        "statement: The railway project has been at a standstill for decades.",
        "statement: The railway project has been at a standstill for three decades.",
    )
    assert "'three'" in only_line(project, Code.NUMBER_NOT_IN_QUOTE)
    # "one" is seldom a count, and a number the quote gives is fine.
    project.replace(CLAIMS, "for three decades.", "for decades, one of the delays in 1990.")
    assert "'1990'" in only_line(project, Code.NUMBER_NOT_IN_QUOTE)
    project.replace(CLAIMS, "one of the delays in 1990.", "one of the delays.")
    assert run_check(project.root).returncode == 0


def test_the_sources_publication_date_may_be_named(project: Project) -> None:
    """'As of July 2021' rests on the source's date (published 2021-07-15), not on a quote."""
    project.replace(
        CLAIMS,
        "statement: The railway project has been at a standstill for decades.",
        "statement: As of 15 July 2021, the railway project had been at a standstill for decades.",
    )
    assert run_check(project.root).returncode == 0


def test_an_invented_date_fails_the_check_at_the_date(project: Project) -> None:
    project.replace(
        CLAIMS,
        "  kind: fact\n  topics: [trade]\n  actors: []\n",
        '  kind: fact\n  topics: [trade]\n  actors: []\n  date: "1995-03"\n',
    )
    line = only_line(project, Code.DATE_NOT_IN_QUOTE)
    assert line.startswith(project.at(CLAIMS, '"1995-03"') + ": ")
    assert "date '1995-03' is not in the claim's quote, which lacks 1995, March" in line


def test_a_date_the_quote_gives_passes(project: Project) -> None:
    # trade-grew is dated 1990, and its quote says "established relations in 1990".
    assert run_check(project.root).returncode == 0
    project.replace(CLAIMS, 'date: "1990"', 'date: "1990-05"')
    assert "lacks May" in only_line(project, Code.DATE_NOT_IN_QUOTE)


# -- citations -------------------------------------------------------------------------------


def test_a_sentence_after_a_claim_call_is_uncited(project: Project) -> None:
    """The case the old splitter missed: text after {{ claim() }} joined the claim's sentence."""
    project.replace(
        "data/actors/south-korea.yaml",
        '  {{ claim("balance-word") }}\n',
        '  {{ claim("balance-word") }} Seoul has long courted Moscow.\n',
    )
    line = only_line(project, Code.UNCITED_SENTENCE)
    assert line.startswith(project.at("data/actors/south-korea.yaml", "Seoul has long") + ": ")
    assert "a sentence without a citation: “Seoul has long courted Moscow.”" in line


def test_the_same_sentence_as_its_own_paragraph_is_uncited(project: Project) -> None:
    project.replace(
        "data/actors/south-korea.yaml",
        '  {{ claim("balance-word") }}\n',
        '  {{ claim("balance-word") }}\n\n  Seoul has long courted Moscow.\n',
    )
    line = only_line(project, Code.UNCITED_SENTENCE)
    assert line.startswith(project.at("data/actors/south-korea.yaml", "Seoul has long") + ": ")


def test_a_claim_no_page_cites_fails_the_check_at_its_id(project: Project) -> None:
    project.append(
        CLAIMS,
        textwrap.dedent(
            """\
            - id: railway-unlikely-soon
              source: sample-article
              quote: "nothing suggests it will move soon"
              statement: The author expects the railway project not to move forward soon.
              kind: forecast
              topics: [trade]
              actors: []
            """
        ),
    )
    line = only_line(project, Code.UNCITED_CLAIM)
    assert line.startswith(project.at(CLAIMS, "railway-unlikely-soon") + ": ")
    assert 'cite it with {{ claim("railway-unlikely-soon") }}' in line


def test_a_claim_cited_on_a_topic_it_does_not_list_fails_at_the_call(project: Project) -> None:
    project.replace(
        "data/topics/diplomacy.yaml",
        '  {{ claim("balance-word") }}\n',
        '  {{ claim("balance-word") }} {{ claim("railway-stalled") }}\n',
    )
    line = only_line(project, Code.TOPIC_MISMATCH)
    assert line.startswith(project.at("data/topics/diplomacy.yaml", '{{ claim("railway') + ": ")
    assert "topic 'diplomacy' cites claim 'railway-stalled', whose topics do not include it" in line
    assert f"add diplomacy to the claim's topics ({CLAIMS})" in line


# -- views ----------------------------------------------------------------------------------


def test_an_assessment_worded_as_fact_fails_at_the_statement(project: Project) -> None:
    project.replace(CLAIMS, "  kind: attribution\n", "  kind: assessment\n")
    line = only_line(project, Code.VIEW_NOT_ATTRIBUTED)
    assert line.startswith(project.at(CLAIMS, "Observers in Seoul call") + ": ")
    assert "an assessment worded as fact: the statement names neither the author" in line
    assert "(A. N. Author, Author) nor 'the author'" in line


@pytest.mark.parametrize(
    "statement",
    [
        "The author argues that observers in Seoul call the country’s policy one of balance.",
        "Observers in Seoul, in the author’s view, call the country’s policy one of balance.",
        "Author finds that observers in Seoul call the country’s policy one of balance.",
        "Writer expects observers in Seoul to call the country’s policy one of balance.",
    ],
)
def test_the_author_by_name_alias_or_as_the_author(project: Project, statement: str) -> None:
    project.replace(
        "data/sources/sample-article.yaml", "author: A. N. Author", "author: A. N. Author"
    )
    project.replace(
        "data/sources/sample-article.yaml",
        "publisher: Example Press",
        "author_aliases: [Ann Writer]\npublisher: Example Press",
    )
    project.replace(
        CLAIMS,
        "  statement: Observers in Seoul call the country’s foreign policy one of balance.\n"
        "  kind: attribution\n",
        f"  statement: {statement}\n  kind: assessment\n",
    )
    assert run_check(project.root).returncode == 0, run_check(project.root).stderr


# -- every rule at once, and only once the data is sound ------------------------------------


def test_all_breaches_are_reported_together(project: Project) -> None:
    project.replace(CLAIMS, "  kind: attribution\n", "  kind: forecast\n")
    project.replace(
        "data/actors/south-korea.yaml",
        '  {{ claim("balance-word") }}\n',
        '  {{ claim("balance-word") }} Seoul has long courted Moscow.\n',
    )
    codes = {problem.code for problem in problems_of(project.root)}
    assert codes == {Code.VIEW_NOT_ATTRIBUTED, Code.UNCITED_SENTENCE}


def test_editorial_rules_wait_for_the_data_to_be_sound(project: Project) -> None:
    """A broken quote is reported alone: the rules need every quote found first."""
    project.replace(CLAIMS, "  kind: attribution\n", "  kind: forecast\n")
    project.replace(CLAIMS, 'standstill for decades"', 'standstill for ages"')
    codes = {problem.code for problem in problems_of(project.root)}
    assert codes == {Code.QUOTE_NOT_FOUND}


# -- the sentence splitter -------------------------------------------------------------------

HERE = Position("data/topics/x.yaml", 3, 1)


def sentences(text: str, *, markdown: bool = False) -> list[tuple[str, bool]]:
    return [(s.text, s.cited) for s in prose_sentences(Text(text, HERE, 3), markdown=markdown)]


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        (
            '{{ claim("x") }} Seoul has long courted Moscow.',
            [('{{ claim("x") }}', True), ("Seoul has long courted Moscow.", False)],
        ),
        (
            '{{ claim("x") }}\n\nSeoul has long courted Moscow.',
            [('{{ claim("x") }}', True), ("Seoul has long courted Moscow.", False)],
        ),
        (
            'Trade is the core. {{ claim("x") }}',
            [("Trade is the core.", False), ('{{ claim("x") }}', True)],
        ),
        ('In short, {{ claim("x") }}', [('In short, {{ claim("x") }}', True)]),
        ('Moscow agrees. {{ cite("x") }}', [("Moscow agrees.", True)]),
        (
            'Moscow agrees.{{ cite("x") }} Seoul too.',
            [("Moscow agrees.", True), ("Seoul too.", False)],
        ),
        (
            'The U.S. Embassy in Seoul, {{ cite("x") }} says A. N. Author, agrees.',
            [('The U.S. Embassy in Seoul, {{ cite("x") }} says A. N. Author, agrees.', True)],
        ),
        ('See {{ actor("russia") }}.', [('See {{ actor("russia") }}.', False)]),
        (
            'Read {{ source("s") }} by its author.',
            [('Read {{ source("s") }} by its author.', False)],
        ),
        (
            'It was published in 2021.{{ cite_source("s") }}',
            [("It was published in 2021.", True)],
        ),
        ('“Why?” Because. {{ cite("x") }}', [("“Why?”", False), ("Because.", True)]),
    ],
)
def test_sentences_and_their_citations(prose: str, expected: list[tuple[str, bool]]) -> None:
    assert sentences(prose) == expected


def test_markdown_headings_lists_code_and_the_exemption_comment() -> None:
    page = textwrap.dedent(
        """\
        # Home

        <!-- uncited: what the site is -->
        This site sets out one article. It is checked.

        ## Findings

        - {{ claim("a") }}
        - A finding without a marker.

        ```
        Code. Not prose.
        ```
        """
    )
    found = prose_sentences(Text(page, HERE, 1), markdown=True)
    assert [(s.text, s.cited, s.exempt) for s in found] == [
        ("This site sets out one article.", False, "what the site is"),
        ("It is checked.", False, "what the site is"),
        ('{{ claim("a") }}', True, ""),
        ("A finding without a marker.", False, ""),
    ]
    (uncited,) = unmarked_uncited(Text(page, HERE, 1), markdown=True)
    assert Text(page, HERE, 1).position_at(uncited.start) == Position("data/topics/x.yaml", 12, 3)


# -- links ----------------------------------------------------------------------------------


def test_a_link_whose_claims_no_page_shows_together_fails_at_the_link(tmp_path: Path) -> None:
    project = write_argued_project(tmp_path)
    assert run_check(project.root).returncode == 0
    # fees-rose moves from the port page to Russia's: its link from shippers-prefer-port is then
    # on no page a reader sees.
    project.replace("data/topics/port.yaml", ' {{ claim("fees-rose") }}', "")
    project.replace(
        "data/actors/russia.yaml",
        '  {{ claim("trade-grew") }}\n',
        '  {{ claim("trade-grew") }} {{ claim("fees-rose") }}\n',
    )
    line = only_line(project, Code.LINK_ON_NO_COMMON_PAGE)
    assert line.startswith(project.at("data/claims/port.yaml", "relation: despite") + ": ")
    assert "'shippers-prefer-port' despite 'fees-rose': no page cites both claims" in line


def test_evidence_quotes_may_give_the_number(tmp_path: Path) -> None:
    project = write_argued_project(tmp_path)
    project.replace(
        "data/claims/port.yaml",
        "  statement: The river port handles most of the town’s trade.\n",
        "  statement: The river port handles most of the town’s trade, nine barges in ten.\n",
    )
    assert run_check(project.root).returncode == 0  # "Nine barges in ten" is its evidence
    project.replace("data/claims/port.yaml", "nine barges in ten.", "nine barges in twelve.")
    assert "'twelve'" in only_line(project, Code.NUMBER_NOT_IN_QUOTE)


def test_decades_and_ordinals_in_digits_count(project: Project) -> None:
    project.replace(
        CLAIMS,
        "statement: The railway project has been at a standstill for decades.",
        "statement: The railway project has been at a standstill since the 1990s, its 3rd stall.",
    )
    assert "'1990s', '3rd'" in only_line(project, Code.NUMBER_NOT_IN_QUOTE)
