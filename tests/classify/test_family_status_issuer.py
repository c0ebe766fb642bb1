"""Families of status and issuer errors, each held with the project's own sentences written the
way outside outlets write (wire, trade press, law-firm alert, translated notice).

Status follows the labelling conventions: a measure formally issued (or taking effect on a date)
is enacted, one stated by a leader or officials but not yet issued is announced, one possible or
feared is speculation. The issuer is the government that acts, not a target or a firm's home.
"""

from __future__ import annotations

import pytest

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import Status

# A leader states a measure with a start date, with no order, proclamation or notice behind it yet.
LEADERS_WORD = [
    (
        "Trump says 100% tariff on Chinese goods starts November 1",
        "President Donald Trump said on Friday the United States would impose an additional 100% "
        "tariff on imports from China from November 1, along with controls on critical software.",
    ),
    (
        "Trump slaps 100% tariffs on China from November 1",
        "US President Donald Trump announced a 100% tariff on all Chinese imports starting November 1 "
        "in a post on social media, escalating the dispute over rare earth controls.",
    ),
    (
        "Trump announces 25% tariff on imported chips from January",
        "President Trump said on Wednesday he would place a 25% tariff on imported semiconductors "
        "starting January 1, speaking to reporters in the Oval Office.",
    ),
    (
        "Trump vows 100% tariff on Chinese imports from Nov. 1",
        "WASHINGTON — President Trump vowed on Friday to raise tariffs on Chinese goods by 100% "
        "starting Nov. 1, in retaliation for Beijing's sweeping rare earth export curbs.",
    ),
]


@pytest.mark.parametrize(("title", "text"), LEADERS_WORD)
def test_a_leaders_word_with_a_start_date_is_announced(title: str, text: str) -> None:
    c = classify(text, title=title)
    assert c.status is Status.announced
    assert c.issuer == "US"


def test_a_leaders_order_with_a_start_date_is_enacted() -> None:
    c = classify(
        "President Trump signed an executive order on Monday imposing a 25% tariff on imported "
        "semiconductors starting January 1, the White House said.",
        title="Trump signs order for 25% chip tariff from January",
    )
    assert c.status is Status.enacted
