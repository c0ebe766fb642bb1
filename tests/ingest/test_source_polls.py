"""Polling sources on a loopback site against a real Redis: new items appear once, unchanged
feeds cost a 304, failures are recorded per source while the others go on."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import REGISTRY

from chokewatch.services.ingest.poller import Poller

from .conftest import add, poll_due, raw_events
from .site import Reply, atom, rss, today


def story(n: int, **over) -> dict:
    return {"title": f"Export licence rule {n}", "link": f"https://news.example/{n}?utm_source=rss",
            "guid": f"urn:story:{n}", "at": today(), "html": f"<p>Licences for <b>gallium</b> item {n}.</p>",
            **over}


def errors(kind: str, reason: str) -> float:
    return REGISTRY.get_sample_value("chokewatch_source_errors_total", {"kind": kind, "reason": reason}) or 0


async def test_new_feed_items_appear_once(site, poller, store, redis, names):
    site.serve("/feed.xml", Reply(rss(story(1), story(2))))
    await add(store, "wire", "feed", site.url("/feed.xml"))
    await poll_due(poller)
    events = await raw_events(redis, names)
    assert sorted(e.title for e in events) == ["Export licence rule 1", "Export licence rule 2"]
    first = next(e for e in events if e.title.endswith("1"))
    assert first.source == "feed:wire"
    assert first.source_url == "https://news.example/1"  # tracking parameter gone
    assert first.text == "Licences for gallium item 1."  # HTML turned into clean text
    assert first.published_at.utcoffset() == timedelta(0)

    await poller.poll("wire")  # same feed again: nothing new
    assert len(await raw_events(redis, names)) == 2

    site.serve("/feed.xml", Reply(rss(story(3), story(2), story(1))))
    await poller.poll("wire")
    events = await raw_events(redis, names)
    assert [e.title for e in events][-1] == "Export licence rule 3" and len(events) == 3
    state = await store.state("wire")
    assert state["items_admitted"] == "3" and state["consecutive_failures"] == "0"
    assert [i["outcome"] for i in await store.recent("wire", 10)] == ["admitted"] * 3


async def test_atom_feed_and_language(site, poller, store, redis, names):
    entry = {"guid": "urn:a:1", "title": "商务部公告", "link": "https://mofcom.example/a/1",
             "at": today(), "html": "<p>商务部决定对镝、铽相关物项实施出口管制，自公布之日起正式实施。</p>"}
    site.serve("/atom.xml", Reply(atom(entry)))
    await add(store, "notices", "feed", site.url("/atom.xml"))
    await poll_due(poller)
    [event] = await raw_events(redis, names)
    assert "出口管制" in event.text
    [item] = await store.recent("notices", 5)
    assert item["language"] == "zh" and item["event_id"] == event.id


async def test_unchanged_feed_is_not_reread(site, poller, store, redis, names):
    stamp = {"last-modified": "Thu, 09 Oct 2025 08:00:00 GMT"}
    site.serve("/feed.xml", Reply(rss(story(1)), etag='"v1"', headers=stamp))
    await add(store, "wire", "feed", site.url("/feed.xml"))
    first = await poller.poll("wire")
    second = await poller.poll("wire")
    assert (first.outcome, second.outcome) == ("ok", "not_modified")
    [_, again] = site.hits("/feed.xml")
    assert again.headers["if-none-match"] == '"v1"'
    assert again.headers["if-modified-since"] == "Thu, 09 Oct 2025 08:00:00 GMT"
    assert again.headers["user-agent"] == "chokewatch-test/1"
    assert len(await raw_events(redis, names)) == 1
    assert REGISTRY.get_sample_value("chokewatch_source_polls_total",
                                     {"kind": "feed", "outcome": "not_modified"}) >= 1


BROKEN = {
    "not a feed": (Reply("<html><body>Maintenance</body></html>", content_type="text/html"), "invalid"),
    "server error": (Reply("oops", status=500, content_type="text/plain"), "http_status"),
    "timeout": (Reply(rss(story(9)), delay_s=1.5), "timeout"),
    "oversized": (Reply(rss(*[story(n, html="x" * 2_000) for n in range(40)])), "too_large"),
    "oversized, undeclared": (Reply(rss(*[story(n, html="x" * 2_000) for n in range(40)]), chunked=True),
                              "too_large"),
    "invalid XML": (Reply('<?xml version="1.0"?><rss version="2.0"><channel><item><title>a</titel>'
                          "</item></channel></rss>"), "invalid"),
    "redirect loop": (Reply(status=302, headers={"location": "/broken.xml"}), "redirects"),
}


@pytest.mark.parametrize("case", list(BROKEN))
async def test_a_broken_source_records_its_error_and_others_go_on(case, site, poller, store, redis, names):
    reply, reason = BROKEN[case]
    site.serve("/broken.xml", reply)
    site.serve("/good.xml", Reply(rss(story(1))))
    await add(store, "broken", "feed", site.url("/broken.xml"))
    await add(store, "good", "feed", site.url("/good.xml"))
    before = errors("feed", reason)
    await poll_due(poller)

    assert [e.source for e in await raw_events(redis, names)] == ["feed:good"]
    state = await store.state("broken")
    assert state["consecutive_failures"] == "1" and state["last_error_reason"] == reason
    assert state["last_error"] and "last_ok_at" not in state
    assert errors("feed", reason) == before + 1
    # It backs off: its next poll is later than its interval.
    due = await store.next_due_ms("broken")
    assert due > (datetime.now(UTC) + timedelta(seconds=60)).timestamp() * 1000
    assert (await store.state("good"))["consecutive_failures"] == "0"


async def test_failures_in_a_row_back_off_further_and_recover(site, poller, store, redis, names):
    site.serve("/flaky.xml", Reply("down", status=503, content_type="text/plain",
                                   headers={"retry-after": "600"}))
    await add(store, "flaky", "feed", site.url("/flaky.xml"))
    await poller.poll("flaky")
    await poller.poll("flaky")
    state = await store.state("flaky")
    assert state["consecutive_failures"] == "2"
    assert await store.next_due_ms("flaky") > (datetime.now(UTC).timestamp() + 590) * 1000  # Retry-After
    site.serve("/flaky.xml", Reply(rss(story(1))))
    assert (await poller.poll("flaky")).outcome == "ok"
    state = await store.state("flaky")
    assert state["consecutive_failures"] == "0" and state["last_error_reason"] == "http_status"


async def test_redirects_within_the_limit_are_followed(site, poller, store, redis, names):
    site.serve("/old.xml", Reply(status=301, headers={"location": "/mid.xml"}))
    site.serve("/mid.xml", Reply(status=302, headers={"location": site.url("/feed.xml")}))
    site.serve("/feed.xml", Reply(rss(story(1))))
    await add(store, "moved", "feed", site.url("/old.xml"))
    assert (await poller.poll("moved")).outcome == "ok"
    assert len(await raw_events(redis, names)) == 1


async def test_exact_duplicates_are_dropped_by_url_and_by_content(site, poller, store, redis, names):
    site.serve("/a.xml", Reply(rss(story(1))))
    # The same story under a tracking link, and the same words under another link.
    site.serve("/b.xml", Reply(rss(story(1, guid="other", link="https://NEWS.example:443/1?fbclid=x#top"),
                                   story(1, guid="copy", link="https://mirror.example/1"))))
    await add(store, "a", "feed", site.url("/a.xml"))
    await poller.poll("a")
    dropped = {r: REGISTRY.get_sample_value("chokewatch_ingest_duplicates_total", {"reason": r}) or 0
               for r in ("url", "content")}
    await add(store, "b", "feed", site.url("/b.xml"))
    await poller.poll("b")
    assert len(await raw_events(redis, names)) == 1
    assert sorted(i["outcome"] for i in await store.recent("b", 5)) == ["duplicate_content", "duplicate_url"]
    for reason in ("url", "content"):
        now = REGISTRY.get_sample_value("chokewatch_ingest_duplicates_total", {"reason": reason})
        assert now == dropped[reason] + 1


async def test_backfill_reads_back_its_window_and_records_the_cutoff(site, poller, store, redis, names):
    old = today() - timedelta(days=3)
    site.serve("/feed.xml", Reply(rss(story(1), story(2, at=old), story(3, at=today() - timedelta(days=30)),
                                      story(4, at=None))))
    await add(store, "recent", "feed", site.url("/feed.xml"))
    await add(store, "deep", "feed", site.url("/feed.xml"), backfill_days=7,
              alert_after=datetime(2025, 1, 1, 9, tzinfo=UTC))
    await poll_due(poller)
    by_source = {}
    for event in await raw_events(redis, names):
        by_source.setdefault(event.source, []).append(event.title)
    # No backfill: today's item only. Seven days: today's and the one three days old. The undated
    # item cannot be placed inside a window on a first poll; the 30-day-old one is outside both.
    assert by_source == {"feed:recent": ["Export licence rule 1"], "feed:deep": ["Export licence rule 2"]}
    cutoffs = {e.source: e.alert_after for e in await raw_events(redis, names)}
    assert cutoffs == {"feed:recent": today(), "feed:deep": datetime(2025, 1, 1, 9, tzinfo=UTC)}
    # Later polls take whatever is new, dated or not.
    site.serve("/feed.xml", Reply(rss(story(5, at=None), story(1), story(2, at=old))))
    await poller.poll("recent")
    assert "Export licence rule 5" in [e.title for e in await raw_events(redis, names)]


async def test_paused_and_deleted_sources_are_not_polled(site, poller, store, redis, names):
    from chokewatch.shared.sources import SourcePatch

    site.serve("/feed.xml", Reply(rss(story(1))))
    await add(store, "quiet", "feed", site.url("/feed.xml"), paused=True)
    await add(store, "gone", "feed", site.url("/feed.xml"))
    await store.delete("gone")
    await poll_due(poller)
    assert site.hits("/feed.xml") == []
    await store.update("quiet", SourcePatch(paused=False))
    await poll_due(poller)
    assert len(site.hits("/feed.xml")) == 1


async def test_two_pollers_never_poll_one_source_together(site, source_settings, redis, names, store):
    from chokewatch.shared.redis import connect

    for n in range(6):
        site.serve(f"/f{n}.xml", Reply(rss(story(n), story(n + 100)), delay_s=0.05))
        await add(store, f"s{n}", "feed", site.url(f"/f{n}.xml"))
    other = connect(source_settings.redis_url)
    a, b = Poller(source_settings, redis, names), Poller(source_settings, other, names)
    try:
        for _ in range(4):
            await asyncio.gather(poll_due(a), poll_due(b))
    finally:
        await a.fetcher.aclose()
        await b.fetcher.aclose()
        await other.aclose()
    assert [len(site.hits(f"/f{n}.xml")) for n in range(6)] == [1] * 6
    assert site.most_in_flight == 1  # one host: one request at a time, whichever poller asks
    titles = [e.title for e in await raw_events(redis, names)]
    assert len(titles) == 12 == len(set(titles))
