"""An alert worker's exposure view against a real Redis: built at start, current at each event."""

from __future__ import annotations

from datetime import UTC, datetime

from chokewatch.services.alert.exposure import ExposureView
from chokewatch.shared.core.score import score
from chokewatch.shared.messages import Classification, EventType, Status
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.subscribers import SubscriberStore
from tests.conftest import seed_subscriber_for_test


def sub(sid: str, **fields) -> Subscriber:
    now = datetime.now(UTC)
    return Subscriber(id=sid, created_at=now, updated_at=now, name=sid, **fields)


def event(elements: list[str], companies: list[str] | None = None) -> Classification:
    return Classification(elements=elements, event_type=EventType.mineral_export_control,
                          status=Status.enacted, issuer="CN", severity=0.8,
                          companies=companies or [])


async def test_view_follows_profile_changes_without_restart(redis, names):
    store = SubscriberStore(redis, names)
    dy = sub("dy", elements={"Dy": {"weight": 0.9}})
    await seed_subscriber_for_test(store, dy)
    view = ExposureView(redis, names)
    assert await view.load() == 1
    assert [s.id for s in await view.exposed(event(["Dy"]))] == ["dy"]

    # Added, edited and removed after the worker started: seen at the next event.
    await seed_subscriber_for_test(store, sub("ga", elements={"Ga": {"weight": 0.5}}))
    moved = sub("dy", elements={"Tb": {"weight": 0.9}})
    await seed_subscriber_for_test(store, moved, previous=dy)
    assert [s.id for s in await view.exposed(event(["Ga"]))] == ["ga"]
    assert await view.exposed(event(["Dy"])) == []
    assert [s.id for s in await view.exposed(event(["Tb"]))] == ["dy"]
    assert await store.remove(moved)
    assert await view.exposed(event(["Tb"])) == []

    # A new worker builds the same view from Redis.
    fresh = ExposureView(redis, names)
    assert await fresh.load() == 1
    assert [s.id for s in await fresh.exposed(event(["Ga"]))] == ["ga"]


async def test_supplier_only_exposure_is_found_by_company_name(redis, names):
    store = SubscriberStore(redis, names)
    await seed_subscriber_for_test(store, sub("magnets", suppliers=[{"name": "Northern Rare Earth Group",
                                               "country": "CN", "elements": ["Nd"]}]))
    view = ExposureView(redis, names)
    await view.load()
    found = await view.exposed(event([], companies=["China Northern Rare Earth"]))
    assert [s.id for s in found] == ["magnets"]


async def test_compare_and_set_writes_are_announced_too(redis, names):
    store = SubscriberStore(redis, names)
    view = ExposureView(redis, names)
    await view.load()
    first = sub("cas", elements={"Ge": {"weight": 0.5}})
    assert await store.replace(first, previous=None)
    assert [s.id for s in await view.exposed(event(["Ge"]))] == ["cas"]
    moved = sub("cas", version=2, elements={"Sb": {"weight": 0.5}})
    assert await store.replace(moved, previous=first)
    assert await view.exposed(event(["Ge"])) == []
    assert await store.remove(moved)
    assert await view.exposed(event(["Sb"])) == []


async def test_cached_profiles_are_never_stale(redis, names):
    store = SubscriberStore(redis, names)
    view = ExposureView(redis, names, cache_size=1)
    first = sub("w", elements={"Ga": {"weight": 0.2}})
    await seed_subscriber_for_test(store, first)
    await view.load()
    [seen] = await view.exposed(event(["Ga"]))
    assert seen.elements["Ga"].weight == 0.2
    heavier = sub("w", version=2, elements={"Ga": {"weight": 0.9}})
    await seed_subscriber_for_test(store, heavier, previous=first)
    [seen] = await view.exposed(event(["Ga"]))
    assert seen.elements["Ga"].weight == 0.9
    await seed_subscriber_for_test(store, sub("x", elements={"Ga": {"weight": 0.5}}))
    assert [s.id for s in await view.exposed(event(["Ga"]))] == ["w", "x"]
    assert len(view.cache) == 1  # bounded


async def test_scores_everyone_and_reads_in_full_only_those_asked_for(redis, names):
    store = SubscriberStore(redis, names)
    hook = [{"type": "webhook", "url": "https://hooks.example.com/a",
             "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}]
    heavy = sub("heavy", elements={"Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}}},
                channels=hook)
    light = sub("light", elements={"Dy": {"weight": 0.1}})
    muted = sub("muted", elements={"Dy": {"weight": 0.9}}, muted_event_types=["mineral_export_control"])
    for s in (heavy, light, muted):
        await seed_subscriber_for_test(store, s)
    view = ExposureView(redis, names)
    await view.load()
    c = event(["Dy"])
    scored = await view.score(c)
    by_id = {s.id: s for s in (heavy, light, muted)}
    assert sorted(scored.ids) == sorted(by_id)
    assert scored.scores.tolist() == [score(c, by_id[i]).score for i in scored.ids]
    crossing = dict(zip(scored.ids, scored.crossing.tolist(), strict=True))
    assert crossing == {"heavy": True, "light": False, "muted": False}  # below 40; muted
    full = await view.profiles(["heavy", "nobody"])
    assert list(full) == ["heavy"]
    assert full["heavy"].channels[0].secret.get_secret_value() == hook[0]["secret"]
