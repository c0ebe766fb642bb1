"""Normalisation of what sources return (pure): URLs, times, text, language, dates."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chokewatch.services.ingest.normalise import (
    canonical_url,
    clean_text,
    detect_language,
    html_to_text,
    parse_date,
    to_utc,
)
from chokewatch.services.ingest.poller import backoff_s


@pytest.mark.parametrize(("given_url", "canonical"), [
    ("https://News.Example.com:443/a/b?utm_source=x&id=7&fbclid=1#frag", "https://news.example.com/a/b?id=7"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com:8080/x?b=2&a=1&gclid=z", "http://example.com:8080/x?a=1&b=2"),
    ("https://example.com/x?UTM_Campaign=y&mc_cid=3", "https://example.com/x"),
    ("https://example.com/Case/Kept?q=", "https://example.com/Case/Kept?q="),
    ("mailto:desk@example.com", "mailto:desk@example.com"),
    ("  ", None),
    (None, None),
])
def test_canonical_url(given_url, canonical):
    assert canonical_url(given_url) == canonical


@given(st.sampled_from(["utm_medium", "fbclid", "gclid", "utm_term"]),
       st.text(alphabet="abcXYZ019-_.~%20", max_size=10))
def test_tracking_parameters_never_change_the_canonical_url(param, value):
    base = "https://www.mofcom.gov.cn/zcfb/art/2025/art_1.html?page=2"
    assert canonical_url(f"{base}&{param}={value}") == canonical_url(base)


def test_times_become_utc():
    cet = timezone(timedelta(hours=1))
    assert to_utc(datetime(2025, 10, 9, 9, 30, tzinfo=cet)) == datetime(2025, 10, 9, 8, 30, tzinfo=UTC)
    assert to_utc(datetime(2025, 10, 9, 8)) == datetime(2025, 10, 9, 8, tzinfo=UTC)  # naive: UTC
    assert to_utc(time.gmtime(0)) == datetime(1970, 1, 1, tzinfo=UTC)
    assert to_utc(datetime.now(UTC) + timedelta(days=3)) is None  # a publisher's clock error


@pytest.mark.parametrize(("text", "day"), [
    ("2025-10-09", "2025-10-09"), ("2025/10/9", "2025-10-09"), ("2025年10月9日", "2025-10-09"),
    ("Thu, 09 Oct 2025 08:00:00 GMT", "2025-10-09"), ("2025-10-09T23:30:00-05:00", "2025-10-10"),
    ("9 October 2025", "2025-10-09"), ("October 9, 2025", "2025-10-09"),
])
def test_dates_written_on_pages(text, day):
    assert parse_date(text).date().isoformat() == day


@pytest.mark.parametrize("text", ["", "   ", "no date here", None])
def test_no_date(text):
    assert parse_date(text) is None


def test_clean_text():
    messy = "  Gallium&nbsp;and\u200b germanium&amp;co \r\n\r\n\r\n\r\nLine\ttwo\u00ad  \n"
    assert clean_text(messy) == "Gallium and germanium&co\n\nLine two"


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    html = "<div><p>China <b>bans</b> gallium.</p><script>track()</script><ul><li>a</li><li>b</li></ul></div>"
    assert html_to_text(html) == "China bans gallium.\na\nb"
    assert html_to_text("plain &amp; simple") == "plain & simple"


def test_language():
    assert detect_language("China adds dysprosium and terbium to its export control list.") == "en"
    assert detect_language("商务部决定对镝、铽相关物项实施出口管制，自公布之日起正式实施。") == "zh"
    assert detect_language("短") is None


def test_backoff_grows_and_respects_cap_and_retry_after():
    assert 180 <= backoff_s(100, 1, 3600) <= 220
    assert 360 <= backoff_s(100, 2, 3600) <= 440
    assert backoff_s(100, 30, 3600) <= 3600 * 1.1
    assert backoff_s(7200, 5, 3600) <= 7200 * 1.1  # never more than the interval when that exceeds the cap
    assert backoff_s(10, 1, 3600, retry_after_s=900) == 900
