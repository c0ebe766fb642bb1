"""How strong a classified event is before anyone's exposure is known: the one table.

The classifier's `severity` and the score's event intensity `I` both read these factors; the
README's "Scoring" section states the formulas and the table, and a test keeps them equal.

    severity = TYPE[event_type] × STATUS[status] × DIRECTION[direction] × breadth
    I        = TYPE[event_type] × STATUS[status] × DIRECTION[direction]
               × (SEVERITY_FLOOR + (1 − SEVERITY_FLOOR) × severity)

`ALERT_FLOOR` is the severity at or below which a text is not worth an alert on its own: the
evaluation counts the negatives of a corpus that rise above it.
"""

from __future__ import annotations

from chokewatch.shared.messages import Classification, Direction, EventType, Status

# How hard each kind of development can hit supply when it is enacted and tightening.
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
# A rule in force outweighs a statement of intent, which outweighs a rumour.
STATUS: dict[Status | None, float] = {
    Status.enacted: 1.0,
    Status.announced: 0.7,
    Status.speculation: 0.35,
    None: 0.6,
}
# Easing matters (inventory, planning) but less urgently than a new restriction.
DIRECTION: dict[Direction, float] = {
    Direction.tightening: 1.0,
    Direction.neutral: 0.8,
    Direction.easing: 0.6,
}
SEVERITY_FLOOR = 0.25  # a real measure rated low still deserves a look
# Texts at or below this severity are not worth an alert on their own.
ALERT_FLOOR = 0.2

# Breadth: (minimum element count, factor); the last row that fits applies.
BREADTH: tuple[tuple[int, float], ...] = ((0, 0.75), (1, 0.85), (3, 0.95), (7, 1.0))
CHIPS_BREADTH = 0.9  # a chip measure with no mineral still reaches every chip buyer

# Types that never alert: no new development.
SILENT_TYPES = frozenset(t for t, f in TYPE.items() if f == 0.0)


def breadth(n_elements: int, chips_involved: bool) -> float:
    factor = BREADTH[0][1]
    for minimum, value in BREADTH:
        if n_elements >= minimum:
            factor = value
    return max(factor, CHIPS_BREADTH) if chips_involved else factor


def weight(event_type: EventType, status: Status | None, direction: Direction) -> float:
    """TYPE × STATUS × DIRECTION: the part of both formulas that the table decides."""
    return TYPE[event_type] * STATUS[status] * DIRECTION[direction]


def severity(
    event_type: EventType,
    direction: Direction,
    status: Status | None,
    n_elements: int,
    chips_involved: bool,
) -> float:
    value = weight(event_type, status, direction) * breadth(n_elements, chips_involved)
    return round(min(1.0, max(0.0, value)), 3)


def intensity(c: Classification) -> float:
    """I in the score: the table's weight, raised by the classifier's severity."""
    return weight(c.event_type, c.status, c.direction) * (
        SEVERITY_FLOOR + (1 - SEVERITY_FLOOR) * c.severity
    )
