"""Report cards and the newest-first index the classify stage keeps for readers, and their
trimming with the incident."""

from __future__ import annotations

from datetime import UTC, datetime

from chokewatch.services.classify.incidents import IncidentStore
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.incident_views import REPORT_TEXT_CHARS, IncidentReader, report_card
from tests.incident_texts import STORY, published


async def file(store: IncidentStore, key: str, sample: dict, text: str | None = None):
    text = text or sample["text"]
    at = published(sample)
    c = classify(text, sample["title"], at)
    decision = await store.assign(key, c, text, sample["title"], at)
    card = report_card(event_id=key, title=sample["title"], text=text, source_url=sample["source_url"],
                       source="api", submitted_by="admin", published_at=at,
                       ingested_at=datetime.now(UTC), revision=decision.revision, classification=c)
    await store.file_report(decision, key, card, c, text, sample["title"], at)
    return decision


async def test_cards_say_why_a_report_joined_and_go_with_the_incident(redis, names):
    store = IncidentStore(redis, names, keep_s=3_600)
    long_text = STORY[0]["text"] + " More." * REPORT_TEXT_CHARS
    first = await file(store, "e1", STORY[0], long_text)
    second = await file(store, "e2", STORY[1])
    assert first.is_new and second.incident_id == first.incident_id
    await file(store, "e3", STORY[2])
    again = await file(store, "e1", STORY[0], long_text)  # a redelivery keeps its first card
    assert again.incident_id == first.incident_id and not again.is_new

    reader = IncidentReader(redis, names)
    found = await reader.one(first.incident_id)
    assert [m.event_id for m in found.members] == ["e1", "e2", "e3"]
    opened, joined, _ = found.members
    assert opened.joined is None and opened.text_cut and len(opened.text) == REPORT_TEXT_CHARS
    assert joined.joined.tied_to == published(STORY[0])
    assert any("antimony" in r.lower() or "Sb" in r for r in joined.joined.reasons), joined.joined
    assert [i for i, _ in await reader.window(float("inf"), 0, float("-inf"), 10)] == [first.incident_id]
    [(_, listed)] = await reader.load([first.incident_id])  # a list reads the cards, not the texts
    assert {r.text for r in listed} == {""} and listed[1].title == STORY[1]["title"]

    # Not written for longer than keep_s: the record goes, and with it its cards and its place.
    assert await store.trim(now=datetime.now(UTC).timestamp() + 7_200) == 1
    assert await reader.one(first.incident_id) is None
    assert await redis.exists(names.incident_reports(first.incident_id), names.incident_recent,
                              names.incident_texts(first.incident_id)) == 0
