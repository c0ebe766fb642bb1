"""Direction: tightening, easing or neutral, read from what the event's sentences say is done to
what ("suspends the ban" eases, "suspends the licences" restricts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chokewatch.shared.messages import Direction, EventType

from .cues import (
    CARVE_OUTS,
    CHINESE_DENIALS,
    CHINESE_NEGATIONS,
    HALTING,
    PROBES,
    RESTRICTIONS,
    SIGNING,
    STOPPING,
    TRADE_REMEDIES,
)
from .gazetteer import Hit
from .sentence_cues import LEADING, CuedSentence

_NEGATION_REACH = 60
_CN_NEGATION_REACH = 3
_APPROVED_BY = re.compile(r"\w*\s+by\b")
_SIGNED_OFF = re.compile(r"(?:经|經|国务院|國務院)\s*$")
# "If approved, the ruling would ...": a condition, not a relief granted.
_CONDITION = re.compile(r"\b(?:if|once|unless|until)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_CONTRAST = re.compile(r",?\s(?:while|whereas|as other|but|even as)\s")
_OBJECT_REACH = 20
# "dropped its requirement", "abandons plans to restrict", "shelved the ban"
_DROPPED = re.compile(
    r"\b((?:drop|dropp|abandon|shelv|ditch)\w*)\s+(?:[\w-]+\s+){0,3}\Z", re.IGNORECASE
)
_DROPPED_REACH = 40
_NEGATION = re.compile(
    r"\b(?:without|no|not|never|failed to|fail to|refused to|declined to|denies|denied|rules out"
    r"|ruled out|ruling out)\b[^,;]*$|n't\b[^,;]*$"
)


_ADDING = frozenset({"add", "adds", "added", "adding"})
_TO_RELIEF = re.compile(
    r"[^.;]{0,60}?\bto\s+(?:the\s+|its\s+|a\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:exemptions?|exclusions?|exempt(?:ion)? list|whitelist|white list|general licen[cs]es?)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;，；]|\s(?:while|but)\s")
# Verbs of a restricting act: "curbs" or "ban" before a relief are the relief's object.
_TIGHT_VERBS = frozenset({"adds", "added", "imposes", "imposed", "bans", "banned", "denied", "收紧"})
_RESTORING = ("resum", "restor", "reopen", "restart", "恢复", "复产")
# "Exports of rare earth magnets rose 75%": trade figures say whether supply came back or dried up.
_FIGURES = re.compile(
    r"\b(?:exports?|shipments)\b[^.;:!?]{0,50}?\b(?:(rose|rise[sn]?|rebound\w*|jump\w*|surg\w+|recover\w*"
    r"|climb\w*|doubled|picked up|pick up)|(fell|fall[sen]*|plung\w+|slump\w*|drop\w*|tumbl\w+"
    r"|collaps\w+|dried up|halved))\b",
    re.IGNORECASE,
)

# The answer of a Q&A with the press ("答：", "A:"), which tells what the question asked about.
_ANSWER = re.compile(r"\s*(?:答|回答|A)\s*[:：]")

_AHEAD = re.compile(r"\bahead of\b|\bbefore\b|stockpil|front-?run|抢", re.IGNORECASE)


def _trade_figures(s: CuedSentence, full: str) -> tuple[list[Hit], list[Hit]]:
    """Figures reported as the news, in the title or lead; a rush "ahead of the deadline" is
    buyers stocking up before a control, not supply restored."""
    m = _FIGURES.search(full, s.info.start, s.info.end) if s.in_lead else None
    if m is None or _AHEAD.search(full, s.info.start, s.info.end):
        return [], []
    up = m.group(1) is not None
    hit = Hit(m.start(), m.end(), "easing" if up else "tightening", "figures", m.group(1) or m.group(2))
    return ([hit], []) if up else ([], [hit])


def _restoring_only(
    read: list[tuple[CuedSentence, list[Hit], list[Hit]]],
) -> list[tuple[CuedSentence, list[Hit], list[Hit]]]:
    return [(s, [h for h in e if h.phrase.startswith(_RESTORING)], t) for s, e, t in read]


def _probe_only(carriers: list[CuedSentence], full: str) -> bool:
    """The tariff news is an investigation opened ("a Section 232 probe into imports of ..."); a
    trade-remedy case against one country's goods is the first step of a duty on them."""
    said = " ".join(full[s.info.start : s.info.end].lower() for s in carriers[:2])
    return any(w in said for w in PROBES) and not any(w in said for w in TRADE_REMEDIES)


def weighted(carriers: list[CuedSentence], kind: str) -> float:
    return sum(len(s.cues(kind)) * s.weight for s in carriers)


def _direction_cues(s: CuedSentence, full: str) -> tuple[list[Hit], list[Hit]]:
    """A sentence's easing and tightening words, read for what they act on.

    An easing word inside a supply halt ("suspension of cobalt exports") or under a negation
    ("without a truce extension") eases nothing; restriction words after an easing verb are
    its object ("lifted the ban", "suspends the requirement").
    """
    easing = s.cues("easing")
    tight = s.cues("tightening")
    if not easing and not tight:
        return _trade_figures(s, full)
    if tight and not easing:
        easing = _stopped_restrictions(tight, full)
    if not easing:
        return easing, tight
    # "adds cobalt to the exemptions": what is added to a relief list is relieved.
    tight = [h for h in tight if not (h.phrase in _ADDING and _TO_RELIEF.match(full, h.end))]
    halts = s.cues("supply_halt")
    kept = []
    contrast = _CONTRAST.search(full, s.info.start, s.info.end)
    for h in easing:
        if any(a[0] <= h[0] < a[1] for a in halts):
            continue
        if any(t[0] <= h[0] and h[1] <= t[1] and t[1] - t[0] > h[1] - h[0] for t in tight):
            continue  # "revokes waivers": the relief is what is undone
        if contrast and contrast.start() > s.info.start + LEADING and h[0] > contrast.start():
            continue  # "raised the tariff on China, while pausing it for others": another party
        window = full[max(s.info.start, h[0] - _NEGATION_REACH) : h[0]]
        if _negated(window):
            continue
        if h.phrase.startswith("approv") and _APPROVED_BY.match(full, h[1]):
            continue  # "approved by the State Council": the measure's sign-off, not a licence
        if h.phrase == "批准" and _SIGNED_OFF.search(full, max(0, h[0] - 6), h[0]):
            continue  # "经国务院批准": the same sign-off in a Chinese notice
        if any(0 < h[0] - t[1] <= _OBJECT_REACH and t.phrase.startswith(STOPPING) for t in tight):
            continue  # "stop granting licences": the easing word is what stops
        if h.phrase.startswith(CARVE_OUTS) and any(t[1] <= h[0] for t in tight):
            continue  # "a 100% tariff, with exemptions for ...": a carve-out of the new measure
        if kept and kept[-1][0] == h[0]:
            continue  # one word, two stems ("exempt*", "exemption*")
        kept.append(h)
    if kept:
        first = min(h[0] for h in kept)
        tight = [h for h in tight if h[0] < first]
    return kept, tight


def _stopped_restrictions(tight: list[Hit], full: str) -> list[Hit]:
    """ "Halts the permit requirement", "drops its plan to restrict": a stopping verb whose object
    is a restriction eases; read as an easing word, the restriction after it is its object."""
    restrictions = [t for t in tight if t.phrase.startswith(RESTRICTIONS)]
    if not restrictions:
        return []
    found = [
        h
        for h in tight
        if h.phrase.startswith(HALTING) and any(0 < t[0] - h[1] <= _OBJECT_REACH for t in restrictions)
    ]
    for t in restrictions:
        m = _DROPPED.search(full, max(0, t[0] - _DROPPED_REACH), t[0])
        if m:
            found.append(Hit(m.start(), m.start() + len(m.group(1)), "easing", "", m.group(1)))
    return sorted(found)


_NEGATION_WORDS = (
    "no",
    "not",
    "never",
    "without",
    "fail",
    "refused",
    "declined",
    "n't",
    "if",
    "once",
    "unless",
    "until",
    "denie",
    "rule",
    "ruling out",
)


def _negated(window: str) -> bool:
    """Whether a negation or a condition governs the words after `window`."""
    if any(w in window[-_CN_NEGATION_REACH:] for w in CHINESE_NEGATIONS):
        return True  # "不会放宽", "未恢复": the relief is denied
    if any(w in window[-_CN_NEGATION_REACH - 2 :] for w in CHINESE_DENIALS):
        return True  # "没有获得批准", "尚未得到许可": the relief is not had
    low = window.lower()
    if not any(w in low for w in _NEGATION_WORDS):
        return False
    # "No Indian company has received approval": the negation may open the sentence.
    return _NEGATION.search(low) is not None or _CONDITION.search(window) is not None


def _headline_direction(
    read: list[tuple[CuedSentence, list[Hit], list[Hit]]], full: str
) -> tuple[Direction, list[str]] | None:
    """A title that carries the event and speaks one way only gives the direction: the body
    goes on to describe the measure that was suspended, or the relief that was revoked."""
    for s, easing, tight in read:
        if not s.info.is_title:
            continue
        if easing and not tight and not s.cues("supply_halt"):
            return Direction.easing, [h.phrase for h in easing]
        if tight and not easing and any(h.value == "undone" for h in tight):
            return Direction.tightening, [h.phrase for h in tight]
        if tight and easing and not s.cues("supply_halt"):
            two = _two_acts(easing, tight, full)
            if two is not None:
                return two
    return None


def _two_acts(easing: list[Hit], tight: list[Hit], full: str) -> tuple[Direction, list[str]] | None:
    """ "US adds 30 firms to the list, removes two": a title that reports two acts, clause by
    clause, leads with the one that is the news ("tariff rise paused" is one act undone)."""
    first_easing = min(h.start for h in easing)
    before = [h for h in tight if h.end <= first_easing and h.phrase in _TIGHT_VERBS]
    if before and _CLAUSE_BREAK.search(full, max(h.end for h in before), first_easing):
        return Direction.tightening, [h.phrase for h in before]
    return None


def _lead_direction(
    headline_read: list[tuple[CuedSentence, list[Hit], list[Hit]]],
    read: list[tuple[CuedSentence, list[Hit], list[Hit]]],
) -> tuple[Direction, list[str]] | None:
    """A title that speaks neither way leaves it to the lead sentence, when that eases only:
    the sentences after it recall the measure eased."""
    if any(
        s.info.is_title and (easing or tight or s.cues("supply_halt")) for s, easing, tight in headline_read
    ):
        return None
    for s, easing, tight in read:
        if s.info.position == 0 and not s.background:
            if easing and not tight and not s.cues("supply_halt"):
                return Direction.easing, [h.phrase for h in easing]
            return None
    return None


def direction_of(
    etype: EventType,
    carriers: list[CuedSentence],
    full: str,
    title: CuedSentence | None = None,
    lead: Sequence[CuedSentence] = (),
) -> tuple[Direction, list[str]]:
    """`title`: the text's title, read for its direction even when it carries no measure words
    ("China approves rare earth exports to European carmakers"). `lead`: the title and lead,
    background aside; when the measure's sentences say nothing of direction, a spokesman's
    answer among them tells it (the question names the minerals, "答：…建立绿色通道" the act)."""
    if etype in (EventType.commentary, EventType.not_relevant):
        return Direction.neutral, []
    read = [(s, *_direction_cues(s, full)) for s in carriers]
    if not any(e or t or s.cues("supply_halt") for s, e, t in read):
        told = [s for s in lead if all(s is not c for c in carriers) and _ANSWER.match(full, s.info.start)]
        read += [(s, *_direction_cues(s, full)) for s in told]
        carriers = [s for s, _, _ in read]
    if title is not None and all(title is not s for s in carriers):
        headline_read = [(title, *_direction_cues(title, full))]
    else:
        headline_read = read
    if etype is EventType.supply_disruption:
        # Supply comes back only when it resumes; "output cuts" are the disruption itself.
        read = _restoring_only(read)
        headline_read = _restoring_only(headline_read)
    easing_hits = [h for _, e, _ in read for h in e]
    tight_hits = [h for _, _, t in read for h in t]
    halts = [h for s in carriers for h in s.cues("supply_halt")]
    easing = sum(len(e) * s.weight for s, e, _ in read)
    tight = sum(len(t) * s.weight for s, _, t in read) + sum(
        s.weight * len(s.cues("supply_halt")) for s in carriers
    )
    if etype is EventType.supply_disruption:
        # A line restarting is the disruption's end, not more of it.
        tight += sum(
            s.weight for s in carriers for h in s.cues("disruption") if not h.phrase.startswith(_RESTORING)
        )
    if etype is EventType.industrial_policy:
        return Direction.neutral, []
    if etype is EventType.tariff and not easing_hits and not tight_hits and _probe_only(carriers, full):
        return Direction.neutral, []  # an investigation opened sets no duty yet
    if etype is EventType.trade_talks:
        breach = [h.phrase for s in carriers if s.in_lead and s.cues("talks") for h in s.cues("breach")]
        if breach:
            return Direction.tightening, breach  # a deal said to be broken: tension rises
    headline = _headline_direction(headline_read, full) or _lead_direction(headline_read, read)
    if headline is not None and (etype is not EventType.trade_talks or headline[0] is Direction.easing):
        return headline
    if etype is EventType.trade_talks:
        if easing >= 1.0 and easing >= tight:
            return Direction.easing, [h.phrase for h in easing_hits]
        if tight >= 2.0 and not easing:
            return Direction.tightening, [h.phrase for h in tight_hits + halts]
        signed = [h.phrase for s in carriers if s.in_lead for h in s.cues("enacted") if h.phrase in SIGNING]
        if signed and not tight_hits:
            return Direction.easing, signed  # a trade agreement signed, with no restriction in it
        return Direction.neutral, []
    if easing > 0 and easing >= 0.8 * tight:
        return Direction.easing, [h.phrase for h in easing_hits]
    return Direction.tightening, [h.phrase for h in tight_hits + halts]
