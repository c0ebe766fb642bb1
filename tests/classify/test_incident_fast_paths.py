"""Incident assignment's shortcuts change no answer: the cheap "cannot join" test before the
full comparison, each stored member's comparable form built once, and records parsed again
keeping the member dicts they had."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from chokewatch.services.classify.incidents import ParsedRecords
from chokewatch.shared.core.reading import incident_policy
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_policy import (
    Entry,
    assign_all,
    item,
    member,
    stored_item,
)
from chokewatch.shared.core.reading.incident_rules import (
    cannot_join,
    group_strength,
    kept_apart,
    strength,
)
from chokewatch.shared.core.reading.similarity import similarity

DAY = datetime(2025, 10, 9, tzinfo=UTC)
TEXTS = [
    ("China's Ministry of Commerce published Announcement No. 61 placing holmium and five other "
     "rare earths under export licensing, effective December 1.", DAY),
    ("Beijing tightened rare earth controls on Thursday: MOFCOM Announcement No. 61 adds holmium, "
     "erbium and thulium to the licensing list from December 1.", DAY + timedelta(days=1)),
    ("MOFCOM Announcement No. 18 placed seven medium and heavy rare earths, among them samarium, "
     "under export licensing, the commerce ministry said.", DAY - timedelta(days=180)),
    ("The U.S. Commerce Department added 23 Chinese chipmakers to the Entity List, restricting "
     "their access to American semiconductor tools; the chip firms cannot buy chips or wafers.",
     DAY + timedelta(days=2)),
    ("China suspended the export controls of Announcement No. 61 for one year after the Busan "
     "meeting, the commerce ministry said.", DAY + timedelta(days=30)),
    ("Analysts say rare earth supply will stay tight into next year whatever the talks bring.",
     DAY + timedelta(days=3)),
]


def _items() -> list:
    return [item(member(classify(text), text, "", at)) for text, at in TEXTS]


def _full_strength(a, b) -> float:
    """strength as defined before the shortcut: the full comparison of every pair."""
    copy = similarity(list(a.signature), list(b.signature))
    if kept_apart(a, b, copy)[0]:
        return 0.0
    return strength(a, b)


def test_the_cheap_apart_test_only_skips_pairs_the_full_comparison_keeps_apart():
    items = _items()
    separated = 0
    for a in items:
        for b in items:
            if cannot_join(a, b)[0]:
                separated += 1
                assert kept_apart(a, b, similarity(list(a.signature), list(b.signature)))[0]
                assert strength(a, b) == 0.0
            assert strength(a, b) == _full_strength(a, b)
    assert separated > 0  # announcements No. 61 and No. 18 are kept apart
    assert group_strength([items[0], items[2]], items[1]) == 0.0  # No. 18 keeps the pair apart


def test_a_stored_member_is_built_once_and_an_equal_copy_gets_its_own_form():
    text, at = TEXTS[0]
    m = json.loads(json.dumps(member(classify(text), text, "", at)))
    first = stored_item(m)
    assert stored_item(m) is first
    copy = json.loads(json.dumps(m))
    assert stored_item(copy) is not first and stored_item(copy) == first


def test_assignments_are_the_same_with_forms_kept_or_built_afresh():
    entries = [Entry(str(i), classify(text), text, "", at) for i, (text, at) in enumerate(TEXTS)]
    warm = [d.incident_id for d in assign_all(entries)]
    again = [d.incident_id for d in assign_all(entries)]
    incident_policy._items.clear()
    cold = [d.incident_id for d in assign_all(entries)]
    assert warm == again == cold
    assert warm[0] == warm[1] and warm[0] != warm[3]  # one notice reported twice; a chip listing apart


def test_a_record_parsed_again_keeps_the_member_dicts_it_had():
    kept = ParsedRecords()
    one = {"at": "2025-10-09T00:00:00+00:00", "sig": [1, 2, 3], "facts": {"elements": ["Ho"]}}
    two = {"at": "2025-10-10T00:00:00+00:00", "sig": [4, 5, 6], "facts": {"elements": ["Er"]}}
    first = kept.get("inc_a", json.dumps({"id": "inc_a", "members": [one]}))
    second = kept.get("inc_a", json.dumps({"id": "inc_a", "members": [one, two]}))
    assert second["members"][0] is first["members"][0]
    assert second["members"] == [one, two]
    changed = {**one, "facts": {"elements": ["Tm"]}}  # same date and signature, other facts
    third = kept.get("inc_a", json.dumps({"id": "inc_a", "members": [changed]}))
    assert third["members"][0] is not first["members"][0] and third["members"] == [changed]
