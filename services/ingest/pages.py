"""Web pages that list official announcements (MOFCOM's lists are pages, not feeds): a CSS
selector picks the items of the list page, and each new item's own page is fetched and its
main text extracted (trafilatura), or taken from a CSS selector the source names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from chokewatch.shared.sources import PageOptions, Source

from .fetcher import Fetcher
from .listing import Invalid, Item, Listing
from .normalise import clean_text, html_to_text, parse_date

ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"


async def read(source: Source, fetcher: Fetcher, state: dict[str, str]) -> Listing:
    fetched = await fetcher.get_if_changed(source.location, kind=source.kind.value, accept=ACCEPT,
                                           state=state)
    if fetched.not_modified:
        return Listing(not_modified=True)
    options: PageOptions = source.typed_options()
    listing = Listing(items=list_items(fetched.text(), fetched.url, options),
                      etag=fetched.headers.get("etag"), last_modified=fetched.headers.get("last-modified"))
    if not listing.items:  # a redesigned page would otherwise go quiet without a word
        listing.warnings.append(f"no item with a link matched {options.item_selector!r}")
    return listing


def list_items(markup: str, base_url: str, options: PageOptions) -> list[Item]:
    """The announcements a list page shows, in page order, each linking to its own page."""
    tree = LexborHTMLParser(markup)
    nodes = tree.css(options.item_selector)
    if not nodes and tree.body is None:
        raise Invalid("not an HTML page")
    items: list[Item] = []
    seen: set[str] = set()
    for node in nodes:
        link = node if node.tag == "a" else node.css_first(options.link_selector or "a[href]")
        href = (link.attributes.get("href") or "").strip() if link is not None else ""
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base_url, href)
        if urlsplit(url).scheme not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        title = clean_text((link.attributes.get("title") or link.text(separator=" ")) if link else "")
        items.append(Item(key=url, title=title, url=url, published_at=_item_date(node, options),
                          needs_page=True))
    return items


def _item_date(node, options: PageOptions) -> datetime | None:
    if options.date_selector:
        found = node.css_first(options.date_selector)
        return parse_date(found.text(separator=" ")) if found is not None else None
    return None


@dataclass(slots=True)
class PageText:
    title: str
    text: str
    published_at: datetime | None


def extract(markup: str, url: str, text_selector: str | None = None) -> PageText:
    """An article page's main text (navigation, menus and footers left out), title and date."""
    if text_selector:
        tree = LexborHTMLParser(markup)
        found = tree.css(text_selector)
        text = "\n\n".join(html_to_text(n.html or "") for n in found)
        title = tree.css_first("title")
        return PageText(clean_text(title.text()) if title is not None else "", text, None)
    import trafilatura  # loaded on first use: most sources never need it

    document = trafilatura.bare_extraction(markup, url=url, with_metadata=True,
                                           include_comments=False, include_tables=True)
    if document is None:
        return PageText("", "", None)
    return PageText(clean_text(document.title or ""), clean_text(document.text or ""),
                    parse_date(document.date))


async def page_text(item: Item, fetcher: Fetcher, kind: str, text_selector: str | None = None) -> Item:
    """The item with the text of its own page filled in (or added to what it had)."""
    url = item.page_url or item.url
    if url is None:
        return item
    fetched = await fetcher.get(url, kind=kind, accept=ACCEPT)
    content_type = fetched.headers.get("content-type", "")
    if content_type.startswith("text/plain"):
        page = PageText("", clean_text(fetched.text()), None)
    else:
        page = extract(fetched.text(), fetched.url, text_selector)
    if not page.text:
        raise Invalid(f"no main text found on {url}")
    item.text = f"{item.text}\n\n{page.text}" if item.text else page.text
    item.title = item.title or page.title
    item.published_at = item.published_at or page.published_at
    item.needs_page = False
    return item
