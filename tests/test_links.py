"""Evidence and links between claims: checked like quotes, and the argument they make.

Each test starts from the valid project with the port essay (tests/helpers.py), whose claims carry
further quotes and a link of every relation, makes one mistake and checks the problem's code and
place, or asks the knowledge base about the argument.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.knowledge import KnowledgeBase
from macros.core.problems import Code
from macros.core.project import load_knowledge
from macros.core.relations import RELATIONS, relation
from macros.tools.re_archive import quotes_of
from tests.helpers import ESSAY_TEXT, REPO, Project, problem_at, problems_of, write_argued_project

PORT = "data/claims/port.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return write_argued_project(tmp_path / "project")


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(write_argued_project(tmp_path_factory.mktemp("argued")).root)


# -- the vocabulary ------------------------------------------------------------------------------


def test_the_vocabulary_is_small_closed_and_named_both_ways() -> None:
    assert [r.name for r in RELATIONS] == [
        "because",
        "evidence-for",
        "example-of",
        "despite",
        "answers",
        "depends-on",
        "qualifies",
    ]
    assert [r.inverse for r in RELATIONS] == [
        "explains",
        "supported-by",
        "has-example",
        "does-not-prevent",
        "answered-by",
        "condition-for",
        "qualified-by",
    ]
    names = [n for r in RELATIONS for n in (r.name, r.inverse)]
    assert len(set(names)) == len(names)
    assert all(r.label and r.inverse_label and r.meaning and r.example for r in RELATIONS)


def test_contributing_documents_every_relation_as_declared() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("#### Links between claims", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows == [
        f"| `{r.name}` | {r.label} | `{r.inverse}` ({r.inverse_label}) | {r.meaning} | {r.example} |"
        for r in RELATIONS
    ]


# -- evidence ------------------------------------------------------------------------------------


def test_every_quote_of_a_claim_is_located_the_primary_first(kb: KnowledgeBase) -> None:
    verified = kb.claims["port-handles-trade"]
    primary, further = verified.quotes
    assert primary.match == verified.match
    assert (further.source, further.match.paragraph) == ("port-essay", 1)
    start = ESSAY_TEXT.index("Nine barges")
    assert (further.match.start, further.match.end) == (
        start,
        start + len("Nine barges in ten that reach the town unload there"),
    )
    assert further.match.prefix.endswith("town’s trade. ")
    assert further.match.suffix.startswith(".")


def test_a_further_quote_may_come_from_another_source(kb: KnowledgeBase) -> None:
    verified = kb.claims["seoul-trade-grew-too"]
    assert [(q.source, q.match.paragraph) for q in verified.quotes] == [
        ("port-essay", 6),
        ("sample-article", 1),
    ]


def test_a_further_quote_not_in_its_source_is_located_like_a_quote(project: Project) -> None:
    project.replace(PORT, '"Nine barges in ten', '"Nine boats in ten')
    problem = problem_at(
        problems_of(project.root),
        project.at(PORT, '"Nine boats'),
        Code.QUOTE_NOT_FOUND,
        "(source 'port-essay', data/sources/port-essay.txt)",
    )
    assert "first difference" in problem.message


def test_a_further_quote_from_an_unknown_source(project: Project) -> None:
    project.replace(PORT, "      source: sample-article\n", "      source: sample-articel\n")
    problem = problem_at(
        problems_of(project.root), project.at(PORT, "sample-articel"), Code.UNKNOWN_REFERENCE
    )
    assert problem.hint == "did you mean 'sample-article'?"


def test_quoting_the_same_passage_twice(project: Project) -> None:
    project.replace(
        PORT,
        '    - quote: "Nine barges in ten that reach the town unload there"\n',
        '    - quote: "The river port handles most of the town’s trade"\n',
    )
    problem_at(
        problems_of(project.root), project.at(PORT, '"The river port', 2), Code.DUPLICATE_QUOTE
    )


def test_every_passage_quoted_from_a_source_whatever_field_quotes_it(kb: KnowledgeBase) -> None:
    essay = kb.sources["port-essay"].archive.text
    exact = [essay[m.start : m.end] for m in kb.quotes_in("port-essay")]
    assert "Nine barges in ten that reach the town unload there" in exact  # evidence
    assert "grew by a third, because the new cranes" in exact  # a link's quote
    assert [m.start for m in kb.quotes_in("port-essay")] == sorted(
        m.start for m in kb.quotes_in("port-essay")
    )
    article = [m.paragraph for m in kb.quotes_in("sample-article")]
    assert article.count(1) == 2  # trade-grew's own quote and seoul-trade-grew-too's evidence


def test_a_claim_names_the_field_of_each_quote_it_takes_from_a_source(kb: KnowledgeBase) -> None:
    claim = kb.claims["seoul-trade-grew-too"].claim
    assert [what for what, _ in claim.quotes_from("sample-article")] == ["evidence"]
    shippers = kb.claims["shippers-prefer-port"].claim
    assert [what for what, _ in shippers.quotes_from("port-essay")] == ["quote", "link", "link"]


def test_re_archiving_a_source_re_anchors_evidence_and_link_quotes_too(kb: KnowledgeBase) -> None:
    claims = [v.claim for v in kb.claims.values()]
    refs = [(r.owner, r.what) for r in quotes_of(claims, "sample-article")]
    assert ("seoul-trade-grew-too", "evidence") in refs
    essay = {(r.owner, r.what) for r in quotes_of(claims, "port-essay")}
    assert {("port-handles-trade", "evidence"), ("traffic-grew", "link")} <= essay


# -- links: each mistake -------------------------------------------------------------------------


def test_link_to_an_unknown_claim(project: Project) -> None:
    project.replace(
        PORT,
        '      claim: faster-loading\n      quote: "grew',
        '      claim: faster-loadin\n      quote: "grew',
    )
    problem = problem_at(
        problems_of(project.root), project.at(PORT, "faster-loadin\n"), Code.LINK_UNKNOWN_TARGET
    )
    assert problem.message == "link claim: unknown claim 'faster-loadin'"
    assert problem.hint == "did you mean 'faster-loading'?"


def test_link_to_something_that_is_not_a_claim(project: Project) -> None:
    project.replace(PORT, "      claim: road-slower\n", "      claim: trade\n")
    problem_at(
        problems_of(project.root),
        project.at(PORT, "trade\n      quote"),
        Code.WRONG_REFERENCE_KIND,
        "'trade' is a topic, not a claim",
    )


def test_link_to_itself(project: Project) -> None:
    project.replace(PORT, "      claim: road-slower\n", "      claim: shippers-prefer-port\n")
    problem_at(
        problems_of(project.root),
        project.at(PORT, "shippers-prefer-port\n      quote"),
        Code.LINK_TO_ITSELF,
    )


def test_the_same_link_twice(project: Project) -> None:
    project.replace(
        PORT,
        '      quote: "prefer the port: the road is slower"\n',
        '      quote: "prefer the port: the road is slower"\n'
        "    - relation: because\n"
        "      claim: road-slower\n"
        '      quote: "the port: the road is slower still"\n',
    )
    problem = problem_at(
        problems_of(project.root), project.at(PORT, "relation: because", 3), Code.DUPLICATE_LINK
    )
    assert "'because' to 'road-slower'" in problem.message


def test_a_relation_not_in_the_vocabulary_suggests_the_closest(project: Project) -> None:
    project.replace(PORT, "relation: despite", "relation: dispite")
    problem = problem_at(
        problems_of(project.root), project.at(PORT, "dispite"), Code.UNKNOWN_RELATION
    )
    assert problem.hint == "did you mean 'despite'?"


def test_a_basis_other_than_assessment_or_fact(project: Project) -> None:
    project.replace(PORT, "      basis: fact\n", "      basis: opinion\n")
    problem_at(problems_of(project.root), project.at(PORT, "opinion"), Code.INVALID_CHOICE)


@pytest.mark.parametrize(
    ("quote", "code", "fragment"),
    [
        ("grew by a quarter, because the new cranes", Code.QUOTE_NOT_FOUND, "closest passage"),
        ("the port", Code.QUOTE_TOO_SHORT, "only 8 characters"),
        ("the river port, and its", Code.QUOTE_NOT_FOUND, ""),
    ],
)
def test_a_link_quote_is_checked_like_a_claim_quote(
    project: Project, quote: str, code: Code, fragment: str
) -> None:
    project.replace(PORT, '"grew by a third, because the new cranes"', f'"{quote}"')
    problem_at(problems_of(project.root), project.at(PORT, f'"{quote}"'), code, fragment)


def test_an_ambiguous_link_quote(project: Project) -> None:
    project.replace(PORT, '"One example is the grain cooperative"', '"the road is slower still"')
    problem = problem_at(
        problems_of(project.root),
        project.at(PORT, '"the road is slower still"'),
        Code.QUOTE_AMBIGUOUS,
    )
    assert "(paragraph 3, paragraph 5)" in problem.message


def test_a_link_quote_from_a_source_the_other_claim_does_not_quote(project: Project) -> None:
    project.replace(
        PORT,
        '      quote: "One example is the grain cooperative"\n',
        '      quote: "Seoul’s trade with Moscow grew steadily after"\n'
        "      source: sample-article\n",
    )
    problem = problem_at(
        problems_of(project.root),
        project.at(PORT, "sample-article\n"),
        Code.LINK_SOURCE_NOT_SHARED,
    )
    assert problem.message == (
        "the link's quote is from source 'sample-article', which neither claim does quote"
    )


def test_a_link_quote_from_a_source_only_one_claim_quotes(project: Project) -> None:
    project.append(
        PORT,
        "  links:\n"
        "    - relation: qualifies\n"
        "      claim: port-handles-trade\n"
        '      quote: "Seoul’s trade with Moscow grew steadily after"\n'
        "      source: sample-article\n",
    )
    problem = problem_at(
        problems_of(project.root),
        project.at(PORT, "sample-article\n", 2),
        Code.LINK_SOURCE_NOT_SHARED,
    )
    assert "claim 'port-handles-trade' does not quote" in problem.message


def test_a_link_quote_from_another_source_both_claims_quote(project: Project) -> None:
    project.append(
        "data/claims/core.yaml",
        "  evidence:\n"
        '    - quote: "Seoul’s trade with Moscow grew steadily too"\n'
        "      source: port-essay\n",
    )
    project.append(
        PORT,
        "  links:\n"
        "    - relation: qualifies\n"
        "      claim: balance-word\n"
        '      quote: "grew steadily after the two countries"\n'
        "      source: sample-article\n",
    )
    # A link needs a page that shows both claims: the diplomacy page, with balance-word.
    project.replace(
        PORT,
        "  topics: [port]\n  actors: [south-korea, russia]",
        "  topics: [port, diplomacy]\n  actors: [south-korea, russia]",
    )
    project.replace(
        "data/topics/diplomacy.yaml",
        '  {{ claim("balance-word") }}\n',
        '  {{ claim("balance-word") }} {{ claim("seoul-trade-grew-too") }}\n',
    )
    kb = load_knowledge(project.root)
    (link,) = kb.claims["seoul-trade-grew-too"].links
    assert (link.found.source, link.found.match.paragraph) == ("sample-article", 1)


def test_a_circle_of_reasons_names_every_link(project: Project) -> None:
    project.replace(
        PORT,
        '  quote: "the new cranes load a barge in half the time"\n',
        '  quote: "the new cranes load a barge in half the time"\n'
        "  links:\n"
        "    - relation: evidence-for\n"
        "      claim: loading-three-hours\n"
        '      quote: "the new cranes load a barge"\n',
    )
    (problem,) = [p for p in problems_of(project.root) if p.code is Code.REASONING_CYCLE]
    assert str(problem.position) == project.at(PORT, "relation: evidence-for")
    assert problem.message == (
        "these links go round in a circle: 'faster-loading' is evidence for "
        "'loading-three-hours', 'loading-three-hours' is evidence for 'faster-loading'"
    )


def test_a_longer_circle_through_because_and_evidence(project: Project) -> None:
    project.replace(
        PORT,
        '  quote: "prefer the port: the road is slower still"\n',
        '  quote: "prefer the port: the road is slower still"\n'
        "  links:\n"
        "    - relation: because\n"
        "      claim: cooperative-moved\n"
        '      quote: "barges: the road is slower still"\n',
    )
    project.replace(PORT, "relation: example-of", "relation: because")
    (problem,) = [p for p in problems_of(project.root) if p.code is Code.REASONING_CYCLE]
    assert problem.message == (
        "these links go round in a circle: 'shippers-prefer-port' because 'road-slower', "
        "'road-slower' because 'cooperative-moved', "
        "'cooperative-moved' because 'shippers-prefer-port'"
    )


def test_qualifying_links_may_go_both_ways(project: Project) -> None:
    """Only reasons and evidence make a circle: two claims may each qualify the other."""
    project.replace(
        PORT,
        '  quote: "the fees rising twice this year"\n',
        '  quote: "the fees rising twice this year"\n'
        "  links:\n"
        "    - relation: qualifies\n"
        "      claim: shippers-prefer-port\n"
        '      quote: "Despite the fees rising"\n',
    )
    assert "fees-rose" in load_knowledge(project.root).claims


# -- the argument --------------------------------------------------------------------------------


def test_a_claim_shows_its_links_both_ways_with_the_inverse_label(kb: KnowledgeBase) -> None:
    seen = [(c.relation, c.label, c.other) for c in kb.argument.links_of("faster-loading")]
    assert seen == [
        ("explains", "is a reason for", "traffic-grew"),
        ("supported-by", "is supported by", "loading-three-hours"),
    ]
    outgoing = [
        (c.relation, c.label, c.other) for c in kb.argument.outgoing("shippers-prefer-port")
    ]
    assert outgoing == [("despite", "despite", "fees-rose"), ("because", "because", "road-slower")]
    assert [c.relation for c in kb.argument.incoming("shippers-prefer-port")] == ["has-example"]


def test_a_link_keeps_its_quote_and_basis(kb: KnowledgeBase) -> None:
    (because,) = kb.claims["traffic-grew"].links
    assert because.relation is relation("because")
    assert because.basis == "assessment"
    assert because.found.match.exact == "grew by a third, because the new cranes"
    assert because.found.match.paragraph == 2
    (evidence,) = kb.claims["loading-three-hours"].links
    assert evidence.basis == "fact"


def test_conclusions_are_the_claims_others_support(kb: KnowledgeBase) -> None:
    argument = kb.argument
    assert [v.id for v in argument.conclusions()] == [
        "traffic-grew",
        "faster-loading",
        "shippers-prefer-port",
    ]
    support = [(s.role, s.claim.id) for s in argument.support_for("shippers-prefer-port")]
    assert support == [("reason", "road-slower"), ("example", "cooperative-moved")]
    assert argument.roles_of("faster-loading") == ("conclusion", "reason")
    assert argument.roles_of("loading-three-hours") == ("evidence",)
    assert argument.roles_of("port-will-grow") == ()  # answers and conditions support nothing
    among = [kb.claims["road-slower"], kb.claims["traffic-grew"]]
    assert [v.id for v in argument.conclusions(among)] == ["traffic-grew"]


def test_every_link_in_the_order_of_the_claims_holding_them(kb: KnowledgeBase) -> None:
    holders = [link.holder for link in kb.argument.links]
    assert holders == sorted(holders, key=list(kb.claims).index)
    assert len(holders) == 7
