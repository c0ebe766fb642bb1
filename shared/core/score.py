"""How hard one classified event hits one subscriber's exposure: a 0..100 score and its parts.

The formula, its constants and why they have these values: the README's "Scoring" section
(a test keeps it equal to this module and to `severity`, which holds the event's table). In short,
score = 100 × I × X, where I is the event's intensity (`severity.intensity`) and X combines the
exposure items hit (elements and suppliers) like independent chances of being hurt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from chokewatch.shared.elements import ELEMENTS
from chokewatch.shared.messages import Band, Classification, ScorePart
from chokewatch.shared.profiles import ElementExposure, ProfileSpec, Supplier

from . import severity

# --- exposure constants (the event's are in severity.py) -------------------------------------
DEPENDENCE_FLOOR = 0.25
UNKNOWN_SHARE = 0.5
SUPPLIER_NAMED = 0.6
SUPPLIER_IMPLIED = 0.3
STAGE = {"match": 1.0, "unknown": 0.7, "other": 0.4}
NAME_MATCH = 88.0
# Bands a reader acts on: the lowest score of each, strongest first; a score is in the first it reaches.
BANDS: tuple[tuple[Band, float], ...] = (("critical", 80.0), ("high", 60.0), ("medium", 40.0), ("low", 0.0))
# ---------------------------------------------------------------------------------------------

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
    return named_as((supplier.name, *supplier.aliases), companies)


def named_as(names: Sequence[str], companies: list[str]) -> str | None:
    """The first company in the event that is one of a supplier's `names` (name, then aliases)."""
    for company in companies:
        for name in names:
            if same_company(company, name):
                return company
    return None


def band(value: float) -> Band:
    """The band a score (0..100) falls in: `71` is high."""
    for name, lowest in BANDS:
        if value >= lowest:
            return name
    return BANDS[-1][0]


# --- the score ------------------------------------------------------------------------------
def _country(code: str | None) -> str:
    return COUNTRY_NAMES.get(code or "", code or "an unstated country")


def issuer_of(c: Classification) -> str | None:
    """The issuer as profiles spell countries: upper-case code, `multiple`, or None."""
    if not c.issuer:
        return None
    return SEVERAL if c.issuer.lower() == SEVERAL else c.issuer.upper()


def event_words(c: Classification) -> str:
    """The event's strength in words, beside I in an explanation."""
    status = c.status.value if c.status else "status not stated"
    words = (
        f"{c.event_type.value.replace('_', ' ')}, {status}, {c.direction.value}, severity {c.severity:.2f}"
    )
    issuer = issuer_of(c)
    if issuer:
        words += f", issued by {_country(issuer) if issuer != SEVERAL else 'several'}"
    return words


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


def split_tenths(raw: list[float], total: int) -> list[int]:
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


def total_tenths(level: float, untouched: float) -> int:
    """The score in tenths from I and Π (1 − x_k); the batch scorer repeats these steps on arrays."""
    total = min(100.0, 100.0 * level * (1.0 - untouched))
    # A hair of slack so that float noise never rounds a sum of tenths the wrong way.
    return math.floor(total * 10 + 0.5 + 1e-9)


def credits(level: float, ranked: list[float]) -> list[float]:
    """Each item's share of the score, items strongest first (`ranked`: their strengths)."""
    raw, remaining = [], 1.0
    for strength in ranked:
        raw.append(100.0 * level * strength * remaining)
        remaining *= 1.0 - strength
    return raw


def score(c: Classification, profile: ProfileSpec, *, companies: list[str] | None = None) -> ScoreResult:
    """Score one event against one profile (the README's "Scoring" states the formula).

    `companies` overrides the event's own list of named companies, e.g. for a preview.
    """
    level, words = severity.intensity(c), event_words(c)
    if level <= 0.0:
        return ScoreResult(score=0.0, event=words)
    named = c.companies if companies is None else companies
    items = _element_items(c, profile) + _supplier_items(c, profile, named)

    untouched = 1.0
    for item in sorted(items, key=lambda i: i.key):
        untouched *= 1.0 - item.strength
    score_tenths = total_tenths(level, untouched)

    ranked = sorted(items, key=lambda i: (-i.strength, i.key))
    tenths = split_tenths(credits(level, [item.strength for item in ranked]), score_tenths)
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
        event=words,
    )
