"""Cursors of the API's newest-first lists (alert history, incidents)."""

from __future__ import annotations

import math

from fastapi import HTTPException


def parse_cursor(raw: str) -> tuple[float, int]:
    """A cursor: the time of the last item returned and how many items share that time."""
    top, _, skip = raw.partition(":")
    try:
        at, seen = float(top), int(skip)
    except ValueError:
        at, seen = math.nan, -1
    if not math.isfinite(at) or seen < 0:
        raise HTTPException(422, detail=[{"loc": ["query", "cursor"], "type": "value_error",
                                          "msg": "not a cursor this API returned"}])
    return at, seen
