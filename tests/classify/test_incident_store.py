"""The incident store on a real Redis: the stateful clustering the classify service runs."""

from __future__ import annotations

from datetime import UTC, datetime

from chokewatch.services.classify import evaluate
from chokewatch.services.classify.incidents import IncidentStore
from chokewatch.shared.core.reading.classifier import classify

RUMOUR = ("Officials at China's Ministry of Commerce are considering export licences for gallium "
          "and germanium, people familiar with the matter said.")


async def test_corpus_clusters_as_labelled_when_run_through_redis(redis, names):
    store = IncidentStore(redis, names)
    labels = sorted(evaluate.load(evaluate.DEFAULT_CORPUS),
                    key=lambda lb: (lb.get("published") or "", lb["file"]))
    got = []
    for label in labels:
        c = classify(label["text"])
        published = evaluate._published(label) or datetime.now(UTC)
        decision = await store.assign(label["file"], c, label["text"], "", published)
        got.append(decision.incident_id if decision else f"none:{label['file']}")
    gold = [lb["incident"] for lb in labels]
    scores = evaluate._pairwise(gold, got)
    assert scores["f1"] >= 0.9, scores


async def test_redelivery_is_idempotent_and_escalation_bumps_revision(redis, names):
    store = IncidentStore(redis, names)
    at = datetime(2023, 7, 3, tzinfo=UTC)
    rumour = RUMOUR
    c1 = classify(rumour)
    first = await store.assign("e1", c1, rumour, "", at)
    assert first.is_new and first.revision == 1
    again = await store.assign("e1", c1, rumour, "", at)
    assert again == type(first)(first.incident_id, 1, False)

    enacted = ("Announcement No. 23 of 2023: from August 1, exporters of gallium and germanium "
               "must obtain a licence from the Ministry of Commerce. The measure takes effect on "
               "that date.")
    c2 = classify(enacted)
    assert c2.status.value == "enacted" and c1.status != c2.status
    second = await store.assign("e2", c2, enacted, "", at)
    assert second.incident_id == first.incident_id and second.revision == 2
