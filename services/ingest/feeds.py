"""RSS and Atom feeds (feedparser), read with conditional requests: an unchanged feed costs one
request answered 304 and nothing is parsed."""

from __future__ import annotations

import hashlib
import xml.sax

import feedparser

from chokewatch.shared.sources import FeedOptions, Source

from .fetcher import Fetcher
from .listing import Invalid, Item, Listing
from .normalise import to_utc

ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


async def read(source: Source, fetcher: Fetcher, state: dict[str, str]) -> Listing:
    fetched = await fetcher.get_if_changed(source.location, kind=source.kind.value, accept=ACCEPT,
                                           state=state)
    if fetched.not_modified:
        return Listing(not_modified=True)
    options: FeedOptions = source.typed_options()
    listing = parse(fetched.body, fetched.headers, fetch_pages=options.fetch_pages)
    listing.etag = fetched.headers.get("etag")
    listing.last_modified = fetched.headers.get("last-modified")
    return listing


def parse(body: bytes, headers: dict[str, str] | None = None, fetch_pages: bool = False) -> Listing:
    """The entries of a feed document; Invalid when it is not a well-formed RSS or Atom feed."""
    # feedparser only parses here: it is handed bytes, never a URL, so it fetches nothing.
    parsed = feedparser.parse(body, response_headers=headers or {})
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, xml.sax.SAXException):
        # Its lenient fallback may salvage some entries of broken XML; half a feed read as whole
        # would mark the rest as gone, so the feed is refused until it is fixed.
        raise Invalid(f"invalid XML: {problem}")
    if not parsed.get("version"):
        raise Invalid("not an RSS or Atom feed" + (f" ({problem})" if problem else ""))
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        title = (entry.get("title") or "").strip()
        content = entry.get("content") or []
        body_html = (content[0].get("value") if content else None) or entry.get("summary") or ""
        key = entry.get("id") or link or hashlib.sha256(f"{title}\n{body_html}".encode()).hexdigest()
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(Item(
            key=str(key), title=title, text=body_html, url=link, published_at=to_utc(published),
            html=True, needs_page=fetch_pages and bool(link),
        ))
    return Listing(items=items)
