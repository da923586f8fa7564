"""`python -m macros find-quote`: a phrase copied from a browser → the exact quote to paste."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest
import yaml

from macros.core.project import load_knowledge
from macros.tools import cli
from macros.tools.quote_finder import (
    NOT_BODY_TEXT,
    NOT_UNIQUE,
    TOO_SHORT,
    find_phrase,
    fold_phrase,
    format_result,
    yaml_double_quoted,
)
from tests.helpers import Project, article_text, sha256_of, write_project

ARTICLE = "tertitskiy-2021-double-ally"


def add_article(project: Project, *, metadata: bool = True) -> None:
    """The real archived article as a second source of the small project."""
    project.write(f"data/sources/{ARTICLE}.txt", article_text())
    if not metadata:
        return
    digest = sha256_of(project.path(f"data/sources/{ARTICLE}.txt"))
    project.write(
        f"data/sources/{ARTICLE}.yaml",
        textwrap.dedent(
            f"""\
            # Source metadata: the article
            title: "Double Ally: How Seoul Stays Friendly With Both Washington and Moscow"
            author: Fyodor Tertitskiy
            publisher: Carnegie Moscow Center
            published: "2021-07-15"
            language: en
            url: ""
            retrieved: "2026-11-27"
            licence: "Not known: treated as all rights reserved."
            republish: false
            sha256: {digest}
            excluded_blocks:
              - block: 20
                reason: Publication disclaimer, not body text.
              - block: 21
                reason: Byline fragment, not body text.
            """
        ),
    )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = write_project(tmp_path)
    add_article(project)
    load_knowledge(project.root)  # the fixture itself is valid
    return project


def _paste(output: str) -> list[str]:
    """The `quote: "…"` lines of the output, read back as YAML the way a claim file is."""
    values = []
    for line in output.splitlines():
        if line.strip().startswith("quote: "):
            values.append(yaml.safe_load(line.strip())["quote"])
    return values


def test_browser_copy_with_straight_apostrophe_finds_the_typographic_original(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    phrase = "Seoul's close military alliance with Washington"
    assert cli.main(["--root", str(project.root), "find-quote", phrase]) == 0
    out = capsys.readouterr().out
    assert f"source: {ARTICLE} (data/sources/{ARTICLE}.txt), paragraph 1" in out
    assert "ready to paste: yes — occurs exactly once in the body text" in out
    assert _paste(out) == ["Seoul’s close military alliance with Washington"]


@pytest.mark.parametrize(
    ("phrase", "exact"),
    [
        # straight double quotes for “ ”
        ('the "decades-long chill"', None),
        # a hyphen where the source has an en dash
        ("unlikely to take anti-South Korea actions", "unlikely to take anti–South Korea actions"),
        # an em dash typed for the en dash, and a no-break space pasted for a space
        ("take anti—South\u00a0Korea actions", "take anti–South Korea actions"),
        # the source's no-break space (paragraph 19) matched by an ordinary space
        (
            "the elites and the general populations of both countries.",
            "the elites and the general populations of both countries.",
        ),
        # line breaks and runs of spaces in the copied phrase, soft hyphen and zero-width space
        (
            "Trade is conducted\n  almost exclu\u00adsively\u200b by sea.",
            "Trade is conducted almost exclusively by sea.",
        ),
        # letter case ignored when nothing matches exactly
        (
            "trade is conducted almost exclusively by sea",
            "Trade is conducted almost exclusively by sea",
        ),
    ],
    ids=["straight-double", "hyphen", "em-dash-nbsp", "source-nbsp", "spaces", "case"],
)
def test_lookalike_characters_are_folded_for_searching_only(
    project: Project, phrase: str, exact: str | None
) -> None:
    result = find_phrase(project.root, phrase)
    if exact is None:  # not in the article: just prove the folding does not crash or match
        assert result.occurrences == ()
        return
    assert len(result.occurrences) == 1, format_result(result)
    hit = result.occurrences[0]
    assert hit.exact == exact
    assert hit.source == ARTICLE
    # What it prints is what `make check` accepts as a quote.
    text = project.read(f"data/sources/{ARTICLE}.txt")
    assert " ".join(text[hit.start : hit.end].split()) == exact


def test_pasted_quote_passes_the_check(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(
        [
            "--root",
            str(project.root),
            "find-quote",
            "fuel not only amicability but also frustration",
        ]
    )
    (quote,) = _paste(capsys.readouterr().out)
    project.append(
        "data/claims/core.yaml",
        textwrap.dedent(
            f"""\
            - id: investments-fuel-frustration
              source: {ARTICLE}
              quote: {yaml_double_quoted(quote)}
              statement: The author writes that South Korea’s investments in Russia also fuel frustration.
              kind: assessment
              topics: [trade]
              actors: [south-korea, russia]
            """
        ),
    )
    project.replace(
        "data/topics/trade.yaml",
        'relationship. {{ cite("trade-grew") }}',
        'relationship. {{ cite("trade-grew") }} {{ claim("investments-fuel-frustration") }}',
    )
    kb = load_knowledge(project.root)
    assert kb.claims["investments-fuel-frustration"].match.paragraph == 5


def test_phrase_occurring_twice_is_not_unique(project: Project) -> None:
    result = find_phrase(project.root, "North Korea’s nuclear", source_id=ARTICLE)
    assert len(result.occurrences) > 1
    assert {hit.status for hit in result.occurrences} == {NOT_UNIQUE}
    out = format_result(result)
    assert "ready to paste: no, not unique — quote is ambiguous: it occurs" in out
    assert "occurs more than once" in out


def test_short_phrase_is_found_but_too_short_to_quote(project: Project) -> None:
    """A phrase found once is unique; what is wrong is its length, and the report says so."""
    result = find_phrase(project.root, "Trans-Korean")
    (hit,) = result.occurrences
    assert hit.exact == "Trans-Korean"
    assert hit.status == TOO_SHORT and not hit.ready
    out = format_result(result)
    assert "ready to paste: no, too short — quote is only 12 characters; at least 20" in out
    assert "unique" not in out
    assert "paste this line" not in out


def test_phrase_in_an_excluded_block_is_reported_as_not_body_text(project: Project) -> None:
    result = find_phrase(project.root, "The opinions, findings, and conclusions stated herein")
    (hit,) = result.occurrences
    assert hit.status == NOT_BODY_TEXT
    assert "ready to paste: no, not body text — quote is in block 20" in format_result(result)
    result = find_phrase(project.root, "A. N. Author")
    (hit,) = result.occurrences
    assert hit.excluded == "Byline fragment, not body text."
    assert not hit.ready
    assert "not body text" in format_result(result)


def test_words_present_but_not_together_are_not_called_a_full_match(project: Project) -> None:
    out = format_result(find_phrase(project.root, "Seoul and Moscow", source_id=ARTICLE))
    assert "No passage of the archived sources matches the phrase." in out
    assert "100%" not in out
    assert "It has every word of the phrase, but not next to each other" in out


def test_phrase_from_standard_input_keeps_its_quote_marks(
    project: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('that "balance" is the word\n'))
    assert cli.main(["--root", str(project.root), "find-quote"]) == 0
    assert _paste(capsys.readouterr().out) == ["that “balance” is the word"]


def test_several_arguments_are_a_phrase_the_shell_split(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["the town's small", "but", "loyal community"]
    assert cli.main(["--root", str(project.root), "find-quote", *args]) == 2
    err = capsys.readouterr().err
    assert "got 3 separate arguments" in err
    assert "the shell split the phrase at a quote mark" in err


def test_no_match_prints_the_closest_passage(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    phrase = "Seoul skilfully fulfils its obligations to Washington without undermining ties"
    assert cli.main(["--root", str(project.root), "find-quote", phrase]) == 1
    out = capsys.readouterr().out
    assert "No passage of the archived sources matches the phrase." in out
    assert f"Closest passage: source {ARTICLE} (data/sources/{ARTICLE}.txt), paragraph 2" in out
    assert "fulfills its obligations to Washington without undermining" in out


def test_nothing_close_at_all(project: Project) -> None:
    out = format_result(find_phrase(project.root, "zzzz qqqq xxxx"))
    assert "Nothing close was found" in out


def test_source_option_limits_the_search(project: Project) -> None:
    phrase = "Seoul’s trade with Moscow"
    assert len(find_phrase(project.root, phrase).occurrences) == 1
    assert find_phrase(project.root, phrase, source_id=ARTICLE).occurrences == ()


def test_text_without_valid_metadata_is_still_searched(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    add_article(project, metadata=False)
    result = find_phrase(project.root, "Trade is conducted almost exclusively by sea")
    (hit,) = result.occurrences
    assert hit.source == ARTICLE
    assert "is missing or has problems" in format_result(result)


def test_fold_phrase() -> None:
    assert fold_phrase("  “Don’t” – stop\u00a0\n now ") == '"Don\'t" - stop now'
    assert fold_phrase("") == ""


def test_yaml_double_quoted_round_trips() -> None:
    for text in ["plain", 'with "double" and \\ backslash', "Seoul’s “balance” – ok", "a: b # c"]:
        assert yaml.safe_load(f"quote: {yaml_double_quoted(text)}")["quote"] == text


def test_empty_phrase(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(project.root), "find-quote", "  "]) == 2
    assert "the phrase is empty" in capsys.readouterr().err
