"""How hard one classified event hits one subscriber's exposure: a 0..100 score and its parts.

## Scoring formula

    score = 100 × I × X                                   rounded to one decimal

**Event intensity** `I` (0..1) says how strong the event is, whoever reads it:

    I = TYPE[event_type] × STATUS[status] × DIRECTION[direction]
        × (SEVERITY_FLOOR + (1 − SEVERITY_FLOOR) × severity)

**Exposure** `X` (0..1) says how much of the subscriber's business the event touches. Every
exposure item `k` (an element hit, a supplier hit) has a strength `x_k` in 0..1, and they combine
like independent chances of being hurt, so that each extra item adds and none can push past 1:

    X = 1 − Π_k (1 − x_k)

- **Element** `e`, in both the event and the profile:

      x_e = weight_e × (DEPENDENCE_FLOOR + (1 − DEPENDENCE_FLOOR) × share_e)

  where `share_e` is the share of that element sourced from the issuing country. When the
  issuer is `multiple` or not stated, the largest single source stands in for it (trade talks
  and unattributed disruptions concern the main supply route). When the profile gives no country
  split for the element, `share_e = UNKNOWN_SHARE`. The floor keeps an element that is hit but
  not sourced from the issuer in the score: controls move world prices and re-exports too.
- **Supplier** `s`, when the event names it or when it is based in the issuing country and
  supplies an element the event affects. A company in the event names a supplier when, after
  dropping legal forms ("Co., Ltd.", "Group"), the two names share an identifying word (one that
  is not a sector or place word such as "China", "Rare", "Earth") and rapidfuzz rates both the
  identifying words and the whole names at least `NAME_MATCH` alike: "China Northern Rare Earth"
  names "Northern Rare Earth Group", "China Rare Earth Group" does not. Aliases count as names.

      x_s = (SUPPLIER_NAMED if named else SUPPLIER_IMPLIED) × STAGE[stage match]

  where the stage match is `match` if the supplier's stage is among the event's stages,
  `unknown` if either side states no stage, `other` otherwise. This is how a magnet export
  control hits a magnet buyer harder than an ore buyer.

`commentary` and `not_relevant` events score 0. Each part of the explanation is one item's
share of the score: items are listed strongest first and item `k` is credited
`100 × I × x_k × Π_{j before k} (1 − x_j)`, so the parts add up to the score exactly (parts are
rounded to tenths by largest remainder).

The score never falls when exposure grows (a higher weight, a larger share from the issuer, one
more element or supplier hit) nor when severity rises: every factor is non-decreasing in those
inputs and every item multiplies `Π (1 − x_k)` by a factor of at most 1.

## Constants

| name | value | why |
|---|---|---|
| `TYPE` | export control on minerals, sanctions, supply disruption 1.0 | they stop supply |
| | tariff, chip export control 0.8 | they price or divert it |
| | trade talks 0.7; industrial policy 0.5 | they move expectations |
| | commentary, not relevant 0 | no new development |
| `STATUS` | enacted 1.0; announced 0.7 | a published rule binds; "officials said" usually follows |
| | speculation 0.35; not stated 0.6 | "could" often never happens |
| `DIRECTION` | tightening 1.0; neutral 0.8; easing 0.6 | easing still matters (plans, stock) |
| `SEVERITY_FLOOR` | 0.25 | a real measure rated low still deserves a look |
| `DEPENDENCE_FLOOR` | 0.25 | an element hit from elsewhere still moves in price |
| `UNKNOWN_SHARE` | 0.5 | no country split given: assume half comes from the issuer |
| `SUPPLIER_NAMED` | 0.6 | the event names a company you buy from |
| `SUPPLIER_IMPLIED` | 0.3 | your supplier is in the issuing country and ships a hit element |
| `STAGE` | match 1.0; unknown 0.7; other 0.4 | magnet controls hurt magnet buyers most |
| `NAME_MATCH` | 88 | rapidfuzz similarity (0..100) for two names to be one firm |
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from chokewatch.shared.elements import ELEMENTS
from chokewatch.shared.messages import Classification, Direction, EventType, ScorePart, Status
from chokewatch.shared.profiles import ElementExposure, ProfileSpec, Supplier

# --- the one table of constants (mirrored in the docstring above) ---------------------------
TYPE: dict[EventType, float] = {
    EventType.mineral_export_control: 1.0,
    EventType.sanctions: 1.0,
    EventType.supply_disruption: 1.0,
    EventType.tariff: 0.8,
    EventType.chip_export_control: 0.8,
    EventType.trade_talks: 0.7,
    EventType.industrial_policy: 0.5,
    EventType.commentary: 0.0,
    EventType.not_relevant: 0.0,
}
STATUS: dict[Status | None, float] = {
    Status.enacted: 1.0,
    Status.announced: 0.7,
    Status.speculation: 0.35,
    None: 0.6,
}
DIRECTION: dict[Direction, float] = {
    Direction.tightening: 1.0,
    Direction.neutral: 0.8,
    Direction.easing: 0.6,
}
SEVERITY_FLOOR = 0.25
DEPENDENCE_FLOOR = 0.25
UNKNOWN_SHARE = 0.5
SUPPLIER_NAMED = 0.6
SUPPLIER_IMPLIED = 0.3
STAGE = {"match": 1.0, "unknown": 0.7, "other": 0.4}
NAME_MATCH = 88.0
# ---------------------------------------------------------------------------------------------

SILENT_TYPES = frozenset(t for t, f in TYPE.items() if f == 0.0)
SEVERAL = "multiple"

COUNTRY_NAMES = {
    "CN": "China",
    "US": "the United States",
    "JP": "Japan",
    "AU": "Australia",
    "MM": "Myanmar",
    "EU": "the European Union",
    "KR": "South Korea",
    "IN": "India",
    "VN": "Vietnam",
    "MY": "Malaysia",
    "CA": "Canada",
    "BR": "Brazil",
    "RU": "Russia",
    "CD": "the DR Congo",
    "CL": "Chile",
    "ZA": "South Africa",
    "DE": "Germany",
    "FR": "France",
    "GB": "the United Kingdom",
    "EE": "Estonia",
    "TW": "Taiwan",
    "NL": "the Netherlands",
    "ID": "Indonesia",
    "LA": "Laos",
    "TH": "Thailand",
}


class ScoreResult(BaseModel):
    """A score with the parts that sum to it and what in the profile was hit."""

    model_config = ConfigDict(frozen=True)

    score: float = Field(ge=0, le=100)
    parts: list[ScorePart] = Field(default_factory=list)
    elements: list[str] = Field(default_factory=list)
    suppliers: list[str] = Field(default_factory=list)
    intensity: float = Field(default=0.0, ge=0, le=1, description="I in the formula")
    event: str = Field(default="", description="the event's strength in words")


@dataclass(frozen=True, slots=True)
class _Item:
    key: str  # canonical order for the product, so equal inputs give bit-equal scores
    label: str
    strength: float
    reason: str
    elements: tuple[str, ...] = ()  # the affected elements this item stands for


# --- company names --------------------------------------------------------------------------
# Legal forms say nothing about which firm it is; sector and place words are shared by many
# firms ("China Rare Earth Group" is not "China Northern Rare Earth"), so names are compared on
# what remains and fall back to the full name only when nothing remains.
_LEGAL = frozenset(
    "co corp corporation company inc incorporated ltd limited plc llc lp sa ag nv bv gmbh kk "
    "group holding holdings the and of".split()
)
_GENERIC = frozenset(
    "china chinese rare earth earths mineral minerals mining mines metal metals material "
    "materials resource resources technology technologies tech hi high new advanced industry "
    "industries industrial international global magnet magnets magnetics energy "
    "development".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _core_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall(name.lower()) if w not in _LEGAL)


def identifying_words(name: str) -> frozenset[str]:
    """The words that identify a firm: two names can only match if they share one."""
    core = _core_words(name)
    distinct = frozenset(w for w in core if w not in _GENERIC)
    return distinct or frozenset(core)


# Scoring compares the same few supplier and event names again and again; the index calls the
# uncached forms so that loading every profile does not churn these caches.
name_core = lru_cache(maxsize=8_192)(_core_words)
name_keys = lru_cache(maxsize=8_192)(identifying_words)


def same_company(a: str, b: str) -> bool:
    """Whether two company names plausibly denote the same firm."""
    keys_a, keys_b = name_keys(a), name_keys(b)
    if not keys_a & keys_b:
        return False
    core_a, core_b = " ".join(name_core(a)), " ".join(name_core(b))
    keys_same = fuzz.token_sort_ratio(" ".join(sorted(keys_a)), " ".join(sorted(keys_b)))
    return keys_same >= NAME_MATCH and fuzz.token_set_ratio(core_a, core_b) >= NAME_MATCH


def supplier_named(supplier: Supplier, companies: list[str]) -> str | None:
    """The first company in the event that is this supplier, under its name or an alias."""
    for company in companies:
        for name in (supplier.name, *supplier.aliases):
            if same_company(company, name):
                return company
    return None


# --- the score ------------------------------------------------------------------------------
def _country(code: str | None) -> str:
    return COUNTRY_NAMES.get(code or "", code or "an unstated country")


def issuer_of(c: Classification) -> str | None:
    """The issuer as profiles spell countries: upper-case code, `multiple`, or None."""
    if not c.issuer:
        return None
    return SEVERAL if c.issuer.lower() == SEVERAL else c.issuer.upper()


def intensity(c: Classification) -> tuple[float, str]:
    """I in the formula, with the words that explain it."""
    sev = SEVERITY_FLOOR + (1 - SEVERITY_FLOOR) * c.severity
    value = TYPE[c.event_type] * STATUS[c.status] * DIRECTION[c.direction] * sev
    status = c.status.value if c.status else "status not stated"
    words = (
        f"{c.event_type.value.replace('_', ' ')}, {status}, {c.direction.value}, severity {c.severity:.2f}"
    )
    issuer = issuer_of(c)
    if issuer:
        words += f", issued by {_country(issuer) if issuer != SEVERAL else 'several'}"
    return value, words


def _dependence(exposure: ElementExposure, issuer: str | None) -> tuple[float, str]:
    """share_e in the formula, with the words that explain it."""
    shares = exposure.country_shares
    if not shares:
        return UNKNOWN_SHARE, f"no country split given (assumed {UNKNOWN_SHARE:.0%})"
    if issuer and issuer != SEVERAL:
        share = shares.get(issuer, 0.0)
        return share, f"{share:.0%} sourced from {_country(issuer)} (the issuing country)"
    top = max(shares.values())
    source = min(code for code, s in shares.items() if s == top)
    why = "several governments involved" if issuer == SEVERAL else "issuer not stated"
    return top, f"{top:.0%} sourced from {_country(source)}, the largest source ({why})"


def _element_items(c: Classification, profile: ProfileSpec) -> list[_Item]:
    items = []
    for symbol in c.elements:
        exposure = profile.elements.get(symbol)
        if exposure is None or exposure.weight <= 0:
            continue
        share, words = _dependence(exposure, issuer_of(c))
        strength = exposure.weight * (DEPENDENCE_FLOOR + (1 - DEPENDENCE_FLOOR) * share)
        name = ELEMENTS[symbol].name.capitalize()
        reason = f"{name}: weight {exposure.weight:g}, {words}"
        items.append(_Item(f"e:{symbol}", name, strength, reason, (symbol,)))
    return items


def _stage(supplier: Supplier, c: Classification) -> tuple[str, str]:
    if supplier.stage is None or not c.stages:
        return "unknown", "stage not compared"
    if supplier.stage.value in c.stages:
        return "match", f"its stage ({supplier.stage.value}) is the one affected"
    return "other", f"its stage ({supplier.stage.value}) is not the one affected"


def _supplier_items(c: Classification, profile: ProfileSpec, companies: list[str]) -> list[_Item]:
    affected, issuer = set(c.elements), issuer_of(c)
    items = []
    for index, supplier in enumerate(profile.suppliers):
        named = supplier_named(supplier, companies) if companies else None
        supplies = sorted(affected.intersection(supplier.elements))
        local = bool(supplier.country and supplier.country == issuer and supplies)
        if not named and not local:
            continue
        stage, stage_words = _stage(supplier, c)
        base = SUPPLIER_NAMED if named else SUPPLIER_IMPLIED
        if named:
            how = f"named in the event (as “{named}”)"
        else:
            where = _country(issuer)
            how = f"based in {where}, the issuing country, and supplies {', '.join(supplies)}"
        reason = f"Supplier {supplier.name}: {how}; {stage_words}"
        items.append(_Item(f"s:{index:04d}", supplier.name, base * STAGE[stage], reason, tuple(supplies)))
    return items


def _tenths(raw: list[float], total: int) -> list[int]:
    """Round parts to tenths so that they add up to `total` tenths (largest remainder)."""
    scaled = [r * 10 for r in raw]
    out = [math.floor(s) for s in scaled]
    rest = sorted(range(len(raw)), key=lambda i: (out[i] - scaled[i], i))
    gap = total - sum(out)
    for i in rest[:gap] if gap > 0 else ():
        out[i] += 1
    for i in reversed(rest) if gap < 0 else ():
        if gap == 0:
            break
        if out[i] > 0:
            out[i] -= 1
            gap += 1
    return out


def score(c: Classification, profile: ProfileSpec, *, companies: list[str] | None = None) -> ScoreResult:
    """Score one event against one profile (see the module docstring for the formula).

    `companies` overrides the event's own list of named companies, e.g. for a preview.
    """
    level, event_words = intensity(c)
    if level <= 0.0:
        return ScoreResult(score=0.0, event=event_words)
    named = c.companies if companies is None else companies
    items = _element_items(c, profile) + _supplier_items(c, profile, named)

    untouched = 1.0
    for item in sorted(items, key=lambda i: i.key):
        untouched *= 1.0 - item.strength
    total = min(100.0, 100.0 * level * (1.0 - untouched))
    # A hair of slack so that float noise never rounds a sum of tenths the wrong way.
    score_tenths = math.floor(total * 10 + 0.5 + 1e-9)

    ranked = sorted(items, key=lambda i: (-i.strength, i.key))
    raw, remaining = [], 1.0
    for item in ranked:
        raw.append(100.0 * level * item.strength * remaining)
        remaining *= 1.0 - item.strength
    tenths = _tenths(raw, score_tenths)
    parts = [
        ScorePart(label=item.label, points=t / 10, reason=item.reason)
        for item, t in zip(ranked, tenths, strict=True)
    ]
    return ScoreResult(
        score=score_tenths / 10,
        parts=parts,
        elements=sorted({symbol for item in items for symbol in item.elements}),
        suppliers=[i.label for i in items if i.key.startswith("s:")],
        intensity=round(level, 4),
        event=event_words,
    )
