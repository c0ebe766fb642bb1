"""Scoring fan-out benchmark: events/s through batch score → explain and decide, by subscriber count.

Synthetic subscribers, a fixed fraction of them exposed to the benchmark events (a Chinese
dysprosium control naming one exposed supplier); the rest buy other elements from other firms.
Two costs are timed apart: the batch score of every exposed subscriber (per exposed
subscriber: it should stay flat as the population grows, since the postings keep the
unexposed out), and the scalar scorer's explanation and the decision of those over their
threshold (per alert). Run with `python -m chokewatch.services.bench.fanout`.
"""

from __future__ import annotations

import gc
import random
import time
import tracemalloc

import numpy as np

from chokewatch.services.alert.index import measured_bytes
from chokewatch.shared.core.decide import decide
from chokewatch.shared.core.score import score
from chokewatch.shared.messages import Classification, Direction, EventType, Status
from chokewatch.shared.profiles import ElementExposure, ProfileSpec, Supplier

SEED = 20251009
HIT = "Dy"  # the element every benchmark event affects
OTHER = ["La", "Ce", "Ga", "Ge", "Sb", "graphite", "W", "Li", "Co", "In", "Mo"]
COUNTRIES = ["CN", "AU", "US", "JP", "MM", "VN"]
STAGES = ["mining", "separation", "metal", "magnet", "component"]
MIN_SECONDS = 1.0  # time each population long enough for a stable rate
MIN_EVENTS = 5


def _firm(rng: random.Random, serial: int, elements: list[str], country: str) -> Supplier:
    return Supplier(
        name=f"Firm{serial:07d} Magnetics",
        aliases=[f"F{serial:07d} Holdings"],
        country=country,
        stage=rng.choice(STAGES),
        elements=elements,
    )


def synthetic_profile(rng: random.Random, serial: int, exposed: bool) -> ProfileSpec:
    """One subscriber; an exposed one buys dysprosium and has a Chinese supplier of it."""
    picks = rng.sample(OTHER, rng.randint(1, 3))
    elements = {
        e: ElementExposure(weight=round(rng.random(), 2), country_shares={"CN": 0.5, "AU": 0.3})
        for e in picks
    }
    # Unexposed firms sit in China only for elements the events never touch.
    suppliers = [_firm(rng, serial * 4 + i, picks[:1], rng.choice(COUNTRIES)) for i in range(2)]
    if exposed:
        elements[HIT] = ElementExposure(weight=0.9, country_shares={"CN": 0.95})
        suppliers.append(_firm(rng, serial * 4 + 3, [HIT], "CN"))
    return ProfileSpec(name=f"subscriber {serial}", elements=elements, suppliers=suppliers)


def bench_events(exposed_serials: list[int]) -> list[Classification]:
    """A few variants of one incident, one naming an exposed subscriber's supplier."""
    named = f"Firm{exposed_serials[0] * 4 + 3:07d} Magnetics" if exposed_serials else "Nobody"
    base = {
        "elements": [HIT],
        "event_type": EventType.mineral_export_control,
        "issuer": "CN",
        "severity": 0.8,
    }
    return [
        Classification(**base, direction=Direction.tightening, status=Status.enacted),
        Classification(**base, direction=Direction.tightening, status=Status.announced,
                       stages=["magnet"], companies=[named]),
        Classification(**base, direction=Direction.easing, status=Status.enacted),
    ]  # fmt: skip


def _measure(size: int, exposed_fraction: float) -> dict:
    rng = random.Random(SEED + size)
    exposed_count = max(1, round(size * exposed_fraction))
    exposed = set(rng.sample(range(size), exposed_count))

    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    profiles = {f"sub-{i:07d}": synthetic_profile(rng, i, i in exposed) for i in range(size)}
    after_profiles = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    index, index_bytes = measured_bytes(profiles)

    events = bench_events(sorted(exposed))
    batch_seconds = explain_seconds = 0.0
    sent = scored = alerting = count = 0
    started = time.perf_counter()
    while count < MIN_EVENTS or time.perf_counter() - started < MIN_SECONDS:
        c = events[count % len(events)]
        t0 = time.perf_counter()
        found = index.score(c)
        t1 = time.perf_counter()
        for i in np.flatnonzero(found.crossing).tolist():  # the explanation path: alerted only
            profile = profiles[found.ids[i]]
            result = score(c, profile)
            decision = decide(None, result, c, threshold=profile.threshold,
                              muted=profile.muted_event_types)  # fmt: skip
            sent += decision.send
            alerting += 1
        batch_seconds += t1 - t0
        explain_seconds += time.perf_counter() - t1
        scored += len(found)
        count += 1
    elapsed = time.perf_counter() - started
    return {
        "subscribers": size,
        "exposed": exposed_count,
        "events": count,
        "events_per_s": count / elapsed,
        "ms_per_event": 1_000 * elapsed / count,
        "us_per_exposed_subscriber": 1e6 * batch_seconds / max(scored, 1),
        "us_per_alert_explained": 1e6 * explain_seconds / max(alerting, 1),
        "alerts_per_event": sent / count,
        "profile_bytes_per_subscriber": (after_profiles - base) / size,
        "index_bytes_per_subscriber": index_bytes,
    }


def run(sizes=(1_000, 10_000, 100_000), exposed_fraction=0.01) -> dict:
    """Measure each population size and print a table; returns the figures by size."""
    figures = {size: _measure(size, exposed_fraction) for size in sizes}
    print(
        f"{'subscribers':>11} {'exposed':>7} {'events/s':>10} {'ms/event':>9} "
        f"{'µs/exposed':>10} {'µs/alert':>9} {'profile B/sub':>13} {'index B/sub':>11}"
    )
    for f in figures.values():
        print(
            f"{f['subscribers']:>11,} {f['exposed']:>7,} {f['events_per_s']:>10,.1f} "
            f"{f['ms_per_event']:>9.3f} {f['us_per_exposed_subscriber']:>10.2f} "
            f"{f['us_per_alert_explained']:>9.1f} "
            f"{f['profile_bytes_per_subscriber']:>13,.0f} {f['index_bytes_per_subscriber']:>11,.0f}"
        )
    smallest, largest = figures[min(sizes)], figures[max(sizes)]
    ratio = largest["us_per_exposed_subscriber"] / smallest["us_per_exposed_subscriber"]
    figures["cost_ratio"] = ratio
    print(f"batch score per exposed subscriber at {max(sizes):,} vs {min(sizes):,}: {ratio:.2f}x "
          "(target ≤ 1.5x)")
    return figures


if __name__ == "__main__":
    run()
