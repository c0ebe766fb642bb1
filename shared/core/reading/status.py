"""Status: enacted, announced or speculation, read from the mood of the title and lead."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chokewatch.shared.messages import EventType, Status

from .cues import (
    CONTINUED_MARKERS,
    IMPACT_MODALS,
    IMPACT_VERBS,
    LEADERS,
    PAST_ENDINGS,
    PLAIN_FUTURE,
    PROBE_OPENINGS,
    PROBES,
    PURPOSE_MARKERS,
    RUMOURS,
    SIGNING,
    STRONG_ENACTED,
)
from .direction import weighted
from .gazetteer import Hit
from .sentence_cues import MAIN_KINDS, NO_HITS, NO_REASON, CuedSentence

# "The decision to require", "the move to ban": the infinitive names the measure, not a plan.
_NOMINAL = re.compile(r"(?:decision|move|step|order|rule|measure|notice)\s+$")
_WHETHER = re.compile(r"whether\s+$")
# "将 X 列入清单": 将 marks the object of a listing, not the future.
_BA_OBJECT = re.compile(
    r"[^，。；,;]{1,30}?(?:列入|纳入|移出|移除|认定为|列為|列入|納入|扩大至|扩大到|擴大至|延长至|延長至"
    r"|调整为|調整為|改为|改為|提高至|提高到|下调至|下調至|降至|视为|視為|作为|作為)"
)
_FUTURE_PASSIVE = re.compile(r"\b(?:would|will|to)\s+be\s+\Z")
_EFFECT_TYPES = (EventType.supply_disruption, EventType.industrial_policy)  # their effects are the news
# "approved customers", "licensed exporters": a done-word used as an adjective tells no act.
_ATTRIBUTIVE = re.compile(
    r"\s+(?:customers|buyers|users|end users|end-users|exporters|importers|companies|firms|suppliers"
    r"|vendors|entities|applicants|applications|products|items)\b"
)
# "will continue to", "将继续": an ongoing act goes on, no new plan is told.
_CONTINUING = re.compile(r"\s*(?:continue|keep|继续|持续|繼續|持續)")
# A duty decided, or an investigation closed: the news is past the opening of a probe.
_DUTY_SET = re.compile(
    r"\b(?:impos(?:e|es|ed|ing)|levied|levies|set (?:a|the)|preliminary (?:determination|duties|duty|ruling)"
    r"|final (?:determination|duties|duty|ruling)|cash deposits?|conclu(?:de|des|ded|sion)"
    r"|complet(?:e|es|ed)|finali[sz](?:e|es|ed)|authori[sz](?:e|es|ed)|found that|start date)\b|征收|裁定"
)
# "the April controls remain in force": a measure that goes on, not the news.
_STILL = re.compile(r"\b(?:remains?|remained|still|stays?|stayed|already)\s+$", re.IGNORECASE)
_START_WORDS = (
    "takes effect",
    "take effect",
    "taking effect",
    "took effect",
    "came into",
    "comes into",
    "entered into force",
    "起施行",
    "起实施",
    "生效",
)
_GOVERNED_GAP = 12  # characters between a doubt and the act it governs ("warns of further cuts")
_PLAIN_GAP = re.compile(r"[\w\s-]*")  # no clause break between them
# "would take effect if approved", "has not come into force": no start stated.
_UNSTARTED = re.compile(r"\b(?:not|never|would|could|may|might|if|yet to)\s+(?:\w+\s+)?$")
# Bodies that issue measures by announcing them, unlike leaders and spokesmen.
_MINISTRY = re.compile(
    r"ministry|department|bureau|commission|mofcom|商务部|海关总署|安全局|委员会|工作机制|财政部|外交部"
)
_ANNOUNCER_REACH = 30  # characters between the body named and its "announced"
_PLANS = re.compile(
    r"\s+(?:on \w+\s+)?(?:that\s+)?(?:it\s+)?"
    r"(?:plans?|intends?|is considering|was considering|may|might|could)\b"
)
_DRAFTS = frozenset({"征求意见", "草案", "拟"})  # a Chinese draft, or a start it only proposes
_NOTICE_ONLY = ("federal register", "published a notice", "notice")
STATUS_SENTENCES = 2  # the title and the lead sentence carry the status of the news
# "have not signed", "yet to be signed", "expected to be signed": no deal put to paper.
_UNSIGNED = re.compile(
    r"\b(?:not|never|yet to|expected to|set to|due to|will|would|could|may|to)\s+(?:be\s+|have\s+)?$"
)


def status_of(
    etype: EventType,
    carriers: list[CuedSentence],
    effective_phrase: str,
    terms: list[CuedSentence],
    full: str,
    pressed: bool = False,
    lead: Sequence[CuedSentence] = (),
) -> tuple[Status | None, list[str]]:
    """`lead`: the title and lead, background aside, read for a start ("the rule takes effect
    next month") told apart from the sentences that carry the measure."""
    if etype in (EventType.commentary, EventType.not_relevant):
        return None, []
    # A deal's status is that of the measures its lead reports ("China will suspend ...").
    top = sorted(carriers, key=lambda s: -s.weight)[:STATUS_SENTENCES] + terms
    # A title whose measure sits in its "after ..." clause tells the mood of something else.
    top = [s for s in top if not (s.info.is_title and _measure_only_in_reason(s))]
    strong = _strong_enacted(top, full) + ([effective_phrase] if effective_phrase else [])
    opened = _probe_opened(top, full) if etype is EventType.tariff else []
    if opened and strong and all(p in _NOTICE_ONLY for p in strong):
        return Status.speculation, opened  # an investigation's notice in the register sets no duty
    if strong:
        return Status.enacted, strong
    if pressed:
        # "US urges Seoul to curb ...": the measure is the pressed government's, and only possible
        return Status.speculation, [h.phrase for s in top for h in s.cues("urging")]
    if opened:
        return Status.speculation, opened
    headline = _headline_status(top, full, etype not in _EFFECT_TYPES)
    issued = _issued(etype, top, lead, full, headline)
    if issued:
        return Status.enacted, issued
    if headline is not None and headline[0] is Status.enacted:
        plan = _lead_plan(top, full)
        return (Status.announced, plan) if plan else headline
    if headline is not None:
        done = _lead_done(top, full) if headline[0] is Status.announced else []
        return (Status.enacted, done) if done else headline
    measure = etype not in _EFFECT_TYPES
    spec = sum(s.weight for s in top for h in _doubts(s, full, measure))
    intent = sum(s.weight for s in top for h in _intents(s, full))
    # "would be granted", "will be lifted": a done-word told as intent.
    future = sum(s.weight for s in top for h in s.cues("enacted") if _future_passive(full, h))
    intent += future
    feared = sum(s.weight for s in top for h in s.cues("enacted") if _feared(s, full, h))
    done = weighted(top, "enacted") - future - feared
    if spec and any(_WHETHER.search(full, max(0, h[0] - 12), h[0]) for s in top for h in s.cues("announced")):
        spec += intent  # "discussing whether to restrict": an open question, not a plan
        intent = 0.0
    if spec > max(intent, done):
        return Status.speculation, [h.phrase for s in top for h in s.cues("speculation")]
    if intent > 0 and intent >= done:
        return Status.announced, [h.phrase for s in top for h in s.cues("announced")]
    hearsay = [h.phrase for s in top for h in s.hits.get("hearsay", NO_HITS)]
    if hearsay and not done:
        return Status.announced, hearsay  # decided, as unnamed sources tell it, not yet issued
    reported = [h.phrase for s in top for h in s.cues("reporting")]
    leaders = [h.phrase for s in top for h in s.cues("actor") if h.phrase in LEADERS]
    if not done and reported and leaders and etype not in _EFFECT_TYPES:
        # "Trump announced a 100% tariff": a leader's word, before any order or notice issues it
        return Status.announced, reported
    # Reported in the past or present tense with no word of intent: it has happened.
    return Status.enacted, [h.phrase for s in top for h in s.cues("enacted") + s.cues("reporting")]


def _issued(
    etype: EventType,
    top: list[CuedSentence],
    lead: Sequence[CuedSentence],
    full: str,
    headline: tuple[Status, list[str]] | None,
) -> list[str]:
    """Words that the act is done whatever else the text plans: a deal signed, a ministry's
    announcement, a start stated; a title that only speculates keeps its word."""
    if etype is EventType.trade_talks:
        signed = _signed(top, full)
        if signed:
            return signed  # a deal signed is done, whatever its terms will do
    if etype in _EFFECT_TYPES or (headline is not None and headline[0] is Status.speculation):
        return []
    return _ministry_announces(top, full) or _in_force(lead, full)


def _ministry_announces(top: list[CuedSentence], full: str) -> list[str]:
    """ "The commerce ministry announced that it will require permits": a ministry's
    announcement is the measure issued; a leader's or an official's word is not."""
    found = []
    for s in top:
        if not s.in_lead or s.background or s.cues("speculation"):
            continue
        for h in s.cues("reporting"):
            if not h.phrase.startswith(("announc", "宣布")):
                continue
            by = [a for a in s.cues("actor") if 0 <= h.start - a.end <= _ANNOUNCER_REACH]
            if any(_MINISTRY.search(a.phrase) for a in by) and not _PLANS.match(full, h.end):
                found.append(h.phrase)
    return found


def _in_force(lead: Sequence[CuedSentence], full: str) -> list[str]:
    """ "The rule takes effect next month": a start told without a date still means issued."""
    return [
        h.phrase
        for s in lead
        for h in s.cues("enacted")
        if h.phrase.startswith(_START_WORDS)
        and not _UNSTARTED.search(full, max(0, h.start - 20), h.start)
        and not _STILL.search(full, max(0, h.start - 12), h.start)
        and not s.cues("speculation")
        and not any(a.phrase in _DRAFTS for a in s.cues("announced"))
    ]


def _signed(top: list[CuedSentence], full: str) -> list[str]:
    """ "The two governments signed a framework": the deal's act, in the title or the lead."""
    return [
        h.phrase
        for s in top
        if s.in_lead and not s.background
        for h in s.cues("enacted")
        if h.phrase in SIGNING and not _UNSIGNED.search(full, max(0, h.start - 20), h.start)
    ]


def _strong_enacted(top: list[CuedSentence], full: str) -> list[str]:
    """Numbered notices and words of a measure in force, less those of one that goes on or of a
    draft put out for comment ("征求意见稿…拟自2026年1月1日起施行")."""
    top = [s for s in top if not any(h.phrase in _DRAFTS for h in s.cues("announced"))]
    return [h.phrase for s in top for h in s.cues("numbered")] + [
        h.phrase
        for s in top
        for h in s.cues("enacted")
        if h.phrase.startswith(STRONG_ENACTED)
        and not _STILL.search(full, max(0, h.start - 12), h.start)
        and not (h.phrase.startswith("take") and _UNSTARTED.search(full, max(0, h.start - 20), h.start))
    ]


def _probe_opened(top: list[CuedSentence], full: str) -> list[str]:
    """ "Commerce opens a Section 232 probe into ...": the news is an investigation begun; the
    duty it may end in is only possible until a rate is set or a duty imposed."""
    said = " ".join(full[s.info.start : s.info.end].lower() for s in top)
    probe = next((w for w in PROBES if w in said), None)
    if probe is None or not any(w in said for w in PROBE_OPENINGS):
        return []
    if _DUTY_SET.search(said) or any(h.value == "rate" for s in top for h in s.cues("tightening")):
        return []
    return [probe]


def _lead_plan(top: list[CuedSentence], full: str) -> list[str]:
    """ "China suspends curbs" over "China said it will suspend the curbs": a headline's present
    tense is shorthand; the lead's reported plain future tells the measure is not yet issued."""
    lead = next((s for s in top if not s.info.is_title), None)
    if lead is None or lead.cues("speculation"):
        return []
    done = [h for h in lead.cues("enacted") if not _ATTRIBUTIVE.match(full, h.end)]
    if any(not _future_passive(full, h) for h in done) or not lead.cues("reporting"):
        return []
    # "said it will suspend", "said the suspension would be extended"
    return [h.phrase for h in _intents(lead, full) if h.phrase in PLAIN_FUTURE] + [h.phrase for h in done]


def _lead_done(top: list[CuedSentence], full: str) -> list[str]:
    """ "Commerce to impose duties" over "Commerce issued a preliminary determination imposing
    duties": a headline's infinitive is shorthand when the lead tells the act done, with no
    intent or doubt of its own."""
    title = next((s for s in top if s.info.is_title), None)
    lead = next((s for s in top if s.info.position == 0 and not s.background), None)
    if title is None or title.hits.get("hearsay") or lead is None:
        return []  # "..., sources say": the act is told as reported, not as done
    if lead.cues("speculation") or _intents(lead, full) or lead.hits.get("hearsay"):
        return []
    return [
        h.phrase
        for h in lead.cues("enacted")
        if h.phrase.endswith(PAST_ENDINGS)
        and not _future_passive(full, h)
        and not _ATTRIBUTIVE.match(full, h.end)
    ]


def _measure_only_in_reason(s: CuedSentence) -> bool:
    """ "Washington weighs response after China's rare earth rules": the title's mood is about
    the response; the measure sits in the clause after "after"."""
    reasons = s.hits.get("reason")
    if not reasons:
        return False
    at = min(h.start for h in reasons)
    before = [h for kind in MAIN_KINDS for h in s.hits.get(kind, NO_HITS) if h.start < at]
    return not before and not any(h.start < at for h in s.elements)


def _headline_status(top: list[CuedSentence], full: str, measure: bool) -> tuple[Status, list[str]] | None:
    """A title that carries the event in one mood only gives the status ("China suspends ...",
    "China to exempt ...", "... could curb ..."); the body's reported speech does not undo it."""
    for s in top:
        if not s.info.is_title:
            continue
        moods = {
            Status.enacted: [
                h.phrase
                for h in s.cues("enacted")
                if not _future_passive(full, h) and not _feared(s, full, h)
            ],
            Status.announced: [h.phrase for h in _intents(s, full)]
            + [h.phrase for h in s.hits.get("hearsay", NO_HITS)],
            Status.speculation: [h.phrase for h in _doubts(s, full, measure)],
        }
        said = {status: phrases for status, phrases in moods.items() if phrases}
        if len(said) == 1:
            return next(iter(said.items()))
    return None


def _intents(s: CuedSentence, full: str) -> list[Hit]:
    """A sentence's words of intent, less those that name a measure or state a done act's purpose:
    "approved licences to allow shipments", "requires permits to tighten control"."""
    done = [h.start for h in s.cues("enacted") if not _future_passive(full, h)]
    first_done = min(done) if done else NO_REASON
    told = s.cues("announced")
    # A doubt that is itself the start of a word of intent ("seeks" in "seeks to") governs nothing.
    doubts = [k for k in s.cues("speculation") if not any(a.start == k.start for a in told)]
    quoted = _quotes_without_measure(s, full) if told else []
    return [
        h
        for h in told
        # '"We will respond," the minister said': a reaction's voice, not the measure's plan
        if not any(a <= h.start < b for a, b in quoted)
        # "poised to add", "will likely tighten": the doubt governs the plan
        if not any(k.start < h.start <= k.end + 1 or h.end <= k.start <= h.end + 1 for k in doubts)
        # "据传中国拟…", "市场传闻…将…": a rumour governs every plan told after it
        and not any(k.phrase in RUMOURS and k.start < h.start for k in doubts)
        and not _nominal_intent(full, h)
        and not (h.phrase in CONTINUED_MARKERS and _CONTINUING.match(full, h.end))
        and not (h.phrase.startswith(PURPOSE_MARKERS) and h.start > first_done)
    ]


_QUOTE = re.compile(r'"[^"]{8,}?"|“[^”]{8,}?”')
_MEASURE_KINDS = ("tightening", "easing", "control", "tariff", "sanctions", "chip_rule")


def _quotes_without_measure(s: CuedSentence, full: str) -> list[tuple[int, int]]:
    """Quoted speech in the sentence that names no measure ("we will respond")."""
    spans = []
    for m in _QUOTE.finditer(full, s.info.start, s.info.end):
        if not any(m.start() <= h.start < m.end()
                   for kind in _MEASURE_KINDS for h in s.hits.get(kind, NO_HITS)):
            spans.append((m.start(), m.end()))
    return spans


def _feared(s: CuedSentence, full: str, hit: Hit) -> bool:
    """ "Warns of output cuts", "could halt": the doubt governs the act, which has not happened."""
    return any(
        0 <= hit.start - k.end <= _GOVERNED_GAP and _PLAIN_GAP.fullmatch(full, k.end, hit.start)
        for k in s.cues("speculation")
    )


def _doubts(s: CuedSentence, full: str, measure: bool) -> list[Hit]:
    return [h for h in s.cues("speculation") if not (measure and _impact(full, h))]


def _impact(full: str, hit: Hit) -> bool:
    """ "The ban could hit carmakers": the modal tells of the measure's effects, not its status."""
    if hit.phrase not in IMPACT_MODALS:
        return False
    after = full[hit.end : hit.end + 14].lower().lstrip()
    return after.startswith(IMPACT_VERBS)


def _nominal_intent(full: str, hit: Hit) -> bool:
    if hit.phrase == "将":
        return _BA_OBJECT.match(full, hit.end) is not None  # "将…列入清单": the object marker
    if not hit.phrase.startswith("to "):
        return False
    return _NOMINAL.search(full[max(0, hit[0] - 12) : hit[0]].lower()) is not None


def _future_passive(full: str, hit: Hit) -> bool:
    return _FUTURE_PASSIVE.search(full[max(0, hit[0] - 14) : hit[0]].lower()) is not None
