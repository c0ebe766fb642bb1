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
from dataclasses import dataclass, field

from chokewatch.shared.messages import Classification, Direction, EventType, Status

from . import dates, gazetteer
from .cues import CUE_LEXICON
from .gazetteer import Hit
from .incident_rules import anchors
from .sentences import Sentence, split
from .severity import severity

# Texts at or below this severity are not worth an alert on their own.
ALERT_FLOOR = 0.2

EVENT_TYPES = (
    EventType.mineral_export_control, EventType.chip_export_control, EventType.tariff,
    EventType.trade_talks, EventType.sanctions, EventType.supply_disruption,
    EventType.industrial_policy,
)
# A cue inside a reason clause ("in response to US tariffs") or a background sentence counts
# this much; the measure is not what the text reports.
REASON_FACTOR = 0.2
BACKGROUND_FACTOR = 0.3
# Minimum weighted support in the title and first sentences for a text to report an event.
LEAD_EVENT_MIN = 1.0
LEAD_SPAN = 3  # body sentences counted as the lead

_US = re.compile(r"(?<![A-Za-z])(?:U\.S\.|US|USA|U\.S\.A\.)(?![A-Za-z])")
_EU = re.compile(r"(?<![A-Za-z])EU(?![A-Za-z])")
_GB = re.compile(r"(?<![A-Za-z])UK(?![A-Za-z])")
_NUMBERED = re.compile(
    r"announcement\s+(?:no\.?|number)\s*\d+|\bno\.\s*\d+\s+of\s+20\d\d|公告\s*20\d\d\s*年\s*第\s*\d+\s*号"
    r"|第\s*\d+\s*号|\bFR\s+\d+|\d+\s+FR\s+\d+|federal register",
    re.IGNORECASE,
)
_SUSPEND_SUPPLY = re.compile(
    r"(?:suspend|pause|halt)(?:s|ed|ing)?\s+(?:all\s+|its\s+|their\s+|the\s+)?"
    r"(?:exports?|shipments?|production|operations|sales|deliveries|supplies|mining|output)",
    re.IGNORECASE,
)
_OBJECT_PREP = re.compile(r"(?:\bon|\bagainst|\bto|\bfrom|\bwith|\bby|\bfor|\bof|\bat)\s+(?:the\s+)?$")
_COMPANY_PATTERN = re.compile(
    r"\b((?:[A-Z][A-Za-z&.\-]+\s){1,3})(?:Inc|Corp|Corporation|Ltd|Limited|Group|Holdings|"
    r"PLC|plc|AG|SA|Co\.,? Ltd)\b"
)
_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")
_QUESTION_TITLE = re.compile(r"\?|^(?:why|how|what|who|will|can|should|is|are|does)\b", re.I)
_CAP_PER_SENTENCE = 2.0


@dataclass(slots=True)
class _Sent:
    info: Sentence
    hits: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    elements: list[Hit] = field(default_factory=list)
    reason_at: int = 1 << 30  # offset where a reason clause begins
    background: bool = False

    def cues(self, kind: str, main_only: bool = True) -> list[Hit]:
        found = self.hits.get(kind, [])
        return [h for h in found if h.start < self.reason_at] if main_only else found

    def count(self, kind: str) -> float:
        main = len(self.cues(kind))
        return min(_CAP_PER_SENTENCE, main + REASON_FACTOR * (len(self.hits.get(kind, [])) - main))

    @property
    def weight(self) -> float:
        return self.info.weight * (BACKGROUND_FACTOR if self.background else 1.0)

    @property
    def in_lead(self) -> bool:
        return self.info.is_title or self.info.position < LEAD_SPAN


def _lower(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few characters lengthen when lowered ("İ"); keep offsets aligned.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _split_title(text: str, title: str) -> tuple[str, str]:
    """Without a given title, a short first line standing alone is the title."""
    if title or "\n" not in text:
        return title, text
    first, rest = text.split("\n", 1)
    if 0 < len(first.strip()) <= 160 and not first.rstrip().endswith((".", "。")) and rest.strip():
        return first.strip(), rest
    return title, text


def _read(text: str, title: str) -> tuple[str, list[_Sent]]:
    full = f"{title}\n{text}" if title else text
    lower = _lower(full)
    sents = [_Sent(s) for s in split(full, len(title))]
    starts = [s.info.start for s in sents]

    def where(offset: int) -> _Sent:
        return sents[max(0, bisect_right(starts, offset) - 1)]

    for hit in CUE_LEXICON.scan(lower):
        where(hit.start).hits[hit.kind].append(hit)
    for pattern, value in ((_US, "US"), (_EU, "EU"), (_GB, "GB")):
        for m in pattern.finditer(full):
            where(m.start()).hits["actor"].append(Hit(m.start(), m.end(), "actor", value, m.group()))
    for m in _NUMBERED.finditer(full):
        where(m.start()).hits["numbered"].append(Hit(m.start(), m.end(), "numbered", "", m.group()))
    for m in _SUSPEND_SUPPLY.finditer(full):
        where(m.start()).hits["supply_halt"].append(Hit(m.start(), m.end(), "supply_halt", "", m.group()))
    for hit in gazetteer.element_hits(full, lower):
        where(hit.start).elements.append(hit)

    years = [int(y) for y in _YEAR.findall(full)]
    latest = max(years) if years else 0
    for s in sents:
        reasons = s.hits.get("reason")
        if reasons:
            s.reason_at = min(h.start for h in reasons)
        if s.hits.get("background") and not s.info.is_title:
            s.background = True
        sent_years = [int(y) for y in _YEAR.findall(full, s.info.start, s.info.end)]
        if sent_years and max(sent_years) < latest and not s.info.is_title:
            s.background = True
    return full, sents


def _type_votes(s: _Sent) -> dict[EventType, float]:
    """How strongly one sentence speaks for each event type, before its weight."""
    mineral = bool(s.elements) or bool(s.hits.get("mineral"))
    chip = bool(s.cues("chip"))
    control = s.count("control")
    votes: dict[EventType, float] = {}
    if mineral and control:
        votes[EventType.mineral_export_control] = control * (0.6 if chip and not mineral else 1.0)
    if chip and (control or s.cues("chip_rule")):
        strength = max(control, s.count("chip_rule"))
        votes[EventType.chip_export_control] = strength * (0.5 if mineral else 1.0)
    if s.cues("tariff"):
        votes[EventType.tariff] = s.count("tariff")
    if s.cues("talks"):
        votes[EventType.trade_talks] = s.count("talks")
    if s.cues("sanctions"):
        votes[EventType.sanctions] = s.count("sanctions") * (0.3 if chip else 1.0)
    disruption = s.count("disruption") + 0.5 * len(s.cues("supply_halt"))
    if disruption:
        votes[EventType.supply_disruption] = disruption * (1.0 if mineral or s.hits.get("company") else 0.5)
    if s.cues("policy"):
        votes[EventType.industrial_policy] = s.count("policy") * (1.0 if mineral or s.hits.get("company") else 0.4)
    return votes


def _decide_type(sents: list[_Sent], title: str) -> tuple[EventType, dict[EventType, float], list[_Sent]]:
    totals: dict[EventType, float] = defaultdict(float)
    lead: dict[EventType, float] = defaultdict(float)
    votes_of: list[dict[EventType, float]] = []
    for s in sents:
        votes = _type_votes(s)
        votes_of.append(votes)
        for etype, v in votes.items():
            totals[etype] += v * s.weight
            if s.in_lead and not s.background:
                lead[etype] += v * s.weight
    topic = sum(len(s.hits.get("topic", ())) for s in sents)
    mentions = any(s.elements or s.cues("chip") or s.cues("tariff") for s in sents)
    relevant = (mentions and topic >= 2) or sum(totals.values()) >= LEAD_EVENT_MIN
    if not relevant:
        return EventType.not_relevant, totals, []
    if not lead:
        return EventType.commentary, totals, []
    best = max(lead, key=lambda t: (lead[t] + 0.25 * totals[t], -EVENT_TYPES.index(t)))
    # A deal whose news is one specific measure takes that measure's type (LABELS.md).
    if best is EventType.trade_talks:
        for measure in (EventType.mineral_export_control, EventType.chip_export_control,
                        EventType.tariff):
            if lead.get(measure, 0) >= 0.6 * lead[best] and _lead_has_easing(sents, votes_of, measure):
                best = measure
                break
    comment = sum(min(3, len(s.cues("commentary"))) * s.info.weight for s in sents if s.in_lead)
    question = _QUESTION_TITLE.search(title) is not None
    if lead[best] < LEAD_EVENT_MIN or (question and lead[best] < 2.5) or comment > 3.0 * lead[best]:
        carriers = [s for s, v in zip(sents, votes_of, strict=True) if best in v]
        return EventType.commentary, totals, carriers
    carriers = [s for s, v in zip(sents, votes_of, strict=True) if best in v and not s.background]
    return best, totals, carriers


def _lead_has_easing(sents: list[_Sent], votes_of: list[dict[EventType, float]], etype: EventType) -> bool:
    return any(
        etype in v and s.in_lead and s.cues("easing") and not s.cues("supply_halt")
        for s, v in zip(sents, votes_of, strict=True)
    )


def _weighted(carriers: list[_Sent], kind: str) -> float:
    return sum(len(s.cues(kind)) * s.weight for s in carriers)


def _direction(etype: EventType, carriers: list[_Sent]) -> tuple[Direction, list[str]]:
    if etype in (EventType.commentary, EventType.not_relevant):
        return Direction.neutral, []
    easing_hits = [h for s in carriers for h in s.cues("easing")]
    tight_hits = [h for s in carriers for h in s.cues("tightening")]
    halts = [h for s in carriers for h in s.cues("supply_halt")]
    easing = _weighted(carriers, "easing")
    tight = _weighted(carriers, "tightening") + sum(s.weight * len(s.cues("supply_halt")) for s in carriers)
    if etype is EventType.supply_disruption:
        easing = sum(s.weight for s in carriers for h in s.cues("easing")
                     if h.phrase.startswith(("resum", "restor", "reopen", "恢复")))
        tight += _weighted(carriers, "disruption")
    if etype is EventType.industrial_policy:
        return Direction.neutral, []
    if etype is EventType.trade_talks:
        if easing >= 1.0 and easing > tight:
            return Direction.easing, [h.phrase for h in easing_hits]
        if tight >= 2.0 and not easing:
            return Direction.tightening, [h.phrase for h in tight_hits + halts]
        return Direction.neutral, []
    if easing > 0 and easing >= 0.8 * tight:
        return Direction.easing, [h.phrase for h in easing_hits]
    return Direction.tightening, [h.phrase for h in tight_hits + halts]


def _status(etype: EventType, carriers: list[_Sent]) -> tuple[Status | None, list[str]]:
    if etype in (EventType.commentary, EventType.not_relevant) or not carriers:
        return None, []
    top = sorted(carriers, key=lambda s: -s.weight)[:3]
    strong = [h for s in top for h in s.cues("numbered")] + [
        h for s in top for h in s.cues("enacted")
        if h.phrase.startswith(("take", "took", "in force", "into force", "effective",
                                "federal register", "announcement n", "起", "号公告", "正式"))
    ]
    if strong:
        return Status.enacted, [h.phrase for h in strong]
    score = {
        Status.speculation: _weighted(top, "speculation"),
        Status.announced: _weighted(top, "announced"),
        Status.enacted: _weighted(top, "enacted"),
    }
    # "announced" alone is the verb of every report; "will" and "plans to" are intent.
    score[Status.announced] -= 0.6 * sum(
        s.weight for s in top for h in s.cues("announced") if h.phrase in ("announced", "announces")
    )
    best = max(score, key=lambda k: (score[k], k is Status.enacted))
    if score[best] <= 0:
        return Status.announced, []
    return best, [h.phrase for s in top for h in s.cues(best.value)]


def _issuer(etype: EventType, carriers: list[_Sent], sents: list[_Sent], full: str) -> tuple[str | None, list[str]]:
    if etype in (EventType.commentary, EventType.not_relevant):
        return None, []
    ordered = sorted(carriers, key=lambda s: -s.weight)
    counts: dict[str, float] = defaultdict(float)
    first: list[Hit] = []
    for s in ordered:
        for h in sorted(s.cues("actor"), key=lambda h: h.start):
            if _OBJECT_PREP.search(full, max(0, h.start - 12), h.start):
                counts[h.value] += 0.2 * s.weight
                continue
            counts[h.value] += s.weight
            if not first or first[0] is None:
                first.append(h)
    if etype is EventType.trade_talks:
        lead_actors = {h.value for s in sents if s.in_lead for h in s.hits.get("actor", [])}
        if len(lead_actors) >= 2:
            return "multiple", sorted(lead_actors)
    if etype is EventType.mineral_export_control and counts.get("CN", 0) > 0:
        return "CN", ["China"]
    if etype is EventType.chip_export_control and counts.get("US", 0) > 0 and not (
        first and first[0].value in ("NL", "JP")
    ):
        return "US", ["United States"]
    if first:
        return first[0].value, [first[0].phrase]
    if counts:
        value = max(counts, key=counts.__getitem__)
        return value, [value]
    return None, []


_NARROW = {"heavy_rare_earths", "medium_heavy_2025_04", "added_2025_10", "light_rare_earths",
           "ndfeb_magnets", "ndpr", "smco_magnets"}


def _elements(etype: EventType, carriers: list[_Sent], sents: list[_Sent], full: str) -> tuple[list[str], list[str]]:
    if etype is EventType.not_relevant:
        return [], []
    chosen = set(id(s) for s in carriers)
    for s in sents:
        # The title names the subject; a list right after an event sentence spells it out.
        if s.info.is_title and s.elements:
            chosen.add(id(s))
        if id(s) in chosen:
            continue
        previous = sents[s.info.index - 1] if s.info.index > 0 else None
        if previous is not None and id(previous) in chosen and len(s.elements) >= 2 and not s.background:
            chosen.add(id(s))
    subject = [s for s in sents if id(s) in chosen]
    hits = [h for s in subject for h in s.elements if h.start < s.reason_at]
    if not hits:
        lead = [s for s in sents if s.in_lead and not s.background]
        hits = [h for s in lead for h in s.elements if h.start < s.reason_at]
    if etype is EventType.commentary:
        hits = [h for s in sents if s.in_lead for h in s.elements]
    narrow = any(
        h.kind == "group" and h.value in _NARROW
        or h.kind == "element" and h.value in gazetteer.ALL_RARE_EARTHS
        for h in hits
    )
    found: set[str] = set()
    phrases: list[str] = []
    for h in hits:
        if h.kind == "generic" and narrow and not _technology_follows(full, h):
            continue
        found.update(gazetteer.expand(h))
        phrases.append(full[h.start : h.end])
    return sorted(found), phrases


_TECH_WINDOW = 60


def _technology_follows(full: str, hit: Hit) -> bool:
    window = full[hit.end : hit.end + _TECH_WINDOW].lower()
    return any(w in window for w in ("technolog", "mining", "smelting", "separation", "processing", "技术"))


def _chips(etype: EventType, carriers: list[_Sent]) -> tuple[bool, list[str]]:
    if etype is EventType.chip_export_control:
        return True, [h.phrase for s in carriers for h in s.cues("chip")][:5]
    if etype in (EventType.commentary, EventType.not_relevant, EventType.supply_disruption,
                 EventType.industrial_policy):
        return False, []
    found = [
        h.phrase
        for s in carriers
        if s.in_lead and s.cues("chip") and (s.cues("chip_rule") or s.cues("control"))
        for h in s.cues("chip")
    ]
    return bool(found), found


def classify(text: str, title: str = "") -> Classification:
    """Classify one text; pure and deterministic. `incident_id` is left for the incident store."""
    title, text = _split_title(text or "", (title or "").strip())
    full, sents = _read(text, title)
    etype, _totals, carriers = _decide_type(sents, title)
    direction, direction_ev = _direction(etype, carriers)
    effective, effective_ev = dates.effective_date(full) if etype not in (
        EventType.commentary, EventType.not_relevant) else (None, "")
    status, status_ev = _status(etype, carriers)
    if effective is not None and status is Status.announced:
        # A stated start date means the measure is issued, even if it starts later (LABELS.md).
        status, status_ev = Status.enacted, [effective_ev]
    issuer, issuer_ev = _issuer(etype, carriers, sents, full)
    elements, element_ev = _elements(etype, carriers, sents, full)
    chips, chips_ev = _chips(etype, carriers)
    subject = carriers or [s for s in sents if s.in_lead]
    stages = sorted({h.value for s in subject for h in s.cues("stage")}) if etype not in (
        EventType.not_relevant,) else []
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
        told = {id(s): s for s in subject}
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
    names = {h.value for s in pool.values() for h in s.cues("company")}
    for s in pool.values():
        for m in _COMPANY_PATTERN.finditer(full, s.info.start, s.info.end):
            names.add(m.group(0).strip())
    return sorted(names)
