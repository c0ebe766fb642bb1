"""Element matching: names, symbols in chemical context only, groups, compounds, Chinese."""

from __future__ import annotations

import pytest

from chokewatch.shared.core.reading import gazetteer
from chokewatch.shared.elements import ALL_RARE_EARTHS, GROUPS


def symbols(text: str) -> set[str]:
    hits = gazetteer.element_hits(text, gazetteer.normalise(text.lower()))
    return {symbol for hit in hits for symbol in gazetteer.expand(hit)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports of dysprosium and terbium slowed.", {"Dy", "Tb"}),
        ("Prices of Dysprosium Oxide rose.", {"Dy"}),
        ("The list covers Sm, Gd, Tb, Dy, Lu, Sc and Y.", {"Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y"}),
        ("Dy2O3 and Tb4O7 quotes were firm.", {"Dy", "Tb"}),
        ("Wafers of GaN and GaAs.", {"Ga"}),
        ("Natural graphite and graphite anode material.", {"graphite"}),
        ("Lithium-ion battery cathode plants.", {"Li"}),
        ("决定对镓、锗相关物项实施出口管制", {"Ga", "Ge"}),
        ("对钐、钆、铽、镝、镥、钪、钇实施管制", {"Sm", "Gd", "Tb", "Dy", "Lu", "Sc", "Y"}),
    ],
)
def test_finds_named_elements(text: str, expected: set[str]) -> None:
    assert symbols(text) == expected


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("curbs on rare earth magnets", "ndfeb_magnets"),
        ("NdFeB magnet makers", "ndfeb_magnets"),
        ("neodymium-iron-boron magnets", "ndfeb_magnets"),
        ("SmCo magnets for guided munitions", "smco_magnets"),
        ("a price floor for NdPr oxide", "ndpr"),
        ("seven medium and heavy rare earths", "medium_heavy_2025_04"),
        ("five additional rare earth elements", "added_2025_10"),
        ("heavy rare earths from Myanmar", "heavy_rare_earths"),
        ("light rare earths", "light_rare_earths"),
        ("7类中重稀土", "medium_heavy_2025_04"),
    ],
)
def test_group_phrases_expand_per_labels(text: str, group: str) -> None:
    assert symbols(text) == set(GROUPS[group])


def test_rare_earths_in_general_are_all_seventeen() -> None:
    assert symbols("China tightened rare-earth exports") == set(ALL_RARE_EARTHS)
    assert symbols("稀土出口") == set(ALL_RARE_EARTHS)


@pytest.mark.parametrize(
    "text",
    [
        "I test drove the Model Y and the Model S.",
        "Me Nd my cousin went out.",
        "In 2024, W. Smith said Co. profits rose.",
        "Premier Li met officials. In Beijing, Ho said nothing.",
        "Police seized Cobalt Strike servers.",
        "The bureau of economic ore-gins",  # no element inside other words
    ],
)
def test_no_false_hits_from_words_and_model_names(text: str) -> None:
    assert symbols(text) == set()


def test_offsets_point_at_the_matched_text() -> None:
    text = "Beijing's rare-earth magnets (NdFeB) and 镝."
    for hit in gazetteer.element_hits(text, gazetteer.normalise(text.lower())):
        assert text[hit.start : hit.end].lower().replace("-", " ") in (
            hit.phrase.replace("-", " "),
            hit.phrase,
        )


def test_longest_phrase_wins() -> None:
    text = "rare earth magnets"
    hits = gazetteer.element_hits(text, gazetteer.normalise(text))
    assert [h.value for h in hits] == ["ndfeb_magnets"]
