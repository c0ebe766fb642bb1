"""The backtest drawn as an inline SVG (pure): each incident a dot at its publication time and
score, the threshold a line across; dots at or above it (alerted) filled, those below hollow."""

from __future__ import annotations

from datetime import datetime

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 34  # margins for the axes' labels


def _x(at: float, start: float, end: float) -> float:
    span = max(end - start, 1.0)
    return LEFT + (at - start) / span * (WIDTH - LEFT - RIGHT)


def _y(score: float) -> float:
    return TOP + (100 - score) / 100 * (HEIGHT - TOP - BOTTOM)


def chart(points: list[dict], threshold: float, start: datetime, end: datetime) -> Markup:
    """`points`: dicts with `published_at` (datetime), `score`, `title`, `would_alert`."""
    t0, t1 = start.timestamp(), end.timestamp()
    out = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="chart-title">',
           f'<title id="chart-title">{len(points)} incidents scored, threshold {threshold:g}</title>']
    for tick in (0, 25, 50, 75, 100):
        y = _y(tick)
        out.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for at, anchor in ((t0, "start"), (t1, "end")):
        label = datetime.fromtimestamp(at, start.tzinfo).strftime("%Y-%m-%d")
        out.append(f'<text class="axis" x="{_x(at, t0, t1):.1f}" y="{HEIGHT - 10}" '
                   f'text-anchor="{anchor}">{label}</text>')
    y = _y(threshold)
    out.append(f'<line class="threshold" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
               f'<text class="threshold-label" x="{WIDTH - RIGHT}" y="{y - 4:.1f}" '
               f'text-anchor="end">threshold {threshold:g}</text>')
    for p in points:
        at = min(max(p["published_at"].timestamp(), t0), t1)
        kind = "alerted" if p["would_alert"] else "quiet"
        label = escape(f'{p["title"] or p.get("incident_id", "")}: {p["score"]:.1f}')
        out.append(f'<circle class="{kind}" cx="{_x(at, t0, t1):.1f}" cy="{_y(p["score"]):.1f}" r="5">'
                   f'<title>{label}</title></circle>')
    out.append("</svg>")
    return Markup("".join(out))
