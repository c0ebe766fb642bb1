"""Regex matching tried only where a match can begin.

Python's regex engine has no fast skip for a pattern that opens on an alternation or a
character class: `finditer` tries the pattern at nearly every character of a long text. When
every match of a pattern must begin with one of a few literal words, `str.find` (which runs in
C) locates those words and the pattern is tried there alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator


def word_starts(text: str, words: Iterable[str], pos: int = 0, endpos: int | None = None) -> list[int]:
    """Sorted offsets in text[pos:endpos] where one of `words` begins, each offset once."""
    end = len(text) if endpos is None else endpos
    found: set[int] = set()
    for word in words:
        at = text.find(word, pos, end)
        while at >= 0:
            found.add(at)
            at = text.find(word, at + 1, end)
    return sorted(found)


def finditer_from(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text, starts[0], endpos)` would give, for a pattern that
    never matches the empty string and can begin only at one of the sorted offsets `starts`.

    As with finditer, matches do not overlap: an offset inside the previous match is skipped.
    """
    end = len(text) if endpos is None else endpos
    reach = 0
    for at in starts:
        if at < reach:
            continue
        m = pattern.match(text, at, end)
        if m:
            reach = m.end()
            yield m
