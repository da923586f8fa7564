"""The passage a link() call renders: connectives, order by relation, clauses and proper nouns."""

from __future__ import annotations

import pytest

from macros.core.relations import RELATION_NAMES
from macros.pages.passages import (
    ClaimMark,
    Connective,
    Joint,
    ProperNouns,
    as_clause,
    link_passage,
    plain_passage,
)

# Texts written for these tests: names appear inside sentences, common words also in lower case.
CORPUS = (
    "Trade between Lindholm and Varenna grew after the treaty. The Far North matters to both. "
    "In the U.S. view, trade is far too often a sideshow. Objectively, little changed. "
    "Officials in Varenna say the North is calm, and the south of the country is quiet too.",
    "“The treaty works,” an official in Lindholm said. Ferries carry goods north.",
)
NOUNS = ProperNouns.learn(CORPUS)

ANCHOR = "Lindholm trusts Varenna."


def joint(relation: str, anchor_holds: bool, other: str, statement: str, quote: str = "") -> Joint:
    link = f"a {relation} {other}" if anchor_holds else f"{other} {relation} a"
    return Joint(relation, anchor_holds, other, statement, quote or "the words", link)


def passage(*joints: Joint, statement: str = ANCHOR) -> str:
    """The passage with claim markers as [id] and link markers as [relation]."""
    out: list[str] = []
    for piece in link_passage("a", statement, joints, NOUNS):
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, ClaimMark):
            out.append(f"[{piece.claim}]")
        else:
            out.append(f"{piece.text}[{piece.link.split()[1]}]")
    return "".join(out)


# -- proper nouns, learnt from the texts -----------------------------------------------------


@pytest.mark.parametrize("word", ["Lindholm", "Varenna", "Varenna’s", "U.S.", "NATO"])
def test_names_inside_sentences_are_proper_nouns(word: str) -> None:
    assert NOUNS.is_proper(word)


@pytest.mark.parametrize(
    "word",
    [
        "The",  # only ever capitalised at a sentence start, lower case elsewhere
        "Trade",  # "trade" occurs in lower case
        "Far",  # "Far North" inside a sentence, but "far too often" too
        "Objectively",  # capitalised, but only at the start of a sentence
        "North",  # "the North", but also "goods north"
        "Ferries",  # never seen inside a sentence
        "Unseen",  # a word the texts do not have at all
    ],
)
def test_common_words_are_not_proper_nouns(word: str) -> None:
    assert not NOUNS.is_proper(word)


def test_a_word_after_an_opening_quote_at_a_sentence_start_is_not_evidence_of_a_name() -> None:
    nouns = ProperNouns.learn(["He left. “Nobody stayed,” she said."])
    assert not nouns.is_proper("Nobody")


def test_a_capitalised_word_after_a_colon_or_a_line_break_may_open_a_sentence() -> None:
    nouns = ProperNouns.learn(["Heading\nMeanwhile the talks went on: Nothing moved."])
    assert not nouns.is_proper("Meanwhile")
    assert not nouns.is_proper("Nothing")


# -- clauses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "clause"),
    [
        ("The treaty works.", "the treaty works"),
        ("Trade grew.", "trade grew"),
        ("Far too often, trade is a sideshow.", "far too often, trade is a sideshow"),
        ("Objectively, little changed.", "objectively, little changed"),
        ("Lindholm trusts Varenna.", "Lindholm trusts Varenna"),
        ("Varenna’s ferries run.", "Varenna’s ferries run"),
        ("U.S. officials agree.", "U.S. officials agree"),
        ("Officials call it “calm.”", "officials call it “calm”"),
        ("“Calm” is the word.", "“calm” is the word"),
        ("In 1990   the   treaty\nwas signed.", "in 1990 the treaty was signed"),
    ],
)
def test_a_clause_loses_its_full_stop_and_a_common_first_capital(
    statement: str, clause: str
) -> None:
    assert as_clause(statement, NOUNS) == clause


# -- each relation, both ways ----------------------------------------------------------------


def test_reasons_follow_the_anchor_in_one_sentence() -> None:
    text = passage(
        joint("because", True, "x1", "The treaty works."),
        joint("because", True, "x2", "Varenna needs ferries."),
        joint("because", True, "x3", "Objectively, little changed."),
    )
    assert text == (
        "Lindholm trusts Varenna[a], because[because] the treaty works[x1], "
        "because[because] Varenna needs ferries[x2], and because[because] "
        "objectively, little changed[x3]."
    )


def test_a_single_reason() -> None:
    assert passage(joint("because", True, "x", "Trade grew.")) == (
        "Lindholm trusts Varenna[a], because[because] trade grew[x]."
    )


def test_what_the_anchor_explains_follows_with_hence() -> None:
    assert passage(joint("because", False, "x", "Trade grew.")) == (
        "Lindholm trusts Varenna[a]; hence[because], trade grew[x]."
    )


def test_concessions_come_before_the_anchor() -> None:
    assert passage(joint("despite", True, "x", "The treaty is old.")) == (
        "Although[despite] the treaty is old[x], Lindholm trusts Varenna[a]."
    )
    assert passage(
        joint("despite", True, "x1", "The treaty is old."),
        joint("despite", True, "x2", "Trade is small."),
    ) == (
        "Although[despite] the treaty is old[x1] and although[despite] trade is small[x2], "
        "Lindholm trusts Varenna[a]."
    )


def test_a_concession_anchor_is_followed_by_even_so() -> None:
    assert passage(joint("despite", False, "x", "Trade grew.")) == (
        "Lindholm trusts Varenna[a]; even so[despite], trade grew[x]."
    )


def test_the_evidence_for_the_anchor_follows_it() -> None:
    assert passage(
        joint("evidence-for", False, "x1", "Trade grew."),
        joint("evidence-for", False, "x2", "Ferries run daily."),
    ) == (
        "Lindholm trusts Varenna[a]; the evidence[evidence-for]: trade grew[x1]; "
        "and[evidence-for] ferries run daily[x2]."
    )


def test_an_anchor_that_is_evidence_says_for_what() -> None:
    assert passage(joint("evidence-for", True, "x", "The treaty works.")) == (
        "Lindholm trusts Varenna[a]; that is evidence[evidence-for] that the treaty works[x]."
    )


def test_examples_come_after_the_general_claim_either_way_in_one_sentence() -> None:
    assert passage(
        joint("example-of", False, "s1", "Trade grew."),
        joint("example-of", False, "s2", "Ferries run daily."),
        joint("example-of", False, "s3", "Visitors come back."),
    ) == (
        "Lindholm trusts Varenna[a]: for example[example-of], trade grew[s1]; "
        "also[example-of], ferries run daily[s2]; and[example-of] visitors come back[s3]."
    )
    assert passage(joint("example-of", True, "g", "Neighbours trust each other.")) == (
        "Neighbours trust each other[g]: for example[example-of], Lindholm trusts Varenna[a]."
    )


def test_a_question_is_quoted_never_asserted_and_its_answer_follows() -> None:
    question = "Why   does Lindholm\ntrust Varenna?"
    assert passage(joint("answers", False, "x", "The treaty works.", question)) == (
        "Lindholm trusts Varenna.[a] “Why does Lindholm trust Varenna?”[answers] "
        "The treaty works.[x]"
    )
    assert passage(joint("answers", True, "q", "Trust is rare.", "Why?")) == (
        "Trust is rare.[q] “Why?”[answers] Lindholm trusts Varenna.[a]"
    )


def test_an_answer_whose_quote_is_not_a_question_is_introduced_as_the_answer() -> None:
    assert passage(joint("answers", True, "q", "Trust is rare.", "the short answer is")) == (
        "Trust is rare.[q] The answer[answers]: Lindholm trusts Varenna[a]."
    )
    assert passage(joint("answers", False, "x", "The treaty works.", "because of")) == (
        "Lindholm trusts Varenna.[a] The answer[answers]: the treaty works[x]."
    )


def test_a_condition_comes_first_and_what_depends_on_it_after() -> None:
    assert passage(joint("depends-on", True, "c", "The treaty holds.")) == (
        "The treaty holds[c]; in that case[depends-on], Lindholm trusts Varenna[a]."
    )
    assert passage(joint("depends-on", False, "s", "Trade grows.")) == (
        "Lindholm trusts Varenna[a]; in that case[depends-on], trade grows[s]."
    )


def test_a_qualification_follows_what_it_qualifies() -> None:
    assert passage(joint("qualifies", False, "s", "The trust is cautious.")) == (
        "Lindholm trusts Varenna[a]; however[qualifies], the trust is cautious[s]."
    )
    assert passage(joint("qualifies", True, "t", "Neighbours trust each other.")) == (
        "Neighbours trust each other[t]; however[qualifies], Lindholm trusts Varenna[a]."
    )


def test_every_relation_has_a_phrasing_both_ways() -> None:
    for relation in RELATION_NAMES:
        for anchor_holds in (True, False):
            pieces = link_passage(
                "a", ANCHOR, [joint(relation, anchor_holds, "x", "Trade grew.")], NOUNS
            )
            connectives = [p for p in pieces if isinstance(p, Connective)]
            marks = [p.claim for p in pieces if isinstance(p, ClaimMark)]
            assert len(connectives) == 1, (relation, anchor_holds)
            assert sorted(marks) == ["a", "x"], (relation, anchor_holds)


# -- mixed relations -------------------------------------------------------------------------


def test_concessions_before_and_reasons_after_the_anchor_then_one_clause_per_group() -> None:
    assert passage(
        joint("qualifies", False, "q", "The trust is cautious."),
        joint("because", True, "r", "The treaty works."),
        joint("despite", True, "d", "Trade is small."),
        joint("evidence-for", False, "e", "Ferries run daily."),
        joint("because", False, "h", "Varenna trusts Lindholm."),
    ) == (
        "Although[despite] trade is small[d], Lindholm trusts Varenna[a], "
        "because[because] the treaty works[r]; hence[because], Varenna trusts Lindholm[h]; "
        "the evidence[evidence-for]: ferries run daily[e]; "
        "however[qualifies], the trust is cautious[q]."
    )


def test_a_leading_target_opens_the_sentence_that_holds_concessions_and_reasons() -> None:
    assert passage(
        joint("depends-on", True, "c", "The treaty holds."),
        joint("despite", True, "d", "Trade is small."),
        joint("because", True, "r", "Ferries run daily."),
    ) == (
        "The treaty holds[c]; in that case[depends-on], although[despite] trade is small[d], "
        "Lindholm trusts Varenna[a], because[because] ferries run daily[r]."
    )


def test_after_a_quoted_question_the_anchor_starts_its_own_sentence() -> None:
    assert passage(
        joint("answers", True, "q", "Trust is rare.", "Why?"),
        joint("because", True, "r", "The treaty works."),
    ) == (
        "Trust is rare.[q] “Why?”[answers] Lindholm trusts Varenna[a], "
        "because[because] the treaty works[r]."
    )


def test_a_common_first_word_of_the_anchor_is_lowercased_after_a_concession() -> None:
    text = passage(joint("despite", True, "d", "Lindholm is small."), statement="The treaty works.")
    assert text == "Although[despite] Lindholm is small[d], the treaty works[a]."


def test_a_passage_follows_claims_in_one_way_only() -> None:
    with pytest.raises(ValueError, match="follows claims in two ways"):
        link_passage(
            "a",
            ANCHOR,
            [
                joint("example-of", True, "g", "Neighbours trust each other."),
                joint("depends-on", True, "c", "The treaty holds."),
            ],
            NOUNS,
        )


def test_an_answer_to_a_question_two_claims_raise_quotes_it_once_with_both_markers() -> None:
    question = "Does that change anything?"
    assert passage(
        joint("answers", True, "q1", "Varenna is an ally of Lindholm.", question),
        joint("answers", True, "q2", "The treaty is old.", question),
        joint("because", True, "r", "Trade grew."),
    ) == (
        "Varenna is an ally of Lindholm.[q1] The treaty is old.[q2] “Does that change "
        "anything?”[answers][answers] Lindholm trusts Varenna[a], because[because] trade grew[r]."
    )


def test_an_example_of_two_general_claims_follows_both() -> None:
    assert passage(
        joint("example-of", True, "g1", "Neighbours trust each other."),
        joint("example-of", True, "g2", "Trust grows with trade."),
    ) == (
        "Neighbours trust each other[g1] and trust grows with trade[g2]: "
        "for example[example-of][example-of], Lindholm trusts Varenna[a]."
    )


def test_plain_text_of_a_passage() -> None:
    pieces = link_passage("a", ANCHOR, [joint("because", True, "x", "Trade grew.")], NOUNS)
    assert plain_passage(pieces) == "Lindholm trusts Varenna, because trade grew."
