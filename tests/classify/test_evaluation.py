"""The quality gate: the labelled corpus must meet every target (SPEC §6)."""

from __future__ import annotations

import pytest

from chokewatch.services.classify import evaluate

TARGETS = {
    "event_type": 0.90,
    "direction": 0.95,
    "status": 0.85,
}


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate.run()


def test_corpus_size_and_negatives(report: dict) -> None:
    labels = evaluate.load(evaluate.DEFAULT_CORPUS)
    assert report["texts"] >= 60
    negatives = [x for x in labels if x["event_type"] in evaluate.NEGATIVE_TYPES]
    assert len(negatives) >= 15
    incidents: dict[str, int] = {}
    for label in labels:
        incidents[label["incident"]] = incidents.get(label["incident"], 0) + 1
    assert sum(1 for n in incidents.values() if n >= 2) >= 5


def test_elements_f1(report: dict) -> None:
    assert report["elements"]["f1"] >= 0.95, evaluate.render(report)


@pytest.mark.parametrize(("field", "target"), sorted(TARGETS.items()))
def test_field_accuracy(report: dict, field: str, target: float) -> None:
    assert report["fields"][field]["accuracy"] >= target, evaluate.render(report)


def test_clustering_f1(report: dict) -> None:
    assert report["clustering"]["f1"] >= 0.9, evaluate.render(report)


def test_no_negative_above_the_alert_floor(report: dict) -> None:
    assert report["negatives_above_floor"] == [], evaluate.render(report)


def test_render_prints_every_field(report: dict) -> None:
    text = evaluate.render(report)
    for name in ("elements", "event_type", "direction", "status", "issuer", "incidents"):
        assert name in text
