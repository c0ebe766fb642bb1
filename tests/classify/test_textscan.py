"""finditer_from must give exactly what finditer gives when its start offsets cover every match."""

from __future__ import annotations

import re

from chokewatch.shared.core.reading.textscan import finditer_from, word_starts

TEXTS = [
    "",
    "In 1920 and 2019, then 192020 and 20199; 2020-2021.",
    "announcement no. 18 of 2025, No. 61 of 2024, casino. 5 of 2023, federal register notice",
    "no.no.no. 1 of 2020 announcement number 3 announcement  no 4",
]
CASES = [
    (re.compile(r"(?:19|20)\d\d(?!\d)"), ("19", "20")),
    (
        re.compile(r"announcement\s+(?:no\.?|number)\s*\d+|no\.\s*\d+\s+of\s+20\d\d|federal register"),
        ("announcement", "no.", "federal register"),
    ),
]


def test_word_starts_finds_overlapping_words_once() -> None:
    assert word_starts("aaaa", ("aa", "a")) == [0, 1, 2, 3]
    assert word_starts("abcabc", ("bc",), 2) == [4]
    assert word_starts("abcabc", ("bc",), 0, 5) == [1]


def test_finditer_from_equals_finditer() -> None:
    for pattern, words in CASES:
        for text in TEXTS + [t.lower() for t in TEXTS]:
            expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
            found = finditer_from(pattern, text, word_starts(text, words))
            got = [(m.start(), m.end(), m.group()) for m in found]
            assert got == expected, (pattern.pattern, text)


def test_finditer_from_skips_starts_inside_a_match() -> None:
    pattern = re.compile(r"ab+|b")
    assert [m.group() for m in finditer_from(pattern, "abbb b", [0, 1, 2, 5])] == ["abbb", "b"]
