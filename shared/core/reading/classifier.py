"""Reads one text and decides what new development it reports (README, How a text is read).

The reading runs as named passes, each in its own module:

1. `titles`: the title, when the text came without one;
2. `scan`: one pass of the lexicon (`cues`, `gazetteer`) over the text, hits grouped by sentence;
3. `roles`: each sentence's reason clause and whether it tells background, which set how much
   its cues count (`sentence_cues`);
4. `type_vote` and `event_type`: each sentence votes with a weight that favours the title and
   lead; the winning type comes with the sentences that carry it;
5. the field readers (`direction`, `status`, `issuers`, `element_scope`, `chips`, `dates`,
   `companies`) read those sentences.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from chokewatch.shared.messages import Classification, EventType

from ..severity import severity
from . import companies, dates
from .chips import chips_of
from .cues import PROPOSALS, THREATS
from .direction import direction_of
from .element_scope import elements_of
from .event_type import decide
from .hanzi import simplified
from .incident_facts import opinion
from .incident_rules import anchors
from .issuers import PRESSED_TYPES, issuer_of, urged
from .roles import roles
from .scan import scan
from .sentence_cues import CuedSentence
from .status import status_of
from .titles import split_title
from .type_vote import votes_measure

ANCHOR_SENTENCES = 6  # event sentences searched for numbers, dates and names of the measure
_SILENT = (EventType.commentary, EventType.not_relevant)
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


def classify(text: str, title: str = "", published_at: date | datetime | None = None) -> Classification:
    """Classify one text; pure and deterministic. `incident_id` is left for the incident store.

    `published_at`, when known, places a start date written without a year ("from 15 September").
    """
    published = published_at.date() if isinstance(published_at, datetime) else published_at
    # Traditional characters (Taiwan, Hong Kong) read as simplified ones, one for one: every
    # Chinese word list and pattern then serves both scripts.
    title, text = split_title(simplified(text or ""), simplified((title or "").strip()))
    full, sents = read(text, title)
    etype, carriers = decide(sents, title, full)
    if etype not in _SILENT and opinion(text, title):
        # A signed opinion piece ("Opinion | ...", "社评：", "The writer is ...") argues; it reports nothing.
        etype, carriers = EventType.commentary, []
    terms = _terms(etype, carriers, sents)
    heading = sents[0] if sents and sents[0].info.is_title else None
    opening = next((s for s in sents if s.info.position == 0 and not s.info.is_title), None)
    lead = [s for s in sents if s.in_lead and not s.background]
    direction, direction_ev = direction_of(etype, terms, full, heading, opening, lead)
    effective, effective_ev = _effective_date(etype, carriers, sents, full, published)
    # The title tells the mood of the news even when another sentence carries the measure.
    title_sent = [s for s in sents[:1] if s.info.is_title and all(s is not c for c in terms)]
    pressed = etype in PRESSED_TYPES and urged(sents, full) is not None
    told = terms[len(carriers) :] + title_sent
    # A reporter's question tells what was asked, not how far the measure has gone: the answer
    # ("已及时批准…") gives the status when it carries the measure too.
    asked = asked_sentences(sents, full)
    answered = [s for s in carriers if s.info.index not in asked] or carriers
    told = [s for s in told if s.info.index not in asked]
    status, status_ev = status_of(etype, answered, effective_ev, told, full, pressed, lead)
    issuer, issuer_ev = issuer_of(etype, carriers, sents, full)
    elements, element_ev = elements_of(etype, terms, sents, full)
    chips, chips_ev = chips_of(etype, terms, full, lead)
    subject = carriers or [s for s in sents if s.in_lead]
    relevant = etype is not EventType.not_relevant
    evidence = {
        "event_type": sorted(
            {h.phrase for s in carriers[:4] for kind in _TYPE_KINDS[etype] for h in s.cues(kind)}
        )
        or [f"{etype.value}: no event in title or lead"],
        "direction": sorted(set(direction_ev))[:8],
        "status": sorted(set(status_ev))[:8],
        "issuer": issuer_ev[:4],
        "elements": list(dict.fromkeys(element_ev))[:12],
        "chips_involved": sorted(set(chips_ev))[:5],
        "effective_date": [effective_ev] if effective_ev else [],
    }
    if etype not in _SILENT:
        evidence["anchors"] = _anchors(subject, sents, full)
    return Classification(
        elements=elements,
        event_type=etype,
        direction=direction,
        issuer=issuer,
        status=status,
        chips_involved=chips,
        severity=severity(etype, direction, status, len(elements), chips),
        stages=sorted({h.value for s in subject for h in s.cues("stage")}) if relevant else [],
        companies=_companies(sents, subject, full) if relevant else [],
        effective_date=effective,
        evidence={k: v for k, v in evidence.items() if v},
    )


def read(text: str, title: str) -> tuple[str, list[CuedSentence]]:
    """The text (title first) and its sentences, each with its hits and role."""
    full = f"{title}\n{text}" if title else text
    scanned = scan(full, len(title))
    return full, [
        CuedSentence(info, hits, elements, *role)
        for info, hits, elements, role in zip(
            scanned.sentences, scanned.hits, scanned.elements, roles(scanned), strict=True
        )
    ]


def _terms(etype: EventType, carriers: list[CuedSentence], sents: list[CuedSentence]) -> list[CuedSentence]:
    """A deal's direction and reach are in the measures its lead reports ("China will suspend ...")."""
    if etype is not EventType.trade_talks:
        return carriers
    return carriers + [
        s
        for s in sents
        if s.in_lead and not s.background and all(s is not c for c in carriers) and _tells_terms(s)
    ]


def _tells_terms(s: CuedSentence) -> bool:
    """A measure, or a relief told without a measure word ("committed to ensure steady supplies
    of rare earths")."""
    goods = s.elements or s.hits.get("mineral") or s.cues("chip")
    return votes_measure(s) or bool(s.cues("easing") and goods)


def _effective_date(
    etype: EventType,
    carriers: list[CuedSentence],
    sents: list[CuedSentence],
    full: str,
    published: date | None,
) -> tuple[date | None, str]:
    """The start date in the lead, an event sentence or the closing line of a notice.

    A stated start date means the measure is issued, even if it starts later (README, How a text is read).
    """
    if etype in _SILENT:
        return None, ""
    told = {id(s): s for s in carriers[:ANCHOR_SENTENCES]}
    told.update({id(s): s for s in sents if s.in_lead or s is sents[-1]})
    dated = " ".join(
        full[s.info.start : s.info.end] for s in sorted(told.values(), key=lambda s: s.info.start)
    )
    effective, effective_ev = dates.effective_date(dated, full, published)
    if effective_ev and _threatened(sents, full, effective_ev):
        return None, ""  # "threatened 100% tariffs from November 1"
    return effective, effective_ev


def _threatened(sents: list[CuedSentence], full: str, phrase: str) -> bool:
    """Whether the sentence giving a start date tells the measure as a threat, a possibility or a
    proposal."""
    at = full.find(phrase)
    for s in sents:
        if s.info.start <= at < s.info.end:
            return any(h.start < at and h.phrase.startswith(THREATS) for h in s.cues("speculation")) or any(
                h.start < at and h.phrase in PROPOSALS for h in s.cues("announced")
            )
    return False


# A reporter's question at a press conference: "问：…", "有提问称…", "记者问…", running to
# the sentence that ends it with a question mark.
_QUESTION_OPENING = re.compile(
    r"\s*(?:问\s*[:：]|有(?:记者)?提问(?:称|说)?|记者(?:提)?问|提问\s*[:：]|Q\s*[:：])"
)
_QUESTION_END = re.compile(r"[?？]\s*$")
_QUESTION_SPAN = 3  # sentences a question may run to


def asked_sentences(sents: list[CuedSentence], full: str) -> set[int]:
    """Indexes of the sentences that make up a reporter's questions."""
    asked: set[int] = set()
    for i, s in enumerate(sents):
        if s.info.is_title or not _QUESTION_OPENING.match(full, s.info.start, s.info.end):
            continue
        run = sents[i : i + _QUESTION_SPAN]
        ends = [k for k, t in enumerate(run) if _QUESTION_END.search(full, t.info.start, t.info.end)]
        asked.update(t.info.index for t in run[: ends[0] + 1 if ends else 1])
    return asked


def _anchors(subject: list[CuedSentence], sents: list[CuedSentence], full: str) -> list[str]:
    """Identifiers of the measure (numbers, dates, named rules) for the incident store."""
    told = {id(s): s for s in subject[:ANCHOR_SENTENCES]}
    told.update({id(s): s for s in sents if s.in_lead and not s.background})
    ordered = sorted(told.values(), key=lambda s: s.info.start)
    return anchors(" ".join(full[s.info.start : s.info.end] for s in ordered))


def _companies(sents: list[CuedSentence], subject: list[CuedSentence], full: str) -> list[str]:
    pool = {id(s): s for s in subject}
    pool.update({id(s): s for s in sents if s.in_lead})
    known = [(h.value, h.start, h.end) for s in pool.values() for h in s.cues("company")]
    return companies.from_text(full, [(s.info.start, s.info.end) for s in pool.values()], known)
