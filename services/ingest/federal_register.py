"""The US Federal Register's public documents API, filtered by agency, search terms and document
type. Each document's JSON (title, action, abstract, dates) becomes one item; its full text is
fetched too when the source asks for it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode, urlsplit

from chokewatch.shared.sources import FederalRegisterOptions, Source

from .fetcher import Fetcher
from .listing import Invalid, Item, Listing

FIELDS = ("document_number", "title", "type", "action", "abstract", "dates", "effective_on",
          "publication_date", "html_url", "raw_text_url", "agencies", "citation")
PAGES_MAX = 5  # result pages followed in one poll (a long backfill)
OVERLAP_DAYS = 2  # later polls look back this far, for documents indexed late


def query_url(base: str, options: FederalRegisterOptions, since: str, per_page: int) -> str:
    params: list[tuple[str, str]] = [("conditions[agencies][]", a) for a in options.agencies]
    if options.terms:
        quoted = [f'"{t.strip()}"' if " " in t.strip() else t.strip() for t in options.terms]
        params.append(("conditions[term]", " | ".join(quoted)))
    params += [("conditions[type][]", t) for t in options.document_types]
    params += [("conditions[publication_date][gte]", since), ("order", "newest"),
               ("per_page", str(per_page))]
    params += [("fields[]", f) for f in FIELDS]
    return f"{base}{'&' if '?' in base else '?'}{urlencode(params)}"


async def read(source: Source, fetcher: Fetcher, state: dict[str, str]) -> Listing:
    options: FederalRegisterOptions = source.typed_options()
    today = datetime.now(UTC).date()
    if state.get("last_ok_at"):
        since = min(today, _date(state.get("cursor")) or today) - timedelta(days=OVERLAP_DAYS)
    else:
        since = source.window_start().date()
    url = query_url(source.location, options, since.isoformat(), min(options.max_items, 100))
    same = state.get("validators_for") == url
    fetched = await fetcher.get(url, kind=source.kind.value, accept="application/json",
                                etag=state.get("etag") if same else None,
                                last_modified=state.get("last_modified") if same else None)
    if fetched.not_modified:
        return Listing(not_modified=True)
    listing = Listing(etag=fetched.headers.get("etag"), last_modified=fetched.headers.get("last-modified"),
                      cursor=today.isoformat(), validated_url=url)
    page, pages = fetched, 1
    while True:
        documents, next_url = parse(page.body)
        listing.items += [document_item(d, options.full_text) for d in documents]
        if (not next_url or pages >= PAGES_MAX or len(listing.items) >= options.max_items
                or urlsplit(next_url).netloc != urlsplit(url).netloc):
            break
        page = await fetcher.get(next_url, kind=source.kind.value, accept="application/json")
        pages += 1
    return listing


def _date(text: str | None):
    try:
        return datetime.strptime(text or "", "%Y-%m-%d").date()
    except ValueError:
        return None


def parse(body: bytes) -> tuple[list[dict], str | None]:
    """The documents of one result page and the next page's URL; Invalid when it is not one."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Invalid(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Invalid("not a Federal Register result page (expected a JSON object)")
    results = data.get("results", [])  # an empty result has no `results` at all
    if not isinstance(results, list):
        raise Invalid("`results` is not a list")
    documents = [d for d in results
                 if isinstance(d, dict) and d.get("document_number") and d.get("title")]
    next_url = data.get("next_page_url")
    return documents, next_url if isinstance(next_url, str) else None


def document_item(doc: dict, full_text: bool) -> Item:
    agencies = ", ".join(a.get("name") or a.get("raw_name") or "" for a in doc.get("agencies") or []
                         if isinstance(a, dict))
    lines = [" · ".join(p for p in (str(doc.get("type") or ""), agencies) if p)]
    for label, key in (("", "action"), ("", "abstract"), ("Dates: ", "dates"),
                       ("Effective: ", "effective_on"), ("Citation: ", "citation")):
        value = doc.get(key)
        if isinstance(value, str) and value.strip():
            lines.append(f"{label}{value.strip()}")
    published = _date(doc.get("publication_date"))
    raw_text_url = doc.get("raw_text_url") if isinstance(doc.get("raw_text_url"), str) else None
    return Item(
        key=str(doc["document_number"]),
        title=str(doc["title"]),
        text="\n\n".join(line for line in lines if line),
        url=doc.get("html_url") if isinstance(doc.get("html_url"), str) else None,
        # The API gives a date only; the day's start (UTC) stands for it.
        published_at=datetime(published.year, published.month, published.day, tzinfo=UTC)
        if published else None,
        needs_page=full_text and raw_text_url is not None,
        page_url=raw_text_url,
    )
