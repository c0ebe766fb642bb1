"""Status: enacted, announced or speculation, read from the mood of the title and lead."""

from __future__ import annotations

import re
from collections.abc import Sequence

from chokewatch.shared.messages import EventType, Status

from .cues import (
    CONTENT_CLAUSE_HEADS,
    CONTINUED_MARKERS,
    GRANTING,
    IMPACT_MODALS,
    IMPACT_VERBS,
    LEADERS,
    PAST_ENDINGS,
    PLAIN_FUTURE,
    PROBE_OPENINGS,
    PROBES,
    PURPOSE_MARKERS,
    REPORTED_PLANS,
    RUMOURS,
    SIGNING,
    STRONG_ENACTED,
)
from .gazetteer import Hit
from .issuers import OBJECT_PREP
from .sentence_cues import MAIN_KINDS, NO_HITS, NO_REASON, CuedSentence

# "The decision to require", "the move to ban": the infinitive names the measure, not a plan.
# "the decision late last week to require", "its move on Friday to ban": a time between them too.
_NOMINAL = re.compile(
    # "licences to ship", "approval to resume": what a permit allows
    r"(?:decision|move|step|order|rule|measure|notice|licen[cs]es?|approvals?|permits?|permission|go-ahead"
    r"|nod|waivers?|clearance)\s+(?:(?:on|late|early|last|this|in|at|earlier)\s+"
    r"(?:[a-z]+\s+){0,2})?$"
)
_NOMINAL_REACH = 36
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
# "an export ban imposed over a row", "the curbs it announced in April": a participle after the
# measure's noun recalls how an earlier measure came, not the act the sentence reports; after a
# statement's noun it tells how the news was told.
_POST_NOMINAL = re.compile(
    r"\b(?:bans?|curbs?|controls?|restrictions?|tariffs?|duties|duty|rules?|measures?|sanctions"
    r"|licen[cs]es?|requirements?|limits?|regime|embargo|suspension|list|levies|probe|investigation|those"
    # "in a statement issued after markets closed": the words of the telling, not of the measure
    r"|statement|report|filing|post|letter|interview|briefing|remarks|comments|markets?)"
    r"\s+(?:(?:it|they|he|she|beijing|washington|tokyo|brussels|china|the (?:us|u\.s\.|government|ministry))"
    r"\s+(?:had\s+|has\s+|have\s+)?)?(?:[a-z]+ly\s+)?$",
    re.IGNORECASE,
)
_POST_NOMINAL_REACH = 60
# "the initiative will enhance cooperation", "the requirement will affect ASML": the measure as
# subject of "will" with a verb of its reach or effects tells what it does, not that it is planned.
_MEASURE_SUBJECT = re.compile(
    r"\b(?:initiative|framework|partnership|rules?|regulations?|measures?|requirements?|ban|curbs|controls"
    r"|restrictions|tariffs?|duties|deal|agreement|pact|programme|program|mechanism|regime|order|licen[cs]es?"
    r"|policy|move|step|decision|stockpile|fund|facility|plant|declaration|accord|law|act|notice)\s+$",
    re.IGNORECASE,
)
# "the declaration aims to counter ...", "the rule is designed to stop ...": a measure's purpose.
_PURPOSE_OF = frozenset({"aims to", "seeks to"})
_DESIGNED = re.compile(r"\b(?:is|are|was|were)\s+(?:designed|meant|intended)\s+$", re.IGNORECASE)
_REACH_VERBS = (
    "enhance", "strengthen", "help", "affect", "boost", "support", "ensure", "promote", "deepen",
    "improve", "cover", "apply", "target", "hit", "hurt", "benefit", "cost", "impact", "diversify",
    "secure", "create", "provide", "bolster", "accelerate", "reduce", "require", "allow", "enable",
    "mean", "give", "make", "serve", "focus", "include", "complement", "build on", "not apply",
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
    "effective immediately",  # in force from the day it is told
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
# "restrictions that threaten to disrupt", "customers whose use could enhance": a relative clause
# whose doubt governs what a noun does, not whether the measure comes.
_RELATIVE = re.compile(
    r"\b([a-z]{3,})\s*,?\s+(?:which|who|whose|that)\b[^,;:.!?\"“”]{0,40}$",
    re.IGNORECASE,
)
# "a deal that could define the summit": a relative clause on the news itself keeps its doubt,
# unless it tells only the news's effects ("curbs that threaten to disrupt factories").
_EVENT_NOUNS = re.compile(
    r"(?:trade|deals?|agreements?|pacts?|frameworks?|truce|measures?|bans?|rules?|curbs|controls"
    r"|restrictions|tariffs?|duties|sanctions|plans?|proposals?|moves?|steps?|regime|policy|policies"
    r"|licen[cs]es?|requirements?|suspension|exemptions?)$",
    re.IGNORECASE,
)
_AFTER_DOUBT = re.compile(r"\w*\s*(?:to\s+)?")  # past the rest of the word ("threat" in "threaten")
_RELATIVE_REACH = 60
# The modal voice of rules themselves: penalties for breaking them, permission to apply, the
# conditions of a procedure. They neither doubt nor plan the measure.
_LEGAL_MODALITY = re.compile(
    r"(?:could|may|might|would|will)\s+(?:face\s+(?:[\w-]+\s+){0,2}?(?:penalt|legal|prosecut|punish"
    r"|consequence|fines?\b|charges|criminal|liabilit|investigation|sanctions)"
    r"|be\s+(?:sanctioned|penali[sz]ed|punished|fined|prosecuted|held liable))"
    r"|may\s+(?:also\s+)?(?:apply|submit|file|request|ship|export|import|continue|resume|use|seek|obtain"
    r"|be exempt|be granted|be approved|be allowed)\b"
    r"|if\s+(?:domestic\s+|foreign\s+|the\s+|an?\s+|any\s+)?(?:enterprises?|companies|company|firms?"
    r"|exporters?|importers?|operators?|applicants?|buyers?|end users?|entities|individuals"
    r"|organi[sz]ations)\b",
    re.IGNORECASE,
)
_WARNED_PENALTY = re.compile(
    r"\w*[^.;:]{0,50}?\b(?:could|may|might|would|will)\s+(?:face|be\s+(?:sanctioned|penali[sz]ed|punished|fined"
    r"|prosecuted))\b",
    re.IGNORECASE,
)
# "may take additional steps if talks stall": a further measure threatened.
_FURTHER_STEPS = re.compile(
    r"[^.;:]{0,30}?\b(?:additional|further|more|other|new)\s+(?:[\w-]+\s+)?(?:steps|measures|actions?"
    r"|countermeasures|retaliation)\b",
    re.IGNORECASE,
)
# "The plant is expected to raise output", "the mine could produce": a doubt on what a facility
# or an investment yields, not on whether the act reported took place.
_OUTCOME_SUBJECT = re.compile(
    r"\b(?:facility|plant|factory|mine|project|refinery|line|capacity|output|production|investment|stake"
    r"|funding|loan|site|smelter)\s+(?:is|are|was|were|will be|would be)?\s*$",
    re.IGNORECASE,
)
# What a facility yields, as against whether it opens, halts or is approved.
_YIELD = re.compile(
    r"\w*\s+(?:to\s+)?(?:raise|supply|produce|add|increase|double|boost|create|meet|cover|reach|process"
    r"|make|provide|generate|employ|lift|triple)\b",
    re.IGNORECASE,
)
# "easing fears of shortages", "allaying concerns": the doubt is put to rest, not told.
_ALLAYED = re.compile(
    r"\b(?:eas|allay|calm|sooth|quell|dispel|assuag)\w*\s+(?:[\w'’-]+\s+){0,5}$", re.IGNORECASE
)
_WITH_PARTY = re.compile(r"\bwith\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+$")
_AMOUNT = re.compile(r"\s+(?:US\$|A\$|\$|€|£|¥|\d)")
_GOVERNED_REACH = re.compile(r"[^,;:.!?]{0,40}")
_GOVERNED_MEASURES = ("tightening", "easing", "control", "control_weak", "tariff", "sanctions", "chip_rule")
_DRAFTS = frozenset({"征求意见", "草案", "拟"})  # a Chinese draft, or a start it only proposes
_NOTICE_ONLY = ("federal register", "published a notice", "notice")
# A leader's word, and the instruments that turn it into a measure issued.
_LEADER_VOICE = re.compile(
    r"\b(?:said|says|say|told|tells|announc\w*|vow\w*|pledg\w*|promis\w*|wr[oi]te|writes|post\w*"
    r"|threat\w*|slaps?|slapped|hits|declar\w*|unveil\w*)\b|truth social",
    re.IGNORECASE,
)
_INSTRUMENT = re.compile(
    r"\b(?:executive orders?|proclamations?|sign(?:s|ed|ing)?|federal register|memorand\w*|decree"
    r"|fact ?sheet|notice|published|issued|in force|took effect|takes effect)\b",
    re.IGNORECASE,
)
_START_INSTRUMENT = re.compile(r"in force|took effect|takes effect", re.IGNORECASE)
# "which took effect", "already in force", "duties in force": the start of a measure already there.
_EARLIER_CLAUSE = re.compile(
    r"(?:\b(?:which|that)\b[^,;.]{0,30}|\b(?:already|remain\w*|still)\s+"
    r"|\b(?:duties|tariffs|curbs|controls|restrictions|measures)\s+)$",
    re.IGNORECASE,
)
# Reporting words that name no official voice.
_HEARSAY_VOICES = frozenset({"according to", "reported", "reports", "sources said", "people familiar"})
_VOICED = re.compile(r"\b(?:said|says|told|tells|announced|stated|confirmed)\b")
# A deal told as made: its terms, or what is done under it.
_DEAL_MADE = re.compile(
    r"\b(?:under|as part of|through)\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:deal|agreement|contract|accord)\b"
    r"|\bthe (?:deal|agreement|contract|accord) (?:also )?"
    r"(?:includes|covers|gives|makes|sees|provides|runs)\b",
    re.IGNORECASE,
)
_DEAL_PENDING = re.compile(
    r"\b(?:would|will|to) be (?:finali[sz]ed|signed|completed|concluded|approved|closed)\b|\byet to\b"
    r"|\bpending\b|\bsubject to\b|\bif approved\b|\bexpected to (?:close|be)\b|\bnot yet\b"
    r"|\b(?:plans?|proposed|potential|draft)\s+(?:deal|agreement|contract)\b",
    re.IGNORECASE,
)
# An instrument told as issued: "the rules published on Friday", "has issued a notice",
# "under an announcement from the ministry".
_ISSUED_INSTRUMENT = re.compile(
    r"\b(?:rules?|regulations?|notice|announcement|decree|ordinance|order)\b(?:,\s*which\s+[^.;]{0,40}?)?"
    r"\s+(?:(?:was|were|has been|have been)\s+)?(?:published|issued|gazetted|promulgated)\b"
    r"|\b(?:published|issued|gazetted|promulgated)\s+(?:a|an|the|its|new)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:rules?|regulations?|notice|announcement|decree|ordinance)\b"
    r"|\bunder (?:a|an|the) (?:[\w-]+\s+){0,2}?announcement (?:from|by|of)\b"
    # "the ministry said in a notice on its website": the notice is out
    r"|\b(?:said|says|stated|announced|confirmed)\s+in\s+(?:a|an|its)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:notice|announcement|decree|circular|gazette notice)\b",
    re.IGNORECASE,
)
# "after the U.S. government told it that exports would require a licence", "Commerce informed
# the company that sales will need licences": a requirement served on a firm is in force.
_REQUIREMENT_SERVED = re.compile(
    r"(?i:\b(?:government|department|administration|authorities|officials|ministry|regulators?|commerce|bis)"
    r"\s+(?:had\s+|has\s+)?(?:told|informed|notified|instructed)\s+)(?:(?i:it|them|the company|the firm"
    r"|the chipmaker)|[A-Z][\w&-]+)(?:\s+on\s+\w+)?\s+that\b[^.;]{0,120}?\b(?:would|will)\s+(?:now\s+)?"
    r"(?:require|need)\s+(?:an?\s+|export\s+)*licen[cs]es?\b",
)
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_START = re.compile(rf"\b(?:starting|from|as of|beginning|effective)\s+(?:in\s+|on\s+)?{_MONTHS}\b")
_UNISSUED_START = re.compile(
    r"\b(?:draft|proposed|proposal|plans?|planned|intends?|would|could|may|might|if|not|consider\w*|expected)\b",
    re.IGNORECASE,
)
_OFFICIAL_VOICE = re.compile(
    r"\b(?:government|ministry|ministers?|cabinet|department|agency|regulator|commission)\s+"
    r"(?:\w+\s+)?(?:said|says|announced|announces|confirmed|stated)\b",
    re.IGNORECASE,
)
_UNISSUED = re.compile(
    r"\b(?:draft|proposed|proposal|for comment|public comment|consultation|would|could|may|if|not|no"
    r"|never|yet to|unconfirmed)\b",
    re.IGNORECASE,
)
_REPORTED_PLANS = frozenset(REPORTED_PLANS)
_REACTION_AFTER = re.compile(
    r"\s*(?:\w+\s+)?(?:respond|retaliat\w*|hit back|fight back|counter\b|take (?:necessary|resolute|firm"
    r"|all necessary|countermeasures))",
    re.IGNORECASE,
)
_MADE_BY = re.compile(r"\s+(?:by|in|at)\b")
# "forcing it to halt production", "prompting carmakers to cut output": an infinitive a cause
# brings about, not an intent.
_CAUSED = re.compile(
    r"\b(?:forc\w*|prompt\w*|caus\w*|compell\w*|oblig\w*|leading|led|leaving|left|driving|drove"
    r"|push\w*|allowing|enabling|permitting|letting)\s+(?:[\w'’-]+\s+){0,5}$",
    re.IGNORECASE,
)
_CAUSED_REACH = 60
_GOVERNING_SUBJECT = re.compile(
    r"\b(?:government|ministry|administration|authorities|officials|cabinet|commission|department|it|they"
    r"|he|she|country|beijing|washington)(?:['’]s)?\s+$",
    re.IGNORECASE,
)
_REMEDY_DECIDED = re.compile(
    r"\b(?:preliminary|final|definitive|provisional)\s+(?:anti-?dumping|countervailing|anti-?subsidy)"
    r"\s+(?:duties|duty|tariffs?|determination|ruling)",
    re.IGNORECASE,
)
# "has not yet granted", "has no plans to", "denied reports that it had halted".
_NEGATED = re.compile(
    r"\b(?:not|no|never|yet to|n['’]t)\s+(?:yet\s+|been\s+|any\s+|immediate\s+)?"
    r"(?:(?:plans?|intention|decision)\s+(?:to\s+)?(?=\w+\s+$|$))?$"
    r"|\bden(?:y|ies|ied|ying)\b[^.;:]{0,40}$",
    re.IGNORECASE,
)
_NEGATION_REACH = 50
_REPORTED_DONE = frozenset({"said", "says", "announced"})
_INSTRUMENT_TO_COME = re.compile(
    r"\b(?:will|would|to|plans? to|expected to|set to|going to)\s+(?:\w+\s+)?(?:sign\s+)?(?:an?\s+|the\s+)?"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)
_GOVERNS_REACH = 40
_GOVERNED_SPAN = re.compile(r"[\w\s'’-]*")  # no clause break between a doubt and its infinitive
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
    older = _older_starts(_with_lead(top, lead), full, etype)
    if older:
        strong = [p for p in strong if p not in older]
    opened = _probe_opened(top, full) if etype is EventType.tariff else []
    if effective_phrase and etype not in _EFFECT_TYPES and _leaders_word(lead or top, full, effective_phrase):
        # "Trump said a 100% tariff starts November 1": a start a leader states is not yet issued
        strong = [p for p in strong if p != effective_phrase]
        if not strong:
            return Status.announced, [effective_phrase]
    hearsay_start = effective_phrase and _hearsay_start(lead or top, full, effective_phrase)
    if hearsay_start and etype not in _EFFECT_TYPES:
        # "will require permits from December 1, two sources said": a start only hearsay tells
        strong = [p for p in strong if p != effective_phrase]
        if not strong:
            return Status.announced, [effective_phrase]
    if opened and strong and all(p in _NOTICE_ONLY for p in strong):
        return Status.speculation, opened  # an investigation's notice in the register sets no duty
    if strong:
        return Status.enacted, strong
    if pressed:
        # "US urges Seoul to curb ...": the measure is the pressed government's, and only possible
        return Status.speculation, [h.phrase for s in top for h in s.cues("urging")]
    if opened:
        return Status.speculation, opened
    denied = _denied(top, full)
    if denied:
        return Status.speculation, denied  # "has no plans to", "has not yet granted", "denied it had halted"
    measure_type = etype not in _EFFECT_TYPES
    headline = _headline_status(top, full, measure_type)
    if headline is None and measure_type:
        headline = _untitled_lead(lead, full)
    if headline is not None and measure_type and _leaders_start_title(top, lead, full, headline):
        # "Trump posts that truck tariff starts October 1" over "he said it will start ...": the
        # start is the leader's word, nothing issued yet
        headline = (Status.announced, headline[1])
    issued = [p for p in _issued(etype, top, lead, full, headline) if p not in older]
    if issued:
        return Status.enacted, issued
    if headline is not None and headline[0] is Status.enacted:
        plan = _lead_plan(top, full)
        if plan and not measure_type and _deal_made(_with_lead(top, lead), full):
            # "Pentagon becomes top shareholder": "has agreed to buy ..., under the agreement it will
            # guarantee ...": the terms of a deal made are told in the future tense
            return headline
        return (Status.announced, plan) if plan else headline
    if headline is not None:
        done = _lead_done(top, full) if headline[0] is Status.announced else []
        if done:
            return Status.enacted, done
        doubt = _lead_doubt(top, full, etype not in _EFFECT_TYPES) if headline[0] is Status.announced else []
        return (Status.speculation, doubt) if doubt else headline
    measure = etype not in _EFFECT_TYPES
    if not measure:
        made = _deal_made(_with_lead(top, lead), full)
        if made:
            return Status.enacted, made
    spec = sum(s.weight for s in top for h in _doubts(s, full, measure))
    intent = sum(s.weight for s in top for h in _intents(s, full))
    # "would be granted", "will be lifted": a done-word told as intent.
    future = sum(
        s.weight for s in top for h in _acts(s, full) if _future_passive(full, h) or _start_to_come(full, h)
    )
    intent += future
    feared = sum(s.weight for s in top for h in _acts(s, full) if _feared(s, full, h))
    done = sum(s.weight * len(_acts(s, full)) for s in top) - future - feared
    if spec and any(_WHETHER.search(full, max(0, h[0] - 12), h[0]) for s in top for h in s.cues("announced")):
        spec += intent  # "discussing whether to restrict": an open question, not a plan
        intent = 0.0
    if spec > max(intent, done):
        return Status.speculation, [h.phrase for s in top for h in _own_doubts(s, full)]
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
    return Status.enacted, [h.phrase for s in top for h in _acts(s, full) + s.cues("reporting")]


_PAST_START = ("took effect", "came into force", "entered into force", "went into effect", "came into effect")


def _older_starts(top: list[CuedSentence], full: str, etype: EventType) -> list[str]:
    """ "Trump says US will impose 100% tariff ... Existing duties took effect in February": under a
    title that tells only a leader's plan, a start told in the past tense, in another sentence or in
    a clause on another measure ("duties, which came into force on Friday"), is an older measure's."""
    if etype in _EFFECT_TYPES:
        return []
    title = next((s for s in top if s.info.is_title), None)
    if title is None or not any(h.phrase in LEADERS for h in title.cues("actor")):
        return []
    told = title.cues("announced") or title.cues("reporting")
    if title.cues("enacted") or not told or _own_doubts(title, full):
        return []
    older = []
    for s in top:
        if s.info.is_title:
            continue
        leader = any(h.phrase in LEADERS for h in s.cues("actor"))
        for h in s.cues("enacted"):
            if not h.phrase.startswith(_PAST_START):
                continue
            if not leader or _EARLIER_CLAUSE.search(full, max(s.info.start, h.start - 40), h.start):
                older.append(h.phrase)
    return older


def _with_lead(top: list[CuedSentence], lead: Sequence[CuedSentence]) -> list[CuedSentence]:
    """The sentences that carry the event, and the title and lead besides."""
    return [*top, *(s for s in lead if all(s is not t for t in top))]


def _leaders_word(lead: Sequence[CuedSentence], full: str, start: str) -> bool:
    """The start is told in a leader's word (said, vowed, posted), and the title and lead name no
    instrument that issues the measure (an order signed, a proclamation, a register notice)."""
    said = " ".join(full[s.info.start : s.info.end] for s in lead)
    at = full.find(start)
    voiced = [
        s
        for s in lead
        if s.info.start <= at < s.info.end and any(h.phrase in LEADERS for h in s.cues("actor"))
    ]
    # where each voiced sentence sits in the joined title and lead
    spans, at_said = [], 0
    for s in lead:
        size = s.info.end - s.info.start
        if any(s is v for v in voiced):
            spans.append((at_said, at_said + size))
        at_said += size + 1
    issued = [
        m
        for m in _INSTRUMENT.finditer(said)
        if not _INSTRUMENT_TO_COME.search(said, max(0, m.start() - 20), m.start())
        # "Beijing's curbs, which took effect on Thursday", "duties already in force": a start
        # told of an earlier measure, in another sentence or clause, issues nothing of the leader's
        and not (_START_INSTRUMENT.fullmatch(m.group()) and _earlier_start(said, spans, m))
    ]  # "he will sign an order", "would sign a proclamation next week": not issued yet
    return bool(voiced) and _LEADER_VOICE.search(said) is not None and not issued


_SOURCES_OF = re.compile(r"\b(?:close to|familiar with|briefed by|knowledge of)\s+(?:the\s+)?(?:\w+\s+)?$")


_TITLE_STARTS = ("start", "begin", "take effect", "takes effect", "kick in", "kicks in")


def _leaders_start_title(
    top: list[CuedSentence], lead: Sequence[CuedSentence], full: str, headline: tuple[Status, list[str]]
) -> bool:
    """A title whose only done-word is a start, in a leader's voice, over a lead that tells the
    start in the future tense, with no order or notice issued."""
    if headline[0] is not Status.enacted or not all(p.startswith(_TITLE_STARTS) for p in headline[1]):
        return False
    first = next((s for s in lead if not s.info.is_title and s.info.position == 0), None)
    if first is None or not _intents(first, full):
        return False
    return _leaders_word(lead or top, full, headline[1][0])


def _hearsay_start(lead: Sequence[CuedSentence], full: str, start: str) -> bool:
    """The sentence that states the start tells it from unnamed sources, with no official voice
    and no instrument issued in the title and lead."""
    at = full.find(start)
    told = [s for s in lead if s.info.start <= at < s.info.end]
    if not told or not any(s.hits.get("hearsay") for s in told):
        return False
    said = " ".join(full[s.info.start : s.info.end] for s in lead)
    # "sources close to the trade ministry said": the ministry names the sources, not the voice
    voiced = [m for m in _OFFICIAL_VOICE.finditer(said) if not _SOURCES_OF.search(said, 0, m.start())]
    return not voiced and _ISSUED_INSTRUMENT.search(said) is None


def _earlier_start(said: str, spans: list[tuple[int, int]], m: re.Match[str]) -> bool:
    """A start word outside the sentence of the leader's start, or in a clause on another measure."""
    if not any(a <= m.start() < b for a, b in spans):
        return True
    return _EARLIER_CLAUSE.search(said, max(0, m.start() - 40), m.start()) is not None


def _issued(
    etype: EventType,
    top: list[CuedSentence],
    lead: Sequence[CuedSentence],
    full: str,
    headline: tuple[Status, list[str]] | None,
) -> list[str]:
    """Words that the act is done whatever else the text plans: a deal signed, a ministry's
    announcement, a start stated; a title that only speculates keeps its word."""
    if etype in (EventType.trade_talks, EventType.industrial_policy):
        signed = _signed(_with_lead(top, lead), full)
        if signed:
            return signed  # a deal or framework signed is done, whatever its terms will do
    if etype in _EFFECT_TYPES or (headline is not None and headline[0] is Status.speculation):
        return []
    if etype is EventType.tariff:
        decided = _remedy_decided(lead, full)
        if decided:
            return decided
    return (
        _ministry_announces(top, full)
        or _in_force(lead, full)
        or _instrument_issued(lead, full)
        or _requirement_served(lead, full)
        # an untitled text only: "Japan plans controls" over "will tighten from July" keeps the plan
        or (_month_start(lead, full) if not any(s.info.is_title for s in lead) else [])
    )


def _ministry_announces(top: list[CuedSentence], full: str) -> list[str]:
    """ "The commerce ministry announced that it will require permits": a ministry's
    announcement is the measure issued; a leader's or an official's word is not."""
    found = []
    for s in top:
        if not s.in_lead or s.background or _own_doubts(s, full):
            continue
        for h in s.cues("reporting"):
            if not h.phrase.startswith(("announc", "宣布")):
                continue
            by = [a for a in s.cues("actor") if 0 <= h.start - a.end <= _ANNOUNCER_REACH]
            if any(_MINISTRY.search(a.phrase) for a in by) and not _PLANS.match(full, h.end):
                found.append(h.phrase)
    return found


def _remedy_decided(lead: Sequence[CuedSentence], full: str) -> list[str]:
    """ "Commerce said it will impose preliminary anti-dumping duties of 93.5%": a trade-remedy
    determination is issued when it is made known, whatever tense tells the duties."""
    return [
        m.group()
        for s in lead
        if not s.background and not _own_doubts(s, full)
        for m in [_REMEDY_DECIDED.search(full, s.info.start, s.info.end)]
        if m is not None
    ]


def _instrument_issued(lead: Sequence[CuedSentence], full: str) -> list[str]:
    """ "Exporters will need licences under the rule, which Commerce published on Tuesday": the
    instrument is issued, and the future tense tells what it requires."""
    found = []
    for s in lead:
        if s.background or _own_doubts(s, full):
            continue
        said = full[s.info.start : s.info.end]
        issued = _ISSUED_INSTRUMENT.search(said)
        if issued and not _UNISSUED.search(said):
            found.append(issued.group())
    return found


def _month_start(lead: Sequence[CuedSentence], full: str) -> list[str]:
    """ "Exporters will need licences starting in September, the government announced": a start
    a government states, to the month, means the measure is issued; not a leader's word, a plan or
    a draft."""
    found = []
    for s in lead:
        if s.background or s.info.is_title or _own_doubts(s, full):
            continue
        said = full[s.info.start : s.info.end]
        start = _MONTH_START.search(said)
        if start is None or _UNISSUED_START.search(said) or not _OFFICIAL_VOICE.search(said):
            continue
        if any(h.phrase in LEADERS for h in s.cues("actor")):
            continue  # "Trump said the tariff starts in November": not yet issued
        found.append(start.group())
    return found


def _requirement_served(lead: Sequence[CuedSentence], full: str) -> list[str]:
    """A government told a firm its sales now need a licence: the requirement is imposed, even
    when the telling reports it in the future tense."""
    return [
        m.group()
        for s in lead
        if not s.background and not _own_doubts(s, full)
        for m in [_REQUIREMENT_SERVED.search(full, s.info.start, s.info.end)]
        if m is not None
    ]


def _in_force(lead: Sequence[CuedSentence], full: str) -> list[str]:
    """ "The rule takes effect next month": a start told without a date still means issued."""
    return [
        h.phrase
        for s in lead
        for h in s.cues("enacted")
        if h.phrase.startswith(_START_WORDS)
        and not _UNSTARTED.search(full, max(0, h.start - 20), h.start)
        and not _STILL.search(full, max(0, h.start - 12), h.start)
        and not _own_doubts(s, full)
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
    if lead is None or _own_doubts(lead, full):
        return []
    done = [h for h in _acts(lead, full) if not _ATTRIBUTIVE.match(full, h.end)]
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
    if _own_doubts(lead, full) or _intents(lead, full) or lead.hits.get("hearsay"):
        return []
    return [
        h.phrase
        for h in _acts(lead, full)
        if h.phrase.endswith(PAST_ENDINGS)
        and not _future_passive(full, h)
        and not _ATTRIBUTIVE.match(full, h.end)
    ]


def _lead_doubt(top: list[CuedSentence], full: str, measure: bool) -> list[str]:
    """ "US plans chip curbs" over "the administration is considering restrictions, a report
    said": a headline's plan is shorthand when the lead tells only a doubt, and no official says it."""
    lead = next((s for s in top if s.info.position == 0 and not s.info.is_title and not s.background), None)
    if lead is None or _intents(lead, full) or _acts(lead, full):
        return []
    said = full[lead.info.start : lead.info.end]
    if any(h.phrase not in _HEARSAY_VOICES for h in lead.cues("reporting")) or (
        _VOICED.search(said) and not lead.hits.get("hearsay")
    ):
        return []  # "the ministry said it is considering ...": an official's word
    return [h.phrase for h in _doubts(lead, full, measure)]


def _deal_made(top: list[CuedSentence], full: str) -> list[str]:
    """ "The Pentagon will invest $400 million ..., the deal also includes ...", "Apple will buy
    magnets under a multi-year agreement": an investment's terms told in the future tense, of a
    deal already made; not one still to be finalised, signed or approved."""
    lead = [s for s in top if s.in_lead and not s.background]
    said = " ".join(full[s.info.start : s.info.end] for s in lead)
    made = _DEAL_MADE.search(said)
    if made is None or _DEAL_PENDING.search(said) or any(_own_doubts(s, full) for s in lead):
        return []
    return [made.group()]


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


def _untitled_lead(lead: Sequence[CuedSentence], full: str) -> tuple[Status, list[str]] | None:
    """A text with no title: its first sentence stands in for one when it tells the event in one
    mood only ("the US is considering ..., according to reports"); a background sentence further
    on ("rules that restricted ...") does not outweigh it. Who tells it ("reports said") is no mood."""
    if any(s.info.is_title for s in lead):
        return None
    first = next((s for s in lead if s.info.position == 0 and not s.background), None)
    if first is None or not any(first.hits.get(kind) for kind in MAIN_KINDS):
        return None
    moods = {
        Status.enacted: [
            h.phrase
            for h in _acts(first, full)
            if not _future_passive(full, h) and not _feared(first, full, h)
            and not _ATTRIBUTIVE.match(full, h.end)
            and not _start_to_come(full, h)
        ],
        Status.announced: [h.phrase for h in _intents(first, full)],
        Status.speculation: [h.phrase for h in _doubts(first, full, True)],
    }
    said = {status: phrases for status, phrases in moods.items() if phrases}
    # A plan alone is left to the weighing: later lines may tell it is still only a draft.
    return next(iter(said.items())) if len(said) == 1 and Status.announced not in said else None


def _intents(s: CuedSentence, full: str) -> list[Hit]:
    """A sentence's words of intent, less those that name a measure or state a done act's purpose:
    "approved licences to allow shipments", "requires permits to tighten control"."""
    done = [h.start for h in _acts(s, full) if not _future_passive(full, h)]
    first_done = min(done) if done else NO_REASON
    granted = [h.end for h in _acts(s, full) if _granted(full, h) and not _future_passive(full, h)]
    first_grant = min(granted) if granted else NO_REASON
    told = s.cues("announced")
    # A doubt that is itself the start of a word of intent ("seeks" in "seeks to") governs nothing.
    doubts = [k for k in _own_doubts(s, full) if not any(a.start == k.start for a in told)]
    quoted = _quotes_without_measure(s, full) if told else []
    return [
        h
        for h in told
        # '"We will respond," the minister said': a reaction's voice, not the measure's plan
        if not any(a <= h.start < b for a, b in quoted)
        # "poised to add", "will likely tighten": the doubt governs the plan
        if not any(k.start < h.start <= k.end + 1 or h.end <= k.start <= h.end + 1 for k in doubts)
        # "expects the Dutch government to require": the doubt governs the infinitive of its clause
        and not any(_governs(full, k, h) for k in doubts)
        # "据传中国拟…", "市场传闻…将…": a rumour governs every plan told after it
        and not any(k.phrase in RUMOURS and k.start < h.start for k in doubts)
        and not _nominal_intent(full, h)
        and not _measure_reach(full, h)
        and not (h.phrase in _REPORTED_PLANS and _plan_of_no_government(s, full, h, told))
        and not _caused(full, h)
        and not (h.phrase in CONTINUED_MARKERS and _CONTINUING.match(full, h.end))
        and not (h.phrase.startswith(PURPOSE_MARKERS) and h.start > first_done)
        # "added 140 firms to its list, while China said it would respond": the reaction after a
        # done act is another government's word, not a plan for the measure
        and not (h.start > first_done and _REACTION_AFTER.match(full, h.end))
        # "has approved licences for Nvidia, and the chipmaker will begin deliveries": what the
        # firms do under a permit granted, not a plan for the measure
        and not (h.start > first_grant and _FIRMS_NEXT.search(full, first_grant, h.start)
                 and not _GOVERNING_SUBJECT.search(full, max(0, h.start - 30), h.start))
    ]


# A clause break after the grant: what follows has its own subject.
_FIRMS_NEXT = re.compile(r"[,，;；]|\band\b")


def _granted(full: str, hit: Hit) -> bool:
    """ "has approved", "已依法批准": a permit decided."""
    if hit.phrase == "已":
        return any(w in full[hit.end : hit.end + 6] for w in GRANTING)
    return hit.phrase.startswith(GRANTING)


_QUOTE = re.compile(r'"[^"]{8,}?"|“[^”]{8,}?”')
_MEASURE_KINDS = ("tightening", "easing", "control", "tariff", "sanctions", "chip_rule")


def _governs(full: str, doubt: Hit, hit: Hit) -> bool:
    return (
        hit.phrase.startswith("to ")
        and 0 <= hit.start - doubt.end <= _GOVERNS_REACH
        and _GOVERNED_SPAN.fullmatch(full, doubt.end, hit.start) is not None
    )


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


def _denied(top: list[CuedSentence], full: str) -> list[str]:
    """Every word of an act or a plan in the title and lead is negated or denied: the measure is
    neither issued nor planned, only talked of."""
    told = [
        h
        for s in top
        if s.in_lead and not s.background
        for h in _acts(s, full) + s.cues("announced")
        if h.phrase not in _REPORTED_DONE
    ]
    negated = [h for h in told if _NEGATED.search(full, max(0, h.start - _NEGATION_REACH), h.start)]
    return [h.phrase for h in negated] if negated and len(negated) == len(told) else []


def _acts(s: CuedSentence, full: str) -> list[Hit]:
    """The sentence's words of a done act, less participles that describe an earlier measure
    named as the object of another verb ("exempting chips from a ban imposed in October"), and
    a product's maker ("chips, including those produced by Nvidia")."""
    found = [h for h in s.cues("enacted") if not (h.phrase == "produced" and _MADE_BY.match(full, h.end))]
    if s.info.is_title or len(found) + len(s.cues("reporting")) + len(s.cues("announced")) < 2:
        return found
    return [
        h
        for h in found
        if not (
            h.phrase.endswith("ed")
            and _POST_NOMINAL.search(full, max(s.info.start, h.start - _POST_NOMINAL_REACH), h.start)
        )
    ]


def _doubts(s: CuedSentence, full: str, measure: bool) -> list[Hit]:
    return [h for h in _own_doubts(s, full) if not (measure and _impact(full, h))]


def _own_doubts(s: CuedSentence, full: str) -> list[Hit]:
    """The sentence's doubt words less those about something other than the measure: in a
    relative clause that names no measure ("exports that threaten to disrupt factories"), or a
    doubt put to rest ("easing fears of shortages")."""
    return [h for h in s.cues("speculation") if not _doubt_elsewhere(s, full, h)]


def _doubt_elsewhere(s: CuedSentence, full: str, h: Hit) -> bool:
    before = full[max(s.info.start, h.start - _RELATIVE_REACH) : h.start]
    if _ALLAYED.search(before):
        return True
    if not s.info.is_title and _OUTCOME_SUBJECT.search(before) and _YIELD.match(full, h.end):
        return True  # "the facility is expected to raise capacity": the outcome, not the act
    if h.phrase.startswith("seek") and _MEASURE_SUBJECT.search(full, max(0, h.start - 40), h.start):
        return True  # "the pact seeks to curb reliance": the measure's purpose
    if h.phrase.startswith("potential") and _AMOUNT.match(full, h.end):
        return True  # "a potential 8% stake", "a potential $500 million": the size, not the act
    if h.phrase.startswith("expected") and _WITH_PARTY.search(before):
        return True  # "agreed on a framework, with China expected to speed approvals": its terms
    if _LEGAL_MODALITY.match(full, h.start):
        return True  # "violators could face penalties", "firms may apply", "if exporters need ..."
    if h.phrase.startswith("warn") and _WARNED_PENALTY.match(full, h.end):
        return True  # "warning that firms could be sanctioned"
    if _FURTHER_STEPS.match(full, h.end):
        return True  # "warned he may take additional steps": a further measure, not this one
    relative = _RELATIVE.search(before)
    if relative is None or relative.group(1).lower() in CONTENT_CLAUSE_HEADS:
        return False
    if _EVENT_NOUNS.match(relative.group(1)):
        told = _AFTER_DOUBT.match(full, h.end)
        return full[told.end() if told else h.end :][:16].lower().startswith(IMPACT_VERBS)
    governed = _GOVERNED_REACH.match(full, h.end)
    end = governed.end() if governed else h.end
    return not any(
        h.end <= m.start < end for kind in _GOVERNED_MEASURES for m in s.hits.get(kind, NO_HITS)
    )


def _impact(full: str, hit: Hit) -> bool:
    """ "The ban could hit carmakers": the modal tells of the measure's effects, not its status."""
    if hit.phrase not in IMPACT_MODALS:
        return False
    after = full[hit.end : hit.end + 14].lower().lstrip()
    return after.startswith(IMPACT_VERBS)


def _caused(full: str, hit: Hit) -> bool:
    if not hit.phrase.startswith("to "):
        return False
    return _CAUSED.search(full, max(0, hit.start - _CAUSED_REACH), hit.start) is not None


def _plan_of_no_government(s: CuedSentence, full: str, hit: Hit, told: list[Hit]) -> bool:
    """ "exports would require a licence": a reported future whose subject is no government, or
    one another word of intent already counts ("said it would allow")."""
    if any(a is not hit and a.start < hit.end and hit.start < a.end for a in told):
        return True
    subject = [
        a
        for a in s.cues("actor")
        if 0 <= hit.start - a.end <= 2 and not OBJECT_PREP.search(full, max(0, a.start - 12), a.start)
    ]
    return not subject and not _GOVERNING_SUBJECT.search(full, max(0, hit.start - 30), hit.start)


def _measure_reach(full: str, hit: Hit) -> bool:
    if hit.phrase in _PURPOSE_OF or (
        hit.phrase.startswith("to ") and _DESIGNED.search(full, max(0, hit.start - 30), hit.start)
    ):
        subject = full[max(0, hit.start - 40) : hit.start]
        subject = _DESIGNED.sub("", subject)
        return _MEASURE_SUBJECT.search(subject) is not None
    if hit.phrase != "will":
        return False
    if not _MEASURE_SUBJECT.search(full, max(0, hit.start - 20), hit.start):
        return False
    after = full[hit.end : hit.end + 16].lower().lstrip()
    return after.startswith(_REACH_VERBS)


def _nominal_intent(full: str, hit: Hit) -> bool:
    if hit.phrase == "将":
        return _BA_OBJECT.match(full, hit.end) is not None  # "将…列入清单": the object marker
    if not hit.phrase.startswith("to "):
        return False
    return _NOMINAL.search(full[max(0, hit[0] - _NOMINAL_REACH) : hit[0]].lower()) is not None


def _start_to_come(full: str, hit: Hit) -> bool:
    """ "A tariff that would take effect next month": a start still to come, no act done."""
    before = full[max(0, hit.start - 20) : hit.start]
    return hit.phrase.startswith(_START_WORDS) and _UNSTARTED.search(before) is not None


def _future_passive(full: str, hit: Hit) -> bool:
    return _FUTURE_PASSIVE.search(full[max(0, hit[0] - 14) : hit[0]].lower()) is not None
