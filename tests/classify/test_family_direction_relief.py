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


# Measures against foreign entities suspended, told after the ban they had set: the suspension eases.
MEASURES_SUSPENDED = [
    "Law-firm alert. In April the ministry added 17 US defence firms to the unreliable entity list, "
    "barring them from China-related import and export activities and from new investment in China. "
    "Under the consensus reached in Geneva, the measures announced in the two notices will be suspended "
    "for 90 days from 14 May.",
    "A reporter asked about the lists. Answer: the ministry added 16 US entities to the export control "
    "control list in April, banning the export of dual-use items to them. The ministry has now decided "
    "to suspend the measures for a further 90 days.",
    "记者问：商务部此前将16家美国实体列入出口管制管控名单，禁止向上述实体出口两用物项。"
    "答：为落实双方会谈共识，商务部决定对上述实体继续暂停上述相关措施90天。",
]


@pytest.mark.parametrize("text", MEASURES_SUSPENDED)
def test_measures_suspended_ease_though_the_ban_is_recounted(text: str) -> None:
    assert classify(text).direction is Direction.easing


# A halt ended, told first in the lead: the halt recounted after it is what ended.
HALT_ENDED = [
    "Albemarle lifts force majeure at its Chilean lithium operations after the strike ended; shipments "
    "of lithium carbonate resumed on Tuesday.",
    "Gallium producer resumes output after power rationing halt. Production at the smelter, which was "
    "shut for three weeks in August, has restarted, the company said.",
    "Update: The force majeure on antimony ingot deliveries is over. The smelter, idled in June by a "
    "shortage of concentrate, restarted its furnaces this week and expects to ship by month-end.",
]


@pytest.mark.parametrize("text", HALT_ENDED)
def test_a_halt_ended_eases_though_the_halt_is_recounted(text: str) -> None:
    assert classify(text).direction is Direction.easing


# A framework confirmed or published, whose terms cap duties: the talks settled a relief.
FRAMEWORK_CONFIRMED = [
    "Joint statement on a United States-European Union framework on an agreement on reciprocal, fair and "
    "balanced trade. The United States will apply the higher of the MFN tariff or 15% to EU goods, "
    "including autos, pharmaceuticals and semiconductors.",
    "Brussels and Washington confirmed the trade framework on Thursday in a joint text. Under its terms "
    "EU cars, medicines and chips face the higher of the MFN rate or 15%.",
]


@pytest.mark.parametrize("text", FRAMEWORK_CONFIRMED)
def test_a_framework_confirmed_eases(text: str) -> None:
    assert classify(text).direction is Direction.easing


# A relief that talks still to come are to discuss is their agenda, not their outcome.
SCHEDULED_AGENDA = [
    "Bessent says he will meet He Lifeng next week to discuss extending the tariff truce.",
    "Trade ministers are set to meet in Kuala Lumpur on Saturday to discuss a further pause of the "
    "duties and of the rare earth controls.",
]


@pytest.mark.parametrize("text", SCHEDULED_AGENDA)
def test_a_relief_on_the_agenda_of_talks_to_come_is_neutral(text: str) -> None:
    assert classify(text).direction is Direction.neutral


# A survey of relations dated by a truce reports no relief.
SURVEYS = [
    "State of play: US-China trade relations one year after the Geneva truce. The pause on reciprocal "
    "tariffs remains in place while talks continue.",
    "Six months after the trade truce, US and Chinese negotiators still hold talks every month, "
    "officials say.",
]


@pytest.mark.parametrize("text", SURVEYS)
def test_a_survey_dated_by_a_truce_is_neutral(text: str) -> None:
    assert classify(text).direction is Direction.neutral
