"""Sentence roles: where each sentence's reason clause lies, and which sentences tell background.

A cue inside a reason clause ("in response to US tariffs") or a background sentence (history,
what an element is used for) is not what the text reports; the roles say how much each counts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from typing import NamedTuple

from .cues import CONCESSIONS, RECALLING_OPENINGS
from .gazetteer import Hit
from .scan import Hits, Scan
from .sentence_cues import LEAD_SPAN, LEADING, MAIN_KINDS, NO_HITS, NO_REASON
from .sentences import Sentence
from .textscan import finditer_from, word_starts

# An explainer's title asks; a news lead says when ("on Monday", "this week").
NEWS_TIME = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday|this week|last week)\b"
    r"|\bon (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d"
    # "商务部4日宣布", "周四", "今天": a Chinese report's day of the news
    r"|(?<![\d月年])\d{1,2}\s*日(?![内前])|今天|今日|昨天|昨日|本周|[周週][一二三四五六日]|星期[一二三四五六日天]",
    re.IGNORECASE,
)
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# A sentence opening on a past date tells history ("In September 2010, ...").
_HISTORY_OPENING = re.compile(
    r"\s*(?:in|by|since|back in|as early as)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b|(" + _MONTHS + r")\s*,)",
    re.IGNORECASE,
)
_HISTORY_FIRST = frozenset("IiBbSsAa")
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)
_TIMELINE_YEARS = 3  # distinct years named in one sentence: a chronology of earlier steps
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
_YEAR_STARTS = ("19", "20")
_DOCUMENT_YEAR = re.compile(r"\s*年\s*第")
# Years after these look forward ("until November 2026", "by 2030"): not the text's present.
_FORWARD_YEAR = re.compile(
    r"\b(?:until|till|through|by|to|before|from|starting|expire[sd]?|in fiscal)\s+"
    r"(?:[a-z]+\.?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:[a-z]+\.?,?\s+)?$"
)
_FORWARD_KINDS = ("speculation", "announced")
# A full date near the top is the dateline: its year is the text's present.
_FULL_DATE = re.compile(
    r"(?:\b\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+|\b\d{1,2}/\d{1,2}/)(20\d\d)\b"
    r"|\b(20\d\d)(?:-\d\d-\d\d\b|年\d{1,2}月\d{1,2}日)"
)
_DATELINE_REACH = 400
_FORWARD_DATE = re.compile(
    r"\b(?:until|till|through|by|before|from|starting|expires?|expiring|effective|to)\s+(?:[A-Za-z]+\.?\s+)?$",
    re.IGNORECASE,
)
# A dateline in the first weeks of a year, and the last months of the year before: weeks apart.
_EARLY_MONTH = re.compile(r"\b(?:Jan|Feb)[a-z]*\b|-0[12]-|年0?[12]月|\b0?[12]/\d{1,2}/", re.IGNORECASE)
_YEAR_END = re.compile(r"\b(?:Nov|Dec)[a-z]*\.?\s+\d|\d\s+(?:Nov|Dec)[a-z]*|1[12]月", re.IGNORECASE)
# Where a cause stated after the subject gives way to the news it answers.
_CAUSE_ENDS = re.compile(r"\s(?:with|by imposing|by placing|by adding|by restricting)\s")
_COMMA = re.compile(r"[,，]")
# "technology used for", "equipment used in": what an item does, not what a mineral is used for.
_TECH_BEFORE_USE = re.compile(r"(?:technolog\w*|equipment|machinery|know-how|processes)\s+$", re.IGNORECASE)
# The news's own act told on: a recall inside such a sentence is a parenthesis.
_NEWS_ACT = re.compile(
    r"\bwith immediate effect\b|\beffective immediately\b|\b(?:will|shall)\s+also\b"
    r"|\b(?:is|are)\s+also\s+(?:banned|suspended|lifted|restricted|covered|included|exempted)\b",
    re.IGNORECASE,
)
_SHORTAGE = re.compile(r"\s+(?:a\s+|the\s+)?(?:shortages?|lack|scarcity)\s+of\b", re.IGNORECASE)
# "The measure comes two years after ...", "This follows ...": a sentence whose
# subject points back at the news and whose verb places it among earlier events tells context.
_RECALLING_SENTENCE = re.compile(
    r"\s*(?:[-–—•*]\s*)?(?:the|this|that|it|its)(?:\s+[\w'’-]+){0,2}?\s+"
    r"(?:(?:comes|came)\s+(?:[\w-]+\s+){0,2}?after|follows|followed)\s",
    re.IGNORECASE,
)
_RECALLING_SUBJECT = re.compile(
    r"\s*(?:[-–—•*]\s*)?(?:the|this|that|it|its)(?:\s+[\w'’-]+){0,2}\s+", re.IGNORECASE
)


class Role(NamedTuple):
    """Where a sentence's reason clause begins and ends, and whether it tells background."""

    reason_at: int = NO_REASON
    reason_end: int = NO_REASON  # a leading clause ends at its comma
    background: bool = False


_PLAIN = Role()  # most sentences: no reason clause, not background
_BACKGROUND = Role(background=True)


class _Years(NamedTuple):
    by_sentence: dict[int, int]  # the latest year each sentence names
    timelines: frozenset[int]  # sentences that name several years: a chronology
    latest: int  # the text's present
    early: bool  # the dateline falls in the first weeks of its year
    month: str = ""  # the dateline's month, its first three letters, when it names one


def roles(read: Scan) -> list[Role]:
    """The role of each sentence of the scan."""
    years = _years(read)
    return [
        _role(read.full, info, hits, elements, years)
        for info, hits, elements in zip(read.sentences, read.hits, read.elements, strict=True)
    ]


def _role(full: str, info: Sentence, hits: Hits, elements: list[Hit], years: _Years) -> Role:
    role = _PLAIN
    if hits.get("reason"):
        role, told = _reason(full, info, hits, elements)
        if told:
            return role
    if hits.get("uses"):
        role = _uses(full, role, info, hits, elements)
    if not info.is_title and (
        _history(full, info, hits, years)
        or (info.position > 0 and _RECALLING_SENTENCE.match(full, info.start, info.end))
    ):
        return _BACKGROUND if role is _PLAIN else role._replace(background=True)
    return role


def _main_before(hits: Hits, at: int) -> bool:
    return any(h[0] < at for kind in MAIN_KINDS for h in hits.get(kind, NO_HITS))


def _reason(full: str, info: Sentence, hits: Hits, elements: list[Hit]) -> tuple[Role, bool]:
    """The sentence's reason clause; True when the clause settles its role on its own."""
    # "halted because of a shortage of magnets": the shortage is the news's goods, not a cause.
    reasons = [h for h in hits.get("reason", ()) if not _SHORTAGE.match(full, h.end)]
    if not reasons:
        return Role(), False
    at = min(h[0] for h in reasons)
    clause = _CAUSE_ENDS.search(full, at, info.end) if at - info.start > LEADING else None
    if clause and not _main_before(hits, at):
        # "Beijing hits back at tariffs with a licence regime": the cause ends at "with".
        return Role(at, clause.end()), True
    if at - info.start <= LEADING:
        if any(h.phrase in RECALLING_OPENINGS for h in reasons):
            # "The move follows controls on gallium, germanium and graphite, and ...": history
            # told whole; a comma inside its list ends nothing.
            return Role(background=True), False
        # A leading clause ("To implement the consensus, ...", "为落实…，") gives the
        # cause; the news follows its comma.
        comma = _COMMA.search(full, at, info.end)
        # A notice's preamble chains its grounds ("根据…规定，为落实…共识，现…"): the cause runs
        # to the comma of the last leading clause.
        while comma:
            chained = [h for h in reasons if 0 <= h[0] - comma.end() <= LEADING]
            further = _COMMA.search(full, chained[0][0], info.end) if chained else None
            if further is None:
                break
            comma = further
        if comma:
            return Role(at, comma.end()), True
    elif any(h.phrase in RECALLING_OPENINGS for h in reasons) and _RECALLING_SUBJECT.fullmatch(
        full, info.start, at
    ):
        # "The debate follows a year in which ...", "It comes after ...": the sentence's subject
        # points back at the news, and the rest recalls what came before.
        return Role(background=True), False
    # Only a clause after a main statement is a reason; a sentence whose main part
    # says nothing ("Buyers scramble after Beijing imposed ...") keeps its news.
    if (
        _main_before(hits, at)
        or any(h[0] < at for h in elements)
        or any(h.phrase in CONCESSIONS for h in reasons)  # "despite US controls": context
    ):
        return Role(at, NO_REASON), False
    return Role(), False


def _uses(full: str, role: Role, info: Sentence, hits: Hits, elements: list[Hit]) -> Role:
    """ "..., used in chips": after a main statement or a list, the rest explains; a sentence
    that opens on what an element is used for is background. "technologies used for separating
    rare earths" tells what the technology does: the measure's own item."""
    uses = [h for h in hits["uses"] if not _TECH_BEFORE_USE.search(full, max(0, h[0] - 24), h[0])]
    if not uses:
        return role
    at = min(h[0] for h in uses)
    if at < role.reason_at and (
        _main_before(hits, at)
        # "The items include samarium, ..., which are used in magnets": a list, then its uses
        or (hits.get("listing") and any(h[0] < at for h in elements))
    ):
        return role._replace(reason_at=at, reason_end=NO_REASON)
    if not info.is_title:
        return role._replace(background=True)
    return role


def _history(full: str, info: Sentence, hits: Hits, years: _Years) -> bool:
    """A body sentence whose years all precede the text's present, one that glances back past
    the lead, or one that opens on a past date."""
    if info.index in years.timelines and info.position != 0:
        return True  # "has tightened repeatedly since 2023: ..., in 2024 ..., in February 2025 ..."
    year = years.by_sentence.get(info.index)
    if (
        year
        and year < years.latest
        # "On December 23, 2025, ..." in a January 2026 piece is news.
        and not (year == years.latest - 1 and years.early and _YEAR_END.search(full, info.start, info.end))
    ):
        return True
    if "background" in hits and not (
        # The lead sentence tells the news even when it glances back ("a threat made earlier").
        info.position == 0
        or (info.position < LEAD_SPAN and NEWS_TIME.search(full, info.start, info.end))
        # "Germanium, already licensed since last year, is also banned with immediate effect"
        or _NEWS_ACT.search(full, info.start, info.end)
    ):
        return True
    if full[info.start : info.start + 12].lstrip()[:1] not in _HISTORY_FIRST:
        return False
    opening = _HISTORY_OPENING.match(full, info.start)
    # "In April, ..." in a text dated in April tells the present month, not history.
    return opening is not None and not (
        opening.group(1) and years.month and opening.group(1)[:3].lower() == years.month
    )


def _years(read: Scan) -> _Years:
    """Years by sentence: a sentence whose years all precede the text's latest tells history."""
    full = read.full
    starts = [s.start for s in read.sentences]
    if starts:
        starts[0] = 0
    by_sentence: dict[int, int] = {}
    named: defaultdict[int, set[int]] = defaultdict(set)
    present = 0
    unmarked = 0  # the latest year not told as a deadline ("until 2026"), in any sentence
    for m in finditer_from(_YEAR, full, word_starts(full, _YEAR_STARTS)):
        # A year may follow a Chinese character directly ("中国2023年").
        if (m.start() == 0 or not (full[m.start() - 1].isascii() and full[m.start() - 1].isalnum())) and not (
            _DOCUMENT_YEAR.match(full, m.end())  # "公告2024年第46号": a document's number, not history
        ):
            index = bisect_right(starts, m.start()) - 1
            year = int(m.group())
            by_sentence[index] = max(by_sentence.get(index, 0), year)
            named[index].add(year)
            if year > present:
                # A year the text looks forward to ("until 2026", "could start in 2026") is not
                # the text's present; the sentences before it are not history.
                hits = read.hits[index]
                before = full[max(0, m.start() - 40) : m.start()].lower()
                if not _FORWARD_YEAR.search(before):
                    unmarked = max(unmarked, year)
                    if not any(k in hits for k in _FORWARD_KINDS):
                        present = year
    # "lasts until November 27, 2026": a date the text looks forward to is not its dateline.
    dateline = next(
        (
            m
            for m in _FULL_DATE.finditer(full, 0, min(len(full), _DATELINE_REACH))
            if not _FORWARD_DATE.search(full, max(0, m.start() - 24), m.start())
        ),
        None,
    )
    latest = (
        int(dateline.group(1) or dateline.group(2))
        if dateline
        else present or unmarked or max(by_sentence.values(), default=0)
    )
    early = dateline is not None and _EARLY_MONTH.search(dateline.group()) is not None
    timelines = frozenset(i for i, ys in named.items() if len(ys) >= _TIMELINE_YEARS)
    named_month = _MONTH_NAME.search(dateline.group()) if dateline else None
    month = named_month.group().lower()[:3] if named_month else ""
    return _Years(by_sentence, timelines, latest, early, month)
