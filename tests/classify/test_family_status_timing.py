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


# A title that tells only a leader's plan; the lead recalls, in the past tense, an older measure
# that came into force (in another sentence, or in a clause on the other government's duties).
LEADER_PLAN_OVER_OLDER_START = [
    (
        "Trump says US will impose 100% tariff on chips",
        "President Donald Trump said on Wednesday the United States will impose a tariff of about 100% "
        "on semiconductors, though companies building plants in the US would be exempt. Existing "
        "tariffs on Chinese goods took effect in February.",
    ),
    (
        "Trump says extra 50% tariff on China starts next week",
        "US President Donald Trump said in a Truth Social post that he will impose an extra 50% tariff "
        "on China starting next week in response to Beijing's retaliatory duties, which came into "
        "force on Friday.",
    ),
]


@pytest.mark.parametrize(("title", "text"), LEADER_PLAN_OVER_OLDER_START)
def test_an_older_measures_start_does_not_issue_a_leaders_plan(title: str, text: str) -> None:
    assert classify(text, title=title).status is Status.announced


def test_the_measure_that_came_into_force_is_enacted() -> None:
    c = classify(
        "China's export controls on some graphite products came into force on Friday, the commerce "
        "ministry said, after President Trump said he would raise tariffs.",
        title="China's graphite export curbs take effect",
    )
    assert c.status is Status.enacted


# A permit decided by the government; the future tense after it tells what the firms will do.
PERMIT_GRANTED_FIRMS_WILL = [
    (
        None,
        "The US Commerce Department has approved licences for Nvidia to export H20 chips to China, and "
        "the chipmaker will begin deliveries in the coming weeks, a company spokesman said.",
    ),
    (
        "Nvidia gets US nod to ship H20 chips to China",
        "Nvidia said on Monday the US government has granted it licences to sell its H20 chip to China, "
        "and the company will resume shipments soon.",
    ),
    (
        "商务部批准部分稀土出口许可申请",
        "商务部新闻发言人表示，已依法批准一批合规的稀土出口许可申请，相关企业将陆续恢复对欧洲客户的出口。",
    ),
    (
        None,
        "Washington has cleared Samsung and SK Hynix to ship US chipmaking tools to their factories in "
        "China for another year, and the firms will be able to keep production running, the companies said.",
    ),
]


@pytest.mark.parametrize(("title", "text"), PERMIT_GRANTED_FIRMS_WILL)
def test_a_permit_granted_is_enacted_whatever_the_firms_will_do(title: str | None, text: str) -> None:
    assert classify(text, title=title).status is Status.enacted


def test_a_ministry_that_approves_and_will_impose_keeps_its_plan() -> None:
    c = classify(
        "China's commerce ministry said it will impose export controls on some graphite products, "
        "officials said on Friday, and the government will publish the list next month.",
        title="China to impose graphite export controls",
    )
    assert c.status is Status.announced


# A start date told only by unnamed sources is a plan reported, not a measure issued; the same
# start from the ministry's own statement is enacted.
SOURCES_START = [
    (
        "China to curb graphite exports from December - sources",
        "China will require export permits for some graphite products from December 1, two sources "
        "with knowledge of the plan told Reuters, though the rules have not yet been published.",
    ),
    (
        "Japan set to restrict chip tool exports from July",
        "Japan will restrict exports of 23 types of chipmaking equipment from July 23, sources close to "
        "the trade ministry said on Tuesday.",
    ),
]


@pytest.mark.parametrize(("title", "text"), SOURCES_START)
def test_a_start_date_from_sources_is_announced(title: str, text: str) -> None:
    assert classify(text, title=title).status is Status.announced


def test_a_start_date_from_the_ministrys_statement_is_enacted() -> None:
    c = classify(
        "China will require export permits for some graphite products from December 1, the commerce "
        "ministry and customs administration said on Friday, to protect national security.",
        title="China to curb graphite exports from December",
    )
    assert c.status is Status.enacted


# A title that gives a leader's start in the present tense, over a lead in the future tense.
LEADERS_START_TITLE = [
    (
        "Trump posts that 25% truck tariff starts October 1",
        "President Donald Trump posted on Truth Social on Thursday that a 25% tariff on imported heavy "
        "trucks will start on October 1, adding to the steel duties that came into force in June.",
    ),
    (
        "Trump says 100% pharma tariff kicks in October 1",
        "US President Donald Trump said on Thursday a 100% tariff on branded drugs will begin on "
        "October 1 unless makers are building plants in the United States.",
    ),
]


@pytest.mark.parametrize(("title", "text"), LEADERS_START_TITLE)
def test_a_leaders_start_in_the_title_is_announced(title: str, text: str) -> None:
    assert classify(text, title=title).status is Status.announced


def test_a_start_under_a_signed_proclamation_is_enacted() -> None:
    c = classify(
        "President Donald Trump signed a proclamation on Thursday under which a 25% tariff on imported "
        "heavy trucks will start on October 1.",
        title="Truck tariff starts October 1 under Trump proclamation",
    )
    assert c.status is Status.enacted
