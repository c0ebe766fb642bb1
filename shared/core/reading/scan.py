"""The scan: every cue and element hit of a text, grouped by the sentence it falls in.

One pass of the combined lexicon finds the phrases; a few readings then drop what the words do
not mean here ("May" the month, chips beside potatoes, an energy supplier's tariff), and a few
regular expressions add what a lower-case phrase cannot find (US, numbered notices, tariff
rates, supply halts). The result is plain data: the passes after it only read it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from . import gazetteer, phrases
from .cues import LEADING_ONLY_REASONS, LEXICON
from .gazetteer import Hit
from .hanzi import simplified
from .sentence_cues import LEADING, NO_HITS, NO_REASON
from .sentences import Sentence, split
from .textscan import finditer_from, word_starts

Hits = defaultdict[str, list[Hit]]

# Upper-case country abbreviations, which the lower-case lexicon cannot tell from "us".
_ABBREVIATED_ACTOR = re.compile(r"(?:U\.S\.(?:A\.)?|USA|US|EU|UK)(?![A-Za-z])")
_ABBREVIATED_VALUE = {"EU": "EU", "UK": "GB"}
_ABBREVIATED_STARTS = ("U.S.", "US", "EU", "UK")  # every match begins with one of these
# Numbered official texts, searched in the lower-case text.
_NUMBERED = re.compile(
    r"announcements?\s+(?:no\.?|number)\s*\d+|no\.\s*\d+\s+of\s+20\d\d|no\.\s*\d+\s*\(20\d\d\)"
    r"|第\s*\d+\s*号|[〔\[]\s*20\d\d\s*[〕\]]\s*第?\s*\d+\s*号"
    r"|federal register|(?:executive order|proclamation)\s+\d{5}"
)
_NUMBERED_STARTS = (
    "announcement", "no.", "第", "〔", "[", "federal register", "executive order", "proclamation",
)  # fmt: skip
# Suspending exports or output is a stop of supply, unlike suspending a control.
_SUSPEND_SUPPLY = re.compile(
    r"(?:(?:suspend|pause|halt|curtail)(?:s|ed|ing)?|cut(?:s|ting)?|(?:suspension|halt|pause|moratorium)\s+(?:of|on|to))\s+"
    r"(?:(?!ban|control|curb|restriction|rule|measure|requirement|licen|tariff|dut)[a-z]+\s+){0,2}?"
    r"(?:exports?|shipments?|production|operations|sales|deliveries|supplies|supply|mining|output)"
    r"(?!\s+(?:control|curb|restriction|ban|licen|rule|measure|review|permit|requirement|regime"
    r"|tax|dut|tariff))"
    r"|export\s+(?:suspension|halt|moratorium)"
)
# "暂停向美国出口稀土磁体", "停止对日供应": exports or supply stopped; unlike "暂停实施…出口管制",
# where what is suspended is the control, or "暂停出口许可", a relief withdrawn.
_CN_SUSPEND_SUPPLY = re.compile(
    r"(?:暂停|暫停|停止|中止|叫停)(?!实施|實施|执行|執行|征收|徵收|加征|加徵)(?:向|对|對)?"
    r"[^，。；、,;]{0,10}?(?:出口|供应|供應|供货|供貨|发货|發貨|出货|出貨|交付)"
    r"(?!管制|许可|許可|限制|禁令|管控|规定|規定|措施|政策|审批|審批|申请|申請)"
    r"|断供|斷供"
)
# "暂停实施2025年第55号、第58号公告", "停止执行…的决定": a notice suspended is a measure's act,
# whatever goods it covered (a sentence of background often names them).
_CN_NOTICE_SUSPENDED = re.compile(
    r"(?:暂停|停止|中止|暂缓)(?:实施|执行)[^，。；,;]{0,40}?(?:公告|决定|第\s*\d+\s*号)"
)
# "suspend the implementation of Announcements No. 55 and No. 61": the same in English.
_NOTICE_SUSPENDED = re.compile(
    r"\b(?:suspend|halt|stop|lift|revok|rescind|repeal)\w*\s+(?:the\s+)?(?:(?:implementation|enforcement)\s+of\s+)?"
    r"(?:its\s+|the\s+)?(?:mofcom\s+|commerce ministry\s+)?announcements?\s+(?:no\.?|number)\s*\d+"
)
# "限制辉达晶片出口中国", "批准超微向中国出口MI308晶片": a government's verb over the exports it
# restricts or permits is control language.
_CN_EXPORT_DECIDED = re.compile(
    r"(?:限制|禁止|管控|批准|获准|准许|允许)[^，。；、,;]{0,12}?(?:出口|销售|出货|供货)"
)
# "已获得部分稀土永磁产品出口许可": a licence had, with the goods between verb and licence.
_CN_LICENCE_HAD = re.compile(r"(?:获得|取得|拿到|获发|收到|领到)[^，。；、,;]{1,12}?(?:出口许可|许可证|许可)")
# "加征34%关税": duties added at a rate; "暂停实施…加征关税税率" names the measure suspended.
_CN_DUTY_ADDED = re.compile(r"加征\s*(?:\d+(?:\.\d+)?\s*[%％]|百分之)")
_CN_DUTY_UNDONE = re.compile(r"(?:暂停|停止|取消|中止|免除)[^，。；,;]{0,12}$")
# 超微 is Taiwan's name for AMD, unless it means "ultrafine" (超微粉, 超微细, 超微米).
_AMD_TAIWAN = re.compile(r"超微(?![粉细米纳结孔量型小晶颗])")
# "出口前须先取得许可", "需申请出口许可证": a licence made necessary (phrases.licences_needed).
_CN_LICENCE_NEEDED = re.compile(
    r"(?:须|需|需要|必须|应当|应)(?:先|事先|另行)?(?:申请|取得|获得|领取|申领)[^，。；,;]{0,6}?许可"
)
# "暂停部分企业的通用许可", "撤销…出口许可证": a relief withdrawn restricts (unlike "取消出口许可要求",
# a requirement dropped, or "暂停实施", a control suspended).
_CN_UNDONE_RELIEF = re.compile(
    r"(?:暂停|停止|撤销|吊销|取消|收回|中止)(?!实施|执行)[^，。；,;]{0,12}?"
    r"(?:通用许可|出口许可证|出口许可|许可证|许可|豁免|资质|白名单)(?!要求|制度|管理|限制|审查|管控)"
)
_CN_UNDOING = ("暂停", "停止", "撤销", "吊销", "取消", "收回", "中止")
# "据彭博社报道", "据《金融时报》报道", "据外媒消息": another outlet tells it (cues.HEARSAY).
_CN_HEARSAY = re.compile(r"据[^，。；,;]{1,14}?(?:报道|消息|透露|援引)")
# "暂停对美国出口两用物项的管制": what is suspended is the control on those exports.
_CN_CONTROL_AFTER = re.compile(r"[^，。；,;]{0,14}?(?:的|之)(?:管制|限制|禁令|规定|措施|管控|审查|许可)")
_CN_HALT_WORDS = ("暂停", "暫停", "停止", "中止", "叫停", "断供", "斷供")
# Where a supply halt can begin: the regex is tried only there, not at every character.
_HALT_WORDS = (" suspen", " paus", " halt", " moratorium", " export ", " cut", " curtail")
_CASHTAG = re.compile(r"\$[A-Z]{2,5}\b")
# "12 May 2025", "May 14", "since May": the month, not a modal verb.
_MONTH_MAY = re.compile(
    r"\d\s*May\b|\bMay\.?\s*\d|\b(?:since|in|of|early|late|mid|until|by|last|next)[ -]May\b"
)
# "since May 20", "since 2023", "since then": a time, not a cause.
_SINCE_TIME = re.compile(
    r"\s+(?:(?:early|late|mid)[ -])?"
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|last|then|the start)",
    re.IGNORECASE,
)
# Latin letters or digits touching a Chinese character or a full-width mark, either side.
_LATIN_AGAINST_CJK = re.compile(r"[\u3000-\uffff][a-z0-9]|[a-z0-9][\u3000-\uffff]")
_CJK_WIDE = re.compile(r"[\u3000-\uffff]")
_new = tuple.__new__


class Scan(NamedTuple):
    """The text as read once: its sentences, and per sentence its cue hits and element hits."""

    full: str
    sentences: list[Sentence]
    hits: list[Hits]
    elements: list[list[Hit]]


def scan(full: str, title_end: int) -> Scan:
    """Hits of `full`, whose first `title_end` characters are the title."""
    infos = split(full, title_end)
    if not infos:
        return Scan(full, [], [], [])
    # Traditional characters read as simplified ones (one for one, offsets unchanged): Taiwan
    # and Hong Kong outlets write 商務部公告第70號 for 商务部公告第70号.
    lower = simplified(_lower(full))
    normalised = gazetteer.normalise(lower)
    starts = [s.start for s in infos]
    starts[0] = 0
    buckets, element_found = _lexicon_hits(normalised, starts)
    _drop_other_senses(buckets, full, normalised, element_found)

    def add(kind: str, hit: Hit) -> None:
        buckets[bisect_right(starts, hit[0]) - 1][kind].append(hit)

    _pattern_hits(add, buckets, full, lower, normalised)
    elements: list[list[Hit]] = [[] for _ in infos]
    for hit in gazetteer.element_hits(full, normalised, element_found):
        elements[bisect_right(starts, hit[0]) - 1].append(hit)
    _drop_false_reasons(buckets, infos, full)
    if not full.isascii():
        _chinese_leading_clauses(buckets, infos, lower)
    return Scan(full, infos, buckets, elements)


# "中国对中重稀土实施出口管制后，多家车企…", "中美磋商之后，中方宣布…": a leading clause closed by
# 后/之后/以来 and a comma sets the time or cause; the news follows the comma ("中方在…后，宣布…"
# names its subject first and is not such a clause).
_CN_AFTER_CLAUSE = re.compile(r"\s*[^，。；,;！？在]{2,40}?(?:之后|以后|后|以来)\s*[，,]")


def _chinese_leading_clauses(buckets: list[Hits], infos: list[Sentence], lower: str) -> None:
    for info, hits in zip(infos, buckets, strict=True):
        if info.is_title or "reason" in hits:
            continue
        m = _CN_AFTER_CLAUSE.match(lower, info.start, info.end)
        if m:
            hits["reason"].append(Hit(info.start, m.end(), "reason", "", m.group().strip()))


def _lower(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few characters lengthen when lowered ("İ"); keep offsets aligned.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _lexicon_hits(normalised: str, starts: list[int]) -> tuple[list[Hits], list[Hit]]:
    """One pass over the automaton: element hits aside, cue hits straight into their sentence."""
    # Matches arrive in order of their end, so the sentence index mostly just moves forward.
    element_found: list[Hit] = []
    element_kinds = gazetteer.ELEMENT_KINDS
    count = len(starts)
    buckets: list[Hits] = [defaultdict(list) for _ in range(count)]
    index, low, high = 0, 0, starts[1] if count > 1 else NO_REASON
    found_element = element_found.append
    for end_idx, (length, trail, payloads) in _matches(normalised):
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
    return buckets, element_found


def _matches(normalised: str) -> Iterable[gazetteer._Match]:
    """The lexicon's matches, and in Chinese text the Latin words set against characters with no
    space between ("辉达H20获准", "美国BIS"): read again with the characters as spaces."""
    first = LEXICON.raw(normalised)
    if normalised.isascii() or not _LATIN_AGAINST_CJK.search(normalised):
        return first
    found = list(first)
    seen = {(end, length) for end, (length, _, _) in found}
    blanked = _CJK_WIDE.sub(" ", normalised)  # one character for one: offsets hold
    found += [m for m in LEXICON.raw(blanked) if (m[0], m[1][0]) not in seen]
    return sorted(found, key=lambda m: m[0])


def _drop_other_senses(buckets: list[Hits], full: str, normalised: str, element_found: list[Hit]) -> None:
    """Drop hits whose words mean something else here: "May" the month, phrases inside a
    longer shadowing phrase, potato chips, an energy supplier's export tariff."""
    present = set().union(*buckets)  # every cue kind the text holds
    if " may " in normalised:
        for bucket in buckets:
            found = bucket.get("speculation")
            if found and any(h.phrase == "may" for h in found):
                kept = [
                    h for h in found if h.phrase != "may" or not _MONTH_MAY.search(full, h[0] - 4, h[1] + 6)
                ]
                bucket["speculation"] = kept
    if "shadow" in present:  # the phrases of cues.SHADOW
        for bucket in buckets:
            if "shadow" in bucket:
                kept = gazetteer.drop_shadowed([h for found in bucket.values() for h in found])
                bucket.clear()
                for hit in kept:
                    bucket[hit.kind].append(hit)
    if "company" in present and "actor" in present:
        # "Taiwan Semiconductor" is a firm, not Taiwan's government.
        for bucket in buckets:
            firms = bucket.get("company")
            if firms and "actor" in bucket:
                bucket["actor"] = [
                    h for h in bucket["actor"] if not any(f[0] <= h[0] and h[1] <= f[1] for f in firms)
                ]
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


def _pattern_hits(
    add: Callable[[str, Hit], None], buckets: list[Hits], full: str, lower: str, normalised: str
) -> None:
    """The cues a regular expression finds: abbreviations, numbers, rates, halts, access."""
    for m in finditer_from(_ABBREVIATED_ACTOR, full, word_starts(full, _ABBREVIATED_STARTS)):
        if m.start() == 0 or not full[m.start() - 1].isalpha():
            value = _ABBREVIATED_VALUE.get(m.group(), "US")
            add("actor", Hit(m.start(), m.end(), "actor", value, m.group()))
    if "no." in lower or "号" in lower or "federal" in lower:
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
    for m in phrases.licences_needed(lower):
        add("tightening", Hit(m.start(), m.end(), "tightening", "required", m.group()))
    told = [(h.start, h.end) for b in buckets for h in b.get("easing", NO_HITS)]
    for m in phrases.kept_supplies(lower):
        if not any(a < m.end() and m.start() < b for a, b in told):  # the lexicon found it already
            told.append((m.start(), m.end()))
            add("easing", Hit(m.start(), m.end(), "easing", "kept", m.group()))
    for kind, value, m in phrases.access_changes(lower):
        # "to cut China's access to AI chips" restricts; "enhancing America's access" eases.
        add(kind, Hit(m.start(), m.end(), kind, value, m.group()))
    undoing = [h.start for b in buckets for h in b.get("undoing", NO_HITS)]
    for m in phrases.undone_reliefs(lower, undoing):
        add("tightening", Hit(m.start(), m.end(), "tightening", "undone", m.group()))
    for m in _supply_halts(normalised, lower):
        add("supply_halt", Hit(m.start() - 1, m.end() - 1, "supply_halt", "", m.group()))
    if not full.isascii() and any(w in lower for w in _CN_UNDOING):
        for m in _CN_UNDONE_RELIEF.finditer(lower):
            add("tightening", Hit(m.start(), m.end(), "tightening", "undone", m.group()))
    if "据" in lower:
        for m in _CN_HEARSAY.finditer(lower):
            add("hearsay", Hit(m.start(), m.end(), "hearsay", "", m.group()))
    if not full.isascii() and any(w in full for w in _CN_HALT_WORDS):
        for m in _CN_SUSPEND_SUPPLY.finditer(lower):
            if not _CN_CONTROL_AFTER.match(lower, m.end()):
                add("supply_halt", Hit(m.start(), m.end(), "supply_halt", "", m.group()))
        for m in _CN_NOTICE_SUSPENDED.finditer(lower):
            add("control", Hit(m.start(), m.end(), "control", "", m.group()))
    if "announcement" in lower:
        for m in _NOTICE_SUSPENDED.finditer(lower):
            add("control", Hit(m.start(), m.end(), "control", "", m.group()))
    if not full.isascii() and any(w in lower for w in ("出口", "销售", "出货", "供货")):
        for m in _CN_EXPORT_DECIDED.finditer(lower):
            add("control", Hit(m.start(), m.end(), "control", "", m.group()))
    if "加征" in lower:
        for m in _CN_DUTY_ADDED.finditer(lower):
            if not _CN_DUTY_UNDONE.search(lower, max(0, m.start() - 12), m.start()):
                add("tightening", Hit(m.start(), m.end(), "tightening", "rate", m.group()))
    if "超微" in lower:
        for m in _AMD_TAIWAN.finditer(lower):
            add("company", Hit(m.start(), m.end(), "company", "AMD", m.group()))
    if not full.isascii() and "许可" in lower:
        for m in _CN_LICENCE_NEEDED.finditer(lower):
            add("tightening", Hit(m.start(), m.end(), "tightening", "required", m.group()))
        for m in _CN_LICENCE_HAD.finditer(lower):
            add("easing", Hit(m.start(), m.end(), "easing", "had", m.group()))


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


# A Chinese clause opens after a comma ("根据…规定，为落实…共识，…"): its grounds lead it as a
# sentence's would.
_CLAUSE_OPENING = re.compile(r"[，,；]\s*$")


def _drop_false_reasons(buckets: list[Hits], infos: list[Sentence], full: str) -> None:
    """ "since May 20" gives a time, not a cause; "to implement the" gives one only at the start
    of a sentence or, in Chinese, of a clause ("a framework to implement the truce, including ..."
    names what was agreed)."""
    for info, hits in zip(infos, buckets, strict=True):
        reasons = hits.get("reason")
        if reasons and any(h.phrase == "since" for h in reasons):
            reasons = [h for h in reasons if h.phrase != "since" or not _SINCE_TIME.match(full, h[1])]
            hits["reason"] = reasons
        if reasons and any(h.phrase in LEADING_ONLY_REASONS for h in reasons):
            reasons = [
                h
                for h in reasons
                if h.phrase not in LEADING_ONLY_REASONS
                or h[0] - info.start <= LEADING
                or _CLAUSE_OPENING.search(full, max(info.start, h[0] - LEADING), h[0])
            ]
            hits["reason"] = reasons
