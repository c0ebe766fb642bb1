"""Measures the classifier against the labelled corpus (SPEC §6, LABELS.md) and prints the figures.

    python -c "from chokewatch.services.classify import evaluate; print(evaluate.render(evaluate.run()))"

A label may list acceptable alternatives per field; a prediction matching any of them counts as
right. Elements are scored only where the label scores them (not for commentary).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from chokewatch.shared.core.reading.classifier import ALERT_FLOOR, classify
from chokewatch.shared.core.reading.incident_rules import Item, assign
from chokewatch.shared.core.reading.similarity import signature
from chokewatch.shared.messages import Classification, EventType

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "corpus"
NEGATIVE_TYPES = {EventType.commentary.value, EventType.not_relevant.value}
FIELDS = ("event_type", "direction", "status", "issuer", "chips_involved")


def load(corpus_dir: Path) -> list[dict[str, Any]]:
    path = corpus_dir / "labels.jsonl"
    if path.exists():
        labels = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    else:
        labels = json.loads((corpus_dir / "labels.json").read_text("utf-8"))
    for label in labels:
        label["text"] = (corpus_dir / label["file"]).read_text("utf-8")
    return labels


def _predicted(c: Classification, name: str) -> Any:
    value = getattr(c, name)
    return value.value if hasattr(value, "value") else value


def _acceptable(label: dict[str, Any], name: str) -> list[Any]:
    return [label.get(name), *label.get("acceptable", {}).get(name, [])]


def _element_counts(label: dict[str, Any], predicted: list[str]) -> tuple[int, int, int]:
    """(true pos, false pos, false neg) against the acceptable element set that fits best."""
    options = [label["elements"], *label.get("acceptable", {}).get("elements", [])]
    best = None
    for option in options:
        gold, got = set(option), set(predicted)
        counts = (len(gold & got), len(got - gold), len(gold - got))
        if best is None or counts[1] + counts[2] < best[1] + best[2]:
            best = counts
    assert best is not None
    return best


def _pairwise(gold: list[str], got: list[str]) -> dict[str, float]:
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold, same_got = gold[i] == gold[j], got[i] == got[j]
        tp += same_gold and same_got
        fp += same_got and not same_gold
        fn += same_gold and not same_got
    return _prf(tp, fp, fn)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def run(corpus_dir: Path | None = None) -> dict[str, Any]:
    labels = load(corpus_dir or DEFAULT_CORPUS)
    results = [classify(label["text"]) for label in labels]
    tp = fp = fn = 0
    element_errors = []
    for label, c in zip(labels, results, strict=True):
        if label.get("elements") is None or label["event_type"] == EventType.commentary.value:
            continue
        t, f, n = _element_counts(label, c.elements)
        tp, fp, fn = tp + t, fp + f, fn + n
        if f or n:
            element_errors.append({"file": label["file"], "expected": label["elements"], "got": c.elements})
    fields: dict[str, Any] = {}
    for name in FIELDS:
        right = total = 0
        confusion: dict[str, Counter[str]] = defaultdict(Counter)
        errors = []
        for label, c in zip(labels, results, strict=True):
            if name == "chips_involved" and label["event_type"] == EventType.commentary.value:
                continue
            got = _predicted(c, name)
            total += 1
            confusion[str(label.get(name))][str(got)] += 1
            if got in _acceptable(label, name):
                right += 1
            else:
                errors.append({"file": label["file"], "expected": label.get(name), "got": got})
        fields[name] = {
            "accuracy": right / total if total else 1.0,
            "n": total,
            "confusion": {k: dict(v) for k, v in confusion.items()},
            "errors": errors,
        }
    items = [
        Item(c, signature(label["text"]), _published(label), key=label["file"])
        for label, c in zip(labels, results, strict=True)
    ]
    # Measured with the incident store's own policy (greedy, best match, no merging).
    clusters = _pairwise([label["incident"] for label in labels], assign(items))
    negatives = [
        {"file": label["file"], "event_type": c.event_type.value, "severity": c.severity}
        for label, c in zip(labels, results, strict=True)
        if label["event_type"] in NEGATIVE_TYPES
        and c.event_type.value not in NEGATIVE_TYPES
        and c.severity > ALERT_FLOOR
    ]
    return {
        "texts": len(labels),
        "elements": {**_prf(tp, fp, fn), "errors": element_errors},
        "fields": fields,
        "clustering": clusters,
        "negatives_above_floor": negatives,
        "alert_floor": ALERT_FLOOR,
    }


def _published(label: dict[str, Any]) -> datetime | None:
    value = label.get("published")
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def render(report: dict[str, Any]) -> str:
    el, cl = report["elements"], report["clustering"]
    lines = [
        f"texts: {report['texts']}",
        f"elements   precision {el['precision']:.3f}  recall {el['recall']:.3f}  F1 {el['f1']:.3f}"
        f"  (tp {el['tp']}, fp {el['fp']}, fn {el['fn']})",
    ]
    for name, figures in report["fields"].items():
        lines.append(f"{name:<15} accuracy {figures['accuracy']:.3f}  (n={figures['n']})")
    lines.append(
        f"incidents  pairwise precision {cl['precision']:.3f}  recall {cl['recall']:.3f}  F1 {cl['f1']:.3f}"
    )
    negatives = report["negatives_above_floor"]
    lines.append(f"negatives scored as events above severity {report['alert_floor']}: {len(negatives)}")
    lines += [f"  {n['file']}: {n['event_type']} {n['severity']}" for n in negatives]
    for name, figures in report["fields"].items():
        lines.append(f"\n{name} confusion (label -> predicted: count)")
        for gold, row in sorted(figures["confusion"].items()):
            lines.append(f"  {gold:<24} " + ", ".join(f"{k}: {v}" for k, v in sorted(row.items())))
        lines += [f"  miss {e['file']}: expected {e['expected']}, got {e['got']}" for e in figures["errors"]]
    if el["errors"]:
        lines.append("\nelement errors")
        lines += [f"  {e['file']}: expected {e['expected']}, got {e['got']}" for e in el["errors"]]
    return "\n".join(lines)
