"""A sentence with its cue hits grouped by kind, its reason clause and how much it counts.

Made once from the scan (its hits) and the roles (its reason clause, whether it is
background); the type vote and the readers of direction, status, issuer and elements take
them as they are.
"""

from __future__ import annotations

from collections import defaultdict

from .gazetteer import Hit
from .sentences import Sentence

# A cue inside a reason clause ("in response to US tariffs") or a background sentence counts
# this much; the measure is not what the text reports.
REASON_FACTOR = 0.2
BACKGROUND_FACTOR = 0.3
LEAD_SPAN = 3  # body sentences counted as the lead
LEADING = 3  # characters before a reason marker that still count as the sentence start
NO_REASON = 1 << 30  # no reason clause: an offset past any text
CAP_PER_SENTENCE = 2.0
NO_HITS: list[Hit] = []
MAIN_KINDS = ("control", "control_weak", "chip", "tariff", "talks", "sanctions", "disruption", "policy")


class CuedSentence:
    """One sentence with its hits grouped by kind, and how much it counts."""

    __slots__ = (
        "info",
        "hits",
        "elements",
        "reason_at",
        "reason_end",
        "background",
        "main",
        "weight",
        "in_lead",
    )

    def __init__(
        self,
        info: Sentence,
        hits: defaultdict[str, list[Hit]],
        elements: list[Hit],
        reason_at: int = NO_REASON,
        reason_end: int = NO_REASON,
        background: bool = False,
    ) -> None:
        self.info = info
        self.hits = hits
        self.elements = elements
        self.reason_at = reason_at  # offset where a reason clause begins
        self.reason_end = reason_end  # and ends (a leading clause ends at its comma)
        self.background = background
        self.main: dict[str, list[Hit]] = hits  # hits before any reason clause
        if reason_at != NO_REASON:
            self.main = {
                kind: [h for h in found if h[0] < reason_at or h[0] >= reason_end]
                for kind, found in hits.items()
            }
        self.weight = info.weight * BACKGROUND_FACTOR if background else info.weight
        self.in_lead = info.is_title or info.position < LEAD_SPAN

    def cues(self, kind: str) -> list[Hit]:
        return self.main.get(kind, NO_HITS)

    def count(self, kind: str) -> float:
        found = self.hits.get(kind)
        if not found:
            return 0.0
        main = len(self.main.get(kind, NO_HITS))
        return min(CAP_PER_SENTENCE, main + REASON_FACTOR * (len(found) - main))
