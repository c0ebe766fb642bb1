"""Which subscribers an event reaches and how hard, for every subscriber at once.

Each subscriber id gets a slot (a small integer, reused after a removal) in an `ExposureTable`:
packed columns of what scoring reads, posted by element, by (element, country), by (supplier
country, element) and by supplier-name word, so an event touches only the rows it can hit and
the batch scorer scores them all in a few array operations. Only subscribers whose score
crosses their threshold (or who were alerted of the incident before) need their full profile.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from dataclasses import dataclass

import numpy as np

from chokewatch.shared.core.batch_score import BatchScores, batch_score
from chokewatch.shared.core.exposure_table import ExposureTable, Scorable
from chokewatch.shared.messages import Classification


@dataclass(frozen=True)
class Scored:
    """The subscribers an event scores above 0, by id, with whether a first alert would go out."""

    ids: list[str]
    scores: np.ndarray
    crossing: np.ndarray  # bool: at or above the threshold, event type not muted
    batch: BatchScores

    def __len__(self) -> int:
        return len(self.ids)


class ExposureIndex:
    """Every subscriber's scoring data, kept in step with `add` and `remove`."""

    def __init__(self) -> None:
        self.table = ExposureTable()
        self._slot: dict[str, int] = {}
        self._ids = np.empty(16, object)  # slot → subscriber id (None: free), for fancy indexing
        self._used = 0  # slots handed out so far
        self._free: list[int] = []

    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, subscriber_id: object) -> bool:
        return subscriber_id in self._slot

    def add(self, subscriber_id: str, profile: Scorable) -> None:
        """Index a profile, replacing what was indexed for this subscriber before."""
        slot = self._slot.get(subscriber_id)
        if slot is None:
            if self._free:
                slot = self._free.pop()
            else:
                slot, self._used = self._used, self._used + 1
                if slot == len(self._ids):
                    self._ids = np.concatenate([self._ids, np.empty(len(self._ids), object)])
            subscriber_id = sys.intern(subscriber_id)
            self._slot[subscriber_id] = slot
            self._ids[slot] = subscriber_id
        self.table.add(slot, profile)

    def remove(self, subscriber_id: str) -> None:
        slot = self._slot.pop(subscriber_id, None)
        if slot is None:
            return
        self.table.remove(slot)
        self._ids[slot] = None
        self._free.append(slot)

    def score(self, c: Classification, *, companies: list[str] | None = None) -> Scored:
        """Every subscriber the event scores above 0, in slot order (the order they were indexed)."""
        batch = batch_score(c, self.table, companies=companies)
        keep = np.flatnonzero(batch.tenths > 0)
        return Scored(ids=self._ids[batch.slots[keep]].tolist(), scores=batch.scores[keep],
                      crossing=batch.crossing(self.table, c)[keep], batch=batch)

    def candidates(self, c: Classification, *, companies: list[str] | None = None) -> set[str]:
        """Subscribers with any exposure item for the event (their score may round to 0)."""
        batch = batch_score(c, self.table, companies=companies)
        return set(self._ids[batch.slots].tolist())


def measured_bytes(profiles: dict[str, Scorable]) -> tuple[ExposureIndex, float]:
    """An index of `profiles` and the memory it holds per subscriber (tracemalloc: Python
    objects and numpy buffers alike). The lower of two builds: a table of the interpreter's that
    happens to grow during one of them is not the index's."""
    index, held = None, float("inf")
    for _ in range(2):
        index = None
        gc.collect()
        started = not tracemalloc.is_tracing()
        if started:
            tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        index = ExposureIndex()
        for subscriber_id, profile in profiles.items():
            index.add(subscriber_id, profile)
        held = min(held, tracemalloc.get_traced_memory()[0] - before)
        if started:
            tracemalloc.stop()
    held += sum(sys.getsizeof(i) for i in profiles)  # ids made before, but the index keeps them
    return index, held / max(1, len(profiles))
