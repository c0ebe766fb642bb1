"""The quality gate: the labelled corpus must meet every target below."""

from __future__ import annotations

import json

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
    # Every labelled incident of the corpus is found whole (F1 1.00); held a little under.
    assert report["clustering"]["f1"] >= 0.97, evaluate.render(report)


def test_no_negative_above_the_alert_floor(report: dict) -> None:
    assert report["negatives_above_floor"] == [], evaluate.render(report)


def test_render_prints_every_field(report: dict) -> None:
    text = evaluate.render(report)
    for name in ("elements", "event_type", "direction", "status", "issuer", "incidents"):
        assert name in text


def test_strict_counts_only_the_first_reading(report: dict) -> None:
    for name, field in report["fields"].items():
        assert field["strict_accuracy"] <= field["accuracy"], name
        for accepted in field["accepted"]:
            assert accepted["accepted"] != accepted["label"], name
    assert report["elements"]["strict"]["f1"] <= report["elements"]["f1"]


def test_lenient_and_strict_differ_where_an_alternative_is_accepted(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(
        "Sunny spells and light winds are expected across the region this weekend.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "The village bakery won a prize for its rye loaf at the county fair.", encoding="utf-8")
    common = {"elements": [], "direction": "neutral", "status": None, "issuer": None,
              "chips_involved": False, "published": "2025-05-01"}
    rows = [
        {"file": "a.txt", "event_type": "commentary", "incident": None, **common,
         "acceptable": {"event_type": ["not_relevant"]}},
        {"file": "b.txt", "event_type": "not_relevant", "incident": None, **common},
    ]
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = evaluate.run(tmp_path)
    field = report["fields"]["event_type"]
    assert (field["strict_accuracy"], field["accuracy"]) == (0.5, 1.0)
    assert field["accepted"] == [{"file": "a.txt", "label": "commentary", "accepted": "not_relevant"}]
    assert report["folder"] == str(tmp_path)
    text_report = evaluate.render(report)
    assert "accepted a.txt: label commentary, accepted not_relevant" in text_report
    # Texts labelled with no incident share none: no pair to find, none wrongly found.
    assert (report["clustering"]["tp"], report["clustering"]["fn"], report["clustering"]["fp"]) == (0, 0, 0)


def test_pairwise_treats_no_incident_as_its_own() -> None:
    scores = evaluate._pairwise([None, None, "x", "x"], ["a", "a", "b", "c"])
    assert (scores["tp"], scores["fp"], scores["fn"]) == (0, 1, 1)
