"""Every Redis stream, group and key name chokewatch uses, in one place.

Keys of one stream (the stream, its dead letters, its retry schedule, its dedup marks) share a
hash tag, so the Lua scripts that touch them together also work on Redis Cluster.
"""

from __future__ import annotations

from dataclasses import dataclass

# stream hop -> consumer group that reads it
SUBMITTED = "submitted"  # api -> ingest
RAW = "raw"  # ingest -> classify
CLASSIFIED = "classified"  # classify -> alert (decide)
ALERTS = "alerts"  # alert (decide) -> alert (deliver)

GROUPS = {SUBMITTED: "ingest", RAW: "classify", CLASSIFIED: "alert", ALERTS: "deliver"}


@dataclass(frozen=True, slots=True)
class StreamKeys:
    stream: str
    dead: str  # dead-letter companion: entries that failed for good, with their reason
    retry: str  # sorted set of entries waiting for their next attempt, scored by due time
    group: str


@dataclass(frozen=True, slots=True)
class Names:
    namespace: str = "cw"

    def stream(self, hop: str) -> StreamKeys:
        tag = f"{self.namespace}:{{{hop}}}"
        return StreamKeys(f"{tag}:stream", f"{tag}:dead", f"{tag}:retry", GROUPS[hop])

    def all_streams(self) -> list[StreamKeys]:
        return [self.stream(hop) for hop in GROUPS]

    # ingest
    def seen(self, content_hash: str) -> str:
        return f"{self.namespace}:{{{RAW}}}:seen:{content_hash}"

    # classify
    def incident_index(self, bucket: str) -> str:
        return f"{self.namespace}:incidents:by:{bucket}"  # zset: incident id by last seen

    @property
    def incident_members(self) -> str:
        return f"{self.namespace}:incidents:members"  # hash: event id -> incident id

    @property
    def incident_lock(self) -> str:
        return f"{self.namespace}:incidents:lock"

    def incident(self, incident_id: str) -> str:
        return f"{self.namespace}:incident:{incident_id}"

    # subscribers (api writes, alert reads)
    @property
    def subscribers(self) -> str:
        return f"{self.namespace}:subscribers"  # hash: id -> profile JSON

    def element_index(self, element: str) -> str:
        return f"{self.namespace}:idx:element:{element}"  # set of subscriber ids

    @property
    def subscriber_changes(self) -> str:
        return f"{self.namespace}:subscribers:changes"  # stream of changed ids, for alert workers

    @property
    def subscriber_order(self) -> str:
        return f"{self.namespace}:subscribers:order"  # zset of ids, for cursor pagination

    @property
    def subscriber_keys(self) -> str:
        return f"{self.namespace}:subscribers:keyhash"  # hash: id -> sha256 of its API key

    @property
    def api_keys(self) -> str:
        return f"{self.namespace}:apikeys"  # hash: sha256(key) -> subscriber id

    # alert decisions and history
    def alerted(self, subscriber_id: str) -> str:
        return f"{self.namespace}:alerted:{{{subscriber_id}}}"  # hash: incident -> last decision

    def history(self, subscriber_id: str) -> str:
        return f"{self.namespace}:history:{{{subscriber_id}}}"  # hash: alert id -> Alert record

    def history_order(self, subscriber_id: str) -> str:
        return f"{self.namespace}:history-order:{{{subscriber_id}}}"  # zset: alert id by time

    def send_turn(self, key: str) -> str:
        return f"{self.namespace}:turn:{key}"  # lease: one message per interval to an endpoint

    def delivered(self, alert_id: str) -> str:
        return f"{self.namespace}:delivered:{alert_id}"

    # api
    @property
    def audit(self) -> str:
        return f"{self.namespace}:audit"  # capped stream of configuration changes

    def rate(self, key_hash: str, window: int) -> str:
        return f"{self.namespace}:rate:{key_hash}:{window}"  # requests of one key in one minute

    def idempotency(self, digest: str) -> str:
        return f"{self.namespace}:idem:{digest}"  # Idempotency-Key -> the event it created
