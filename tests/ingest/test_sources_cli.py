"""`chokewatch sources ...` against a real Redis, and two ingest processes polling the same
sources on a loopback site: each event reaches the raw stream once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from chokewatch.shared.names import RAW
from tests.conftest import wait_for

from .site import Reply, rss, today


def cli(settings, *args: str, **env: str) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "CHOKEWATCH_REDIS_URL": settings.redis_url,
                "CHOKEWATCH_NAMESPACE": settings.namespace, **env}
    return subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "sources", *args],
                          env=full_env, capture_output=True, text=True, timeout=60)


def test_add_list_pause_resume_poll_delete(settings, sync_redis, names, tmp_path):
    done = cli(settings, "add", "bis", "federal_register",
               "https://www.federalregister.gov/api/v1/documents.json", "--interval", "1800",
               "-o", "agencies=industry-and-security-bureau", "-o", "terms=export controls",
               "-o", "terms=entity list", "-o", "full_text=true", "--backfill-days", "7")
    assert done.returncode == 0, done.stderr
    assert "added bis (federal_register, every 1800 s)" in done.stdout
    shown = cli(settings, "show", "bis")
    options = json.loads(shown.stdout)["source"]["options"]
    assert options["terms"] == ["export controls", "entity list"] and options["full_text"] is True
    assert options["agencies"] == ["industry-and-security-bureau"]

    assert "bis" in cli(settings, "list").stdout
    nothing = cli(settings, "items", "bis")  # not polled yet: said, not an empty screen
    assert nothing.returncode == 0 and nothing.stdout.startswith("no items yet for bis")
    assert cli(settings, "items", "nosuch").returncode == 1
    assert cli(settings, "pause", "bis").returncode == 0
    assert sync_redis.zscore(names.source_due, "bis") is None
    assert cli(settings, "poll", "bis").returncode == 1
    assert cli(settings, "resume", "bis").returncode == 0
    assert cli(settings, "poll", "bis").returncode == 0 and sync_redis.zscore(names.source_due, "bis") == 0
    assert cli(settings, "add", "bis", "feed", "https://x.example/f").returncode == 1  # exists
    assert cli(settings, "delete", "bis").returncode == 0
    assert cli(settings, "delete", "bis").returncode == 1

    bad = cli(settings, "add", "x", "page", "https://x.example/list")
    assert bad.returncode == 2 and "item_selector" in bad.stderr
    outside = cli(settings, "add", "x", "folder", "/etc", CHOKEWATCH_SOURCE_FILES_ROOT=str(tmp_path))
    assert outside.returncode == 2 and "outside" in outside.stderr


@pytest.mark.slow
def test_two_ingest_processes_admit_each_event_once(services, site, settings, sync_redis, names):
    entries = [{"title": f"Rule {n}", "link": f"https://n.example/{n}", "guid": f"g{n}", "at": today(),
                "html": f"Licence requirement number {n} for antimony exports."} for n in range(5)]
    for n in range(4):
        site.serve(f"/f{n}.xml", Reply(rss(*entries[n:n + 2]), delay_s=0.05))
        refused = cli(settings, "add", f"s{n}", "feed", site.url(f"/f{n}.xml"), "--interval", "1")
        assert refused.returncode == 2 and "loopback" in refused.stderr  # not on the allow-list
        done = cli(settings, "add", f"s{n}", "feed", site.url(f"/f{n}.xml"), "--interval", "1",
                   CHOKEWATCH_FETCH_ALLOW_HOSTS="127.0.0.1")
        assert done.returncode == 0, done.stderr
    for _ in range(2):
        services.start("ingest", host_interval_ms="0", fetch_allow_hosts="127.0.0.1")
    raw = names.stream(RAW).stream
    # Each source is polled several times over; the feeds overlap, so five distinct events.
    wait_for(lambda: all(len(site.hits(f"/f{n}.xml")) >= 3 for n in range(4)), timeout=30,
             what="every source polled three times")
    assert sync_redis.xlen(raw) == 5, services.logs()
    admitted = [int(sync_redis.hget(names.source_state(f"s{n}"), "items_admitted") or 0) for n in range(4)]
    assert sum(admitted) == 5
    # One request at a time to the one host, across both processes.
    assert site.most_in_flight == 1
