"""Every fetch of a source goes through the fetch guard: what a feed's content, a list page, a
Federal Register document or a redirect points at is checked like any URL, so nothing reaches
an internal address the operator has not allowed. Only the source site's own port is allowed
here; a second loopback site stands for an internal service and must never be asked anything."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from chokewatch.services.ingest.poller import Poller
from chokewatch.shared.redis import ensure_streams

from .conftest import add, raw_events
from .site import Reply, federal_register, fr_document, list_page, rss, today

SECRET = "internal-credentials-0123"


@pytest.fixture
def internal() -> Iterator:
    from .site import Site

    with Site() as running:
        running.serve("/latest/meta-data", Reply(SECRET, content_type="text/plain"))
        yield running


@pytest.fixture
async def guarded(site, source_settings, redis, names) -> AsyncIterator[Poller]:
    """A poller whose allow-list names the source site's port only, not loopback as a whole."""
    await ensure_streams(redis, names)
    settings = source_settings.model_copy(
        update={"fetch_allow_hosts": [f"127.0.0.1:{site.server.server_port}"]})
    running = Poller(settings, redis, names)
    yield running
    await running.fetcher.aclose()


async def _nothing_internal(redis, names, internal) -> None:
    assert internal.requests == []  # the internal port was never reached
    assert all(SECRET not in e.text for e in await raw_events(redis, names))


async def test_a_feed_entry_linking_inside_is_refused(site, internal, guarded, store, redis, names):
    site.serve("/feed.xml", Reply(rss({"title": "Gallium notice", "guid": "urn:1", "at": today(),
                                       "link": internal.url("/latest/meta-data"), "html": "<p>short</p>"})))
    await add(store, "wire", "feed", site.url("/feed.xml"), options={"fetch_pages": True})
    result = await guarded.poll("wire")
    assert result.counts == {"failed": 1}
    state = await store.state("wire")
    assert "loopback" in state["last_item_error"] and "refused" in state["last_item_error"]
    await _nothing_internal(redis, names, internal)


async def test_a_redirect_inside_is_refused(site, internal, guarded, store, redis, names):
    site.serve("/feed.xml", Reply("", status=302,
                                  headers={"location": internal.url("/latest/meta-data")}))
    await add(store, "wire", "feed", site.url("/feed.xml"))
    assert (await guarded.poll("wire")).outcome == "error"
    state = await store.state("wire")
    assert state["last_error_reason"] == "refused" and "loopback" in state["last_error"]
    await _nothing_internal(redis, names, internal)


async def test_a_redirect_of_an_entry_page_inside_is_refused(site, internal, guarded, store, redis, names):
    inside = internal.url("/latest/meta-data")
    hop = site.serve("/story/1", Reply("", status=301, headers={"location": inside}))
    site.serve("/feed.xml", Reply(rss({"title": "Gallium notice", "guid": "urn:1", "at": today(),
                                       "link": hop, "html": "<p>short</p>"})))
    await add(store, "wire", "feed", site.url("/feed.xml"), options={"fetch_pages": True})
    assert (await guarded.poll("wire")).counts == {"failed": 1}
    assert len(site.hits("/story/1")) == 1  # the allowed hop was asked; its target was not
    await _nothing_internal(redis, names, internal)


async def test_a_list_page_item_linking_inside_is_refused(site, internal, guarded, store, redis, names):
    site.serve("/list/", Reply(list_page((internal.url("/latest/meta-data"), "Notice 61",
                                          today().date().isoformat())),
                               content_type="text/html; charset=utf-8"))
    await add(store, "mofcom", "page", site.url("/list/"),
              options={"item_selector": "ul.list li", "date_selector": ".date"})
    assert (await guarded.poll("mofcom")).counts == {"failed": 1}
    await _nothing_internal(redis, names, internal)


async def test_a_federal_register_raw_text_inside_is_refused(site, internal, guarded, store, redis, names):
    site.serve("/api/v1/documents.json", Reply(federal_register(
        fr_document("2025-01234", "Additions to the Entity List", today().date().isoformat(),
                    raw_text_url=internal.url("/latest/meta-data"))), content_type="application/json"))
    await add(store, "bis", "federal_register", site.url("/api/v1/documents.json"),
              options={"full_text": True})
    assert (await guarded.poll("bis")).counts == {"failed": 1}
    await _nothing_internal(redis, names, internal)


async def test_a_name_resolving_to_loopback_is_refused(internal, guarded, store, redis, names):
    await add(store, "local", "feed", f"http://localhost:{internal.server.server_port}/latest/meta-data")
    assert (await guarded.poll("local")).outcome == "error"
    assert (await store.state("local"))["last_error_reason"] == "refused"
    await _nothing_internal(redis, names, internal)


async def test_the_allowed_port_is_fetched_through_the_checked_address(site, guarded, store, redis, names):
    site.serve("/feed.xml", Reply(rss({"title": "Gallium licences", "guid": "urn:1", "at": today(),
                                       "link": site.url("/story/1"), "html": "<p>Licences.</p>"})))
    site.serve("/story/1", Reply("Gallium export licences are now required.", content_type="text/plain"))
    await add(store, "wire", "feed", site.url("/feed.xml"), options={"fetch_pages": True})
    assert (await guarded.poll("wire")).counts == {"admitted": 1}
    [event] = await raw_events(redis, names)
    assert event.text.endswith("Gallium export licences are now required.")
    [request] = site.hits("/story/1")
    assert request.headers["host"] == f"127.0.0.1:{site.server.server_port}"


@pytest.mark.parametrize("link", ["http://100.100.100.200/latest/meta-data", "http://169.254.169.254/latest",
                                  "http://[2002:a9fe:a9fe::1]/latest", "http://[2002:7f00:1::1]/x",
                                  "http://[::ffff:10.0.0.1]/x", "http://[64:ff9b::a9fe:a9fe]/x"])
async def test_entry_links_to_internal_address_families_are_refused(link, site, guarded, store, redis, names):
    site.serve("/feed.xml", Reply(rss({"title": "Gallium notice", "guid": "urn:1", "at": today(),
                                       "link": link, "html": "<p>short</p>"})))
    await add(store, "wire", "feed", site.url("/feed.xml"), options={"fetch_pages": True})
    assert (await guarded.poll("wire")).counts == {"failed": 1}
    assert "refused" in (await store.state("wire"))["last_item_error"]
    assert await raw_events(redis, names) == []
