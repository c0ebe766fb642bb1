"""Finds the date a measure takes effect, when the text states one."""

from __future__ import annotations

import re
from datetime import date

from .textscan import finditer_from, word_starts

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )
    for name in names.split()
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(?P<m1>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>20\d\d))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_NAMES})\.?(?:,?\s+(?P<y2>20\d\d))?"
    rf"|(?P<iy>20\d\d)-(?P<im>\d\d)-(?P<id>\d\d))"
)
_TRIGGER = (
    r"(?:effective(?:\s+(?:from|on|as\s+of))?|takes?\s+effect(?:\s+(?:on|from))?|took\s+effect"
    r"(?:\s+on)?|(?:comes?|came|enters?|entered)\s+into\s+(?:force|effect)(?:\s+on)?|"
    r"in\s+force\s+(?:from|on)|applies\s+from|apply\s+from|starting|from"
    r"|(?:activates?|kicks?\s+in)(?:\s+on)?)"
)
_EFFECTIVE = re.compile(
    rf"{_TRIGGER}\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?{_DATE}"
)  # run on lower-case text: IGNORECASE slows Python's regex engine several times
# Every match of _EFFECTIVE opens with one of these words, or with "in force" spaced anyhow.
_TRIGGER_STARTS = (
    "effective", "take", "took", "come", "came", "enter", "applies", "apply", "starting", "from",
    "activate", "kick",
)  # fmt: skip
_IN_FORCE = re.compile(r"in\s+force")
# A start set for a month of a year, its day not given.
_MONTH_START = re.compile(
    rf"(?:effective|takes?\s+effect|starting|from|set\s+for|beginning|begins?|start(?:s|ing)?)\s+"
    rf"(?:in\s+)?(?:{_MONTH_NAMES})\.?,?\s+20\d\d\b"
)
_MONTH_START_WORDS = ("effective", "take", "starting", "from", "set", "begin", "start")  # where one begins
# "自2025年9月15日起", "自9月15日起" (the year then comes from the publication date), "于…起",
# "从…起", "2025年12月1日起施行", "自8月12日12时01分起".
_CHINESE = re.compile(
    r"(?:[自从從于於]\s*)?(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"(?:\s*\d{1,2}\s*[时時点點](?:\s*\d{1,2}\s*分)?)?\s*起"
)
_RELATIVE_YEAR = {"今年": 0, "去年": -1, "明年": 1}
_CJK_YEAR = re.compile(r"(?<!\d)(20\d\d)(?:\s*年)")  # "公告2025年第70号": no word boundary in Chinese
# Full-width digits ("２０２５年９月１３日"), as Hong Kong wires write them, read as ASCII ones.
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ANY_YEAR = re.compile(r"\b(20\d\d)\b")


def effective_date(text: str, context: str = "", published: date | None = None) -> tuple[date | None, str]:
    """The stated effective date and the phrase that gave it, or (None, "").

    A date written without a year ("from 15 September") falls in the year that puts it nearest
    the publication date; without one, in the latest year `context` (the whole text, when `text`
    is an excerpt) mentions. When no year can be inferred the date is None and the phrase is
    still returned.
    """
    chinese = _CHINESE.search(text.translate(_WIDE_DIGITS)) if "起" in text else None
    if chinese:
        try:
            year, m, d = chinese.groups()
            phrase = text[chinese.start() : chinese.end()]
            if year:
                return date(int(year), int(m), int(d)), phrase
            # "今年4月4日起", "明年1月1日起": the year named relative to the publication's.
            shift = _RELATIVE_YEAR.get(text[max(0, chinese.start() - 2) : chinese.start()])
            if published is not None and shift is not None:
                return date(published.year + shift, int(m), int(d)), phrase
            if published is not None:
                return nearest(int(m), int(d), published), phrase
            years = [int(y) for y in _CJK_YEAR.findall(context or text)]
            if years:
                return date(max(years), int(m), int(d)), phrase
        except ValueError:
            pass
    undated = text[chinese.start() : chinese.end()] if chinese else ""
    lower = text.lower()
    aligned = len(lower) == len(text)
    starts = word_starts(lower, _TRIGGER_STARTS)
    if "force" in lower:
        starts = sorted({*starts, *(m.start() for m in _IN_FORCE.finditer(lower))})
    for match in finditer_from(_EFFECTIVE, lower, starts):
        if match.start() and lower[match.start() - 1].isalpha():
            continue
        phrase = text[match.start() : match.end()] if aligned else match.group()
        found = _parse(match, context or text, published)
        if found:
            return found, phrase
        undated = undated or phrase
    if not undated:
        # "set for June 2027", "from January 2026": a month set to start, the day not yet
        month = next(
            (
                m
                for m in finditer_from(_MONTH_START, lower, word_starts(lower, _MONTH_START_WORDS))
                if not (m.start() and lower[m.start() - 1].isalpha())  # "restart" is no "start"
            ),
            None,
        )
        if month:
            undated = text[month.start() : month.end()] if aligned else month.group()
    # A start date without a year still says the measure is issued; the date stays unknown.
    return None, undated


def nearest(month: int, day: int, published: date) -> date | None:
    """The day-month that lies nearest `published`: in its year, the one before or after."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue  # 29 February outside a leap year
    return min(options, key=lambda d: abs((d - published).days), default=None)


def _parse(match: re.Match[str], text: str, published: date | None = None) -> date | None:
    try:
        if match.group("iy"):
            return date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
        first = match.group("m1") is not None
        month = _MONTHS[(match.group("m1") if first else match.group("m2")).lower()]
        day = int(match.group("d1") if first else match.group("d2"))
        year_text = match.group("y1") if first else match.group("y2")
        if year_text is None and published is not None:
            return nearest(month, day, published)
        if year_text is None:
            # No year: the latest year the text mentions, the usual reading of "on December 1".
            years = [int(y) for y in _ANY_YEAR.findall(text)]
            if not years:
                return None
            year_text = str(max(years))
        return date(int(year_text), month, day)
    except (ValueError, KeyError, TypeError):
        return None
