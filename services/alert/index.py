"""Which subscribers an event can reach, so scoring costs grow with those exposed, not with all.

Three maps lead from an event to subscribers, one per way `score` can find exposure:
element → subscribers that weight it; company-name key word → subscribers with a supplier of
that name; country → element → subscribers with a supplier there that ships the element. Every
subscriber that `score` would give more than 0 is a candidate; a few candidates may still score 0
(a fuzzy name that shares a word but is another firm).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from chokewatch.shared.core.score import identifying_words, issuer_of, name_keys
from chokewatch.shared.core.severity import SILENT_TYPES
from chokewatch.shared.messages import Classification
from chokewatch.shared.profiles import ProfileSpec

# Memory matters at 100k subscribers: keys are short interned strings, each subscriber keeps its
# keys in a tuple, and a key held by one subscriber only (most supplier-name words) maps to the
# subscriber id itself rather than to a one-element set.
_Key = str  # "e:Dy" element | "n:lynas" company-name word | "c:CN:Dy" supplier country + element
_Bucket = str | set[str]


class ExposureIndex:
    """An in-memory inverted index of subscriber profiles; rebuilt from the store at start."""

    def __init__(self) -> None:
        self._subscribers: dict[_Key, _Bucket] = {}
        self._keys: dict[str, tuple[_Key, ...]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, subscriber_id: object) -> bool:
        return subscriber_id in self._keys

    @staticmethod
    def keys_of(profile: ProfileSpec) -> frozenset[_Key]:
        """The index entries of one profile."""
        keys = {f"e:{s}" for s, exposure in profile.elements.items() if exposure.weight > 0}
        for supplier in profile.suppliers:
            for name in (supplier.name, *supplier.aliases):
                keys.update(f"n:{word}" for word in identifying_words(name))
            if supplier.country:
                keys.update(f"c:{supplier.country}:{s}" for s in supplier.elements)
        return frozenset(keys)

    def add(self, subscriber_id: str, profile: ProfileSpec) -> None:
        """Index a profile, replacing what was indexed for this subscriber before."""
        self.remove(subscriber_id)
        keys = []
        for key in self.keys_of(profile):
            key = sys.intern(key)  # one copy of "e:Dy" shared by every subscriber
            bucket = self._subscribers.get(key)
            if bucket is None:
                self._subscribers[key] = subscriber_id
            elif isinstance(bucket, str):
                self._subscribers[key] = {bucket, subscriber_id}
            else:
                bucket.add(subscriber_id)
            keys.append(key)
        self._keys[subscriber_id] = tuple(keys)

    def remove(self, subscriber_id: str) -> None:
        for key in self._keys.pop(subscriber_id, ()):
            bucket = self._subscribers[key]
            if isinstance(bucket, str):
                del self._subscribers[key]
                continue
            bucket.discard(subscriber_id)
            if len(bucket) == 1:
                self._subscribers[key] = bucket.pop()

    def _lookup(self, keys: Iterable[_Key]) -> set[str]:
        found: set[str] = set()
        for key in keys:
            bucket = self._subscribers.get(key)
            if isinstance(bucket, str):
                found.add(bucket)
            elif bucket:
                found |= bucket
        return found

    def candidates(self, c: Classification, *, companies: list[str] | None = None) -> set[str]:
        """Subscribers exposed to the event's elements, named companies or issuing country."""
        if c.event_type in SILENT_TYPES:
            return set()
        named = c.companies if companies is None else companies
        keys = [f"e:{s}" for s in c.elements]
        keys += [f"n:{word}" for company in named for word in name_keys(company)]
        issuer = issuer_of(c)
        if issuer:
            keys += [f"c:{issuer}:{s}" for s in c.elements]
        return self._lookup(keys)
