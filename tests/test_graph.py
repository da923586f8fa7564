"""The connections picture's labels: wrapped to fit their boxes, never cut."""

from __future__ import annotations

from macros.pages.graph import LABEL_UNITS, _units, wrap_label


def test_a_label_wraps_at_spaces_and_keeps_every_word() -> None:
    label = "How much influence Moscow has over Pyongyang"
    lines = wrap_label(label)
    assert len(lines) > 1
    assert " ".join(lines) == label
    assert all(_units(line) <= LABEL_UNITS for line in lines)


def test_a_word_longer_than_a_line_is_broken_not_left_to_overflow() -> None:
    word = "Internationalisation-of-the-Korean-peninsula-question"
    lines = wrap_label(f"The {word}")
    assert "".join(lines).replace(" ", "") == f"The{word}"
    assert all(_units(line) <= LABEL_UNITS for line in lines)
