"""The batch scorer gives every subscriber the scalar scorer's score and parts, and the table
it reads stays equal to one built afresh through any sequence of profile changes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chokewatch.shared.core.batch_score import SUPPLIER_KEY, batch_score
from chokewatch.shared.core.decide import decide
from chokewatch.shared.core.exposure_table import ExposureTable, ScoringProfile
from chokewatch.shared.core.score import score
from chokewatch.shared.elements import ELEMENTS
from chokewatch.shared.messages import Classification, Direction, EventType, Status
from chokewatch.shared.profiles import ElementExposure, ProfileSpec, Stage, Supplier

SYMBOLS = ["Dy", "Tb", "Nd", "Ga", "graphite"]
COUNTRIES = ["CN", "AU", "JP", "US"]
FIRMS = ["Northern Rare Earth Group", "JL MAG Rare-Earth", "Lynas Rare Earths", "MP Materials",
         "Ganzhou Magnetics Co., Ltd."]
NAMED = ["China Northern Rare Earth", "JL Mag", "Lynas", "Apple", "China Rare Earth Group",
         "Ganzhou Magnetics"]
STAGES = [s.value for s in Stage]

shares = st.floats(0, 1, allow_nan=False)


@st.composite
def profiles(draw) -> ProfileSpec:
    needs = {
        s: ElementExposure(weight=draw(shares), country_shares=draw(
            st.dictionaries(st.sampled_from(COUNTRIES), shares, max_size=3)))
        for s in draw(st.sets(st.sampled_from(SYMBOLS), max_size=3))
    }
    firms = [
        Supplier(
            name=draw(st.sampled_from(FIRMS)),
            aliases=draw(st.lists(st.sampled_from(NAMED), max_size=1)),
            country=draw(st.sampled_from([None, *COUNTRIES])),
            stage=draw(st.sampled_from([None, *STAGES])),
            elements=sorted(draw(st.sets(st.sampled_from(SYMBOLS), max_size=3))),
        )
        for _ in range(draw(st.integers(0 if needs else 1, 3)))
    ]
    return ProfileSpec(name="buyer", elements=needs, suppliers=firms,
                       threshold=draw(st.sampled_from([0, 10, 40, 55.5, 100])),
                       muted_event_types=draw(st.lists(st.sampled_from(EventType), max_size=2)))


@st.composite
def events(draw) -> Classification:
    return Classification(
        elements=sorted(draw(st.sets(st.sampled_from(SYMBOLS), max_size=3))),
        event_type=draw(st.sampled_from(EventType)),
        issuer=draw(st.sampled_from([None, "multiple", *COUNTRIES])),
        direction=draw(st.sampled_from(Direction)),
        status=draw(st.sampled_from([None, *Status])),
        severity=draw(shares),
        stages=draw(st.lists(st.sampled_from([*STAGES, "refining"]), max_size=2)),
        companies=draw(st.lists(st.sampled_from(NAMED), max_size=2)),
    )


def table_of(population: list[ProfileSpec]) -> ExposureTable:
    table = ExposureTable()
    for slot, p in enumerate(population):
        table.add(slot, p)
    return table


def label_of(key: int, c: Classification, p: ProfileSpec) -> str:
    if key >= SUPPLIER_KEY:
        return p.suppliers[key - SUPPLIER_KEY].name
    return ELEMENTS[sorted(set(c.elements))[key]].name.capitalize()


@settings(max_examples=300, deadline=None)
@given(st.lists(profiles(), min_size=1, max_size=8), events())
def test_batch_scores_and_parts_are_the_scalar_scorers(population, c):
    table = table_of(population)
    batch = batch_score(c, table)
    got = dict(zip(batch.slots.tolist(), batch.scores.tolist(), strict=True))
    crossing = dict(zip(batch.slots.tolist(), batch.crossing(table, c).tolist(), strict=True))
    for slot, p in enumerate(population):
        reference = score(c, p)
        assert (slot in got) == bool(reference.parts)
        if slot not in got:
            assert reference.score == 0
            continue
        assert got[slot] == pytest.approx(reference.score, abs=1e-9)
        parts = batch.parts(slot)
        assert [label_of(key, c, p) for key, _ in parts] == [part.label for part in reference.parts]
        assert [points for _, points in parts] == pytest.approx([part.points for part in reference.parts])
        first = decide(None, reference, c, threshold=p.threshold, muted=p.muted_event_types)
        assert crossing[slot] == first.send


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.none() | profiles()), max_size=14), events())
def test_changes_leave_the_table_as_one_built_afresh(operations, c):
    table, live = ExposureTable(), {}
    for slot, p in operations:
        if p is None:
            table.remove(slot)
            live.pop(slot, None)
        else:
            table.add(slot, p)
            live[slot] = p
    fresh = ExposureTable()
    for slot, p in live.items():
        fresh.add(slot, p)
    changed, built = batch_score(c, table), batch_score(c, fresh)
    assert changed.slots.tolist() == built.slots.tolist()
    assert changed.tenths.tolist() == built.tenths.tolist()
    assert sorted(table.slots()) == sorted(live)
    held = sum(len(p) for p in table.elements.values())
    assert held == sum(1 for p in live.values() for e in p.elements.values() if e.weight > 0)
    assert len(table.names) - len(table.free_rows) == sum(len(p.suppliers) for p in live.values())


def test_removing_everyone_leaves_no_postings():
    table = table_of([
        ProfileSpec(name="a", elements={"Dy": ElementExposure(weight=0.5, country_shares={"CN": 1})}),
        ProfileSpec(name="b", suppliers=[Supplier(name="Lynas Rare Earths", country="AU",
                                                  elements=["Nd"])]),
    ])
    table.remove(0)
    table.remove(1)
    table.remove(7)  # never held: nothing happens
    assert (table.elements, table.shares, table.local, table.words) == ({}, {}, {}, {})
    assert table.slots() == []


def test_a_stored_profile_reads_as_its_scoring_fields():
    spec = ProfileSpec(name="x", elements={"dysprosium": {"weight": 0.7}}, threshold=55,
                       channels=[{"type": "webhook", "url": "https://hooks.example.com/a"}],
                       muted_event_types=["tariff"])
    read = ScoringProfile.model_validate_json(spec.model_dump_json())
    assert read.elements == spec.elements and read.threshold == 55.0
    assert read.muted_event_types == [EventType.tariff]
    c = Classification(elements=["Dy"], event_type=EventType.sanctions, issuer="CN", severity=0.5,
                       direction=Direction.tightening, status=Status.enacted)
    assert batch_score(c, table_of([read])).tenths.tolist() == [round(score(c, spec).score * 10)]
