"""A bad edit fails `mkdocs build` with file:line messages and leaves the last good site untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import BuildResult, copy_project, mkdocs_build, tree_digest

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.output
    return project, result


def _first_claim_file(project: Path) -> Path:
    return sorted((project / "data" / "claims").glob("*.yaml"))[0]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            lambda text: text.replace("quote: ", "quote: 'Not in the source at all, surely' #", 1),
            "quote not found in the source",
            id="wrong-quote",
        ),
        pytest.param(
            lambda text: text.replace("source: ", "source: no-such-source #", 1),
            "unknown source 'no-such-source'",
            id="dangling-id",
        ),
        pytest.param(
            lambda text: text.replace("  kind: ", "  kind: fact\n  kind: ", 1),
            "duplicate key 'kind'",
            id="duplicate-key",
        ),
    ],
)
def test_bad_edit_fails_with_position_and_keeps_site(
    good_build: tuple[Path, BuildResult], edit: object, expected: str
) -> None:
    project, good = good_build
    claims = _first_claim_file(project)
    original = claims.read_text(encoding="utf-8")
    before = tree_digest(good.site)
    assert callable(edit)
    claims.write_text(edit(original), encoding="utf-8")
    try:
        result = mkdocs_build(project, good.site)
    finally:
        claims.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert "Traceback" not in result.output
    relative = claims.relative_to(project).as_posix()
    lines = [line for line in result.output.splitlines() if expected in line]
    assert lines, result.output
    assert f"{relative}:" in lines[0]
    location = lines[0].split(f"{relative}:")[1].split(":")
    assert location[0].isdigit() and location[1].isdigit(), lines[0]
    assert " — " in lines[0], "the message says how to fix it"
    assert tree_digest(good.site) == before, "site/ must be left as it was"
