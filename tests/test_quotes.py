"""Quote matching against the real archived article, as contributors will write quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.core.problems import Code
from macros.core.quotes import (
    ArchivedText,
    QuoteFailure,
    QuoteMatch,
    fold,
    match_quote,
    text_fragment_url,
)
from macros.core.settings import SETTINGS
from tests.helpers import REPO_ARTICLE, SHARED_ARTICLE

BYLINE = "Byline fragment left over from the page layout, not body text."


@pytest.fixture(scope="module")
def article_path() -> Path:
    """The repository's archived copy when it has one, else the shared copy of the same text."""
    return REPO_ARTICLE if REPO_ARTICLE.is_file() else SHARED_ARTICLE


@pytest.fixture(scope="module")
def article(article_path: Path) -> ArchivedText:
    return ArchivedText.parse(article_path.read_text(encoding="utf-8"), {21: BYLINE})


def matched(archive: ArchivedText, quote: str) -> QuoteMatch:
    result = match_quote(archive, quote)
    assert isinstance(result, QuoteMatch), result
    return result


def failed(archive: ArchivedText, quote: str) -> QuoteFailure:
    result = match_quote(archive, quote)
    assert isinstance(result, QuoteFailure), result
    return result


def assert_well_located(archive: ArchivedText, quote: str, found: QuoteMatch) -> None:
    """text[start:end] is the quote; prefix and suffix are the text right before and after it."""
    text = archive.text
    assert fold(text[found.start : found.end]) == fold(quote)
    assert found.exact == text[found.start : found.end]
    assert 0 < len(found.prefix) <= SETTINGS.quote_context_chars
    assert 0 < len(found.suffix) <= SETTINGS.quote_context_chars
    assert re.sub(r"\s+", " ", text[: found.start]).endswith(found.prefix)
    assert re.sub(r"\s+", " ", text[found.end :]).startswith(found.suffix)
    paragraph = archive.paragraph(found.paragraph)
    assert paragraph.start <= found.start < found.end <= paragraph.end


# -- the archived text -----------------------------------------------------------------------


def test_article_has_21_numbered_blocks(article: ArchivedText) -> None:
    assert [p.number for p in article.paragraphs] == list(range(1, 22))
    assert article.paragraph(1).folded.startswith("In the three decades since Russia")
    assert article.paragraph(21).folded == "• Fyodor Tertitskiy"
    assert article.paragraph(21).excluded == BYLINE
    assert not any(p.excluded for p in article.paragraphs[:20])


def test_paragraph_offsets_point_into_the_file(article: ArchivedText) -> None:
    for paragraph in article.paragraphs:
        raw = article.text[paragraph.start : paragraph.end]
        assert raw == raw.strip()
        assert fold(raw) == paragraph.folded


# -- quotes that match -----------------------------------------------------------------------


def test_quote_with_typographic_apostrophe_is_found_with_its_place(
    article: ArchivedText,
) -> None:
    quote = "South Korea’s partnership with the United States is fundamental"
    found = matched(article, quote)
    assert found.paragraph == 2
    assert article.text[found.start : found.end] == quote
    assert_well_located(article, quote, found)
    # Paragraph 1 ends "…close military alliance with Washington." and the break folds to a space.
    assert found.prefix == "itary alliance with Washington. "
    assert found.suffix == " to its foreign policy. Neverthe"


def test_quote_across_no_break_spaces_matches_with_normal_spaces(article: ArchivedText) -> None:
    quote = (
        "Joe Biden has acknowledged that Russia and the United States need to work together "
        "on North Korea: after all, Russia’s vote"
    )
    found = matched(article, quote)
    assert found.paragraph == 12
    assert found.exact.count("\u00a0") == 2  # the source's own characters are kept
    assert found.start == article.text.index("Joe Biden has\u00a0acknowledged")
    assert_well_located(article, quote, found)


def test_quote_pasted_with_the_no_break_spaces_matches_too(article: ArchivedText) -> None:
    quote = "President Joe Biden has\u00a0acknowledged that Russia"
    found = matched(article, quote)
    assert found.paragraph == 12
    assert_well_located(article, quote, found)


def test_quote_broken_over_lines_matches(article: ArchivedText) -> None:
    quote = "Seoul adroitly fulfills its obligations\n  to Washington without undermining"
    found = matched(article, quote)
    assert found.paragraph == 2
    assert_well_located(article, quote, found)


def test_quote_ending_before_a_trailing_no_break_space(article: ArchivedText) -> None:
    quote = "and increase its own international prestige."
    found = matched(article, quote)
    assert found.paragraph == 10
    assert article.text[found.end] == "\u00a0"
    assert found.exact.endswith("prestige.")


def test_twenty_characters_is_long_enough(article: ArchivedText) -> None:
    assert len("Trans-Korean Railway") == 20
    assert matched(article, "Trans-Korean Railway").paragraph == 7


# -- quotes that fail ------------------------------------------------------------------------


def test_straight_apostrophe_names_paragraph_character_and_typographic_hint(
    article: ArchivedText,
) -> None:
    failure = failed(article, "Seoul's close military alliance with Washington")
    assert failure.code is Code.QUOTE_NOT_FOUND
    assert "paragraph 1" in failure.message
    assert "“Seoul’s close military alliance with Washington”" in failure.message
    assert "U+0027" in failure.message
    assert "U+2019" in failure.message
    assert "character 6" in failure.message
    assert "typographic character ’" in failure.hint


def test_straight_apostrophe_after_a_unique_opening(article: ArchivedText) -> None:
    failure = failed(article, "This doesn't mean that relations between Russia and South Korea")
    assert "paragraph 5" in failure.message
    assert "U+0027" in failure.message and "U+2019" in failure.message
    assert "’" in failure.hint


def test_straight_apostrophe_after_a_common_phrase_points_at_the_real_passage(
    article: ArchivedText,
) -> None:
    failure = failed(article, "South Korea's partnership with the United States is fundamental")
    assert "paragraph 2" in failure.message
    assert "U+2019" in failure.message
    assert "’" in failure.hint


def test_hyphen_for_en_dash_gets_a_hint(article: ArchivedText) -> None:
    failure = failed(article, "Russia is likewise unlikely to take anti-South Korea actions")
    assert "paragraph 17" in failure.message
    assert "U+2013" in failure.message
    assert "–" in failure.hint


def test_straight_double_quote_gets_a_hint(article: ArchivedText) -> None:
    failure = failed(article, 'published as part of the "Relaunching U.S.-Russia Dialogue')
    assert "paragraph 20" in failure.message
    assert "U+0022" in failure.message and "U+201C" in failure.message
    assert "“" in failure.hint


def test_ambiguous_quote_lists_every_paragraph(article: ArchivedText) -> None:
    failure = failed(article, "Russia and South Korea")
    assert failure.code is Code.QUOTE_AMBIGUOUS
    assert "5 times" in failure.message
    for number in (1, 4, 5, 7, 14):
        assert f"paragraph {number}" in failure.message
    assert "extend" in failure.hint


@pytest.mark.parametrize("quote", ["Trans-Korean Railwa", "  Trans-Korean\n\n Railwa  ", ""])
def test_quote_under_twenty_characters_is_too_short(article: ArchivedText, quote: str) -> None:
    failure = failed(article, quote)
    assert failure.code is Code.QUOTE_TOO_SHORT
    assert f"only {len(fold(quote))} characters" in failure.message
    assert "at least 20" in failure.message


def test_quote_running_into_the_excluded_byline_names_the_block(article: ArchivedText) -> None:
    failure = failed(article, "reflect those of the U.S. Embassy to Russia. • Fyodor Tertitskiy")
    assert failure.code is Code.QUOTE_NOT_BODY
    assert "block 21" in failure.message
    assert BYLINE in failure.message


def test_quote_inside_an_excluded_block_is_refused(article_path: Path) -> None:
    archive = ArchivedText.parse(
        article_path.read_text(encoding="utf-8"), {20: "Publication disclaimer."}
    )
    failure = failed(archive, "This article was published as part of the")
    assert failure.code is Code.QUOTE_NOT_BODY
    assert "block 20" in failure.message


def test_quote_spanning_two_paragraphs_fails(article: ArchivedText) -> None:
    failure = failed(article, "with Washington. South Korea’s partnership with the United States")
    assert failure.code is Code.QUOTE_ACROSS_PARAGRAPHS
    assert "1 and 2" in failure.message
    assert "one paragraph" in failure.hint


def test_unrelated_quote_says_nothing_is_close(article: ArchivedText) -> None:
    failure = failed(article, "Bananas are an excellent source of potassium")
    assert failure.code is Code.QUOTE_NOT_FOUND
    assert "no passage is close" in failure.message


# -- block splitting edge cases --------------------------------------------------------------


def test_leading_blank_lines_do_not_shift_paragraph_numbers() -> None:
    archive = ArchivedText.parse("\n\nFirst paragraph of the text.\n\nSecond paragraph here.\n")
    assert [p.number for p in archive.paragraphs] == [1, 2]
    assert archive.paragraph(2).folded == "Second paragraph here."


def test_crlf_blank_lines_separate_paragraphs() -> None:
    archive = ArchivedText.parse("First paragraph of the text.\r\n\r\nSecond paragraph here.\r\n")
    assert [p.folded for p in archive.paragraphs] == [
        "First paragraph of the text.",
        "Second paragraph here.",
    ]


# -- text fragments --------------------------------------------------------------------------


def test_fragment_for_a_short_quote_encodes_delimiters() -> None:
    url = text_fragment_url("https://example.org/a", "Smith-Jones, Rock & Roll")
    assert url == "https://example.org/a#:~:text=Smith%2DJones%2C%20Rock%20%26%20Roll"


def test_fragment_for_a_long_quote_uses_start_and_end_terms() -> None:
    exact = (
        "In that case, Seoul really would be forced to show solidarity with Washington, "
        "and the Russia-South Korea friendship"
    )
    url = text_fragment_url("https://example.org/article", exact)
    assert url == (
        "https://example.org/article#:~:text="
        "In%20that%20case%2C%20Seoul,the%20Russia%2DSouth%20Korea%20friendship"
    )


def test_fragment_encodes_non_ascii_as_utf8_and_folds_whitespace() -> None:
    url = text_fragment_url("https://example.org/a", "vis-à-vis\u00a0Russia")
    assert url == "https://example.org/a#:~:text=vis%2D%C3%A0%2Dvis%20Russia"


def test_fragment_replaces_an_existing_fragment() -> None:
    url = text_fragment_url("https://example.org/a#section-2", "South Korea’s partnership")
    assert url is not None
    assert url.startswith("https://example.org/a#:~:text=")
    assert "section" not in url
    assert "%E2%80%99" in url  # ’ as UTF-8


def test_fragment_needs_a_url() -> None:
    assert text_fragment_url("", "South Korea’s partnership with the United States") is None
