"""Measure phrases that a word list cannot hold: a tariff stated by its rate, access cut or
opened, a relief undone. Each pattern is tried only where one of its words stands.
"""

from __future__ import annotations

import re

from .cues import RELIEFS, UNDOING_VERBS
from .textscan import finditer_from, word_starts

# "a 100% tariff", "25 percent duties": a tariff stated by its rate is one being set.
_RATE_BEFORE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|percent|per cent)\s+(?:[a-z-]+\s+){0,2}?(?:tariffs?|duties|duty|levy|levies)\b"
)
_RATE_AFTER = re.compile(
    r"(?:tariffs?|duties|duty|levy|levies)\s+of\s+(?:up to |about |around |nearly |roughly )?"
    r"\d+(?:\.\d+)?\s*(?:%|percent|per cent)"
)
_RATE_MARKS = ("%", "percent", "per cent")
_DUTY_WORDS = ("tariff", "duties", "duty", "levy", "levies")
_RATE_REACH = 12  # characters a rate's number may take before its "%"
# Access cut or limited: a restriction, even though "cut" alone eases a tariff.
_ACCESS_LIMITED = re.compile(
    r"\b(?:cut|cuts|cutting|limit|limits|limiting|restrict\w*|block\w*|curb\w*|den(?:y|ies|ied)"
    r"|choke\w*|starv\w*)\s+(?:off\s+)?(?:[\w-]+(?:['’]s)?\s+){0,2}access\b"
)
_ACCESS_OPENED = re.compile(
    r"\b(?:enhanc|improv|restor|expand|secur|grant|boost|ensur|reopen|widen)\w*\s+(?:[\w-]+(?:['’]s)?\s+){0,2}"
    r"access\b"
)
_ACCESS_CHANGES = ((_ACCESS_LIMITED, "tightening", "undone"), (_ACCESS_OPENED, "easing", "access"))
_ACCESS_REACH = 60  # characters from the verb to "access"
# "delays Section 301 tariff hikes", "defers the duties": a tariff put off eases.
_DUTY_DEFERRED = re.compile(
    r"(?:delay|postpon|defer)\w*\s+(?:[\w-]+\s+){0,3}?(?:tariffs?|duties|duty|levies)\b"
)
_DEFER_WORDS = ("delay", "postpon", "defer")
# A relief undone: "suspended the dysprosium export licences", "revokes waivers"; not "talks
# ended without a truce extension", where the relief was never had.
_UNDONE = re.compile(
    r"(?:"
    + "|".join(UNDOING_VERBS)
    + r")[a-z]*\s+(?:(?!without\b|with no\b|no\b)[a-z'’-]+,?\s+){0,3}?(?:"
    + "|".join(RELIEFS)
    + r")\b(?!\s+(?:requirement|regime|system|rule))"
)

# The same told in the passive: "export licences suspended", "waivers were revoked".
_UNDONE_PASSIVE = re.compile(
    r"\b(?:"
    + "|".join(RELIEFS)
    + r")\s+(?:(?:were|was|have been|has been|had been|are being|is being|being|now)\s+)?(?:"
    + "|".join(UNDOING_VERBS)
    + r")[a-z]*(?:ed|wn|s)\b"
)
# "strips Samsung's China plants of fast-track status": the firm named between verb and relief.
_STRIPPED = re.compile(
    r"strip(?:s|ped|ping)?\s+(?:[\w'’.-]+,?\s+){0,8}?of\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:status|privileges|exemptions?|waivers?|licen[cs]es?|authori[sz]ations?)\b"
)
_PASSIVE_REACH = 40  # characters a relief and its auxiliary take before the verb

# Supply kept going under a deal: "agreed to keep rare earths flowing", "ensure stable supplies of
# magnets". Words of a restriction between verb and goods ("maintain the ban on exports") bar it.
_FREE_WORD = r"(?:(?!ban|curb|restrict|control|limit|embargo|licen)[\w'’-]+,?\s+)"
_SUPPLY_KEPT = re.compile(
    r"\b(?:keep|keeps|kept|keeping)\s+" + _FREE_WORD + r"{0,6}?(?:flowing|moving|coming|open)\b"
    r"|\b(?:ensur|guarantee|maintain|assur)\w*\s+" + _FREE_WORD + r"{0,6}?"
    r"(?:suppl(?:y|ies)|flows?|exports|shipments|deliveries)\b(?!\s+(?:controls?|curbs|restrictions|bans?)\b)"
    r"|\baddress\w*\s+(?:[\w'’-]+\s+){0,4}?(?:needs|concerns)\b"
    r"|\b(?:let|lets|letting)\s+" + _FREE_WORD + r"{1,8}?through\b"
)
_KEEPING_WORDS = ("keep", "kept", "ensur", "guarantee", "maintain", "assur", "address", "let")
# A ceiling put on tariffs: "caps duties on Korean cars at 15%", "tariffs of no more than 15%".
_TARIFF_CAP = re.compile(
    r"\bcap(?:s|ped|ping)?\s+(?:[\w'’-]+\s+){0,4}?(?:tariffs?|duties|duty|levies)\b"
    r"|\b(?:tariffs?|duties|duty)\b[^.;:]{0,50}?\b(?:no (?:more|higher) than|not (?:to )?exceed\w*"
    r"|capped at|a ceiling of|at most|no less favou?rable)"
    r"|\b(?:ceiling|cap|limit) of (?:[\w.%-]+\s+){1,3}?on (?:[\w'’-]+\s+){0,2}?(?:tariffs?|duties)\b"
)
_CAP_WORDS = ("cap", "tariff", "dut", "ceiling", "limit")
# A licence obtained: "secured the licences they need", "received export licences".
_LICENCE_OBTAINED = re.compile(
    r"\b(?:secur|obtain|receiv|won\b|win\b|wins\b|gets?\b|got\b)\w*\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:licen[cs]es?|permits?|approvals?|authori[sz]ations?)\b"
)
_OBTAIN_WORDS = ("secur", "obtain", "receiv", "won", "win", "get", "got")
# "must obtain licences", "needed to get approval": the requirement, not a licence granted.
_OBLIGED = re.compile(
    r"\b(?:must|need\w*|requir\w*|have to|has to|had to|apply\w*|applied|forced|obliged|compel\w*"
    r"|in order to|seek\w*|sought|tries|try|trying|struggl\w*)\b[^.,;]*$"
)
_OBLIGED_REACH = 60
# A share of sales paid to the government for licences to sell: a sale permitted on terms.
_REVENUE_SHARE = re.compile(
    r"\b(?:pay|pays|paying|paid|give|gives|giving|hand|hands|handing|remit\w*|shar(?:e|es|ing))\s+"
    r"(?:[\w'’.-]+\s+){0,6}?(?:\d+(?:\.\d+)?\s*(?:%|percent|per cent)"
    r"|a (?:share|cut|portion|percentage|slice))"
    r"\s+of\s+(?:[\w'’-]+\s+){0,4}?(?:revenues?|proceeds|sales)\b"
    r"|\brevenue[- ]shar\w+"
)
# A measure not enforced or put on hold: "will not enforce the rules for a year", "puts the
# October rules on hold", "stops applying the tariff increase".
_MEASURE_NOUN = (
    r"(?:rules?|controls?|measures?|bans?|curbs?|restrictions?|tariffs?|duties|requirements?"
    r"|increases?|hikes?|regime|announcement)"
)
_NOT_ENFORCED = re.compile(
    r"\b(?:(?:not|no longer)\s+(?:to\s+)?(?:enforc\w*|implement\w*)"
    r"|(?:stop\w*|ceas\w*|halt\w*|pause\w*)\s+(?:enforc\w*|implement\w*|apply\w*))\s+"
    r"(?:[\w'’-]+\s+){0,5}?" + _MEASURE_NOUN + r"\b"
    r"|\b(?:put|puts|putting|placed|places|placing)\s+(?:[\w'’-]+\s+){0,5}?" + _MEASURE_NOUN + r"\s+on hold\b"
    r"|\b(?:hold|holds|held|holding) off (?:on\s+)?(?:[\w'’-]+\s+){0,5}?" + _MEASURE_NOUN + r"\b"
)
_HOLD_WORDS = ("not", "no longer", "stop", "ceas", "halt", "paus", "put", "plac", "hold", "held")
# "gave the go-ahead for new tariffs": a permission for a restriction is none.
_NOT_FOR_A_MEASURE = (
    r"(?!\s+(?:to|for)\s+(?:[\w'’-]+\s+){0,2}?(?:tariffs?|duties|bans?|curbs?|restrictions?|controls?"
    r"|sanctions|impos\w*|restrict\w*|ban\b))"
)
# Permission given in other words: "gave Samsung a one-year authorization", "signed off on the
# licences", "will be permitted to continue servicing".
_PERMISSION_GIVEN = re.compile(
    r"\b(?:give|gives|gave|given|giving)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:authori[sz]ations?|permission|go-ahead|nod|approval|green light|clearance)\b" + _NOT_FOR_A_MEASURE +
    r"|\bsign(?:s|ed|ing)? off on\s+(?:[\w'’.-]+\s+){0,4}?"
    r"(?:licen[cs]es?|exports?|sales|shipments|permits?)\b"
    r"|\b(?:be|been|is|are|was|were)\s+permitted\s+to\b"
)
_PERMISSION_WORDS = ("give", "gave", "giving", "sign", "be ", "been", "is ", "are", "was", "were")
# A licence made necessary: "exporters will need government permits", "must apply for licences".
_LICENCE_NEEDED = re.compile(
    r"\b(?:need|needs|must\s+(?:obtain|apply\s+for|get|seek|hold)|(?:be\s+)?required\s+to\s+(?:obtain|apply\s+for"
    r"|get|seek|hold))\s+(?:[\w'’-]+\s+){0,2}?(?:permits?|licen[cs]es?|approvals?|authori[sz]ations?)\b"
)
_NEED_WORDS = ("need", "must", "required", "be required")
_SHARE_WORDS = ("revenue", "proceeds", "sales")
_SHARING_WORDS = ("pa", "gi", "ha", "rem", "shar", "revenue")


def rate_tariffs(lower: str) -> list[re.Match[str]]:
    """Tariffs stated by their rate, tried only around a "%" or a duty word."""
    found = []
    for at in word_starts(lower, _RATE_MARKS):
        m = _RATE_BEFORE.search(lower, max(0, at - _RATE_REACH), at + 60)
        if m and m.start() <= at:
            found.append(m)
    if " of " in lower:  # "tariffs of 25%"
        starts = [at for at in word_starts(lower, _DUTY_WORDS) if at == 0 or not lower[at - 1].isalpha()]
        found += finditer_from(_RATE_AFTER, lower, starts)
    return found


def undone_reliefs(lower: str, starts: list[int]) -> list[re.Match[str]]:
    """Reliefs undone, tried where the lexicon found an undoing verb (`starts`, sorted)."""
    if not starts:
        return []
    found = list(finditer_from(_UNDONE, lower, sorted(starts)))
    found += [m for at in starts if (m := _STRIPPED.match(lower, at))]
    for at in starts:
        m = _UNDONE_PASSIVE.search(lower, max(0, at - _PASSIVE_REACH), at + _PASSIVE_REACH)
        if m and m.start() < at < m.end():
            found.append(m)
    return found


def access_changes(lower: str) -> list[tuple[str, str, re.Match[str]]]:
    """(cue kind, value, match) for each "access" a verb cuts or opens, tried only there."""
    found = []
    for at in word_starts(lower, ("access",)) if "access" in lower else ():
        for pattern, kind, value in _ACCESS_CHANGES:
            m = pattern.search(lower, max(0, at - _ACCESS_REACH), at + 6)
            if m and m.end() == at + 6:
                found.append((kind, value, m))
    return found


def deferred_duties(lower: str) -> list[re.Match[str]]:
    """Tariffs delayed or deferred, tried where a deferring verb begins a word."""
    starts = [at for at in word_starts(lower, _DEFER_WORDS) if at == 0 or not lower[at - 1].isalpha()]
    return list(finditer_from(_DUTY_DEFERRED, lower, starts))


def kept_supplies(lower: str) -> list[re.Match[str]]:
    """Supply kept flowing, a tariff capped, a licence obtained, sales allowed for a share of them:
    reliefs told without an easing verb. Tried only where one of their words begins."""
    found = list(finditer_from(_SUPPLY_KEPT, lower, word_starts(lower, _KEEPING_WORDS)))
    found += finditer_from(_TARIFF_CAP, lower, word_starts(lower, _CAP_WORDS))
    found += [
        m
        for m in finditer_from(_LICENCE_OBTAINED, lower, word_starts(lower, _OBTAIN_WORDS))
        if not _OBLIGED.search(lower[max(0, m.start() - _OBLIGED_REACH) : m.start()])
    ]
    found += finditer_from(_NOT_ENFORCED, lower, word_starts(lower, _HOLD_WORDS))
    if "permitted" in lower or "sign" in lower or "giv" in lower or "gave" in lower:
        found += finditer_from(_PERMISSION_GIVEN, lower, word_starts(lower, _PERMISSION_WORDS))
    if any(w in lower for w in _SHARE_WORDS):
        found += finditer_from(_REVENUE_SHARE, lower, word_starts(lower, _SHARING_WORDS))
    return found


def licences_needed(lower: str) -> list[re.Match[str]]:
    """A licence or permit made necessary: the requirement of a control, told by who must get it."""
    return list(finditer_from(_LICENCE_NEEDED, lower, word_starts(lower, _NEED_WORDS)))
