"""Whether a new text reports the same development as a known incident (pure).

Two signals: the texts' shingle signatures (rewrites of one wire story stay similar) and the
extracted facts (same issuer, same kind of measure, overlapping elements). A suspension or
escalation of a measure keeps its incident even though the direction or status changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from chokewatch.shared.messages import Classification

from .similarity import similarity

NEAR_DUPLICATE = 0.6  # estimated Jaccard of shingles at which two texts are one story
ELEMENT_OVERLAP = 0.5  # Jaccard of element sets for a fact match


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    issuer: str | None
    event_type: str
    elements: frozenset[str]
    chips: bool
    signature: tuple[int, ...]

    @classmethod
    def of(cls, c: Classification, sig: list[int]) -> IncidentFacts:
        return cls(c.issuer, c.event_type.value, frozenset(c.elements), c.chips_involved, tuple(sig))

    @classmethod
    def from_record(cls, record: dict) -> IncidentFacts:
        return cls(
            record.get("issuer"),
            record.get("event_type", ""),
            frozenset(record.get("elements", [])),
            bool(record.get("chips")),
            tuple(record.get("signature", [])),
        )

    def to_record(self) -> dict:
        return {
            "issuer": self.issuer,
            "event_type": self.event_type,
            "elements": sorted(self.elements),
            "chips": self.chips,
            "signature": list(self.signature),
        }


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def match_score(known: IncidentFacts, new: IncidentFacts) -> float:
    """0..1; at or above 0.5 the new text joins the known incident."""
    text = similarity(list(known.signature), list(new.signature)) if known.signature else 0.0
    if text >= NEAR_DUPLICATE:
        return 0.5 + 0.5 * text
    same_issuer = known.issuer is None or new.issuer is None or known.issuer == new.issuer
    if not same_issuer or known.event_type != new.event_type:
        return text * 0.5
    overlap = _jaccard(known.elements, new.elements)
    if overlap < ELEMENT_OVERLAP:
        return text * 0.5
    # Same issuer, same kind of measure, mostly the same elements, seen within the window.
    return 0.5 + 0.25 * overlap + 0.25 * text
