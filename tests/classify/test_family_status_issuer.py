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


# A doubt word in a relative clause about something else than the measure, or a doubt put to rest.
DOUBT_ELSEWHERE = [
    (
        "US and China settle on framework to implement truce",
        "The United States and China agreed on a framework to carry out their trade truce on "
        "Wednesday, officials from both sides said, after two days of talks over export restrictions "
        "that threaten to disrupt factories worldwide.",
        Status.announced,
    ),
    (
        "Beijing gives nod to magnet exports for carmakers' suppliers",
        "Chinese authorities have given approval for rare earth magnet shipments to several European "
        "parts suppliers, a company spokesman said, easing fears of line stoppages.",
        Status.enacted,
    ),
    (
        "",
        "Beijing has cleared the first gallium export licences under its new regime, a trader said, "
        "allaying concerns that shipments might dry up entirely.",
        Status.enacted,
    ),
    (
        "Curbs that threaten to idle plants: Tokyo and Seoul agree on a minerals pact",
        "Japan and South Korea agreed on a pact to share stockpiles of rare earths on Monday, officials "
        "said, after Chinese curbs that threaten to idle car plants in both countries.",
        Status.announced,
    ),
]


@pytest.mark.parametrize(("title", "text", "status"), DOUBT_ELSEWHERE)
def test_a_doubt_about_something_else_leaves_the_status(title: str, text: str, status: Status) -> None:
    assert classify(text, title=title).status is status


def test_a_relative_clause_that_doubts_the_measure_itself_stays_speculation() -> None:
    c = classify(
        "China's commerce ministry published draft rules that could restrict exports of battery "
        "cathode technology, seeking public comment until February.",
        title="Beijing drafts rules that could restrict battery technology exports",
    )
    assert c.status is Status.speculation


def test_talks_agreed_on_a_framework_are_announced() -> None:
    c = classify(
        "Negotiators from Washington and Beijing agreed on a framework for the truce on Tuesday, and "
        "will now take it back to their leaders for approval, officials said.",
        title="US, China agree on framework after London talks",
    )
    assert c.status is Status.announced


# A participle after a measure's noun recalls an earlier measure; the sentence's own verb tells
# the news's status ("considering exemptions from a ban imposed last month").
RECALLED_BY_PARTICIPLE = [
    "China's commerce ministry said on Saturday it is considering exemptions for some chip orders "
    "from an export ban imposed last month over a row with the Dutch government.",
    "The European Commission is weighing changes to the duties adopted last year on Chinese graphite "
    "electrodes, two diplomats said.",
    "Chinese officials are considering easing the licence requirements introduced in April for magnet "
    "exporters, according to people briefed on the talks.",
]


@pytest.mark.parametrize("text", RECALLED_BY_PARTICIPLE)
def test_a_measure_recalled_by_its_participle_is_not_the_act_reported(text: str) -> None:
    assert classify(text).status is Status.speculation


def test_a_launched_initiatives_aims_are_not_a_plan() -> None:
    c = classify(
        "Foreign ministers of the four countries jointly announced the launch of a critical minerals "
        "initiative on Tuesday. The initiative will strengthen supply chains for rare earths and "
        "gallium, according to a joint statement."
    )
    assert c.status is Status.enacted
    assert c.issuer == "multiple"


@pytest.mark.parametrize(
    "text",
    [
        "Trade ministers of the two countries announced a minerals pact after talks on Tuesday. The "
        "pact will secure supplies of rare earths for both economies, the ministers said.",
        "Both sides agreed to keep talking about export licences for gallium and magnets after a "
        "second round of negotiations ended in Geneva, negotiators said.",
    ],
)
def test_talks_between_unnamed_governments_have_several_issuers(text: str) -> None:
    assert classify(text).issuer == "multiple"


# The government acting is named only by its ministry under a dateline, or another government is
# named as the model the measure follows ("joining the United States").
MODEL_OR_DATELINE = [
    (
        "Seoul, May 2 (Yonhap) -- The industry ministry said it would require licences for exports of "
        "high-bandwidth memory chips from July. The move joins the United States and Japan in efforts "
        "to keep advanced chips from China's military.",
        "KR",
    ),
    (
        "Tokyo, March 31 -- The trade ministry said Friday that it will restrict exports of 23 types "
        "of chipmaking machines from July. The step is aimed at joining the United States and the "
        "Netherlands in keeping advanced tools away from China.",
        "JP",
    ),
    (
        "The Dutch government said on Friday it would require licences for some lithography tools, "
        "mirroring American rules issued last year.",
        "NL",
    ),
]


@pytest.mark.parametrize(("text", "issuer"), MODEL_OR_DATELINE)
def test_the_issuer_is_the_government_that_acts_not_its_model(text: str, issuer: str) -> None:
    assert classify(text).issuer == issuer


# A disruption's issuer is the government whose measure caused it, else the country where supply
# stops; never the home of the firm that reports it.
DISRUPTION_ISSUERS = [
    (
        "Australia-listed Syrah Resources declared force majeure at its Balama graphite mine in "
        "Mozambique after protesters blocked access roads for a third week.",
        "MZ",
    ),
    (
        "Canadian miner Ivanhoe halted production at a copper and cobalt mine in Congo after a flood, "
        "the company said on Monday.",
        "CD",
    ),
    (
        "A Japanese carmaker suspended production of a compact model at its plant in India because of a "
        "shortage of rare earth magnets caused by China's export controls.",
        "CN",
    ),
]


@pytest.mark.parametrize(("text", "issuer"), DISRUPTION_ISSUERS)
def test_a_disruptions_issuer_is_not_the_firms_home(text: str, issuer: str) -> None:
    assert classify(text).issuer == issuer


# A headline's plan over a lead that tells only a doubt, from reports rather than an official.
REPORTED_DOUBT = [
    (
        "Beijing to restrict exports of battery technology",
        "China is considering a ban on exports of some lithium battery cathode technologies, according "
        "to people familiar with the deliberations.",
    ),
    (
        "Tokyo plans export controls on more chip materials",
        "Japan is drafting export restrictions on photoresists and other chip materials, the Nikkei "
        "reported, citing government sources.",
    ),
    (
        "Washington plans curbs on AI chip sales to Gulf states",
        "The administration is weighing curbs on sales of AI accelerators to two Gulf states, "
        "according to a report, as officials worry about diversion to China.",
    ),
]


@pytest.mark.parametrize(("title", "text"), REPORTED_DOUBT)
def test_a_plan_in_the_headline_over_a_reported_doubt_is_speculation(title: str, text: str) -> None:
    assert classify(text, title=title).status is Status.speculation


def test_a_plan_an_official_states_stays_announced() -> None:
    c = classify(
        "Japan will tighten export controls on photoresists and other chip materials from July, the "
        "trade ministry said on Friday.",
        title="Japan plans export controls on more chip materials",
    )
    assert c.status is Status.announced


# "The decision late last week to require licences": the infinitive names a measure taken.
@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Magnet buyers scramble after licence rule",
            "Beijing's decision late last week to require export licences for dysprosium and terbium "
            "has already frozen spot quotes, distributors said on Monday.",
        ),
        (
            "",
            "The ministry's move on Thursday to ban exports of gallium to US military users caught "
            "traders off guard, three dealers said.",
        ),
    ],
)
def test_a_decision_to_act_told_with_its_day_is_a_measure_taken(title: str, text: str) -> None:
    assert classify(text, title=title).status is Status.enacted


def test_an_award_made_for_a_purpose_is_done() -> None:
    c = classify(
        "The Pentagon has awarded $14 million under the Defense Production Act to a germanium wafer "
        "maker to expand output in Oklahoma and to recycle scrap, the department said.",
        title="Pentagon backs germanium wafers in Oklahoma",
    )
    assert c.status is Status.enacted
    assert c.issuer == "US"


def test_an_investments_terms_under_a_deal_made_are_done() -> None:
    c = classify(
        "A carmaker said on Wednesday it would buy rare earth magnets made in Texas for ten years under "
        "a supply agreement with a domestic producer, starting in 2026.",
        title="Carmaker commits to US-made magnets",
    )
    assert c.status is Status.enacted


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Pentagon to take stake in lithium miner",
            "The Department of Defense will take a 10% stake in a Nevada lithium miner, in a deal "
            "officials said would be finalised next month.",
        ),
        (
            "",
            "Japan's state agency JOGMEC will invest in a rare earth refinery in France under a "
            "framework both governments are yet to sign, officials said.",
        ),
    ],
)
def test_a_deal_still_to_be_finalised_is_announced(title: str, text: str) -> None:
    assert classify(text, title=title).status is Status.announced


# An instrument told as issued; the future tense tells what it requires, not that it is planned.
INSTRUMENT_ISSUED = [
    (
        "Exporters need licences under new US rule",
        "Exporters will need licences to ship advanced computing chips to 40 more countries under the "
        "rule, which the Commerce Department published on Tuesday.",
        "US",
    ),
    (
        "",
        "Under the rules published on Friday by the trade ministry, Korean exporters will have to apply "
        "for permits before shipping graphite anode material abroad.",
        "KR",
    ),
]


@pytest.mark.parametrize(("title", "text", "issuer"), INSTRUMENT_ISSUED)
def test_what_an_issued_rule_will_require_is_enacted(title: str, text: str, issuer: str) -> None:
    c = classify(text, title=title)
    assert c.status is Status.enacted
    assert c.issuer == issuer


def test_a_notice_said_not_to_be_published_issues_nothing() -> None:
    c = classify(
        "Traders say the ministry may be slowing licences for magnets bound for defence users. No notice "
        "has been published and officials would not comment.",
        title="Magnet licences said to slow for defence buyers",
    )
    assert c.status is Status.speculation


# A government that only reacts (protests, condemns, voices concern) to another's measure is not
# its issuer.
REACTIONS = [
    (
        "South Korea's trade ministry expressed concern over China's new graphite export licensing, "
        "which took effect on Friday, and said it would seek talks with Beijing.",
        "CN",
    ),
    (
        "Beijing slammed the new US restrictions on AI chip exports on Wednesday, a day after they were "
        "published.",
        "US",
    ),
]


@pytest.mark.parametrize(("text", "issuer"), REACTIONS)
def test_a_reacting_government_is_not_the_issuer(text: str, issuer: str) -> None:
    assert classify(text).issuer == issuer


def test_a_government_acting_on_its_own_keeps_the_issue_despite_anothers_criticism() -> None:
    c = classify(
        "Japan will restrict exports of 23 chipmaking tools, a decision China's commerce ministry "
        "criticised on Friday."
    )
    assert c.issuer == "JP"


# A government's measure in reported future ("said Malaysia would ban") is a plan, not an act;
# a reported future whose subject is goods tells a requirement in force.
REPORTED_FUTURE = [
    (
        "Prime Minister Anwar Ibrahim said Malaysia would ban the export of raw rare earth materials, "
        "speaking to reporters in Kuala Lumpur on Monday.",
        "MY",
    ),
    (
        "Indonesia's mining minister said on Tuesday the government would halt exports of nickel ore "
        "within two years to build up domestic smelting.",
        "ID",
    ),
]


@pytest.mark.parametrize(("text", "issuer"), REPORTED_FUTURE)
def test_a_governments_reported_future_is_announced(text: str, issuer: str) -> None:
    c = classify(text)
    assert c.status is Status.announced
    assert c.issuer == issuer


def test_a_reported_future_of_goods_is_a_requirement_in_force() -> None:
    c = classify(
        "Nvidia said the government had informed it that exports of its H20 chip to China would "
        "require a licence for the indefinite future."
    )
    assert c.status is Status.enacted


@pytest.mark.parametrize(
    "text",
    [
        "TOKYO — A fire broke out overnight at a magnet factory in Fukui, forcing the operator to halt "
        "production of neodymium magnets for car motors, the company said on Friday.",
        "Heavy rain flooded a tungsten mine in Jiangxi on Sunday, compelling its owner to suspend "
        "shipments of concentrate, the company said.",
    ],
)
def test_an_infinitive_a_cause_brings_about_is_no_plan(text: str) -> None:
    assert classify(text).status is Status.enacted


def test_a_doubt_on_what_a_facility_yields_leaves_the_investment_done() -> None:
    c = classify(
        "The Energy Department took an equity stake in a graphite producer on Monday, officials said. "
        "The refinery is expected to supply a fifth of US anode demand by 2028."
    )
    assert c.status is Status.enacted
    assert c.issuer == "US"  # the agency named body first


def test_an_investment_itself_expected_stays_speculation() -> None:
    c = classify(
        "The Pentagon is expected to take a stake in a tungsten miner, people familiar said. The mine "
        "could produce 1,000 tonnes a year."
    )
    assert c.status is Status.speculation


# The modal voice of rules: penalties for breaking them, permission to apply, conditions of a
# procedure, and further steps threatened; none doubts the measure reported.
def test_a_penalty_warning_does_not_make_the_measure_doubtful() -> None:
    c = classify(
        "Beijing has told exporters to stop shipping products containing Chinese heavy rare earths to "
        "US defence contractors, warning that companies could face sanctions.",
        title="China tells exporters to stop rare earth shipments to US defence firms",
    )
    assert c.status is not Status.speculation


@pytest.mark.parametrize(
    "text",
    [
        "Exporters of the listed gallium items must obtain licences from the ministry; violators may "
        "face criminal penalties, the notice said, adding that it applies from August 1.",
        "The ministry said on Friday that applications meeting the rules may be approved, and that if "
        "exporters need to ship samples they may apply for a general licence under the new rare earth "
        "regime.",
        "President Trump on Monday ordered negotiations with allies on imports of processed critical "
        "minerals under Section 232, and warned he may take additional steps if the talks fail.",
    ],
)
def test_the_modal_voice_of_rules_leaves_the_measure_enacted(text: str) -> None:
    assert classify(text).status is Status.enacted


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "The Commerce Department said on Friday it will impose preliminary anti-dumping duties of "
            "93.5% on imports of Chinese active anode material, after finding the goods were sold "
            "below fair value.",
            "US",
        ),
        (
            "Brussels will levy provisional anti-dumping duties of up to 35% on Chinese graphite "
            "electrodes from next week, the European Commission said.",
            "EU",
        ),
    ],
)
def test_a_trade_remedy_determination_made_known_is_enacted(text: str, issuer: str) -> None:
    c = classify(text)
    assert c.status is Status.enacted
    assert c.issuer == issuer


def test_a_determination_still_expected_is_speculation() -> None:
    c = classify(
        "The Commerce Department is expected to announce preliminary countervailing duties on Chinese "
        "graphite next month, trade lawyers said."
    )
    assert c.status is Status.speculation


@pytest.mark.parametrize(
    "text",
    [
        "SMM, March 3 — A number of domestic antimony smelters halted production this week after "
        "environmental inspections, leaving ingot supply tight, according to SMM's survey.",
        "The country has put export controls on 15 US entities with immediate effect, the commerce "
        "authority said on Tuesday, Xinhua reported.",
    ],
)
def test_chinas_own_media_leave_the_government_unnamed(text: str) -> None:
    assert classify(text).issuer == "CN"


def test_a_measures_purpose_in_the_headline_is_no_plan() -> None:
    c = classify(
        "Washington and Tokyo signed a critical minerals agreement on Tuesday covering rare earth "
        "refining and magnets.",
        title="US-Japan minerals pact seeks to curb reliance on Chinese rare earths",
    )
    assert c.status is Status.enacted
    assert c.issuer == "multiple"


# Every act or plan in the lead is negated or denied: the measure is only talked of.
DENIED = [
    (
        "China denies halting rare earth exports to US",
        "China's commerce ministry on Thursday denied reports that it had halted rare earth exports to "
        "the United States, saying licence applications were being reviewed normally.",
    ),
    (
        "Japan has no plans to curb gallium exports, minister says",
        "Japan has no plans to restrict exports of gallium, the trade minister said on Tuesday, "
        "rejecting a newspaper report.",
    ),
    (
        "US has not yet granted Nvidia licences for H20 exports",
        "Nvidia has not received any US licences to ship its H20 chips to China, its chief executive "
        "said on Wednesday.",
    ),
]


@pytest.mark.parametrize(("title", "text"), DENIED)
def test_a_denied_or_negated_measure_is_only_speculation(title: str, text: str) -> None:
    assert classify(text, title=title).status is Status.speculation


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "The Commission imposed provisional duties of up to 35% on Chinese graphite anodes, "
            "according to the Official Journal.",
            "EU",
        ),
        (
            "Duties of 93.5% on Chinese anode graphite were set out in a notice in the Federal Register "
            "on Thursday.",
            "US",
        ),
    ],
)
def test_a_gazette_speaks_for_its_government(text: str, issuer: str) -> None:
    assert classify(text).issuer == issuer


# Done words of the telling ("a statement issued", "after markets closed") do not issue the measure
# a reported future announces.
@pytest.mark.parametrize(
    "text",
    [
        "The United States will require licences for exports of AI chips to Malaysia and Thailand, the "
        "Commerce Department said Tuesday in a statement issued after markets closed.",
        "Canberra will restrict exports of unprocessed lithium concentrate, the resources minister "
        "said in a post published on Monday.",
    ],
)
def test_the_words_of_the_telling_do_not_issue_a_planned_measure(text: str) -> None:
    assert classify(text).status is Status.announced


@pytest.mark.parametrize(
    "text",
    [
        "Three German magnet makers have obtained export licences from Beijing for dysprosium "
        "shipments, an industry group said.",
        "South Korean battery makers won approval from Beijing to import graphite anode material "
        "under the new licensing regime, Seoul's trade ministry said.",
    ],
)
def test_the_grantor_of_a_licence_is_the_issuer_not_the_holders_home(text: str) -> None:
    assert classify(text).issuer == "CN"


@pytest.mark.parametrize(
    "text",
    [
        "President Trump signed critical minerals agreements with Malaysia and Thailand on Sunday at a "
        "summit in Kuala Lumpur, pledging to diversify rare earth supply.",
        "Japan inked a rare earth supply pact with Australia on Tuesday, committing to joint stockpiles.",
    ],
)
def test_a_deal_signed_with_another_government_has_several_issuers(text: str) -> None:
    assert classify(text).issuer == "multiple"


def test_a_deal_signed_with_a_company_is_the_governments_own() -> None:
    c = classify(
        "The Pentagon signed a price-floor agreement with MP Materials on Thursday, guaranteeing a "
        "minimum price for NdPr oxide."
    )
    assert c.issuer == "US"


def test_a_dateline_gives_way_to_a_government_the_lead_names() -> None:
    c = classify(
        "WASHINGTON, Oct 3 (Reuters) - The Chinese government said on Friday it would restrict exports "
        "of graphite anode technology."
    )
    assert c.issuer == "CN"


def test_a_government_that_protests_and_acts_is_the_issuer_of_its_act() -> None:
    c = classify(
        "China protested the new US tariffs on Tuesday and imposed export controls on gallium in "
        "response."
    )
    assert c.issuer == "CN"


def test_a_deal_signed_with_a_foreign_firm_is_the_governments_own() -> None:
    c = classify(
        "The Pentagon signed an offtake agreement with Australian miner Lynas for heavy rare earths "
        "from its Texas plant."
    )
    assert c.issuer == "US"
