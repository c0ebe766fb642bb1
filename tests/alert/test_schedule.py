"""Quiet hours, digest periods and product matching (pure)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from chokewatch.services.alert.schedule import digest_due, products_hit, quiet_wait
from chokewatch.shared.profiles import Digest, Product, QuietHours

UTC = dt.UTC


def at(hour: int, minute: int = 0, day: int = 10) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute, tzinfo=UTC)


def test_overnight_window_holds_until_morning():
    q = QuietHours(start=dt.time(22), end=dt.time(7))
    assert quiet_wait(q, at(21, 59)) is None
    assert quiet_wait(q, at(22)) == 9 * 3600
    assert quiet_wait(q, at(3, 30)) == 3.5 * 3600
    assert quiet_wait(q, at(7)) is None


def test_daytime_window_and_time_zone():
    q = QuietHours(start=dt.time(12), end=dt.time(13), timezone="Asia/Tokyo")  # UTC+9
    assert quiet_wait(q, at(3, 15)) == 45 * 60
    assert quiet_wait(q, at(12, 15)) is None


def test_daylight_saving_change_inside_the_window():
    # Clocks in Berlin jump from 02:00 to 03:00 on 2025-03-30: the night is an hour shorter.
    q = QuietHours(start=dt.time(22), end=dt.time(7), timezone="Europe/Berlin")
    evening = dt.datetime(2025, 3, 29, 21, 0, tzinfo=UTC)  # 22:00 in Berlin (UTC+1)
    assert quiet_wait(q, evening) == 8 * 3600


@given(st.integers(0, 23), st.integers(0, 23), st.datetimes(timezones=st.just(UTC)))
def test_wait_never_outlasts_a_day_and_lands_outside(start, end, now):
    if start == end:
        return
    q = QuietHours(start=dt.time(start), end=dt.time(end))
    wait = quiet_wait(q, now)
    if wait is not None:
        assert 0 < wait <= 24 * 3600
        assert quiet_wait(q, now + dt.timedelta(seconds=wait)) is None


def test_digest_period_and_products():
    d = Digest(every_minutes=60)
    assert not digest_due(d, at(9), at(9, 59))
    assert digest_due(d, at(9), at(10))
    products = [Product(name="traction motor", elements=["Nd", "Dy"]),
                Product(name="radar", elements=["Ga"])]
    assert products_hit(products, ["Dy", "Tb"]) == ["traction motor"]
