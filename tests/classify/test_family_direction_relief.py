"""Direction of reliefs told without a plain easing verb: a leaders' call or a framework whose terms
let supply through.

Each text is the project's own, written from the facts of the measures in the styles outlets use
(wire, trade press, translated Chinese).
"""

from __future__ import annotations

import pytest

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import Direction

# An agreement reached on a call or at a meeting, whose terms let supply through, eases.
CALL_AGREED = [
    "Trump says phone call with Xi resulted in agreement on rare earths; magnets will flow again",
    "US President Donald Trump said on Friday that his call with Chinese President Xi Jinping resulted in "
    "an agreement under which rare earth magnets will flow to American manufacturers.",
    "Trade press: the leaders' conversation led to a deal on critical minerals, and magnet shipments to "
    "US carmakers are flowing again, the White House said.",
]


@pytest.mark.parametrize("text", CALL_AGREED)
def test_an_agreement_that_lets_supply_through_eases(text: str) -> None:
    assert classify(text).direction is Direction.easing


# Talks still to be held settle nothing; a truce recalled beside them is their backdrop.
SCHEDULED_TALKS = [
    "US and China to hold trade talks in Geneva next week; the two sides had agreed in May to a 90-day "
    "truce suspending most tariffs.",
    "US, China to hold new round of trade talks. The Treasury Secretary will meet the Chinese vice premier "
    "in Madrid next week. The talks come as a truce that paused triple-digit tariffs nears its end.",
    "中美双方将于下周在吉隆坡举行新一轮经贸磋商。此前，双方同意暂停加征24%关税90天。",
]


@pytest.mark.parametrize("text", SCHEDULED_TALKS)
def test_talks_still_to_be_held_are_neutral(text: str) -> None:
    assert classify(text).direction is Direction.neutral
