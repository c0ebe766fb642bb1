"""Every subscriber's scoring data in packed columns, keyed by a small integer (its slot).

What `score` reads of a profile, and nothing else: element weights and country shares, each
supplier's country, stage, elements and names, the threshold and the muted event types. They
are held as postings, so an event reaches only the rows it can hit:

- element → (slot, weight, largest share, whether a country split is given);
- (element, country) → (slot, share from that country);
- (supplier country, element) → supplier rows (for suppliers in the issuing country);
- identifying name word → supplier rows (for suppliers the event names);
- supplier rows: owner slot, place in its profile, stage, names.

Rows are numpy columns that grow by doubling; a removed row takes the last one's place, so a
profile change costs a scan of the postings it touched, never a rebuild. `batch_score` scores
an event over these columns.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from chokewatch.shared.messages import EventType
from chokewatch.shared.profiles import ElementExposure, Stage, Supplier

from .score import UNKNOWN_SHARE, identifying_words

STAGE_CODES = {stage.value: code for code, stage in enumerate(Stage)}
MUTE_BITS = {kind: 1 << bit for bit, kind in enumerate(EventType)}
NAME_JOIN = "\x1f"  # between a supplier's name and its aliases in one stored string


class Scorable(Protocol):
    """What the table reads of a profile: a `ProfileSpec` or a `ScoringProfile`."""

    elements: dict[str, ElementExposure]
    suppliers: list[Supplier]
    threshold: float
    muted_event_types: list[EventType]


class ScoringProfile(BaseModel):
    """The scoring fields of a stored profile, read without its channels (and their secrets)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    elements: dict[str, ElementExposure] = Field(default_factory=dict)
    suppliers: list[Supplier] = Field(default_factory=list)
    threshold: float = 40.0
    muted_event_types: list[EventType] = Field(default_factory=list)


class Posting:
    """Parallel numpy columns, the first always the slot (or row) the entry belongs to."""

    __slots__ = ("n", "columns")

    def __init__(self, *dtypes: str) -> None:
        self.n = 0
        self.columns = [np.empty(2, dtype) for dtype in dtypes]

    def append(self, *values: object) -> None:
        if self.n == len(self.columns[0]):
            self.columns = [np.concatenate([c, np.empty(len(c), c.dtype)]) for c in self.columns]
        for column, value in zip(self.columns, values, strict=True):
            column[self.n] = value
        self.n += 1

    def remove(self, owners: np.ndarray | list[int]) -> None:
        """Drop every row of `owners`: the last row moves into each freed place."""
        for row in np.flatnonzero(np.isin(self.columns[0][: self.n], owners))[::-1]:
            self.n -= 1
            for column in self.columns:
                column[row] = column[self.n]
        if self.n <= len(self.columns[0]) // 4 and len(self.columns[0]) > 8:
            self.columns = [c[: max(2, 2 * self.n)].copy() for c in self.columns]

    def __getitem__(self, index: int) -> np.ndarray:
        return self.columns[index][: self.n]

    def __len__(self) -> int:
        return self.n


# The posting keys a slot is in: an element symbol, ("s", symbol, country) for its share from
# that country, ("l", country, symbol) for its suppliers based there that ship the element.
# Equal keys are one object (`_pooled`), so each slot's tuple of keys costs pointers only.
Key = str | tuple[str, str, str]
# The supplier rows behind one name word: one row (an int) or several (an array).
_Rows = int | array


class ExposureTable:
    """Scoring columns of every subscriber; `add` and `remove` keep the postings current."""

    def __init__(self) -> None:
        self.elements: dict[str, Posting] = {}  # symbol → slot, weight, top share, has a split
        self.shares: dict[Key, Posting] = {}  # ("s", symbol, country) → slot, share
        self.local: dict[Key, Posting] = {}  # ("l", country, symbol) → supplier row
        self.words: dict[str, _Rows] = {}  # identifying name word → supplier row(s)
        # Supplier rows: owner slot (-1: free), place in its profile, stage code (-1: none).
        # Countries live in the `local` keys: a supplier's country matters only as the issuer's.
        self.suppliers = Posting("int32", "int16", "int8")
        self.names: list[str] = []  # supplier row → its name and aliases joined by NAME_JOIN
        self.free_rows: list[int] = []
        self.threshold = np.zeros(0, "float64")
        self.muted = np.zeros(0, "int32")  # bits of MUTE_BITS
        self.keys: list[tuple[Key, ...] | None] = []  # slot → the posting keys it is in
        self._pool: dict[Key, Key] = {}

    def _pooled(self, key: Key) -> Key:
        return self._pool.setdefault(key, key)

    def _grow(self, slot: int) -> None:
        if slot >= len(self.threshold):
            size = max(16, slot + 1, 2 * len(self.threshold))
            self.threshold = np.concatenate([self.threshold, np.zeros(size - len(self.threshold))])
            self.muted = np.concatenate([self.muted, np.zeros(size - len(self.muted), "int32")])
        while len(self.keys) <= slot:
            self.keys.append(None)

    def add(self, slot: int, profile: Scorable) -> None:
        """Hold `profile` under `slot`, replacing what the slot held."""
        self.remove(slot)
        self._grow(slot)
        self.threshold[slot] = profile.threshold
        self.muted[slot] = sum(MUTE_BITS[kind] for kind in set(profile.muted_event_types))
        keys: list[Key] = []
        for symbol, exposure in profile.elements.items():
            if exposure.weight <= 0:
                continue  # never an item of the score
            shares = exposure.country_shares
            top = max(shares.values()) if shares else UNKNOWN_SHARE
            symbol = self._pooled(sys.intern(symbol))
            self._posting(self.elements, symbol, "int32", "float64", "float64", "bool").append(
                slot, exposure.weight, top, bool(shares))
            keys.append(symbol)
            for country, share in shares.items():
                key = self._pooled(("s", symbol, country))
                self._posting(self.shares, key, "int32", "float64").append(slot, share)
                keys.append(key)
        for place, supplier in enumerate(profile.suppliers):
            keys += self._add_supplier(slot, place, supplier)
        self.keys[slot] = tuple(dict.fromkeys(keys))

    def _add_supplier(self, slot: int, place: int, supplier: Supplier) -> list[Key]:
        values = (slot, place, STAGE_CODES[supplier.stage.value] if supplier.stage else -1)
        if self.free_rows:
            row = self.free_rows.pop()
            for column, value in zip(self.suppliers.columns, values, strict=True):
                column[row] = value
        else:
            row = len(self.names)
            self.names.append("")
            self.suppliers.append(*values)
        names = (supplier.name, *supplier.aliases)
        self.names[row] = sys.intern(NAME_JOIN.join(names))
        for word in {w for name in names for w in identifying_words(name)}:
            held = self.words.get(word)
            if held is None:
                self.words[sys.intern(word)] = row
            elif isinstance(held, int):
                self.words[word] = array("i", (held, row))
            else:
                held.append(row)
        keys: list[Key] = []
        for symbol in supplier.elements if supplier.country else ():
            key = self._pooled(("l", supplier.country, symbol))
            self._posting(self.local, key, "int32").append(row)
            keys.append(key)
        return keys

    @staticmethod
    def _posting(postings: dict, key: Key, *dtypes: str) -> Posting:
        posting = postings.get(key)
        if posting is None:
            posting = postings[key] = Posting(*dtypes)
        return posting

    def remove(self, slot: int) -> None:
        """Forget what `slot` held (nothing, if it held nothing)."""
        keys = self.keys[slot] if slot < len(self.keys) else None
        if keys is None:
            return
        self.keys[slot] = None
        rows = np.flatnonzero(self.suppliers[0] == slot)
        for key in keys:
            if isinstance(key, str):
                self._drop(self.elements, key, [slot])
            elif key[0] == "s":
                self._drop(self.shares, key, [slot])
            else:
                self._drop(self.local, key, rows)
        for row in rows.tolist():
            for word in {w for name in self.names_of(row) for w in identifying_words(name)}:
                self._drop_word(word, row)
            self.suppliers.columns[0][row] = -1
            self.names[row] = ""
            self.free_rows.append(row)
        self.threshold[slot] = 0.0
        self.muted[slot] = 0

    @staticmethod
    def _drop(postings: dict, key: Key, owners) -> None:
        posting = postings.get(key)
        if posting is None:
            return
        posting.remove(owners)
        if not len(posting):
            del postings[key]

    def _drop_word(self, word: str, row: int) -> None:
        held = self.words.get(word)
        if held is None or isinstance(held, int):
            if held == row:
                del self.words[word]
            return
        if row in held:
            held.remove(row)
        if len(held) == 1:
            self.words[word] = held[0]

    def rows_named(self, words: Iterable[str]) -> np.ndarray:
        """Supplier rows with a name sharing one of `words` (each still to be compared)."""
        found: list[int] = []
        for word in words:
            held = self.words.get(word)
            if isinstance(held, int):
                found.append(held)
            elif held is not None:
                found.extend(held)
        return np.unique(np.array(found, "int64")) if found else np.zeros(0, "int64")

    def names_of(self, row: int) -> Sequence[str]:
        return self.names[row].split(NAME_JOIN)

    def slots(self) -> list[int]:
        """Slots that hold a profile."""
        return [slot for slot, keys in enumerate(self.keys) if keys is not None]
