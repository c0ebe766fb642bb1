"""The exposure index: only exposed subscribers are candidates; none that would score is missed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chokewatch.services.alert.index import ExposureIndex
from chokewatch.shared.core.score import score
from chokewatch.shared.messages import Classification, Direction, EventType, Status
from chokewatch.shared.profiles import ElementExposure, ProfileSpec, Supplier

# --- builders -------------------------------------------------------------------------------


def event(*elements: str, issuer="CN", companies=(), kind=EventType.mineral_export_control):
    return Classification(
        elements=list(elements),
        event_type=kind,
        issuer=issuer,
        direction=Direction.tightening,
        status=Status.enacted,
        severity=0.7,
        companies=list(companies),
    )


def buys(*elements: str, weight: float = 0.5) -> ProfileSpec:
    return ProfileSpec(name="buyer", elements={e: ElementExposure(weight=weight) for e in elements})


def relies_on(name: str, country: str | None = None, *elements: str) -> ProfileSpec:
    firm = Supplier(name=name, country=country, elements=list(elements))
    return ProfileSpec(name="buyer", suppliers=[firm])


def index_of(**profiles: ProfileSpec) -> ExposureIndex:
    index = ExposureIndex()
    for subscriber_id, p in profiles.items():
        index.add(subscriber_id, p)
    return index


# --- examples -------------------------------------------------------------------------------


def test_element_buyers_are_candidates_and_others_are_not():
    index = index_of(dy=buys("Dy"), ga=buys("Ga"), both=buys("Dy", "Ga"))
    assert index.candidates(event("Dy")) == {"dy", "both"}
    assert index.candidates(event("Tb")) == set()


def test_zero_weight_is_not_exposure():
    assert index_of(a=buys("Dy", weight=0.0)).candidates(event("Dy")) == set()


def test_named_company_reaches_its_buyers():
    index = index_of(north=relies_on("Northern Rare Earth Group"), mp=relies_on("MP Materials"))
    assert index.candidates(event(companies=["China Northern Rare Earth"])) == {"north"}


def test_supplier_in_the_issuing_country_shipping_an_affected_element():
    index = index_of(
        local=relies_on("Ganzhou Magnetics", "CN", "Dy"), abroad=relies_on("Shin-Etsu", "JP", "Dy")
    )
    assert index.candidates(event("Dy")) == {"local"}
    assert index.candidates(event("Dy", issuer="JP")) == {"abroad"}


def test_commentary_reaches_no_one():
    index = index_of(dy=buys("Dy"))
    assert index.candidates(event("Dy", kind=EventType.commentary)) == set()


def test_remove_and_replace():
    index = index_of(a=buys("Dy"), b=buys("Dy"))
    index.remove("a")
    index.remove("never-added")
    assert index.candidates(event("Dy")) == {"b"} and len(index) == 1
    index.add("b", buys("Ga"))  # a changed profile replaces the old entries
    assert index.candidates(event("Dy")) == set()
    assert index.candidates(event("Ga")) == {"b"} and "b" in index


def test_removing_everyone_leaves_no_empty_postings():
    index = index_of(a=buys("Dy"), b=relies_on("Lynas", "AU", "Nd"), c=buys("Dy", "Nd"))
    index.remove("a")
    assert index.candidates(event("Dy")) == {"c"}
    index.remove("c")
    index.remove("b")
    table = index.table
    assert (table.elements, table.shares, table.local, table.words) == ({}, {}, {}, {})
    assert len(index) == 0 and "b" not in index


# --- property: the index never hides a subscriber that would score ---------------------------

SYMBOLS = ["Dy", "Tb", "Nd", "Ga"]
COUNTRIES = ["CN", "AU", "JP"]
FIRMS = ["Northern Rare Earth Group", "JL MAG Rare-Earth", "Lynas Rare Earths", "MP Materials"]
NAMED = ["China Northern Rare Earth", "JL Mag", "Lynas", "Apple", "China Rare Earth Group"]


@st.composite
def profiles(draw) -> ProfileSpec:
    needs = {
        s: ElementExposure(weight=draw(st.floats(0, 1)))
        for s in draw(st.sets(st.sampled_from(SYMBOLS), max_size=2))
    }
    firms = [
        Supplier(
            name=draw(st.sampled_from(FIRMS)),
            country=draw(st.sampled_from([None, *COUNTRIES])),
            elements=sorted(draw(st.sets(st.sampled_from(SYMBOLS), max_size=2))),
        )
        for _ in range(draw(st.integers(0 if needs else 1, 2)))
    ]
    return ProfileSpec(name="buyer", elements=needs, suppliers=firms)


@st.composite
def events(draw) -> Classification:
    return event(
        *draw(st.sets(st.sampled_from(SYMBOLS), max_size=2)),
        issuer=draw(st.sampled_from([None, "multiple", *COUNTRIES])),
        companies=draw(st.lists(st.sampled_from(NAMED), max_size=2)),
        kind=draw(st.sampled_from(EventType)),
    )


@given(st.lists(profiles(), min_size=1, max_size=6), events())
def test_every_subscriber_that_would_score_is_a_candidate(population, c):
    index = index_of(**{f"s{i}": p for i, p in enumerate(population)})
    scoring = {f"s{i}" for i, p in enumerate(population) if score(c, p).score > 0}
    assert scoring <= index.candidates(c)
    scored = index.score(c)
    assert sorted(scored.ids) == sorted(scoring) and len(set(scored.ids)) == len(scored.ids)
    assert scored.scores.tolist() == [score(c, population[int(i[1:])]).score for i in scored.ids]


@given(st.lists(st.tuples(st.integers(0, 4), st.none() | profiles()), max_size=12), events())
def test_adds_and_removes_leave_the_same_index_as_building_afresh(operations, c):
    index, live = ExposureIndex(), {}
    for number, p in operations:
        subscriber_id = f"s{number}"
        if p is None:
            index.remove(subscriber_id)
            live.pop(subscriber_id, None)
        else:
            index.add(subscriber_id, p)
            live[subscriber_id] = p
    assert index.candidates(c) == index_of(**live).candidates(c)
    assert len(index) == len(live)
