"""The console in a real headless browser (Debian's chromium, driven by playwright).

One browser serves the whole module. Without /usr/bin/chromium these tests skip, saying so;
with CI set they fail instead, so a CI machine without the browser cannot pass by skipping.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from chokewatch.shared.embedded import free_port
from chokewatch.shared.redis import connect
from tests.api.helpers import ADMIN, auth, create
from tests.api.test_incidents import classify_all
from tests.conftest import wait_for
from tests.e2e.helpers import api_client, drained, new_secret
from tests.incident_texts import LATE, OTHER, STORY, as_submitted

CHROMIUM = "/usr/bin/chromium"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "console.png"


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"no chromium at {CHROMIUM}: apt-get install chromium to run the console's browser tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM if os.path.exists(CHROMIUM)
                                     else shutil.which("chromium"))
        yield launched
        launched.close()


def off_thread(job):
    """Run `job` in its own thread: playwright's sync API keeps an event loop running in this
    one, so asyncio.run (the pipeline's drain check, seeding Redis) cannot run here."""
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = job()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out.get("value")


def seed(settings, names, samples) -> None:
    """The samples through the classify stage's own handler, on a client of this thread's own."""
    async def go() -> None:
        client = connect(settings.redis_url)
        try:
            await classify_all(settings, client, names, samples)
        finally:
            await client.aclose()

    off_thread(lambda: asyncio.run(go()))


def sign_in(context, base: str, key: str):
    page = context.new_page()
    page.goto(f"{base}/console/incidents")
    assert "/console/signin" in page.url  # sent to sign in first, then back
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/console/incidents")
    return page


@pytest.mark.slow
def test_an_incident_the_pipeline_made_from_two_outlets(browser, services, receiver):
    for name in ("ingest", "classify", "alert", "api"):
        services.start(name)
    client = api_client(services)
    base = str(client.base_url).rstrip("/")
    try:
        secret = new_secret()
        receiver.secrets["/hooks/magnets"] = secret
        subs = {}
        for name, elements in (("magnets", {"Sb": {"weight": 0.9, "country_shares": {"CN": 0.9}},
                                            "Ga": {"weight": 0.6, "country_shares": {"CN": 0.95}}}),
                               ("batteries", {"Li": {"weight": 0.9, "country_shares": {"CL": 0.6}}})):
            reply = client.post("/v1/subscribers", json={
                "name": name, "elements": elements, "threshold": 30,
                "channels": [{"type": "webhook", "url": receiver.url(f"/hooks/{name}"),
                              "secret": secret}]})
            assert reply.status_code == 201, reply.text
            subs[name] = (reply.json()["subscriber"]["id"], reply.json()["api_key"])
        for sample in (*STORY, OTHER):
            assert client.post("/v1/events", json=as_submitted(sample)).status_code == 202
        wait_for(lambda: receiver.received("/hooks/magnets"), timeout=60, what="the alert")
        assert off_thread(lambda: drained(services)), services.logs()

        admin = browser.new_context(timezone_id="Asia/Tokyo", viewport={"width": 1360, "height": 1000})
        page = sign_in(admin, base, services.env["CHOKEWATCH_ADMIN_KEY"])
        assert unnamed_controls(page) == []
        row = page.get_by_role("row").filter(has_text=STORY[1]["title"])
        assert row.get_by_role("cell").nth(6).inner_text() == "2"  # two outlets
        when = row.locator("time")
        assert when.get_attribute("title").endswith(" UTC") and "GMT+9" in when.inner_text()

        row.get_by_role("link").click()
        page.wait_for_selector("article.report")
        reports = page.locator("article.report")
        assert reports.count() == 3
        outlets = [reports.nth(i).locator(".outlet").inner_text() for i in range(3)]
        assert [o.split(" · ")[0] for o in outlets] == [
            "wire.example.com", "metals-daily.example.org", "wire.example.com"]
        assert "need a licence" in reports.nth(1).inner_text()
        assert reports.nth(1).locator("mark").count() > 0  # evidence phrases marked
        assert "Why it joined" in reports.nth(1).inner_text()
        assert page.get_by_role("row").filter(has_text="magnets").count() == 1
        assert "Revision 2" in page.locator("ol.timeline").inner_text()
        assert page.evaluate(CONTRAST) == []  # every text at least 4.5:1 against its background
        faint = admin.new_page()  # the check itself finds faint text
        faint.set_content('<p style="color:#aaa">faint</p><p>plain</p>')
        assert [line.split('"')[1] for line in faint.evaluate(CONTRAST)] == ["faint"]
        faint.close()
        SCREENSHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        incident_url = page.url

        mine, key = subs["magnets"]
        other, _ = subs["batteries"]
        tenant = browser.new_context()
        page = sign_in(tenant, base, key)
        assert page.get_by_role("columnheader", name="Your score").count() == 1
        page.goto(incident_url)
        assert page.get_by_role("heading", name="Your alert").count() == 1
        assert "batteries" not in page.content()
        for path in (f"/console/subscribers/{other}/alerts", f"/console/subscribers/{other}/profile"):
            reply = page.goto(base + path)
            assert reply.status == 404 and page.get_by_role("heading", name="Not found").count() == 1
        reply = page.goto(f"{base}/console/sources")
        assert reply.status == 403
        admin.close()
        tenant.close()
    finally:
        client.close()


def unnamed_controls(page) -> list[str]:
    """Form controls with no accessible name (no label, aria-label or text)."""
    return page.locator("input:not([type=hidden]), select, textarea, button").evaluate_all(
        """els => els.filter(el => !((el.labels && el.labels.length) || el.getAttribute('aria-label')
                                     || el.textContent.trim())).map(el => el.outerHTML)""")


# WCAG's contrast ratio of each element's own text against the background it is drawn on.
CONTRAST = """() => {
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(channel);
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const behind = el => { for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor, m = c.match(/[\\d.]+/g);
      if (m && (m.length < 4 || Number(m[3]) > 0)) return c; }
    return "rgb(255, 255, 255)"; };
  const low = [];
  for (const el of document.querySelectorAll("body *")) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const a = lum(style.color), b = lum(behind(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  return low;
}"""


class ElsewherePage(BaseHTTPRequestHandler):
    """A page on another origin with a form aimed at the console."""

    target = ""

    def do_GET(self) -> None:  # noqa: N802 - the handler's protocol
        body = (f'<form method="post" action="{self.target}"><input name="name" value="hijacked">'
                '<input name="el_symbol" value="Li"><input name="el_weight" value="1">'
                '<input name="action" value="save"><button>Go</button></form>').encode()
        self.send_response(200)
        self.send_header("content-type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def elsewhere() -> Iterator[tuple[HTTPServer, str]]:
    server = HTTPServer(("127.0.0.1", free_port()), ElsewherePage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_edit_backtest_save_and_a_stale_tab_conflicts(browser, api, api_url, settings, names, elsewhere):
    seed(settings, names, [*STORY, OTHER])
    sub_id, key = create(api, name="magnets",
                         elements={"Sb": {"weight": 0.9, "country_shares": {"CN": 0.9}}})
    context = browser.new_context()
    page = sign_in(context, api_url, key)

    # Keyboard first: the first Tab reaches the skip link, which moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The feed says when a newer incident is reported (its script asks every ten seconds).
    page.clock.install()
    page.reload()
    seed(settings, names, [LATE])
    page.clock.run_for(11_000)
    page.get_by_role("status").filter(has_text="1 new incident").wait_for()

    profile = f"{api_url}/console/subscribers/{sub_id}/profile"
    page.goto(profile)
    stale = context.new_page()  # a second tab, read before the first one saves
    stale.goto(profile)

    assert unnamed_controls(page) == []
    page.get_by_label("Alert at or above score").fill("25")
    page.get_by_label("Backtest over the last").select_option("30")
    page.get_by_role("button", name="Run the backtest").click()
    chart = page.locator("svg.chart")
    chart.wait_for()
    assert chart.locator("line.threshold").count() == 1
    assert chart.locator("circle").count() >= 1  # the antimony story, scored against the line
    assert "threshold 25" in chart.inner_html()
    assert page.get_by_label("Alert at or above score").input_value() == "25"  # the edit is kept
    assert page.evaluate(CONTRAST) == []
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role("status").filter(has_text="Saved.").wait_for()
    assert api.get(f"/v1/subscribers/{sub_id}", headers=auth(ADMIN)).json()["subscriber"]["threshold"] == 25

    stale.get_by_label("Name", exact=True).fill("magnets, renamed")
    stale.get_by_role("button", name="Save profile").click()
    alert = stale.get_by_role("alert")
    alert.wait_for()
    assert "changed elsewhere" in alert.inner_text() and "Nothing was saved" in alert.inner_text()
    assert api.get(f"/v1/subscribers/{sub_id}", headers=auth(ADMIN)).json()["subscriber"]["name"] == "magnets"

    # Without JavaScript the pages read the same, times in UTC.
    plain = browser.new_context(java_script_enabled=False)
    page = sign_in(plain, api_url, key)
    row = page.get_by_role("row").filter(has_text=STORY[1]["title"])
    assert row.locator("time").inner_text().endswith(" UTC")
    row.get_by_role("link").click()
    assert page.locator("article.report").count() == 3
    plain.close()

    # A form on another origin, posted in the same browser (its cookie goes along): refused.
    server, origin = elsewhere
    ElsewherePage.target = profile
    attack = context.new_page()
    attack.goto(origin)
    with attack.expect_navigation():
        attack.get_by_role("button", name="Go").click()
    assert "not sent from the console's own pages" in attack.content()
    assert api.get(f"/v1/subscribers/{sub_id}", headers=auth(ADMIN)).json()["subscriber"]["name"] == "magnets"
    context.close()
