"""How much a classified event matters before anyone's exposure is known: one table, one formula.

severity = TYPE_BASE[event_type] x STATUS_FACTOR[status] x DIRECTION_FACTOR[direction]
           x breadth(number of elements, chips involved)

Everything the product calls "severity" comes from here, so the table below is the whole story.
"""

from __future__ import annotations

from chokewatch.shared.messages import Direction, EventType, Status

# How hard each kind of development can hit supply when it is enacted and tightening.
TYPE_BASE: dict[EventType, float] = {
    EventType.mineral_export_control: 0.85,
    EventType.supply_disruption: 0.70,
    EventType.chip_export_control: 0.65,
    EventType.sanctions: 0.60,
    EventType.tariff: 0.55,
    EventType.trade_talks: 0.45,
    EventType.industrial_policy: 0.35,
    EventType.commentary: 0.10,
    EventType.not_relevant: 0.0,
}

# A rule in force outweighs a statement of intent, which outweighs a rumour.
STATUS_FACTOR: dict[Status | None, float] = {
    Status.enacted: 1.0,
    Status.announced: 0.8,
    Status.speculation: 0.45,
    None: 0.5,
}

# Easing matters (inventory, planning) but less urgently than a new restriction.
DIRECTION_FACTOR: dict[Direction, float] = {
    Direction.tightening: 1.0,
    Direction.easing: 0.7,
    Direction.neutral: 0.5,
}

# Breadth: (minimum element count, factor); the last row that fits applies.
BREADTH: tuple[tuple[int, float], ...] = ((0, 0.75), (1, 0.85), (3, 0.95), (7, 1.0))
CHIPS_BREADTH = 0.9  # a chip measure with no mineral still reaches every chip buyer


def breadth(n_elements: int, chips_involved: bool) -> float:
    factor = BREADTH[0][1]
    for minimum, value in BREADTH:
        if n_elements >= minimum:
            factor = value
    return max(factor, CHIPS_BREADTH) if chips_involved else factor


def severity(
    event_type: EventType,
    direction: Direction,
    status: Status | None,
    n_elements: int,
    chips_involved: bool,
) -> float:
    value = (
        TYPE_BASE[event_type]
        * STATUS_FACTOR[status]
        * DIRECTION_FACTOR[direction]
        * breadth(n_elements, chips_involved)
    )
    return round(min(1.0, max(0.0, value)), 3)
