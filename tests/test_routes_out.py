"""Routes out of the site: data downloads, the repository and its claim-is-wrong form, Cite this,
link-preview meta, and a build date taken from the commit, never from the clock."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from macros.pages.site_info import SiteInfo, build_date
from tests.sitebuild import MKDOCS, REPO, BuildResult, copy_project, mkdocs_build

pytestmark = pytest.mark.build

REPOSITORY = "https://github.com/example-owner/double-ally"
EPOCH = "1795996800"  # 30 November 2026, 00:00 UTC (after the sources were retrieved)


@pytest.fixture(scope="module")
def with_repo(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    site = tmp_path_factory.mktemp("routes") / "site"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_REPO_URL": REPOSITORY,
        "SITE_URL": "https://example.org/double-ally/",
        "SOURCE_DATE_EPOCH": EPOCH,
    }
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-d", str(site)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return BuildResult(done.returncode, done.stdout + done.stderr, site)


@pytest.fixture(scope="module")
def without_repo(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A copy outside any git checkout, without SITE_REPO_URL or SOURCE_DATE_EPOCH."""
    tmp = tmp_path_factory.mktemp("no-repo")
    project = copy_project(tmp / "project")
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SITE_REPO_URL", raising=False)
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def _html(build: BuildResult, page: str) -> str:
    return (build.site / page / "index.html").read_text(encoding="utf-8")


def test_the_claims_index_and_every_footer_link_the_data_downloads(with_repo: BuildResult) -> None:
    claims = _html(with_repo, "claims")
    for name in ("claims.json", "claims.csv", "annotations.jsonld"):
        assert f'href="../{name}" download>' in claims
        assert (with_repo.site / name).is_file()
    for path in sorted(with_repo.site.rglob("index.html")):
        footer = path.read_text(encoding="utf-8").split('class="md-copyright site-footer"', 1)[1]
        assert "claims.json</a>" in footer and "claims.csv</a>" in footer, path


def test_every_claim_links_its_prefilled_claim_is_wrong_form(with_repo: BuildResult) -> None:
    claims = _html(with_repo, "claims")
    records = json.loads((with_repo.site / "claims.json").read_text(encoding="utf-8"))
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/claim-is-wrong.yml").read_text())
    field_ids = {item.get("id") for item in form["body"]}
    for record in records:
        article = claims.split(f'data-claim="{record["id"]}"', 1)[1].split("</article>", 1)[0]
        link = re.search(r'class="claim-report" href="([^"]+)"', article)
        assert link is not None, record["id"]
        href = html.unescape(link[1])
        url = urlsplit(href)
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPOSITORY}/issues/new"
        query = parse_qs(url.query)
        assert query["template"] == ["claim-is-wrong.yml"]
        assert query["claim"] == [record["id"]]  # the form's field of that id is filled in
        assert query["title"] == [f"Claim: {record['id']}"]
    assert "claim" in field_ids


def test_the_footer_and_about_page_link_the_repository(with_repo: BuildResult) -> None:
    home = _html(with_repo, ".")
    assert f'<a href="{REPOSITORY}">Source repository</a>' in home
    assert (
        f'<a href="{REPOSITORY}/issues/new?template=claim-is-wrong.yml">Report a wrong claim'
        in home
    )
    about = _html(with_repo, "about")
    assert f'<a href="{REPOSITORY}/issues/new?template=claim-is-wrong.yml">open an issue' in about
    assert 'href="../claims.json"' in about and 'href="../claims.csv"' in about


def test_without_a_repository_nothing_links_to_one(without_repo: BuildResult) -> None:
    for path in sorted(without_repo.site.rglob("index.html")):
        page = path.read_text(encoding="utf-8")
        assert "claim-report" not in page and "Source repository" not in page, path
        assert "repo:" not in page, path
    about = _html(without_repo, "about")
    assert "open an issue in the repository with the" in " ".join(about.split())
    assert 'href="../claims.json"' in about  # the downloads are there all the same


def test_the_build_date_is_the_commits_never_the_clocks(
    with_repo: BuildResult, without_repo: BuildResult
) -> None:
    home = _html(with_repo, ".")
    assert 'Built from the commit of <time datetime="2026-11-30">30 November 2026</time>.' in home
    assert "built 30 November 2026" in _html(with_repo, "claims")  # in every citation too
    # A copy outside git, with no SOURCE_DATE_EPOCH, names no date rather than today's.
    assert "Built from the commit of" not in _html(without_repo, ".")


def test_build_date_reads_the_epoch_then_git(tmp_path: Path) -> None:
    assert build_date(tmp_path, {"SOURCE_DATE_EPOCH": EPOCH}) == "2026-11-30"
    assert build_date(tmp_path, {}) == ""  # not a git checkout
    assert build_date(tmp_path, {"SOURCE_DATE_EPOCH": "soon"}) == ""
    last_commit = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%cs"], capture_output=True, text=True
    ).stdout.strip()
    if last_commit:
        assert build_date(REPO, {}) == last_commit


def test_every_page_has_open_graph_and_twitter_card_meta(with_repo: BuildResult) -> None:
    for path in sorted(with_repo.site.rglob("index.html")):
        page = path.read_text(encoding="utf-8")
        head = page.split("</head>", 1)[0]
        meta = dict(
            re.findall(r'<meta (?:property|name)="((?:og|twitter):\w+)" content="([^"]*)"', head)
        )
        assert meta["og:site_name"] == "Double Ally", path
        assert meta["og:title"] and meta["og:description"], path
        assert meta["twitter:card"] == "summary", path
        assert meta["og:url"].startswith("https://example.org/double-ally/"), path
    topic = _html(with_repo, "topics/trade")
    assert '<meta property="og:title" content="Trade">' in topic


def test_every_page_and_claim_can_be_cited(with_repo: BuildResult) -> None:
    pages = sorted(with_repo.site.rglob("index.html"))
    for path in pages:
        assert "<summary>Cite this page</summary>" in path.read_text(encoding="utf-8"), path
    claims = _html(with_repo, "claims")
    records = json.loads((with_repo.site / "claims.json").read_text(encoding="utf-8"))
    assert claims.count('<p class="cite-label">Cite this claim:</p>') == len(records)
    first = records[0]
    box = claims.split(f'data-claim="{first["id"]}"', 1)[1].split("</article>", 1)[0]
    plain = html.unescape(
        re.sub("<[^>]+>", "", box.split('class="cite-plain">', 1)[1].split("</p>")[0])
    )
    assert plain.startswith(f"“{first['statement']}” Claim {first['id']}, quoting ")
    assert plain.endswith(f"https://example.org/double-ally/claims/#{first['id']}")
    bibtex = html.unescape(box.split('<pre class="cite-bibtex">', 1)[1].split("</pre>")[0])
    assert bibtex.startswith(f"@misc{{double-ally:claim-{first['id']},\n  title        = {{")
    assert f"howpublished = {{\\url{{https://example.org/double-ally/claims/#{first['id']}}}}}" in (
        bibtex.replace("\\#", "#")
    )
    assert "year         = 2026" in bibtex


def test_site_info_only_offers_the_issue_form_of_a_github_repository() -> None:
    assert SiteInfo(repo_url="https://gitlab.com/o/r").issue_form("x") == ""
    assert SiteInfo().issue_form() == ""
    assert SiteInfo(repo_url="https://github.com/o/r/").issue_form("a-b") == (
        "https://github.com/o/r/issues/new?template=claim-is-wrong.yml&title=Claim%3A%20a-b&claim=a-b"
    )
