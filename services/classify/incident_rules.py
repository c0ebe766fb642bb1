"""Whether two classified texts report the same real-world incident, and clustering by that rule.

Outlets reword a story, so exact hashes miss; two texts are one incident when they are near
duplicates, or when their extracted facts agree: compatible event type and issuer, and either a
shared anchor (an announcement number, a named rule, a venue, a company) or the same elements
within a plausible time span. A later text about the same measure taking effect, escalating or
being suspended joins the incident (LABELS.md), so direction is deliberately not compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from chokewatch.shared.messages import Classification, EventType

from .similarity import similarity

NEAR_DUPLICATE = 0.5  # estimated Jaccard of shingles above which texts are copies of one story
SAME_ELEMENTS = 0.8  # element-set Jaccard above which two measures of one issuer coincide
ANCHOR_ELEMENTS = 0.3  # a shared date counts only if the elements overlap at least this much
MAX_GAP_DAYS = 180  # beyond this, only a shared number or named measure joins two texts

_NON_EVENTS = (EventType.commentary, EventType.not_relevant)
# Types that one incident may carry in different texts (a deal reported as talks or as the
# suspension it contains; a chip listing reported as a sanction).
_COMPATIBLE = {
    frozenset({EventType.mineral_export_control, EventType.trade_talks}),
    frozenset({EventType.tariff, EventType.trade_talks}),
    frozenset({EventType.chip_export_control, EventType.sanctions}),
    frozenset({EventType.chip_export_control, EventType.trade_talks}),
}

_NUMBER = re.compile(
    r"(?:announcement|announcements)\s+(?:nos?\.?|numbers?)\s*(\d{1,3})(?:\s+and\s+(?:no\.?\s*)?(\d{1,3}))?"
    r"|\bno\.\s*(\d{1,3})\b|第\s*(\d{1,3})\s*号",
    re.IGNORECASE,
)
_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\.?\s+(\d{1,2})(?!\d)|(\d{1,2})月(\d{1,2})日",
    re.IGNORECASE,
)
# Names that identify one measure or one meeting whatever the outlet calls the rest.
_NAMED = {
    "geneva": "geneva", "london": "london", "busan": "busan", "kuala lumpur": "kuala lumpur",
    "madrid": "madrid", "stockholm": "stockholm", "h20": "h20", "h200": "h200",
    "high-bandwidth memory": "hbm", "hbm": "hbm", "affiliates rule": "affiliates",
    "50% rule": "affiliates", "50% or more owned": "affiliates", "majority-owned": "affiliates",
    "half owned": "affiliates", "de minimis": "extraterritorial",
    "extraterritorial": "extraterritorial", "foreign-made": "extraterritorial",
    "kachin": "kachin", "unreliable entity list": "unreliable entity list",
    "section 301": "section 301", "section 232": "section 232", "price floor": "price floor",
    "critical raw materials act": "crma", "strategic projects": "crma",
}
_NAMED_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(_NAMED, key=len, reverse=True)) + r")")


def anchors(text: str) -> list[str]:
    """Identifiers of the measure a text reports: numbers, dates, named rules and venues."""
    found: set[str] = set()
    for m in _NUMBER.finditer(text):
        for number in m.groups():
            if number:
                found.add(f"no:{int(number)}")
    for m in _MONTH_DAY.finditer(text):
        if m.group(1):
            month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(m.group(1).lower()))
            day = int(m.group(2))
        else:
            month, day = int(m.group(3)), int(m.group(4))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.add(f"date:{month:02d}-{day:02d}")
    for m in _NAMED_RE.finditer(text.lower()):
        found.add(f"named:{_NAMED[m.group(1)]}")
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Item:
    """What the incident rule needs of one classified text."""

    classification: Classification
    signature: Sequence[int]
    published_at: datetime | None = None
    key: str = ""  # caller's id for the text; cluster() returns these
    anchors: frozenset[str] = field(default_factory=frozenset)

    def anchor_set(self) -> frozenset[str]:
        if self.anchors:
            return self.anchors
        return frozenset(self.classification.evidence.get("anchors", ()))


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def same_incident(a: Item, b: Item) -> bool:
    if similarity(list(a.signature), list(b.signature)) >= NEAR_DUPLICATE:
        return True
    ca, cb = a.classification, b.classification
    if ca.event_type in _NON_EVENTS or cb.event_type in _NON_EVENTS:
        return False
    if ca.event_type != cb.event_type and frozenset({ca.event_type, cb.event_type}) not in _COMPATIBLE:
        return False
    if ca.issuer and cb.issuer and ca.issuer != cb.issuer and "multiple" not in (ca.issuer, cb.issuer):
        return False
    shared = a.anchor_set() & b.anchor_set()
    strong = {x for x in shared if not x.startswith("date:")}
    numbers_a = {x for x in a.anchor_set() if x.startswith("no:")}
    numbers_b = {x for x in b.anchor_set() if x.startswith("no:")}
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        return False  # two numbered announcements are two measures
    if a.published_at and b.published_at:
        gap = abs((a.published_at - b.published_at).total_seconds()) / 86400
        if gap > MAX_GAP_DAYS and not strong:
            return False
    if strong:
        return True
    overlap = _jaccard(ca.elements, cb.elements)
    if shared and overlap >= ANCHOR_ELEMENTS:
        return True
    if not ca.elements and not cb.elements:
        # Element-less measures (chip rules, sanctions) need something more than the type.
        return bool(set(ca.companies) & set(cb.companies)) and ca.event_type == cb.event_type
    return overlap >= SAME_ELEMENTS and ca.event_type == cb.event_type


def cluster(items: Sequence[Item]) -> list[str]:
    """An incident label per item: the key (or index) of the first item of its incident.

    Single linkage in input order, which is the order an incident store sees texts arrive.
    """
    labels: list[str] = []
    for i, item in enumerate(items):
        label = item.key or str(i)
        for j in range(i):
            if same_incident(items[j], item):
                label = labels[j]
                break
        labels.append(label)
    return labels
