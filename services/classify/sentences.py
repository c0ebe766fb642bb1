"""Splits a text into sentences and weighs them by position: the news sits in the title and lead.

Offsets are kept, so phrase hits found on the whole text map back to their sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# A sentence ends at . ! ? before a capital, digit or quote, at a line break, or after 。！？；
_MARK = re.compile(r"[.!?\n。！？；]")
# After . ! ? : closing quotes or brackets, then space, then what may open a sentence.
_AFTER_STOP = re.compile(r"[\"”’)\]]*\s+(?=[\"“‘(\[A-Z0-9\u4e00-\u9fff])")
_NEWLINES = re.compile(r"\n+")
# Abbreviations whose full stop does not end a sentence ("U.S. Commerce", "No. 61").
_ABBREVIATIONS = frozenset(
    "U.S. U.K. U.N. No. Nos. Mr. Ms. Mrs. Dr. Inc. Co. Corp. Ltd. St. Jan. Feb. Mar. Apr. Jun. "
    "Jul. Aug. Sep. Sept. Oct. Nov. Dec. e.g. i.e. vs. approx. Gen. Sen. Rep. Gov. Art. Sec. "
    "Fig. U.S.A.".split()
)


def _abbreviation(full: str, dot: int) -> bool:
    """Whether the full stop at `dot` closes an abbreviation or an initial ("George W.")."""
    word = full[max(0, dot - 8) : dot + 1].rsplit(None, 1)[-1].lstrip('("“')
    return word in _ABBREVIATIONS or (len(word) == 2 and word[0].isupper())


TITLE_WEIGHT = 2.5
# Body sentences by position; the rest get the last value.
LEAD_WEIGHTS = (1.6, 1.25, 1.0, 0.7, 0.6, 0.5)
TAIL_WEIGHT = 0.35


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    weight: float
    is_title: bool
    position: int  # 0 for the first body sentence; -1 for the title


def split(full: str, title_end: int) -> list[Sentence]:
    """Sentences of `full`; when title_end > 0 the first title_end characters are the title."""
    spans: list[tuple[int, int]] = []
    if title_end > 0:
        spans.append((0, title_end))
    start = title_end
    for match in _MARK.finditer(full, title_end):
        at = match.start()
        if at < start:
            continue  # inside a run already consumed
        mark = full[at]
        if mark in ".!?":
            after = _AFTER_STOP.match(full, at + 1)
            if after is None or (mark == "." and _abbreviation(full, at)):
                continue
            end, resume = at + 1, after.end()
        elif mark == "\n":
            end, resume = at, _NEWLINES.match(full, at).end()
        else:
            end, resume = at + 1, at + 1
        if end > start and full[start:end].strip():
            spans.append((start, end))
        start = resume
    if full[start:].strip():
        spans.append((start, len(full)))
    sentences = []
    body = 0
    for i, (a, b) in enumerate(spans):
        if title_end > 0 and i == 0:
            sentences.append(Sentence(i, a, b, TITLE_WEIGHT, True, -1))
            continue
        weight = LEAD_WEIGHTS[body] if body < len(LEAD_WEIGHTS) else TAIL_WEIGHT
        sentences.append(Sentence(i, a, b, weight, False, body))
        body += 1
    return sentences


class Locator:
    """Maps a character offset to the index of the sentence holding it."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._starts = [s.start for s in sentences]

    def __call__(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)
