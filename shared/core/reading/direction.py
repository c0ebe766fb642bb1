"""Direction: tightening, easing or neutral, read from what the event's sentences say is done to
what ("suspends the ban" eases, "suspends the licences" restricts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chokewatch.shared.messages import Direction, EventType

from .cues import (
    AGENDA_TALKS,
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

NEGATION_REACH = 60
_CN_NEGATION_REACH = 3
# A Chinese negation opening a clause on a matter or an act: "未就…", "并未宣布…", "没有对…".
_CN_CLAUSE_NEGATION = re.compile(r"(?:未|没有|沒有|并未|並未|尚未)(?:就|宣布|对|對)[^，。；,;！？]{0,20}$")
_APPROVED_BY = re.compile(r"\w*\s+by\b")
_SIGNED_OFF = re.compile(r"(?:经|經|国务院|國務院)\s*$")
# "If approved, the ruling would ...": a condition, not a relief granted.
_CONDITION = re.compile(r"\b(?:if|once|unless|until)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_CONTRAST = re.compile(r",?\s(?:while|whereas|as other|but|even as)\s")
_OBJECT_REACH = 20
_AGENDA_REACH = 40  # characters from a talks word to the restriction it is about
# What lies between a talks word and the relief it aims at: "with the EU on", "aimed at", "".
_TALKS_AIM = re.compile(
    r"\w*\s*(?:(?:with|between)\s+(?:[\w'’.-]+\s+){0,4}?)?(?:(?:on|over|about|aimed at|regarding|for|towards?"
    r"|seeking|to seek)\s+)?(?:the\s+|possible\s+|a\s+)?$",
    re.IGNORECASE,
)
# What talks are about, told in a clause: "negotiations ... that centres on curbs of ...".
_CENTRED_ON = re.compile(
    r"\b(?:talks|negotiations?|dialogue|consultations?)\b[^.;]{0,60}?\b(?:cent(?:re|er)\w*|focus\w*|hing\w*"
    r"|revolv\w*)\s+(?:on|around|upon)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CENTRED_REACH = 100
_ASKED_REACH = 60  # characters from "pressed" or "asked" to the relief asked for
_TALKS_OBJECT = 12  # characters from "resumed" to the talks it resumes
# A relief aimed at, not obtained: "seeking to avert", "in a bid to lower", "hoping to ease".
_AIMED = re.compile(
    r"\b(?:seek\w*|sought|aim\w*|hop\w*|try\w*|tries|in a bid|bid to|attempt\w*|push\w* for|press\w* for"
    r"|lobby\w* for|call\w* for)\b[^,.;]{0,25}$",
    re.IGNORECASE,
)
_DUTY_SET = ("impos", "rais", "hike", "additional", "new tariff", "higher")
# Talks chosen over duties: "negotiations chosen over tariffs", "directs trade talks", "ordered
# officials to negotiate agreements", "instead of imposing tariffs".
_NEGOTIATE_INSTEAD = re.compile(
    r"\b(?:negotiations?|talks|agreements?|deals?)\s+(?:(?:was|were|is|are|been)\s+)?(?:chosen|opted for"
    r"|preferred|favou?red)\s+over\s+(?:new\s+|immediate\s+)?(?:tariffs|duties)\b"
    r"|\b(?:negotiations|talks|deals),?\s+not\s+(?:tariffs|duties)\b"
    r"|\b(?:in lieu of|instead of|rather than)\s+(?:imposing\s+|new\s+|immediate\s+)?(?:tariffs|duties)\b"
    r"|\b(?:direct\w*|order\w*|instruct\w*|task\w*)\s+(?:[\w'’.-]+\s+){0,8}?"
    r"(?:to\s+negotiate|trade\s+talks|negotiations)\b",
    re.IGNORECASE,
)
# "dropped its requirement", "abandons plans to restrict", "shelved the ban"
_DROPPED = re.compile(r"\b((?:drop|dropp|abandon|shelv|ditch)\w*)\s+(?:[\w-]+\s+){0,3}\Z", re.IGNORECASE)
_DROPPED_REACH = 40
# "No. 55" numbers a notice, and "not only", "no later than", "without delay" deny nothing.
_NEGATION = re.compile(
    r"\b(?:without(?!\s+delay)|no(?!\.?\s*\d|\s+later\b|\s+matter\b)|not(?!\s+only|\s+just|\s+merely)"
    r"|never|failed to|fail to|fails to|failing to|unable to|yet to"
    r"|refused to|declined to|denies|denied|rules out"
    r"|ruled out|ruling out)\b[^,;]*$|n't\b[^,;]*$"
)


_ADDING = frozenset({"add", "adds", "added", "adding"})
_TO_RELIEF = re.compile(
    r"[^.;]{0,60}?\bto\s+(?:the\s+|its\s+|a\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:exemptions?|exclusions?|exempt(?:ion)? list|whitelist|white list|general licen[cs]es?)\b",
    re.IGNORECASE,
)
# Participles that tell how a relief undone had been given: "revoked the waivers granted in 2022".
_GIVEN = frozenset({"granted", "issued", "approved", "given", "allowed"})
_GIVEN_REACH = 30
_RELATIVE_PAST = re.compile(
    r"\b(?:that|which)\s+(?:had\s+|have\s+|has\s+)?(?:been|were|was)\s+(?:\w+ly\s+)?$"
)
_RELATIVE_REACH = 30
_SET_MEASURES = ("control", "chip_rule", "tariff", "sanctions")
# A lead that is only a place and date, split off as a sentence of its own.
_DATELINE = re.compile(r"\s*[A-Z][\w.,' ]{0,40}\s*[—–-]+\s*[\w.]+\s+\d{1,2},?\s*(?:\d{4})?\.?\s*")
_SETTING = ("announc", "unveil", "introduc", "issu", "publish", "impos")
_SET_REACH = 40  # characters from "announced" to the measure it sets
# A lead that dates the measure to an earlier month or year recalls it: the news may be a relief.
_RECALLED = re.compile(
    r"\b(?:in|since|back\s+in|earlier\s+in)\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May"
    r"|June|July|August|September|October|November|December|\d{4})\b|\blast\s+(?:year|month)\b|\bago\b"
    r"|\bearlier\s+this\s+year\b|\bpreviously\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:that|which)\s+(?:had\s+|have\s+|has\s+)?$")
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

# A measure's start put off: "delays the rollout of its expanded controls", "pushed back the effective
# date", "defers enforcement of the rule". The restriction named after it is what is put off.
_DEFERRED = re.compile(
    r"\b(?:delay(?:s|ed|ing)?|defer(?:s|red|ring)?|postpon\w*|push(?:es|ed|ing)?\s+back|put(?:s|ting)?\s+off"
    r"|pushed\s+out)\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:planned\s+|scheduled\s+)?"
    r"(?:start|rollout|roll-out|effective\s+dates?|entry\s+into\s+force|enforcement|implementation"
    r"|commencement|compliance\s+dates?|(?:introduction|application|launch)\s+of)\b",
    re.IGNORECASE,
)
# A restriction wound down: "phase out tariffs on industrial goods", "phasing out the quotas".
_PHASED_OUT = re.compile(
    r"\bphas(?:e|es|ed|ing)\s+out\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:[\w%-]+\s+){0,3}?"
    r"(?:tariffs?|duties|levies|controls?|restrictions?|bans?|curbs?|quotas?|sanctions)\b",
    re.IGNORECASE,
)
# Licensing made faster: "faster rare earth approvals", "quicker licensing for magnet exports".
_FASTER = re.compile(
    r"\b(?:faster|quicker|speedier|swifter|accelerated|expedited)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:approvals?|licen[cs]es|licen[cs]ing|permits?|reviews?)\b(?!\s+requirements?)",
    re.IGNORECASE,
)
# Reliefs given, told in the passive: "licences will be issued within 45 days", "permits were granted".
_GIVEN_PASSIVE = re.compile(
    r"\b(?:licen[cs]es|permits|approvals|general\s+licen[cs]es?|export\s+licen[cs]es?)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:will\s+be|would\s+be|are|were|have\s+been|has\s+been|had\s+been|being)\s+(?:\w+ly\s+)?"
    r"(?:issued|granted|approved)\b",
    re.IGNORECASE,
)
# Goods or firms taken out of a measure's reach: "excluding smartphones from the reciprocal tariffs",
# "were spared from the new duties", "exclude allies from the controls".
_EXCLUDED_FROM = re.compile(
    r"\b(?:exclud|spar)(?:e|es|ed|ing)\s+(?:[\w,'’-]+\s+){0,8}?from\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:tariffs?|duties|levies|controls?|restrictions?|bans?|curbs?|sanctions|licen[cs]e"
    r"\s+requirements?)\b",
    re.IGNORECASE,
)
# A threatened restriction said to be off: "the threat of 100% tariffs is likely off", "the ban is
# off the table", "took the tariffs off the table".
_CALLED_OFF = re.compile(
    r"\b(?:threats?|tariffs?|duties|levies|escalation|bans?|controls?|curbs?|restrictions?)\b[^;]{0,70}?"
    r"\b(?:is|are|was|were|now|be|been)\s+(?:\w+ly\s+)?off\b(?!\s+(?:to|on|by|from|for|against|limits))"
    r"|\b(?:took|take[sn]?|taking)\s+(?:the\s+)?(?:[\w%-]+\s+){0,3}?"
    r"(?:threats?|tariffs?|duties|bans?|controls?"
    r"|curbs?)\b[^.;]{0,40}?\s+off\s+the\s+table\b",
    re.IGNORECASE,
)
# A cut whose object is supply, not a duty: "supplies are cut off", "cut export quotas", "slashed
# shipments".
_CUTTING = ("cut", "slash", "halv", "reduc", "lower")
_CUT_SUPPLY = re.compile(
    r"\w*\s+(?:off\b|(?:back\s+)?(?:the\s+|its\s+|their\s+)?(?:(?!tariff|dut|lev|tax|rate)[\w-]+\s+){0,2}?"
    r"(?:supplies|supply|exports?"
    r"|shipments?|output|production|quotas?|access)\b)",
    re.IGNORECASE,
)
# A rise whose object is supply: "increased export quotas", "raised shipments"; not "export controls".
_RAISING = ("rais", "increas", "expand", "boost")
_UP_SUPPLY = re.compile(
    r"\w*\s+(?:the\s+|its\s+|their\s+)?(?:(?!tariff|dut|lev|tax|rate)[\w-]+\s+){0,3}?"
    r"(?:supplies|supply|exports?|shipments?|output|production|quotas?)\b"
    r"(?!\s+(?:controls?|restrictions?|bans?|curbs?|licen|dut|tariff))",
    re.IGNORECASE,
)
# What an easing verb acts on when it is the market or a dependence, not a measure: "lift prices",
# "reduce a global glut", "reduce reliance on China".
_MARKET_OBJECT = re.compile(
    r"\w*\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:prices?|glut|oversupply|surplus"
    r"|stockpiles?|inventor(?:y|ies)|reliance|dependence|dependency|emissions|volatility)\b",
    re.IGNORECASE,
)
# A relief hoped for or expected, not had: "dashing hopes for relief", "expectations of an easing".
_HOPED = re.compile(
    r"\b(?:hopes?|hoped|expectations?|pleas?|calls?|wish(?:es)?|prospects?|chances?)\s+(?:for|of)\s+"
    r"(?:an?\s+|the\s+|any\s+|further\s+|more\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# Chinese duties or countermeasures set: "加征34%关税", "采取反制措施"; not "停止加征", nor the name of
# the measure a notice adjusts ("加征关税的公告", "加征关税措施", "加征关税税率").
_CN_DUTIES = re.compile(
    r"(?<!停止)(?<!不再)(?<!暂停)(?<!取消)(?<!暂缓)(?<!中止)"
    r"(?:加征\s*(?:\d+(?:\.\d+)?\s*%\s*(?:的\s*)?)?关税(?!\s*(?:措施|税率|的公告))|反制)"
)

# A restriction decided against: "the ITC ruled against imposing duties", "voted against tariffs",
# "opted not to add the firms", "will not impose new curbs". What was weighed is not done: relief.
_DECIDED_AGAINST = re.compile(
    r"\b(?:(?:rul|vot|decid)(?:e|es|ed|ing)|came\s+down|comes\s+down)\s+against\s+$"
    r"|\b(?:decid|opt|choos|elect)\w*\s+not\s+to\s+$|\bchose\s+not\s+to\s+$|\brefrain\w*\s+from\s+$"
    r"|\b(?:will|would|shall)\s+not\s+$|\bwon[’']t\s+$",
    re.IGNORECASE,
)
# Duties decided against with no verb of imposing: "voted against duties", "a negative final
# determination", "found no injury".
_AGAINST_DUTIES = re.compile(
    r"\b(?:rul|vot|decid)\w*\s+against\s+(?:[\w-]+\s+){0,3}?(?:duties|tariffs|levies)\b"
    r"|\bnegative\s+(?:final\s+|preliminary\s+)?(?:injury\s+)?determinations?\b"
    r"|\bfound\s+no\s+(?:material\s+)?injury\b",
    re.IGNORECASE,
)
_DECIDABLE = ("impos", "ban", "restrict", "rais", "hike", "add", "tighten", "curb", "block", "additional",
              "new tariff", "new duties", "higher tariff")
_DECIDED_REACH = 30
# A relief ended, told in the passive: "before these exceptions are lifted", "the exemptions will
# be removed". The verb would otherwise read as easing.
_RELIEF_LIFTED = re.compile(
    r"\b(?:exemptions?|exceptions?|exclusions?|waivers?|carve-outs?|general\s+licen[cs]es?|reprieves?)\s+"
    r"(?:[\w-]+\s+){0,5}?(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:lifted|removed|eliminated|ended|withdrawn|scrapped|rescinded|revoked)\b",
    re.IGNORECASE,
)

# Talks that settled something: "reach an implementation framework", "sealed a trade deal", "a call
# that resulted in an agreement", "confirm a trade framework", "joint statement on a framework".
_SETTLED = re.compile(
    r"\b(?:reach(?:es|ed|ing)?|str(?:uck|ike|ikes)|seal(?:s|ed)?|clinch(?:es|ed)?|finali[sz]e[sd]?"
    r"|conclude[sd]?|result(?:s|ed)?\s+in|led\s+to|confirm(?:s|ed)?|announc(?:es|ed)|unveil(?:s|ed)?"
    r"|joint\s+statement\s+on)\s+(?:an?\s+|the\s+|its\s+)?(?:[\w\"“”'’-]+\s+){0,3}?[\"“]?"
    r"(?:framework|agreement|deal|consensus)\b|达成(?:了)?[^，。；]{0,12}?(?:协议|共识|框架)",
    re.IGNORECASE,
)

# A restriction taken up again, or a relief's term run out: "resume enforcement of the ban",
# "resumed collecting the 25% tariffs", "恢复加征", "恢复实施…管制", "暂停期满后".
_RESUMED_RESTRICTION = re.compile(
    r"\b(?:resum|restart)\w*\s+(?:the\s+)?(?:collect|enforc|impos|implement|apply|applic|levy|levi|charg)\w*"
    r"\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w%-]+\s+){0,4}?(?:tariffs?|duties|controls?|restrictions?"
    r"|bans?|curbs?|sanctions|levies)\b"
    r"|(?:恢复|重新)(?:加征|征收|实施|执行)(?!原)|暂停(?:期)?(?:满|届满|结束|到期)",
    re.IGNORECASE,
)
# A relief not renewed: "14 of the exclusions will not be extended", "declined to renew the waivers".
_NOT_RENEWED = re.compile(
    r"\b(?:exemptions?|exceptions?|exclusions?|waivers?|general\s+licen[cs]es?|licen[cs]es|truce|reprieve)\s+"
    r"(?:[\w-]+\s+){0,6}?(?:will|would|are|is|were|was|has|have)\s+not\s+(?:be\s+|been\s+)?"
    r"(?:extended|renewed|prolonged)"
    r"|(?:not|n[’']t|declined\s+to|refused\s+to)\s+(?:to\s+)?(?:extend|renew|prolong)\w*\s+(?:the\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:exemptions?|exceptions?|exclusions?|waivers?|licen[cs]es?|truce|reprieve)\b",
    re.IGNORECASE,
)
# A relief let run out: "let the tariff exclusions expire", "allowed the general licence to lapse",
# "the exemptions for 352 products expired".
_RELIEF_LAPSED = re.compile(
    r"\b(?:(?:let|lets|letting|allow\w*)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,6}?"
    r"(?:exemptions?|exclusions?|waivers?|licen[cs]es?|truce|reprieve|pause|suspension)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:to\s+)?(?:expire|lapse|run\s+out)"
    r"|(?:exemptions?|exclusions?|waivers?|general\s+licen[cs]es?|truce|reprieve)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:expired|lapsed|ran\s+out))\b",
    re.IGNORECASE,
)
# A restriction brought back: "restoring 25% duties", "reinstated the ban", "snapped back the tariffs".
_REIMPOSED = re.compile(
    r"\b(?:restor|reinstat|reimpos|re-impos|snap\w*\s+back)\w*\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[\w%-]+\s+){0,3}?(?:tariffs?|duties|controls?|restrictions?|bans?|curbs?|sanctions"
    r"|licen[cs]e\s+requirements?)\b",
    re.IGNORECASE,
)

# Talks still to come, told in the title or lead: "to hold trade talks next week", "will meet in
# Madrid", "proposes consultations", "将举行新一轮磋商". A truce recalled beside them is their backdrop.
_SCHEDULED = re.compile(
    r"\b(?:to|will|would|set\s+to|plans?\s+to|agree[sd]?\s+to|ready\s+to|due\s+to)\s+(?:hold|meet|resume)\b"
    r"|\bpropos\w*\s+(?:[\w'’-]+\s+){0,2}?(?:talks|consultations|dialogue|negotiations)\b"
    r"|(?:将|拟|将于)[^，。；]{0,12}(?:举行|举办|进行)[^，。；]{0,10}(?:磋商|会谈|谈判|对话)",
    re.IGNORECASE,
)
# What talks still to come are to take up: "to discuss extending the truce", "talks on lifting".
_AGENDA = re.compile(
    r"\b(?:discuss\w*|talks\s+(?:on|over|about)|negotiat\w*\s+(?:on|over))\b|讨论|商讨", re.IGNORECASE
)
# What a clause recalls rather than reports: "the two sides had agreed in May to a truce", "the talks
# come as a truce that paused tariffs nears its end".
_RECALLING = re.compile(
    r"\bhad\s+\w+|\bearlier\b|\bpreviously\b|\b(?:come|comes|came)\s+(?:as|after|amid)\b|此前|早前",
    re.IGNORECASE,
)

# Measures named by their notice and suspended: "the measures announced on April 4 will be suspended",
# "decided to suspend the measures", "暂停实施…措施", "停止执行第61号公告". The ban they set is recounted
# beside them, so the suspension is told where the event's own sentences name no relief.
_MEASURES_SUSPENDED = re.compile(
    r"\b(?:suspend\w*|halt\w*|lift\w*)\s+(?:the\s+|its\s+|these\s+|those\s+)?(?:[\w-]+\s+){0,3}?measures\b"
    r"|\bmeasures\b[^.;]{0,120}?\b(?:will\s+be|are|were|is|was|be|been|being)\s+(?:\w+ly\s+)?suspended\b"
    r"|暂停(?!期)(?:实施|执行)?[^，。；]{0,30}?措施|(?:停止|中止)(?:执行|实施)[^，。；]{0,6}?公告",
    re.IGNORECASE,
)
_SUSPENDED_REACH = 2000  # characters from the text's start: the suspension is the news, not an aside
_SUSPENDABLE = (EventType.sanctions, EventType.mineral_export_control, EventType.chip_export_control)

# A halt ended, told first in the title or lead: "lifts force majeure", "the force majeure is over",
# "resumes output after a three-week halt", "恢复生产". The halt named after it is what ended.
_HALT_ENDED = re.compile(
    r"\b(?:lift\w*|end(?:s|ed|ing)?|withdr\w*|revok\w*|cancel\w*)\s+(?:the\s+|its\s+|a\s+)?force\s+majeure\b"
    r"|\bforce\s+majeure\b[^.;]{0,60}?\b(?:(?:is|was|has\s+been|had\s+been|be|been)\s+(?:\w+ly\s+)?"
    r"(?:lifted|ended|withdrawn|revoked)|is\s+over|was\s+over)\b"
    r"|\b(?:resum|restart|reopen)\w*\s+(?:[\w-]+\s+){0,4}?(?:operations|output|production|shipments|deliveries"
    r"|exports|mining|furnaces|supplies|supply|work)\b"
    r"|(?:恢复|重启)(?:生产|开采|运营|出口|供应|发货)|复产",
    re.IGNORECASE,
)

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


def _talks_instead(carriers: list[CuedSentence], full: str) -> bool:
    """The title or lead sentence says a government chose talks over duties ("directs trade talks",
    "to negotiate agreements in lieu of tariffs") and sets no rate or duty there."""
    lead = [s for s in carriers if s.info.is_title or s.info.position == 0]
    chosen = [m for s in lead for m in _NEGOTIATE_INSTEAD.finditer(full, s.info.start, s.info.end)]
    set_duties = [
        h
        for s in lead
        for h in s.cues("tightening")
        if (h.value == "rate" or h.phrase.startswith(_DUTY_SET))
        and not any(m.start() <= h.start < m.end() for m in chosen)  # "rather than imposing tariffs"
    ]
    return bool(chosen) and not set_duties


def _settled(carriers: list[CuedSentence], full: str) -> list[str]:
    """Talks that reached an outcome, told in the title or lead: "reach an implementation framework",
    "struck a deal", "达成共识"; not "failed to reach", "hope to reach"."""
    found = []
    for s in carriers:
        if not s.in_lead or s.background:
            continue
        for m in _SETTLED.finditer(full, s.info.start, s.info.end):
            window = full[max(s.info.start, m.start() - NEGATION_REACH) : m.start()]
            if not negated(window) and not _AIMED.search(window):
                found.append(m.group())
    return found


def _scheduled_only(
    read: list[tuple[CuedSentence, list[Hit], list[Hit]]], full: str
) -> list[tuple[CuedSentence, list[Hit], list[Hit]]]:
    """Talks still to be held settle nothing: a relief named beside them in a background sentence
    or a clause that recalls it ("the two sides had agreed in May to a truce") is their backdrop, and
    one they are to discuss is their agenda."""
    lead = [s for s, _, _ in read if s.info.is_title or s.info.position == 0]
    if not any(_SCHEDULED.search(full, s.info.start, s.info.end) for s in lead):
        return read
    kept = []
    for s, easing, tight in read:
        clause = [
            (h, [m.end() for m in _CLAUSE_BREAK.finditer(full, s.info.start, h.start)]) for h in easing
        ]
        easing = [
            h
            for h, breaks in clause
            if not s.background
            and not _RECALLING.search(full, breaks[-1] if breaks else s.info.start, h.start)
            and not _AGENDA.search(full, breaks[-1] if breaks else s.info.start, h.start)
        ]
        kept.append((s, easing, tight))
    return kept


def _halt_ended(carriers: list[CuedSentence], full: str) -> list[str]:
    """The title or lead sentence tells a halt ended before it names any halt: the halt is recounted."""
    for s in carriers:
        if not (s.info.is_title or s.info.position == 0) or s.background:
            continue
        m = _HALT_ENDED.search(full, s.info.start, s.info.end)
        halts = [*s.cues("supply_halt"), *s.cues("disruption")]
        if m and not any(h.start < m.start() and h.end <= m.start() for h in halts):
            return [m.group()]
    return []


def _probe_only(carriers: list[CuedSentence], full: str) -> bool:
    """The tariff news is an investigation opened ("a Section 232 probe into imports of ..."); a
    trade-remedy case against one country's goods is the first step of a duty on them."""
    said = " ".join(full[s.info.start : s.info.end].lower() for s in carriers[:2])
    return any(w in said for w in PROBES) and not any(w in said for w in TRADE_REMEDIES)


def _on_agenda(s: CuedSentence, h: Hit, full: str) -> bool:
    """A restriction word named as the subject of talks ("talks over the curbs", "to discuss
    rare earth restrictions"), a few words after the talks word, or what they are said to centre on
    ("negotiations between Washington and Beijing that centre on curbs")."""
    return any(
        any(w in a.phrase for w in AGENDA_TALKS) and 0 <= h.start - a.end <= _AGENDA_REACH
        for a in s.cues("talks")
    ) or _CENTRED_ON.search(full, max(s.info.start, h.start - _CENTRED_REACH), h.start) is not None


def _as_talks(
    read: list[tuple[CuedSentence, list[Hit], list[Hit]]], full: str
) -> list[tuple[CuedSentence, list[Hit], list[Hit]]]:
    """Talks read for what they settled: reliefs asked for or sought, restrictions on the agenda and
    rates agreed ("a 15% tariff", up or down from what was threatened) aside."""
    return [
        (
            s,
            [
                h
                for h in e
                if not _asked(s, h, full) and not _sought(s, h, full) and not _dated_by(s, h, full)
            ],
            [h for h in t if not _on_agenda(s, h, full) and h.value != "rate"],
        )
        for s, e, t in read
    ]


# A truce named as a point in time: "one year after the Geneva truce", "since the ceasefire".
_DATED_BY = re.compile(r"\b(?:after|since|before)\s+(?:the\s+|a\s+|last\s+year's\s+)?(?:[\w'’-]+\s+){0,2}?$",
                       re.IGNORECASE)
_TIME_MARKS = ("truce", "ceasefire", "détente", "detente", "thaw")


def _dated_by(s: CuedSentence, h: Hit, full: str) -> bool:
    """A truce word that dates the story ("a year after the truce"), not a truce agreed in it."""
    window = (max(s.info.start, h.start - 40), h.start)
    return h.phrase.startswith(_TIME_MARKS) and _DATED_BY.search(full, *window) is not None


def _sought(s: CuedSentence, h: Hit, full: str) -> bool:
    """A relief named as the aim of talks ("talks aimed at lowering tariffs", "consultations with
    China on relaxing the rules", "to discuss suspending"): sought, not settled."""
    return any(
        any(w in a.phrase for w in AGENDA_TALKS)
        and 0 <= h.start - a.end <= _AGENDA_REACH + 20
        and _TALKS_AIM.match(full[a.end : h.start]) is not None
        for a in s.cues("talks")
    )


def _asked(s: CuedSentence, h: Hit, full: str) -> bool:
    """An easing word that one side urges or asks the other for ("pressed Beijing to speed up"),
    seeks ("seeking to avert a 39% tariff"), or whose object is the talks ("resumed talks")."""
    if any(0 < h.start - u.end <= _ASKED_REACH for u in s.cues("urging")):
        return True
    if any(0 <= t.start - h.end <= _TALKS_OBJECT for t in s.cues("talks")):
        return True  # "resume talks", "restart negotiations": the talks go on
    return _AIMED.search(full, max(s.info.start, h.start - _ASKED_REACH), h.start) is not None


def weighted(carriers: list[CuedSentence], kind: str) -> float:
    return sum(len(s.cues(kind)) * s.weight for s in carriers)


def _direction_cues(s: CuedSentence, full: str) -> tuple[list[Hit], list[Hit]]:
    """A sentence's easing and tightening words, read for what they act on.

    An easing word inside a supply halt ("suspension of cobalt exports") or under a negation
    ("without a truce extension") eases nothing; restriction words after an easing verb are
    its object ("lifted the ban", "suspends the requirement").
    """
    easing, tight = _clause_cues(s, full)
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
        if contrast and _contrasted(contrast, h, tight, s):
            continue  # "raised the tariff on China, while pausing it for others": another party
        window = full[max(s.info.start, h[0] - NEGATION_REACH) : h[0]]
        if negated(window) and h.value != "decided against":
            continue
        if h.phrase in _GIVEN and any(t.value == "undone" and 0 <= h[0] - t[1] < _GIVEN_REACH for t in tight):
            continue  # "revoked waivers granted to Samsung": how the relief undone was had
        if _described(h, tight, s, full):
            continue  # "reinstated the tariffs that had been paused": what the restriction was before
        if _MARKET_OBJECT.match(full, h[1]):
            continue  # "to lift prices", "reduce a global glut": the market, not a measure, is acted on
        if _HOPED.search(full, max(s.info.start, h[0] - _RELATIVE_REACH), h[0]):
            continue  # "dashing hopes for relief": what was hoped for did not come
        if _urged(s, h, full):
            continue  # "urged Washington to cancel the tariffs": asked of the other side, not done
        if h.phrase.startswith("approv") and _APPROVED_BY.match(full, h[1]):
            continue  # "approved by the State Council": the measure's sign-off, not a licence
        if h.phrase == "批准" and _SIGNED_OFF.search(full, max(0, h[0] - 6), h[0]):
            continue  # "经国务院批准": the same sign-off in a Chinese notice
        if any(0 < h[0] - t[1] <= _OBJECT_REACH and t.phrase.startswith(STOPPING) for t in tight):
            continue  # "stop granting licences": the easing word is what stops
        if (h.phrase.startswith(CARVE_OUTS) or h.value == "excluded") and any(t[1] <= h[0] for t in tight):
            continue  # "a 100% tariff, with exemptions for ...": a carve-out of the new measure
        if kept and kept[-1][0] == h[0]:
            continue  # one word, two stems ("exempt*", "exemption*")
        kept.append(h)
    if kept:
        first = min(h[0] for h in kept)
        tight = [h for h in tight if h[0] < first]
    return kept, tight


def _clause_cues(s: CuedSentence, full: str) -> tuple[list[Hit], list[Hit]]:
    """The lexicon's easing and tightening words, with a measure's start put off read as easing and
    Chinese duties or countermeasures set as tightening."""
    easing, tight = s.cues("easing"), s.cues("tightening")
    deferred = [
        Hit(m.start(), m.end(), "easing", "deferred", m.group().lower())
        for m in _DEFERRED.finditer(full, s.info.start, s.info.end)
        if not any(h.start == m.start() for h in easing)
    ] + [
        Hit(m.start(), m.end(), "easing", "excluded", m.group().lower())
        for m in _EXCLUDED_FROM.finditer(full, s.info.start, s.info.end)
        if not any(h.start == m.start() for h in easing)
    ] + [
        Hit(m.start(), m.end(), "easing", "given", m.group().lower())
        for m in _GIVEN_PASSIVE.finditer(full, s.info.start, s.info.end)
        if not any(h.start <= m.start() < h.end or m.start() <= h.start < m.end() for h in easing)
    ] + [
        Hit(m.start(), m.end(), "easing", "phased out", m.group().lower())
        for m in _PHASED_OUT.finditer(full, s.info.start, s.info.end)
    ] + [
        Hit(m.start(), m.end(), "easing", "faster", m.group().lower())
        for m in _FASTER.finditer(full, s.info.start, s.info.end)
        if not any(h.start <= m.start() < h.end for h in easing)
    ] + [
        Hit(m.start(), m.end(), "easing", "called off", m.group().lower())
        for m in _CALLED_OFF.finditer(full, s.info.start, s.info.end)
    ]
    duties = [
        Hit(m.start(), m.end(), "tightening", "", m.group())
        for m in _CN_DUTIES.finditer(full, s.info.start, s.info.end)
        if not any(h.start <= m.start() < h.end for h in tight)
    ]
    decided = [
        Hit(h.start, h.end, "easing", "decided against", h.phrase)
        for h in tight
        if h.phrase.startswith(_DECIDABLE)
        and _DECIDED_AGAINST.search(full, max(s.info.start, h.start - _DECIDED_REACH), h.start)
    ]
    decided += [
        Hit(m.start(), m.end(), "easing", "decided against", m.group().lower())
        for m in _AGAINST_DUTIES.finditer(full, s.info.start, s.info.end)
        if not any(d.start >= m.start() and d.end <= m.end() for d in decided)
    ]
    if decided:
        tight = [h for h in tight if all(h.start != d.start for d in decided)]
        deferred += decided
    lifted = [
        Hit(m.start(), m.end(), "tightening", "undone", m.group().lower())
        for pattern in (_RELIEF_LIFTED, _RELIEF_LAPSED, _REIMPOSED, _NOT_RENEWED, _RESUMED_RESTRICTION)
        for m in pattern.finditer(full, s.info.start, s.info.end)
    ]
    if lifted:
        tight = sorted([*tight, *lifted])
    cut = [h for h in easing if h.phrase.startswith(_CUTTING) and _CUT_SUPPLY.match(full, h.end)]
    if cut:
        easing = [h for h in easing if h not in cut]
        tight = sorted([*tight, *(Hit(h.start, h.end, "tightening", "supply cut", h.phrase) for h in cut)])
    raised = [h for h in tight if h.phrase.startswith(_RAISING) and _UP_SUPPLY.match(full, h.end)]
    if raised:
        tight = [h for h in tight if h not in raised]
        deferred += [Hit(h.start, h.end, "easing", "supply raised", h.phrase) for h in raised]
    if deferred:
        easing = sorted([*easing, *deferred])
    if duties:
        tight = sorted([*tight, *duties])
    return easing, tight


def _contrasted(contrast: re.Match[str], h: Hit, tight: list[Hit], s: CuedSentence) -> bool:
    """An easing word after "while", "as other", or after "but" that follows a restricting act; a
    state set against a relief ("shipments remain low, but licences are being approved") is not one."""
    at = contrast.start()
    if at <= s.info.start + LEADING or h[0] <= at:
        return False
    return "but" not in contrast.group() or any(t[1] <= at for t in tight)


def _described(h: Hit, tight: list[Hit], s: CuedSentence, full: str) -> bool:
    """An easing word in a relative clause after a restricting act: what the restriction had been."""
    if not any(t[1] <= h[0] for t in tight):
        return False
    if _RELATIVE_PAST.search(full, max(s.info.start, h[0] - _RELATIVE_REACH), h[0]):
        return True
    # "revoked the authorisations that allowed toolmakers to ship": what the undone relief did.
    return _RELATIVE.search(full, max(s.info.start, h[0] - 12), h[0]) is not None and any(
        t.value == "undone" and 0 <= h[0] - t[1] <= _RELATIVE_REACH for t in tight
    )


_OWN_AIM = re.compile(r"\s+to\s")


def _urged(s: CuedSentence, h: Hit, full: str) -> bool:
    """An easing word in the same clause after "urged", "called on", "敦促": what one side asks of
    the other."""
    return any(
        0 < h.start - u.end <= _ASKED_REACH
        and not _CLAUSE_BREAK.search(full, u.end, h.start)
        and not _OWN_AIM.match(full, u.end)  # "wants to set up a green channel": its own plan
        for u in s.cues("urging")
    )


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
    "unable",
    "yet to",
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


def negated(window: str) -> bool:
    """Whether a negation or a condition governs the words after `window`."""
    if any(w in window[-_CN_NEGATION_REACH:] for w in CHINESE_NEGATIONS):
        return True  # "不会放宽", "未恢复": the relief is denied
    if any(w in window[-_CN_NEGATION_REACH - 2 :] for w in CHINESE_DENIALS):
        return True  # "没有获得批准", "尚未得到许可": the relief is not had
    if _CN_CLAUSE_NEGATION.search(window):
        return True  # "未就关税休战延期作出决定": the whole clause is denied
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
    full: str,
) -> tuple[Direction, list[str]] | None:
    """A title that speaks neither way leaves it to the lead sentence, when that eases only (the
    sentences after it recall the measure eased) or sets a measure and eases nothing."""
    if any(
        s.info.is_title and (easing or tight or s.cues("supply_halt")) for s, easing, tight in headline_read
    ):
        return None
    opening = 0
    for s, easing, tight in sorted(read, key=lambda r: r[0].info.position):
        if s.info.position == opening and _DATELINE.fullmatch(full, s.info.start, s.info.end):
            opening += 1  # "Washington, D.C. — Sept. 29, 2025.": the report opens on the next sentence
            continue
        if s.info.position == opening and not s.background:
            if easing and not tight and not s.cues("supply_halt"):
                return Direction.easing, [h.phrase for h in easing]
            # "announced export controls on five more rare earths": a measure set, with nothing eased
            # in the lead; the licences and exemptions after it are the new regime's own.
            announced = s.cues("enacted") + s.cues("announced") + [
                h for h in s.cues("reporting") if h.phrase.startswith(_SETTING)
            ]
            measures = [h for kind in _SET_MEASURES for h in s.cues(kind)]
            sets = any(
                a.phrase not in SIGNING and 0 <= m.start - a.end <= _SET_REACH
                for a in announced
                for m in measures
            )
            if sets and not easing and not _RECALLED.search(full, s.info.start, s.info.end):
                return Direction.tightening, [h.phrase for h in tight + measures]
            return None
    return None


def direction_of(
    etype: EventType,
    carriers: list[CuedSentence],
    full: str,
    title: CuedSentence | None = None,
    opening: CuedSentence | None = None,
    lead: Sequence[CuedSentence] = (),
) -> tuple[Direction, list[str]]:
    """`title`: the text's title, read for its direction even when it carries no measure words
    ("China approves rare earth exports to European carmakers"). `opening`: the lead sentence,
    read the same way ("a call that resulted in China agreeing to keep magnets flowing").
    `lead`: the title and lead, background aside; when the measure's sentences say nothing of
    direction, a spokesman's answer among them tells it (the question names the minerals,
    "答：…建立绿色通道" the act)."""
    if etype in (EventType.commentary, EventType.not_relevant):
        return Direction.neutral, []
    read = [(s, *_direction_cues(s, full)) for s in carriers]
    if not any(e or t or s.cues("supply_halt") for s, e, t in read):
        told = [s for s in lead if all(s is not c for c in carriers) and _ANSWER.match(full, s.info.start)]
        read += [(s, *_direction_cues(s, full)) for s in told]
        carriers = [s for s, _, _ in read]
    if etype in _SUSPENDABLE and not any(e or any(h.value == "undone" for h in t) for _, e, t in read):
        for m in _MEASURES_SUSPENDED.finditer(full, 0, _SUSPENDED_REACH):
            if not negated(full[max(0, m.start() - NEGATION_REACH) : m.start()]):
                return Direction.easing, [m.group()]
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
    if etype is EventType.supply_disruption and (ended := _halt_ended(carriers, full)):
        return Direction.easing, ended
    if etype is EventType.industrial_policy:
        return Direction.neutral, []
    if etype in (EventType.tariff, EventType.trade_talks) and _talks_instead(carriers, full):
        return Direction.neutral, []  # negotiations chosen over duties: nothing set yet
    if etype is EventType.tariff and not easing_hits and _probe_only(carriers, full):
        # An investigation opened is the first step towards a duty (LABELS.md: more restriction).
        return Direction.tightening, [h.phrase for h in tight_hits] or ["investigation"]
    if etype is EventType.trade_talks:
        # "to discuss rare earth curbs": restrictions on the agenda are what is talked about;
        # "pressed Beijing to speed up licences": a relief asked for in talks is not granted.
        read = _scheduled_only(_as_talks(read, full), full)
        headline_read = _scheduled_only(_as_talks(headline_read, full), full)
        easing_hits = [h for _, e, _ in read for h in e]
        easing = sum(len(e) * s.weight for s, e, _ in read)
        tight_hits = [h for _, _, t in read for h in t]
        tight = sum(len(t) * s.weight for s, _, t in read) + sum(
            s.weight * len(s.cues("supply_halt")) for s in carriers
        )
        # The title or lead sentence says so; a later line recalling accusations is context.
        breach = [
            h.phrase
            for s in carriers
            if (s.info.is_title or s.info.position == 0) and not s.background and s.cues("talks")
            for h in s.cues("breach")
        ]
        if breach:
            return Direction.tightening, breach  # a deal said to be broken: tension rises
    opening_read = read
    if opening is not None and all(opening is not s for s in carriers):
        opening_read = [(opening, *_direction_cues(opening, full))] + read
        if etype is EventType.supply_disruption:
            opening_read = _restoring_only(opening_read)
        elif etype is EventType.trade_talks:
            opening_read = _as_talks(opening_read, full)
    headline = _headline_direction(headline_read, full) or _lead_direction(headline_read, opening_read, full)
    if headline is not None and (etype is not EventType.trade_talks or headline[0] is Direction.easing):
        return headline
    if etype is EventType.trade_talks:
        if easing >= 1.0 and easing >= tight:
            return Direction.easing, [h.phrase for h in easing_hits]
        # Restrictions recalled after the lead sentence are the backdrop of the talks.
        opening_tight = sum(len(t) * s.weight for s, _, t in read if s.info.is_title or s.info.position == 0)
        if opening_tight >= 2.0 and not easing:
            return Direction.tightening, [h.phrase for h in tight_hits + halts]
        signed = [h.phrase for s in carriers if s.in_lead for h in s.cues("enacted") if h.phrase in SIGNING]
        signed += _settled(carriers, full)
        if signed and not tight_hits:
            return Direction.easing, signed  # a trade agreement signed, with no restriction in it
        return Direction.neutral, []
    if easing > 0 and easing >= 0.8 * tight:
        return Direction.easing, [h.phrase for h in easing_hits]
    return Direction.tightening, [h.phrase for h in tight_hits + halts]
