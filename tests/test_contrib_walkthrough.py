"""Playing the contributor: follow CONTRIBUTING.md on a copy of the repository and build the site.

The examples are read from CONTRIBUTING.md itself (the YAML blocks marked `<!-- example: … -->` and
the `make find-quote` phrase), so the guide cannot drift from what actually works.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from macros.pages.json_schemas import stamp_files
from macros.tools import cli
from tests.sitebuild import REPO, BuildResult, copy_project, mkdocs_build, page_links

pytestmark = pytest.mark.build

SOURCE_PROJECT = REPO  # the repository whose copy the contributor edits
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
ARTICLE = "tertitskiy-2021-double-ally"


def example(name: str) -> str:
    """The YAML block that follows `<!-- example: name -->` in CONTRIBUTING.md."""
    found = re.search(rf"<!-- example: {re.escape(name)} -->\n```yaml\n(.*?)```\n", GUIDE, re.S)
    assert found, f"CONTRIBUTING.md has no example block '{name}'"
    return found.group(1)


def find_quote_phrase() -> str:
    """The phrase the guide pastes at `make find-quote`'s prompt."""
    found = re.search(
        r"```sh\nmake find-quote\n```\n\n```text\nPaste the words from the source, then press "
        r"Enter:\n(.+?)\n",
        GUIDE,
    )
    assert found, "CONTRIBUTING.md has no `make find-quote` example with a pasted phrase"
    return found.group(1)


def new_topic_id() -> str:
    """The topic the guide's new claims belong to (their `topics:` list names only it)."""
    topics: set[str] = set(
        re.findall(r"^  topics: \[(\S+)\]$", example("claims-for-new-topic"), re.M)
    )
    (topic,) = topics
    return topic


NEW_TOPIC = new_topic_id()


def ids_in(block: str) -> list[str]:
    return re.findall(r"^- id: (\S+)$", block, re.M)


def existing_ids(project: Path) -> set[str]:
    """Every id already used in the project's data (stems and `id:` values)."""
    ids = {p.stem for p in (project / "data").rglob("*.yaml")}
    for path in (project / "data").rglob("*.yaml"):
        ids.update(re.findall(r"^-\s+id:\s*(\S+)", path.read_text(encoding="utf-8"), re.M))
    return ids


def avoid_collisions(project: Path, blocks: list[str], ids: list[str]) -> list[str]:
    """Rename example ids that the real data already uses (the data grows; the guide may lag)."""
    taken = existing_ids(project)
    for ident in ids:
        if ident in taken:
            blocks = [
                re.sub(rf"\b{re.escape(ident)}\b(?!-)", f"{ident}-example", b) for b in blocks
            ]
    return blocks


def cite_in_first_section(topic_file: Path, call: str) -> None:
    """Step A3: the call as a new paragraph at the end of the topic's first section body."""
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


def next_order(project: Path) -> int:
    orders = [
        yaml.safe_load(p.read_text(encoding="utf-8")).get("order", 0)
        for p in (project / "data" / "topics").glob("*.yaml")
    ]
    return max(orders, default=0) + 1


@dataclass(frozen=True)
class Contribution:
    project: Path
    build: BuildResult
    existing_topic: str
    claim_a: str  # the claim added to an existing topic
    claims_b: list[str]  # the claims of the new topic


@pytest.fixture(scope="module")
def contribution(tmp_path_factory: pytest.TempPathFactory) -> Contribution:
    if not (SOURCE_PROJECT / "data" / "sources" / f"{ARTICLE}.yaml").is_file():
        pytest.fail(f"data/sources/{ARTICLE}.yaml is missing: the walkthrough quotes that article")
    project = copy_project(tmp_path_factory.mktemp("contributor"), SOURCE_PROJECT)
    root = ["--root", str(project)]

    # A1: find the exact words; the finder's `quote:` line is what the guide's example pastes.
    claim_block = example("claim-for-existing-topic")
    assert cli.main([*root, "find-quote", find_quote_phrase()]) == 0
    # A2: add the claim at the end of an existing claims file.
    new_claims, new_topic_claims, new_topic = avoid_collisions(
        project,
        [claim_block, example("claims-for-new-topic"), example("new-topic")],
        [*ids_in(claim_block), *ids_in(example("claims-for-new-topic"))],
    )
    (claim_a,) = ids_in(new_claims)
    (existing_topic,) = re.findall(r"^  topics: \[(\S+)\]$", new_claims, re.M)
    assert (project / "data" / "topics" / f"{existing_topic}.yaml").is_file(), (
        f"CONTRIBUTING.md's example cites topic '{existing_topic}', which data/topics/ lacks"
    )
    claims_file = sorted((project / "data" / "claims").glob("*.yaml"))[0]
    text = claims_file.read_text(encoding="utf-8")
    claims_file.write_text(text.rstrip("\n") + "\n\n" + new_claims, encoding="utf-8")
    # A3: cite it in the topic's prose.
    cite_in_first_section(
        project / "data" / "topics" / f"{existing_topic}.yaml", f'{{{{ claim("{claim_a}") }}}}'
    )
    # A4: make check.
    assert cli.main([*root, "check"]) == 0

    # B1: the new topic's claims in a new claims file; B2: the topic file, with the next order.
    (project / "data" / "claims" / f"{NEW_TOPIC}.yaml").write_text(
        new_topic_claims, encoding="utf-8"
    )
    new_topic = re.sub(r"^order: \d+$", f"order: {next_order(project)}", new_topic, flags=re.M)
    (project / "data" / "topics" / f"{NEW_TOPIC}.yaml").write_text(new_topic, encoding="utf-8")
    assert cli.main([*root, "check"]) == 0
    new_files = [f"data/claims/{NEW_TOPIC}.yaml", f"data/topics/{NEW_TOPIC}.yaml"]
    assert not set(new_files) & set(stamp_files(project, write=False)), "schema lines are wrong"

    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return Contribution(project, build, existing_topic, claim_a, ids_in(new_topic_claims))


def _page(contribution: Contribution, rel: str) -> tuple[list[str], set[str]]:
    path = contribution.build.site / rel
    assert path.is_file(), f"{rel} was not built"
    links, ids = page_links(path.read_text(encoding="utf-8"))
    return [url for _, url in links], ids


def test_guide_examples_quote_the_archived_article() -> None:
    for block in (example("claim-for-existing-topic"), example("claims-for-new-topic")):
        assert f"source: {ARTICLE}" in block
    assert len(ids_in(example("claims-for-new-topic"))) == 3


def test_strict_build_passes_without_warnings(contribution: Contribution) -> None:
    assert "WARNING" not in contribution.build.output


def test_new_topic_page_exists_and_is_listed(contribution: Contribution) -> None:
    links, _ = _page(contribution, f"topics/{NEW_TOPIC}/index.html")
    for claim in contribution.claims_b:
        assert f"../../claims/#{claim}" in links
    topic_list, _ = _page(contribution, "topics/index.html")
    assert f"{NEW_TOPIC}/" in topic_list


def test_new_claims_are_in_the_claims_index_with_their_anchor(contribution: Contribution) -> None:
    links, ids = _page(contribution, "claims/index.html")
    for claim in [contribution.claim_a, *contribution.claims_b]:
        assert claim in ids
    # Each claim links back to the page that cites it.
    assert f"../topics/{NEW_TOPIC}/" in links
    assert f"../topics/{contribution.existing_topic}/" in links


def test_existing_topic_cites_the_added_claim(contribution: Contribution) -> None:
    links, _ = _page(contribution, f"topics/{contribution.existing_topic}/index.html")
    assert f"../../claims/#{contribution.claim_a}" in links


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


def test_add_source_then_one_claim_builds(tmp_path: Path) -> None:
    if not (SOURCE_PROJECT / "data" / "sources" / f"{ARTICLE}.yaml").is_file():
        pytest.fail(f"data/sources/{ARTICLE}.yaml is missing")
    project = copy_project(tmp_path / "project", SOURCE_PROJECT)
    root = ["--root", str(project)]
    page = tmp_path / "ports.html"
    page.write_text(PAGE, encoding="utf-8")
    ident = "writer-2024-far-east-ports"

    # C2: archive it; C4: fill in what add-source could not; C5: check.
    assert cli.main([*root, "add-source", "--id", ident, str(page)]) == 0
    meta = project / "data" / "sources" / f"{ident}.yaml"
    assert cli.main([*root, "check"]) == 1  # the fields marked FILL IN
    filled = meta.read_text(encoding="utf-8")
    for name, value in {
        "publisher": "Example Review",
        "published": "2024-05-01",
        "licence": "Not known: treated as all rights reserved; only quoted excerpts are shown.",
    }.items():
        filled = re.sub(rf'^{name}: ""', f'{name}: "{value}"', filled, flags=re.M)
    meta.write_text(filled, encoding="utf-8")
    assert cli.main([*root, "check"]) == 0

    # One claim from it, cited in an existing topic (as in A).
    topic = sorted((project / "data" / "topics").glob("*.yaml"))[0]
    (project / "data" / "claims" / "far-east-ports.yaml").write_text(
        textwrap.dedent(
            f"""\
            # yaml-language-server: $schema=../../schema/claims.schema.json
            # Claims from the article on Far East ports
            - id: far-east-cargo-by-sea
              source: {ident}
              quote: "Most cargo between Vladivostok and Busan travels by sea"
              statement: The author writes that most cargo between Vladivostok and Busan travels by sea.
              kind: fact
              topics: [{topic.stem}]
              actors: []
            """
        ),
        encoding="utf-8",
    )
    cite_in_first_section(topic, '{{ claim("far-east-cargo-by-sea") }}')
    assert cli.main([*root, "check"]) == 0

    build = mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    source_page = build.site / "sources" / ident / "index.html"
    assert source_page.is_file()
    # The new source may not be republished: its page links to the claim, in the site's words, and
    # the quote itself is shown with the claim in the claims index.
    statement = "The author writes that most cargo between Vladivostok and Busan travels by sea."
    assert statement in html.unescape(source_page.read_text(encoding="utf-8"))
    claims_index = (build.site / "claims" / "index.html").read_text(encoding="utf-8")
    assert "Most cargo between Vladivostok and Busan travels by sea" in html.unescape(claims_index)
    _, ids = page_links(claims_index)
    assert "far-east-cargo-by-sea" in ids
