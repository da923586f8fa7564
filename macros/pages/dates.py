"""Showing ISO dates only as precisely as they were given."""

from __future__ import annotations

import datetime as dt


def format_date(iso: str) -> str:
    """'2008' → '2008', '2008-08' → 'August 2008', '2021-07-15' → '15 July 2021'."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = dt.date(parts[0], parts[1], 1).strftime("%B")
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{parts[2]} {month} {parts[0]}"
