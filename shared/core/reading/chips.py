"""Whether the news involves chips, and the words that say so (`chips_involved` in the README)."""

from __future__ import annotations

from collections.abc import Sequence

from chokewatch.shared.messages import EventType

from .cues import CHIP_FIRMS
from .issuers import measure_government
from .sentence_cues import CuedSentence

# Measures whose goods may be chips themselves: a tariff on semiconductors, a ban on buying a
# firm's chips. Naming chips in the measure's own sentences involves them.
_CHIP_GOODS_TYPES = (EventType.tariff, EventType.sanctions)
_FIRM_CARRIERS = 4  # sentences telling a sanction searched for the chipmaker it targets
_NO_CHIP_TYPES = (
    EventType.commentary,
    EventType.not_relevant,
    EventType.industrial_policy,
)


def chips_of(
    etype: EventType, carriers: list[CuedSentence], full: str, lead: Sequence[CuedSentence] = ()
) -> tuple[bool, list[str]]:
    """Whether chips are part of the event; `lead` is the title and lead, background aside."""
    if etype is EventType.chip_export_control:
        return True, [h.phrase for s in carriers for h in s.cues("chip")][:5]
    if etype in _NO_CHIP_TYPES:
        return False, []
    if etype is EventType.supply_disruption:
        # Lines stopped for want of chips a government barred from export: a chip control's effect.
        found = [
            h.phrase
            for s in carriers
            if s.in_lead and not s.background and not s.elements and measure_government([s], full) is not None
            for h in s.hits.get("chip", ())
        ]
        # Or the chips are the very goods that stopped coming ("a plant halts for want of chips",
        # "Nvidia halts output of its H20"), with no mineral named as the goods instead.
        found += [h.phrase for s in lead for h in s.cues("chip_shortage")]
        found += [
            h.phrase
            for s in carriers
            if s.in_lead and not s.background and not s.elements and s.cues("disruption")
            for h in s.cues("chip")
        ]
        return bool(found), found
    # Chip controls must be named as part of the news, not as a use of the mineral or a cause.
    kind = "chip" if etype in _CHIP_GOODS_TYPES else "chip_control"
    # A tariff's list of goods may run past the lead; other measures name chips up front.
    anywhere = etype is EventType.tariff
    found = [h.phrase for s in carriers if (anywhere or s.in_lead) and not s.background for h in s.cues(kind)]
    if etype is EventType.trade_talks:
        # A deal whose headline names chips ("trade deal on semiconductors") covers them, and so
        # does one whose lead sets tariffs on them ("tariffs on cars, chips and lumber capped").
        found += [h.phrase for s in lead if s.info.is_title for h in s.cues("chip")]
        found += [h.phrase for s in lead if s.cues("tariff") for h in s.cues("chip")]
    if etype is EventType.sanctions:
        # A measure against a chipmaker ("Micron fails security review") bears on its chips.
        # The firm may be named first a few sentences down, after the measure's terms.
        found += [
            h.value
            for s in carriers[:_FIRM_CARRIERS]
            if not s.background
            for h in s.cues("company")
            if h.value in CHIP_FIRMS
        ]
    return bool(found), found
