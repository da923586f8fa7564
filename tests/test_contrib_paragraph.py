"""`python -m macros paragraph`: a source read by paragraph number, with the claims quoting it."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.tools import cli
from macros.tools.paragraphs import ParagraphError, format_paragraphs, source_paragraphs
from tests.helpers import SOURCE_ID, Project, write_project
from tests.test_contrib_check import make, needs_make


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return write_project(tmp_path)


def test_one_paragraph_sentence_by_sentence_with_its_claims(
    project: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--root", str(project.root), "paragraph", "2"]) == 0
    assert capsys.readouterr().out == (
        f"{SOURCE_ID} (data/sources/{SOURCE_ID}.txt), paragraph 2 of 4\n"
        "\n"
        "¶ 2\n"
        "  2.1  The railway project has been at a standstill for decades, and nothing suggests "
        "it will move soon.\n"
        "        quoted by: railway-stalled\n"
    )


def test_every_paragraph_numbered_and_what_no_claim_quotes_yet(project: Project) -> None:
    view = source_paragraphs(project.root)
    assert [p.number for p in view.paragraphs] == [1, 2, 3, 4]
    out = format_paragraphs(view)
    assert "¶ 4 (not body text, cannot be quoted: Byline fragment, not body text.)" in out
    assert "  4.1  • A. N. Author" in out
    assert "quoted by: trade-grew" in out
    project.replace("data/claims/core.yaml", '  quote: "“balance” is', '  quote: "“Balance” is')
    out = format_paragraphs(source_paragraphs(project.root, None, 3))
    assert "        quoted by: no claim yet" in out
    assert "Left out: 1 claim(s) whose quote does not match the text" in out


def test_wrong_numbers_and_ids_say_what_exists(project: Project) -> None:
    with pytest.raises(ParagraphError, match="has paragraphs 1 to 4, not 9"):
        source_paragraphs(project.root, None, 9)
    with pytest.raises(ParagraphError, match="did you mean 'sample-article'"):
        source_paragraphs(project.root, "sample", 1)


def test_a_source_whose_metadata_is_not_finished_is_shown(project: Project) -> None:
    project.write("data/sources/draft.txt", "First paragraph. Second sentence.\n\nLast one.\n")
    with pytest.raises(ParagraphError, match="name the source: one of draft, sample-article"):
        source_paragraphs(project.root)
    out = format_paragraphs(source_paragraphs(project.root, "draft"))
    assert "note: data/sources/draft.yaml is missing or has problems" in out
    assert "  1.2  Second sentence." in out


@needs_make
def test_make_paragraph(project: Project) -> None:
    done = make(project.root, "paragraph", f"ID={SOURCE_ID}", "N=1")
    assert done.returncode == 0, done.stderr
    assert "  1.1  Seoul’s trade with Moscow grew steadily" in done.stdout
    done = make(project.root, "paragraph", "N=0")
    assert done.returncode != 0
    assert "has paragraphs 1 to 4, not 0" in done.stderr
