"""Status when a text tells when a measure starts: a leader's start date to come, a start told
of an older measure, a permit granted, a suspension issued by notice or only agreed.

A leader's word with a start date is announced until an order or notice issues it; the start of
an earlier measure told in the same lead ("curbs that took effect on Thursday", "duties already in
force") does not make the leader's measure enacted.
"""

from __future__ import annotations

import pytest

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import Status

LEADER_START_OVER_OLDER_MEASURE = [
    (
        "Trump to hit China with extra 100% tariff from November 1",
        "President Donald Trump announced on Truth Social on Friday that the US will impose an "
        "additional 100% tariff on Chinese goods starting November 1. Beijing imposed sweeping rare "
        "earth export controls on Thursday, which took effect immediately.",
    ),
    (
        "Trump says 100% tariff on China will start next month",
        "US President Donald Trump said the United States will impose a 100% tariff on imports from "
        "China from November 1, on top of duties already in force, after Beijing imposed new curbs on "
        "rare earths.",
    ),
    (
        None,
        "President Trump announced on Truth Social that a 100% tariff on Chinese goods would take "
        "effect starting next month, in response to export restrictions Beijing imposed this week.",
    ),
]


@pytest.mark.parametrize(("title", "text"), LEADER_START_OVER_OLDER_MEASURE)
def test_a_leaders_start_date_stays_announced_beside_an_older_measure_in_force(
    title: str | None, text: str
) -> None:
    assert classify(text, title=title).status is Status.announced


def test_a_leaders_order_signed_with_a_start_date_is_still_enacted() -> None:
    c = classify(
        "President Trump signed a proclamation on Friday imposing a 100% tariff on Chinese goods "
        "starting November 1, on top of duties already in force.",
        title="Trump signs proclamation for 100% China tariff from November 1",
    )
    assert c.status is Status.enacted
