"""The incident decision shared by the Redis store and the offline paths, and `classify --incidents`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

from chokewatch.services.classify import evaluate
from chokewatch.services.classify.incidents import IncidentStore
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_policy import (
    MAX_COMPARED,
    MAX_MEMBERS,
    Entry,
    IncidentBook,
    assign_all,
    decide,
    likeliest,
    member,
    publication_order,
)

GALLIUM = ("MOFCOM Announcement No. 23 of 2023: from August 1, exporters of gallium and germanium "
           "must obtain a licence from the Ministry of Commerce.")
GALLIUM_AGAIN = ("China's commerce ministry said in Announcement No. 23 that gallium and germanium "
                 "items will need export licences from August 1.")
ANTIMONY = ("China's Ministry of Commerce announced export controls on antimony ores and metal in "
            "Announcement No. 33; licences are needed from September 15.")
RUMOUR = ("Officials at China's Ministry of Commerce are considering export licences for gallium "
          "and germanium, people familiar with the matter said.")
WEATHER = "Sunny spells and light winds are expected across the region this weekend."


def at(day: int, month: int = 7) -> datetime:
    return datetime(2023, month, day, tzinfo=UTC)


def ids() -> object:
    numbers = iter(range(1, 100))
    return lambda: f"i{next(numbers)}"


def test_decide_opens_then_joins_and_is_pure() -> None:
    new_id = ids()
    c1, c2, c3 = classify(GALLIUM), classify(GALLIUM_AGAIN), classify(ANTIMONY)
    first, record = decide(c1, member(c1, GALLIUM, "", at(3)), [], new_id)
    assert first.is_new and first.incident_id == "i1" and record["members"][0]["at"].startswith("2023-07-03")
    frozen = json.dumps(record, sort_keys=True)
    second, joined = decide(c2, member(c2, GALLIUM_AGAIN, "", at(4)), [record], new_id)
    assert (second.incident_id, second.is_new) == ("i1", False)
    assert len(joined["members"]) == 2 and json.dumps(record, sort_keys=True) == frozen
    third, other = decide(c3, member(c3, ANTIMONY, "", at(5)), [joined], new_id)
    assert third.is_new and third.incident_id == "i2" and other["members"][0]["facts"]["elements"] == ["Sb"]


def test_candidates_found_under_most_buckets_are_compared_first() -> None:
    found = [("a", 5.0), ("b", 9.0), ("a", 5.0), ("c", 1.0), ("c", 1.0), ("d", 7.0)]
    assert likeliest(found) == ["a", "c", "b", "d"]
    many = [(f"i{n:04d}", float(n)) for n in range(MAX_COMPARED + 50)]
    assert likeliest(many) == [f"i{n:04d}" for n in range(MAX_COMPARED + 49, 49, -1)]


def test_escalation_raises_the_revision_and_members_are_capped() -> None:
    new_id = ids()
    rumour, enacted = classify(RUMOUR), classify(GALLIUM)
    assert rumour.status != enacted.status
    _, record = decide(rumour, member(rumour, RUMOUR, "", at(1)), [], new_id)
    decision, record = decide(enacted, member(enacted, GALLIUM, "", at(3)), [record], new_id)
    assert decision.revision == 2 and record["status"] == "enacted"
    for day in range(4, 4 + MAX_MEMBERS + 2):
        decision, record = decide(enacted, member(enacted, GALLIUM, "", at(day)), [record], new_id)
    assert decision.revision == 2 and len(record["members"]) == MAX_MEMBERS


def test_book_gives_every_text_an_incident_and_is_idempotent() -> None:
    book = IncidentBook()
    weather = book.assign("w", classify(WEATHER), WEATHER, "", at(2))
    first = book.assign("g", classify(GALLIUM), GALLIUM, "", at(3))
    assert weather.is_new and first.is_new and weather.incident_id != first.incident_id
    assert book.assign("g", classify(GALLIUM), GALLIUM, "", at(3)) == type(first)(first.incident_id, 1, False)


def test_assign_all_follows_publication_order_not_input_order() -> None:
    texts = [(ANTIMONY, None), (GALLIUM_AGAIN, at(4)), (GALLIUM, at(3))]
    assert publication_order([t for _, t in texts]) == [2, 1, 0]
    decisions = assign_all([Entry(str(n), classify(t), t, "", w) for n, (t, w) in enumerate(texts)])
    assert decisions[2].is_new and not decisions[1].is_new
    assert decisions[1].incident_id == decisions[2].incident_id != decisions[0].incident_id


async def test_redis_store_and_memory_book_partition_the_corpus_alike(redis, names) -> None:
    labels = evaluate.load(evaluate.DEFAULT_CORPUS)
    results = [classify(label["text"]) for label in labels]
    published = [evaluate._published(label) or datetime(2026, 1, 1, tzinfo=UTC) for label in labels]
    store, book = IncidentStore(redis, names), IncidentBook()
    stored, kept = {}, {}
    for i in publication_order(published):
        label, c = labels[i], results[i]
        a = await store.assign(label["file"], c, label["text"], "", published[i])
        b = book.assign(label["file"], c, label["text"], "", published[i])
        assert (a.revision, a.is_new) == (b.revision, b.is_new), label["file"]
        stored[label["file"]], kept[label["file"]] = a.incident_id, b.incident_id
    # One partition: every pair of texts is together in one exactly when it is in the other.
    pairs = {(stored[x], kept[x]) for x in stored}
    assert len(pairs) == len({s for s, _ in pairs}) == len({k for _, k in pairs})
    assert len(pairs) < len(stored)  # some texts were joined, so the check says something


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "classify", *args],
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_classify_reads_json_lines_and_gives_incidents(tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "later", "text": GALLIUM_AGAIN, "published_at": "2023-07-04T08:00:00Z"},
        {"id": "first", "text": GALLIUM, "title": "Gallium notice", "published_at": "2023-07-03"},
        {"text": WEATHER},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    plain = tmp_path / "antimony.txt"
    plain.write_text(ANTIMONY, encoding="utf-8")
    done = cli("--incidents", str(feed), str(plain))
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["input"] for o in out] == [f"{feed}:1", f"{feed}:2", f"{feed}:3", str(plain)]
    assert [o.get("id") for o in out] == ["later", "first", None, None]
    assert out[0]["incident_id"] and out[0]["incident_id"] == out[1]["incident_id"]
    assert len({out[0]["incident_id"], out[2]["incident_id"], out[3]["incident_id"]}) == 3
    without = [json.loads(line) for line in cli(str(feed)).stdout.splitlines()]
    assert [o["incident_id"] for o in without] == [None, None, None]
    piped = cli("--incidents", stdin=feed.read_text(encoding="utf-8"))
    assert [json.loads(line)["incident_id"] for line in piped.stdout.splitlines()] == \
        [o["incident_id"] for o in out[:3]]


def test_classify_input_errors_are_one_line(tmp_path) -> None:
    missing = cli(str(tmp_path / "nope.jsonl"))
    assert missing.returncode != 0
    assert missing.stderr.strip() == f"error: {tmp_path / 'nope.jsonl'}: no such file"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": GALLIUM}) + "\n{not json\n", encoding="utf-8")
    broken = cli("--incidents", str(bad))
    assert broken.returncode != 0 and broken.stdout == ""
    assert broken.stderr.startswith(f"error: {bad}:2: invalid JSON") and len(broken.stderr.splitlines()) == 1
    array = tmp_path / "feed.json"
    array.write_text(json.dumps([{"text": GALLIUM, "id": 7}]), encoding="utf-8")
    listed = cli(str(array))
    assert listed.returncode == 0 and json.loads(listed.stdout)["id"] == "7"
    dated = tmp_path / "dated.jsonl"
    dated.write_text(json.dumps({"text": GALLIUM, "published_at": "last week"}) + "\n", encoding="utf-8")
    wrong = cli(str(dated))
    assert wrong.returncode != 0 and "published_at" in wrong.stderr and "Traceback" not in wrong.stderr


# One notice reported in English and in traditional characters, and another notice on the same
# mineral: the number, however it is written, tells them apart.
INDIUM_NOTICE_EN = (
    "China curbs indium exports under Announcement No. 46\n"
    "China's commerce ministry said in Announcement No. 46 of 2025 that exporters of indium "
    "ingots and indium phosphide must hold a licence from December 1, citing national security."
)
INDIUM_NOTICE_TW = (
    "商務部公告２０２５年第４６號：對銦相關物項實施出口管制\n"
    "中國商務部週五發布公告，自12月1日起，出口銦錠及磷化銦須申請許可，理由是維護國家安全。"
)
INDIUM_OTHER = (
    "China adds indium tin oxide to export controls under Announcement No. 71\n"
    "China's commerce ministry said in Announcement No. 71 of 2026 that exporters of indium tin "
    "oxide targets must obtain an export licence from April 1, citing national security."
)


def test_one_notice_in_two_languages_is_one_incident_and_another_number_is_not() -> None:
    entries = [
        Entry("en", classify(INDIUM_NOTICE_EN), INDIUM_NOTICE_EN, "", datetime(2025, 11, 7, tzinfo=UTC)),
        Entry("tw", classify(INDIUM_NOTICE_TW), INDIUM_NOTICE_TW, "", None),
        Entry("other", classify(INDIUM_OTHER), INDIUM_OTHER, "", datetime(2026, 3, 2, tzinfo=UTC)),
    ]
    assert "no:46" in entries[1].classification.evidence.get("anchors", [])
    en, tw, other = (d.incident_id for d in assign_all(entries))
    assert en == tw and other != en
