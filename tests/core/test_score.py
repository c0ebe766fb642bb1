"""Scoring: the formula's promises (bounds, monotonicity, parts that add up) and its wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chokewatch.shared.core.score import same_company, score
from chokewatch.shared.messages import Classification, Direction, EventType, Status
from chokewatch.shared.profiles import ElementExposure, ProfileSpec, Stage, Supplier

# --- builders -------------------------------------------------------------------------------


def event(**overrides) -> Classification:
    """An enacted Chinese export control on dysprosium, unless told otherwise."""
    fields = {
        "elements": ["Dy"],
        "event_type": EventType.mineral_export_control,
        "direction": Direction.tightening,
        "issuer": "CN",
        "status": Status.enacted,
        "severity": 0.8,
    }
    return Classification(**(fields | overrides))


def exposure(weight: float, **shares: float) -> ElementExposure:
    return ElementExposure(weight=weight, country_shares=shares)


def supplier(
    name: str,
    country: str | None = None,
    stage: str | None = None,
    *elements: str,
    aliases: tuple[str, ...] = (),
) -> Supplier:
    return Supplier(name=name, country=country, stage=stage, elements=list(elements), aliases=list(aliases))


def profile(
    elements: dict[str, ElementExposure] | None = None,
    suppliers: list[Supplier] | None = None,
    **fields,
) -> ProfileSpec:
    if not elements and not suppliers:
        elements = {"W": exposure(0.1)}  # exposed to something the tests never hit
    return ProfileSpec(name="buyer", elements=elements or {}, suppliers=suppliers or [], **fields)


def dy_buyer(weight: float = 0.9, cn: float = 0.95) -> ProfileSpec:
    return profile({"Dy": exposure(weight, CN=cn)})


def points(result) -> float:
    return round(sum(p.points for p in result.parts), 1)


# --- examples -------------------------------------------------------------------------------


def test_explains_an_element_in_a_buyers_words():
    result = score(event(), dy_buyer())
    assert result.score > 50
    assert result.elements == ["Dy"]
    [part] = result.parts
    assert part.reason == "Dysprosium: weight 0.9, 95% sourced from China (the issuing country)"
    assert part.points == result.score


@pytest.mark.parametrize("kind", [EventType.commentary, EventType.not_relevant])
def test_commentary_and_irrelevant_texts_score_zero(kind):
    result = score(event(event_type=kind, status=None), dy_buyer())
    assert result.score == 0 and result.parts == []


def test_no_overlap_scores_zero():
    result = score(event(elements=["Ga"]), dy_buyer())
    assert result.score == 0 and result.parts == [] and result.elements == []


def test_status_ranks_enacted_over_announced_over_speculation():
    scores = [score(event(status=s), dy_buyer()).score for s in Status]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3


def test_easing_matters_but_less_than_tightening():
    tight = score(event(), dy_buyer()).score
    eased = score(event(direction=Direction.easing), dy_buyer()).score
    assert 0 < eased < tight


def test_issuer_multiple_uses_the_largest_source():
    buyer = profile({"Dy": exposure(0.9, CN=0.7, MM=0.2)})
    talks = score(event(issuer="multiple", event_type=EventType.trade_talks), buyer)
    assert "70% sourced from China, the largest source" in talks.parts[0].reason
    china = score(event(event_type=EventType.trade_talks), buyer)
    assert talks.score == china.score


def test_no_country_split_assumes_a_default_share():
    result = score(event(), profile({"Dy": exposure(0.9)}))
    assert "no country split given" in result.parts[0].reason
    assert score(event(), dy_buyer(cn=0.0)).score < result.score < score(event(), dy_buyer()).score


def test_named_supplier_matches_under_another_form_of_its_name():
    northern = supplier("Northern Rare Earth Group", "CN", "separation", "Nd")
    buyer = profile({"Dy": exposure(0.5, CN=0.5)}, [northern])
    named = score(event(companies=["China Northern Rare Earth"]), buyer)
    assert named.suppliers == ["Northern Rare Earth Group"]
    assert named.score > score(event(), buyer).score
    assert any("named in the event" in part.reason for part in named.parts)


def test_named_supplier_matches_an_alias_and_companies_override():
    lynas = supplier("Lynas Rare Earths", "AU", "separation", aliases=("Lynas Corp",))
    buyer = profile(suppliers=[lynas])
    c = event(issuer="AU", event_type=EventType.supply_disruption, elements=[])
    assert score(c, buyer).score == 0
    assert score(c, buyer, companies=["Lynas Corp Ltd"]).suppliers == ["Lynas Rare Earths"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("China Northern Rare Earth", "Northern Rare Earth Group", True),
        ("China Northern Rare Earth (Group) High-Tech Co., Ltd.", "Northern Rare Earth", True),
        ("JL MAG Rare-Earth", "JL Mag", True),
        ("Neo Performance Materials", "Neo Performance Material Inc", True),
        ("China Rare Earth Group", "China Northern Rare Earth Group", False),
        ("Northern Minerals", "China Northern Rare Earth", False),
        ("MP Materials", "Lynas Rare Earths", False),
    ],
)
def test_company_name_matching(a, b, same):
    assert same_company(a, b) is same
    assert same_company(b, a) is same


def test_supplier_in_issuing_country_of_an_affected_element_counts_as_hit():
    local = supplier("Ganzhou Magnetics", "CN", "magnet", "Dy")
    assert score(event(), profile(suppliers=[local])).suppliers == ["Ganzhou Magnetics"]
    elsewhere = supplier("Shin-Etsu", "JP", "magnet", "Dy")
    assert score(event(), profile(suppliers=[elsewhere])).score == 0
    other_element = supplier("Ganzhou Tungsten", "CN", "metal", "W")
    assert score(event(), profile(suppliers=[other_element])).score == 0


def test_a_magnet_control_hits_a_magnet_buyer_harder_than_an_ore_buyer():
    c = event(elements=["Nd", "Dy"], stages=["magnet"])
    needs = {"Nd": exposure(0.6, CN=0.8), "Dy": exposure(0.6, CN=0.9)}
    magnets = profile(needs, [supplier("Ningbo Magnet", "CN", "magnet", "Nd", "Dy")])
    ore = profile(needs, [supplier("Bayan Obo Mine", "CN", "mining", "Nd", "Dy")])
    assert score(c, magnets).score > score(c, ore).score


def test_parts_are_listed_strongest_first_and_add_up():
    c = event(elements=["Nd", "Dy", "Tb"], companies=["JL Mag"], stages=["magnet"])
    buyer = profile(
        {"Nd": exposure(0.3, CN=0.5), "Dy": exposure(0.9, CN=0.95), "Tb": exposure(0.5)},
        [supplier("JL MAG Rare-Earth", "CN", "magnet", "Dy", "Tb")],
    )
    result = score(c, buyer)
    assert [p.label for p in result.parts][0] == "Dysprosium"
    assert points(result) == result.score


# --- properties -----------------------------------------------------------------------------

SYMBOLS = ["Dy", "Tb", "Nd", "Pr", "Ga", "graphite"]
COUNTRIES = ["CN", "US", "AU", "MM"]
STAGES = [s.value for s in Stage]
FIRMS = [
    "Northern Rare Earth Group",
    "JL MAG Rare-Earth",
    "Lynas Rare Earths",
    "MP Materials",
    "Shenghe Resources",
    "Ningbo Yunsheng",
]

weights = st.floats(0.0, 1.0)
severities = st.floats(0.0, 1.0)


@st.composite
def shares(draw) -> dict[str, float]:
    raw = {c: draw(st.floats(0.0, 1.0)) for c in draw(st.sets(st.sampled_from(COUNTRIES)))}
    total = sum(raw.values())
    return {c: v / total for c, v in raw.items()} if total > 1 else raw


@st.composite
def suppliers_(draw) -> Supplier:
    return supplier(
        draw(st.sampled_from(FIRMS)),
        draw(st.sampled_from([None, *COUNTRIES])),
        draw(st.sampled_from([None, *STAGES])),
        *draw(st.sets(st.sampled_from(SYMBOLS), max_size=3)),
    )


@st.composite
def profiles(draw) -> ProfileSpec:
    needs = {
        s: ElementExposure(weight=draw(weights), country_shares=draw(shares()))
        for s in draw(st.sets(st.sampled_from(SYMBOLS), max_size=4))
    }
    return profile(needs, draw(st.lists(suppliers_(), max_size=3)))


@st.composite
def events(draw) -> Classification:
    return event(
        elements=sorted(draw(st.sets(st.sampled_from(SYMBOLS), max_size=4))),
        event_type=draw(st.sampled_from(EventType)),
        direction=draw(st.sampled_from(Direction)),
        status=draw(st.sampled_from([None, *Status])),
        issuer=draw(st.sampled_from([None, "multiple", "EU", *COUNTRIES])),
        severity=draw(severities),
        stages=sorted(draw(st.sets(st.sampled_from(STAGES), max_size=2))),
        companies=draw(
            st.lists(
                st.sampled_from(["China Northern Rare Earth", "JL Mag", "Lynas", "Apple", "Shenghe"]),
                max_size=2,
            )
        ),
    )


@given(events(), profiles())
def test_bounded_deterministic_and_parts_add_up(c, p):
    first, again = score(c, p), score(c, p)
    assert first == again
    assert 0.0 <= first.score <= 100.0
    assert first.score == round(first.score, 1)
    assert points(first) == first.score
    assert all(part.points >= 0 for part in first.parts)
    assert set(first.elements) <= set(c.elements)


@given(events(), profiles(), st.sampled_from(SYMBOLS), weights, weights)
def test_monotonic_in_weight(c, p, symbol, w1, w2):
    low, high = sorted((w1, w2))
    shares_ = p.elements[symbol].country_shares if symbol in p.elements else {}

    def with_weight(w: float) -> ProfileSpec:
        return p.model_copy(update={"elements": p.elements | {symbol: exposure(w, **shares_)}})

    assert score(c, with_weight(low)).score <= score(c, with_weight(high)).score


@given(events(), profiles(), st.sampled_from(SYMBOLS), weights, st.floats(0, 1), st.floats(0, 1))
def test_monotonic_in_share_from_the_issuer(c, p, symbol, w, s1, s2):
    assume(c.issuer in COUNTRIES)
    low, high = sorted((s1, s2))
    # the rest of the supply comes from one other country and never exceeds what is left
    other = next(x for x in COUNTRIES if x != c.issuer)

    def with_share(s: float) -> ProfileSpec:
        split = {c.issuer: s, other: (1 - high) / 2}
        return p.model_copy(update={"elements": p.elements | {symbol: exposure(w, **split)}})

    assert score(c, with_share(low)).score <= score(c, with_share(high)).score


@given(events(), profiles(), severities, severities)
def test_monotonic_in_severity(c, p, s1, s2):
    low, high = sorted((s1, s2))
    lower = score(c.model_copy(update={"severity": low}), p).score
    assert lower <= score(c.model_copy(update={"severity": high}), p).score


@given(events(), profiles(), st.sampled_from(SYMBOLS), weights, shares())
def test_one_more_profile_element_never_lowers(c, p, symbol, w, split):
    assume(symbol not in p.elements)
    grown = p.model_copy(update={"elements": p.elements | {symbol: exposure(w, **split)}})
    assert score(c, p).score <= score(c, grown).score


@given(events(), profiles(), st.sampled_from(SYMBOLS))
def test_one_more_event_element_never_lowers(c, p, symbol):
    grown = c.model_copy(update={"elements": sorted(set(c.elements) | {symbol})})
    assert score(c, p).score <= score(grown, p).score


@given(events(), profiles(), suppliers_())
def test_one_more_supplier_never_lowers(c, p, extra):
    grown = p.model_copy(update={"suppliers": [*p.suppliers, extra]})
    assert score(c, p).score <= score(c, grown).score


@settings(max_examples=50)
@given(events(), profiles())
def test_named_suppliers_are_reported_once_each(c, p):
    result = score(c, p)
    assert len(result.suppliers) <= len(p.suppliers)


README = Path(__file__).resolve().parents[2] / "README.md"


def constants_table() -> dict[str, list[str]]:
    """The README's scoring constants: name -> the value cells of its rows."""
    text = README.read_text(encoding="utf-8").split("#### Constants", 1)[1]
    rows: dict[str, list[str]] = {}
    name = None
    for line in text.split("\n\n", 1)[1].splitlines():
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[0].startswith("`"):
            name = cells[0].strip("`")
        if name:
            rows.setdefault(name, []).append(cells[1])
    return rows


def named_values(cells: list[str]) -> dict[str, float]:
    """`enacted 1.0; announced 0.7` and `tariff, chip export control 0.8` -> {name: value}."""
    out = {}
    for chunk in "; ".join(cells).split("; "):
        names, value = chunk.rsplit(" ", 1)
        out |= {n: float(value) for n in names.split(", ")}
    return out


def test_the_readme_table_states_the_constants_in_use():
    from chokewatch.shared.core import score as module
    from chokewatch.shared.core import severity as table

    rows = constants_table()
    for name in ("DEPENDENCE_FLOOR", "UNKNOWN_SHARE", "SUPPLIER_NAMED", "SUPPLIER_IMPLIED", "NAME_MATCH"):
        assert rows[name] == [f"{getattr(module, name):g}"], name
    for name in ("SEVERITY_FLOOR", "CHIPS_BREADTH"):
        assert rows[name] == [f"{getattr(table, name):g}"], name
    assert named_values(rows["STAGE"]) == module.STAGE
    spelled = {t.value.replace("_", " "): t for t in EventType}
    spelled["export control on minerals"] = EventType.mineral_export_control
    assert {spelled[k]: v for k, v in named_values(rows["TYPE"]).items()} == table.TYPE
    status = {s.value: s for s in Status} | {"not stated": None}
    assert {status[k]: v for k, v in named_values(rows["STATUS"]).items()} == table.STATUS
    assert {Direction(k): v for k, v in named_values(rows["DIRECTION"]).items()} == table.DIRECTION
    assert tuple(named_values(rows["BANDS"]).items()) == module.BANDS
    breadth = named_values([rows["BREADTH"][0].replace("+ elements", "+")])
    assert {int(k.rstrip("+")): v for k, v in breadth.items()} == dict(table.BREADTH)


@pytest.mark.parametrize(("value", "name"), [(0, "low"), (39.9, "low"), (40, "medium"),
                                              (59.9, "medium"), (60, "high"), (71, "high"),
                                              (79.9, "high"), (80, "critical"), (100, "critical")])
def test_a_score_falls_in_one_band(value, name):
    from chokewatch.shared.core.score import band

    assert band(value) == name
