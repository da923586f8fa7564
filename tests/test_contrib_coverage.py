"""`python -m macros coverage`: per source, the sentences that no claim's quote covers yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.tools import cli
from macros.tools.coverage_report import below, coverage_reports, format_report
from tests.helpers import SOURCE_ID, Project, write_argued_project, write_project
from tests.test_contrib_find_quote import ARTICLE, add_article


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return write_project(tmp_path)


def test_fully_covered_source(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(project.root), "coverage"]) == 0
    out = capsys.readouterr().out
    assert "sample-article — A Sample Article" in out
    assert "3/3 sentences covered (100.0%) by 3 claims" in out
    assert "not yet covered" not in out
    assert out.rstrip().endswith("All sources: 3/3 sentences covered (100.0%).")


def test_uncovered_sentences_are_listed_with_their_paragraph(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    add_article(project)
    assert cli.main(["--root", str(project.root), "coverage"]) == 0
    out = capsys.readouterr().out
    report = next(r for r in coverage_reports(project.root).sources if r.id == ARTICLE)
    total = report.coverage.sentences
    assert f"{ARTICLE} — Double Ally:" in out
    assert f"0/{total} sentences covered (0.0%) by 0 claims" in out
    assert f"not yet covered by any claim's quote ({total}):" in out
    assert "    ¶1: In the three decades since Russia and South Korea established" in out
    assert "    ¶7: Trade is conducted almost exclusively by sea.\n" in out
    # Excluded blocks (the disclaimer and the byline) are not body text, so never listed.
    assert "¶20:" not in out
    assert "¶21:" not in out


def test_a_claim_covers_the_sentences_its_quote_overlaps(project: Project) -> None:
    add_article(project)
    project.append(
        "data/claims/core.yaml",
        f"""\
- id: trade-by-sea
  source: {ARTICLE}
  quote: "Trade is conducted almost exclusively by sea. Hence the interest"
  statement: Trade between Russia and South Korea is conducted almost exclusively by sea.
  kind: fact
  topics: [trade]
  actors: [russia, south-korea]
- id: broken-quote
  source: {ARTICLE}
  quote: "This sentence is not in the article at all."
  statement: Nothing.
  kind: fact
  topics: [trade]
  actors: []
""",
    )
    report = next(r for r in coverage_reports(project.root).sources if r.id == ARTICLE)
    assert report.claims == 1
    assert report.skipped == ("broken-quote",)
    assert report.coverage.covered == 2
    text = format_report(coverage_reports(project.root))
    assert "¶7: Trade is conducted" not in text
    assert "¶7: Hence the interest" not in text
    assert "¶7: There were also plans" in text
    assert "1 claim(s) skipped, their quote does not match (make check): broken-quote" in text


def test_min_option(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(project.root)
    assert cli.main(["--root", root, "coverage", "--min", "100"]) == 0
    add_article(project)
    assert cli.main(["--root", root, "coverage", "--min", "50", "--summary"]) == 1
    captured = capsys.readouterr()
    assert f"{ARTICLE}: coverage 0.0% is below the minimum 50%" in captured.err
    assert "not yet covered" not in captured.out
    assert [r.id for r in below(coverage_reports(project.root), 50)] == [ARTICLE]
    assert cli.main(["--root", root, "coverage", "--min", "0"]) == 0


@pytest.mark.parametrize("bad", ["abc", "101", "-1"])
def test_min_must_be_a_percentage(project: Project, bad: str) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["--root", str(project.root), "coverage", "--min", bad])
    assert raised.value.code == 2


def test_source_with_broken_metadata_is_named(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    project.replace("data/sources/sample-article.yaml", "title: A Sample Article", 'title: ""')
    assert cli.main(["--root", str(project.root), "coverage"]) == 0
    out = capsys.readouterr().out
    assert "data/sources/sample-article.yaml: not included, its metadata has problems" in out
    assert "No sources to report on." in out


def test_a_further_quote_covers_its_sentence_in_the_other_source(tmp_path: Path) -> None:
    """A claim of one source that also quotes another covers that one's sentence too."""
    report = next(
        r
        for r in coverage_reports(write_argued_project(tmp_path).root).sources
        if r.id == SOURCE_ID
    )
    (sentence,) = [
        s
        for p in report.coverage.paragraphs
        for s in p.sentences
        if "Seoul’s trade with Moscow grew steadily after the two countries" in s.text
    ]
    assert "seoul-trade-grew-too" in sentence.claims
