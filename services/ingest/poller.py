"""The source poller: runs inside every ingest process and polls the sources that are due.

Any number of ingest replicas share the schedule (a sorted set of next poll times). A replica
polls a source only while it holds that source's lease, and only if the source is still due
once the lease is held, so two replicas never poll one source at the same time nor one right
after the other. A failing source backs off and records its error; the others go on.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import redis.asyncio as aioredis

from chokewatch.shared.messages import RawEvent, new_id
from chokewatch.shared.names import Names
from chokewatch.shared.settings import Settings
from chokewatch.shared.sources import PageOptions, Source, SourceKind, SourceStore, status_of
from chokewatch.shared.telemetry import (
    DUPLICATES,
    PUBLISHED,
    SOURCE_ERRORS,
    SOURCE_ITEMS,
    SOURCE_POLLS,
    SOURCES,
    log,
)

from . import federal_register, feeds, folders, pages
from .dedup import Admission, Admitter
from .fetcher import Fetcher
from .listing import Item, Listing, SourceError
from .normalise import canonical_url, clean_text, detect_language, html_to_text
from .politeness import HostTurns

TICK_S = 0.25  # how often a replica looks for due sources
STOP_GRACE_S = 5.0  # on stop, running polls get this long; the rest is redone by the next replica
HOUSEKEEPING_S = 15.0  # gauges refreshed, sources without a turn given one
ITEM_ATTEMPTS = 3  # an item whose page keeps failing is given up after this many polls
TEXT_MAX = 1_000_000  # RawEvent's own limit
TITLE_MAX = 2_000

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


@dataclass(slots=True)
class PollResult:
    outcome: str  # ok, not_modified, error, skipped
    counts: dict[str, int] = field(default_factory=dict)
    error: str | None = None


def backoff_s(interval_s: int, failures: int, cap_s: int, retry_after_s: float | None = None) -> float:
    """Wait after the n-th failure in a row: twice the interval, then doubling, up to the cap
    (never less than the interval), with jitter; at least what the server asked for."""
    delay = min(max(interval_s, cap_s), interval_s * 2 ** min(failures, 20))
    delay *= random.uniform(0.9, 1.1)
    return max(delay, retry_after_s or 0.0)


class Poller:
    def __init__(self, settings: Settings, redis: aioredis.Redis, names: Names,
                 consumer: str = "", transport=None) -> None:
        self.settings = settings
        self.redis = redis
        self.names = names
        self.consumer = consumer or uuid.uuid4().hex
        self.store = SourceStore(redis, names)
        self.admitter = Admitter(redis, names, settings.dedup_ttl_days)
        hold_ms = int(settings.fetch_timeout_s * 1000) + 5_000
        self.fetcher = Fetcher(settings, HostTurns(redis, names, settings.host_interval_ms, hold_ms),
                               transport)
        # Long enough for a fetch that waits its turn; renewed while a poll runs.
        self.lease_ms = max(30_000, 3 * hold_ms)
        self._renew = redis.register_script(_RENEW)
        self._release = redis.register_script(_RELEASE)
        self.active: dict[str, asyncio.Task] = {}

    # --- the loop ----------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        """Poll due sources until `stop` is set; then let running polls finish (briefly)."""
        housekeeping = 0.0
        try:
            while not stop.is_set():
                try:
                    await self.tick()
                    if time.monotonic() - housekeeping > HOUSEKEEPING_S:
                        housekeeping = time.monotonic()
                        await self.store.reconcile()
                        await self.refresh_gauges()
                except Exception as exc:  # noqa: BLE001 - Redis away: try again next tick
                    log.warning("source schedule round failed", error=repr(exc))
                try:
                    await asyncio.wait_for(stop.wait(), timeout=TICK_S)
                except TimeoutError:
                    pass
        finally:
            running = list(self.active.values())
            if running:
                _done, pending = await asyncio.wait(running, timeout=STOP_GRACE_S)
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
            await self.fetcher.aclose()

    async def tick(self) -> list[str]:
        """Start polls of the due sources this replica can lease; returns their names."""
        free = self.settings.poll_concurrency - len(self.active)
        if free <= 0:
            return []
        started = []
        for name in await self.store.due(free + len(self.active)):
            if name in self.active or len(self.active) >= self.settings.poll_concurrency:
                continue
            token = uuid.uuid4().hex
            if not await self.redis.set(self.names.source_lease(name), token, nx=True, px=self.lease_ms):
                continue  # another replica is polling it
            task = asyncio.create_task(self._leased(name, token), name=f"poll {name}")
            self.active[name] = task
            task.add_done_callback(lambda _t, n=name: self.active.pop(n, None))
            started.append(name)
        return started

    async def drain(self) -> None:
        """Wait for the polls this replica is running."""
        while self.active:
            await asyncio.gather(*list(self.active.values()), return_exceptions=True)

    async def _leased(self, name: str, token: str) -> PollResult | None:
        key = self.names.source_lease(name)
        keeper = asyncio.create_task(self._keep(key, token))
        try:
            due = await self.store.next_due_ms(name)
            if due is None or due > time.time() * 1000:
                return None  # polled by another replica between our look and our lease
            return await self.poll(name)
        except Exception as exc:  # noqa: BLE001 - one source's trouble never stops the loop
            log.exception("source poll crashed", source=name, error=repr(exc))
            return None
        finally:
            keeper.cancel()
            await asyncio.shield(self._release(keys=[key], args=[token]))

    async def _keep(self, key: str, token: str) -> None:
        while True:
            await asyncio.sleep(self.lease_ms / 3000)
            try:
                await self._renew(keys=[key], args=[token, self.lease_ms])
            except Exception as exc:  # noqa: BLE001 - Redis away: the lease may lapse; try again
                log.warning("source lease not renewed", key=key, error=repr(exc))

    # --- one poll ----------------------------------------------------------------------------
    async def poll(self, name: str) -> PollResult:
        """Read one source, admit its new items, record the outcome and schedule the next poll."""
        source = await self.store.get(name)
        if source is None or source.paused:
            await self.redis.zrem(self.names.source_due, name)
            return PollResult("skipped")
        state = await self.store.state(name)
        kind = source.kind.value
        now = datetime.now(UTC)
        try:
            listing = await self._read(source, state)
            if listing.not_modified:
                SOURCE_POLLS.labels(kind, "not_modified").inc()
                await self._succeeded(source, now, {}, None)
                return PollResult("not_modified")
            counts, complete = await self._take_all(source, state, listing)
        except Exception as exc:  # noqa: BLE001 - recorded on the source; the loop goes on
            error = exc if isinstance(exc, SourceError) else SourceError(f"{type(exc).__name__}: {exc}")
            if not isinstance(exc, SourceError):
                log.exception("unexpected error while polling", source=name)
            await self._failed(source, state, now, error)
            return PollResult("error", error=str(error))
        SOURCE_POLLS.labels(kind, "ok").inc()
        # Validators are kept only when every new item was taken, or a 304 would hide the rest.
        await self._succeeded(source, now, counts, listing if complete else None)
        log.info("source polled", source=name, kind=kind, **counts)
        return PollResult("ok", counts)

    async def _read(self, source: Source, state: dict[str, str]) -> Listing:
        if source.kind is SourceKind.folder:
            return await folders.read(source, self.settings, state)
        reader = {SourceKind.feed: feeds.read, SourceKind.federal_register: federal_register.read,
                  SourceKind.page: pages.read}[source.kind]
        return await reader(source, self.fetcher, state)

    async def _take_all(self, source: Source, state: dict[str, str],
                        listing: Listing) -> tuple[dict[str, int], bool]:
        baseline = not state.get("last_ok_at")
        unique: dict[str, Item] = {}
        for item in listing.items:
            unique.setdefault(item.digest, item)
        unseen = await self.store.unseen(source.name, list(unique))
        fresh = [item for digest, item in unique.items() if digest in unseen]
        limit = source.typed_options().max_items
        counts: dict[str, int] = {}
        for item in fresh[:limit]:
            outcome = await self._take(source, state, item, baseline)
            counts[outcome] = counts.get(outcome, 0) + 1
        await self.store.count_admitted(source.name, counts.get("admitted", 0))
        # Cleared by a poll without warnings, so the state shows only what still goes wrong.
        await self.store.set_state(source.name, {"last_warning": "; ".join(listing.warnings)[:1_000] or None})
        return counts, len(fresh) <= limit and not counts.get("failed")

    async def _take(self, source: Source, state: dict[str, str], item: Item, baseline: bool) -> str:
        kind = source.kind.value
        window = source.window_start()
        if _before(item, window, baseline) and not (item.needs_page and item.published_at is None
                                                     and baseline and source.backfill_days > 0):
            return await self._settle(source, item, "before_window")
        if item.html:
            item.text, item.html = html_to_text(item.text), False
        if item.needs_page:
            selector = source.typed_options().text_selector if isinstance(
                source.typed_options(), PageOptions) else None
            try:
                item = await pages.page_text(item, self.fetcher, kind, selector)
            except SourceError as exc:
                return await self._item_failed(source, state, item, exc)
            if _before(item, window, baseline):
                return await self._settle(source, item, "before_window")
        title = clean_text(item.title)[:TITLE_MAX]
        text = clean_text(item.text)[:TEXT_MAX] or title
        if not text:
            return await self._settle(source, item, "empty")
        eid = new_id()
        event = RawEvent(id=eid, correlation_id=eid, ingested_at=datetime.now(UTC), title=title,
                         text=text, source_url=canonical_url(item.url), published_at=item.published_at,
                         source=source.label, alert_after=source.cutoff(),
                         submitted_by=f"source:{source.name}")
        admission = await self.admitter.check(event)
        if admission is Admission.admitted:
            PUBLISHED.labels("raw").inc()
            outcome = "admitted"
        else:
            DUPLICATES.labels(admission.value).inc()
            outcome = "duplicate"
        await self.store.record_item(source.name, {
            "at": datetime.now(UTC).isoformat(), "title": title[:300], "url": event.source_url,
            "published_at": item.published_at.isoformat() if item.published_at else None,
            "language": detect_language(text), "outcome": outcome if outcome == "admitted"
            else f"duplicate_{admission.value}", "event_id": eid if outcome == "admitted" else None,
        })
        return await self._settle(source, item, outcome)

    async def _settle(self, source: Source, item: Item, outcome: str) -> str:
        await self.store.mark_seen(source.name, item.digest)
        SOURCE_ITEMS.labels(source.kind.value, outcome).inc()
        return outcome

    async def _item_failed(self, source: Source, state: dict[str, str], item: Item,
                           exc: SourceError) -> str:
        kind = source.kind.value
        SOURCE_ERRORS.labels(kind, exc.reason).inc()
        field_name = f"item_failures:{item.digest}"
        failures = await self.redis.hincrby(self.names.source_state(source.name), field_name, 1)
        await self.store.set_state(source.name, {
            "last_item_error": f"{item.url}: {exc}"[:1_000],
            "last_item_error_at": datetime.now(UTC).isoformat(),
        })
        log.warning("source item failed", source=source.name, url=item.url, error=str(exc))
        if failures >= ITEM_ATTEMPTS:  # given up: it no longer holds the feed's validators back
            await self.redis.hdel(self.names.source_state(source.name), field_name)
            return await self._settle(source, item, "given_up")
        SOURCE_ITEMS.labels(kind, "failed").inc()
        return "failed"

    async def _succeeded(self, source: Source, now: datetime, counts: dict[str, int],
                         listing: Listing | None) -> None:
        next_at = time.time() + source.interval_s
        values = {
            "last_poll_at": now.isoformat(), "last_ok_at": now.isoformat(),
            "consecutive_failures": 0, "last_new": counts.get("admitted", 0),
            "next_poll_at": datetime.fromtimestamp(next_at, UTC).isoformat(),
        }
        if listing is not None:
            values |= {"etag": listing.etag, "last_modified": listing.last_modified,
                       "validators_for": listing.validated_url}
            if listing.cursor is not None:
                values["cursor"] = listing.cursor
        elif counts:  # items left for the next poll: ask for the whole document again
            values |= {"etag": None, "last_modified": None}
        await self.store.set_state(source.name, values)
        await self.store.schedule(source.name, int(next_at * 1000))

    async def _failed(self, source: Source, state: dict[str, str], now: datetime,
                      exc: SourceError) -> None:
        kind = source.kind.value
        failures = int(state.get("consecutive_failures") or 0) + 1
        delay = backoff_s(source.interval_s, failures, self.settings.source_backoff_max_s, exc.retry_after_s)
        next_at = time.time() + delay
        SOURCE_POLLS.labels(kind, "error").inc()
        SOURCE_ERRORS.labels(kind, exc.reason).inc()
        await self.store.set_state(source.name, {
            "last_poll_at": now.isoformat(), "consecutive_failures": failures,
            "last_error": str(exc)[:1_000], "last_error_reason": exc.reason,
            "last_error_at": now.isoformat(),
            "next_poll_at": datetime.fromtimestamp(next_at, UTC).isoformat(),
        })
        await self.store.schedule(source.name, int(next_at * 1000))
        log.warning("source poll failed", source=source.name, kind=kind, reason=exc.reason,
                    error=str(exc), failures=failures, retry_in_s=round(delay, 1))

    async def refresh_gauges(self) -> None:
        sources = await self.store.all()
        tally = {(k.value, s): 0 for k in SourceKind for s in ("new", "ok", "failing", "paused")}
        for source in sources:
            tally[(source.kind.value, status_of(source, await self.store.state(source.name)))] += 1
        for (kind, status), count in tally.items():
            SOURCES.labels(kind, status).set(count)


def _before(item: Item, window: datetime, baseline: bool) -> bool:
    """On a source's first poll, an item older than its window, or undated (nothing shows it
    falls inside). Later polls take every new item: one dated before the cut-off is stored
    but does not alert."""
    if not baseline:
        return False
    return item.published_at is None or item.published_at < window
