"""Evidence phrases marked in a report's text, safely escaped (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup, escape

MIN_PHRASE = 3  # shorter evidence (a symbol alone) would mark every stray letter pair


def spans(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of each phrase's occurrences, case-insensitive, in order;
    where two overlap, the earlier (then the longer) wins."""
    found: list[tuple[int, int]] = []
    for phrase in {" ".join(p.split()) for p in phrases if len(p.strip()) >= MIN_PHRASE}:
        # Evidence is quoted with its spacing folded; any run of white space matches one space.
        pattern = r"\s+".join(re.escape(word) for word in phrase.split())
        found += [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def marked(text: str, evidence: dict[str, list[str]]) -> Markup:
    """The text as HTML with each evidence phrase in a <mark> naming the field it decided."""
    fields: dict[str, str] = {}
    for field, phrases in evidence.items():
        for phrase in phrases:
            fields.setdefault(" ".join(phrase.split()).casefold(), field)
    parts: list[str] = []
    at = 0
    for start, end in spans(text, [p for phrases in evidence.values() for p in phrases]):
        piece = text[start:end]
        field = fields.get(" ".join(piece.split()).casefold(), "evidence")
        parts += [escape(text[at:start]),
                  Markup('<mark title="{0}">{1}</mark>').format(field.replace("_", " "), piece)]
        at = end
    parts.append(escape(text[at:]))
    return Markup("").join(parts)
