"""Named companies in the sentences that carry the news.

Three sources: the lexicon's known firms (English and Chinese names, cues.COMPANIES), an English
name ending in a legal form ("Almonty Industries Inc"), and a Chinese name ending in one
("厦门钨业股份有限公司", "中国稀土集团").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cues import CHINESE_LEGAL_FORMS, LEGAL_FORMS

# A legal-form word; the capitalised words before it name the company.
_SUFFIX = re.compile(r" (?:" + "|".join(map(re.escape, LEGAL_FORMS)) + r")\b")
# Chinese characters before a legal form, after any bracketed part ("（集团）").
_CHINESE = re.compile(
    r"([\u4e00-\u9fff]{2,14}?)(?:[（(][\u4e00-\u9fff]{1,4}[）)][\u4e00-\u9fff]{0,6}?)?"
    r"(?:" + "|".join(CHINESE_LEGAL_FORMS) + r")"
)
_NAME_WORDS = 3  # capitalised words kept before a legal form
# Function words and verbs before a firm's name in a run of characters ("商务部对…"): the name
# starts after the last of them.
_CHINESE_LEAD = re.compile(
    r"^.*(?:据|对|向|与|和|及|由|被|在|将|为|称|把|从|是|的|表示|宣布|包括|报道|暂停|限制|批准|制裁|列入)"
)


def from_text(
    full: str, spans: Iterable[tuple[int, int]], known: Iterable[tuple[str, int, int]]
) -> list[str]:
    """The companies named in `spans` of `full`: the lexicon's `known` (name, start, end) hits
    plus names read from legal forms that no known hit already covers, sorted, each once."""
    known = list(known)
    names = {name for name, _, _ in known}
    for start, end in spans:
        found = _english(full, start, end)
        if not full.isascii():
            found += _chinese(full, start, end)
        for name, at, to in found:
            if not any(a < to and at < b for _, a, b in known):
                names.add(name)
    return sorted(names)


def _english(full: str, start: int, end: int) -> list[tuple[str, int, int]]:
    found = []
    for m in _SUFFIX.finditer(full, start, end):
        words = full[max(start, m.start() - 60) : m.start()].split()[-_NAME_WORDS:]
        while words and not words[0][:1].isupper():
            words.pop(0)
        if words and all(w[:1].isupper() for w in words):
            name = " ".join(words + [m.group().strip()]).strip(",.")
            found.append((name, m.end() - len(name), m.end()))
    return found


def _chinese(full: str, start: int, end: int) -> list[tuple[str, int, int]]:
    found = []
    for m in _CHINESE.finditer(full, start, end):
        name = _CHINESE_LEAD.sub("", m.group(1))
        if len(name) >= 2:
            found.append((name, m.end(1) - len(name), m.end()))
    return found
