"""The Federal Register's documents API, announcement list pages and folders, each on loopback
or a temporary folder, through the poller and a real Redis."""

from __future__ import annotations

import json
from datetime import timedelta
from importlib.metadata import requires

from chokewatch.services.ingest.pages import extract

from .conftest import add, raw_events
from .site import Reply, article, federal_register, fr_document, list_page, today

DAY = today().date().isoformat()


async def test_federal_register_documents_become_events(site, poller, store, redis, names):
    full = "SUPPLEMENTARY INFORMATION: license requirements for advanced computing items."
    site.serve("/api/v1/documents.json", Reply(federal_register(
        fr_document("2025-01234", "Additions to the Entity List", DAY,
                    raw_text_url=site.url("/full/2025-01234.txt")),
        fr_document("2025-01111", "Revisions to License Exception", DAY, abstract=None),
        {"title": "no number"},
    ), content_type="application/json"))
    site.serve("/full/2025-01234.txt", Reply(full, content_type="text/plain"))
    await add(store, "bis", "federal_register", site.url("/api/v1/documents.json"), options={
        "agencies": ["industry-and-security-bureau"], "terms": ["export controls", "semiconductor"],
        "document_types": ["RULE"], "full_text": True})
    assert (await poller.poll("bis")).outcome == "ok"

    [request] = site.hits("/api/v1/documents.json")
    assert request.query["conditions[agencies][]"] == ["industry-and-security-bureau"]
    assert request.query["conditions[term]"] == ['"export controls" | semiconductor']
    assert request.query["conditions[type][]"] == ["RULE"]
    assert request.query["conditions[publication_date][gte]"] == [DAY]
    events = {e.title: e for e in await raw_events(redis, names)}
    assert set(events) == {"Additions to the Entity List", "Revisions to License Exception"}
    entity = events["Additions to the Entity List"]
    assert entity.text.startswith("Rule · Industry and Security Bureau\n\nInterim final rule.")
    assert entity.text.endswith(full)
    assert entity.source_url == "https://www.federalregister.gov/documents/2025-01234"
    assert entity.published_at.isoformat() == f"{DAY}T00:00:00+00:00" and entity.source == "feed:bis"

    assert (await poller.poll("bis")).counts == {}  # the same documents again: nothing new
    assert len(await raw_events(redis, names)) == 2


async def test_federal_register_wrong_json_is_an_error(site, poller, store):
    site.serve("/docs.json", Reply(json.dumps({"results": "nope"}), content_type="application/json"))
    site.serve("/notjson", Reply("<html>", content_type="text/html"))
    await add(store, "a", "federal_register", site.url("/docs.json"))
    await add(store, "b", "federal_register", site.url("/notjson"))
    for name in ("a", "b"):
        assert (await poller.poll(name)).outcome == "error"
        assert (await store.state(name))["last_error_reason"] == "invalid"


def test_page_extraction_needs_nothing_a_fresh_install_lacks():
    # trafilatura's fallback extractor (justext) imports lxml.html.clean, which lxml no longer
    # bundles: the project must declare it, or the first page fetch fails with ImportError.
    assert any(r.replace("-", "_").startswith("lxml_html_clean") for r in requires("chokewatch"))
    page = extract(article("Notice", ["Gallium exports need a licence from today. " * 5]), "https://x.example/a")
    assert "Gallium exports need a licence" in page.text


def mofcom(site, *items):
    site.serve("/list/", Reply(list_page(*items), content_type="text/html; charset=utf-8"))


async def test_announcement_pages_new_items_are_fetched_and_extracted(site, poller, store, redis, names):
    para = ("根据《中华人民共和国出口管制法》有关规定，为维护国家安全和利益，经国务院批准，"
            "决定对钐、钆、铽、镝、镥、钪、钇等7类中重稀土相关物项实施出口管制。")
    site.serve("/a/61.html", Reply(article("商务部公告2025年第61号", [para, "本公告自公布之日起正式实施。"]),
                                   content_type="text/html; charset=utf-8"))
    site.serve("/a/62.html", Reply(article("商务部公告2025年第62号", ["关于暂停实施相关措施的公告，" * 4]),
                                   content_type="text/html; charset=utf-8"))
    mofcom(site, ("/a/61.html", "商务部公告2025年第61号", DAY), ("/a/62.html?from=list", "第62号", DAY),
           ("/a/old.html", "旧公告", "2019年3月1日"))
    await add(store, "mofcom", "page", site.url("/list/"),
              options={"item_selector": "ul.list li", "date_selector": ".date"})
    assert (await poller.poll("mofcom")).outcome == "ok"

    events = {e.title: e for e in await raw_events(redis, names)}
    assert set(events) == {"商务部公告2025年第61号", "第62号"}
    text = events["商务部公告2025年第61号"].text
    assert para in text and "首页" not in text and "Copyright" not in text and "Site map" not in text
    assert site.hits("/a/old.html") == []  # outside the window: its page is never fetched

    # Next poll: one new item; only its page is fetched.
    site.serve("/a/63.html", Reply(article("第63号", ["关于镓、锗相关物项出口管制的公告。" * 3]),
                                   content_type="text/html"))
    mofcom(site, ("/a/63.html", "第63号", DAY), ("/a/61.html", "商务部公告2025年第61号", DAY),
           ("/a/62.html?from=list", "第62号", DAY))
    await poller.poll("mofcom")
    assert [len(site.hits(p)) for p in ("/a/61.html", "/a/62.html", "/a/63.html")] == [1, 1, 1]
    assert len(await raw_events(redis, names)) == 3
    assert {i["language"] for i in await store.recent("mofcom", 10)} == {"zh"}


async def test_an_item_page_that_fails_is_retried_then_given_up(site, poller, store, redis, names):
    site.serve("/a/1.html", Reply("gone", status=500, content_type="text/plain"))
    mofcom(site, ("/a/1.html", "One", DAY))
    await add(store, "list", "page", site.url("/list/"),
              options={"item_selector": "ul.list li", "date_selector": ".date"})
    for _ in range(3):
        assert (await poller.poll("list")).outcome == "ok"  # the list itself is fine
    state = await store.state("list")
    assert "HTTP 500" in state["last_item_error"]
    assert len(site.hits("/a/1.html")) == 3
    await poller.poll("list")
    assert len(site.hits("/a/1.html")) == 3 and await raw_events(redis, names) == []


async def test_folder_source_reads_new_files_and_lines(tmp_path, poller, store, redis, names):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.md").write_text("# Antimony\n\nChina restricts antimony exports.")
    (inbox / "b.jsonl").write_text(json.dumps({"text": "Tungsten controls.", "title": "W",
                                               "published_at": today().isoformat()}) + "\n")
    (inbox / "skip.bin").write_bytes(b"\x00")
    await add(store, "inbox", "folder", "inbox")
    await poller.poll("inbox")
    assert sorted(e.title for e in await raw_events(redis, names)) == ["Antimony", "W"]
    (inbox / "b.jsonl").write_text((inbox / "b.jsonl").read_text() + json.dumps(
        {"text": "Gallium licences.", "published_at": (today() - timedelta(days=1)).isoformat()}) + "\n")
    await poller.poll("inbox")
    assert len(await raw_events(redis, names)) == 3  # a later poll takes new lines, dated or not

    await add(store, "escape", "folder", "../")
    assert (await poller.poll("escape")).outcome == "error"
    assert (await store.state("escape"))["last_error_reason"] == "config"


async def test_a_list_page_that_stops_matching_says_so(site, poller, store):
    site.serve("/list/", Reply("<html><body><div class='new-layout'>…</div></body></html>",
                               content_type="text/html"))
    await add(store, "list", "page", site.url("/list/"), options={"item_selector": "ul.list li"})
    assert (await poller.poll("list")).outcome == "ok"
    assert "matched 'ul.list li'" in (await store.state("list"))["last_warning"]
