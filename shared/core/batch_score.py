"""`score` for every subscriber of an `ExposureTable` at once: one event, numpy arrays.

The same formula as `score.score`, step for step: each item's strength is computed with the
same operations in the same order, and each subscriber's Π (1 − x_k) multiplies its items in
the scalar scorer's key order (elements by symbol, then suppliers by their place in the
profile), so the scores are the scalar scorer's to the bit. `score.score` stays the reference
and the explanation (the parts' sentences) of the few subscribers that are alerted;
`BatchScores.parts` gives any subscriber's parts in points, as the scalar scorer credits them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from chokewatch.shared.messages import Classification

from . import severity
from .exposure_table import MUTE_BITS, STAGE_CODES, ExposureTable
from .score import (
    DEPENDENCE_FLOOR,
    SEVERAL,
    STAGE,
    SUPPLIER_IMPLIED,
    SUPPLIER_NAMED,
    UNKNOWN_SHARE,
    credits,
    issuer_of,
    name_keys,
    named_as,
    split_tenths,
)

SUPPLIER_KEY = 1 << 20  # item keys: an element's rank among the event's, or this + supplier place
_NONE = np.zeros(0, "int64")


@dataclass(frozen=True)
class BatchScores:
    """The scores of one event: every subscriber slot with at least one item, in slot order."""

    level: float  # I in the formula
    slots: np.ndarray  # int64, ascending
    tenths: np.ndarray  # each slot's score in tenths (score = tenths / 10)
    item_slot: np.ndarray  # every item: its slot, key (scalar order) and strength x_k
    item_key: np.ndarray
    item_strength: np.ndarray

    @property
    def scores(self) -> np.ndarray:
        return self.tenths / 10

    def __len__(self) -> int:
        return len(self.slots)

    def crossing(self, table: ExposureTable, c: Classification) -> np.ndarray:
        """Which slots a first alert would go to: a score above 0, at or above the slot's
        threshold, for an event type it has not muted (what `decide` asks without a prior)."""
        scores = self.scores
        unmuted = (table.muted[self.slots] & MUTE_BITS[c.event_type]) == 0
        return (self.tenths > 0) & (scores >= table.threshold[self.slots]) & unmuted

    def parts(self, slot: int) -> list[tuple[int, float]]:
        """One slot's parts, strongest first, as (item key, points): they sum to its score."""
        at = int(np.searchsorted(self.slots, slot))
        if at == len(self.slots) or self.slots[at] != slot:
            return []
        mine = np.flatnonzero(self.item_slot == slot)
        ranked = sorted(zip(self.item_strength[mine].tolist(), self.item_key[mine].tolist(),
                            strict=True), key=lambda item: (-item[0], item[1]))
        tenths = split_tenths(credits(self.level, [s for s, _ in ranked]), int(self.tenths[at]))
        return [(key, t / 10) for (_, key), t in zip(ranked, tenths, strict=True)]


def distinct(values: np.ndarray, size: int) -> np.ndarray:
    """The distinct values (all in 0..size-1), ascending: a mask, not a sort, so a storm's
    50,000 slots cost a pass over the slots rather than an O(n log n) sort."""
    seen = np.zeros(size, bool)
    seen[values] = True
    return np.flatnonzero(seen)


def _empty(level: float) -> BatchScores:
    return BatchScores(level, _NONE, _NONE, _NONE, _NONE, np.zeros(0))


def _element_items(c: Classification, table: ExposureTable, issuer: str | None):
    """(slots, key, strengths) per element of the event the table holds, in symbol order."""
    where = np.empty(len(table.threshold), "int64")  # slot → row of the posting at hand
    out = []
    for rank, symbol in enumerate(sorted(set(c.elements))):
        posting = table.elements.get(symbol)
        if posting is None:
            continue
        slots, weight = posting[0], posting[1]
        if issuer and issuer != SEVERAL:
            share = np.where(posting[3], 0.0, UNKNOWN_SHARE)
            from_issuer = table.shares.get(("s", symbol, issuer))
            if from_issuer is not None:
                where[slots] = np.arange(len(slots))
                share[where[from_issuer[0]]] = from_issuer[1]
        else:
            share = posting[2]  # the largest single source, or UNKNOWN_SHARE
        out.append((slots, rank, weight * (DEPENDENCE_FLOOR + (1 - DEPENDENCE_FLOOR) * share)))
    return out


def _supplier_rows(c: Classification, table: ExposureTable, issuer: str | None,
                   companies: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Supplier rows hit (named, or in the issuing country shipping an affected element), and
    whether each is named."""
    local = [table.local[key][0] for key in (("l", issuer, s) for s in c.elements)
             if issuer and key in table.local]
    local_rows = distinct(np.concatenate(local), len(table.names)) if local else _NONE
    named_rows = _NONE
    if companies:
        maybe = table.rows_named({w for company in companies for w in name_keys(company)})
        verdicts: dict[str, bool] = {}  # one comparison per distinct set of names
        for row in maybe.tolist():
            names = table.names[row]
            if names not in verdicts:
                verdicts[names] = named_as(table.names_of(row), companies) is not None
        named_rows = maybe[[verdicts[table.names[r]] for r in maybe.tolist()]] if len(maybe) else _NONE
    rows = np.union1d(local_rows, named_rows).astype("int64")
    return rows, np.isin(rows, named_rows)


def _supplier_strengths(c: Classification, stages: np.ndarray, named: np.ndarray) -> np.ndarray:
    if c.stages:
        hit = [STAGE_CODES[s] for s in c.stages if s in STAGE_CODES]
        factor = np.where(stages < 0, STAGE["unknown"],
                          np.where(np.isin(stages, hit), STAGE["match"], STAGE["other"]))
    else:
        factor = np.full(len(stages), STAGE["unknown"])
    return np.where(named, SUPPLIER_NAMED, SUPPLIER_IMPLIED) * factor


def batch_score(c: Classification, table: ExposureTable, *,
                companies: list[str] | None = None) -> BatchScores:
    """Score the event against every profile in `table` (`companies` as in `score.score`)."""
    level = severity.intensity(c)
    if level <= 0.0:
        return _empty(level)
    issuer = issuer_of(c)
    elements = _element_items(c, table, issuer)
    rows, named = _supplier_rows(c, table, issuer, c.companies if companies is None else companies)
    owners = table.suppliers[0][rows].astype("int64")
    places = table.suppliers[1][rows].astype("int64")
    strengths = _supplier_strengths(c, table.suppliers[2][rows], named)
    order = np.lexsort((places, owners))  # each subscriber's suppliers in profile order
    owners, places, strengths = owners[order], places[order], strengths[order]

    item_slot = np.concatenate([s for s, _, _ in elements] + [owners]).astype("int64")
    if not len(item_slot):
        return _empty(level)
    slots = distinct(item_slot, len(table.threshold))
    untouched = np.empty(len(table.threshold))
    untouched[slots] = 1.0
    for element_slots, _, strength in elements:  # one posting: each slot once
        untouched[element_slots] *= 1.0 - strength
    # The n-th supplier of every subscriber together: each slot at most once per pass.
    if len(owners):
        first = np.r_[True, owners[1:] != owners[:-1]]
        starts = np.flatnonzero(first)
        nth = np.arange(len(owners)) - np.repeat(starts, np.diff(np.r_[starts, len(owners)]))
        for n in range(int(nth.max()) + 1):
            pick = nth == n
            untouched[owners[pick]] *= 1.0 - strengths[pick]
    total = np.minimum(100.0, 100.0 * level * (1.0 - untouched[slots]))
    tenths = np.floor(total * 10 + 0.5 + 1e-9).astype("int64")
    return BatchScores(
        level=level, slots=slots, tenths=tenths, item_slot=item_slot,
        item_key=np.concatenate([np.full(len(s), rank) for s, rank, _ in elements]
                                + [SUPPLIER_KEY + places]).astype("int64"),
        item_strength=np.concatenate([x for _, _, x in elements] + [strengths]),
    )
