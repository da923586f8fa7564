"""A small, valid project written into a temporary folder, and tools to break it on purpose.

Tests start from `write_project(tmp_path)`, which must load without a single problem, then make one
edit and assert on the problem that edit causes, at the exact `path:line:col` a contributor sees.
"""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.core.diagnostics import DataError, Problem
from macros.core.problems import Code
from macros.core.project import load_knowledge

REPO = Path(__file__).resolve().parent.parent
SHARED_ARTICLE = Path("/work/shared/sources/tertitskiy-2021-double-ally.txt")
REPO_ARTICLE = REPO / "data" / "sources" / "tertitskiy-2021-double-ally.txt"

SOURCE_ID = "sample-article"

# Four blocks: three paragraphs of body text and a byline fragment (excluded in the metadata).
ARCHIVED_TEXT = (
    "Seoul’s trade with Moscow grew steadily after the two countries established relations "
    "in 1990.\n"
    "\n"
    "The railway project has been at a standstill for decades, and nothing suggests it will "
    "move soon.\n"
    "\n"
    "Observers in Seoul say that “balance” is the word for the country’s foreign policy.\n"
    "\n"
    "  • A. N. Author\n"
)

CLAIMS = """\
# Claims quoted from the sample article
- id: trade-grew
  source: sample-article
  quote: "Seoul’s trade with Moscow grew steadily after the two countries established relations in 1990"
  statement: Seoul’s trade with Moscow grew steadily.
  kind: fact
  topics: [trade]
  actors: [south-korea, russia]
  date: "1990"
- id: railway-stalled
  source: sample-article
  quote: "The railway project has been at a standstill for decades"
  statement: The railway project has been at a standstill for decades.
  kind: fact
  topics: [trade]
  actors: []
- id: balance-word
  source: sample-article
  quote: "“balance” is the word for the country’s foreign policy"
  statement: Observers in Seoul call the country’s foreign policy one of balance.
  kind: attribution
  topics: [diplomacy]
  actors: [south-korea]
"""

TOPIC_TRADE = """\
# Topic: trade
title: Trade between Seoul and Moscow
order: 1
lead: >-
  Trade is the core of the relationship. {{ cite("trade-grew") }}
sections:
  - heading: The railway
    body: |
      A long-planned link between {{ actor("russia") }} and Seoul, whose balance is the subject of {{ topic("diplomacy", "the diplomacy page") }}, was never built. {{ cite("railway-stalled") }}
related: [diplomacy]
"""

TOPIC_DIPLOMACY = """\
# Topic: diplomacy
title: Diplomacy
order: 2
lead: |
  {{ claim("balance-word") }}
sections:
  - heading: Balance
    body: |
      The word {{ term("balance") }} recurs. {{ cite("balance-word") }}
"""

ACTOR_RUSSIA = """\
# Actor: Russia
name: Russia
kind: state
aliases: [Moscow]
native_names:
  - text: Россия
    lang: ru
description: |
  {{ claim("trade-grew") }}
"""

ACTOR_SOUTH_KOREA = """\
# Actor: South Korea
name: South Korea
kind: state
aliases: [Seoul]
description: |
  {{ claim("balance-word") }}
"""

EVENTS = """\
# Events, in chronological order
- id: relations-established
  title: Relations established
  date: "1990"
  summary: |
    {{ claim("trade-grew") }}
  claims: [trade-grew]
  actors: [russia, south-korea]
- id: railway-standstill
  title: Railway at a standstill
  when: for decades
  summary: |
    {{ claim("railway-stalled") }}
  claims: [railway-stalled]
"""

GLOSSARY = """\
# Glossary
- id: balance
  term: Balance
  definition: |
    {{ claim("balance-word") }}
  claims: [balance-word]
"""

INDEX_MD = """\
---
macros: true
---

# Home

{{ claim("trade-grew") }}

<!-- uncited: navigation, not a statement about the sources -->
Welcome. Read about {{ topic("trade") }}.
"""


def source_yaml(sha256: str, url: str = "") -> str:
    return textwrap.dedent(
        f"""\
        # Source metadata: a sample article
        title: A Sample Article
        author: A. N. Author
        publisher: Example Press
        published: "2021-07-15"
        language: en
        url: "{url}"
        retrieved: "2026-11-27"
        licence: "Not known: only quoted excerpts are shown."
        republish: false
        sha256: {sha256}
        excluded_blocks:
          - block: 4
            reason: Byline fragment, not body text.
        """
    )


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Project:
    """A project folder on disk, with helpers to edit its files and find text in them."""

    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, content: str) -> None:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old` in a file (the test is wrong if there is not one)."""
        content = self.read(rel)
        assert content.count(old) == 1, f"{old!r} occurs {content.count(old)} times in {rel}"
        self.write(rel, content.replace(old, new))

    def append(self, rel: str, content: str) -> None:
        self.write(rel, self.read(rel) + content)

    def at(self, rel: str, needle: str, occurrence: int = 1) -> str:
        """`rel:line:col` (1-based) of the n-th occurrence of `needle` in a file."""
        content = self.read(rel)
        offset = -1
        for _ in range(occurrence):
            offset = content.find(needle, offset + 1)
            assert offset != -1, f"{needle!r} not found {occurrence} time(s) in {rel}"
        line = content.count("\n", 0, offset) + 1
        col = offset - (content.rfind("\n", 0, offset) + 1) + 1
        return f"{rel}:{line}:{col}"


def write_project(root: Path, *, url: str = "") -> Project:
    """Write the small valid project into `root` (which may already exist)."""
    project = Project(root)
    project.write(f"data/sources/{SOURCE_ID}.txt", ARCHIVED_TEXT)
    digest = sha256_of(project.path(f"data/sources/{SOURCE_ID}.txt"))
    project.write(f"data/sources/{SOURCE_ID}.yaml", source_yaml(digest, url))
    project.write("data/claims/core.yaml", CLAIMS)
    project.write("data/topics/trade.yaml", TOPIC_TRADE)
    project.write("data/topics/diplomacy.yaml", TOPIC_DIPLOMACY)
    project.write("data/actors/russia.yaml", ACTOR_RUSSIA)
    project.write("data/actors/south-korea.yaml", ACTOR_SOUTH_KOREA)
    project.write("data/events.yaml", EVENTS)
    project.write("data/glossary.yaml", GLOSSARY)
    project.write("docs/index.md", INDEX_MD)
    return project


# A second source, written for the tests: an essay whose sentences state reasons, evidence, an
# example, a concession, a question with its answer and a condition, each with a connective.
ESSAY_ID = "port-essay"
ESSAY_TEXT = (
    "The river port handles most of the town’s trade. Nine barges in ten that reach the town "
    "unload there.\n"
    "\n"
    "Traffic grew by a third, because the new cranes load a barge in half the time. Loading a "
    "barge now takes three hours instead of six.\n"
    "\n"
    "Despite the fees rising twice this year, shippers prefer the port: the road is slower "
    "still.\n"
    "\n"
    "Will the port keep growing? It will, but only if the channel is dredged every year.\n"
    "\n"
    "One example is the grain cooperative, which moved all its cargo to barges: the road is "
    "slower still, it says.\n"
    "\n"
    "Seoul’s trade with Moscow grew steadily too, the essay adds, though none of it passes "
    "through the river port.\n"
)

ESSAY_CLAIMS = """\
# Claims quoted from the port essay, with the links between them
- id: port-handles-trade
  source: port-essay
  quote: "The river port handles most of the town’s trade"
  evidence:
    - quote: "Nine barges in ten that reach the town unload there"
  statement: The river port handles most of the town’s trade.
  kind: fact
  topics: [port]
  actors: []
- id: traffic-grew
  source: port-essay
  quote: "Traffic grew by a third"
  statement: Traffic through the port grew by a third.
  kind: fact
  topics: [port]
  actors: []
  links:
    - relation: because
      claim: faster-loading
      quote: "grew by a third, because the new cranes"
- id: faster-loading
  source: port-essay
  quote: "the new cranes load a barge in half the time"
  statement: The new cranes load a barge in half the time.
  kind: fact
  topics: [port]
  actors: []
- id: loading-three-hours
  source: port-essay
  quote: "Loading a barge now takes three hours instead of six"
  statement: Loading a barge takes three hours instead of six.
  kind: fact
  topics: [port]
  actors: []
  links:
    - relation: evidence-for
      claim: faster-loading
      quote: "in half the time. Loading a barge now"
      basis: fact
- id: shippers-prefer-port
  source: port-essay
  quote: "shippers prefer the port"
  statement: Shippers prefer the port.
  kind: fact
  topics: [port]
  actors: []
  links:
    - relation: despite
      claim: fees-rose
      quote: "Despite the fees rising twice this year, shippers"
    - relation: because
      claim: road-slower
      quote: "prefer the port: the road is slower"
- id: fees-rose
  source: port-essay
  quote: "the fees rising twice this year"
  statement: The port’s fees rose twice this year.
  kind: fact
  topics: [port]
  actors: []
- id: road-slower
  source: port-essay
  quote: "prefer the port: the road is slower still"
  statement: The author finds the road slower still than the port.
  kind: assessment
  topics: [port]
  actors: []
- id: will-port-grow
  source: port-essay
  quote: "Will the port keep growing?"
  statement: The author asks whether the port will keep growing.
  kind: assessment
  topics: [port]
  actors: []
- id: port-will-grow
  source: port-essay
  quote: "It will, but only if the channel is dredged every year"
  statement: The author expects the port to keep growing, but only if the channel is dredged every year.
  kind: forecast
  topics: [port]
  actors: []
  links:
    - relation: answers
      claim: will-port-grow
      quote: "keep growing? It will"
    - relation: depends-on
      claim: channel-dredged
      quote: "but only if the channel"
- id: channel-dredged
  source: port-essay
  quote: "the channel is dredged every year"
  statement: The author names dredging the channel every year as the condition.
  kind: assessment
  topics: [port]
  actors: []
- id: cooperative-moved
  source: port-essay
  quote: "the grain cooperative, which moved all its cargo to barges"
  statement: The grain cooperative moved all its cargo to barges.
  kind: fact
  topics: [port]
  actors: []
  links:
    - relation: example-of
      claim: shippers-prefer-port
      quote: "One example is the grain cooperative"
- id: seoul-trade-grew-too
  source: port-essay
  quote: "Seoul’s trade with Moscow grew steadily too"
  evidence:
    - quote: "Seoul’s trade with Moscow grew steadily after the two countries"
      source: sample-article
  statement: Seoul’s trade with Moscow grew steadily.
  kind: fact
  topics: [port]
  actors: [south-korea, russia]
"""

# A topic page for the essay: its prose cites every claim, so each link has a page showing both ends.
ESSAY_TOPIC = """\
# Topic: the river port
title: The river port
lead: >-
  {{ claim("port-handles-trade") }} {{ claim("seoul-trade-grew-too") }}
sections:
  - heading: Why it grew
    body: |
      {{ claim("traffic-grew") }} {{ claim("faster-loading") }} {{ claim("loading-three-hours") }}

      {{ claim("shippers-prefer-port") }} {{ claim("fees-rose") }} {{ claim("road-slower") }}
      {{ claim("cooperative-moved") }}
  - heading: Will it keep growing?
    body: |
      {{ claim("will-port-grow") }} {{ claim("port-will-grow") }} {{ claim("channel-dredged") }}
"""


def write_argued_project(root: Path) -> Project:
    """The small project plus the port essay: claims with evidence (one from the other source)
    and a link of every relation. Valid as written."""
    project = write_project(root)
    project.write(f"data/sources/{ESSAY_ID}.txt", ESSAY_TEXT)
    digest = sha256_of(project.path(f"data/sources/{ESSAY_ID}.txt"))
    project.write(
        f"data/sources/{ESSAY_ID}.yaml",
        source_yaml(digest)
        .replace("a sample article", "a port essay")
        .replace("A Sample Article", "The River Port")
        .split("excluded_blocks:")[0],
    )
    project.write("data/claims/port.yaml", ESSAY_CLAIMS)
    project.write("data/topics/port.yaml", ESSAY_TOPIC)
    return project


def problems_of(root: Path) -> list[Problem]:
    """The problems `load_knowledge` reports for a project that is expected to be broken."""
    with pytest.raises(DataError) as raised:
        load_knowledge(root)
    return raised.value.problems


def problem_at(problems: list[Problem], where: str, code: Code, fragment: str = "") -> Problem:
    """The problem of this kind at exactly `where` (whose message contains `fragment`, where the
    wording matters); fails the test if there is none."""
    for problem in problems:
        if str(problem.position) == where and problem.code is code and fragment in problem.message:
            return problem
    listed = "\n".join(str(p) for p in problems) or "(none)"
    raise AssertionError(f"no [{code}] problem at {where} mentioning {fragment!r}:\n{listed}")


def article_text() -> str:
    """The real archived article: the repository's copy if it has one, else the shared one."""
    path = REPO_ARTICLE if REPO_ARTICLE.is_file() else SHARED_ARTICLE
    return path.read_text(encoding="utf-8")
