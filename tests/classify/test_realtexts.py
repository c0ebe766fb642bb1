"""Third-party texts (outside outlets, web debris and all) kept beside the repository.

The folder `../shared/realtexts/tune` is studied to find general causes of error; these floors
hold what the classifier reaches on it, so a change that loses ground on real writing fails.
The test skips when the folder is not there (a clone without the shared data).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chokewatch.services.classify import evaluate

REALTEXTS = Path(__file__).resolve().parents[2].parent / "shared" / "realtexts" / "tune"

FLOORS = {"event_type": 0.95, "direction": 0.94, "status": 0.83, "issuer": 0.94, "chips_involved": 0.97}
ELEMENTS_F1 = 0.90
NEGATIVES_AT_MOST = 0


@pytest.fixture(scope="module")
def report() -> dict:
    if not (REALTEXTS / "labels.jsonl").exists():
        pytest.skip(f"third-party texts not found at {REALTEXTS}; nothing to measure")
    return evaluate.run(REALTEXTS)


def test_elements_f1_on_real_texts(report: dict) -> None:
    assert report["elements"]["f1"] >= ELEMENTS_F1, evaluate.render(report)


@pytest.mark.parametrize(("field", "floor"), sorted(FLOORS.items()))
def test_field_accuracy_on_real_texts(report: dict, field: str, floor: float) -> None:
    assert report["fields"][field]["accuracy"] >= floor, evaluate.render(report)


def test_few_negatives_alert_on_real_texts(report: dict) -> None:
    assert len(report["negatives_above_floor"]) <= NEGATIVES_AT_MOST, evaluate.render(report)
