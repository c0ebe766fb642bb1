"""When an alert may go out: quiet hours and digest periods (pure, no I/O)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from chokewatch.shared.profiles import Digest, QuietHours


def quiet_wait(quiet: QuietHours | None, now: dt.datetime) -> float | None:
    """Seconds until the quiet window ends if `now` falls inside it, else None."""
    if quiet is None:
        return None
    local = now.astimezone(ZoneInfo(quiet.timezone))
    t = local.time().replace(tzinfo=None)
    overnight = quiet.start > quiet.end  # e.g. 22:00-07:00
    inside = (quiet.start <= t or t < quiet.end) if overnight else (quiet.start <= t < quiet.end)
    if not inside:
        return None
    end_day = local.date()
    if overnight and t >= quiet.start:
        end_day += dt.timedelta(days=1)
    # Built in local wall time, so a daylight-saving change inside the window is respected.
    end = dt.datetime.combine(end_day, quiet.end, tzinfo=local.tzinfo)
    # Subtract in UTC: datetimes sharing a zone subtract by wall clock, ignoring the DST jump.
    return max(0.0, (end.astimezone(dt.UTC) - now.astimezone(dt.UTC)).total_seconds())


def digest_due(digest: Digest, first_buffered: dt.datetime, now: dt.datetime) -> bool:
    """A digest goes out once its period, counted from its first alert, has passed."""
    return now - first_buffered >= dt.timedelta(minutes=digest.every_minutes)


def products_hit(products: list, elements: list[str]) -> list[str]:
    """Names of the subscriber's products that depend on any element the alert hits."""
    hit = set(elements)
    return [p.name for p in products if hit & set(p.elements)]
