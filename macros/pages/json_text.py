"""JSON for the published exports: the text `json.dumps(value, ensure_ascii=False, indent=2)`
gives, written faster.

With `indent`, the standard library falls back from its C encoder to a pure-Python generator
chain, which took most of the time of writing `claims.json` and the annotations at scale. This
walks the value directly and leaves escaping each string to the C function the C encoder uses.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring  # the C implementation when CPython has it

_INDENT = "  "


def pretty_json(value: object) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, character for character (keys must be str)."""
    out: list[str] = []
    _write(value, out, "\n")
    return "".join(out)


def _write(value: object, out: list[str], newline: str) -> None:
    if isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + _INDENT
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            # Plain strings, the commonest value, are written here: a call for each costs more.
            if type(item) is str:
                out.append(f"{separator}{encode_basestring(key)}: {encode_basestring(item)}")
            else:
                out.append(f"{separator}{encode_basestring(key)}: ")
                _write(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + _INDENT
        separator = "[" + inner
        for item in value:
            if type(item) is str:
                out.append(separator + encode_basestring(item))
            else:
                out.append(separator)
                _write(item, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    else:
        out.append(_scalar(value))


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not valid JSON")
        return float.__repr__(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
