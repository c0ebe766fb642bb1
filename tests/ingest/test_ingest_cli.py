"""`chokewatch ingest` against a real Redis: admits, drops exact duplicates, refuses bad input."""

from __future__ import annotations

import os
import subprocess
import sys

from chokewatch.shared.names import RAW


def ingest(settings, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHOKEWATCH_REDIS_URL": settings.redis_url,
           "CHOKEWATCH_NAMESPACE": settings.namespace}
    return subprocess.run(
        [sys.executable, "-m", "chokewatch.services.cli", "ingest", *map(str, args)],
        env=env, capture_output=True, text=True, timeout=60,
    )


def test_admits_events_and_drops_exact_duplicates(settings, sync_redis, names, tmp_path):
    a = tmp_path / "a.md"
    a.write_text("# Antimony\n\nChina restricts antimony exports.")
    b = tmp_path / "b.jsonl"
    b.write_text('{"text": "China restricts   ANTIMONY exports.", "title": "antimony"}\n'
                 '{"text": "Tungsten controls announced."}\n')
    done = ingest(settings, a, b)
    assert done.returncode == 0, done.stderr
    # Same words after folding case and spaces: one of the three is a duplicate.
    assert "admitted 2 of 3" in done.stdout and "1 exact duplicate" in done.stdout
    assert sync_redis.xlen(names.stream(RAW).stream) == 2

    again = ingest(settings, a)
    assert "admitted 0 of 1" in again.stdout
    assert sync_redis.xlen(names.stream(RAW).stream) == 2


def test_bad_input_is_refused_whole_and_nothing_stored_is_lost(
    settings, sync_redis, names, tmp_path
):
    good = tmp_path / "good.txt"
    good.write_text("Gallium export licences are now required.")
    assert ingest(settings, good).returncode == 0
    stream = names.stream(RAW).stream
    before = sync_redis.xrange(stream)

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{broken\n{"title": "x"}\n{"text": ["a"]}\n')
    empty = tmp_path / "empty.md"
    empty.write_text("")
    done = ingest(settings, bad, empty)
    assert done.returncode == 1
    assert f"{bad}:2: invalid JSON" in done.stderr
    assert f"{bad}:3: text: field required" in done.stderr
    assert f"{bad}:4: text: Input should be a valid string" in done.stderr
    assert f"{empty}: file is empty" in done.stderr
    assert "nothing admitted" in done.stderr
    assert sync_redis.xrange(stream) == before  # nothing added, nothing lost

    partial = ingest(settings, bad, "--skip-invalid")
    assert partial.returncode == 0, partial.stderr  # skipped as asked: not a failure
    assert partial.stdout.strip() == (
        "admitted 1 of 4 event(s); 0 exact duplicate(s) dropped; 3 invalid skipped "
        f"({bad}:2: invalid JSON: Expecting property name enclosed in double quotes (column 2); "
        "2 more above)")
    assert f"skipped: {bad}:3: text: field required" in partial.stderr
    assert sync_redis.xlen(stream) == len(before) + 1


def test_skipping_invalid_entries_still_fails_on_a_file_it_cannot_read(settings, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "Germanium exports need a licence."}\n{"title": "no text"}\n')
    missing = tmp_path / "missing.txt"
    done = ingest(settings, good, missing, "--skip-invalid")
    assert done.returncode == 1
    assert f"error: {missing}: no such file" in done.stderr
    assert f"skipped: {good}:2: text: field required" in done.stderr
    assert done.stdout.startswith("admitted 1 of 3 event(s); 0 exact duplicate(s) dropped; "
                                  "2 invalid skipped")


def test_without_redis_it_says_how_to_get_one(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("text")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHOKEWATCH_")}
    env["CHOKEWATCH_DATA_DIR"] = str(tmp_path / "none")
    done = subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "ingest", str(f)],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "CHOKEWATCH_REDIS_URL" in done.stderr


async def test_pushed_update_at_the_same_url_is_admitted_but_a_polled_repeat_is_not(redis, names):
    from chokewatch.services.ingest.dedup import Admission, Admitter
    from chokewatch.shared.messages import RawEvent, new_id, utcnow

    def event(text: str, source: str) -> RawEvent:
        eid = new_id()
        return RawEvent(id=eid, correlation_id=eid, ingested_at=utcnow(), text=text, source=source,
                        source_url="https://news.example.com/gallium?utm_source=x")

    admitter = Admitter(redis, names, ttl_days=1)
    assert await admitter.check(event("Gallium licences required.", "api")) is Admission.admitted
    update = event("Gallium licences required; first licences granted.", "api")
    assert await admitter.check(update) is Admission.admitted
    assert await admitter.check(event("First version.", "feed:wire")) is Admission.admitted
    repeat = event("Same item, text reworded by the feed.", "feed:wire")
    assert await admitter.check(repeat) is Admission.duplicate_url
