"""Reproducible output: two builds of the same commit are byte for byte the same.

The second build runs from a copy of the project at another path, from another working folder and
with another hash seed, into another site folder, so nothing that differs between two machines or
two checkouts (set order, absolute paths, the output location) can leak into the pages. Only the
sitemap's <lastmod> dates may differ (they are the build date).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.sitebuild import REPO, BuildResult, copy_project, mkdocs_build, tree_digest

pytestmark = pytest.mark.build

SOURCE_PROJECT = REPO
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


@dataclass(frozen=True)
class Twins:
    first: BuildResult
    second: BuildResult
    roots: tuple[Path, Path]


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Twins:
    tmp = tmp_path_factory.mktemp("reproducible")
    first_root = copy_project(tmp / "checkout-one" / "project", SOURCE_PROJECT)
    second_root = copy_project(tmp / "elsewhere" / "checkout-two", SOURCE_PROJECT)
    with pytest.MonkeyPatch.context() as env:
        # The pages show the build date: from the commit (here: as release tools pass it).
        env.setenv(
            "SOURCE_DATE_EPOCH", "1795996800"
        )  # 30 November 2026: after the sources' retrieval
        env.setenv("PYTHONHASHSEED", "1")
        first = mkdocs_build(first_root, tmp / "site-one")
        env.setenv("PYTHONHASHSEED", "4242")
        second = mkdocs_build(second_root, tmp / "out" / "site-two")
    assert first.returncode == 0, first.output
    assert second.returncode == 0, second.output
    return Twins(first, second, (first_root, second_root))


def _without_dates(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return _LASTMOD.sub(b"<lastmod/>", data)


def test_two_builds_are_byte_identical(twins: Twins) -> None:
    one, two = tree_digest(twins.first.site), tree_digest(twins.second.site)
    assert one.keys() == two.keys()
    differ = sorted(name for name in one if one[name] != two[name])
    assert not [name for name in differ if name not in SITEMAPS], differ
    for name in differ:  # sitemaps: equal once their dates are left out
        assert _without_dates(twins.first.site / name) == _without_dates(twins.second.site / name)


def test_the_pages_show_the_commits_date(twins: Twins) -> None:
    home = (twins.first.site / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-11-30">30 November 2026</time>' in home


def test_the_comparison_covers_every_output(twins: Twins) -> None:
    files = tree_digest(twins.first.site)
    for expected in ("search/search_index.json", "claims.json", "claims.csv", "index.html"):
        assert expected in files
    assert sum(name.endswith(".html") for name in files) > 10


def test_no_build_location_leaks_into_the_site(twins: Twins) -> None:
    """Neither the checkout's path nor the output folder's appears in any page or export."""
    leaks: list[str] = []
    for build, root in zip((twins.first, twins.second), twins.roots, strict=True):
        needles = [str(root).encode(), str(build.site).encode(), str(root.parent).encode()]
        for path in sorted(build.site.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".js"):
                data = path.read_bytes()
                leaks += [f"{path.name}: {n.decode()}" for n in needles if n in data]
    assert not leaks
