"""`chokewatch bench`: the transport ceiling, the pure stages, the whole pipeline and the storm, in one run.

`run()` returns every figure as a dict; `report.table()` prints them. See the README's
"Benchmark" section for the figures measured and how to reproduce them.
"""

from __future__ import annotations

import asyncio
import os
import platform
import shutil
import tempfile
import time
from pathlib import Path

from chokewatch.shared import streams
from chokewatch.shared.embedded import EmbeddedRedis
from chokewatch.shared.messages import ClassifiedEvent
from chokewatch.shared.progress import QUIET, Tracker
from chokewatch.shared.settings import Settings

from . import cpu, delivery, workload
from .baseline import measure as measure_baseline
from .pipeline import PipelineConfig, run_pipeline
from .storm import StormConfig
from .storm import measure as storm_measure


def classified_entry_bytes() -> int:
    """The size of a benchmark event's entry on the classified stream."""
    from chokewatch.shared.core.reading.classifier import classify

    raw = workload.event(0)
    event = ClassifiedEvent(
        correlation_id=raw.correlation_id, ingested_at=raw.ingested_at, event_id=raw.id,
        title=raw.title, summary=raw.text[:400], classification=classify(raw.text, raw.title),
    )
    return sum(len(k) + len(v) for k, v in streams.encode(event).items())


def run(
    url: str | None = None,
    quick: bool = False,
    rate: float | None = None,
    profile_dir: Path | None = None,
    work_dir: Path | None = None,
    progress: Tracker = QUIET,
    storm: StormConfig | None = None,
    storm_only: bool = False,
) -> dict:
    """Measure everything; on an embedded server unless `url` names a Redis. `storm_only` runs
    the scoring fan-out and the storm alone."""
    batch = Settings().batch_size
    config = PipelineConfig()
    if quick:
        config = PipelineConfig(subscribers=1_000, per_element=10, alerting=2, burst_events=100,
                                rate=20.0, rate_seconds=2.0, drain_timeout=90.0)
    if rate is not None:
        config.rate = rate
    config.profile_dir = profile_dir
    storm = storm or (StormConfig(subscribers=2_000, webhook_hosts=20, timeout_s=300) if quick
                      else StormConfig())
    work = Path(work_dir or tempfile.mkdtemp(prefix="chokewatch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    server = None
    if url is None:
        progress.phase("starting the embedded Redis")
        server = EmbeddedRedis(work / "redis")
        url = server.start()
    started = time.monotonic()
    figures: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "redis": "embedded" if server else "given"},
        "quick": quick,
    }
    try:
        steps = _steps(url, quick, batch, config, storm, work, progress)
        if storm_only:
            steps = {name: step for name, step in steps.items() if name in ("scoring", "storm")}
        for number, (name, (title, step)) in enumerate(steps.items(), start=1):
            progress.phase(f"{number}/{len(steps)} {title}")
            figures[name] = step()
    finally:
        if server is not None:
            server.stop()
    if "pipeline" in figures:
        base = figures["baseline"]["messages_per_s"]
        figures["pipeline"]["burst"]["ratio_to_baseline"] = round(
            figures["pipeline"]["burst"]["events_per_s"] / base, 4)
        # The pipeline's target is a share of what classification alone does (5 KB texts).
        figures["pipeline"]["burst"]["ratio_to_classify_5kb"] = round(
            figures["pipeline"]["burst"]["events_per_s"] / figures["classify"]["5kb"]["texts_per_s"], 4)
    figures["scoring_ratio"] = cpu.scoring_ratio(figures["scoring"])
    figures["seconds"] = round(time.monotonic() - started, 1)
    if server is not None and profile_dir is None:
        shutil.rmtree(work / "redis", ignore_errors=True)
    return figures


def _steps(url: str, quick: bool, batch: int, config: PipelineConfig, storm: StormConfig,
           work: Path, progress: Tracker) -> dict:
    """Each measure by name: (what the progress line says, how to take it)."""
    count = 5_000 if quick else 50_000
    sizes = (100, 1_000) if quick else (1_000, 10_000, 100_000)
    return {
        "baseline": (f"raw stream baseline ({count:,} entries)", lambda: asyncio.run(
            measure_baseline(url, "bench:{baseline}", count, classified_entry_bytes(), batch))),
        "classify": ("classify alone", lambda: cpu.classify_figures(quick)),
        "scoring": ("scoring fan-out", lambda: cpu.scoring_figures(sizes)),
        "delivery": ("delivery alone", lambda: delivery.measure(url, quick, work)),
        "pipeline": (f"the pipeline ({config.subscribers:,} subscribers, "
                     f"{config.burst_events:,}-event burst, then {config.rate:g}/s offered)",
                     lambda: asyncio.run(run_pipeline(url, config, work / "services.log"))),
        "storm": (f"the storm ({storm.subscribers:,} subscribers, {storm.exposed:,} alerted)",
                  lambda: storm_measure(url, storm, work, progress)),
    }
