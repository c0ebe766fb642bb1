"""Third-party texts (outside outlets, web debris and all) kept beside the repository, in
`../shared/realtexts`; they stay outside the project and without them these tests skip.

`tune/` is studied to find general causes of error: the field floors hold what the classifier
reaches on it, so a change that loses ground on real writing fails. Incident clustering is held
on every labelled folder there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chokewatch.services.classify import evaluate

ROOT = Path(__file__).resolve().parents[2].parent / "shared" / "realtexts"
REALTEXTS = ROOT / "tune"
FOLDERS = sorted(p.parent for p in ROOT.glob("*/labels.jsonl"))

FLOORS = {"event_type": 0.97, "direction": 0.96, "status": 0.92, "issuer": 0.96, "chips_involved": 0.98}
ELEMENTS_F1 = 0.92
NEGATIVES_AT_MOST = 1


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
    assert len(report["negatives_as_events"]) <= NEGATIVES_AT_MOST, evaluate.render(report)


# Held a little under what is reached on each folder (pairwise F1 0.86 to 0.92, precision 0.91
# to 1.00).
CLUSTERING_F1 = 0.83
CLUSTERING_PRECISION = 0.89


@pytest.mark.skipif(not FOLDERS, reason=f"no labelled real texts at {ROOT} (they live "
                                        "outside the project; clone them next to it to run this)")
@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_incident_clustering_on_real_texts(folder: Path) -> None:
    report = evaluate.run(folder)
    clustering = report["clustering"]
    assert clustering["f1"] >= CLUSTERING_F1, evaluate.render(report)
    assert clustering["precision"] >= CLUSTERING_PRECISION, evaluate.render(report)
