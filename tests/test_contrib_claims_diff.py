"""`python -m macros claims-diff`: everything a branch changes in the data, as a reviewer reads it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from macros.tools import cli
from macros.tools.claims_diff import diff_revisions
from macros.tools.diff_report import format_markdown, md, word_diff
from macros.tools.revisions import GitError, branch_point, resolve
from tests.helpers import REPO, SOURCE_ID, Project, sha256_of, write_argued_project, write_project

CLAIMS = "data/claims/core.yaml"

NEW_CLAIM = """\
- id: railway-unlikely-soon
  source: sample-article
  quote: "nothing suggests it will move soon"
  statement: The article expects the railway project not to move forward soon.
  kind: forecast
  topics: [trade]
  actors: []
"""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def commit(project: Project, message: str) -> None:
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    """A git repository holding the small project on `main`, and a branch `change` off it."""
    project = write_project(tmp_path / "repo")
    git(project.root, "init", "-q", "-b", "main")
    commit(project, "base")
    git(project.root, "switch", "-q", "-c", "change")
    return project


def summary(project: Project, *args: str) -> str:
    """What `make claims-diff` prints, run as CI and contributors run it."""
    done = subprocess.run(
        [sys.executable, "-m", "macros", "--root", str(project.root), "claims-diff", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def edit_claims(project: Project) -> None:
    """One claim added and cited, one removed (and its citations), one reworded and re-kinded."""
    project.replace(
        CLAIMS,
        "  statement: Observers in Seoul call the country’s foreign policy one of balance.\n"
        "  kind: attribution\n",
        "  statement: Observers in Seoul describe the country’s foreign policy as balanced.\n"
        "  kind: assessment\n",
    )
    project.replace(
        CLAIMS,
        'quote: "“balance” is the word for the country’s foreign policy"',
        'quote: "that “balance” is the word for the country’s foreign policy"',
    )
    content = project.read(CLAIMS)
    start = content.index("- id: trade-grew")
    end = content.index("- id: railway-stalled")
    project.write(CLAIMS, content[:start] + content[end:] + NEW_CLAIM)
    project.replace(
        "data/topics/trade.yaml",
        'Trade is the core of the relationship. {{ cite("trade-grew") }}',
        '{{ claim("railway-unlikely-soon") }}',
    )


def test_default_compares_the_commit_head_with_where_the_branch_started(repo: Project) -> None:
    edit_claims(repo)
    commit(repo, "edit")
    out = summary(repo)
    base = git(repo.root, "rev-parse", "main").strip()
    assert out.startswith(f"## Data changes: `{base[:10]}` → `HEAD` (`")
    assert "the merge-base of HEAD and main: what the branch adds to it." in out
    assert "| claims | 1 | 1 | 1 | 1 |" in out
    # The new claim: where its quote is and where it is cited.
    assert (
        "- **added** `railway-unlikely-soon`: The article expects the railway project not to "
        "move forward soon. (`data/claims/core.yaml`)\n"
        "  > nothing suggests it will move soon\n"
        "  - kind: forecast · source: sample-article · ¶ 2 · topics: trade\n"
        "  - cited on: topic: Trade between Seoul and Moscow"
    ) in out
    assert "- **removed** `trade-grew`" in out
    # Word-level highlighting of the changed statement and quote, and both kinds.
    assert (
        "  - statement: Observers in Seoul ~~call~~ **describe** the country’s foreign policy "
        "~~one of balance~~ **as balanced**."
    ) in out
    assert "  - quote: **that** “balance” is the word for the country’s foreign policy" in out
    assert "  - kind: ~~attribution~~ → **assessment**" in out
    # The topic whose prose changed, word by word.
    assert "- **changed** `trade`: Trade between Seoul and Moscow" in out
    assert (
        '  - lead: ~~Trade is the core of the relationship. {{ cite("trade-grew") }}~~ → '
        '**{{ claim("railway-unlikely-soon") }}**'
    ) in out


def test_uncommitted_changes_are_named_not_silently_left_out(repo: Project) -> None:
    edit_claims(repo)
    out = summary(repo)
    assert "Nothing in the data was added, removed or changed." in out
    assert "Uncommitted changes are not included (`data/claims/core.yaml`, " in out
    # …and the working tree is one option away.
    out = summary(repo, "--head", "working-tree")
    assert out.startswith("## Data changes: ")
    assert "→ the working tree" in out.splitlines()[0]
    assert "- **added** `railway-unlikely-soon`" in out


def test_after_a_commit_the_default_still_shows_the_branch(repo: Project) -> None:
    """The old default compared the working tree, so after `git commit` it showed nothing."""
    edit_claims(repo)
    commit(repo, "edit")
    assert "- **added** `railway-unlikely-soon`" in summary(repo)
    assert "- **added** `railway-unlikely-soon`" in summary(repo, "--base", "main")


def test_origin_main_is_preferred_to_main(repo: Project) -> None:
    git(repo.root, "update-ref", "refs/remotes/origin/main", "main")
    head = resolve(repo.root, "HEAD")
    assert branch_point(repo.root, head).how == "the merge-base of HEAD and origin/main"


def test_no_main_branch_says_what_to_do(tmp_path: Path) -> None:
    project = write_project(tmp_path / "repo")
    git(project.root, "init", "-q", "-b", "trunk")
    commit(project, "base")
    with pytest.raises(GitError, match="neither origin/main nor main exists"):
        branch_point(project.root, resolve(project.root, "HEAD"))


def test_new_source_shows_its_licence_and_republish(repo: Project) -> None:
    text = "A new archived text, with one paragraph.\n\nAnd a second one.\n"
    repo.write("data/sources/second-article.txt", text)
    digest = sha256_of(repo.path("data/sources/second-article.txt"))
    repo.write(
        "data/sources/second-article.yaml",
        repo.read(f"data/sources/{SOURCE_ID}.yaml")
        .replace("title: A Sample Article", "title: A Second Article")
        .replace("sha256: ", "sha256: x")
        .replace(f"x{sha256_of(repo.path(f'data/sources/{SOURCE_ID}.txt'))}", digest)
        .replace("republish: false", "republish: true")
        .replace(
            "excluded_blocks:\n  - block: 4\n    reason: Byline fragment, not body text.\n", ""
        ),
    )
    commit(repo, "source")
    out = summary(repo)
    assert "| sources | 1 | 0 | 0 | 1 |" in out
    assert (
        "- **added** `second-article`: A Second Article (`data/sources/second-article.yaml`)" in out
    )
    assert "  - author: A. N. Author · publisher: Example Press · published: 2021-07-15" in out
    assert (
        "  - licence: Not known: only quoted excerpts are shown. · republish: "
        "**true: the site shows the full text**"
    ) in out
    assert "  - paragraphs: 2 in data/sources/second-article.txt" in out


def test_every_kind_of_record_is_summarised(repo: Project) -> None:
    repo.write(
        "data/topics/railway.yaml",
        textwrap.dedent(
            """\
            # Topic: the railway
            title: The railway
            lead: |
              {{ claim("railway-stalled") }}
            sections:
              - heading: Its standstill
                body: |
                  {{ claim("railway-stalled") }}
            """
        ),
    )
    repo.replace("data/actors/russia.yaml", "aliases: [Moscow]", "aliases: [Moscow, the Kremlin]")
    repo.replace("data/events.yaml", "title: Railway at a standstill", "title: Railway stalled")
    repo.replace("data/glossary.yaml", "term: Balance", "term: Balance (foreign policy)")
    repo.replace("docs/index.md", "Welcome.", "Welcome to the site.")
    commit(repo, "all kinds")
    out = summary(repo)
    assert "- **added** `railway`: The railway (`data/topics/railway.yaml`)" in out
    assert "  - sections 1 heading: Its standstill" in out
    assert "- **changed** `russia`: Russia (`data/actors/russia.yaml`) — aliases" in out
    assert "  - aliases: **+ the Kremlin**" in out
    assert "  - title: Railway ~~at a standstill~~ **stalled**" in out
    assert "  - term: ~~Balance~~ → **Balance (foreign policy)**" in out
    assert "- **changed** `docs/index.md`: Home (`docs/index.md`) — text" in out
    assert "Welcome **to the site**." in out
    # A claim now cited on one more page says so.
    assert "  - cited on: **+ topic: The railway, timeline: Railway stalled**" in out


def test_moved_claim_and_a_claim_no_page_cites(repo: Project) -> None:
    content = repo.read(CLAIMS)
    start = content.index("- id: balance-word")
    repo.write(CLAIMS, content[:start] + NEW_CLAIM)
    repo.write("data/claims/diplomacy.yaml", "# Diplomacy\n" + content[start:])
    commit(repo, "move")
    diff = diff_revisions(repo.root, resolve(repo.root, "main"), resolve(repo.root, "HEAD"))
    (moved,) = [c for c in diff.changes if c.id == "balance-word"]
    assert moved.fields == (("file", CLAIMS, "data/claims/diplomacy.yaml"),)
    out = format_markdown(diff)
    assert "  - file: data/claims/~~core.yaml~~ **diplomacy.yaml**" in out
    assert "  - ⚠️ cited on no page" in out


def test_unreadable_file_is_not_reported_as_removed(repo: Project) -> None:
    repo.replace(CLAIMS, "  statement: Seoul’s trade with Moscow grew steadily.", "  statement: [x")
    commit(repo, "broken")
    out = summary(repo)
    assert "- **removed**" not in out
    assert "- ⚠️ **not readable** `trade-grew`" in out
    assert "`make check` at `HEAD`" in out and "problem" in out


def test_unknown_revision(repo: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(repo.root), "claims-diff", "--base", "no-such-branch"]) == 2
    assert "'no-such-branch' is not a known git revision" in capsys.readouterr().err


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    project = write_project(outer / "site")
    git(outer, "init", "-q", "-b", "main")
    commit(Project(outer), "base")
    project.append(CLAIMS, NEW_CLAIM)
    commit(Project(outer), "claim")
    diff = diff_revisions(project.root, resolve(project.root, "main~1"), resolve(outer, "HEAD"))
    assert [c.id for c in diff.changes] == ["railway-unlikely-soon"]
    assert diff.unchanged["claim"] == 3


def test_values_are_shown_as_text_not_markup() -> None:
    assert md("<b>*x*</b> [l](u) `c` a|b ~~s~~") == (
        "\\<b\\>\\*x\\*\\</b\\> \\[l\\](u) \\`c\\` a\\|b \\~\\~s\\~\\~"
    )
    assert "\n" not in md("two\nlines")
    assert word_diff("a *b* c", "a <i>b</i> c") == ("a ~~\\*~~ **\\<i\\>**b~~\\*~~ **\\</i\\>** c")


def test_word_diff_keeps_context_short() -> None:
    words = " ".join(f"w{n}" for n in range(60))
    changed = words.replace("w30", "W30")
    shown = word_diff(words, changed)
    assert "~~w30~~ **W30**" in shown
    assert shown.startswith("… ") and shown.endswith(" …")
    assert "w10 " not in shown


def test_links_and_further_quotes_are_shown_with_their_paragraph(repo: Project) -> None:
    write_argued_project(repo.root)  # adds the port essay: a source, a topic, claims with links
    commit(repo, "port essay")
    out = summary(repo)
    assert "| links between claims | 7 | 0 | | |" in out
    assert "### Links between claims" in out
    assert (
        "- **added** `traffic-grew` because `faster-loading`: “grew by a third, because the new "
        "cranes”"
    ) in out
    # On the claim itself: the link and the further quote, each with its source and paragraph.
    assert (
        "  - link 1: because faster-loading: “grew by a third, because the new cranes” "
        "(port-essay, ¶ 2)"
    ) in out
    assert (
        "  - further quote 1: “Nine barges in ten that reach the town unload there” "
        "(port-essay, ¶ 1)"
    ) in out
    assert (
        "  - link 1: evidence-for faster-loading: “in half the time. Loading a barge now” " in out
    )
    assert "(port-essay, ¶ 2; fact)" in out
    assert "- **added** `port`: The river port (`data/topics/port.yaml`)" in out
    assert "`make check` at `HEAD`" in out and "no problems." in out
