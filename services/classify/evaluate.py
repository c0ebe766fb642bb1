"""Measures the classifier against a labelled folder and prints the figures.

    python -c "from chokewatch.services.classify import evaluate; print(evaluate.render(evaluate.run()))"

A label may list acceptable alternatives per field (`acceptable`). Each field is reported
strict (only the label's first reading counts) and lenient (any accepted reading counts), with
the alternatives that were accepted and every miss. Elements are scored only where the label
scores them (not for commentary); lenient uses the accepted set that fits best. Incidents are
assigned with the classify service's own policy, in memory (`incident_policy.assign_all`), and
scored pairwise; a text labelled with no incident (`null`) shares none.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_policy import Entry, assign_all
from chokewatch.shared.core.severity import ALERT_FLOOR
from chokewatch.shared.messages import Classification, EventType
from chokewatch.shared.progress import QUIET, Tracker

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


def _pairwise(gold: list[str | None], got: list[str]) -> dict[str, float]:
    """Pairwise precision and recall; a text labelled with no incident shares none."""
    tp = fp = fn = 0
    for i, j in combinations(range(len(gold)), 2):
        same_gold, same_got = gold[i] is not None and gold[i] == gold[j], got[i] == got[j]
        tp += same_gold and same_got
        fp += same_got and not same_gold
        fn += same_gold and not same_got
    return _prf(tp, fp, fn)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _field(labels: list[dict[str, Any]], results: list[Classification], name: str) -> dict[str, Any]:
    strict = lenient = total = 0
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    errors, accepted = [], []
    for label, c in zip(labels, results, strict=True):
        if name == "chips_involved" and label["event_type"] == EventType.commentary.value:
            continue
        got = _predicted(c, name)
        total += 1
        confusion[str(label.get(name))][str(got)] += 1
        if got == label.get(name):
            strict += 1
            lenient += 1
        elif got in _acceptable(label, name):
            lenient += 1
            accepted.append({"file": label["file"], "label": label.get(name), "accepted": got})
        else:
            errors.append({"file": label["file"], "expected": label.get(name), "got": got,
                           "acceptable": _acceptable(label, name)[1:]})
    return {
        "accuracy": lenient / total if total else 1.0,  # lenient: any accepted reading counts
        "strict_accuracy": strict / total if total else 1.0,
        "n": total,
        "confusion": {k: dict(v) for k, v in confusion.items()},
        "accepted": accepted,
        "errors": errors,
    }


def _elements(labels: list[dict[str, Any]], results: list[Classification]) -> dict[str, Any]:
    lenient, strict = [0, 0, 0], [0, 0, 0]
    errors, accepted = [], []
    for label, c in zip(labels, results, strict=True):
        if label.get("elements") is None or label["event_type"] == EventType.commentary.value:
            continue
        gold, got = set(label["elements"]), set(c.elements)
        first = (len(gold & got), len(got - gold), len(gold - got))
        best = _element_counts(label, c.elements)
        strict = [x + y for x, y in zip(strict, first, strict=True)]
        lenient = [x + y for x, y in zip(lenient, best, strict=True)]
        if best[1] or best[2]:
            errors.append({"file": label["file"], "expected": label["elements"], "got": c.elements})
        elif first[1] or first[2]:
            accepted.append({"file": label["file"], "label": label["elements"], "accepted": c.elements})
    return {**_prf(*lenient), "strict": _prf(*strict), "accepted": accepted, "errors": errors}


def _clustering(labels: list[dict[str, Any]], got: list[str]) -> dict[str, Any]:
    """Pairwise scores, plus the labelled incidents that were split and the joins of several."""
    gold = [label.get("incident") for label in labels]
    scores = _pairwise(gold, got)
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_got: dict[str, list[int]] = defaultdict(list)
    for i, (g, p) in enumerate(zip(gold, got, strict=True)):
        if g is not None:
            by_gold[g].append(i)
        by_got[p].append(i)
    split = [
        {"incident": g, "parts": [[labels[i]["file"] for i in members if got[i] == p]
                                  for p in dict.fromkeys(got[i] for i in members)]}
        for g, members in sorted(by_gold.items()) if len({got[i] for i in members}) > 1
    ]
    joined = [
        {"incident": p, "labels": [[labels[i]["file"] for i in members if gold[i] == g]
                                   for g in dict.fromkeys(gold[i] for i in members)]}
        for p, members in by_got.items()
        if len({gold[i] if gold[i] is not None else f"none:{i}" for i in members}) > 1
    ]
    return {**scores, "split": split, "joined": joined}


def incident_labels(labels: list[dict[str, Any]], results: list[Classification]) -> list[str]:
    """The incident the classify service would give each text, run in memory in publication
    order (`incident_policy.assign_all`)."""
    entries = [
        Entry(label["file"], c, label["text"], "", _published(label))
        for label, c in zip(labels, results, strict=True)
    ]
    decisions = assign_all(entries)
    return [d.incident_id for d in decisions]


def run(corpus_dir: Path | None = None, progress: Tracker = QUIET) -> dict[str, Any]:
    folder = corpus_dir or DEFAULT_CORPUS
    labels = load(folder)
    progress.phase(f"classifying {folder.name}", len(labels))
    results = []
    for label in labels:
        results.append(classify(label["text"]))
        progress.advance()
    progress.phase("assigning incidents")
    fields = {name: _field(labels, results, name) for name in FIELDS}
    negatives = [
        {"file": label["file"], "event_type": c.event_type.value, "severity": c.severity}
        for label, c in zip(labels, results, strict=True)
        if label["event_type"] in NEGATIVE_TYPES and c.event_type.value not in NEGATIVE_TYPES
    ]
    return {
        "folder": str(folder),
        "texts": len(labels),
        "elements": _elements(labels, results),
        "fields": fields,
        "clustering": _clustering(labels, incident_labels(labels, results)),
        "negatives_as_events": negatives,
        "negatives_above_floor": [n for n in negatives if n["severity"] > ALERT_FLOOR],
        "alert_floor": ALERT_FLOOR,
    }


def _published(label: dict[str, Any]) -> datetime | None:
    value = label.get("published")
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _prf_line(name: str, f: dict[str, Any]) -> str:
    return (f"{name} precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}"
            f"  (tp {f['tp']}, fp {f['fp']}, fn {f['fn']})")


def render(report: dict[str, Any]) -> str:
    el, cl = report["elements"], report["clustering"]
    lines = [f"folder: {report.get('folder', '?')}", f"texts: {report['texts']}",
             "lenient: any reading the label accepts counts; strict: only the label's first"]
    lines.append(_prf_line("elements   lenient", el))
    if "strict" in el:
        lines.append(_prf_line("elements   strict ", el["strict"]))
    for name, f in report["fields"].items():
        strict = f.get("strict_accuracy", f["accuracy"])
        lines.append(f"{name:<15} accuracy lenient {f['accuracy']:.3f}  strict {strict:.3f}"
                     f"  (n={f['n']}, accepted alternatives {len(f.get('accepted', []))},"
                     f" misses {len(f['errors'])})")
    lines.append(_prf_line("incidents  pairwise", cl))
    negatives = report.get("negatives_as_events", report["negatives_above_floor"])
    lines.append(f"negatives scored as events: {len(negatives)}, above severity "
                 f"{report['alert_floor']}: {len(report['negatives_above_floor'])}")
    lines += [f"  {n['file']}: {n['event_type']} {n['severity']}" for n in negatives]
    for name, f in report["fields"].items():
        lines.append(f"\n{name} confusion (label -> predicted: count)")
        for gold, row in sorted(f["confusion"].items()):
            lines.append(f"  {gold:<24} " + ", ".join(f"{k}: {v}" for k, v in sorted(row.items())))
        lines += [f"  accepted {a['file']}: label {a['label']}, accepted {a['accepted']}"
                  for a in f.get("accepted", [])]
        lines += [f"  miss {e['file']}: expected {e['expected']}, got {e['got']}" for e in f["errors"]]
    if el.get("accepted"):
        lines.append("\nelements: accepted alternative sets")
        lines += [f"  {a['file']}: label {a['label']}, accepted {a['accepted']}" for a in el["accepted"]]
    if el["errors"]:
        lines.append("\nelement errors")
        lines += [f"  {e['file']}: expected {e['expected']}, got {e['got']}" for e in el["errors"]]
    if cl.get("split"):
        lines.append("\nincidents split (labelled incident -> the parts it was given)")
        for s in cl["split"]:
            lines.append(f"  {s['incident']}: " + " | ".join(", ".join(p) for p in s["parts"]))
    if cl.get("joined"):
        lines.append("\nincidents joined (one assigned incident -> texts by labelled incident)")
        for j in cl["joined"]:
            lines.append(f"  {j['incident']}: " + " | ".join(", ".join(p) for p in j["labels"]))
    return "\n".join(lines)
