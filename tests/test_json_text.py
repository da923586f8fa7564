"""The exports' JSON writer gives exactly the text of `json.dumps(..., indent=2)`."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.pages.json_text import pretty_json

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # quotes, backslashes, control characters, non-ASCII, surrogates
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(_VALUES)
def test_the_text_is_what_json_dumps_writes(value: object) -> None:
    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_tuples_and_str_subclasses_are_written_as_lists_and_strings() -> None:
    class Located(str):
        pass

    value = {"quotes": (Located('a "b"'), 1), "empty": [], "none": {}}
    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [float("nan"), {1: "key is not text"}, {"x": object()}])
def test_what_json_cannot_hold_is_refused(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        pretty_json(value)
