"""Whether two classified texts report the same real-world incident, and clustering by that rule.

Outlets reword a story, so exact hashes miss. Some facts keep two texts apart whatever else
they share (different announcement numbers or meeting places, a chip measure against a mineral
one, headlines led by different governments, opposite steps of two governments, a permission
granted against one revoked, events of incompatible types or on disjoint elements). Otherwise
two texts are one incident when they are near duplicates; when their profiles of particulars
(`incident_facts`) are alike enough, reports days apart counting as closer and months apart as
further (unless the later one reports a later step of the same measure: suspended, lifted, in
force, licences issued); when they give the same duty rate to the decimal or the same count of
firms or items; or, for events, when the classifier's facts agree: compatible type and issuer,
and a shared anchor (announcement number, named rule, venue, a citation of the other's day or,
for a follow-up, of its month, one suspension reported twice) or the same elements within a
plausible time span, on texts not wholly unalike. A signed op-ed joins only a report it is
distinctly like or that shares a measure's number or name; an order or notice carrying out what
a meeting agreed does not join the earlier report of the meeting, nor one suspension another of a
different kind that names nothing of it. A text may also join an incident whose
reports together are like it (`group_strength`).
A later text about the same measure taking effect, escalating or being suspended joins the
incident (README, How a text is read), so direction is deliberately not compared.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from chokewatch.shared.messages import Classification, Direction, EventType

from .gazetteer import Lexicon, normalise
from .hanzi import simplified
from .incident_facts import cosine, shared_concepts
from .similarity import similarity
from .textscan import finditer_from, word_starts

NEAR_DUPLICATE = 0.5  # estimated Jaccard of shingles above which texts are copies of one story
SAME_ELEMENTS = 0.7  # element-set Jaccard above which two measures of one issuer coincide
ANCHOR_ELEMENTS = 0.3  # a shared date counts only if the elements overlap at least this much
MAX_GAP_DAYS = 180  # beyond this, only a shared number or named measure joins two texts
FORWARD_DAYS = 45  # a day-month this close ahead of a text's date is a start date it announces
MAX_CITE_DAYS = 400  # a day-month names a day within about a year
NAMED_DAY_BACK = 7  # an undated report's day of the development: its dated report's day or earlier
SAME_DAY_NUMBERS = 10  # announcements issued together on one day carry neighbouring numbers
# Profiles (incident_facts): how alike two texts' particulars must be to be one development.
JOIN = 0.35  # cosine of profiles (with the time adjustments below) that joins two texts
FLOOR = 0.2  # below this, shared facts read by the classifier (firms, elements) do not join
# two texts either: the same firms and minerals recur in many separate measures
CJK_SCALE = 1.4  # pairs of characters split a Chinese text's words: its cosines run lower
CROSS_LANGUAGE = 0.8  # a text and a translation share only concepts and numbers: a weaker tie
NEAR_DAYS, NEAR_BONUS = 7, 0.1  # reports within a few days of each other are likelier one story
FAR_DAYS, FAR_PENALTY = 60, 0.1  # months apart, the same particulars are likelier a new step
FAR_JOIN = 0.7  # beyond MAX_GAP_DAYS, likeness alone joins only near copies: a year on, the same
# country's rules on the same tools are likelier its next round than a report of the last
GROUP_MIN = 2  # an incident of this many reports is matched as a whole too
GROUP_JOIN = JOIN  # likeness to the sum of an incident's reports that joins a text to it
ROUND_DAYS = 14  # a meeting's place ties reports of it this long after one another
PAUSE_DAYS = 21  # reports of one suspension or lifting follow it within a few weeks
ORDER_DAYS = 3  # an order carrying out a meeting's deal is issued days later; sooner, it is the deal
LIST_JOIN = 0.5  # likeness at which reports naming one measure may pick disjoint goods from it
AGREED_JOIN = 0.3  # likeness that joins element-less measures whose facts all agree (_agreed)
FOLLOW_ELEMENTS = 0.5  # a later step of a measure covers about the same elements as the measure
MIN_COUNT = 12  # "36 companies", "23 items": a count this large names one listing
COUNT_FLOOR = 0.18  # ... when the texts are at least this alike
BROAD_ELEMENTS = 12  # an element set this large is "rare earths" in general
BROAD_FLOOR = 0.25  # ... and sharing it joins two texts only this alike
WEEK_SHARE = 0.5  # share of the shorter element list that reports of one measure days apart share
WEEK_FLOOR = 0.12  # ... when their texts are at least this alike (a translation shares little)
_NON_EVENTS = (EventType.commentary, EventType.not_relevant)
_OPPOSED = {Direction.tightening, Direction.easing}  # a step and its reversal
# A government's own measures, as against deals, investments, talks and disruptions.
_MEASURES = (EventType.mineral_export_control, EventType.chip_export_control, EventType.tariff,
             EventType.sanctions)
# Types that one incident may carry in different texts (a deal reported as talks or as the
# suspension it contains; a chip listing reported as a sanction).
_COMPATIBLE = {
    frozenset({EventType.mineral_export_control, EventType.trade_talks}),
    frozenset({EventType.tariff, EventType.trade_talks}),
    frozenset({EventType.chip_export_control, EventType.sanctions}),
    frozenset({EventType.chip_export_control, EventType.trade_talks}),
    # A minerals partnership signed at a summit reads as the deal or as industrial policy.
    frozenset({EventType.industrial_policy, EventType.trade_talks}),
}

# All patterns here run on lower-case text, without IGNORECASE or a leading \b: both make
# Python's regex engine try every position.
# An announcement's number as English and Chinese notices write it: "Announcement No. 61",
# "announcement number 61", "Announcement [2025] No. 61", "announcement 61 of 2025", "No. 61",
# "公告2025年第61号".
_NUMBER = re.compile(
    r"announcements?\s+(?:[\[(]?20\d\d[\])]?\s*,?\s*)?(?:nos?\.?|numbers?)\s*(\d{1,3})(?!\d)"
    r"(?:\s+and\s+(?:no\.?\s*)?(\d{1,3}))?"
    r"|announcements?\s+(\d{1,3})\s+of\s+20\d\d"
    r"|(?<!the )(?<!'s )(?<!\u2019s )no\.\s*(\d{1,3})(?!\d)|第\s*(\d{1,3})\s*号"
)  # "the world's No. 1 producer", "the No. 2 economy": a rank, not an announcement
_NUMBER_STARTS = ("announcement", "no.", "第")  # every match of _NUMBER begins with one
# Chinese lists and bracketed years: "第55、56、57号", "第55号、第56号", "公告〔2025〕70号".
_CN_NUMBERS = re.compile(
    r"(?:第|[〔\[(（]\s*20\d\d\s*[〕\])）]\s*第?)\s*\d{1,3}"
    r"(?:\s*号?\s*[、,，和及与]\s*第?\s*\d{1,3})*\s*号"
)
_CN_NUMBER_STARTS = ("第", "〔", "[", "(", "（")
_BRACKETED_YEAR = re.compile(r"[〔\[(（]\s*20\d\d\s*[〕\])）]")
_MONTHS = "january february march april may june july august september october november december"
# Names that identify one measure or one meeting whatever the outlet calls the rest.
_NAMED = {
    "h20": "h20", "h200": "h200", "high-bandwidth memory": "hbm", "hbm": "hbm",
    "affiliates rule": "affiliates", "50% rule": "affiliates", "50% or more owned": "affiliates",
    "majority-owned": "affiliates", "half owned": "affiliates",
    "de minimis": "extraterritorial", "extraterritorial": "extraterritorial",
    "foreign-made": "extraterritorial", "kachin": "kachin",
    "unreliable entity list": "unreliable entity list", "section 301": "section 301",
    "section 232": "section 232", "price floor": "price floor",
    "critical raw materials act": "crma", "strategic projects": "crma",
    "fentanyl": "fentanyl", "芬太尼": "fentanyl", "reciprocal tariff": "reciprocal",
    "liberation day": "reciprocal", "对等关税": "reciprocal",
    "不可靠实体清单": "unreliable entity list", "不可靠實體清單": "unreliable entity list",
    "301条款": "section 301", "301調查": "section 301", "301调查": "section 301",
    "232条款": "section 232", "232调查": "section 232", "232調查": "section 232",
    "穿透性规则": "affiliates", "高带宽存储": "hbm",
}  # fmt: skip
# Meeting places: a text is about the first one it names; two venues are two rounds of talks.
# Statutes and programmes under which many separate actions are taken (a Section 301 review of
# one year and of the next; each listing on the unreliable entity list): their name alone ties
# two texts only when the texts also cover the same elements and are months apart at most.
_PROGRAMMES = frozenset({"named:section 301", "named:section 232", "named:reciprocal",
                         "named:fentanyl", "named:unreliable entity list"})
_VENUES = ("geneva", "london", "busan", "kuala lumpur", "madrid", "stockholm", "gyeongju",
           "mar-a-lago", "osaka", "bali")  # fmt: skip
# The same places as Chinese readouts name them.
_CHINESE_VENUES = {"日内瓦": "geneva", "伦敦": "london", "釜山": "busan", "吉隆坡": "kuala lumpur",
                   "马德里": "madrid", "斯德哥尔摩": "stockholm", "庆州": "gyeongju"}  # fmt: skip
# A venue after these words is where a meeting was held ("talks in London"); one before a noun
# ("the Geneva truce") may name an earlier round as context.
_MET_AT = ("in ", "at ", "在")
_ANCHOR_LEXICON = Lexicon(
    [(name, "named", value) for name, value in _NAMED.items()]
    + [(venue, "venue", venue) for venue in _VENUES]
    + [(name, "venue", venue) for name, venue in _CHINESE_VENUES.items()]
    + [(month[:3] + "*", "month", str(i)) for i, month in enumerate(_MONTHS.split(), 1)]
)
# A Latin word against a Chinese character: Chinese sets a foreign name ("H20", "HBM") in its
# sentence without the spaces the lexicon's Latin names stand between ("301调查" keeps its digits).
_LATIN_IN_HANZI = re.compile(r"(?<=[\u4e00-\u9fff])([a-z][a-z0-9\-]*)|([a-z][a-z0-9\-]*)(?=[\u4e00-\u9fff])")
# "两国元首在釜山会晤": a Chinese readout names the leaders' meeting by its place, beside the
# consultations that prepared it ("吉隆坡经贸磋商"); the meeting is the development.
_CN_SUMMIT = re.compile(
    "(?:在)?(" + "|".join(_CHINESE_VENUES) + r")(?:举行|举办)?\s*(?:会晤|峰会|会面|元首会)"
)
_DAY_AFTER_MONTH = re.compile(r"[a-z]*\.?\s+(\d{1,2})(?!\d)")
_CHINESE_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日")


def anchors(text: str) -> list[str]:
    """Identifiers of the measure a text reports: numbers, dates, named rules and venues."""
    # Full-width digits and traditional characters (第 46 號) read as the mainland writes them.
    lower = simplified(unicodedata.normalize("NFKC", text).lower())
    if not lower.isascii():
        lower = _LATIN_IN_HANZI.sub(r" \1\2 ", lower)  # "英伟达h20芯片": the name stands apart
    found: set[str] = set()
    if "no" in lower or "第" in lower:
        for m in finditer_from(_NUMBER, lower, word_starts(lower, _NUMBER_STARTS)):
            found.update(f"no:{int(number)}" for number in m.groups() if number)
    if "号" in lower:
        for m in finditer_from(_CN_NUMBERS, lower, word_starts(lower, _CN_NUMBER_STARTS)):
            listed = _BRACKETED_YEAR.sub(" ", m.group())
            found.update(f"no:{int(n)}" for n in re.findall(r"\d{1,3}", listed))
    days: list[tuple[int, int]] = []
    venue = met = ""
    for hit in _ANCHOR_LEXICON.scan(normalise(lower)):
        if hit.kind == "month":
            day = _DAY_AFTER_MONTH.match(lower, hit.end)
            if day:
                days.append((int(hit.value), int(day.group(1))))
        elif hit.kind == "venue":
            venue = venue or hit.value  # the first venue named is the meeting reported
            if not met and lower[:hit.start].endswith(_MET_AT):
                met = hit.value  # where talks were held, as against "the Geneva truce"
        else:
            found.add(f"named:{hit.value}")
    summit = _CN_SUMMIT.search(lower) if "会" in lower else None
    if summit:
        venue = _CHINESE_VENUES[summit.group(1)]
    if venue:
        found.add(f"venue:{venue}")
    if met:
        found.add(f"met:{met}")
    if "月" in lower:
        days += [(int(m.group(1)), int(m.group(2))) for m in _CHINESE_DAY.finditer(lower)]
    found.update(f"date:{mo:02d}-{d:02d}" for mo, d in days if 1 <= mo <= 12 and 1 <= d <= 31)
    return sorted(found)


@dataclass(frozen=True, slots=True)
class Item:
    """What the incident rule needs of one classified text."""

    classification: Classification
    signature: Sequence[int]
    published_at: datetime | None = None
    key: str = ""  # caller's id for the text; cluster() returns these
    anchors: frozenset[str] = field(default_factory=frozenset)
    profile: Mapping[str, float] = field(default_factory=dict)  # incident_facts.profile
    lang: str = ""  # incident_facts.script: "latin" or "cjk"
    subject: str = ""  # incident_facts.subject: "chips", "minerals" or "" (both or neither)
    actors: tuple[str, ...] = ()  # governments its headline names, the leading one first
    action: str = ""  # incident_facts.action: "grant", "revoke" or ""
    follow_up: str = ""  # incident_facts.follow_up: "pause" or "step" of a measure, or ""
    months: tuple[int, ...] = ()  # incident_facts.months_named: months its opening names
    years: tuple[int, ...] = ()  # incident_facts.years_cited: years of announcements it names
    opinion: bool = False  # incident_facts.opinion: a signed opinion piece
    meeting: bool = False  # incident_facts.meeting: its headline or first sentence tells of a meeting
    carries_out: bool = False  # incident_facts.carries_out: an order or notice carrying out a deal

    def anchor_set(self) -> frozenset[str]:
        if self.anchors:
            return self.anchors
        return frozenset(self.classification.evidence.get("anchors", ()))


def _jaccard(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def _family(anchor_set: frozenset[str], prefix: str) -> set[str]:
    return {x for x in anchor_set if x.startswith(prefix)}


@lru_cache(maxsize=16_384)
def _families(anchor_set: frozenset[str]) -> dict[str, frozenset[str]]:
    """A text's announcement numbers, summit places and places talks were held: asked of the
    same stored texts for text after text (read only: the cache hands out one dict)."""
    return {prefix: frozenset(x for x in anchor_set if x.startswith(prefix))
            for prefix in ("no:", "venue:", "met:")}


def _day(item: Item) -> str | None:
    return f"date:{item.published_at:%m-%d}" if item.published_at else None


def cites(later: Item, earlier: Item) -> bool:
    """The later text names the day the earlier one was published ("the October 9 measures").

    A day a few weeks after the later text's own date is a start date it looks forward to
    ("from May 14"), not a citation of last year's text published on that day.
    """
    day = _day(earlier)
    if day is None or later.published_at is None or earlier.published_at is None:
        return False
    then, now = earlier.published_at.date(), later.published_at.date()
    if not now > then or day not in later.anchor_set():
        return False
    upcoming = then.replace(year=now.year) if not (then.month == 2 and then.day == 29) else None
    if upcoming and now < upcoming <= now + timedelta(days=FORWARD_DAYS):
        return False
    return (now - then).days <= MAX_CITE_DAYS


def reached(earlier: Item, later: Item) -> bool:
    """The earlier text named, as a start date soon ahead, the day the later one was published
    ("takes effect on February 4", then a report on February 4 that it is in force)."""
    day = _day(later)
    if day is None or later.published_at is None or earlier.published_at is None:
        return False
    gap = (later.published_at.date() - earlier.published_at.date()).days
    return 0 < gap <= FORWARD_DAYS and day in earlier.anchor_set()


def names_month_of(later: Item, earlier: Item) -> bool:
    """A later step of a measure names the month the earlier text reported it in ("the first
    licences since the April curbs"), or the earlier year of the announcement it suspends, on the
    same elements and type, within about a year."""
    if not later.follow_up or later.published_at is None or earlier.published_at is None:
        return False
    gap = (later.published_at - earlier.published_at).days
    ca, cb = later.classification, earlier.classification
    then = earlier.published_at
    # "Announcement No. 46 of 2024" in a later year names the year of the measure, as a month does.
    named = then.month in later.months or then.year in later.years and then.year < later.published_at.year
    return (0 < gap <= MAX_CITE_DAYS and named
            and ca.event_type == cb.event_type and bool(ca.elements)
            and (_jaccard(ca.elements, cb.elements) >= SAME_ELEMENTS or _licences_under(later, earlier)))


def _licences_under(later: Item, earlier: Item) -> bool:
    """Licences a government issues under its own control name only the goods they cover (the
    magnet metals of a list of seven): at least half of them on the control's list will do. The
    later report eases, or is a step that speaks of licences ("first permits since the April
    curbs" reads as tightening)."""
    ca, cb = later.classification, earlier.classification
    ea, eb = set(ca.elements), set(cb.elements)
    licences = ca.direction is Direction.easing \
        or (later.follow_up == "step" and "c:licence" in later.profile)
    return (licences and cb.direction is Direction.tightening
            and bool(ca.issuer) and ca.issuer == cb.issuer
            and len(ea & eb) >= WEEK_SHARE * len(ea))


def one_pause(a: Item, b: Item) -> bool:
    """Both headlines report a measure on the same minerals suspended, lifted or delayed by the
    same government, days apart (or undated): such steps are rare, so they are one step."""
    ca, cb = a.classification, b.classification
    if a.follow_up != "pause" or b.follow_up != "pause" or not ca.elements or not cb.elements:
        return False
    gap = _gap_days(a, b)
    return (gap is None or gap <= PAUSE_DAYS) and _jaccard(ca.elements, cb.elements) >= SAME_ELEMENTS


def names_day_of(undated: Item, dated: Item) -> bool:
    """An undated text names a day just before or on the day a dated one was published: most
    likely the day of the development both report ("announced on Friday, September 6")."""
    if undated.published_at is not None or dated.published_at is None:
        return False
    days = _family(undated.anchor_set(), "date:")
    if not days:
        return False
    then = dated.published_at.date()
    return any(f"date:{then - timedelta(days=back):%m-%d}" in days for back in range(NAMED_DAY_BACK + 1))


def _one_package(a: Item, b: Item, fa: set[str], fb: set[str]) -> bool:
    if a.published_at is None or b.published_at is None:
        return False
    if a.published_at.date() != b.published_at.date() or a.classification.issuer != b.classification.issuer:
        return False
    numbers_a = [int(x[3:]) for x in fa]
    numbers_b = [int(x[3:]) for x in fb]
    return min(abs(x - y) for x in numbers_a for y in numbers_b) <= SAME_DAY_NUMBERS


def _rates(item: Item) -> set[str]:
    """Percentages with a decimal part (not below 1%): the rates of one duty or tariff."""
    return {t for t in item.profile if t.startswith("pct:") and "." in t and float(t[4:]) >= 1}


def _counts(item: Item) -> set[str]:
    """Counts of firms, entities or items a text gives, from a dozen up."""
    return {t for t in item.profile if t.startswith("count:") and int(t[6:]) >= MIN_COUNT}


_LISTS = frozenset({"c:entity list", "c:unreliable entity", "c:control list"})


def _lists(item: Item) -> set[str]:
    """The lists of firms a text names (the entity list, the unreliable entity list)."""
    return _LISTS & item.profile.keys()


def _gap_days(a: Item, b: Item) -> float | None:
    if a.published_at is None or b.published_at is None:
        return None
    return abs((a.published_at - b.published_at).total_seconds()) / 86400


def tie(a: Item, b: Item) -> float | None:
    """How alike two texts' particulars are (profile cosine, adjusted for the time between
    them); None when either has no profile."""
    if not a.profile or not b.profile:
        return None
    if a.lang == b.lang:
        score = cosine(a.profile, b.profile) * (CJK_SCALE if a.lang == "cjk" else 1.0)
    else:
        score = CROSS_LANGUAGE * shared_concepts(a.profile, b.profile)
    gap = _gap_days(a, b)
    if gap is not None:
        if gap <= NEAR_DAYS:
            score += NEAR_BONUS
        elif gap > FAR_DAYS and not follows(a, b) and not _lasting(a, b):
            score -= FAR_PENALTY
    return score


def _lasting(a: Item, b: Item) -> bool:
    """Both report a physical disruption: a closed mine or border stays news for months."""
    return a.classification.event_type is b.classification.event_type is EventType.supply_disruption


def follows(a: Item, b: Item) -> bool:
    """The later of two dated texts reports a later step (suspension, lifting, entry into force,
    licences) of a measure on the same elements, within about a year: the time between them is
    what such a step takes, not a sign of a new measure."""
    if a.published_at is None or b.published_at is None:
        return False
    later = a if a.published_at > b.published_at else b
    gap = _gap_days(a, b) or 0.0
    overlap = _jaccard(a.classification.elements, b.classification.elements)
    return bool(later.follow_up) and gap <= MAX_CITE_DAYS and overlap >= FOLLOW_ELEMENTS


def same_incident(a: Item, b: Item) -> bool:
    return _same(a, b, similarity(list(a.signature), list(b.signature)), tie(a, b))


def _measure_named(shared: frozenset[str]) -> bool:
    """A shared announcement number or named measure (not merely a statute or programme)."""
    return any(x.startswith(("no:", "named:")) and x not in _PROGRAMMES for x in shared)


def kept_apart(a: Item, b: Item, copy: float) -> tuple[bool, bool]:
    """(facts keep the two texts apart whatever else they share, they are notices of one
    package): different announcement numbers or meeting places, a chip measure against a
    mineral one, headlines led by different governments, a permission granted against one
    revoked, events on disjoint elements or of types one incident cannot hold."""
    separate, package = cannot_join(a, b)
    if separate:
        return True, package
    ca, cb = a.classification, b.classification
    events = ca.event_type not in _NON_EVENTS and cb.event_type not in _NON_EVENTS
    if copy < NEAR_DUPLICATE and events and ca.event_type != cb.event_type \
            and frozenset({ca.event_type, cb.event_type}) not in _COMPATIBLE:
        return True, package
    if copy < NEAR_DUPLICATE and (_carries_out_meeting(a, b) or _carries_out_meeting(b, a)):
        return True, package
    if copy < NEAR_DUPLICATE and _two_pauses(a, b):
        return True, package
    return False, package


def _two_pauses(a: Item, b: Item) -> bool:
    """Both headlines report a suspension, read as of different kinds, and nothing shows it is
    of the same measure: no number, named measure or list in common and no element. One deal
    suspends several measures on one day (controls on minerals, countermeasures against firms),
    in notices worded alike; each pause belongs with its own measure."""
    if a.follow_up != "pause" or b.follow_up != "pause":
        return False
    if a.classification.event_type == b.classification.event_type:
        return False
    if any(x.startswith(("no:", "named:")) for x in a.anchor_set() & b.anchor_set()):
        return False
    return not set(a.classification.elements) & set(b.classification.elements)


def _carries_out_meeting(later: Item, earlier: Item) -> bool:
    """The later text is an order or notice carrying out what a meeting agreed, the earlier one
    the report of that meeting: the talks were that day's news, the measure issued is its own."""
    if later.published_at is None or earlier.published_at is None:
        return False
    gap = (later.published_at - earlier.published_at).days
    return (gap >= ORDER_DAYS and later.carries_out
            and later.classification.event_type in _MEASURES
            and earlier.meeting and not earlier.carries_out)


def cannot_join(a: Item, b: Item) -> tuple[bool, bool]:
    """kept_apart's tests that need no signature similarity: the cheap "cannot join" test, done
    before the comparisons that cost (whatever else two texts share, these keep them apart)."""
    ca, cb = a.classification, b.classification
    anchors_a, anchors_b = a.anchor_set(), b.anchor_set()
    # Facts that separate two measures even when official boilerplate makes texts look alike.
    package = False
    # Two meeting places are two rounds of talks; a measure's reports name the round its deal
    # came from as context, one the summit, another the preparatory talks.
    talks = EventType.trade_talks in (ca.event_type, cb.event_type)
    # A truce's tariffs are set at talks: tariff reports tied to talks held in two places are two.
    both_talks = {ca.event_type, cb.event_type} <= {EventType.trade_talks, EventType.tariff}
    families_a, families_b = _families(anchors_a), _families(anchors_b)
    for prefix in (("no:", "venue:", "met:") if both_talks and talks else ("no:", "met:") if both_talks
                   else ("no:", "venue:") if talks else ("no:",)):
        fa, fb = families_a[prefix], families_b[prefix]
        if fa and fb and not fa & fb:
            if prefix == "no:" and _one_package(a, b, fa, fb):
                package = True  # several numbered notices issued together are one package
                continue
            return True, package
    if {a.action, b.action} == {"grant", "revoke"} and not _measure_named(anchors_a & anchors_b):
        return True, package  # a permission given and one taken away: two steps
    if a.subject and b.subject and a.subject != b.subject:
        return True, package  # a chip measure and a mineral measure, however alike their wording
    if _two_governments(a, b):
        return True, package
    if a.actors and b.actors and a.actors[0] and b.actors[0] \
            and a.actors[0] not in b.actors[1:] and b.actors[0] not in a.actors[1:]:
        return True, package  # headlines led by different governments, neither naming the other's
    events = ca.event_type not in _NON_EVENTS and cb.event_type not in _NON_EVENTS
    if events and ca.elements and cb.elements and not set(ca.elements) & set(cb.elements) \
            and not _one_list_of_goods(a, b):
        return True, package
    return False, package


def _two_governments(a: Item, b: Item) -> bool:
    """Measures of two different governments, each headline led by its own, that are opposite
    steps (one allows a chip's sale, the other blocks it) or of different kinds (one's export
    licence rule, the other's purchase ban on the same chip): each government's act is its own
    development, however alike the product and the wording. Matching steps of one kind by both
    sides on one day (a truce extended by each) may be one deal, so they are not kept apart."""
    ca, cb = a.classification, b.classification
    if ca.event_type not in _MEASURES or cb.event_type not in _MEASURES:
        return False
    if not ca.issuer or not cb.issuer or ca.issuer == cb.issuer or "multiple" in (ca.issuer, cb.issuer):
        return False
    if {ca.direction, cb.direction} != _OPPOSED and ca.event_type == cb.event_type:
        return False
    return a.actors[:1] == (ca.issuer,) and b.actors[:1] == (cb.issuer,)


def _one_list_of_goods(a: Item, b: Item) -> bool:
    """Two reports of one measure on a long list of goods may each pick different minerals from
    it (graphite in one, magnets in the other): the same named measure or statute, months apart
    at most, and texts distinctly alike; or one government's measure of one kind reported
    within days by texts as distinctly alike (a ban on all dual-use items, for which one outlet
    names gallium and another rare earths)."""
    gap = _gap_days(a, b)
    likeness = tie(a, b)
    if likeness is None or likeness < LIST_JOIN:
        return False
    if any(x.startswith(("no:", "named:")) for x in a.anchor_set() & b.anchor_set()):
        return gap is None or gap <= MAX_GAP_DAYS
    ca, cb = a.classification, b.classification
    return (gap is not None and gap <= NEAR_DAYS and ca.event_type == cb.event_type
            and bool(ca.issuer) and ca.issuer == cb.issuer)


def _one_programme_action(a: Item, b: Item) -> bool:
    """Two texts naming one statute or programme can be one action under it: same elements (or
    none), not further apart than MAX_GAP_DAYS, and on the same goods: an inquiry or duty on
    chips under Section 232 is not the action on other goods that a tariff report cites it for."""
    gap = _gap_days(a, b)
    if gap is not None and gap > MAX_GAP_DAYS:
        return False
    if "chips" in (a.subject, b.subject) and a.subject != b.subject:
        return False
    return _jaccard(a.classification.elements, b.classification.elements) >= ANCHOR_ELEMENTS


def _same(a: Item, b: Item, copy: float, likeness: float | None) -> bool:
    """same_incident, given the texts' signature similarity and tie (computed once by callers)."""
    return bool(join_reason(a, b, copy, likeness))


def join_reason(a: Item, b: Item, copy: float, likeness: float | None) -> str:
    """Why two texts are one incident ("copy", "rate", "count", "likeness", "anchor",
    "dates", "week", "elements", "firms"), or "" when they are not."""
    ca, cb = a.classification, b.classification
    separate, package = kept_apart(a, b, copy)
    if separate:
        return ""
    if copy >= NEAR_DUPLICATE:
        return "copy"
    if _rates(a) & _rates(b) and (likeness is None or likeness >= FLOOR):
        return "rate"  # the same duty rate to the decimal (93.5%): the same measure
    if _counts(a) & _counts(b) and (likeness is None or likeness >= COUNT_FLOOR or _lists(a) & _lists(b)):
        return "count"  # the same number of firms or items named (on one list): the same listing
    if likeness is not None:
        gap = _gap_days(a, b)
        near = gap is None or gap <= MAX_GAP_DAYS or follows(a, b)
        if likeness >= (JOIN if near else FAR_JOIN):
            return "likeness"
    if a.opinion or b.opinion:
        # An op-ed argues about a topic: it belongs to a report it is distinctly like or that
        # shares a measure's number or name with it, not to any on the same minerals that week.
        return "anchor" if _measure_named(a.anchor_set() & b.anchor_set()) else ""
    if ca.event_type in _NON_EVENTS or cb.event_type in _NON_EVENTS:
        return ""
    return _event_reason(a, b, likeness, package)


def _event_reason(a: Item, b: Item, likeness: float | None, package: bool) -> str:
    """join_reason for two events that the texts' wording alone does not join."""
    ca, cb = a.classification, b.classification
    shared = a.anchor_set() & b.anchor_set()
    strong = {x for x in shared if not x.startswith(("date:", "met:"))}
    if ca.issuer and cb.issuer and ca.issuer != cb.issuer and "multiple" not in (ca.issuer, cb.issuer):
        # Whose a disruption is can be read two ways (the mining country, the importer); a named
        # place or measure still ties the reports.
        if not (ca.event_type is EventType.supply_disruption and strong):
            return ""
    if strong and strong <= _PROGRAMMES and not _one_programme_action(a, b):
        strong = set()
    gap = _gap_days(a, b)
    if gap is not None and gap > ROUND_DAYS:
        # A round of talks is reported within days; a text weeks later that names its place is
        # a later round or a later step (the truce it agreed extended), not the round itself.
        strong = {x for x in strong if not x.startswith("venue:")}
    if package:
        strong.add("package")
    # A later text naming the day an earlier measure was published refers to that measure, as
    # does a report on the day an earlier one gave as its start; a deal or talks text names
    # many days, so for talks only the anchors above count.
    if EventType.trade_talks not in (ca.event_type, cb.event_type):
        if cites(a, b) or cites(b, a):
            strong.add("cites")
        if reached(a, b) or reached(b, a):
            strong.add("reached")
        if names_month_of(a, b) or names_month_of(b, a):
            strong.add("month")
    if one_pause(a, b):
        strong.add("pause")
    if gap is not None and gap > MAX_GAP_DAYS and not strong:
        return ""
    if EventType.trade_talks in (ca.event_type, cb.event_type):
        ties_deal = any(x.startswith(("venue:", "no:")) for x in strong)
        if ca.event_type != cb.event_type and not ties_deal:
            # A deal names the measures it trades (the fentanyl tariff); only the meeting's
            # place ties a report of the deal to one of them. A pause agreed at talks and the
            # notice issuing it are both pauses, but the notice is the measure's own step.
            return ""
        return "anchor" if strong else ""  # talks all concern the same few minerals
    if strong:
        return "anchor"
    # A meeting's place named weeks apart was set aside above; it is not a shared day either.
    return _fact_reason(a, b, likeness, any(not x.startswith(("venue:", "met:")) for x in shared))


def _agreed(a: Item, b: Item) -> bool:
    """One government's measure of one kind, both headlines led by that government, on the
    same subject: the facts that tell element-less measures (chip rules, sanctions) apart agree."""
    ca, cb = a.classification, b.classification
    lead = a.actors[0] if a.actors else ""
    return (bool(ca.issuer) and ca.issuer == cb.issuer and ca.event_type == cb.event_type
            and bool(lead) and b.actors[:1] == (lead,)
            and (a.subject == b.subject or not a.subject or not b.subject))


def _fact_reason(a: Item, b: Item, likeness: float | None, shared_day: bool) -> str:
    """join_reason from the classifier's facts alone: elements, firms, a shared day."""
    ca, cb = a.classification, b.classification
    if reported_that_week(a, b, likeness):
        return "week"
    if likeness is not None and likeness < FLOOR:
        return ""  # the same elements and type, but little else in common
    broad = min(len(ca.elements), len(cb.elements)) >= BROAD_ELEMENTS
    if likeness is not None and broad and likeness < BROAD_FLOOR:
        return ""  # "rare earths" in general: sharing them says little
    if ca.event_type is EventType.supply_disruption and not set(ca.companies) & set(cb.companies):
        return ""  # shortages hit many plants at once; each with its own actors is its own
    overlap = _jaccard(ca.elements, cb.elements)
    if shared_day and overlap >= ANCHOR_ELEMENTS:
        return "dates"
    if not ca.elements and not cb.elements:
        # Element-less measures (chip rules, sanctions) need something more than the type.
        if ca.event_type != cb.event_type:
            return ""
        if set(ca.companies) & set(cb.companies):
            return "firms"
        return "facts" if _agreed(a, b) and likeness is not None and likeness >= AGREED_JOIN else ""
    return "elements" if overlap >= SAME_ELEMENTS and ca.event_type == cb.event_type else ""


def reported_that_week(a: Item, b: Item, likeness: float | None) -> bool:
    """One government's measure reported within days by several outlets, or in translation,
    or followed up (in force, explained): the same kind of measure by the same issuer, steps not
    opposed, most of the shorter element list in the longer (one outlet names the seven heavy rare
    earths, another rare earths or magnets), on texts not wholly unalike, however little else
    their wording shares."""
    ca, cb = a.classification, b.classification
    gap = _gap_days(a, b)
    if gap is None or gap > NEAR_DAYS or likeness is None:
        return False
    if ca.event_type != cb.event_type or ca.event_type not in _MEASURES or not ca.issuer \
            or ca.issuer != cb.issuer or {ca.direction, cb.direction} == _OPPOSED:
        return False
    ea, eb = set(ca.elements), set(cb.elements)
    if not ea or not eb or len(ea & eb) < WEEK_SHARE * min(len(ea), len(eb)):
        return False
    broad = min(len(ea), len(eb)) >= BROAD_ELEMENTS
    return likeness >= (BROAD_FLOOR if broad else WEEK_FLOOR)


def strength(a: Item, b: Item) -> float:
    """How firmly two texts that are one incident are tied (0 when they are not one incident).

    Used to choose among several matching incidents: a shared announcement number or named
    measure beats a citation of the day, which beats text likeness, which beats element overlap.
    """
    if cannot_join(a, b)[0]:
        return 0.0  # not one incident, whatever the costlier comparisons below would find
    copy, likeness = similarity(list(a.signature), list(b.signature)), tie(a, b)
    if not _same(a, b, copy, likeness):
        return 0.0
    shared = a.anchor_set() & b.anchor_set()
    score = 1.0
    score += 4.0 * bool({x for x in shared if x.startswith(("no:", "named:"))})
    score += 2.0 * (cites(a, b) or cites(b, a) or reached(a, b) or reached(b, a)
                    or names_day_of(a, b) or names_day_of(b, a))
    score += 1.0 * (names_month_of(a, b) or names_month_of(b, a))
    score += 2.0 * copy
    score += _jaccard(a.classification.elements, b.classification.elements)
    score += 4.0 * max(0.0, likeness or 0.0)
    return score


def _centroid(members: Sequence[Item], new: Item) -> Item | None:
    """One item standing for an incident's reports: their profiles summed (those in the new
    text's script when there are any), dated as the member nearest in time."""
    same = [x for x in members if x.profile and x.lang == new.lang]
    chosen = same or [x for x in members if x.profile]
    if len(chosen) < GROUP_MIN or not new.profile:
        return None
    total: dict[str, float] = {}
    for x in chosen:
        for term, w in x.profile.items():
            total[term] = total.get(term, 0.0) + w
    norm = math.sqrt(sum(w * w for w in total.values())) or 1.0
    dated = [x for x in chosen if x.published_at]
    nearest = (min(dated, key=lambda x: abs((x.published_at - new.published_at).total_seconds()))
               if dated and new.published_at else None)
    return Item(classification=chosen[0].classification, signature=(), key="",
                published_at=nearest.published_at if nearest else None,
                profile={t: w / norm for t, w in total.items()}, lang=chosen[0].lang)


def group_strength(members: Sequence[Item], new: Item) -> float:
    """How firmly a new text is tied to an incident as a whole: several reports of one
    development together name more of its particulars than any one of them, so a text worded
    unlike each may still match their sum. 0 unless that sum is alike enough, the text is not
    wholly unlike its closest report, and nothing keeps it apart from any of them."""
    if new.classification.event_type in _NON_EVENTS:
        return 0.0  # commentary, where topics drift most, joins one report it is like, not a sum
    if any(cannot_join(x, new)[0] for x in members):
        return 0.0  # the cheap part of the last test below, first
    group = _centroid(members, new)
    likeness = tie(group, new) if group else None
    if likeness is None or likeness < GROUP_JOIN:
        return 0.0
    closest = max(members, key=lambda x: tie(x, new) or 0.0)
    if (tie(closest, new) or 0.0) < FLOOR:
        return 0.0  # wholly unlike every report of it: the sum alone is a drifting topic
    if any(kept_apart(x, new, similarity(list(x.signature), list(new.signature)))[0] for x in members):
        return 0.0
    return 1.0 + 4.0 * likeness


def cluster(items: Sequence[Item]) -> list[str]:
    """An incident label per item: the key (or index) of the earliest item of its incident.

    Single linkage: two texts share an incident when a chain of same_incident pairs joins them.
    """
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j in range(len(items)):
        for i in range(j):
            ri, rj = root(i), root(j)
            if ri != rj and same_incident(items[i], items[j]):
                parent[max(ri, rj)] = min(ri, rj)
    return [items[root(i)].key or str(root(i)) for i in range(len(items))]
