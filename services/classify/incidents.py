"""Incidents: one id for the same real-world development, whoever reports it and when.

State lives in Redis so every classify worker agrees. The decision itself (which candidate a
text joins, when the revision rises) is the pure `incident_policy.decide`, the same one
`chokewatch classify --incidents` and `chokewatch evaluate` run in memory; this store only finds
the candidates (indexes by element, by event type for element-less measures and by strong
anchor, over the last RECENT_DAYS) and keeps the records.

Workers assign at the same time without a lock: optimistically. Each index (bucket) has a
version, raised by every save that files an incident under it or changes an incident filed
under it. A text's assignment is read (its buckets' versions first, then their candidates) and
decided, then saved by one script only if none of its buckets' versions moved meanwhile; else
it is read and decided again. Two texts that could end in the same incident share a bucket (a
text only ever joins what its own buckets find), so the second to save sees the first and joins
it rather than opening a twin; texts of unrelated stories share no bucket and never wait on
each other.

Each event's membership (its incident, the revision and the course it got) is stored with it,
so a redelivered event gets exactly the answer it got the first time. Everything is bounded by
age (`keep_s`, CHOKEWATCH_INCIDENT_KEEP_DAYS): memberships expire, and an incident not written
for that long is dropped with its index entries.
"""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from collections import OrderedDict
from collections.abc import Sequence
from datetime import UTC, datetime

import redis.asyncio as aioredis

from chokewatch.shared.core.reading.incident_policy import (
    MAX_CANDIDATES,
    IncidentDecision,
    buckets,
    decide,
    likeliest,
    member,
    window_start,
)
from chokewatch.shared.core.reading.incident_reasons import why_joined
from chokewatch.shared.incident_views import MAX_REPORTS
from chokewatch.shared.messages import Classification
from chokewatch.shared.names import Names
from chokewatch.shared.redisbatch import Command, pipelined

__all__ = ["IncidentDecision", "IncidentStore"]


KEEP_S = 400 * 86_400

# Drops incidents not written since a cutoff: each record, its entries in the indexes it was
# filed under and its place in the write order. KEYS: the write-order zset; ARGV: cutoff (epoch
# seconds), most incidents dropped, the record, index and course key prefixes; then (for the
# readers' views) KEYS[2] the recent zset, ARGV[6] and ARGV[7] the report cards' and texts' prefixes,
# ARGV[8] the stamps' prefix.
_TRIM = """
local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(old) do
  local raw = redis.call('GET', ARGV[3] .. id)
  if raw then
    local ok, record = pcall(cjson.decode, raw)
    if ok and type(record['buckets']) == 'table' then
      for _, bucket in ipairs(record['buckets']) do
        redis.call('ZREM', ARGV[4] .. bucket, id)
      end
    end
    redis.call('DEL', ARGV[3] .. id)
  end
  redis.call('DEL', ARGV[5] .. id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('DEL', ARGV[6] .. id, ARGV[7] .. id, ARGV[8] .. id)
  redis.call('ZREM', KEYS[2], id)
end
return #old
"""


# Files one report's card and text (KEYS: the incident's cards, its texts) unless the incident
# has MAX_REPORTS already; a redelivered report keeps the card it got first (a redelivery reads
# as a join, whether or not it opened the incident). ARGV: event id, card JSON, text, most
# cards, ttl (s).
_FILE_REPORT = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[5])
return 1
"""

# Saves one text's assignment if nothing it was decided from has moved. KEYS: the event's
# membership, the incident record, its course, the write-order zset, then the versions of the
# text's buckets (as read), the indexes it is filed under, the versions to raise (every bucket
# of the incident), and last the newest-first list readers page through. ARGV: how many of each
# of those three lists, the membership, record and course JSON, lifetime (s), now (epoch s),
# incident id, its last seen, then the versions read, and last the record's new stamp (its key
# is the last of KEYS). Returns {'known', membership} for an event already assigned, {'moved'}
# when a bucket changed since it was read, {'saved'} otherwise.
_SAVE = """
local known = redis.call('GET', KEYS[1])
if known then return {'known', known} end
local reads, files, raises = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
for i = 1, reads do
  if (redis.call('GET', KEYS[4 + i]) or '0') ~= ARGV[10 + i] then return {'moved'} end
end
local keep = tonumber(ARGV[7])
redis.call('SET', KEYS[1], ARGV[4], 'EX', keep)
redis.call('SET', KEYS[2], ARGV[5], 'EX', keep)
redis.call('SET', KEYS[3], ARGV[6], 'EX', keep)
redis.call('ZADD', KEYS[4], ARGV[8], ARGV[9])
for i = 1, files do
  local index = KEYS[4 + reads + i]
  redis.call('ZADD', index, ARGV[10], ARGV[9])
  redis.call('EXPIRE', index, keep)
end
for i = 1, raises do
  local version = KEYS[4 + reads + files + i]
  redis.call('INCR', version)
  redis.call('EXPIRE', version, keep)
end
redis.call('ZADD', KEYS[5 + reads + files + raises], ARGV[10], ARGV[9])
redis.call('SET', KEYS[6 + reads + files + raises], ARGV[11 + reads], 'EX', keep)
return {'saved'}
"""

# Reads the incident records a worker has not parsed as they are now. KEYS: per record its stamp
# then the record; ARGV: per record the stamp of the copy the worker keeps ('' for none).
# Returns per record {stamp} when the kept copy is current, else {stamp or '', record or nil}.
_READ_CHANGED = """
local out = {}
for i = 1, #ARGV do
  local stamp = redis.call('GET', KEYS[2 * i - 1])
  if stamp and stamp == ARGV[i] then
    out[i] = {stamp}
  else
    out[i] = {stamp or '', redis.call('GET', KEYS[2 * i]) or false}
  end
end
return out
"""

MAX_TRIES = 100  # reads of one assignment before the entry is retried later instead
PARSED_KEPT = 2_000  # parsed incident records kept between texts (a few MB)
MEMBERS_KEPT = 256  # texts assigned but not yet filed


class ParsedRecords:
    """Incident records parsed once: the same candidates are read for text after text, and a
    record's JSON is large (a dozen members' profiles). A record is reused only while the JSON
    read from Redis is exactly the JSON it was parsed from, so a record another worker changed
    is parsed again. Each save of a record also stores a new stamp beside it: a record kept with
    the stamp still stored is current without reading its JSON again (`stamp`, `current`). The
    records handed out are shared: callers read them and never change them (`decide` copies
    what it updates)."""

    def __init__(self, size: int = PARSED_KEPT) -> None:
        self.size = size
        self._kept: OrderedDict[str, tuple[str, dict]] = OrderedDict()
        self._stamps: dict[str, str] = {}  # incident id -> the stamp its kept record was saved with

    def stamp(self, incident_id: str) -> str:
        """The stamp of the record kept, '' when none is known."""
        return self._stamps.get(incident_id, "")

    def current(self, incident_id: str) -> dict:
        """The record kept, known current by its stamp."""
        self._kept.move_to_end(incident_id)
        return self._kept[incident_id][1]

    def get(self, incident_id: str, raw: str, stamp: str = "") -> dict:
        kept = self._kept.get(incident_id)
        if kept is not None and kept[0] == raw:
            self._kept.move_to_end(incident_id)
            if stamp:
                self._stamps[incident_id] = stamp
            return kept[1]
        return self.put(incident_id, raw, json.loads(raw), stamp)

    def put(self, incident_id: str, raw: str, record: dict, stamp: str = "") -> dict:
        kept = self._kept.get(incident_id)
        if kept is not None and isinstance(record.get("members"), list):
            # The members it kept are the very dicts parsed before, so the comparable form built
            # of each (incident_policy.stored_item) serves again.
            before = {_member_key(x): x for x in kept[1].get("members", ())}
            record["members"] = [_same_member(x, before) for x in record["members"]]
        self._kept[incident_id] = (raw, record)
        self._kept.move_to_end(incident_id)
        if stamp:
            self._stamps[incident_id] = stamp
        else:  # read without its stamp: not known current until read with one
            self._stamps.pop(incident_id, None)
        while len(self._kept) > self.size:
            dropped, _ = self._kept.popitem(last=False)
            self._stamps.pop(dropped, None)
        return record


def _member_key(m: dict) -> tuple:
    return (m.get("at"), tuple(m.get("sig", ())[:4]))


def _same_member(m: dict, before: dict[tuple, dict]) -> dict:
    old = before.get(_member_key(m))
    return old if old is not None and old == m else m


class Contended(RuntimeError):
    """An assignment kept finding its buckets changed: the entry is retried later."""


def _new_id() -> str:
    return "inc_" + uuid.uuid4().hex[:16]


class IncidentStore:
    def __init__(self, redis: aioredis.Redis, names: Names, keep_s: float = KEEP_S) -> None:
        self.redis = redis
        self.names = names
        self.keep_s = keep_s
        self._trim = redis.register_script(_TRIM)
        self._save = redis.register_script(_SAVE)
        self._file = redis.register_script(_FILE_REPORT)
        self._read_changed = redis.register_script(_READ_CHANGED)
        self.parsed = ParsedRecords()
        # From `assign` for the text's `file_report`: its member as stored (JSON types) and the
        # incident record as its save left it (None until saved).
        self._pending: OrderedDict[str, list] = OrderedDict()

    async def assign(
        self,
        event_id: str,
        c: Classification,
        text: str,
        title: str,
        published_at: datetime | None = None,
    ) -> IncidentDecision:
        """Give the event its incident. Commentary and unrelated texts get one too: a report the
        classifier misreads as commentary still belongs with its development, and the alert
        service sends nothing for them whatever their incident. A redelivered event gets the
        answer it got the first time: incident, revision and course, whatever the incident went
        through since."""
        m = member(c, text, title, published_at or datetime.now(UTC))
        self._keep_member(event_id, m)
        for attempt in range(MAX_TRIES):
            known, versions, candidates = await self._read(event_id, m)
            if known:
                return _first(known)
            decision, record = decide(c, m, candidates, _new_id)
            answer = await self._store(record, event_id, decision, m, versions)
            if answer[0] == "known":  # a copy of this event was assigned meanwhile
                return _first(answer[1])
            if answer[0] == "saved":
                return decision
            if attempt >= 2:  # a busy story: let the others through before reading again
                await asyncio.sleep(random.uniform(0, 0.002 * attempt))
        raise Contended(f"the incident indexes of event {event_id} kept changing "
                        f"({MAX_TRIES} reads)")

    async def trim(self, now: float | None = None, limit: int = 100) -> int:
        """Drop up to `limit` incidents not written for `keep_s`; returns how many."""
        now = datetime.now(UTC).timestamp() if now is None else now
        prefix = self.names.incident("")
        index_prefix = self.names.incident_index("")
        course_prefix = self.names.incident_course("")
        return int(await self._trim(keys=[self.names.incident_written, self.names.incident_recent],
                                    args=[now - self.keep_s, limit, prefix, index_prefix,
                                          course_prefix, self.names.incident_reports(""),
                                          self.names.incident_texts(""),
                                          self.names.incident_stamp("")]))

    async def _read(self, event_id: str, m: dict) -> tuple[str | None, list[str], list[dict]]:
        """The event's membership if it has one, its buckets' versions, and the records worth
        comparing (`likeliest`): one round trip for the versions and indexes (versions first,
        so anything saved after them shows as a change), one for at most MAX_COMPARED records,
        which reads only those saved since this worker parsed them (a record is some 16 KB)."""
        at = datetime.fromisoformat(m["at"])
        order = sorted(buckets(m))
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.get(self.names.incident_member(event_id))
            for bucket in order:
                pipe.get(self.names.incident_version(bucket))
            for bucket in order:
                # As a plain command, so the client hands the reply over as it came: its
                # reshaping of scores costs more than the rest of the read (thousands a text).
                pipe.execute_command("ZREVRANGEBYSCORE", self.names.incident_index(bucket), "+inf",
                                     window_start(at, bucket), "LIMIT", 0, MAX_CANDIDATES,
                                     "WITHSCORES")
            replies = await pipe.execute()
        known, versions = replies[0], [v or "0" for v in replies[1: 1 + len(order)]]
        if known:
            return known, versions, []
        found = [pair for reply in replies[1 + len(order):] for pair in _scored(reply)]
        ids = likeliest(found)
        if not ids:
            return None, versions, []
        keys = [key for i in ids for key in (self.names.incident_stamp(i), self.names.incident(i))]
        replies = await self._read_changed(keys=keys, args=[self.parsed.stamp(i) for i in ids])
        candidates = []
        for i, reply in zip(ids, replies, strict=True):
            if len(reply) == 1:
                candidates.append(self.parsed.current(i))
            elif reply[1]:
                candidates.append(self.parsed.get(i, reply[1], _str(reply[0])))
        return None, versions, candidates

    async def _store(
        self, record: dict, event_id: str, decision: IncidentDecision, m: dict,
        versions: list[str],
    ) -> list[str]:
        names = self.names
        read = sorted(buckets(m))
        # Every index the incident is filed under, so trimming finds them all again, and so a
        # later save raises the version of each: whoever found it there reads it again.
        record = {**record, "buckets": sorted(set(record.get("buckets", ())) | set(read))}
        first = {"incident_id": decision.incident_id, "revision": decision.revision,
                 "course": list(decision.course)}
        keys = [names.incident_member(event_id), names.incident(record["id"]),
                names.incident_course(record["id"]), names.incident_written,
                *(names.incident_version(b) for b in read),
                *(names.incident_index(b) for b in read),
                *(names.incident_version(b) for b in record["buckets"]),
                # Newest first for readers, by the latest publication among its reports.
                names.incident_recent, names.incident_stamp(record["id"])]
        saved = json.dumps(record)
        stamp = uuid.uuid4().hex
        args = [len(read), len(read), len(record["buckets"]), json.dumps(first), saved,
                # The whole course so far, for an alert decided late to tell what came after it.
                json.dumps(record.get("course", [])),
                max(1, int(self.keep_s)), datetime.now(UTC).timestamp(), record["id"],
                record["last_seen"], *versions, stamp]
        answer = [_str(v) for v in await self._save(keys=keys, args=args)]
        if answer[0] == "saved":  # the next text reading it reuses it, as does this text's report
            parsed = self.parsed.put(record["id"], saved, json.loads(saved), stamp)
            if event_id in self._pending:
                self._pending[event_id][1] = parsed
        return answer

    def _keep_member(self, event_id: str, m: dict) -> None:
        # As stored and read back (tuples become lists), so it compares equal to its stored copy.
        self._pending[event_id] = [json.loads(json.dumps(m)), None]
        while len(self._pending) > MEMBERS_KEPT:
            self._pending.popitem(last=False)

    async def file_report(self, decision: IncidentDecision, event_id: str, card: dict,
                          c: Classification, text: str, title: str, published_at: datetime,
                          then: Sequence[Command] = ()) -> None:
        """Keep a report's card and text with its incident for readers (the API, the console),
        with why it joined: the ties to the member it is most firmly tied to. Decides nothing, so it runs
        after `assign`. `then`: commands sent after it in the same round trip (the service's
        publication of the classified event)."""
        m, record = self._pending.pop(event_id, (None, None))
        if not decision.is_new:
            if m is None:
                m = json.loads(json.dumps(member(c, text, title, published_at)))
            if record is None or record["id"] != decision.incident_id:
                # A redelivered text: its incident as it is now. (A text just saved reads the
                # record it saved, as a read right after the save would, but for a text of the
                # same incident saved in between by another worker: a race either way.)
                raw = await self.redis.get(self.names.incident(decision.incident_id))
                record = self.parsed.get(decision.incident_id, raw) if raw else {"members": []}
            others = [x for x in record["members"] if x != m]
            card = {**card, "joined": why_joined(m, others)}
        # The text apart, so a list of incidents reads only the cards.
        text = card.pop("text", "")
        await pipelined(self.redis, [
            Command.call(self._file, keys=[self.names.incident_reports(decision.incident_id),
                                           self.names.incident_texts(decision.incident_id)],
                         args=[event_id, json.dumps(card), text, MAX_REPORTS,
                               max(1, int(self.keep_s))]),
            *then])


def _scored(reply: list) -> list[tuple[str, float]]:
    """(member, score) pairs of a WITHSCORES reply: pairs under RESP3, a flat list under RESP2."""
    if reply and isinstance(reply[0], list):
        return [(member, float(score)) for member, score in reply]
    return [(reply[i], float(reply[i + 1])) for i in range(0, len(reply), 2)]


def _first(raw: str) -> IncidentDecision:
    first = json.loads(raw)
    return IncidentDecision(first["incident_id"], int(first["revision"]), False,
                            tuple(first.get("course", ())))


def _str(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)
