"""The title of a text given without one: a short first line standing alone, below any page debris.

Scraped pages often open on a section label ("World News"), a menu line ("Markets | Asia") or a
byline; those lines are skipped before the headline is taken.
"""

from __future__ import annotations

import re

from .sentences import chinese_furniture

_BYLINE = re.compile(r"\s*(?:authored|written|posted|reported|edited)?\s*by\s+[A-Z]", re.IGNORECASE)
_SECTION_LINE = re.compile(r"\s*(?:[A-Z][A-Za-z&]*(?: [A-Z&][A-Za-z&]*){0,2}\s*[|/>»]\s*)+[A-Za-z& ]*$")
# Chinese page furniture above the headline: a breadcrumb ("首页 > 财经 > 正文", "当前位置：…"),
# a source or share line, a time stamp.
_CN_NAV = re.compile(r"\s*(?:当前位置|當前位置|您的位置|您现在的位置|首页|首頁)|[^\n。]{0,12}\s[>»]\s")
_LABEL_WORDS = 3  # "India", "Top Stories", "World News": a section name, not a headline
_TITLE_MAX = 160


def split_title(text: str, title: str) -> tuple[str, str]:
    """(title, body): the given title, or a short first line standing alone as the title."""
    if title or "\n" not in text:
        return title, text
    first, rest = text.split("\n", 1)
    # A section label or menu line ("Markets | Asia") above the headline is page debris.
    while rest.strip() and (
        _menu_line(first)
        or _SECTION_LINE.match(first)
        or _BYLINE.match(first)
        or _label_above(first, rest)
        or _chinese_furniture(first)
    ):
        first, _, rest = rest.lstrip("\n").partition("\n")
    if " | " in first:
        first = first.split(" | ", 1)[0]  # "Headline | Site Name": the site is no part of it
    if 0 < len(first.strip()) <= _TITLE_MAX and not first.rstrip().endswith((".", "。")) and rest.strip():
        return first.strip(), rest
    return title, text


def _chinese_furniture(line: str) -> bool:
    if line.isascii() or not any("\u4e00" <= ch <= "\u9fff" for ch in line):
        return False
    return _CN_NAV.match(line) is not None or chinese_furniture(line)


def _menu_line(line: str) -> bool:
    """ "Markets | Asia | Commodities": every part a label; "Headline of the day | Site" is a title."""
    parts = line.split(" | ")
    return len(parts) > 1 and len(parts[0].split()) <= _LABEL_WORDS


def _label_above(first: str, rest: str) -> bool:
    """A line of a few words above a longer headline-like line is the page's section label."""
    words = first.split()
    if not words or len(words) > _LABEL_WORDS or first.rstrip().endswith((".", "。", ":")):
        return False
    following = rest.lstrip("\n").partition("\n")[0].strip()
    return (
        len(following.split()) > 2 * len(words) + 2
        and len(following) <= _TITLE_MAX
        and not following.endswith((".", "。"))
    )
