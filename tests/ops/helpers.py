"""What the operations tests share: the metric names chokewatch exports, PromQL name lookup."""

from __future__ import annotations

import re

from prometheus_client import REGISTRY

import chokewatch.shared.telemetry  # noqa: F401 - registers every chokewatch metric

_SUFFIXES = {
    "counter": ("_total",),
    "histogram": ("_bucket", "_count", "_sum"),
    "summary": ("_count", "_sum"),
    "info": ("_info",),
    "gauge": ("",),
}
_NAME = re.compile(r"\bchokewatch_[a-z0-9_]+\b")


def chokewatch_metrics() -> dict[str, str]:
    """Every chokewatch metric family registered in this process: name -> type."""
    return {m.name: m.type for m in REGISTRY.collect() if m.name.startswith("chokewatch_")}


def exported_series_names() -> set[str]:
    """Names a query may use: each family's name with the suffixes of its type."""
    names = {"up"}
    for name, kind in chokewatch_metrics().items():
        names.update(name + suffix for suffix in _SUFFIXES[kind])
    return names


def metric_names_in(expr: str) -> set[str]:
    return set(_NAME.findall(expr))
