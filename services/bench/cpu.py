"""The two pure stages alone, in this process: classification and scoring fan-out."""

from __future__ import annotations

import contextlib
import io
import json
import time
from pathlib import Path

from chokewatch.shared.core.reading.classifier import classify

from . import fanout, workload

SAMPLES = Path(__file__).parent.parent / "demo" / "samples.jsonl"
LONG_CHARS = 5_000


def long_text(serial: int) -> str:
    """About 5 KB: an event's text followed by background paragraphs from the demo's samples."""
    background = [json.loads(line)["text"] for line in SAMPLES.read_text().splitlines() if line.strip()]
    text = workload.event(serial).text
    while len(text) < LONG_CHARS:
        text += "\n\n" + background[(serial + len(text)) % len(background)]
    return text[:LONG_CHARS].rsplit(" ", 1)[0]


def classify_rate(texts: list[str], min_seconds: float) -> dict:
    classify(texts[0])  # warm the lexicons
    done = 0
    started = time.perf_counter()
    while done < len(texts) or time.perf_counter() - started < min_seconds:
        classify(texts[done % len(texts)])
        done += 1
    elapsed = time.perf_counter() - started
    return {"texts": done, "chars": round(sum(map(len, texts)) / len(texts)),
            "texts_per_s": round(done / elapsed, 1), "ms_per_text": round(1000 * elapsed / done, 3)}


def classify_figures(quick: bool) -> dict:
    seconds = 0.5 if quick else 3.0
    short = [workload.event(n).text for n in range(200)]
    long = [long_text(n) for n in range(50)]
    return {"short": classify_rate(short, seconds), "5kb": classify_rate(long, seconds)}


def scoring_figures(sizes: tuple[int, ...]) -> dict:
    """The scoring fan-out at each population size (its own table is not printed)."""
    with contextlib.redirect_stdout(io.StringIO()):
        figures = fanout.run(sizes=sizes)
    out = {}
    for size in sizes:
        f = figures[size]
        out[str(size)] = {
            "subscribers": size,
            "exposed": f["exposed"],
            "events_per_s": round(f["events_per_s"], 1),
            "us_per_exposed_subscriber": round(f["us_per_exposed_subscriber"], 2),
            "us_per_alert_explained": round(f["us_per_alert_explained"], 1),
            "index_bytes_per_subscriber": round(f["index_bytes_per_subscriber"]),
        }
    return out


def scoring_ratio(scoring: dict) -> dict:
    """The batch score's cost per exposed subscriber, largest population over smallest."""
    sizes = sorted(int(size) for size in scoring)
    small, large = scoring[str(sizes[0])], scoring[str(sizes[-1])]
    return {"sizes": [sizes[0], sizes[-1]], "us_per_exposed_subscriber": round(
        large["us_per_exposed_subscriber"] / small["us_per_exposed_subscriber"], 2)}
