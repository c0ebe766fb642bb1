"""Every Redis stream, group and key name chokewatch uses, in one place.

Keys that one transaction or Lua script touches together share a hash tag, so they live in one
slot of a Redis Cluster: a stream with its dead letters, retry schedule and dedup marks
(`{raw}`...); all subscriber configuration with its indexes and keys (`{subs}`); incident state
(`{inc}`); each subscriber's decisions, history and digest (`{<subscriber id>}`); each source's
own state (`{<source name>}`).
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

    def seen_url(self, url_hash: str) -> str:
        return f"{self.namespace}:{{{RAW}}}:seen-url:{url_hash}"  # a canonical URL already admitted

    # ingest sources (the source name is the hash tag: a source's own keys share a slot)
    @property
    def sources(self) -> str:
        return f"{self.namespace}:sources"  # hash: source name -> Source JSON

    @property
    def source_due(self) -> str:
        return f"{self.namespace}:sources:due"  # zset: source name by next poll time (epoch ms)

    def source_state(self, name: str) -> str:
        return f"{self.namespace}:source:{{{name}}}:state"  # hash: validators, last poll, errors

    def source_lease(self, name: str) -> str:
        return f"{self.namespace}:source:{{{name}}}:lease"  # one replica polls a source at a time

    def source_seen(self, name: str) -> str:
        return f"{self.namespace}:source:{{{name}}}:seen"  # zset: item keys by first sight

    def source_items(self, name: str) -> str:
        return f"{self.namespace}:source:{{{name}}}:items"  # capped list: recent items, newest first

    def fetch_turn(self, host: str) -> str:
        return f"{self.namespace}:fetch-turn:{host}"  # lease: one request at a time to a host

    # classify
    def incident_index(self, bucket: str) -> str:
        return f"{self.namespace}:{{inc}}:by:{bucket}"  # zset: incident id by last seen

    def incident_alerted(self, incident_id: str) -> str:
        return f"{self.namespace}:{{inc}}:alerted:{incident_id}"  # set: subscribers alerted of it

    def incident_member(self, event_id: str) -> str:
        return f"{self.namespace}:{{inc}}:member:{event_id}"  # the incident and revision it got

    @property
    def incident_written(self) -> str:
        return f"{self.namespace}:{{inc}}:written"  # zset: incident id by last write (epoch s)

    def incident_stamp(self, incident_id: str) -> str:
        return f"{self.namespace}:{{inc}}:stamp:{incident_id}"  # new with each save of its record

    def incident_version(self, bucket: str) -> str:
        return f"{self.namespace}:{{inc}}:version:{bucket}"  # raised by each save touching it

    def incident(self, incident_id: str) -> str:
        return f"{self.namespace}:{{inc}}:incident:{incident_id}"

    def incident_course(self, incident_id: str) -> str:
        return f"{self.namespace}:{{inc}}:course:{incident_id}"  # JSON list: its steps so far

    @property
    def incident_recent(self) -> str:
        return f"{self.namespace}:{{inc}}:recent"  # zset: incident id by its latest publication

    def incident_reports(self, incident_id: str) -> str:
        return f"{self.namespace}:{{inc}}:reports:{incident_id}"  # hash: event id -> report card

    def incident_texts(self, incident_id: str) -> str:
        return f"{self.namespace}:{{inc}}:texts:{incident_id}"  # hash: event id -> report's text

    # subscribers (api writes, alert reads)
    @property
    def subscribers(self) -> str:
        return f"{self.namespace}:{{subs}}:profiles"  # hash: id -> profile JSON

    def element_index(self, element: str) -> str:
        return f"{self.namespace}:{{subs}}:idx:element:{element}"  # set of subscriber ids

    @property
    def subscriber_changes(self) -> str:
        return f"{self.namespace}:{{subs}}:changes"  # stream of changed ids, for alert workers

    @property
    def subscriber_order(self) -> str:
        return f"{self.namespace}:{{subs}}:order"  # zset of ids, for cursor pagination

    @property
    def subscriber_keys(self) -> str:
        return f"{self.namespace}:{{subs}}:keyhash"  # hash: id -> sha256 of its API key

    @property
    def api_keys(self) -> str:
        return f"{self.namespace}:{{subs}}:apikeys"  # hash: sha256(key) -> subscriber id

    # alert decisions and history
    def alerted(self, subscriber_id: str) -> str:
        return f"{self.namespace}:alerted:{{{subscriber_id}}}"  # hash: incident -> last decision

    def history(self, subscriber_id: str) -> str:
        return f"{self.namespace}:history:{{{subscriber_id}}}"  # hash: alert id -> Alert record

    def alerted_order(self, subscriber_id: str) -> str:
        return f"{self.namespace}:alerted-order:{{{subscriber_id}}}"  # zset: incident by decided

    def history_order(self, subscriber_id: str) -> str:
        return f"{self.namespace}:history-order:{{{subscriber_id}}}"  # zset: alert id by time

    # digests: per subscriber, a buffer of alerts and the ids in it; a set of those pending
    def digest(self, subscriber_id: str) -> str:
        return f"{self.namespace}:digest:{{{subscriber_id}}}"

    def digest_ids(self, subscriber_id: str) -> str:
        return f"{self.namespace}:digest-ids:{{{subscriber_id}}}"

    def digest_lease(self, subscriber_id: str) -> str:
        return f"{self.namespace}:digest-lease:{{{subscriber_id}}}"

    @property
    def digest_pending(self) -> str:
        return f"{self.namespace}:digest-pending"

    def send_bucket(self, key: str) -> str:
        return f"{self.namespace}:bucket:{key}"  # hash: a rated endpoint's token bucket

    # an alert's channels: a hash of those it reached, and a short lease per channel being sent
    def delivered(self, alert_id: str) -> str:
        return f"{self.namespace}:delivered:{{{alert_id}}}"

    def delivering(self, alert_id: str, channel: str) -> str:
        return f"{self.namespace}:delivering:{{{alert_id}}}:{channel}"

    # api
    @property
    def audit(self) -> str:
        return f"{self.namespace}:audit"  # capped stream of configuration changes

    def rate(self, who: str, window: int) -> str:
        return f"{self.namespace}:rate:{who}:{window}"  # requests of one principal in one minute

    @property
    def publishers(self) -> str:
        return f"{self.namespace}:publishers"  # hash: publisher name -> its record (JSON)

    @property
    def publisher_keys(self) -> str:
        return f"{self.namespace}:publisher-keys"  # hash: sha256(key) -> publisher name

    def console_session(self, digest: str) -> str:
        return f"{self.namespace}:console-session:{digest}"  # a console sign-in, by sha256 of its id

    def idempotency(self, digest: str) -> str:
        return f"{self.namespace}:idem:{digest}"  # Idempotency-Key -> the event it created
