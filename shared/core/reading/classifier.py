"""Reads one text and decides what new development it reports (README, How a text is read).

The text is scanned once for phrases (gazetteer and cue lexicons), the hits are grouped by
sentence, and each sentence votes with a weight that favours the title and lead and discounts
background (history, explainers, the cause of a measure). The sentences that carry the winning
event type then decide elements, direction, status, issuer and the rest.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime

from chokewatch.shared.messages import Classification, EventType

from ..severity import severity
from . import companies, dates, gazetteer, phrases
from .cues import CHIP_FIRMS, LEXICON, MINERAL_FIRMS
from .direction import direction_of
from .element_scope import LIST_WINDOW, elements_of
from .gazetteer import Hit
from .incident_rules import anchors
from .issuers import OBJECT_PREP, issuer_of
from .sentence_cues import CAP_PER_SENTENCE, LEAD_SPAN, LEADING, MAIN_KINDS, NO_HITS, NO_REASON, CuedSentence
from .sentences import DEBRIS_WEIGHT, split
from .status import status_of
from .textscan import finditer_from, word_starts

# Texts at or below this severity are not worth an alert on their own.
ALERT_FLOOR = 0.2

EVENT_TYPES = (
    EventType.mineral_export_control,
    EventType.chip_export_control,
    EventType.tariff,
    EventType.trade_talks,
    EventType.sanctions,
    EventType.supply_disruption,
    EventType.industrial_policy,
)
WEAK_CONTROL = 0.4  # "exports", "licences": control words that plain trade news also uses
CONTEXT_FACTOR = 0.8  # a control whose goods only the rest of the text names
# Minimum weighted support in the title and first sentences for a text to report an event.
LEAD_EVENT_MIN = 1.0
ANCHOR_SENTENCES = 6  # event sentences searched for numbers, dates and names of the measure

# Upper-case country abbreviations, which the lower-case lexicon cannot tell from "us".
_ABBREVIATED_ACTOR = re.compile(r"(?:U\.S\.(?:A\.)?|USA|US|EU|UK)(?![A-Za-z])")
_ABBREVIATED_VALUE = {"EU": "EU", "UK": "GB"}
_ABBREVIATED_STARTS = ("U.S.", "US", "EU", "UK")  # every match begins with one of these
# Numbered official texts, searched in the lower-case text.
_NUMBERED = re.compile(
    r"announcement\s+(?:no\.?|number)\s*\d+|no\.\s*\d+\s+of\s+20\d\d|no\.\s*\d+\s*\(20\d\d\)"
    r"|第\s*\d+\s*号|federal register|(?:executive order|proclamation)\s+\d{5}"
)
_NUMBERED_STARTS = ("announcement", "no.", "第", "federal register", "executive order", "proclamation")
# Suspending exports or output is a stop of supply, unlike suspending a control.
_SUSPEND_SUPPLY = re.compile(
    r"(?:(?:suspend|pause|halt|curtail)(?:s|ed|ing)?|cut(?:s|ting)?|(?:suspension|halt|pause|moratorium)\s+(?:of|on|to))\s+"
    r"(?:(?!ban|control|curb|restriction|rule|measure|requirement|licen|tariff|dut)[a-z]+\s+){0,2}?"
    r"(?:exports?|shipments?|production|operations|sales|deliveries|supplies|supply|mining|output)"
    r"(?!\s+(?:control|curb|restriction|ban|licen|rule|measure|review|permit|requirement|regime"
    r"|tax|dut|tariff))"
    r"|export\s+(?:suspension|halt|moratorium)"
)
# Where a supply halt can begin: the regex is tried only there, not at every character.
_HALT_WORDS = (" suspen", " paus", " halt", " moratorium", " export ", " cut", " curtail")


def _supply_halts(normalised: str, lower: str) -> list[re.Match[str]]:
    if not any(w in lower for w in ("suspen", "paus", "halt", "moratorium", "cut", "curtail")):
        return []
    starts: list[int] = []
    for word in _HALT_WORDS:
        at = normalised.find(word)
        while at >= 0:
            starts.append(at + 1)
            at = normalised.find(word, at + 1)
    found: list[re.Match[str]] = []
    reach = 0
    for at in sorted(starts):
        if at < reach:
            continue
        m = _SUSPEND_SUPPLY.match(normalised, at)
        if m:
            found.append(m)
            reach = m.end()
    return found


_CASHTAG = re.compile(r"\$[A-Z]{2,5}\b")
# A sentence opening on a past date tells history ("In September 2010, ...").
_HISTORY_OPENING = re.compile(
    r"\s*(?:in|by|since|back in|as early as)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")
_YEAR_STARTS = ("19", "20")
# Titles that announce a form which reports no news of its own.
_COMMENTARY_FORM = re.compile(
    r"^\s*(?:opinion|podcast|column|explainer|quiz|review|editorial|newsletter|webinar|q&a)\b"
    r"|^\s*(?:专家|專家|深度)?(?:分析|评论|評論|解读|解讀|观点|觀點|社论|社論)\s*[:：]"
    r"|^\s*(?:analysis|insight|factbox|breakingviews|commentary|comment|viewpoint|perspective)\s*[:\-–—|]"
    r"|\b(?:quiz|podcast|weekly|what to know|things to know|need to know|lessons?|learned|explained"
    r"|a primer|a guide|faq|timeline|look back|looking back|year in review|in charts|in numbers)\b",
    re.IGNORECASE,
)
# Titles of explainers, analysis and market talk: they need a stronger lead to count as news.
_COMMENTARY_TITLE = re.compile(
    r"[?？]|^(?:will|can|should|is|are|does)\b|\b(?:why|how|what|lessons?|learned|opinion|analysis|"
    r"explainer|podcast|column|review|quiz|weekly|outlook|q&a|prices?|markets?|backfired?|backfiring"
    r"|worr(?:y|ies)|future of|limits of|holds the cards|folded|winners?|losers?|means for|playbook"
    r"|wake-up call|gamble|the case for|the case against|myths?|interpreting|differences)\b",
    re.IGNORECASE,
)
# An explainer's title asks; a news lead says when ("on Monday", "this week").
# "... after the Busan summit": talks named as the occasion of a measure, not as the news.
_TALKS_AS_CONTEXT = re.compile(
    r"\b(?:after|following|at|ahead of|during|on the sidelines of)\b[^,.;:]{0,40}"
    r"\b(?:summit|talks|meeting|negotiations|deal)\b",
    re.IGNORECASE,
)
# A sentence opening on what came before recalls it whole ("The move follows controls on ...").
_RECALLING_OPENINGS = frozenset(
    {"the move follows", "comes after", "came after", "builds on", "follows a", "follows the"}
)
_TALKS_PARTIES = frozenset({"US", "CN"})
_ASKING_TITLE = re.compile(
    r"^\s*(?:how|what|why|who|which|where|is|are|can|could|should|will|would|might|may|does|do)\b",
    re.IGNORECASE,
)
_NEWS_TIME = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday|this week|last week)\b"
    r"|\bon (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d",
    re.IGNORECASE,
)


def _lower(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few characters lengthen when lowered ("İ"); keep offsets aligned.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_BYLINE = re.compile(r"\s*(?:authored|written|posted|reported|edited)?\s*by\s+[A-Z]", re.IGNORECASE)
_SECTION_LINE = re.compile(r"\s*(?:[A-Z][A-Za-z&]*(?: [A-Z&][A-Za-z&]*){0,2}\s*[|/>»]\s*)+[A-Za-z& ]*$")


_LABEL_WORDS = 3  # "India", "Top Stories", "World News": a section name, not a headline


def _label_above(first: str, rest: str) -> bool:
    """A line of a few words above a longer headline-like line is the page's section label."""
    words = first.split()
    if not words or len(words) > _LABEL_WORDS or first.rstrip().endswith((".", "。", ":")):
        return False
    following = rest.lstrip("\n").partition("\n")[0].strip()
    return (
        len(following.split()) > 2 * len(words) + 2
        and len(following) <= 160
        and not following.endswith((".", "。"))
    )


def _split_title(text: str, title: str) -> tuple[str, str]:
    """Without a given title, a short first line standing alone is the title."""
    if title or "\n" not in text:
        return title, text
    first, rest = text.split("\n", 1)
    # A section label or menu line ("Markets | Asia") above the headline is page debris.
    while rest.strip() and (
        " | " in first or _SECTION_LINE.match(first) or _BYLINE.match(first) or _label_above(first, rest)
    ):
        first, _, rest = rest.lstrip("\n").partition("\n")
    if 0 < len(first.strip()) <= 160 and not first.rstrip().endswith((".", "。")) and rest.strip():
        return first.strip(), rest
    return title, text


def _read(text: str, title: str) -> tuple[str, list[CuedSentence]]:
    full = f"{title}\n{text}" if title else text
    lower = _lower(full)
    normalised = gazetteer.normalise(lower)
    sents = [CuedSentence(info) for info in split(full, len(title))]
    if not sents:
        return full, sents
    starts = [s.info.start for s in sents]
    starts[0] = 0

    def add(kind: str, hit: Hit) -> None:
        sents[bisect_right(starts, hit[0]) - 1].hits[kind].append(hit)

    # One pass over the automaton: element hits aside, cue hits straight into their sentence.
    # Matches arrive in order of their end, so the sentence index mostly just moves forward.
    element_found: list[Hit] = []
    element_kinds = gazetteer.ELEMENT_KINDS
    buckets = [s.hits for s in sents]
    count = len(starts)
    index, low, high = 0, 0, starts[1] if count > 1 else NO_REASON
    found_element = element_found.append
    for end_idx, (length, trail, payloads) in LEXICON.raw(normalised):
        end = end_idx - trail  # normalise() added one leading space; see Lexicon.scan
        at = end - length
        if at >= high or at < low:
            index = bisect_right(starts, at) - 1
            low = starts[index]
            high = starts[index + 1] if index + 1 < count else NO_REASON
        bucket = buckets[index]
        for kind, value, phrase in payloads:
            if kind in element_kinds:
                found_element(_new(Hit, (at, end, kind, value, phrase)))
            else:
                bucket[kind].append(_new(Hit, (at, end, kind, value, phrase)))
    present = set().union(*buckets)  # every cue kind the text holds
    shadowed = "shadow" in present  # the phrases of cues.SHADOW
    if " may " in normalised:
        for bucket in buckets:
            found = bucket.get("speculation")
            if found and any(h.phrase == "may" for h in found):
                kept = [
                    h for h in found if h.phrase != "may" or not _MONTH_MAY.search(full, h[0] - 4, h[1] + 6)
                ]
                bucket["speculation"] = kept
    if shadowed:
        for bucket in buckets:
            if "shadow" in bucket:
                kept = gazetteer.drop_shadowed([h for found in bucket.values() for h in found])
                bucket.clear()
                for hit in kept:
                    bucket[hit.kind].append(hit)
    chip_words = [h for b in buckets for h in b.get("chip", NO_HITS)] if "chip_sense" in present else []
    if chip_words and all(h.phrase == "chip" for h in chip_words):
        # Bare "chips" beside potatoes, pulp or casinos, never "semiconductor": not our chips.
        for bucket in buckets:
            bucket.pop("chip", None)
            bucket.pop("chip_control", None)
    if "tariff_sense" in present:
        # "export tariff" of an energy supplier: with no mineral or chip anywhere, no tariff at all.
        other_sense = not element_found and not any("mineral" in b or "chip" in b for b in buckets)
        for bucket in buckets:
            if other_sense or "tariff_sense" in bucket:
                bucket.pop("tariff", None)
    for m in finditer_from(_ABBREVIATED_ACTOR, full, word_starts(full, _ABBREVIATED_STARTS)):
        if m.start() == 0 or not full[m.start() - 1].isalpha():
            value = _ABBREVIATED_VALUE.get(m.group(), "US")
            add("actor", Hit(m.start(), m.end(), "actor", value, m.group()))
    if "no." in lower or "第" in full or "federal" in lower:
        for m in finditer_from(_NUMBERED, lower, word_starts(lower, _NUMBERED_STARTS)):
            add("numbered", Hit(m.start(), m.end(), "numbered", "", m.group()))
    if "$" in full:
        for m in _CASHTAG.finditer(full):
            add("topic", Hit(m.start(), m.end(), "topic", "", m.group()))
    if "%" in full or "percent" in lower or "per cent" in lower:
        for m in phrases.rate_tariffs(lower):
            add("tightening", Hit(m.start(), m.end(), "tightening", "rate", m.group()))
    if ("tariff" in lower or "dut" in lower) and ("delay" in lower or "postpon" in lower or "defer" in lower):
        for m in phrases.deferred_duties(lower):
            add("easing", Hit(m.start(), m.end(), "easing", "deferred", m.group()))
    for kind, value, m in phrases.access_changes(lower):
        # "to cut China's access to AI chips" restricts; "enhancing America's access" eases.
        add(kind, Hit(m.start(), m.end(), kind, value, m.group()))
    undoing = [h.start for b in buckets for h in b.get("undoing", NO_HITS)] if "undoing" in present else []
    for m in phrases.undone_reliefs(lower, undoing):
        add("tightening", Hit(m.start(), m.end(), "tightening", "undone", m.group()))
    for m in _supply_halts(normalised, lower):
        add("supply_halt", Hit(m.start() - 1, m.end() - 1, "supply_halt", "", m.group()))
    for hit in gazetteer.element_hits(full, normalised, element_found):
        sents[bisect_right(starts, hit[0]) - 1].elements.append(hit)

    # Years by sentence: a sentence whose years all precede the text's latest tells history.
    sentence_years: dict[int, int] = {}
    present = 0
    for m in finditer_from(_YEAR, full, word_starts(full, _YEAR_STARTS)):
        # A year may follow a Chinese character directly ("中国2023年").
        if (m.start() == 0 or not (full[m.start() - 1].isascii() and full[m.start() - 1].isalnum())) and not (
            _DOCUMENT_YEAR.match(full, m.end())  # "公告2024年第46号": a document's number, not history
        ):
            index = bisect_right(starts, m.start()) - 1
            year = int(m.group())
            sentence_years[index] = max(sentence_years.get(index, 0), year)
            if year > present:
                # A year the text looks forward to ("until 2026", "could start in 2026") is not
                # the text's present; the sentences before it are not history.
                hits = sents[index].hits
                before = full[max(0, m.start() - 40) : m.start()].lower()
                if not (_FORWARD_YEAR.search(before) or any(k in hits for k in _FORWARD_KINDS)):
                    present = year
    dateline = _FULL_DATE.search(full, 0, min(len(full), _DATELINE_REACH))
    latest = (
        int(dateline.group(1) or dateline.group(2))
        if dateline
        else present or max(sentence_years.values(), default=0)
    )
    early_year = dateline is not None and _EARLY_MONTH.search(dateline.group()) is not None
    for s in sents:
        hits = s.hits
        reasons = hits.get("reason")
        if reasons and any(h.phrase == "since" for h in reasons):
            reasons = [h for h in reasons if h.phrase != "since" or not _SINCE_TIME.match(full, h[1])]
            hits["reason"] = reasons
        if reasons and any(h.phrase in _LEADING_ONLY for h in reasons):
            # "To implement the consensus, ..." gives a cause; "a framework to implement the truce,
            # including ..." names what was agreed.
            reasons = [h for h in reasons if h.phrase not in _LEADING_ONLY or h[0] - s.info.start <= LEADING]
            hits["reason"] = reasons
        if reasons:
            at = min(h[0] for h in reasons)
            clause = _CAUSE_ENDS.search(full, at, s.info.end) if at - s.info.start > LEADING else None
            if clause and not any(h[0] < at for kind in MAIN_KINDS for h in hits.get(kind, NO_HITS)):
                # "Beijing hits back at tariffs with a licence regime": the cause ends at "with".
                s.reason_at, s.reason_end = at, clause.end()
                s.settle()
                continue
            if at - s.info.start <= LEADING:
                # A leading clause ("To implement the consensus, ...", "为落实…，") gives the
                # cause; the news follows its comma.
                comma = _COMMA.search(full, at, s.info.end)
                if comma:
                    s.reason_at, s.reason_end = at, comma.end()
                    s.settle()
                    continue
                if any(h.phrase in _RECALLING_OPENINGS for h in reasons):
                    s.background = True  # "The move follows controls on ...": history told whole
            # Only a clause after a main statement is a reason; a sentence whose main part
            # says nothing ("Buyers scramble after Beijing imposed ...") keeps its news.
            if (
                any(h[0] < at for kind in MAIN_KINDS for h in hits.get(kind, NO_HITS))
                or any(h[0] < at for h in s.elements)
                or any(h.phrase in _CONCESSIONS for h in reasons)  # "despite US controls": context
            ):
                s.reason_at = at
        if hits.get("uses"):
            _mark_uses(s)
        if not s.info.is_title:
            year = sentence_years.get(s.info.index)
            if (
                year
                and year < latest
                and not (
                    year == latest - 1 and early_year and _YEAR_END.search(full, s.info.start, s.info.end)
                )
            ):
                s.background = True  # ("On December 23, 2025, ..." in a January 2026 piece is news)
            elif "background" in hits and not (
                s.info.position == 0
                or (s.info.position < LEAD_SPAN and _NEWS_TIME.search(full, s.info.start, s.info.end))
            ):
                # The lead sentence tells the news even when it glances back ("a threat made earlier").
                s.background = True
            elif full[s.info.start : s.info.start + 12].lstrip()[:1] in _HISTORY_FIRST and (
                _HISTORY_OPENING.match(full, s.info.start)
            ):
                s.background = True
        s.settle()
    return full, sents


_HISTORY_FIRST = frozenset("IiBbSsAa")
_DOCUMENT_YEAR = re.compile(r"\s*年\s*第")
_LEADING_ONLY = frozenset({"to implement the", "为落实", "根据"})
_CONCESSIONS = frozenset({"despite", "in spite of", "even though"})
# "since May 20", "since 2023", "since then": a time, not a cause.
_SINCE_TIME = re.compile(
    r"\s+(?:(?:early|late|mid)[ -])?"
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|last|then|the start)",
    re.IGNORECASE,
)
# Where a cause stated after the subject gives way to the news it answers.
_CAUSE_ENDS = re.compile(r"\s(?:with|by imposing|by placing|by adding|by restricting)\s")
# "12 May 2025", "May 14", "since May": the month, not a modal verb.
_MONTH_MAY = re.compile(
    r"\d\s*May\b|\bMay\.?\s*\d|\b(?:since|in|of|early|late|mid|until|by|last|next)[ -]May\b"
)
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
# A dateline in the first weeks of a year, and the last months of the year before: weeks apart.
_EARLY_MONTH = re.compile(r"\b(?:Jan|Feb)[a-z]*\b|-0[12]-|年0?[12]月|\b0?[12]/\d{1,2}/", re.IGNORECASE)
_YEAR_END = re.compile(r"\b(?:Nov|Dec)[a-z]*\.?\s+\d|\d\s+(?:Nov|Dec)[a-z]*|1[12]月", re.IGNORECASE)
_new = tuple.__new__
_COMMA = re.compile(r"[,，]")


_VOTE_KINDS = frozenset(
    {
        "control",
        "control_weak",
        "chip",
        "chip_rule",
        "tariff",
        "talks",
        "sanctions",
        "company_measure",
        "disruption",
        "supply_halt",
        "policy",
    }
)


# Verbs that restrict what they act on ("banned ... exports"), unlike "expand" or "raise".
_RESTRICTING = (
    "impos",
    "ban",
    "restrict",
    "tighten",
    "require",
    "halt",
    "block",
    "curb",
    "prohibit",
    "stop",
    "denied",
    "deny",
    "refus",
    "withh",
    "delay",
    "stall",
    "slow",
    "holding back",
    "hold back",
    "held back",
    "crack",
    "new ",
    "禁止",
    "限制",
    "实施",
)


_NAMED_BANS = ("ban", "curb", "restrict", "embargo", "禁令")


# Easing verbs that act on exports or licences ("approves exports", "resumes shipments").
_PERMITTING = (
    "approv",
    "grant",
    "allow",
    "resum",
    "lift",
    "exempt",
    "issu",
    "restor",
    "暂停",
    "恢复",
    "批准",
)


def _chinese_dual_use(s: CuedSentence) -> bool:
    """China's dual-use export list is a list of minerals and their products, unless the
    sentence puts firms on it (a sanction)."""
    return (
        "dual-use" in (h.phrase for h in s.cues("control"))
        and not s.cues("targets")
        and any(h.value == "CN" for h in s.hits.get("actor", NO_HITS))
    )


def _type_votes(s: CuedSentence, notice_minerals: bool = False, subject: str = "") -> dict[EventType, float]:
    """How strongly one sentence speaks for each event type, before its weight.

    `notice_minerals`: the text is a numbered notice whose articles name the minerals, so its
    heading and preamble speak of them too. `subject`: what the text as a whole is about
    ("mineral", "chip" or ""), for a lead sentence whose control names neither.
    """
    if _VOTE_KINDS.isdisjoint(s.main):
        return {}
    mineral = (
        bool(s.elements)
        or bool(s.hits.get("mineral"))
        or (notice_minerals and s.in_lead)
        or _chinese_dual_use(s)
        or any(h.value in MINERAL_FIRMS for h in s.hits.get("company", NO_HITS))
    )
    chip_words = bool(s.cues("chip"))
    chip = chip_words or any(h.value in CHIP_FIRMS for h in s.hits.get("company", NO_HITS))
    # Weak control words with a restricting verb ("banned ... exports") are control language.
    weak = (
        1.0
        if any(h.phrase.startswith(_RESTRICTING) for h in s.cues("tightening"))
        or any(h.phrase.startswith(_PERMITTING) for h in s.cues("easing"))  # "approves exports"
        else WEAK_CONTROL
    )
    control = min(CAP_PER_SENTENCE, s.count("control") + weak * s.count("control_weak"))
    if mineral and not control and _named_ban(s):
        control = 1.0  # "China's gallium ban", "antimony curbs": a measure named by its mineral
    on_firms = s.count("company_measure")
    votes: dict[EventType, float] = {}
    if (
        control
        and s.in_lead
        and not (mineral or chip or on_firms or s.cues("talks"))  # both sides' controls in a deal
        and subject
        and "reason" not in s.hits
    ):
        # "banning the export of dual-use goods to ...": the text's subject says which goods.
        mineral, chip = subject == "mineral", subject == "chip"
        control *= CONTEXT_FACTOR
    if mineral and control:
        votes[EventType.mineral_export_control] = control
    if chip and (control or s.cues("chip_rule")):
        strength = max(control, s.count("chip_rule"))
        votes[EventType.chip_export_control] = strength * (0.5 if mineral or on_firms else 1.0)
    if on_firms:
        votes[EventType.sanctions] = on_firms
    if s.cues("tariff"):
        votes[EventType.tariff] = s.count("tariff")
    if s.cues("talks"):
        votes[EventType.trade_talks] = s.count("talks")
    if s.cues("sanctions"):
        votes[EventType.sanctions] = votes.get(EventType.sanctions, 0.0) + _sanction_strength(s, chip_words)
    if s.cues("control") and s.cues("targets") and not mineral and not chip:
        # Control-list language aimed at named firms, with no mineral: a measure on companies.
        votes[EventType.sanctions] = votes.get(EventType.sanctions, 0.0) + control
    halts = s.cues("supply_halt")
    disruption = s.count("disruption") + 0.5 * len(halts)
    if halts and mineral and s.cues("actor") and not s.hits.get("company") and not s.count("disruption"):
        # A government that suspends or halts exports has imposed an export measure.
        votes[EventType.mineral_export_control] = votes.get(EventType.mineral_export_control, 0.0) + len(
            halts
        )
        disruption = 0.0
    if disruption:
        votes[EventType.supply_disruption] = disruption * (1.0 if mineral or s.hits.get("company") else 0.5)
    amount = _policy_amount(s, disruption)
    if amount:
        votes[EventType.industrial_policy] = amount * (1.0 if mineral else 0.4)
    return votes


def _sanction_strength(s: CuedSentence, chip_words: bool) -> float:
    """ "could face sanctions", "warns of sanctions": a threat beside the measure, not the measure;
    beside chip words, sanctions words are mostly the Entity List's."""
    threat = s.cues("speculation") and min(h.start for h in s.cues("speculation")) < min(
        h.start for h in s.cues("sanctions")
    )
    return s.count("sanctions") * (0.3 if chip_words or threat else 1.0)


def _policy_amount(s: CuedSentence, disruption: float) -> float:
    """Policy needs someone to make it: a government or a named company. A plant, factory or
    capacity named beside a disruption is where supply stopped, not a policy."""
    policy = s.cues("policy")
    if not policy or not (s.hits.get("actor") or s.hits.get("company")):
        return 0.0
    strong = [h for h in policy if h.phrase not in _WEAK_POLICY]
    weak = len(policy) - len(strong)
    return min(CAP_PER_SENTENCE, len(strong) + (0.0 if disruption else 0.5 * weak))


def _named_ban(s: CuedSentence) -> bool:
    """A ban or curb said of a mineral with no other control word, outside a firm's troubles
    ("Bajaj reels from the magnet curbs"), a disruption or the agenda of talks."""
    if s.hits.get("company") or s.cues("disruption") or s.cues("talks"):
        return False
    return any(h.phrase.startswith(_NAMED_BANS) for h in s.cues("tightening"))


# Nouns of places and scale: with no policy act they say little on their own.
_WEAK_POLICY = frozenset(
    {
        "plant",
        "factory",
        "facility",
        "capacity",
        "strategic",
        "production line",
        "expansion",
        "selected",
        "opens",
    }
)


def _mark_uses(s: CuedSentence) -> None:
    """ "..., used in chips": after a main statement or a list, the rest explains; a sentence
    that opens on what an element is used for is background."""
    hits = s.hits
    at = min(h[0] for h in hits["uses"])
    if at < s.reason_at and (
        any(h[0] < at for kind in MAIN_KINDS for h in hits.get(kind, NO_HITS))
        # "The items include samarium, ..., which are used in magnets": a list, then its uses
        or (hits.get("listing") and any(h[0] < at for h in s.elements))
    ):
        s.reason_at, s.reason_end = at, NO_REASON
    elif not s.info.is_title:
        s.background = True


def _on_the_field(s: CuedSentence) -> bool:
    """The sentence names something of this field: a mineral, chips, duties, sanctions, talks on
    export controls or between Washington and Beijing, a mineral or chip firm."""
    return bool(
        s.elements
        or s.cues("chip")
        or s.cues("tariff")
        or s.hits.get("mineral")
        or s.cues("sanctions")
        or (s.cues("control") and s.cues("targets"))  # "puts 12 US defence firms on its control list"
        or s.cues("company_measure")
        or (s.cues("talks") and (s.cues("control") or _us_china(s)))
        or any(h.value in MINERAL_FIRMS or h.value in CHIP_FIRMS for h in s.hits.get("company", NO_HITS))
    )


def _us_china(s: CuedSentence) -> bool:
    """Washington and Beijing both named: their talks are the trade news of this field."""
    actors = {h.value for h in s.hits.get("actor", NO_HITS)}
    return _TALKS_PARTIES <= actors


def _decide_type(
    sents: list[CuedSentence], title: str, full: str
) -> tuple[EventType, dict[EventType, float], list[CuedSentence]]:
    totals: dict[EventType, float] = defaultdict(float)
    lead: dict[EventType, float] = defaultdict(float)
    votes_of: list[dict[EventType, float]] = []
    notice = any(s.cues("numbered") for s in sents if s.in_lead) and any(
        s.elements and s.cues("control") and not s.cues("chip")
        for s in sents[: LIST_WINDOW + 1]
        if not s.background
    )
    subject = _text_subject(sents)
    for s in sents:
        votes = _type_votes(s, notice, subject)
        votes_of.append(votes)
        for etype, v in votes.items():
            totals[etype] += v * s.weight
            if s.in_lead and not s.background:
                lead[etype] += v * s.weight
    topic = len({h.phrase for s in sents for h in s.hits.get("topic", ())})
    mentions = any(_on_the_field(s) for s in sents)
    relevant = mentions and (topic >= 2 or sum(totals.values()) >= LEAD_EVENT_MIN)
    if not relevant:
        return EventType.not_relevant, totals, []
    if not lead or max(lead.values()) < LEAD_EVENT_MIN:
        buried = None if _COMMENTARY_FORM.search(title) else _buried_news(sents, votes_of, full)
        if buried is not None:
            news, etype = buried
            carriers = [news] + [
                s
                for s, v in zip(sents, votes_of, strict=True)
                if etype in v and not s.background and s is not news
            ]
            return etype, totals, carriers
    if not lead:
        return EventType.commentary, totals, []
    best = max(lead, key=lambda t: (lead[t] + 0.25 * totals[t], -EVENT_TYPES.index(t)))
    if best is EventType.sanctions and _other_trade_only(sents):
        return EventType.not_relevant, totals, []
    if best in (EventType.tariff, EventType.trade_talks) and _other_goods_only(sents):
        return EventType.not_relevant, totals, []  # duties on brandy or pork, talks over dairy
    # A deal whose news is one specific measure takes that measure's type (README, How a text is read).
    if best is EventType.trade_talks:
        title_votes = votes_of[0] if sents[0].info.is_title else {}
        measures = [m for m in _DEAL_MEASURES if lead.get(m, 0) >= 0.6 * lead[best]]
        for measure in measures:
            # A deal reported by its talks in the title, or one whose lead names several measures
            # (tariffs and minerals), is a deal; one measure in a deal's lead takes the news.
            others = [m for m in _DEAL_MEASURES if m is not measure and lead.get(m, 0) >= 0.5 * lead[measure]]
            talks_title = (
                EventType.trade_talks in title_votes
                and measure not in title_votes
                and not _TALKS_AS_CONTEXT.search(title)
            )
            if not others and not talks_title and _lead_has_easing(sents, votes_of, measure):
                best = measure
                break
    comment = sum(min(3, len(s.cues("commentary"))) * s.info.weight for s in sents if s.in_lead)
    lead_text = " ".join(
        full[s.info.start : s.info.end] for s in sents if not s.info.is_title and s.info.position < 2
    )
    if _COMMENTARY_FORM.search(title) or (_ASKING_TITLE.search(title) and not _NEWS_TIME.search(lead_text)):
        return EventType.commentary, totals, [s for s, v in zip(sents, votes_of, strict=True) if best in v]
    question = _COMMENTARY_TITLE.search(title) is not None
    acted = any(
        best in v
        and s.in_lead
        and not s.info.is_title  # a judging title's own words do not report the act
        and not s.background
        and any(kind in s.hits for kind in _ACT_KINDS)
        for s, v in zip(sents, votes_of, strict=True)
    )
    if question and not acted:
        return EventType.commentary, totals, [s for s, v in zip(sents, votes_of, strict=True) if best in v]
    if lead[best] < LEAD_EVENT_MIN or (question and lead[best] < 2.5) or comment > 3.0 * lead[best]:
        carriers = [s for s, v in zip(sents, votes_of, strict=True) if best in v]
        return EventType.commentary, totals, carriers
    carriers = [s for s, v in zip(sents, votes_of, strict=True) if best in v and not s.background]
    return best, totals, carriers


def _trade_signals(sents: list[CuedSentence]) -> tuple[set[str], bool, bool] | None:
    """None when a mineral or chip is named anywhere; else the governments the lead names, and
    whether goods of another field are named anywhere and in the lead."""
    governments: set[str] = set()
    anywhere = in_lead = False
    for s in sents:
        if s.elements or "mineral" in s.hits or "chip" in s.hits:
            return None
        other = "other_trade" in s.hits
        anywhere = anywhere or other
        if s.in_lead:
            governments.update(h.value for h in s.hits.get("actor", NO_HITS))
            in_lead = in_lead or other
    return governments, anywhere, in_lead


def _other_trade_only(sents: list[CuedSentence]) -> bool:
    """Sanctions with no mineral or chip anywhere, on oil tankers or banks or by no government
    (a sports body's): another field. China in the lead keeps them in (a Chinese refinery
    sanctioned is part of the US-China contest)."""
    signals = _trade_signals(sents)
    if signals is None:
        return False
    governments, anywhere, _ = signals
    return "CN" not in governments and (anywhere or not governments)


def _other_goods_only(sents: list[CuedSentence]) -> bool:
    """Tariffs or talks whose lead names farm, energy or consumer goods and no mineral or chip
    anywhere in the text: trade news of another field, unless it is between the US and China,
    whose every tariff is part of the contest over minerals and chips."""
    signals = _trade_signals(sents)
    if signals is None:
        return False
    governments, _, in_lead = signals
    return in_lead and not {"CN", "US"} <= governments


def _text_subject(sents: list[CuedSentence]) -> str:
    """ "mineral" or "chip": what the text's own sentences (not its background) mostly name."""
    minerals = chips = 0
    for s in sents:
        if s.background or s.weight <= DEBRIS_WEIGHT:
            continue
        minerals += bool(s.elements or s.hits.get("mineral"))
        chips += bool(s.hits.get("chip"))
    if minerals and minerals >= chips:
        return "mineral"
    return "chip" if chips else ""


# Words of something done, decided or told: a judging title whose lead has none is commentary.
_ACT_KINDS = (
    "tightening",
    "easing",
    "enacted",
    "announced",
    "hearsay",
    "numbered",
    "supply_halt",
    "company_measure",
    "reporting",
)
_DEAL_MEASURES = (
    EventType.mineral_export_control,
    EventType.chip_export_control,
    EventType.tariff,
    EventType.sanctions,
)
_MEASURES = (
    EventType.mineral_export_control,
    EventType.chip_export_control,
    EventType.tariff,
    EventType.sanctions,
)
_NOT_NEWS_KINDS = ("speculation", "commentary", "background", "reason")


def _buried_news(
    sents: list[CuedSentence], votes_of: list[dict[EventType, float]], full: str
) -> tuple[CuedSentence, EventType] | None:
    """A long piece that opens on scene-setting may still report one dated measure further on:
    a government acting "on Wednesday" or "this week", told as fact, not as a possibility."""
    best: tuple[float, CuedSentence, EventType] | None = None
    for s, votes in zip(sents, votes_of, strict=True):
        if s.background or s.info.is_title or not votes:
            continue
        etype = max(votes, key=votes.__getitem__)
        if etype not in _MEASURES or votes[etype] < 1.0:
            continue
        if any(kind in s.hits for kind in _NOT_NEWS_KINDS):
            continue
        if not (s.cues("enacted") or s.cues("announced")) or not _NEWS_TIME.search(
            full, s.info.start, s.info.end
        ):
            continue
        actors = [h for h in s.cues("actor") if not OBJECT_PREP.search(full, max(0, h.start - 12), h.start)]
        if not actors or actors[0].start - s.info.start > _SUBJECT_REACH:
            continue  # the government must be the sentence's subject
        if best is None or votes[etype] > best[0]:
            best = (votes[etype], s, etype)
    return (best[1], best[2]) if best else None


_SUBJECT_REACH = 40


def _votes_measure(s: CuedSentence) -> bool:
    return any(t in _MEASURES for t in _type_votes(s))


def _lead_has_easing(
    sents: list[CuedSentence], votes_of: list[dict[EventType, float]], etype: EventType
) -> bool:
    return any(
        etype in v and s.in_lead and s.cues("easing") and not s.cues("supply_halt")
        for s, v in zip(sents, votes_of, strict=True)
    )


# Measures whose goods may be chips themselves: a tariff on semiconductors, a ban on buying a
# firm's chips. Naming chips in the measure's own sentences involves them.
_CHIP_GOODS_TYPES = (EventType.tariff, EventType.sanctions)


_THREATS = ("threat", "could", "may", "might", "warn", "if", "consider", "weigh", "mull")


def _threatened(sents: list[CuedSentence], full: str, phrase: str) -> bool:
    """Whether the sentence giving a start date tells the measure as a threat or a possibility."""
    at = full.find(phrase)
    for s in sents:
        if s.info.start <= at < s.info.end:
            return any(h.start < at and h.phrase.startswith(_THREATS) for h in s.cues("speculation"))
    return False


def _chips(etype: EventType, carriers: list[CuedSentence]) -> tuple[bool, list[str]]:
    if etype is EventType.chip_export_control:
        return True, [h.phrase for s in carriers for h in s.cues("chip")][:5]
    if etype in (
        EventType.commentary,
        EventType.not_relevant,
        EventType.supply_disruption,
        EventType.industrial_policy,
    ):
        return False, []
    # Chip controls must be named as part of the news, not as a use of the mineral or a cause.
    kind = "chip" if etype in _CHIP_GOODS_TYPES else "chip_control"
    # A tariff's list of goods may run past the lead; other measures name chips up front.
    anywhere = etype is EventType.tariff
    found = [h.phrase for s in carriers if (anywhere or s.in_lead) and not s.background for h in s.cues(kind)]
    if etype is EventType.sanctions:
        # A measure against a chipmaker ("Micron fails security review") bears on its chips.
        found += [h.value for s in carriers if s.in_lead for h in s.cues("company") if h.value in CHIP_FIRMS]
    return bool(found), found


def classify(text: str, title: str = "", published_at: date | datetime | None = None) -> Classification:
    """Classify one text; pure and deterministic. `incident_id` is left for the incident store.

    `published_at`, when known, places a start date written without a year ("from 15 September").
    """
    published = published_at.date() if isinstance(published_at, datetime) else published_at
    title, text = _split_title(text or "", (title or "").strip())
    full, sents = _read(text, title)
    etype, _totals, carriers = _decide_type(sents, title, full)
    # A deal's direction and reach are in the measures its lead reports ("China will suspend ...").
    terms = carriers
    if etype is EventType.trade_talks:
        terms = carriers + [
            s
            for s in sents
            if s.in_lead and not s.background and all(s is not c for c in carriers) and _votes_measure(s)
        ]
    heading = sents[0] if sents and sents[0].info.is_title else None
    direction, direction_ev = direction_of(etype, terms, full, heading)
    effective, effective_ev = None, ""
    if etype not in (EventType.commentary, EventType.not_relevant):
        # The start date sits in the lead, an event sentence or the closing line of a notice.
        told = {id(s): s for s in carriers[:ANCHOR_SENTENCES]}
        told.update({id(s): s for s in sents if s.in_lead or s is sents[-1]})
        dated = " ".join(
            full[s.info.start : s.info.end] for s in sorted(told.values(), key=lambda s: s.info.start)
        )
        effective, effective_ev = dates.effective_date(dated, full, published)
        if effective_ev and _threatened(sents, full, effective_ev):
            effective, effective_ev = None, ""  # "threatened 100% tariffs from November 1"
    # A stated start date means the measure is issued, even if it starts later (README, How a text is read).
    # The title tells the mood of the news even when another sentence carries the measure.
    title_sent = [s for s in sents[:1] if s.info.is_title and all(s is not c for c in terms)]
    status, status_ev = status_of(etype, carriers, effective_ev, terms[len(carriers) :] + title_sent, full)
    issuer, issuer_ev = issuer_of(etype, carriers, sents, full)
    elements, element_ev = elements_of(etype, terms, sents, full)
    chips, chips_ev = _chips(etype, terms)
    subject = carriers or [s for s in sents if s.in_lead]
    stages = (
        sorted({h.value for s in subject for h in s.cues("stage")})
        if etype not in (EventType.not_relevant,)
        else []
    )
    companies = _companies(sents, subject, full) if etype is not EventType.not_relevant else []
    type_ev = sorted({h.phrase for s in carriers[:4] for kind in _TYPE_KINDS[etype] for h in s.cues(kind)})
    evidence = {
        "event_type": type_ev or [f"{etype.value}: no event in title or lead"],
        "direction": sorted(set(direction_ev))[:8],
        "status": sorted(set(status_ev))[:8],
        "issuer": issuer_ev[:4],
        "elements": list(dict.fromkeys(element_ev))[:12],
        "chips_involved": sorted(set(chips_ev))[:5],
    }
    if effective_ev:
        evidence["effective_date"] = [effective_ev]
    if etype not in (EventType.commentary, EventType.not_relevant):
        # Identifiers of the measure (numbers, dates, named rules) for the incident store.
        told = {id(s): s for s in subject[:ANCHOR_SENTENCES]}
        told.update({id(s): s for s in sents if s.in_lead and not s.background})
        ordered = sorted(told.values(), key=lambda s: s.info.start)
        evidence["anchors"] = anchors(" ".join(full[s.info.start : s.info.end] for s in ordered))
    return Classification(
        elements=elements,
        event_type=etype,
        direction=direction,
        issuer=issuer,
        status=status,
        chips_involved=chips,
        severity=severity(etype, direction, status, len(elements), chips),
        stages=stages,
        companies=companies,
        effective_date=effective,
        evidence={k: v for k, v in evidence.items() if v},
    )


_TYPE_KINDS: dict[EventType, tuple[str, ...]] = {
    EventType.mineral_export_control: ("control", "mineral"),
    EventType.chip_export_control: ("chip", "chip_rule", "control"),
    EventType.tariff: ("tariff",),
    EventType.trade_talks: ("talks",),
    EventType.sanctions: ("sanctions",),
    EventType.supply_disruption: ("disruption", "supply_halt"),
    EventType.industrial_policy: ("policy",),
    EventType.commentary: ("commentary",),
    EventType.not_relevant: (),
}


def _companies(sents: list[CuedSentence], subject: list[CuedSentence], full: str) -> list[str]:
    pool = {id(s): s for s in subject}
    pool.update({id(s): s for s in sents if s.in_lead})
    known = [(h.value, h.start, h.end) for s in pool.values() for h in s.cues("company")]
    return companies.from_text(full, [(s.info.start, s.info.end) for s in pool.values()], known)
