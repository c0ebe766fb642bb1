"""Elements: which minerals the development affects, from the sentences that carry it, with
group phrases expanded and vague ones ("rare earths") read against the lists a text states.
"""

from __future__ import annotations

import re

from chokewatch.shared.messages import EventType

from . import gazetteer
from .cues import PROCESS_WORDS, TECH_WORDS
from .gazetteer import Hit
from .sentence_cues import CuedSentence
from .sentences import DEBRIS_WEIGHT

# Groups that are a definite list; with one of these or named elements, vaguer phrases
# ("rare earths", "heavy rare earths") only restate the list.
_DEFINITE = {"medium_heavy_2025_04", "added_2025_10"}
_VAGUE = {"heavy_rare_earths", "light_rare_earths", "rare_earths", "medium_heavy_rare_earths"}
_RESTATE_REACH = 120
_ONE_BEFORE = re.compile(r"\b(?:a|an|one)\s+(?:[A-Za-z-]+\s+)?$", re.IGNORECASE)
_ONE_REACH = 24
_SENTENCE_BREAK = re.compile(r"[.!?。！？;；]\s|\n")
_MAGNETS = "ndfeb_magnets"
_AND_MAGNETS = re.compile(
    r"(?:\s+elements?|\s+metals?|\s+minerals?)?\s*(?:,\s*|\s+and\s+|\s*&\s*)(?:related\s+|their\s+)?magnets\b"
    r"|(?:元素)?(?:及|和|以及)(?:相关)?磁(?:体|铁|材)",
    re.IGNORECASE,
)
_MAGNET_METALS = frozenset(gazetteer.GROUPS[_MAGNETS])  # a list of these names the magnets' own
_NARROWER = {"heavy_rare_earths", "light_rare_earths", "medium_heavy_rare_earths"}
LIST_WINDOW = 6  # body sentences within which a sentence spelling out a list counts
# Measures that need not touch a mineral: a chip rule, a sanction on firms.
_NO_MINERAL_TYPES = (EventType.chip_export_control, EventType.sanctions)
FIRST_NAMING_REACH = 8  # body sentences searched when the event's own sentences name no mineral
# The October 2025 expansion, which reached every rare earth and its technologies.
_OCTOBER_CONTROLS = re.compile(r"[Oo]ctober\s+9|Oct\.?\s+9\b|10\s*月\s*9\s*日")
# The April 2025 rare-earth licensing named by its month: "imposed in April", "the April curbs".
_APRIL_CN = re.compile(r"4\s*月\s*4\s*日")
_APRIL_BEFORE = re.compile(
    r"(?:imposed|introduced|announced|since|from|in|early|mid-?)\s+(?:early\s+|mid-?)?$"
)
_APRIL_AFTER = re.compile(
    r"(?:\s+4)?(?:['’]s)?\s+(?:export\s+)?(?:controls?|curbs?|restrictions?|licensing|measures?)"
)
_TECH_WINDOW = 60
_TECH_BEFORE = 80  # "technology to make magnets and to separate rare earths"
_WHETHER_REACH = 80
# Nouns that make "rare earth(s)" a label for a trade, firm or place rather than what a measure covers.
_DESCRIPTOR = re.compile(
    r"s?\s+(?:traders?|producers?|miners?|mines?|companies|company|firms?|industry|sector|stocks?"
    r"|shares|projects?|developers?|deposits?|markets?|prices?|business|supply chains?|export controls?"
    r"|export curbs?|export restrictions?|controls?|curbs?|restrictions?|regime|oxides? prices"
    r"|separation|refining|refinery|plants?|facility|facilities|production|output|capacity|feed)\b",
    re.IGNORECASE,
)


def _subject_sentences(carriers: list[CuedSentence], sents: list[CuedSentence]) -> list[CuedSentence]:
    # Page furniture ("Related: ...") names other pages' subjects, even when it votes.
    chosen = {id(s) for s in carriers if s.info.weight > DEBRIS_WEIGHT}
    for s in sents:
        if s.background or not s.elements:
            continue
        if s.info.is_title or s.info.position < 2:
            chosen.add(id(s))  # the title and the lead sentence name the subject
        elif s.info.position < LIST_WINDOW and len(s.elements) >= 2 and s.cues("listing"):
            chosen.add(id(s))  # "the list includes ...", "the items cover ..."
    return [s for s in sents if id(s) in chosen]


def elements_of(
    etype: EventType, carriers: list[CuedSentence], sents: list[CuedSentence], full: str
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
    hits = _title_scope(hits, sents) + _restating_groups(subject, hits)
    rare_named = {h.value for h in hits if h.kind == "element" and h.value in gazetteer.ALL_RARE_EARTHS}
    # A named list, or a group that is one ("NdPr", "SmCo magnets"), is what the text means.
    definite = len(rare_named) >= 2 or any(h.kind == "group" and h.value not in _VAGUE for h in hits)
    stated = set() if definite or rare_named else _stated_rare_earths(sents, full)
    # "heavy rare earths" beside "rare earths": the narrower group is what the text means.
    narrower = any(h.kind == "group" and h.value in _NARROWER for h in hits)
    found: set[str] = set()
    phrases: list[str] = []
    for h in hits:
        if h.kind == "generic" and len(rare_named - _MAGNET_METALS) < 2 and _AND_MAGNETS.match(full, h.end):
            # "rare earths and magnets", "稀土及相关磁体": the measure's magnets, their own metals
            # (beside a named list, they are that list's magnets)
            found.update(gazetteer.GROUPS[_MAGNETS])
        if h.kind == "generic" and narrower and not stated and not _technology_follows(full, h):
            continue
        vague = h.kind == "generic" or (h.kind == "group" and h.value in _VAGUE)
        if vague and stated and not _technology_follows(full, h):
            found.update(stated)  # "rare earths" restates the list the text spells out elsewhere
            phrases.append(full[h.start : h.end])
            continue
        if vague and definite and not (h.kind == "generic" and _technology_follows(full, h)):
            continue
        if len(rare_named - _MAGNET_METALS) >= 2 and _magnets_of_the_list(full, h):
            continue  # "rare earth magnets" beside the list of rare earths: that list's magnets
        if vague and rare_named and not _technology_follows(full, h):
            if _DESCRIPTOR.match(full, h.end) or _restates_named(hits, h, full) or _one_of(full, h):
                continue  # "rare earth traders"; "dysprosium oxide, the first heavy rare earth"
        found.update(gazetteer.expand(h))
        phrases.append(full[h.start : h.end])
    return sorted(found), phrases


def _one_of(full: str, h: Hit) -> bool:
    """ "a Western heavy rare earth": one element of the group, the one the text names."""
    said = full[h.start : h.end]
    if said.endswith(("s", "S")) or full[h.end : h.end + 1].isalpha():
        return False
    return _ONE_BEFORE.search(full, max(0, h.start - _ONE_REACH), h.start) is not None


def _restates_named(hits: list[Hit], h: Hit, full: str) -> bool:
    """A group phrase after a rare earth named earlier in its sentence names that element's kind
    ("its first dysprosium oxide, ... the first producer of heavy rare earths outside China")."""
    for k in hits:
        if k.kind == "element" and k.value in gazetteer.ALL_RARE_EARTHS and k.end <= h.start:
            between = full[k.end : h.start]
            if len(between) <= _RESTATE_REACH and not _SENTENCE_BREAK.search(between):
                return True
    return False


def _magnets_of_the_list(full: str, h: Hit) -> bool:
    """ "rare earth magnets", "稀土磁体": magnets named by the group, not by their alloy (NdFeB)."""
    if h.kind != "group" or h.value != _MAGNETS:
        return False
    said = full[h.start : h.end].lower()
    return "rare" in said or "稀土" in said


def _restating_groups(subject: list[CuedSentence], hits: list[Hit]) -> list[Hit]:
    """ "Rare earth shortage idles plant" then "... a shortage of rare earth magnets caused by
    ...": a vague title restated as a narrower group, even inside the cause, names the elements."""
    if any(h.kind != "generic" for h in hits) or not hits:
        return []
    return [
        h
        for s in subject
        for h in s.elements
        if h.kind == "group" and h.value not in _VAGUE and s.reason_at <= h.start < s.reason_end
    ]


def _first_naming(sents: list[CuedSentence]) -> list[CuedSentence]:
    """The first sentence of the body that names minerals, when the sentences carrying the event
    name none ("the measures cover the following items: ...")."""
    for s in sents:
        if s.info.position >= FIRST_NAMING_REACH:
            break
        if s.elements and not s.background and s.weight > DEBRIS_WEIGHT:
            return [s]
    # None but a sentence recalling the measure itself ("the notices had put rare earths under
    # control"): a measure suspended or extended is named by what it covered.
    for s in sents:
        if s.info.position >= FIRST_NAMING_REACH:
            break
        if s.elements and s.cues("control") and s.info.weight > DEBRIS_WEIGHT:
            return [s]
    return []


def _title_scope(hits: list[Hit], sents: list[CuedSentence]) -> list[Hit]:
    """A title naming its minerals ("... on lithium batteries and graphite anodes") and no rare
    earths sets the scope: "rare earths" further on are another measure or context."""
    if not sents or not sents[0].info.is_title:
        return hits
    title = sents[0].elements
    if not title or any(h.kind != "element" or h.value in gazetteer.ALL_RARE_EARTHS for h in title):
        return hits
    end = sents[0].info.end
    return [h for h in hits if h.start < end or not (h.kind == "generic" or h.value in _VAGUE)]


def _stated_rare_earths(sents: list[CuedSentence], full: str) -> set[str]:
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
    if not stated and _names_april_controls(full) and not _names_october_controls(full):
        # Rare-earth licences "since April", "the April controls": the seven of April 2025.
        stated.update(gazetteer.GROUPS["medium_heavy_2025_04"])
    return stated


def _names_april_controls(full: str) -> bool:
    if "月" in full and _APRIL_CN.search(full):
        return True
    for word in ("April", "april", "APRIL"):
        at = full.find(word)
        while at >= 0:
            before = full[max(0, at - 24) : at].lower()
            if _APRIL_BEFORE.search(before) or _APRIL_AFTER.match(full[at + 5 : at + 45].lower()):
                return True
            at = full.find(word, at + 5)
    return False


def _names_october_controls(full: str) -> bool:
    return ("ctober" in full or "Oct" in full or "月" in full) and _OCTOBER_CONTROLS.search(full) is not None


def _technology_follows(full: str, hit: Hit) -> bool:
    """ "rare earth processing technologies", "technologies for rare earth mining": the text
    means the technology, not a place or trade ("a rare earth mining town")."""
    after = full[hit.end : hit.end + _TECH_WINDOW].lower()
    if any(w in after for w in TECH_WORDS):
        return True
    # "technology to extract and separate rare earths": the process may come before the name;
    # "ReElement Technologies, which refines rare earths" names a firm, not a technology.
    said = full[max(0, hit.start - _TECH_BEFORE) : hit.start]
    before = said.lower()
    if not any(w in before for w in TECH_WORDS):
        return False
    if any(w in after for w in PROCESS_WORDS):
        return True
    return any(w in said for w in TECH_WORDS) and any(w in before for w in PROCESS_WORDS)
