"""Synthetic subscribers and events for the pipeline benchmark and the fault drills.

Every event is a Chinese export control on one of ten "hit" elements, on its own publication day.
Ten consecutive events (one per element) share an announcement number, so the incident rules
read them as one notice covering ten elements: one incident per number, ten reports each.
Each hit element is weighted by `per_element` subscribers: `alerting` of them heavily (they
score about 68 against a threshold of 40, so they are alerted) and the rest lightly (about 8,
below the same threshold). Everyone else weights elements no
event touches, so the exposure index keeps them out of the loop.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chokewatch.shared.elements import ELEMENTS
from chokewatch.shared.messages import RawEvent, new_id
from chokewatch.shared.profiles import Subscriber

HIT = {"Dy": "dysprosium", "Tb": "terbium", "Ga": "gallium", "Ge": "germanium", "Sb": "antimony",
       "W": "tungsten", "graphite": "graphite", "Sm": "samarium", "In": "indium", "Bi": "bismuth"}
UNTOUCHED = [symbol for symbol in ELEMENTS if symbol not in HIT]
MAX_NUMBER = 999  # announcement numbers the incident rule reads (1..999)

TEXT = (
    "China's Ministry of Commerce published Announcement No. {number} on Friday placing {name} and "
    "products containing it under export licensing. The measure takes effect immediately; "
    "exporters must apply to the ministry for a licence. {padding}"
)
PADDING = (
    "The ministry said the list would be reviewed and that licences would be granted for civil "
    "uses after an examination of end users. "
)


def secret_for(subscriber_id: str) -> str:
    """A deterministic Standard Webhooks secret, so a receiver can verify without a lookup."""
    return "whsec_" + base64.b64encode(hashlib.sha256(subscriber_id.encode()).digest()[:24]).decode()


@dataclass(frozen=True, slots=True)
class Population:
    subscribers: list[Subscriber]
    alerted_by: dict[str, list[str]]  # hit element -> the subscriber ids its events alert

    def expected(self, event: RawEvent) -> list[str]:
        return self.alerted_by[element_of(event)]


def population(size: int, per_element: int, alerting: int, hook_base: str) -> Population:
    """`size` subscribers; each hit element reaches `per_element` of them and alerts `alerting`."""
    if per_element * len(HIT) > size or alerting > per_element:
        raise ValueError("population too small for the exposure shape asked for")
    now = datetime.now(UTC)
    subscribers: list[Subscriber] = []
    alerted_by: dict[str, list[str]] = {symbol: [] for symbol in HIT}
    hits = list(HIT)
    for n in range(size):
        sub_id = f"sub_bench_{n:06d}"
        group, rank = divmod(n, per_element)
        if group < len(hits):
            symbol = hits[group]
            heavy = rank < alerting
            elements = {symbol: {"weight": 0.9 if heavy else 0.1, "country_shares": {"CN": 0.95}}}
            if heavy:
                alerted_by[symbol].append(sub_id)
        else:
            other = UNTOUCHED[n % len(UNTOUCHED)]
            elements = {other: {"weight": 0.8, "country_shares": {"CN": 0.6}}}
        subscribers.append(Subscriber(
            id=sub_id, created_at=now, updated_at=now, name=f"bench subscriber {n}",
            elements=elements, threshold=40,
            channels=[{"type": "webhook", "url": f"{hook_base}/hooks/{sub_id}",
                       "secret": secret_for(sub_id)}],
        ))
    return Population(subscribers, alerted_by)


def event(serial: int, padding_to: int = 0) -> RawEvent:
    """Event `serial`: hit element serial % 10, announcement number from the rest; past 9,990
    events a series mark keeps the texts unique (a soak sends hundreds of thousands)."""
    symbol = list(HIT)[serial % len(HIT)]
    number = (serial // len(HIT)) % MAX_NUMBER + 1
    series = serial // (len(HIT) * MAX_NUMBER)
    mark = f" (series {series})" if series else ""
    padding = ""
    base = TEXT.format(number=number, name=HIT[symbol], padding="")
    while len(base) + len(padding) < padding_to:
        padding += PADDING
    now = datetime.now(UTC)
    return RawEvent(
        id=new_id(), correlation_id=new_id(), ingested_at=now, published_at=now - timedelta(days=serial),
        title=f"China adds {HIT[symbol]} to its export control list ({number}){mark}",
        text=TEXT.format(number=number, name=HIT[symbol], padding=padding).strip() + mark,
        source=f"bench:{symbol}",
    )


def element_of(event: RawEvent) -> str:
    return event.source.split(":", 1)[1]
