"""Direction read clause by clause, when the title is missing or says nothing of direction: what a
verb acts on (a measure's start put off eases), what one side asks of the other (not done), and
Chinese duties or countermeasures set in answer to another government's moves.

Each text is the project's own, written from the facts of the measures in the styles outlets use
(wire, official notice, law-firm alert, trade press, translated Chinese).
"""

from __future__ import annotations

import pytest

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import Direction, EventType

# A measure's start put off: the restriction named after the verb is what is delayed.
DEFERRED = [
    (
        "China will delay the rollout of its expanded rare earth export controls by a year, the commerce "
        "ministry said on Thursday, after the leaders of both countries met in South Korea.",
        EventType.mineral_export_control,
    ),
    (
        "Beijing has pushed back the effective date of its new controls on lithium battery cathode "
        "technology to next year, according to a notice posted by the ministry.",
        EventType.mineral_export_control,
    ),
    (
        "The Bureau of Industry and Security said it would defer enforcement of the affiliates rule, which "
        "extends export restrictions on advanced chips to subsidiaries of listed firms, for one year.",
        EventType.chip_export_control,
    ),
    (
        "Client alert: Commerce delays the compliance date for new export licence requirements on "
        "semiconductor manufacturing equipment. Exporters now have until March to apply for licences "
        "under the expanded controls.",
        EventType.chip_export_control,
    ),
]


@pytest.mark.parametrize(("text", "etype"), DEFERRED)
def test_a_measure_start_put_off_eases(text: str, etype: EventType) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (etype, Direction.easing)


# What one side urges the other to do is not done: the news is the measure of the side urging.
URGED = [
    # A Chinese tariff notice in answer to US duties, with a call on Washington to cancel its own.
    "国务院关税税则委员会4日发布公告，决定自4月10日起对原产于美国的所有进口商品加征34%关税。"
    "中方敦促美方立即取消单边关税措施，通过平等对话解决分歧。",
    # The same, as a wire.
    "Beijing on Friday announced a 34% levy on all US goods from April 10 and urged Washington to lift "
    "its unilateral tariffs and resolve differences through dialogue.",
    # Chinese countermeasure notices that call on the other side to undo its own measures.
    "商务部宣布对美国10家企业采取反制措施。中方呼吁美方取消相关制裁，停止错误做法。",
    "外交部宣布对美国军工企业采取反制措施。中方敦促美方撤销对台军售，解除对中国企业的制裁。",
]


@pytest.mark.parametrize("text", URGED)
def test_a_relief_urged_on_the_other_side_is_not_granted(text: str) -> None:
    assert classify(text).direction is Direction.tightening


# Chinese duties set in retaliation, read without an English verb: "加征…关税" is a duty imposed.
def test_a_chinese_retaliatory_duty_notice_restricts() -> None:
    text = (
        "国务院关税税则委员会：对原产于美国的部分进口商品加征关税\n"
        "根据有关法律法规，国务院关税税则委员会决定，自3月10日起对原产于美国的鸡肉、小麦、玉米加征15%关税，"
        "对大豆、猪肉加征10%关税。中方敦促美方取消单边加征关税措施。"
    )
    c = classify(text)
    assert (c.event_type, c.direction) == (EventType.tariff, Direction.tightening)


def test_a_notice_that_keeps_suspending_the_duties_it_names_still_eases() -> None:
    # The duty words name the measure adjusted ("加征关税的公告", "加征关税税率"), not a new duty.
    text = (
        "国务院关税税则委员会发布公告，调整《关于对原产于美国的进口商品加征关税的公告》规定的加征关税措施，"
        "继续暂停实施24%的对美加征关税税率一年，保留10%的加征关税税率。"
    )
    assert classify(text).direction is Direction.easing


# A restriction decided against is a relief: the duty weighed is not imposed.
DECIDED_AGAINST = [
    "The US International Trade Commission on Thursday ruled against imposing anti-dumping duties on "
    "active anode material from China, ending a year-long case brought by US producers.",
    "ITC votes against duties on Chinese graphite anodes\nThe commission found that imports did not harm US "
    "producers, so the deposits collected since the preliminary ruling will be refunded.",
    "The administration will not impose the planned 25% tariff on semiconductor imports from allied "
    "countries, a White House official said on Tuesday.",
]


@pytest.mark.parametrize("text", DECIDED_AGAINST)
def test_a_duty_decided_against_eases(text: str) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (EventType.tariff, Direction.easing)


# A relief ended, told in the passive or with the participle that says how it was given.
RELIEF_ENDED = [
    (
        "The U.S. government has revoked the waivers granted to Samsung and SK Hynix for their China fabs. "
        "The firms have 120 days before the exceptions are lifted, after which each tool shipment needs a "
        "licence.",
        EventType.chip_export_control,
    ),
    (
        "Importers were told that the tariff exemptions for Chinese solar wafers will be removed at the "
        "end of "
        "the month, exposing them to duties of 50%.",
        EventType.tariff,
    ),
]


@pytest.mark.parametrize(("text", "etype"), RELIEF_ENDED)
def test_a_relief_ended_restricts(text: str, etype: EventType) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (etype, Direction.tightening)


# Talks that reached an outcome ease; talks that failed to, or only hope to, do not.
SETTLED = [
    "US and Chinese negotiators reached a framework agreement in Kuala Lumpur on Sunday after two days of "
    "talks, Treasury Secretary Scott Bessent told reporters.",
    "中美双方在伦敦经贸磋商中达成原则共识，同意落实日内瓦会谈成果。",
    "Negotiators from Washington and Beijing struck a deal in Geneva at the end of two days of trade talks, "
    "the White House said.",
]


@pytest.mark.parametrize("text", SETTLED)
def test_talks_that_reached_an_outcome_ease(text: str) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (EventType.trade_talks, Direction.easing)


@pytest.mark.parametrize(
    "text",
    [
        "US and Chinese negotiators failed to reach an agreement in Stockholm after two days of trade talks, "
        "officials said, and will meet again next month.",
        "Negotiators hope to reach a framework agreement when trade talks between Washington and Beijing "
        "resume in Madrid next week.",
    ],
)
def test_talks_without_an_outcome_stay_neutral(text: str) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (EventType.trade_talks, Direction.neutral)


# Goods or partners taken out of a measure's reach ease it, unless the carve-out comes with a new measure.
EXCLUDED = [
    (
        "US Customs and Border Protection issued guidance on Friday excluding smartphones, computers and "
        "semiconductors from the reciprocal tariffs. The tariffs of up to 125% on Chinese goods remain in "
        "place "
        "for other products.",
        EventType.tariff,
    ),
    (
        "Critical minerals including cobalt and lithium were spared from the new duties announced by the "
        "White "
        "House on Wednesday, according to an annex to the order.",
        EventType.tariff,
    ),
]


@pytest.mark.parametrize(("text", "etype"), EXCLUDED)
def test_goods_excluded_from_a_measure_ease(text: str, etype: EventType) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (etype, Direction.easing)


def test_a_carve_out_of_a_new_duty_still_restricts() -> None:
    text = "The EU imposed duties of up to 35% on Chinese electric cars, excluding one maker from the duties."
    assert classify(text).direction is Direction.tightening


# A relief let run out, or a restriction brought back, restricts.
RELIEF_LAPSED = [
    (
        "The US let the tariff exclusions for 352 Chinese products expire on Sunday, restoring 25% duties on "
        "items including chemicals and machinery.",
        EventType.tariff,
    ),
    (
        "The Commerce Department allowed the general licence for Huawei suppliers to lapse, meaning chip "
        "shipments now require individual licences.",
        EventType.chip_export_control,
    ),
    (
        "Washington reinstated the tariffs on Chinese graphite that had been paused during the talks, the "
        "trade "
        "representative's office said.",
        EventType.tariff,
    ),
]


@pytest.mark.parametrize(("text", "etype"), RELIEF_LAPSED)
def test_a_relief_let_run_out_restricts(text: str, etype: EventType) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (etype, Direction.tightening)


def test_a_chinese_report_of_applications_approved_eases() -> None:
    # "获准" (approved), in simplified and traditional characters; the control is recalled as in force.
    for text in (
        "中国企业获准出口镓产品\n商务部表示，部分镓、锗出口申请已获准，出口管制措施仍然有效。",
        "中國企業獲准出口鎵產品\n商務部表示，部分鎵、鍺出口申請已獲准，出口管制措施仍然有效。",
    ):
        assert classify(text).direction is Direction.easing


# "No. 46" numbers a notice and negates nothing: the suspension after it eases.
NUMBERED = [
    (
        "Beijing said the countermeasures announced in Unreliable Entity List Working Mechanism Notice No. 7 "
        "would be suspended for 90 days from May 14.",
        EventType.sanctions,
    ),
    (
        "China's commerce ministry said export controls on gallium and germanium set out in Announcement "
        "No. 46 "
        "will be suspended until November 2026.",
        EventType.mineral_export_control,
    ),
    (
        "Under MOFCOM Announcement No. 70, the rare earth export controls in Announcements No. 61 and No. "
        "62 are "
        "suspended until November 10, 2026.",
        EventType.mineral_export_control,
    ),
]


@pytest.mark.parametrize(("text", "etype"), NUMBERED)
def test_a_numbered_notice_is_no_negation(text: str, etype: EventType) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (etype, Direction.easing)


def test_a_signed_deal_eases_when_curbs_are_only_what_other_talks_centre_on() -> None:
    text = (
        "Vietnam signed a trade agreement with the United States on Sunday at a regional summit in Kuala "
        "Lumpur. "
        "The agreement covers the supply of critical minerals, a key issue in the negotiations between "
        "Washington and Beijing that centre on curbs on advanced technology."
    )
    c = classify(text)
    assert (c.event_type, c.direction) == (EventType.trade_talks, Direction.easing)


# A threatened restriction said to be off, or taken off the table, eases.
CALLED_OFF = [
    "Treasury Secretary Scott Bessent said on Sunday that the threat of an additional 100% tariff on Chinese "
    "goods was effectively off after two days of talks with Chinese negotiators.",
    "President Donald Trump said the additional 100% tariff on Chinese imports he had threatened for "
    "November 1 "
    "is off the table following a call with Xi Jinping.",
    "The White House took the threatened tariffs on Mexican graphite off the table after Mexico agreed to "
    "step "
    "up border checks.",
]


@pytest.mark.parametrize("text", CALLED_OFF)
def test_a_threat_called_off_eases(text: str) -> None:
    assert classify(text).direction is Direction.easing


def test_supplies_cut_off_are_no_threat_called_off() -> None:
    text = "Supplies of gallium to the United States are cut off under a ban announced by China on Tuesday."
    assert classify(text).direction is Direction.tightening


# A cut whose object is supply restricts; a cut of a duty eases.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China cut its export quotas for rare earths by 20% for the second half, the ministry said.",
            "tightening",
        ),
        ("Beijing lowered export quotas for tungsten concentrate in its first batch for 2026.", "tightening"),
        (
            "Beijing reduced the tariff on US exports of soybeans to 10%, the tariff commission said.",
            "easing",
        ),
    ],
)
def test_what_a_cut_acts_on(text: str, expected: str) -> None:
    assert classify(text).direction is Direction(expected)


# A relief not renewed, or described by what it allowed once revoked, restricts.
NOT_RENEWED = [
    (
        "USTR announced that 14 of the 178 exclusions from the Section 301 tariffs will not be extended and "
        "will lapse on May 31.",
        EventType.tariff,
    ),
    (
        "Trade Alert: The Commerce Department has revoked the general authorisations that allowed US chip "
        "toolmakers to ship to Samsung and SK Hynix plants in China, effective in 120 days.",
        EventType.chip_export_control,
    ),
]


@pytest.mark.parametrize(("text", "etype"), NOT_RENEWED)
def test_a_relief_not_renewed_or_revoked_restricts(text: str, etype: EventType) -> None:
    c = classify(text)
    assert (c.event_type, c.direction) == (etype, Direction.tightening)


# A restriction taken up again restricts, though "resume" and "恢复" ease when supply resumes.
RESUMED_RESTRICTION = [
    "国务院关税税则委员会宣布，暂停期满后将恢复加征24%的关税。",
    "商务部表示，暂停期结束后将恢复实施对镓、锗的出口管制措施。",
    "The commerce ministry said it would resume enforcement of the gallium export ban once the suspension "
    "ends "
    "in November.",
    "US Customs resumed collecting the 25% tariffs on Chinese graphite after the exclusions lapsed.",
]


@pytest.mark.parametrize("text", RESUMED_RESTRICTION)
def test_a_restriction_resumed_restricts(text: str) -> None:
    assert classify(text).direction is Direction.tightening


def test_licences_resumed_still_ease() -> None:
    text = (
        "China resumed issuing export licences for rare earth magnets to US companies, people familiar said."
    )
    assert classify(text).direction is Direction.easing


# A rise whose object is supply eases; a relief only hoped for is not had.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China increased export quotas for tungsten and antimony in its second batch, a notice said.",
            "easing",
        ),
        (
            "Beijing raised its rare earth export quotas for the year by a fifth, the ministry said.",
            "easing",
        ),
        (
            "The US raised tariffs on Chinese graphite anodes to 93.5% in a preliminary ruling.",
            "tightening",
        ),
        (
            "Beijing kept its rare earth export controls in place, dashing hopes for relief after talks.",
            "tightening",
        ),
    ],
)
def test_what_a_rise_acts_on_and_relief_hoped_for(text: str, expected: str) -> None:
    assert classify(text).direction is Direction(expected)


# An untitled report whose lead sets a measure: the licences, general licences and exemptions the
# body lists are the new regime's own, not a relief.
NEW_REGIME = [
    "BEIJING, Oct 9 - China's commerce ministry on Thursday announced export controls on five more rare "
    "earth elements and on processing technology.\n"
    "Exports of holmium, erbium, thulium, europium and ytterbium will require a licence from November 8.\n"
    "The ministry said licences would be granted for compliant civilian uses, and that exporters could apply "
    "for general licences.\n"
    "It said exemptions would apply to humanitarian shipments such as emergency medical supplies.",
    "Law-firm alert: On 15 January the Bureau of Industry and Security issued new export controls on "
    "advanced AI chips and model weights.\n"
    "The rule creates license exceptions for close allies and a general authorisation for low-volume "
    "shipments.\n"
    "Exporters in most other countries may apply for licences, which will be approved case by case.",
]


@pytest.mark.parametrize("text", NEW_REGIME)
def test_a_lead_that_sets_a_measure_restricts(text: str) -> None:
    assert classify(text).direction is Direction.tightening


# "but" set against a state, not against a restricting act: the relief after it is the news.
@pytest.mark.parametrize(
    "text",
    [
        "Shipments of rare earth magnets from China remain far below normal, but producers say the commerce "
        "ministry has started approving licence applications for European customers.",
        "Gallium prices are still near record highs, but Beijing has begun granting export licences to a "
        "handful of US buyers, traders said.",
    ],
)
def test_a_relief_after_but_set_against_a_state_eases(text: str) -> None:
    assert classify(text).direction is Direction.easing


def test_a_relief_after_a_restricting_act_and_while_is_another_partys() -> None:
    text = (
        "Washington raised the tariff on Chinese goods to 125% on Wednesday, while pausing for 90 days the "
        "higher rates for other trading partners."
    )
    assert classify(text).direction is Direction.tightening


# An easing verb whose object is the market or a dependence eases no measure.
@pytest.mark.parametrize(
    "text",
    [
        "KINSHASA, Feb 22 - Congo suspended cobalt exports for four months on Saturday, the regulator said, "
        "in an effort to lift prices that have fallen to nine-year lows.",
        "Congo has extended its suspension of cobalt exports by three months, the regulator said, "
        "as it tries to reduce a global glut.",
    ],
)
def test_lifting_prices_or_reducing_a_glut_is_no_relief(text: str) -> None:
    assert classify(text).direction is Direction.tightening


def test_a_dateline_sentence_leaves_the_lead_to_the_next() -> None:
    text = (
        "Washington, D.C. — March 3, 2026.\n"
        "The Bureau of Industry and Security issued an interim final rule on Monday that applies export "
        "restrictions on advanced chips to subsidiaries of listed Chinese firms.\n"
        "The rule takes effect immediately, with a 60-day temporary general licence for some transactions."
    )
    assert classify(text).direction is Direction.tightening


# Headline idioms of relief: licensing made faster, shipments waved through, an olive branch.
_BODY = (
    "\nThe commerce ministry announced the decision on Thursday. It concerns exports of rare earth magnets "
    "and related technology."
)


@pytest.mark.parametrize(
    "title",
    [
        "China offers olive branch with faster rare earth approvals",
        "China waves through rare earth magnet shipments to Europe",
        "Beijing promises quicker magnet export licensing for EU firms",
    ],
)
def test_headline_idioms_of_relief_ease(title: str) -> None:
    assert classify(title + _BODY).direction is Direction.easing


# "not only", "no later than", "without delay" deny nothing; reliefs told in the passive ease.
@pytest.mark.parametrize(
    "text",
    [
        "China has not only approved rare earth export licences for European carmakers, it has also "
        "promised to keep supplies steady.",
        "Licences for gallium exports will be issued no later than 45 days after application under the new "
        "procedure, the ministry said.",
        "Export permits for the magnet makers were quickly granted after the talks, the companies said.",
    ],
)
def test_reliefs_not_denied_ease(text: str) -> None:
    assert classify(text).direction is Direction.easing


def test_no_licences_granted_still_restricts() -> None:
    text = "No export licences for gallium have been granted to US buyers since the ban took effect."
    assert classify(text).direction is Direction.tightening


# "pause" acts like "suspend": on a relief it restricts, on a rule it eases.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US paused approvals of chip export licences to China pending a policy review.", "tightening"),
        ("Beijing has paused licences for rare earth magnet exports to two US drone makers.", "tightening"),
        ("The US paused the 50% affiliates rule for a year as part of the trade deal with China.", "easing"),
    ],
)
def test_what_a_pause_acts_on(text: str, expected: str) -> None:
    assert classify(text).direction is Direction(expected)


# A restriction phased out eases; a relief phased out restricts.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EU will phase out tariffs on US industrial goods under the framework agreement.", "easing"),
        ("Under the deal, Washington is phasing out the duties on Japanese rare earth magnets.", "easing"),
        (
            "The Commerce Department said it would phase out the export licences that let Samsung ship tools "
            "to its China plants.",
            "tightening",
        ),
    ],
)
def test_what_a_phase_out_acts_on(text: str, expected: str) -> None:
    assert classify(text).direction is Direction(expected)


# "wants to", "is pushing to": the subject's own plan, not a relief asked of another side.
@pytest.mark.parametrize(
    "text",
    [
        'China wants to set up a "green channel" for rare earth export licence applications from EU firms',
        "Beijing is pushing to speed up approvals of rare earth export licences for European carmakers.",
    ],
)
def test_a_relief_the_subject_wants_to_grant_eases(text: str) -> None:
    assert classify(text).direction is Direction.easing


# A lead that dates the measure to an earlier month recalls it; the relief after it is the news.
@pytest.mark.parametrize(
    "text",
    [
        "China announced export controls on gallium and germanium in July 2023. This week the commerce "
        "ministry began approving licences for European buyers, traders said.",
        "Beijing imposed export controls on seven rare earths in April. On Tuesday it granted general "
        "licences to three magnet makers, the companies said.",
    ],
)
def test_a_lead_recalling_an_earlier_measure_leaves_the_relief_as_news(text: str) -> None:
    assert classify(text).direction is Direction.easing
