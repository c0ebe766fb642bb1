"""Which incident a new text joins: the one decision the Redis store and the offline paths share.

An incident is a plain record (JSON-able dict): its id, revision, latest status and direction,
first and last publication time, and its most recent member texts in compact form (the
classifier's facts, shingle signature, anchors, publication time, and the profile, script,
subject, headline governments, headline step, the months its opening names, and whether it is
an opinion piece, tells of a meeting or carries out a deal, of `incident_facts`). `decide`
takes a new text's member and the candidate records a caller found for it (under `buckets`,
since `window_start`) and returns what happens: a new incident or a join, with the record to
store. Nothing here does I/O; the
Redis store (`services/classify/incidents.py`) and `IncidentBook` (in memory, for `chokewatch
classify --incidents` and `chokewatch evaluate`) only find candidates and keep records.

Every text gets an incident, commentary included: a report the classifier misreads as
commentary still belongs with its development, and the alert service sends nothing for
commentary whatever its incident. A text joins the candidate incident with the strongest tie to
one of its members (`incident_rules.strength`) or to all of them together
(`incident_rules.group_strength`), else it opens its own; incidents never merge,
so one text about several measures cannot chain them together. A later text that raises the
status or flips the direction raises the incident's revision, which is what lets the alert
service send an update.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count

from chokewatch.shared.messages import Classification, Direction, Status

from .incident_facts import (
    action,
    actors,
    carries_out,
    follow_up,
    meeting,
    months_named,
    opinion,
    profile,
    script,
    subject,
    years_cited,
)
from .incident_rules import Item, group_strength, strength
from .similarity import signature

RECENT_DAYS = 200  # a little over incident_rules.MAX_GAP_DAYS
# A shared announcement number or named measure joins texts whatever the gap (a suspension a
# year after the notice), so incidents are found by those over a longer span.
ANCHOR_RECENT_DAYS = 800
MAX_CANDIDATES = 200  # per bucket, most recently active first
BUCKET_TERMS = 12  # a text's strongest profile terms it is indexed (and looked up) by
MAX_COMPARED = 50  # candidates fetched and compared in full, those found under most buckets first
MAX_MEMBERS = 12  # texts kept per incident for matching; the newest are the most telling
MAX_STEPS = 20  # steps of an incident's course kept (the newest)
STATUS_RANK = {None: 0, Status.speculation: 1, Status.announced: 2, Status.enacted: 3}
_FACTS = ("event_type", "issuer", "elements", "companies", "direction", "status", "chips_involved")


@dataclass(frozen=True, slots=True)
class IncidentDecision:
    incident_id: str
    revision: int
    is_new: bool
    # The incident's steps up to this revision (`step` dicts), oldest first: what an alert tells.
    course: tuple[dict, ...] = field(default=(), compare=False)


def step(revision: int, m: dict) -> dict:
    """One step of an incident's course: the revision a report opened or raised, and what it said."""
    facts = m["facts"]
    return {"revision": revision, "status": facts.get("status"), "direction": facts.get("direction"),
            "event_type": facts.get("event_type"), "published_at": m.get("at")}


def course_until(record: dict, revision: int) -> tuple[dict, ...]:
    """The record's steps up to `revision` (records stored before steps were kept have none)."""
    return tuple(s for s in record.get("course", ()) if int(s["revision"]) <= revision)


def member(c: Classification, text: str, title: str = "", at: datetime | None = None) -> dict:
    """The compact form of a text an incident keeps to match later texts against."""
    anchors = sorted(set(c.evidence.get("anchors", ())))
    return {
        "facts": c.model_dump(mode="json", include=set(_FACTS)),
        "sig": signature(text, title),
        "anchors": anchors,
        "at": at.isoformat() if at else None,
        "profile": profile(text, title, at.date() if at else None),
        "lang": script(f"{title}\n{text}"),
        "subject": subject(f"{title}\n{text}"),
        "actors": list(actors(text, title)),
        "action": action(text, title),
        "follow_up": follow_up(text, title),
        "months": list(months_named(text, title)),
        "years": list(years_cited(text, title)),
        "opinion": opinion(text, title),
        "meeting": meeting(text, title),
        "carries_out": carries_out(text, title),
    }


ITEMS_KEPT = 4_096  # members' comparable forms kept (a few hundred candidate incidents' worth)
_items: OrderedDict[int, tuple[dict, Item]] = OrderedDict()


def stored_item(m: dict) -> Item:
    """item(m) of a stored member, built once: the same candidates are compared with text after
    text, and a stored member is never changed (records are copied when updated). Kept by the
    member's identity, with the member itself, so a new dict never reads an old one's form."""
    kept = _items.get(id(m))
    if kept is not None and kept[0] is m:
        _items.move_to_end(id(m))
        return kept[1]
    built = item(m)
    _items[id(m)] = (m, built)
    if len(_items) > ITEMS_KEPT:
        _items.popitem(last=False)
    return built


def item(m: dict, key: str = "") -> Item:
    at = m.get("at")
    return Item(
        classification=Classification(**m["facts"]),
        signature=m["sig"],
        published_at=datetime.fromisoformat(at) if at else None,
        key=key,
        anchors=frozenset(m["anchors"]),
        profile=m.get("profile") or {},
        lang=m.get("lang", ""),
        subject=m.get("subject", ""),
        actors=tuple(m.get("actors", ())),
        action=m.get("action", ""),
        follow_up=str(m.get("follow_up") or ""),
        months=tuple(m.get("months", ())),
        years=tuple(m.get("years", ())),
        opinion=bool(m.get("opinion")),
        meeting=bool(m.get("meeting")),
        carries_out=bool(m.get("carries_out")),
    )


def buckets(m: dict) -> set[str]:
    """Index keys under which an incident holding this member is found again."""
    facts = m["facts"]
    out = set(facts.get("elements") or ()) or {f"type:{facts['event_type']}"}
    out.update(f"anchor:{a}" for a in m["anchors"] if a.startswith(("no:", "named:", "venue:")))
    # The text's strongest particulars find reports of it whatever the classifier read.
    profile = m.get("profile") or {}
    out.update(f"term:{t}" for t in sorted(profile, key=lambda t: (-profile[t], t))[:BUCKET_TERMS])
    return out


def window_start(at: datetime | None, bucket: str) -> float | None:
    """Candidates found under `bucket` are incidents active since this time (None: no limit,
    for undated texts)."""
    days = ANCHOR_RECENT_DAYS if bucket.startswith(("anchor:", "term:")) else RECENT_DAYS
    return at.timestamp() - days * 86_400 if at else None


def _timestamp(m: dict) -> float | None:
    return datetime.fromisoformat(m["at"]).timestamp() if m.get("at") else None


def likeliest(found: Iterable[tuple[str, float]]) -> list[str]:
    """The candidate incidents worth comparing in full, from (id, last seen) pairs found under
    the new text's buckets, a pair per bucket: those found under most buckets, then the most
    recently active, at most MAX_COMPARED."""
    hits: Counter[str] = Counter()
    seen: dict[str, float] = {}
    for incident_id, last_seen in found:
        hits[incident_id] += 1
        seen[incident_id] = float(last_seen or 0.0)
    return sorted(hits, key=lambda i: (-hits[i], -seen[i], i))[:MAX_COMPARED]


def best_match(m: dict, records: Iterable[dict]) -> dict | None:
    """The record with the strongest tie to one of its members; on a tie, the most recently
    active, then the oldest incident."""
    order = sorted(records, key=lambda r: (-(r.get("last_seen") or 0.0), r.get("first_seen") or 0.0,
                                           r["id"]))
    new = item(m)
    match, best = None, 0.0
    for record in order:
        members = [stored_item(x) for x in record["members"]]
        tie = max(max(strength(x, new) for x in members), group_strength(members, new))
        if tie > best:
            match, best = record, tie
    return match


def decide(
    c: Classification, m: dict, candidates: Iterable[dict], new_id: Callable[[], str]
) -> tuple[IncidentDecision, dict]:
    """The decision for a new text and the record to store (a new one, or the candidate updated)."""
    match = best_match(m, candidates)
    if match is None:
        return _open(new_id(), c, m)
    return _join(match, c, m)


def _open(incident_id: str, c: Classification, m: dict) -> tuple[IncidentDecision, dict]:
    now = _timestamp(m)
    record = {
        "id": incident_id,
        "revision": 1,
        "status": c.status.value if c.status else None,
        "direction": c.direction.value,
        "first_seen": now,
        "last_seen": now,
        "members": [m],
        "course": [step(1, m)],
    }
    return IncidentDecision(incident_id, 1, True, tuple(record["course"])), record


def _join(record: dict, c: Classification, m: dict) -> tuple[IncidentDecision, dict]:
    record = dict(record)
    previous = Status(record["status"]) if record.get("status") else None
    escalated = STATUS_RANK[c.status] > STATUS_RANK[previous]
    flipped = c.direction != Direction.neutral and record.get("direction") not in (
        None, Direction.neutral.value, c.direction.value
    )
    if escalated or flipped:
        record["revision"] = int(record["revision"]) + 1
        record["status"] = c.status.value if c.status else None
        record["direction"] = c.direction.value
        record["course"] = [*record.get("course", ()), step(int(record["revision"]), m)][-MAX_STEPS:]
    record["members"] = (list(record["members"]) + [m])[-MAX_MEMBERS:]
    now = _timestamp(m)
    if now is not None:
        record["last_seen"] = max(float(record.get("last_seen") or now), now)
        record["first_seen"] = min(float(record.get("first_seen") or now), now)
    revision = int(record["revision"])
    return IncidentDecision(record["id"], revision, False, course_until(record, revision)), record


class IncidentBook:
    """Incidents kept in memory, found and decided exactly as the Redis store does."""

    def __init__(self, new_id: Callable[[], str] | None = None) -> None:
        numbers = count(1)
        self.new_id = new_id or (lambda: f"inc_{next(numbers):04d}")
        self.records: dict[str, dict] = {}
        self.index: dict[str, set[str]] = {}
        self.members: dict[str, IncidentDecision] = {}

    def assign(
        self, key: str, c: Classification, text: str, title: str = "",
        published_at: datetime | None = None,
    ) -> IncidentDecision:
        if key in self.members:  # the answer it got the first time
            first = self.members[key]
            return IncidentDecision(first.incident_id, first.revision, False, first.course)
        m = member(c, text, title, published_at)
        decision, record = decide(c, m, self.candidates(m), self.new_id)
        self.records[record["id"]] = record
        self.members[key] = decision
        for bucket in buckets(m):
            self.index.setdefault(bucket, set()).add(record["id"])
        return decision

    def candidates(self, m: dict) -> list[dict]:
        """The records worth comparing, found and ranked as the store finds and ranks them."""
        at = datetime.fromisoformat(m["at"]) if m.get("at") else None
        found: list[tuple[str, float]] = []
        for bucket in buckets(m):
            since = window_start(at, bucket)
            records = [self.records[i] for i in self.index.get(bucket, ())]
            recent = [r for r in records if since is None or (r["last_seen"] or 0.0) >= since]
            recent.sort(key=lambda r: (-(r["last_seen"] or 0.0), r["id"]))
            found += [(r["id"], r["last_seen"]) for r in recent[:MAX_CANDIDATES]]
        return [self.records[i] for i in likeliest(found)]


def publication_order(published: list[datetime | None]) -> list[int]:
    """Indexes in the order incidents are assigned: dated texts oldest first, then undated ones."""
    def key(i: int) -> tuple[bool, float, int]:
        at = published[i]
        return (at is None, _aware(at).timestamp() if at else 0.0, i)

    return sorted(range(len(published)), key=key)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Entry:
    """One classified text to give an incident offline."""

    key: str
    classification: Classification
    text: str
    title: str = ""
    published_at: datetime | None = None


def assign_all(entries: list[Entry], book: IncidentBook | None = None) -> list[IncidentDecision]:
    """Each entry's incident, assigned in publication order by one `IncidentBook`, as the
    classify service would have assigned them arriving in that order."""
    book = book or IncidentBook()
    out: list[IncidentDecision] = [IncidentDecision("", 0, False)] * len(entries)
    for i in publication_order([e.published_at for e in entries]):
        e = entries[i]
        at = _aware(e.published_at) if e.published_at else None
        out[i] = book.assign(e.key or str(i), e.classification, e.text, e.title, at)
    return out
