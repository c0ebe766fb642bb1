"""Why a text joined its incident, in words an analyst reads: the ties `incident_rules` weighs,
named for the member it is most firmly tied to.

Pure: it takes the compact members `incident_policy.member` builds (the new text's and the
incident's others) and says nothing the rules did not weigh.
"""

from __future__ import annotations

from collections.abc import Iterable

from .incident_policy import item
from .incident_rules import NEAR_DUPLICATE, Item, cites, names_day_of, reached, strength, tie
from .similarity import similarity

_ANCHOR_WORDS = {"no:": "announcement number", "named:": "named measure", "venue:": "meeting place"}


def _anchor_phrases(shared: Iterable[str]) -> list[str]:
    out = []
    for anchor in sorted(shared):
        for prefix, words in _ANCHOR_WORDS.items():
            if anchor.startswith(prefix):
                out.append(f"the same {words}: {anchor.removeprefix(prefix)}")
    return out


def reasons(new: Item, other: Item) -> list[str]:
    """The ties between two texts that the incident rules count, strongest kind first."""
    out = _anchor_phrases(new.anchor_set() & other.anchor_set())
    copy = similarity(list(new.signature), list(other.signature))
    if copy >= NEAR_DUPLICATE:
        out.append(f"a near copy ({copy:.0%} of its wording shared)")
    if cites(new, other) or cites(other, new) or reached(new, other) or reached(other, new) \
            or names_day_of(new, other) or names_day_of(other, new):
        out.append("names the day of the other report")
    likeness = tie(new, other)
    if likeness is not None and likeness > 0:
        out.append(f"particulars alike (likeness {likeness:.2f})")
    elements = sorted(set(new.classification.elements) & set(other.classification.elements))
    if elements:
        out.append("the same elements: " + ", ".join(elements))
    companies = sorted(set(new.classification.companies) & set(other.classification.companies))
    if companies:
        out.append("the same companies: " + ", ".join(companies))
    return out


def why_joined(m: dict, others: Iterable[dict]) -> dict | None:
    """The member of `others` the new member `m` is most firmly tied to (its publication time)
    with the reasons; None when none ties (an incident the text opened)."""
    new = item(m)
    best, best_item, best_strength = None, None, 0.0
    for other in others:
        candidate = item(other)
        tied = strength(candidate, new)
        if tied > best_strength:
            best, best_item, best_strength = other, candidate, tied
    if best is None or best_item is None:
        return None
    return {"tied_to": best.get("at"), "strength": round(best_strength, 3),
            "reasons": reasons(new, best_item)}
