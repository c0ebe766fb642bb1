"""A sentence with its cue hits grouped by kind, its reason clause and how much it counts.

The classifier fills these in one pass over the text; the readers of direction, status, issuer
and elements take them as they are.
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

    def __init__(self, info: Sentence) -> None:
        self.info = info
        self.hits: defaultdict[str, list[Hit]] = defaultdict(list)
        self.elements: list[Hit] = []
        self.reason_at = NO_REASON  # offset where a reason clause begins
        self.reason_end = NO_REASON  # and ends (a leading clause ends at its comma)
        self.background = False
        self.main: dict[str, list[Hit]] = self.hits  # hits before any reason clause
        self.weight = info.weight
        self.in_lead = info.is_title or info.position < LEAD_SPAN

    def settle(self) -> None:
        """Fix the main-clause hits and the weight once reason and background are known."""
        cut, resume = self.reason_at, self.reason_end
        if cut != NO_REASON:
            self.main = {
                kind: [h for h in found if h[0] < cut or h[0] >= resume] for kind, found in self.hits.items()
            }
        if self.background:
            self.weight = self.info.weight * BACKGROUND_FACTOR

    def cues(self, kind: str) -> list[Hit]:
        return self.main.get(kind, NO_HITS)

    def count(self, kind: str) -> float:
        found = self.hits.get(kind)
        if not found:
            return 0.0
        main = len(self.main.get(kind, NO_HITS))
        return min(CAP_PER_SENTENCE, main + REASON_FACTOR * (len(found) - main))
