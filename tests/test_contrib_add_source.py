"""`python -m macros add-source`: archive a text or HTML file as a new source."""

from __future__ import annotations

import datetime as dt
import hashlib
import textwrap
from pathlib import Path

import pytest
import yaml

from macros.core.quotes import ArchivedText
from macros.pages.json_schemas import stamp_files
from macros.tools import cli
from macros.tools.add_source import (
    AddSourceError,
    add_source,
    extract_html,
    extract_text,
    normalise,
)
from tests.helpers import Project, problems_of, write_project

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ports and Trains | Example Review</title>
<meta name="author" content="Jane  Q. Writer">
<meta property="og:site_name" content="Example Review">
<meta property="article:published_time" content="2020-03-04T10:00:00Z">
<link rel="canonical" href="https://example.org/ports-and-trains">
<style>p { color: red }</style>
<script>document.write("<p>not text</p>");</script>
</head>
<body>
<nav><ul><li>Home</li><li>About us</li></ul></nav>
<h1>Ports   and Trains</h1>
<p>The port of Vladivostok handles most of the trade&nbsp;with Busan.
   It is “busy” all year &amp; every year.</p>
<blockquote><p>Rail links remain a dream, one official said.</p></blockquote>
<ul><li>First point<br>continued here</li><li>Second point</li></ul>
<div>Stray text outside paragraphs</div>
<p>   </p>
<noscript><p>Please enable JavaScript</p></noscript>
</body>
</html>
"""

EXPECTED_TEXT = (
    "Ports and Trains\n"
    "\n"
    "The port of Vladivostok handles most of the trade\u00a0with Busan.\n"
    "It is “busy” all year & every year.\n"
    "\n"
    "Rail links remain a dream, one official said.\n"
    "\n"
    "First point\n"
    "continued here\n"
    "\n"
    "Second point\n"
)

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return write_project(tmp_path / "project")


def _meta(project: Project, ident: str) -> dict[str, object]:
    loaded = yaml.safe_load(project.read(f"data/sources/{ident}.yaml"))
    assert isinstance(loaded, dict)
    return loaded


def test_html_page_becomes_normalised_text_and_prefilled_metadata(
    project: Project, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    added = add_source(project.root, "writer-2020-ports", page, today=TODAY)

    text_bytes = project.path("data/sources/writer-2020-ports.txt").read_bytes()
    assert text_bytes.decode("utf-8") == EXPECTED_TEXT
    assert added.sha256 == hashlib.sha256(text_bytes).hexdigest()
    assert added.paragraphs == 5
    assert added.to_fill == ("licence",)

    meta = _meta(project, "writer-2020-ports")
    assert meta == {
        "title": "Ports and Trains | Example Review",
        "author": "Jane Q. Writer",
        "publisher": "Example Review",
        "published": "2020-03-04",
        "language": "en",
        "url": "https://example.org/ports-and-trains",
        "retrieved": "2026-11-27",
        "licence": "",
        "republish": False,
        "sha256": added.sha256,
    }
    raw = project.read("data/sources/writer-2020-ports.yaml")
    assert raw.startswith("# yaml-language-server: $schema=../../schema/source.schema.json\n")
    assert "data/sources/writer-2020-ports.yaml" not in stamp_files(project.root, write=False)
    assert "FILL IN" in next(line for line in raw.splitlines() if line.startswith("licence:"))
    assert "CHECK" in next(line for line in raw.splitlines() if line.startswith("title:"))
    for optional in ("# author_aliases:", "# series:", "# excluded_blocks:"):
        assert optional in raw


def test_make_check_flags_the_fields_left_to_fill(project: Project, tmp_path: Path) -> None:
    page = tmp_path / "notes.txt"
    page.write_text("One paragraph of notes.\n\nAnother paragraph.\n", encoding="utf-8")
    added = add_source(project.root, "notes-2024", page, today=TODAY)
    assert added.to_fill == ("title", "author", "publisher", "published", "language", "licence")
    problems = problems_of(project.root)
    flagged = {
        project.read("data/sources/notes-2024.yaml").splitlines()[p.position.line - 1].split(":")[0]
        for p in problems
        if p.position.path == "data/sources/notes-2024.yaml"
    }
    assert flagged == set(added.to_fill)


def test_filled_in_source_passes_the_check(project: Project, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    add_source(project.root, "writer-2020-ports", page, today=TODAY)
    project.replace(
        "data/sources/writer-2020-ports.yaml",
        'licence: ""',
        'licence: "Not known: only quoted excerpts are shown."',
    )
    assert cli.main(["--root", str(project.root), "check"]) == 0


def test_text_file_normalisation() -> None:
    raw = "\ufeff  Title line  \r\n\r\n\r\n\tFirst para,\r\n  second line. \r\n \u00a0\r\nCafe\u0301 two\n\n\n"
    paragraphs = extract_text(raw.removeprefix("\ufeff")).paragraphs
    text = normalise(paragraphs)
    assert text == "Title line\n\nFirst para,\nsecond line.\n\nCafé two\n"
    assert "\u0301" not in text  # NFC
    # Paragraph numbering is what the checker sees.
    assert [p.number for p in ArchivedText.parse(text).paragraphs] == [1, 2, 3]


def test_line_paragraphs_option(project: Project, tmp_path: Path) -> None:
    page = tmp_path / "lines.txt"
    page.write_text("First line.\nSecond line.\n\nThird.\n", encoding="utf-8")
    add_source(project.root, "lines-2024", page, today=TODAY, line_paragraphs=True)
    assert project.read("data/sources/lines-2024.txt") == "First line.\n\nSecond line.\n\nThird.\n"


def test_refuses_to_overwrite(project: Project, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Some text of the source.\n", encoding="utf-8")
    before = project.read("data/sources/sample-article.txt")
    with pytest.raises(AddSourceError, match="already exists"):
        add_source(project.root, "sample-article", page)
    assert project.read("data/sources/sample-article.txt") == before
    # Only the metadata file exists: still refused, and the text file is not written either.
    project.write("data/sources/half-done.yaml", "# half\n")
    with pytest.raises(AddSourceError, match=r"half-done\.yaml already exists"):
        add_source(project.root, "half-done", page)
    assert not project.path("data/sources/half-done.txt").exists()


@pytest.mark.parametrize(
    ("ident", "content", "message"),
    [
        ("Bad_Id", "text", "not a valid id"),
        ("empty-file", "  \n\n", "no text found"),
        ("empty-page", "<html><body><div>no paragraphs</div></body></html>", "no text found"),
    ],
)
def test_refusals(project: Project, tmp_path: Path, ident: str, content: str, message: str) -> None:
    page = tmp_path / ("in.html" if "<html" in content else "in.txt")
    page.write_text(content, encoding="utf-8")
    with pytest.raises(AddSourceError, match=message):
        add_source(project.root, ident, page)


def test_non_utf8_input_is_refused(project: Project, tmp_path: Path) -> None:
    page = tmp_path / "latin1.txt"
    page.write_bytes("Caf\xe9 society".encode("latin-1"))
    with pytest.raises(AddSourceError, match="not UTF-8"):
        add_source(project.root, "latin", page)


def test_command_line(project: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    root = str(project.root)
    assert cli.main(["--root", root, "add-source", "--id", "writer-2020-ports", str(page)]) == 0
    out = capsys.readouterr().out
    assert "wrote data/sources/writer-2020-ports.txt (5 paragraphs, sha256 " in out
    assert "Fill in data/sources/writer-2020-ports.yaml: licence" in out
    assert cli.main(["--root", root, "add-source", "--id", "writer-2020-ports", str(page)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_html_metadata_fallbacks() -> None:
    page = textwrap.dedent(
        """\
        <html><head>
        <meta name="citation_title" content="The Real Title">
        <title>Site | The Real Title</title>
        <meta property="article:author" content="https://example.org/people/jane">
        <meta name="citation_publication_date" content="2019/05/06">
        <meta property="og:url" content="https://example.org/a">
        </head><body><p>Text.</p></body></html>
        """
    )
    extracted = extract_html(page)
    assert extracted.meta == {
        "title": "The Real Title",
        "published": "2019-05-06",
        "url": "https://example.org/a",
    }
    assert extracted.paragraphs == ["Text."]


def test_unclosed_head_still_yields_the_body() -> None:
    extracted = extract_html("<html><head><title>T</title><body><p>Body text.</p>")
    assert extracted.paragraphs == ["Body text."]
    assert extracted.meta["title"] == "T"
