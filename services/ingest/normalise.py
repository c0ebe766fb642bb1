"""Normalising what sources return (pure): canonical URLs, UTC times, clean text, language.

Two links to one story differ only in tracking parameters, letter case of the host or a
fragment; their canonical forms are equal, which is what URL deduplication compares.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import re
import time
import unicodedata
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import parser as dateparser
from selectolax.lexbor import LexborHTMLParser

# Parameters that say how a reader arrived, never what they read.
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "at_")
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "ref_src", "ref_url", "cmpid", "ocid",
    "spm", "scid", "icid", "s_cid", "ncid", "sr_share", "oly_anon_id", "oly_enc_id", "vero_id",
    "wt.mc_id", "cid_source", "__twitter_impression", "_ga", "_gl",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str | None) -> str | None:
    """The URL with its host folded, default port, fragment and tracking parameters removed and
    the remaining query parameters sorted; other schemes and unparsable text pass unchanged."""
    if url is None:
        return None
    url = url.strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key)
    ]
    query.sort()
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def _is_tracking(key: str) -> bool:
    folded = key.lower()
    return folded in TRACKING_PARAMS or folded.startswith(TRACKING_PREFIXES)


def url_hash(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()


def to_utc(value: datetime | time.struct_time | None, now: datetime | None = None) -> datetime | None:
    """A publication time in UTC. Naive times are taken as UTC; a time more than a day ahead
    is a publisher's error, so it is dropped rather than trusted."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):  # feedparser's parsed dates are UTC struct_times
        value = datetime.fromtimestamp(calendar.timegm(value), UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    if value > (now or datetime.now(UTC)) + timedelta(days=1):
        return None
    return value


_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def parse_date(text: str | None) -> datetime | None:
    """A date or time written on a page or in a feed (ISO 8601, RFC 2822, 2025-10-09,
    2025年10月9日, 9 October 2025), in UTC; None when there is none."""
    if not text or not text.strip():
        return None
    text = text.strip()
    for attempt in (_iso, _rfc2822, _ymd, _words):
        try:
            found = attempt(text)
        except (ValueError, OverflowError, TypeError):
            found = None
        if found is not None:
            return to_utc(found)
    return None


def _iso(text: str) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _rfc2822(text: str) -> datetime | None:
    return parsedate_to_datetime(text)


def _ymd(text: str) -> datetime | None:
    match = _YMD.search(text)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    return datetime(year, month, day, tzinfo=UTC)


def _words(text: str) -> datetime | None:
    if not re.search(r"[A-Za-z]{3}", text) or len(text) > 60:
        return None
    return dateparser.parse(text, fuzzy=True)


_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b-\u200f\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Entities decoded, Unicode composed, invisible characters gone, spaces collapsed within
    lines, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_BLOCKS = "p, div, br, li, tr, h1, h2, h3, h4, h5, h6, blockquote, section, article, pre, dd, dt"


def html_to_text(markup: str) -> str:
    """The readable text of an HTML fragment (a feed entry's summary), paragraphs kept apart."""
    if "<" not in markup:
        return clean_text(markup)
    tree = LexborHTMLParser(markup)
    tree.strip_tags(["script", "style", "noscript", "template", "iframe"])
    for node in tree.css(_BLOCKS):
        node.insert_after("\n")
    root = tree.body or tree.root
    return clean_text(root.text(separator="") if root is not None else "")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language; None when the text is too short to tell."""
    sample = text[:3_000]
    if len(sample.strip()) < 20:
        return None
    import py3langid  # loads its model on first use

    code, _score = py3langid.classify(sample)
    return str(code)
