"""Playing the contributor: every command block of CONTRIBUTING.md, run in order on a copy.

The guide is read as it is: its ```sh blocks are run line by line, in the order they appear, and
its YAML examples (`<!-- example: … -->`) are written where its steps say, so the guide cannot drift
from what works. Three commands need the outside world and are stood in for: `git clone` (a copy of
this repository, committed on `main`), `git push` (there is no remote: the claims diff a reviewer
reads is checked instead) and `make serve` (a strict build of the same site). A command the test
does not know fails it, so a new block in the guide cannot go unrun.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from macros.pages.json_schemas import stamp_files
from tests.sitebuild import REPO, BuildResult, copy_project, mkdocs_build, page_links

pytestmark = pytest.mark.build

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
ARTICLE = "tertitskiy-2021-double-ally"
VENV = Path(sys.executable).parent.parent

# A page written for this test, archived by the guide's `make add-source` step.
PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head><title>Ports of the Far East</title><meta name="author" content="A. Writer"></head>
<body>
<nav><p>Home · About</p></nav>
<h1>Ports of the Far East</h1>
<p>Most cargo between Vladivostok and Busan travels by sea, and the ferries run all year.</p>
<p>The harbour authorities expect traffic to grow.</p>
</body>
</html>
"""


def example(name: str) -> str:
    """The YAML block that follows `<!-- example: name -->` in CONTRIBUTING.md (dedented)."""
    found = re.search(
        rf"^( *)<!-- example: {re.escape(name)} -->\n\1```yaml\n(.*?)^\1```\n", GUIDE, re.S | re.M
    )
    assert found, f"CONTRIBUTING.md has no example block '{name}'"
    return textwrap.dedent(found.group(2))


@dataclass(frozen=True)
class Block:
    at: int  # offset in the guide
    kind: str  # "sh" or an example's name
    text: str


def guide_blocks() -> list[Block]:
    """Every command block and YAML example of the guide, in the order a reader meets them."""
    blocks = [
        Block(m.start(), "sh", textwrap.dedent(m.group(2)))
        for m in re.finditer(r"^( *)```sh\n(.*?)^\1```", GUIDE, re.S | re.M)
    ]
    blocks += [
        Block(m.start(), m.group(1), "") for m in re.finditer(r"<!-- example: ([a-z-]+) -->", GUIDE)
    ]
    return sorted(blocks, key=lambda b: b.at)


def pasted_phrase() -> str:
    """What the guide pastes at `make find-quote`'s prompt."""
    found = re.search(
        r"```sh\n *make find-quote\n *```\n\n *```text\n *Paste the words from the source, then "
        r"press Enter:\n *(.+?)\n",
        GUIDE,
    )
    assert found, "CONTRIBUTING.md shows no phrase pasted at `make find-quote`"
    return found.group(1)


def ids_in(block: str) -> list[str]:
    return re.findall(r"^- id: (\S+)$", block, re.M)


def existing_ids(project: Path) -> set[str]:
    """Every id already used in the project's data (stems and `id:` values)."""
    ids = {p.stem for p in (project / "data").rglob("*.yaml")}
    for path in (project / "data").rglob("*.yaml"):
        ids.update(re.findall(r"^-\s+id:\s*(\S+)", path.read_text(encoding="utf-8"), re.M))
    return ids


def cite_in_first_section(topic_file: Path, call: str) -> None:
    """The guide's "add it as a new paragraph of a section's body", in the first section."""
    lines = topic_file.read_text(encoding="utf-8").split("\n")
    start = next(
        (i for i, line in enumerate(lines) if re.match(r"^\s*-?\s*body: \|[-+]?\s*$", line)), None
    )
    assert start is not None, f"{topic_file.name} has no `body: |` section to cite in"
    key_indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    end, indent = start + 1, ""
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        if len(line) - len(line.lstrip(" ")) <= key_indent:
            break
        indent = indent or line[: len(line) - len(line.lstrip(" "))]
        end = i + 1
    lines[end:end] = ["", f"{indent}{call}"]
    topic_file.write_text("\n".join(lines), encoding="utf-8")


@dataclass
class Contributor:
    """The copy being edited, and what each command printed."""

    project: Path
    home: Path
    renames: dict[str, str] = field(default_factory=dict)  # example id → id used (collisions)
    outputs: list[tuple[str, str]] = field(default_factory=list)  # (command, output)
    builds: list[BuildResult] = field(default_factory=list)
    new_topic: str = ""
    source_added: str = ""

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "HOME": str(self.home),
            "PYTHONPATH": str(REPO),
            "GIT_AUTHOR_NAME": "A Contributor",
            "GIT_AUTHOR_EMAIL": "contributor@example.org",
            "GIT_COMMITTER_NAME": "A Contributor",
            "GIT_COMMITTER_EMAIL": "contributor@example.org",
            "NO_MKDOCS_2_WARNING": "1",
        }

    def shell(self, command: str, *, stdin: str = "") -> str:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=self.project,
            env=self.env(),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"`{command}` failed:\n{output}"
        return output

    def renamed(self, text: str) -> str:
        for old, new in self.renames.items():
            text = re.sub(rf"\b{re.escape(old)}\b(?!-)", new, text)
        return text

    # -- the guide's YAML examples and the edits its steps describe ---------------------------
    def write_example(self, name: str) -> None:
        block = example(name)
        taken = existing_ids(self.project)
        for ident in ids_in(block):
            if ident in taken:  # the data grows; the guide's examples may lag behind it
                self.renames[ident] = f"{ident}-example"
        block = self.renamed(block)
        if name == "claim-for-existing-topic":
            # A3: at the end of an existing claims file; A4: cited on its topic's page.
            (claim,) = ids_in(block)
            (topic,) = re.findall(r"^  topics: \[(\S+)\]$", block, re.M)
            target = self.project / "data" / "claims" / "economy.yaml"
            target.write_text(
                target.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block, encoding="utf-8"
            )
            cite_in_first_section(
                self.project / "data" / "topics" / f"{topic}.yaml", f'{{{{ claim("{claim}") }}}}'
            )
        elif name == "claims-for-new-topic":
            (self.new_topic,) = set(re.findall(r"^  topics: \[(\S+)\]$", block, re.M))
            path = self.project / "data" / "claims" / f"{self.new_topic}.yaml"
            path.write_text(block, encoding="utf-8")
        elif name == "new-topic":
            path = self.project / "data" / "topics" / f"{self.new_topic}.yaml"
            path.write_text(block, encoding="utf-8")
        else:
            pytest.fail(f"the walkthrough does not know where example '{name}' goes")

    def fill_in_source(self) -> None:
        """C3: the values add-source could not take from the page."""
        meta = self.project / "data" / "sources" / f"{self.source_added}.yaml"
        filled = meta.read_text(encoding="utf-8")
        for name, value in {
            "publisher": "Example Review",
            "published": "2024-05-01",
            "licence": "Not known: treated as all rights reserved; only quoted excerpts are shown.",
        }.items():
            filled = re.sub(rf'^{name}: ""', f'{name}: "{value}"', filled, flags=re.M)
        meta.write_text(filled, encoding="utf-8")

    # -- the guide's commands --------------------------------------------------------------------
    def run(self, line: str) -> None:
        words = shlex.split(line)
        if words[0] == "git" and words[1] == "clone":
            self.clone()
        elif words[0] == "cd":
            pass  # the copy is where every command runs
        elif words[0] == "git" and words[1] == "push":
            pass  # no remote: the claims diff below is what a reviewer reads
        elif words[0] == "git" and words[1] in ("switch", "add", "commit"):
            self.outputs.append((line, self.shell(line)))
        elif words[:2] == ["make", "serve"]:
            build = mkdocs_build(self.project, self.project / "site")
            assert build.returncode == 0, build.output
            self.builds.append(build)
        elif words[0] == "make":
            self.make(line, words[1])
        else:
            pytest.fail(f"CONTRIBUTING.md runs `{line}`, which the walkthrough does not know")

    def make(self, line: str, target: str) -> None:
        if target == "add-source":
            downloads = self.home / "Downloads"
            downloads.mkdir(parents=True, exist_ok=True)
            (downloads / "article.html").write_text(PAGE, encoding="utf-8")
            self.source_added = re.search(r"ID=(\S+)", line).group(1)  # type: ignore[union-attr]
        if target == "re-archive":
            (self.home / "Downloads" / "article-corrected.html").write_text(PAGE, encoding="utf-8")
        if target == "check" and self.source_added:
            self.fill_in_source()
        stdin = pasted_phrase() + "\n" if target == "find-quote" else ""
        makefile = f"make --no-print-directory -f {shlex.quote(str(REPO / 'Makefile'))}"
        venv = f"VENV={shlex.quote(str(VENV))} -o {shlex.quote(str(VENV / '.installed'))}"
        command = line.replace("make ", f"{makefile} {venv} ", 1)
        self.outputs.append((line, self.shell(self.renamed(command), stdin=stdin)))

    def clone(self) -> None:
        """What `git clone` gives: the repository's files, committed on main."""
        self.shell("git init -q -b main && git add -A && git commit -q -m 'The repository'")

    def output_of(self, command: str, occurrence: int = -1) -> str:
        found = [out for line, out in self.outputs if line == command]
        assert found, f"`{command}` was not run"
        return found[occurrence]


@pytest.fixture(scope="module")
def contributor(tmp_path_factory: pytest.TempPathFactory) -> Contributor:
    if not (REPO / "data" / "sources" / f"{ARTICLE}.yaml").is_file():
        pytest.fail(f"data/sources/{ARTICLE}.yaml is missing: the walkthrough quotes that article")
    tmp = tmp_path_factory.mktemp("contributor")
    walker = Contributor(copy_project(tmp / "REPOSITORY"), tmp / "home")
    for block in guide_blocks():
        if block.kind == "sh":
            for line in block.text.splitlines():
                if line.strip():
                    walker.run(line.strip())
        else:
            walker.write_example(block.kind)
    return walker


def test_every_command_of_the_guide_ran(contributor: Contributor) -> None:
    ran = {line for line, _ in contributor.outputs}
    assert {"make check", "make find-quote", "make claims-diff", "make paragraph N=10"} <= ran
    assert len(contributor.builds) >= 2  # each `make serve`


def test_the_paragraph_and_the_quote_finder_show_what_the_guide_says(
    contributor: Contributor,
) -> None:
    paragraph = contributor.output_of("make paragraph N=10")
    assert "  10.1  For Seoul, in addition to tourism and trade" in paragraph
    assert "quoted by: " in paragraph
    found = contributor.output_of("make find-quote")
    assert "ready to paste: yes — occurs exactly once in the body text" in found
    (pasted,) = re.findall(r"^   quote: (.+)$", found, re.M)
    assert yaml.safe_load(f"quote: {pasted}")["quote"] in example("claim-for-existing-topic")


def test_every_check_passed_and_the_schema_lines_are_right(contributor: Contributor) -> None:
    checks = [out for line, out in contributor.outputs if line == "make check"]
    assert len(checks) >= 3
    assert all("OK: " in out for out in checks)
    new = [f"data/claims/{contributor.new_topic}.yaml", f"data/topics/{contributor.new_topic}.yaml"]
    assert not set(new) & set(stamp_files(contributor.project, write=False))


def test_the_claims_diff_tells_a_reviewer_everything_the_topic_added(
    contributor: Contributor,
) -> None:
    diff = contributor.output_of("make claims-diff")
    topic = contributor.new_topic
    assert "the merge-base of HEAD and main" in diff
    assert "`make check` at `HEAD`" in diff and "no problems." in diff
    assert (
        f"- **added** `{topic}`: Moscow’s levers over Pyongyang (`data/topics/{topic}.yaml`)"
        in diff
    )
    claims = ids_in(contributor.renamed(example("claims-for-new-topic")))
    assert len(claims) == 3
    for claim in claims:
        added = diff.split(f"- **added** `{claim}`: ", 1)[1].split("\n- ", 1)[0]
        assert f"(`data/claims/{topic}.yaml`)" in added
        assert "source: tertitskiy-2021-double-ally · ¶ 11" in added  # where its quote is
        assert "cited on: topic: Moscow’s levers over Pyongyang" in added  # where it is shown
    # The link, with the quote that states it.
    assert f"- **added** `{claims[0]}` because `{claims[1]}`: “very little influence" in diff
    # The claim added to an existing topic is in the same branch's diff.
    assert "cited on: topic: Tourism" in diff


def test_the_site_builds_strictly_with_the_new_pages(contributor: Contributor) -> None:
    build = contributor.builds[-1]
    assert "WARNING" not in build.output
    topic = (build.site / "topics" / contributor.new_topic / "index.html").read_text(
        encoding="utf-8"
    )
    links, _ = page_links(topic)
    for claim in ids_in(contributor.renamed(example("claims-for-new-topic"))):
        assert f"../../claims/#{claim}" in [url for _, url in links]
    listed, _ = page_links((build.site / "topics" / "index.html").read_text(encoding="utf-8"))
    assert f"{contributor.new_topic}/" in [url for _, url in listed]


def test_the_new_source_was_archived_and_checked(contributor: Contributor) -> None:
    ident = contributor.source_added
    assert (contributor.project / "data" / "sources" / f"{ident}.txt").is_file()
    shown = contributor.output_of(f"make paragraph ID={ident}")
    assert "Most cargo between Vladivostok and Busan travels by sea" in shown
    assert "OK: " in contributor.output_of("make check")  # after filling in the metadata
