"""`make re-archive`: a new version of a source's text, every quote anchored in it again, exactly.

The project is the small one of tests/helpers.py; each new version is its text edited here. Expected
places are found with `str.index` in the new text, never with the code under test.
"""

from __future__ import annotations

import hashlib
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from macros.core.project import load_knowledge
from macros.tools.add_source import add_source, normalise
from macros.tools.cli import main
from macros.tools.re_archive import (
    AMBIGUOUS,
    CHANGED,
    MOVED,
    ORPHANED,
    UNCHANGED,
    ReArchive,
    ReArchiveError,
    re_archive,
)
from tests.helpers import ARCHIVED_TEXT, SOURCE_ID, Project, sha256_of, write_project

TEXT_FILE = f"data/sources/{SOURCE_ID}.txt"
META_FILE = f"data/sources/{SOURCE_ID}.yaml"
CLAIMS_FILE = "data/claims/core.yaml"
TRADE = (
    "Seoul’s trade with Moscow grew steadily after the two countries established relations in 1990"
)
RAILWAY = "The railway project has been at a standstill for decades"
BALANCE = "“balance” is the word for the country’s foreign policy"
INSERTED = "A paragraph added in the corrected version, about the ports of the Far East."
# The small project's text as add-source archives it (its byline loses its leading spaces).
ARCHIVED = normalise(ARCHIVED_TEXT.split("\n\n"))
PARAGRAPHS = ARCHIVED.rstrip("\n").split("\n\n")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = write_project(tmp_path / "project")
    old = sha256_of(project.path(TEXT_FILE))
    project.write(TEXT_FILE, ARCHIVED)
    project.replace(META_FILE, old, sha256_of(project.path(TEXT_FILE)))
    load_knowledge(project.root)  # a valid project to start from
    return project


def new_version(tmp_path: Path, text: str, name: str = "new.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def files(project: Project) -> tuple[bytes, bytes, bytes]:
    return tuple(project.path(f).read_bytes() for f in (TEXT_FILE, META_FILE, CLAIMS_FILE))  # type: ignore[return-value]


def quote_at(project: Project, quote: str) -> str:
    """Where a claim's quote is written in the claims file: `path:line:col` of its opening '"'."""
    return project.at(CLAIMS_FILE, f'"{quote}')


def outcome(result: ReArchive, claim: str) -> str:
    return next(q.outcome for q in result.quotes if q.ref.owner == claim)


def run_cli(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


# -- nothing to do ---------------------------------------------------------------------------


def test_the_same_text_with_other_line_ends_and_spaces_is_identical(
    project: Project, tmp_path: Path
) -> None:
    before = files(project)
    messy = ARCHIVED.replace("\n", "  \r\n")
    code, output = run_cli(
        "--root",
        str(project.root),
        "re-archive",
        "--id",
        SOURCE_ID,
        str(new_version(tmp_path, messy)),
    )
    assert code == 0, output
    assert "identical" in output
    assert files(project) == before


# -- exact: unchanged and moved --------------------------------------------------------------


def test_quotes_after_an_inserted_paragraph_move_and_the_new_text_is_written(
    project: Project, tmp_path: Path
) -> None:
    new = "\n\n".join([PARAGRAPHS[0], INSERTED, *PARAGRAPHS[1:]]) + "\n"
    claims_before = project.read(CLAIMS_FILE)
    result = re_archive(project.root, SOURCE_ID, new_version(tmp_path, new))
    assert [(q.ref.owner, q.outcome) for q in result.quotes] == [
        ("trade-grew", UNCHANGED),
        ("railway-stalled", MOVED),
        ("balance-word", MOVED),
    ]
    railway = next(q for q in result.quotes if q.ref.owner == "railway-stalled")
    assert railway.old is not None and railway.new is not None
    assert (railway.old.paragraph, railway.new.paragraph) == (2, 3)
    assert (railway.new.start, railway.new.end) == (
        new.index(RAILWAY),
        new.index(RAILWAY) + len(RAILWAY),
    )
    assert result.written and result.problems == ()
    # The text and its sha256 are written, the byline's exclusion follows it to block 5, and the
    # claims themselves are untouched: their places are derived from the text at every build.
    assert project.read(TEXT_FILE) == new
    assert hashlib.sha256(new.encode()).hexdigest() in project.read(META_FILE)
    assert "  - block: 5\n" in project.read(META_FILE)
    assert project.read(CLAIMS_FILE) == claims_before
    kb = load_knowledge(project.root)
    assert kb.claims["balance-word"].match.start == new.index(BALANCE)
    assert kb.claims["balance-word"].match.paragraph == 4


def test_an_edit_after_the_quotes_leaves_them_unchanged(project: Project, tmp_path: Path) -> None:
    new = ARCHIVED.replace("foreign policy.", "foreign policy, they add.")
    result = re_archive(project.root, SOURCE_ID, new_version(tmp_path, new))
    assert {q.outcome for q in result.quotes} == {UNCHANGED}
    assert result.written
    assert "foreign policy, they add." in project.read(TEXT_FILE)


# -- not exact: changed, ambiguous, orphaned -------------------------------------------------


def test_a_changed_quote_shows_the_nearest_passage_and_a_word_diff_and_nothing_is_written(
    project: Project, tmp_path: Path
) -> None:
    before = files(project)
    new = ARCHIVED.replace("grew steadily", "grew slowly")
    path = new_version(tmp_path, new)
    result = re_archive(project.root, SOURCE_ID, path)
    assert outcome(result, "trade-grew") == CHANGED
    changed = next(q for q in result.quotes if q.ref.owner == "trade-grew")
    assert changed.nearest is not None
    assert changed.nearest.text == TRADE.replace("steadily", "slowly") + "."  # to the stop
    assert changed.nearest.paragraph == 1
    assert changed.diff.startswith("Seoul’s trade with Moscow grew [-steadily-] {+slowly+} after")
    assert changed.new is None  # never anchored to text that differs from the quote
    assert not result.written
    assert files(project) == before
    code, output = run_cli("--root", str(project.root), "re-archive", "--id", SOURCE_ID, str(path))
    assert code == 1
    assert f"{quote_at(project, TRADE)}" in output
    assert "word diff: Seoul’s trade with Moscow grew [-steadily-] {+slowly+} after" in output
    assert "Nothing written" in output and "--accept-changes" in output


def test_a_quote_whose_paragraph_is_gone_is_orphaned(project: Project, tmp_path: Path) -> None:
    replacement = "Nobody in the capital now speaks about any of this, the correspondents report."
    new = ARCHIVED.replace(PARAGRAPHS[2], replacement)
    result = re_archive(project.root, SOURCE_ID, new_version(tmp_path, new))
    assert outcome(result, "balance-word") == ORPHANED
    assert outcome(result, "trade-grew") == UNCHANGED
    assert not result.written


def test_a_quote_that_now_occurs_twice_is_ambiguous(project: Project, tmp_path: Path) -> None:
    new = ARCHIVED.replace(PARAGRAPHS[2], f"{PARAGRAPHS[2]}\n\n{RAILWAY}, it is said again.")
    result = re_archive(project.root, SOURCE_ID, new_version(tmp_path, new))
    ambiguous = next(q for q in result.quotes if q.ref.owner == "railway-stalled")
    assert ambiguous.outcome == AMBIGUOUS
    assert "occurs 2 times" in ambiguous.detail
    assert not result.written


def test_accepted_changes_are_written_and_left_to_make_check(
    project: Project, tmp_path: Path
) -> None:
    claims_before = project.read(CLAIMS_FILE)
    new = ARCHIVED.replace("grew steadily", "grew slowly").replace(
        PARAGRAPHS[2],
        "Nobody in the capital now speaks about any of this, the correspondents report.",
    )
    path = new_version(tmp_path, new)
    code, output = run_cli(
        "--root", str(project.root), "re-archive", "--id", SOURCE_ID, str(path), "--accept-changes"
    )
    assert code == 1
    assert project.read(TEXT_FILE) == new
    assert hashlib.sha256(new.encode()).hexdigest() in project.read(META_FILE)
    assert project.read(CLAIMS_FILE) == claims_before  # no quote was "repaired" to other words
    # What make check now reports, at each quote a contributor has to fix.
    assert "make check now reports 2 problem(s)" in output
    for quote in (TRADE, BALANCE):
        assert f"  {quote_at(project, quote)}: quote not found in the source" in output
    code, check = run_cli("--root", str(project.root), "check", "--no-github")
    assert code == 1
    assert quote_at(project, TRADE) in check and quote_at(project, BALANCE) in check


# -- excluded blocks, normalisation, refusals ------------------------------------------------


def test_an_excluded_block_missing_from_the_new_text_stops_the_write(
    project: Project, tmp_path: Path
) -> None:
    before = files(project)
    new = "\n\n".join(PARAGRAPHS[:3]) + "\n"  # the byline is gone
    result = re_archive(project.root, SOURCE_ID, new_version(tmp_path, new))
    assert {q.outcome for q in result.quotes} == {UNCHANGED}
    assert [(b.old, b.new) for b in result.blocks] == [(4, None)]
    assert not result.written and files(project) == before
    accepted = re_archive(project.root, SOURCE_ID, new_version(tmp_path, new), accept_changes=True)
    assert accepted.written
    assert any("block 4 does not exist" in p.message for p in accepted.problems)


def test_a_new_version_is_normalised_exactly_as_add_source_does(
    project: Project, tmp_path: Path
) -> None:
    paragraphs = [*PARAGRAPHS[:3], INSERTED, PARAGRAPHS[3]]
    page = (
        "<html><body><nav>Menu</nav>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</body></html>"
    )
    html = new_version(tmp_path, page, "new.html")
    result = re_archive(project.root, SOURCE_ID, html)
    assert result.written, [q.outcome for q in result.quotes]
    added = add_source(tmp_path / "other", "other-source", html)
    assert project.read(TEXT_FILE) == added.text_path.read_text(encoding="utf-8")
    assert "Menu" not in project.read(TEXT_FILE)


@pytest.mark.parametrize(
    ("ident", "message"),
    [
        ("no-such-source", "there is no source 'no-such-source'"),
        ("Bad Id", "not a valid source id"),
    ],
)
def test_refusals_are_one_line_without_traceback(
    project: Project, tmp_path: Path, ident: str, message: str
) -> None:
    path = new_version(tmp_path, ARCHIVED)
    with pytest.raises(ReArchiveError, match=message):
        re_archive(project.root, ident, path)
    code, output = run_cli("--root", str(project.root), "re-archive", "--id", ident, str(path))
    assert code == 2
    assert message in output and "Traceback" not in output


def test_a_source_whose_text_was_already_replaced_by_hand_is_refused(
    project: Project, tmp_path: Path
) -> None:
    project.write(TEXT_FILE, ARCHIVED.replace("grew steadily", "grew slowly"))
    with pytest.raises(ReArchiveError, match="sha256 does not match"):
        re_archive(project.root, SOURCE_ID, new_version(tmp_path, ARCHIVED))
