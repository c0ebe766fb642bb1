"""Reads one text and decides what new development it reports (SPEC §4, LABELS.md).

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

from chokewatch.shared.messages import Classification, Direction, EventType, Status

from ..severity import severity
from . import companies, dates, gazetteer
from .cues import LEXICON, RELIEFS, UNDOING_VERBS
from .gazetteer import Hit
from .incident_rules import anchors
from .sentences import DEBRIS_WEIGHT, Sentence, split
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
# A cue inside a reason clause ("in response to US tariffs") or a background sentence counts
# this much; the measure is not what the text reports.
REASON_FACTOR = 0.2
WEAK_CONTROL = 0.4  # "exports", "licences": control words that plain trade news also uses
CONTEXT_FACTOR = 0.8  # a control whose goods only the rest of the text names
BACKGROUND_FACTOR = 0.3
# Minimum weighted support in the title and first sentences for a text to report an event.
LEAD_EVENT_MIN = 1.0
LEAD_SPAN = 3  # body sentences counted as the lead
ANCHOR_SENTENCES = 6  # event sentences searched for numbers, dates and names of the measure

# Upper-case country abbreviations, which the lower-case lexicon cannot tell from "us".
_ABBREVIATED_ACTOR = re.compile(r"(?:U\.S\.(?:A\.)?|USA|US|EU|UK)(?![A-Za-z])")
_ABBREVIATED_VALUE = {"EU": "EU", "UK": "GB"}
_ABBREVIATED_STARTS = ("U.S.", "US", "EU", "UK")  # every match begins with one of these
# Numbered official texts, searched in the lower-case text.
_NUMBERED = re.compile(
    r"announcement\s+(?:no\.?|number)\s*\d+|no\.\s*\d+\s+of\s+20\d\d|第\s*\d+\s*号"
    r"|federal register"
)
_NUMBERED_STARTS = ("announcement", "no.", "第", "federal register")
# Suspending exports or output is a stop of supply, unlike suspending a control.
_SUSPEND_SUPPLY = re.compile(
    r"(?:(?:suspend|pause|halt)(?:s|ed|ing)?|(?:suspension|halt|pause|moratorium)\s+(?:of|on|to))\s+"
    r"(?:(?!ban|control|curb|restriction|rule|measure|requirement|licen|tariff|dut)[a-z]+\s+){0,2}?"
    r"(?:exports?|shipments?|production|operations|sales|deliveries|supplies|mining|output)"
    r"(?!\s+(?:control|curb|restriction|ban|licen|rule|measure|review))"
    r"|export\s+(?:suspension|halt|moratorium)"
)
# Where a supply halt can begin: the regex is tried only there, not at every character.
_HALT_WORDS = (" suspen", " paus", " halt", " moratorium", " export ")


def _supply_halts(normalised: str, lower: str) -> list[re.Match[str]]:
    if not ("suspen" in lower or "paus" in lower or "halt" in lower or "moratorium" in lower):
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


# "a 100% tariff", "25 percent duties": a tariff stated by its rate is one being set.
_RATE_TARIFF = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|percent|per cent)\s+(?:[a-z-]+\s+){0,2}?(?:tariffs?|duties|duty|levy|levies)\b"
)
# A relief undone: "suspended the dysprosium export licences", "revokes waivers".
_UNDONE = re.compile(
    r"(?:"
    + "|".join(UNDOING_VERBS)
    + r")[a-z]*\s+(?:[a-z-]+\s+){0,3}?(?:"
    + "|".join(RELIEFS)
    + r")\b(?!\s+(?:requirement|regime|system|rule))"
)


def _undone_reliefs(lower: str, starts: list[int]) -> list[re.Match[str]]:
    """Reliefs undone, tried where the lexicon found an undoing verb (`starts`, sorted)."""
    return list(finditer_from(_UNDONE, lower, sorted(starts))) if starts else []


_OBJECT_PREP = re.compile(
    r"(?:\bon|\bagainst|\bto|\bfrom|\bwith|\bby|\bfor|\bof|\bat|\bin|\boutside|\binto|\bthan)\s+(?:the\s+|an?\s+)?$"
    r"|[对對向从從自]\s*$"  # "对美国", "向美方": the object of a Chinese measure
)
_OBJECT_PAIR = re.compile(r"\b(?:on|against|to|from|for)\s+(?:the\s+)?[A-Z][a-z]+\s+(?:and|&)\s+(?:the\s+)?$")
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
    r"|\b(?:quiz|podcast|weekly|what to know|lessons?|learned)\b",
    re.IGNORECASE,
)
# Titles of explainers, analysis and market talk: they need a stronger lead to count as news.
_COMMENTARY_TITLE = re.compile(
    r"\?|^(?:will|can|should|is|are|does)\b|\b(?:why|how|what|lessons?|learned|opinion|analysis|"
    r"explainer|podcast|column|review|quiz|weekly|outlook|q&a|prices?|markets?|backfired?|backfiring"
    r"|worr(?:y|ies)|future of|limits of|holds the cards|folded|winners?|losers?|means for|playbook"
    r"|wake-up call|gamble|the case for|the case against|myths?)\b",
    re.IGNORECASE,
)
# An explainer's title asks; a news lead says when ("on Monday", "this week").
# "... after the Busan summit": talks named as the occasion of a measure, not as the news.
_TALKS_AS_CONTEXT = re.compile(
    r"\b(?:after|following|at|ahead of|during|on the sidelines of)\b[^,.;:]{0,40}"
    r"\b(?:summit|talks|meeting|negotiations|deal)\b",
    re.IGNORECASE,
)
_ASKING_TITLE = re.compile(
    r"^\s*(?:how|what|why|who|is|are|can|could|should|will|would|might|may|does|do)\b", re.IGNORECASE
)
_NEWS_TIME = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday|this week|last week)\b"
    r"|\bon (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d",
    re.IGNORECASE,
)
_CAP_PER_SENTENCE = 2.0
_EMPTY: list[Hit] = []
_MAIN_KINDS = ("control", "control_weak", "chip", "tariff", "talks", "sanctions", "disruption", "policy")


class _Sent:
    """One sentence with its hits grouped by kind, and how much it counts."""

    __slots__ = (
        "info",
        "hits",
        "elements",
        "reason_at",
        "reason_end",
        "background",
        "main",
        "weight",
        "in_lead",
    )

    def __init__(self, info: Sentence) -> None:
        self.info = info
        self.hits: defaultdict[str, list[Hit]] = defaultdict(list)
        self.elements: list[Hit] = []
        self.reason_at = _NO_REASON  # offset where a reason clause begins
        self.reason_end = _NO_REASON  # and ends (a leading clause ends at its comma)
        self.background = False
        self.main: dict[str, list[Hit]] = self.hits  # hits before any reason clause
        self.weight = info.weight
        self.in_lead = info.is_title or info.position < LEAD_SPAN

    def settle(self) -> None:
        """Fix the main-clause hits and the weight once reason and background are known."""
        cut, resume = self.reason_at, self.reason_end
        if cut != _NO_REASON:
            self.main = {
                kind: [h for h in found if h[0] < cut or h[0] >= resume] for kind, found in self.hits.items()
            }
        if self.background:
            self.weight = self.info.weight * BACKGROUND_FACTOR

    def cues(self, kind: str) -> list[Hit]:
        return self.main.get(kind, _EMPTY)

    def count(self, kind: str) -> float:
        found = self.hits.get(kind)
        if not found:
            return 0.0
        main = len(self.main.get(kind, _EMPTY))
        return min(_CAP_PER_SENTENCE, main + REASON_FACTOR * (len(found) - main))


_NO_REASON = 1 << 30


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


def _read(text: str, title: str) -> tuple[str, list[_Sent]]:
    full = f"{title}\n{text}" if title else text
    lower = _lower(full)
    normalised = gazetteer.normalise(lower)
    sents = [_Sent(info) for info in split(full, len(title))]
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
    index, low, high = 0, 0, starts[1] if count > 1 else _NO_REASON
    found_element = element_found.append
    for end_idx, (length, trail, payloads) in LEXICON.raw(normalised):
        end = end_idx - trail  # normalise() added one leading space; see Lexicon.scan
        at = end - length
        if at >= high or at < low:
            index = bisect_right(starts, at) - 1
            low = starts[index]
            high = starts[index + 1] if index + 1 < count else _NO_REASON
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
    chip_words = [h for b in buckets for h in b.get("chip", _EMPTY)] if "chip_sense" in present else []
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
        for m in _RATE_TARIFF.finditer(lower):
            add("tightening", Hit(m.start(), m.end(), "tightening", "rate", m.group()))
    undoing = [h.start for b in buckets for h in b.get("undoing", _EMPTY)] if "undoing" in present else []
    for m in _undone_reliefs(lower, undoing):
        add("tightening", Hit(m.start(), m.end(), "tightening", "undone", m.group()))
    for m in _supply_halts(normalised, lower):
        add("supply_halt", Hit(m.start() - 1, m.end() - 1, "supply_halt", "", m.group()))
    for hit in gazetteer.element_hits(full, normalised, element_found):
        sents[bisect_right(starts, hit[0]) - 1].elements.append(hit)

    # Years by sentence: a sentence whose years all precede the text's latest tells history.
    sentence_years: dict[int, int] = {}
    present = 0
    for m in finditer_from(_YEAR, full, word_starts(full, _YEAR_STARTS)):
        if m.start() == 0 or not full[m.start() - 1].isalnum():
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
    for s in sents:
        hits = s.hits
        reasons = hits.get("reason")
        if reasons and any(h.phrase == "since" for h in reasons):
            reasons = [h for h in reasons if h.phrase != "since" or not _SINCE_TIME.match(full, h[1])]
            hits["reason"] = reasons
        if reasons:
            at = min(h[0] for h in reasons)
            clause = _CAUSE_ENDS.search(full, at, s.info.end) if at - s.info.start > _LEADING else None
            if clause and not any(h[0] < at for kind in _MAIN_KINDS for h in hits.get(kind, _EMPTY)):
                # "Beijing hits back at tariffs with a licence regime": the cause ends at "with".
                s.reason_at, s.reason_end = at, clause.end()
                s.settle()
                continue
            if at - s.info.start <= _LEADING:
                # A leading clause ("To implement the consensus, ...", "为落实…，") gives the
                # cause; the news follows its comma.
                comma = _COMMA.search(full, at, s.info.end)
                if comma:
                    s.reason_at, s.reason_end = at, comma.end()
                    s.settle()
                    continue
            # Only a clause after a main statement is a reason; a sentence whose main part
            # says nothing ("Buyers scramble after Beijing imposed ...") keeps its news.
            if any(h[0] < at for kind in _MAIN_KINDS for h in hits.get(kind, _EMPTY)) or any(
                h[0] < at for h in s.elements
            ):
                s.reason_at = at
        uses = hits.get("uses")
        if uses:
            at = min(h[0] for h in uses)
            if at < s.reason_at and any(h[0] < at for kind in _MAIN_KINDS for h in hits.get(kind, _EMPTY)):
                s.reason_at, s.reason_end = at, _NO_REASON  # "..., used in chips": the rest explains
            elif not s.info.is_title:
                s.background = True
        if not s.info.is_title:
            year = sentence_years.get(s.info.index)
            if year and year < latest:
                s.background = True
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
_new = tuple.__new__
_LEADING = 3  # characters before a reason marker that still count as the sentence start
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


def _type_votes(s: _Sent, notice_minerals: bool = False, subject: str = "") -> dict[EventType, float]:
    """How strongly one sentence speaks for each event type, before its weight.

    `notice_minerals`: the text is a numbered notice whose articles name the minerals, so its
    heading and preamble speak of them too. `subject`: what the text as a whole is about
    ("mineral", "chip" or ""), for a lead sentence whose control names neither.
    """
    if _VOTE_KINDS.isdisjoint(s.main):
        return {}
    mineral = bool(s.elements) or bool(s.hits.get("mineral")) or (notice_minerals and s.in_lead)
    chip = bool(s.cues("chip"))
    # Weak control words with a restricting verb ("banned ... exports") are control language.
    weak = 1.0 if any(h.phrase.startswith(_RESTRICTING) for h in s.cues("tightening")) else WEAK_CONTROL
    control = min(_CAP_PER_SENTENCE, s.count("control") + weak * s.count("control_weak"))
    on_firms = s.count("company_measure")
    votes: dict[EventType, float] = {}
    if control and s.in_lead and not (mineral or chip or on_firms) and subject and "reason" not in s.hits:
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
        # "could face sanctions", "warns of sanctions": a threat beside the measure, not the measure.
        threat = s.cues("speculation") and min(h.start for h in s.cues("speculation")) < min(
            h.start for h in s.cues("sanctions")
        )
        votes[EventType.sanctions] = votes.get(EventType.sanctions, 0.0) + s.count("sanctions") * (
            0.3 if chip or threat else 1.0
        )
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
    policy = s.cues("policy")
    if policy and (s.hits.get("actor") or s.hits.get("company")):
        # Policy needs someone to make it: a government or a named company. A plant, factory or
        # capacity named beside a disruption is where supply stopped, not a policy.
        strong = [h for h in policy if h.phrase not in _WEAK_POLICY]
        weak = len(policy) - len(strong)
        amount = min(_CAP_PER_SENTENCE, len(strong) + (0.0 if disruption else 0.5 * weak))
        if amount:
            votes[EventType.industrial_policy] = amount * (1.0 if mineral else 0.4)
    return votes


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


def _decide_type(
    sents: list[_Sent], title: str, full: str
) -> tuple[EventType, dict[EventType, float], list[_Sent]]:
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
    mentions = any(
        s.elements or s.cues("chip") or s.cues("tariff") or s.hits.get("mineral") or s.cues("sanctions")
        for s in sents
    )
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
    # A deal whose news is one specific measure takes that measure's type (LABELS.md).
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
        best in v and s.in_lead and not s.background and any(kind in s.hits for kind in _ACT_KINDS)
        for s, v in zip(sents, votes_of, strict=True)
    )
    if question and not acted:
        return EventType.commentary, totals, [s for s, v in zip(sents, votes_of, strict=True) if best in v]
    if lead[best] < LEAD_EVENT_MIN or (question and lead[best] < 2.5) or comment > 3.0 * lead[best]:
        carriers = [s for s, v in zip(sents, votes_of, strict=True) if best in v]
        return EventType.commentary, totals, carriers
    carriers = [s for s, v in zip(sents, votes_of, strict=True) if best in v and not s.background]
    return best, totals, carriers


def _text_subject(sents: list[_Sent]) -> str:
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
    sents: list[_Sent], votes_of: list[dict[EventType, float]], full: str
) -> tuple[_Sent, EventType] | None:
    """A long piece that opens on scene-setting may still report one dated measure further on:
    a government acting "on Wednesday" or "this week", told as fact, not as a possibility."""
    best: tuple[float, _Sent, EventType] | None = None
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
        actors = [h for h in s.cues("actor") if not _OBJECT_PREP.search(full, max(0, h.start - 12), h.start)]
        if not actors or actors[0].start - s.info.start > _SUBJECT_REACH:
            continue  # the government must be the sentence's subject
        if best is None or votes[etype] > best[0]:
            best = (votes[etype], s, etype)
    return (best[1], best[2]) if best else None


_SUBJECT_REACH = 40


def _votes_measure(s: _Sent) -> bool:
    return any(t in _MEASURES for t in _type_votes(s))


def _lead_has_easing(sents: list[_Sent], votes_of: list[dict[EventType, float]], etype: EventType) -> bool:
    return any(
        etype in v and s.in_lead and s.cues("easing") and not s.cues("supply_halt")
        for s, v in zip(sents, votes_of, strict=True)
    )


def _weighted(carriers: list[_Sent], kind: str) -> float:
    return sum(len(s.cues(kind)) * s.weight for s in carriers)


def _direction_cues(s: _Sent, full: str) -> tuple[list[Hit], list[Hit]]:
    """A sentence's easing and tightening words, read for what they act on.

    An easing word inside a supply halt ("suspension of cobalt exports") or under a negation
    ("without a truce extension") eases nothing; restriction words after an easing verb are
    its object ("lifted the ban", "suspends the requirement").
    """
    easing = s.cues("easing")
    tight = s.cues("tightening")
    if not easing:
        return easing, tight
    halts = s.cues("supply_halt")
    kept = []
    contrast = _CONTRAST.search(full, s.info.start, s.info.end)
    for h in easing:
        if any(a[0] <= h[0] < a[1] for a in halts):
            continue
        if any(t[0] <= h[0] and h[1] <= t[1] and t[1] - t[0] > h[1] - h[0] for t in tight):
            continue  # "revokes waivers": the relief is what is undone
        if contrast and contrast.start() > s.info.start + _LEADING and h[0] > contrast.start():
            continue  # "raised the tariff on China, while pausing it for others": another party
        window = full[max(s.info.start, h[0] - _NEGATION_REACH) : h[0]]
        if _NEGATION.search(window):
            continue
        if any(0 < h[0] - t[1] <= _OBJECT_REACH and t.phrase.startswith(_STOPPING) for t in tight):
            continue  # "stop granting licences": the easing word is what stops
        if h.phrase.startswith(_CARVE_OUTS) and any(t[1] <= h[0] for t in tight):
            continue  # "a 100% tariff, with exemptions for ...": a carve-out of the new measure
        if kept and kept[-1][0] == h[0]:
            continue  # one word, two stems ("exempt*", "exemption*")
        kept.append(h)
    if kept:
        first = min(h[0] for h in kept)
        tight = [h for h in tight if h[0] < first]
    return kept, tight


_CARVE_OUTS = ("exempt", "exclusion", "carve", "waive", "waiver")
_NEGATION_REACH = 60
_CONTRAST = re.compile(r",?\s(?:while|whereas|as other|but|even as)\s")
_OBJECT_REACH = 20
_STOPPING = ("stop", "halt", "block", "deny", "denied", "refus", "end")
_NEGATION = re.compile(
    r"\b(?:without|no|not|never|failed to|fail to|refused to|declined to)\b[^,;]*$|n't\b[^,;]*$"
)


def _headline_direction(read: list[tuple[_Sent, list[Hit], list[Hit]]]) -> tuple[Direction, list[str]] | None:
    """A title that carries the event and speaks one way only gives the direction: the body
    goes on to describe the measure that was suspended, or the relief that was revoked."""
    for s, easing, tight in read:
        if not s.info.is_title:
            continue
        if easing and not tight and not s.cues("supply_halt"):
            return Direction.easing, [h.phrase for h in easing]
        if tight and not easing and any(h.value == "undone" for h in tight):
            return Direction.tightening, [h.phrase for h in tight]
    return None


def _direction(etype: EventType, carriers: list[_Sent], full: str) -> tuple[Direction, list[str]]:
    if etype in (EventType.commentary, EventType.not_relevant):
        return Direction.neutral, []
    read = [(s, *_direction_cues(s, full)) for s in carriers]
    easing_hits = [h for _, e, _ in read for h in e]
    tight_hits = [h for _, _, t in read for h in t]
    halts = [h for s in carriers for h in s.cues("supply_halt")]
    easing = sum(len(e) * s.weight for s, e, _ in read)
    tight = sum(len(t) * s.weight for s, _, t in read) + sum(
        s.weight * len(s.cues("supply_halt")) for s in carriers
    )
    if etype is EventType.supply_disruption:
        easing = sum(
            s.weight
            for s, e, _ in read
            for h in e
            if h.phrase.startswith(("resum", "restor", "reopen", "恢复"))
        )
        tight += _weighted(carriers, "disruption")
    if etype is EventType.industrial_policy:
        return Direction.neutral, []
    headline = _headline_direction(read)
    if headline is not None and (etype is not EventType.trade_talks or headline[0] is Direction.easing):
        return headline
    if etype is EventType.trade_talks:
        if easing >= 1.0 and easing >= tight:
            return Direction.easing, [h.phrase for h in easing_hits]
        if tight >= 2.0 and not easing:
            return Direction.tightening, [h.phrase for h in tight_hits + halts]
        return Direction.neutral, []
    if easing > 0 and easing >= 0.8 * tight:
        return Direction.easing, [h.phrase for h in easing_hits]
    return Direction.tightening, [h.phrase for h in tight_hits + halts]


def _status(
    etype: EventType, carriers: list[_Sent], effective_phrase: str, terms: list[_Sent], full: str
) -> tuple[Status | None, list[str]]:
    if etype in (EventType.commentary, EventType.not_relevant):
        return None, []
    # A deal's status is that of the measures its lead reports ("China will suspend ...").
    top = sorted(carriers, key=lambda s: -s.weight)[:STATUS_SENTENCES] + terms
    strong = [h.phrase for s in top for h in s.cues("numbered")] + [
        h.phrase for s in top for h in s.cues("enacted") if h.phrase.startswith(_STRONG_ENACTED)
    ]
    if effective_phrase:
        strong.append(effective_phrase)
    if strong:
        return Status.enacted, strong
    headline = _headline_status(top, full)
    if headline is not None:
        return headline
    spec = _weighted(top, "speculation")
    intent = sum(s.weight for s in top for h in s.cues("announced") if not _nominal_intent(full, h))
    # "would be granted", "will be lifted": a done-word told as intent.
    future = sum(s.weight for s in top for h in s.cues("enacted") if _future_passive(full, h))
    intent += future
    done = _weighted(top, "enacted") - future
    if spec and any(_WHETHER.search(full, max(0, h[0] - 12), h[0]) for s in top for h in s.cues("announced")):
        spec += intent  # "discussing whether to restrict": an open question, not a plan
        intent = 0.0
    if spec > max(intent, done):
        return Status.speculation, [h.phrase for s in top for h in s.cues("speculation")]
    if intent > 0 and intent >= done:
        return Status.announced, [h.phrase for s in top for h in s.cues("announced")]
    hearsay = [h.phrase for s in top for h in s.hits.get("hearsay", _EMPTY)]
    if hearsay:
        return Status.announced, hearsay  # decided, as unnamed sources tell it, not yet issued
    # Reported in the past or present tense with no word of intent: it has happened.
    return Status.enacted, [h.phrase for s in top for h in s.cues("enacted") + s.cues("reporting")]


def _headline_status(top: list[_Sent], full: str) -> tuple[Status, list[str]] | None:
    """A title that carries the event in one mood only gives the status ("China suspends ...",
    "China to exempt ...", "... could curb ..."); the body's reported speech does not undo it."""
    for s in top:
        if not s.info.is_title:
            continue
        moods = {
            Status.enacted: [h.phrase for h in s.cues("enacted") if not _future_passive(full, h)],
            Status.announced: [h.phrase for h in s.cues("announced") if not _nominal_intent(full, h)]
            + [h.phrase for h in s.hits.get("hearsay", _EMPTY)],
            Status.speculation: [h.phrase for h in s.cues("speculation")],
        }
        said = {status: phrases for status, phrases in moods.items() if phrases}
        if len(said) == 1:
            return next(iter(said.items()))
    return None


# "The decision to require", "the move to ban": the infinitive names the measure, not a plan.
_NOMINAL = re.compile(r"(?:decision|move|step|order|rule|measure|notice)\s+$")
_WHETHER = re.compile(r"whether\s+$")
_FUTURE_PASSIVE = re.compile(r"\b(?:would|will|to)\s+be\s+\Z")


def _nominal_intent(full: str, hit: Hit) -> bool:
    if not hit.phrase.startswith("to "):
        return False
    return _NOMINAL.search(full[max(0, hit[0] - 12) : hit[0]].lower()) is not None


def _future_passive(full: str, hit: Hit) -> bool:
    return _FUTURE_PASSIVE.search(full[max(0, hit[0] - 14) : hit[0]].lower()) is not None


STATUS_SENTENCES = 2  # the title and the lead sentence carry the status of the news
_STRONG_ENACTED = (
    "的公告",  # a notice's heading, "关于…的公告"
    "take",
    "took",
    "in force",
    "into force",
    "effective",
    "federal register",
    "announcement n",
    "起",
    "号公告",
    "正式",
    "came into",
    "comes into",
    "interim final",
    "final rule",
    "published a rule",
    "published the rule",
    "issued a rule",
)


def _issuer(
    etype: EventType, carriers: list[_Sent], sents: list[_Sent], full: str
) -> tuple[str | None, list[str]]:
    if etype in (EventType.commentary, EventType.not_relevant):
        return None, []
    ordered = sorted(carriers, key=lambda s: -s.weight)
    # The title and lead name the actor even when the measure's words sit elsewhere.
    ordered += [s for s in sents if s.in_lead and all(s is not c for c in carriers)]
    counts: dict[str, float] = defaultdict(float)
    acting: set[str] = set()  # governments named other than as an object or a target
    first: list[Hit] = []
    for s in ordered:
        for h in sorted(s.cues("actor"), key=lambda h: h.start):
            if (
                (
                    _OBJECT_PREP.search(full, max(0, h.start - 12), h.start)
                    and not _SPEAKER_OF.search(full, max(0, h.start - 30), h.start)
                    and not _AGENT_BY.search(full, max(0, h.start - 30), h.start)
                )
                or _OBJECT_PAIR.search(full, max(0, h.start - 30), h.start)
                or _TARGET_AFTER.match(full, h.end)
            ):
                counts[h.value] += 0.2 * s.weight
                continue
            counts[h.value] += s.weight
            acting.add(h.value)
            if not first or first[0] is None:
                first.append(h)
    joint = _joint_actors(ordered[:2], full)
    if joint:
        return "multiple", joint  # "The United States and China said they would cut tariffs"
    if etype is EventType.trade_talks:
        # Talks take two: one named actor in the lead usually means the other is further on.
        actors = {h.value for s in sents for h in s.hits.get("actor", [])}
        if len(actors) >= 2:
            return "multiple", sorted(actors)[:4]
    if etype is EventType.mineral_export_control and "CN" in acting:
        return "CN", ["China"]
    if etype is EventType.chip_export_control:
        # The usual issuer of chip rules, named or not, unless another government acts as subject
        # more than the United States is named ("China exempts Nexperia chips", "Japan adds ...").
        named = _title_subjects(sents, full)
        if len(named) == 1 and named[0].value != "US":
            return named[0].value, [named[0].phrase]
        if first and first[0].value != "US" and "US" not in acting:
            return first[0].value, [first[0].phrase]  # "商务部…豁免": only one government acts
        return "US", ["United States"]
    if first:
        return first[0].value, [first[0].phrase]
    if counts:
        value = max(counts, key=counts.__getitem__)
        return value, [value]
    return None, []


_ACTING_KINDS = ("easing", "tightening", "chip_rule", "company_measure", "control")
_ACTING_REACH = 30  # characters from a government's name to the verb it governs


def _title_subjects(sents: list[_Sent], full: str) -> list[Hit]:
    """The governments the opening line names acting ("China exempts", "商务部…豁免"), not as an
    object ("to China", "of a US firm") or a bystander ("as Beijing vows a response")."""
    if not sents:
        return []
    first = sents[0]
    acts = [h.start for kind in _ACTING_KINDS for h in first.hits.get(kind, _EMPTY)]
    found: dict[str, Hit] = {}
    for h in first.hits.get("actor", _EMPTY):
        if _OBJECT_PREP.search(full, max(0, h.start - 12), h.start):
            continue
        if any(0 <= at - h.end <= _ACTING_REACH for at in acts):
            found.setdefault(h.value, h)
    return list(found.values())


# "17 US entities", "Chinese chip makers", "American defence firms": the government's name
# describes the targets of the measure, not who takes it.
_TARGET_AFTER = re.compile(
    r"(?:'s)?\s+(?:[A-Za-z-]+\s+){0,2}?(?:entities|companies|company|firms?|contractors|chipmakers?"
    r"|manufacturers?|makers?|producers?|suppliers?|customers|exporters|importers|individuals|"
    r"defen[cs]e (?:firms|companies|contractors)|military users|end users|persons|semiconductors?"
    r"|chips|goods|imports|products|comp|tech firms|origin)\b"
    r"|(?:相关)?(?:企业|公司|实体|个人|军工|军方|用户|企業|實體|個人|軍工|軍方|用戶)"
)
# "blacklisted by the US", "imposed by Beijing": the agent of a measure, not its object.
_AGENT_BY = re.compile(
    r"(?:blacklisted|sanctioned|imposed|banned|restricted|targeted|added|listed|announced|issued"
    r"|ordered|approved|granted|blocked|hit|placed|put)\s+by\s+(?:the\s+)?$"
    r"|(?:rules?|measures?|notice|statement|announcement|order|decision)\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "a spokesperson of the Ministry of Commerce": the ministry speaks, it is not an object.
_SPEAKER_OF = re.compile(
    r"(?:spokes(?:person|man|woman)|officials?|minister|head|chief|secretary|director)\s+(?:of|for|at)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SUBJECT_FIRST = (*_MAIN_KINDS, "easing", "tightening", "chip")
_JOINED = re.compile(r"(?:'s)?\s+(?:and|&)\s+(?:the\s+)?$")


def _joint_actors(sentences: list[_Sent], full: str) -> list[str]:
    """Two governments named together as the subject ("US and China agree", "Japan and Australia")."""
    for s in sentences:
        actors = sorted(s.cues("actor"), key=lambda h: h.start)
        for a, b in zip(actors, actors[1:], strict=False):
            if a.value == b.value or b.start - a.end > 8 or not _JOINED.match(full[a.end : b.start]):
                continue
            if _OBJECT_PREP.search(full, max(0, a.start - 12), a.start):
                continue
            if any(h.start < a.start for kind in _SUBJECT_FIRST for h in s.cues(kind)):
                continue  # "China will suspend ..., the White House and Chinese officials said"
            return sorted({a.value, b.value})
    return []


# Groups that are a definite list; with one of these or named elements, vaguer phrases
# ("rare earths", "heavy rare earths") only restate the list.
_DEFINITE = {"medium_heavy_2025_04", "added_2025_10"}
_VAGUE = {"heavy_rare_earths", "light_rare_earths", "rare_earths"}
LIST_WINDOW = 6  # body sentences within which a sentence spelling out a list counts


def _subject_sentences(carriers: list[_Sent], sents: list[_Sent]) -> list[_Sent]:
    chosen = {id(s) for s in carriers}
    for s in sents:
        if s.background or not s.elements:
            continue
        if s.info.is_title or s.info.position < 2:
            chosen.add(id(s))  # the title and the lead sentence name the subject
        elif s.info.position < LIST_WINDOW and len(s.elements) >= 2 and s.cues("listing"):
            chosen.add(id(s))  # "the list includes ...", "the items cover ..."
    return [s for s in sents if id(s) in chosen]


def _elements(
    etype: EventType, carriers: list[_Sent], sents: list[_Sent], full: str
) -> tuple[list[str], list[str]]:
    if etype is EventType.not_relevant:
        return [], []
    if etype is EventType.commentary:
        subject = [s for s in sents if s.in_lead]
    else:
        subject = _subject_sentences(carriers, sents)
        if not any(s.elements for s in subject) and etype not in _NO_MINERAL_TYPES:
            subject = _first_naming(sents)
    hits = [
        h
        for s in subject
        for h in s.elements
        if (h.start < s.reason_at or h.start >= s.reason_end)
        # "did not say whether this included rare earths": an open question covers nothing.
        and full.find("whether", max(s.info.start, h.start - _WHETHER_REACH), h.start) < 0
    ]
    hits = _title_scope(hits, sents)
    rare_named = {h.value for h in hits if h.kind == "element" and h.value in gazetteer.ALL_RARE_EARTHS}
    # A named list, or a group that is one ("NdPr", "SmCo magnets"), is what the text means.
    definite = len(rare_named) >= 2 or any(h.kind == "group" and h.value not in _VAGUE for h in hits)
    stated = set() if definite or rare_named else _stated_rare_earths(sents, full)
    found: set[str] = set()
    phrases: list[str] = []
    for h in hits:
        vague = h.kind == "generic" or (h.kind == "group" and h.value in _VAGUE)
        if vague and stated and not _technology_follows(full, h):
            found.update(stated)  # "rare earths" restates the list the text spells out elsewhere
            phrases.append(full[h.start : h.end])
            continue
        if vague and definite and not (h.kind == "generic" and _technology_follows(full, h)):
            continue
        if vague and rare_named and _DESCRIPTOR.match(full, h.end) and not _technology_follows(full, h):
            continue  # "rare earth traders", "a rare earth producer": the trade, not the subject
        found.update(gazetteer.expand(h))
        phrases.append(full[h.start : h.end])
    return sorted(found), phrases


# Measures that need not touch a mineral: a chip rule, a sanction on firms.
_NO_MINERAL_TYPES = (EventType.chip_export_control, EventType.sanctions)
FIRST_NAMING_REACH = 8  # body sentences searched when the event's own sentences name no mineral


def _first_naming(sents: list[_Sent]) -> list[_Sent]:
    """The first sentence of the body that names minerals, when the sentences carrying the event
    name none ("the measures cover the following items: ...")."""
    for s in sents:
        if s.info.position >= FIRST_NAMING_REACH:
            break
        if s.elements and not s.background and s.weight > DEBRIS_WEIGHT:
            return [s]
    return []


def _title_scope(hits: list[Hit], sents: list[_Sent]) -> list[Hit]:
    """A title naming its minerals ("... on lithium batteries and graphite anodes") and no rare
    earths sets the scope: "rare earths" further on are another measure or context."""
    if not sents or not sents[0].info.is_title:
        return hits
    title = sents[0].elements
    if not title or any(h.kind != "element" or h.value in gazetteer.ALL_RARE_EARTHS for h in title):
        return hits
    end = sents[0].info.end
    return [h for h in hits if h.start < end or not (h.kind == "generic" or h.value in _VAGUE)]


def _stated_rare_earths(sents: list[_Sent], full: str) -> set[str]:
    """The rare earths a text spells out as a list (a named group such as the seven of April
    2025, or two or more named in one sentence), outside its background; empty if none."""
    stated: set[str] = set()
    for s in sents:
        if s.background or s.weight <= DEBRIS_WEIGHT:
            continue
        named = {h.value for h in s.elements if h.kind == "element" and h.value in gazetteer.ALL_RARE_EARTHS}
        groups = [h for h in s.elements if h.kind == "group" and h.value in _DEFINITE]
        if len(named) >= 2:
            stated |= named
        for h in groups:
            stated.update(e for e in gazetteer.expand(h) if e in gazetteer.ALL_RARE_EARTHS)
    if not stated and _names_april_controls(full) and not _OCTOBER_CONTROLS.search(full):
        # Rare-earth licences "since April", "the April controls": the seven of April 2025.
        stated.update(gazetteer.GROUPS["medium_heavy_2025_04"])
    return stated


# The October 2025 expansion, which reached every rare earth and its technologies.
_OCTOBER_CONTROLS = re.compile(r"[Oo]ctober\s+9|Oct\.?\s+9\b|10\s*月\s*9\s*日")
# The April 2025 rare-earth licensing named by its month: "imposed in April", "the April curbs".
_APRIL = re.compile(r"[Aa]pril|APRIL|4\s*月\s*4\s*日")
_APRIL_BEFORE = re.compile(
    r"(?:imposed|introduced|announced|since|from|in|early|mid-?)\s+(?:early\s+|mid-?)?$"
)
_APRIL_AFTER = re.compile(
    r"(?:\s+4)?(?:'s)?\s+(?:export\s+)?(?:controls?|curbs?|restrictions?|licensing|measures?)"
)


def _names_april_controls(full: str) -> bool:
    for m in _APRIL.finditer(full):
        if m.group()[0] == "4":
            return True
        before = full[max(0, m.start() - 24) : m.start()].lower()
        if _APRIL_BEFORE.search(before) or _APRIL_AFTER.match(full[m.end() : m.end() + 40].lower()):
            return True
    return False


_TECH_WINDOW = 60
_TECH_WORDS = ("technolog", "技术", "know-how")
_PROCESS_WORDS = ("mining", "smelting", "separation", "processing", "refining")
_WHETHER_REACH = 80
# Nouns that make "rare earth(s)" a label for a trade, firm or place rather than what a measure covers.
_DESCRIPTOR = re.compile(
    r"s?\s+(?:traders?|producers?|miners?|mines?|companies|company|firms?|industry|sector|stocks?"
    r"|shares|projects?|developers?|deposits?|markets?|prices?|business|supply chains?|export controls?"
    r"|export curbs?|export restrictions?|controls?|curbs?|restrictions?|regime|oxides? prices)\b",
    re.IGNORECASE,
)


def _technology_follows(full: str, hit: Hit) -> bool:
    """ "rare earth processing technologies", "technologies for rare earth mining": the text
    means the technology, not a place or trade ("a rare earth mining town")."""
    after = full[hit.end : hit.end + _TECH_WINDOW].lower()
    if any(w in after for w in _TECH_WORDS):
        return True
    before = full[max(0, hit.start - _TECH_WINDOW) : hit.start].lower()
    return any(w in before for w in _TECH_WORDS) and any(w in after for w in _PROCESS_WORDS)


# Measures whose goods may be chips themselves: a tariff on semiconductors, a ban on buying a
# firm's chips. Naming chips in the measure's own sentences involves them.
_CHIP_GOODS_TYPES = (EventType.tariff, EventType.sanctions)


def _chips(etype: EventType, carriers: list[_Sent]) -> tuple[bool, list[str]]:
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
    direction, direction_ev = _direction(etype, terms, full)
    effective, effective_ev = None, ""
    if etype not in (EventType.commentary, EventType.not_relevant):
        # The start date sits in the lead, an event sentence or the closing line of a notice.
        told = {id(s): s for s in carriers[:ANCHOR_SENTENCES]}
        told.update({id(s): s for s in sents if s.in_lead or s is sents[-1]})
        dated = " ".join(
            full[s.info.start : s.info.end] for s in sorted(told.values(), key=lambda s: s.info.start)
        )
        effective, effective_ev = dates.effective_date(dated, full, published)
    # A stated start date means the measure is issued, even if it starts later (LABELS.md).
    # The title tells the mood of the news even when another sentence carries the measure.
    title_sent = [s for s in sents[:1] if s.info.is_title and all(s is not c for c in terms)]
    status, status_ev = _status(etype, carriers, effective_ev, terms[len(carriers) :] + title_sent, full)
    issuer, issuer_ev = _issuer(etype, carriers, sents, full)
    elements, element_ev = _elements(etype, terms, sents, full)
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


def _companies(sents: list[_Sent], subject: list[_Sent], full: str) -> list[str]:
    pool = {id(s): s for s in subject}
    pool.update({id(s): s for s in sents if s.in_lead})
    known = [(h.value, h.start, h.end) for s in pool.values() for h in s.cues("company")]
    return companies.from_text(full, [(s.info.start, s.info.end) for s in pool.values()], known)
