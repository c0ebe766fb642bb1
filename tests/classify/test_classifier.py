"""The classifier's decisions on short texts, one labelling rule at a time (README, How a text
is read)."""

from __future__ import annotations

from datetime import date

import pytest

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.severity import ALERT_FLOOR, TYPE, severity
from chokewatch.shared.elements import ALL_RARE_EARTHS
from chokewatch.shared.messages import Direction, EventType, Status

SEVEN = ["Dy", "Gd", "Lu", "Sc", "Sm", "Tb", "Y"]


def test_mineral_control_enacted_with_date() -> None:
    c = classify(
        "China's commerce ministry said on Friday that exports of antimony ingots and oxides "
        "will need a licence from October 1, 2024.",
        title="China restricts antimony exports",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.status, c.issuer) == (Direction.tightening, Status.enacted, "CN")
    assert c.elements == ["Sb"]
    assert c.effective_date == date(2024, 10, 1)
    assert c.incident_id is None
    assert c.severity > ALERT_FLOOR


def test_group_phrase_and_explicit_list() -> None:
    c = classify(
        "Beijing put seven medium and heavy rare earths under export licensing on Friday. "
        "The list covers samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium."
    )
    assert c.elements == SEVEN


def test_background_elements_are_not_the_subject() -> None:
    c = classify(
        "China added tungsten and indium items to its export control list on Tuesday, the "
        "commerce ministry said. Last year Beijing had imposed controls on gallium and germanium, "
        "which are used in chips.",
        title="China adds tungsten and indium to export controls",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == ["In", "W"]


def test_easing_suspension_is_easing_and_announced() -> None:
    c = classify(
        "China will suspend for one year the export controls on gallium and germanium it "
        "imposed on the United States, officials said after the leaders met.",
        title="China to suspend gallium and germanium export ban",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.easing
    assert c.status is Status.announced
    assert {"Ga", "Ge"} <= set(c.elements)


def test_general_licences_are_easing() -> None:
    c = classify(
        "The commerce ministry has begun issuing general licences for exports of rare earth "
        "magnets to European car makers, suppliers said on Monday.",
        title="China grants general licences for magnet exports",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.easing
    assert c.elements == ["Dy", "Nd", "Pr", "Tb"]


def test_speculation() -> None:
    c = classify(
        "Analysts warn that Beijing could restrict exports of lithium battery cathode "
        "technology if talks with Washington fail.",
        title="China could curb battery technology exports, analysts warn",
    )
    assert c.status is Status.speculation
    assert c.direction is Direction.tightening


def test_chip_rule() -> None:
    c = classify(
        "The Bureau of Industry and Security published a rule in the Federal Register on "
        "Monday restricting exports of advanced AI chips and chipmaking equipment to China.",
        title="US tightens chip export rules",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.issuer, c.status, c.chips_involved) == ("US", Status.enacted, True)
    assert c.elements == []


def test_chip_use_of_a_mineral_is_not_chips_involved() -> None:
    c = classify(
        "China's commerce ministry put gallium and germanium, two chipmaking metals, under "
        "export licensing on Monday.",
        title="China controls gallium and germanium exports",
    )
    assert c.chips_involved is False


def test_chinese_notice() -> None:
    c = classify(
        "商务部 海关总署公告2025年第18号\n"
        "经国务院批准，决定对钐、钆、铽、镝、镥、钪、钇等7类中重稀土相关物项实施出口管制。"
        "本公告自公布之日起正式实施。"
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.issuer, c.status) == ("CN", Status.enacted)
    assert c.elements == SEVEN


def test_supply_disruption() -> None:
    c = classify(
        "Fighting in Kachin state halted production at rare earth mines that supply "
        "dysprosium and terbium ore to Chinese refiners, traders said.",
        title="Myanmar rare earth mines halt after clashes",
    )
    assert c.event_type is EventType.supply_disruption
    assert (c.direction, c.issuer) == (Direction.tightening, "MM")


def test_industrial_policy_is_neutral() -> None:
    c = classify(
        "The Pentagon will take an equity stake in a magnet maker and guarantee a price floor "
        "for its NdPr oxide, the company said.",
        title="Pentagon takes stake in magnet maker",
    )
    assert c.event_type is EventType.industrial_policy
    assert c.direction is Direction.neutral


def test_tariff_cut_is_easing() -> None:
    c = classify(
        "Washington and Beijing agreed to cut tariffs on each other's goods for 90 days "
        "after talks in Geneva, the two governments said.",
        title="US and China cut tariffs after Geneva talks",
    )
    assert c.event_type in (EventType.tariff, EventType.trade_talks)
    assert c.direction is Direction.easing


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "What are rare earths?",
            "Rare earths are a group of 17 elements used in magnets, "
            "lasers and screens. China refines most of the world's supply.",
        ),
        (
            "Is it too late to buy rare earth stocks?",
            "Shares of rare earth miners have "
            "rallied this year; investors should weigh valuations before buying.",
        ),
    ],
)
def test_commentary(title: str, text: str) -> None:
    c = classify(text, title=title)
    assert c.event_type is EventType.commentary
    assert (c.status, c.issuer, c.direction) == (None, None, Direction.neutral)
    assert c.severity <= ALERT_FLOOR


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Chemistry quiz",
            "Which element has the symbol Tb? Terbium. What is the atomic number of gadolinium?",
        ),
        ("Review: the Model Y", "The Model Y rides better than before and charges quickly."),
        ("", "Me Nd my sister went to the beach, 10/10"),
    ],
)
def test_not_relevant(title: str, text: str) -> None:
    c = classify(text, title=title)
    assert c.event_type is EventType.not_relevant
    assert c.elements == []
    assert c.severity == 0


def test_evidence_names_the_deciding_phrases() -> None:
    c = classify(
        "China will suspend the export controls on rare earths announced in October.",
        title="China suspends rare earth export controls",
    )
    assert c.evidence["direction"]
    assert any("suspend" in p for p in c.evidence["direction"])
    assert c.evidence["elements"]


def test_first_line_is_the_title_when_none_is_given() -> None:
    text = "China bans antimony exports to US\nThe ban takes effect immediately, the ministry said."
    assert classify(text).elements == ["Sb"]


def test_severity_table() -> None:
    top = severity(EventType.mineral_export_control, Direction.tightening, Status.enacted, 17, False)
    assert top == TYPE[EventType.mineral_export_control]
    spec = severity(EventType.mineral_export_control, Direction.tightening, Status.speculation, 17, False)
    eased = severity(EventType.mineral_export_control, Direction.easing, Status.enacted, 17, False)
    assert spec < top and eased < top
    assert severity(EventType.commentary, Direction.neutral, None, 17, False) < ALERT_FLOOR
    assert severity(EventType.not_relevant, Direction.neutral, None, 0, False) == 0


def test_all_rare_earths_for_processing_technology() -> None:
    c = classify(
        "China banned the export of rare earth extraction and separation technology on "
        "Thursday, the commerce ministry said.",
        title="China bans rare earth technology exports",
    )
    assert c.elements == sorted(ALL_RARE_EARTHS)


def test_a_section_line_above_the_headline_is_not_the_title() -> None:
    text = (
        "Markets | Asia\n\nBeijing hits back at tariffs with licence regime for seven rare earths\n\n"
        "China's commerce ministry on Friday placed samarium, gadolinium, terbium, dysprosium, "
        "lutetium, scandium and yttrium under export control."
    )
    c = classify(text)
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.tightening


def test_an_energy_export_tariff_is_not_trade_news() -> None:
    text = (
        "Energy supplier cuts export tariff for home solar owners\n\n"
        "Households with rooftop solar panels will be paid less for power they export to the grid, "
        "after the supplier cut its export tariff to 12p per kilowatt hour. Prices fell this summer."
    )
    c = classify(text)
    assert c.event_type is EventType.not_relevant


def test_relief_for_other_parties_does_not_ease_the_measure() -> None:
    c = classify(
        "The US raised the tariff on Chinese imports to 125%, effective immediately, while pausing "
        "higher rates for other trading partners for 90 days.",
        title="Tariffs on China go to 125%",
    )
    assert c.event_type is EventType.tariff
    assert c.direction is Direction.tightening


def test_an_open_question_is_speculation() -> None:
    c = classify(
        "Chinese officials are discussing whether to restrict exports of lithium processing "
        "technology, people familiar with the matter said. No decision has been made.",
        title="Beijing weighs curbs on lithium processing know-how",
    )
    assert c.status is Status.speculation


def test_licences_that_would_be_granted_are_announced() -> None:
    c = classify(
        "Nvidia said the US government had assured it that licences to sell its H20 chip to China "
        "would be granted.",
        title="Nvidia to resume H20 sales to China",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.status is Status.announced


def test_a_deal_whose_news_is_one_suspension_takes_the_measures_type():
    # The labelling rule: "China suspends its October controls for a year" is the measure, not the talks.
    c = classify(
        "China's Ministry of Commerce said on Friday it is suspending, for one year, the export "
        "controls on holmium, erbium and thulium it announced in October. Exporters will not need "
        "the new licences during the pause.",
        "China suspends its October rare earth controls for a year after summit with US",
    )
    assert c.event_type.value == "mineral_export_control" and c.direction.value == "easing"


def test_traditional_characters_read_like_simplified() -> None:
    c = classify("商務部公告：對鎵、鍺相關物項實施出口管制，自2023年8月1日起正式實施。")
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == ["Ga", "Ge"]
    assert c.issuer == "CN"


def test_control_on_unnamed_goods_takes_the_text_subject() -> None:
    c = classify(
        "The commerce ministry said on Tuesday it was banning the export of dual-use goods to "
        "military users in the country with immediate effect. Traders said gallium and "
        "antimony shipments would be among those checked.",
        title="China bans dual-use exports to military users",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.issuer == "CN"


def test_ban_on_buying_a_firms_chips_is_a_sanction() -> None:
    c = classify(
        "The Cyberspace Administration of China told large platforms on Monday to stop "
        "purchasing an American firm's accelerator chips, citing security risks.",
        title="Beijing tells platforms to stop buying US accelerator chips",
    )
    assert c.event_type is EventType.sanctions
    assert c.issuer == "CN"


def test_permission_to_sell_chips_is_a_chip_measure() -> None:
    c = classify(
        "The White House said on Tuesday it will not permit the company to sell its newest AI "
        "chips to China for now.",
        title="White House blocks sales of newest AI chips to China",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.issuer == "US"
    assert c.chips_involved


def test_byline_fragments_do_not_take_the_lead() -> None:
    c = classify(
        "China blocks imports of a US firm's AI chips at customs\n"
        "- In Markets\n- 09:12 AM, Mar 3, 2026\n- Desk Staff\n"
        "Customs officers were told on Monday that the chips may not enter the country, people "
        "briefed on the matter said.\n",
    )
    assert c.event_type in (EventType.sanctions, EventType.chip_export_control)
    assert c.issuer == "CN"


def test_rare_earths_restate_the_list_the_text_spells_out() -> None:
    c = classify(
        "China granted more rare earth export licences to European firms on Monday. "
        "Buyers said the approvals covered samarium, gadolinium and terbium products.",
        title="China speeds up rare earth export licences",
    )
    assert c.elements == ["Gd", "Sm", "Tb"]


def test_rare_earth_licences_since_april_are_the_seven() -> None:
    c = classify(
        "The commerce ministry said on Thursday it would speed up approvals of rare earth export "
        "licences for European buyers under the regime it imposed in April.",
        title="China offers faster rare earth licences to Europe",
    )
    assert c.elements == SEVEN


def test_a_firm_named_for_rare_earths_is_not_the_subject() -> None:
    c = classify(
        "Lynas Rare Earths said on Monday it had produced its first dysprosium oxide at its "
        "processing plant in Malaysia.",
        title="Lynas produces first dysprosium outside China",
    )
    assert c.elements == ["Dy"]


def test_suspending_export_licences_restricts() -> None:
    c = classify(
        "The commerce ministry suspended the dysprosium export licences of one magnet maker on "
        "Friday, the company said.",
        title="China suspends dysprosium export licences for a magnet maker",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.tightening


def test_suspending_a_ban_eases_even_when_the_body_recalls_the_ban() -> None:
    c = classify(
        "China suspended its ban on exports of gallium and germanium to the United States, the "
        "commerce ministry said on Sunday. The ban had prohibited shipments of the metals and "
        "restricted graphite sales.",
        title="China suspends ban on gallium and germanium exports to US",
    )
    assert c.direction is Direction.easing


def test_revoking_waivers_for_chip_tools_restricts() -> None:
    c = classify(
        "The Commerce Department revoked waivers that had allowed two memory makers to ship "
        "chipmaking tools to their plants in China without licences.",
        title="US revokes waivers for chipmaking tools at memory makers' China fabs",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.direction is Direction.tightening


def test_a_new_tariff_with_exemptions_still_restricts() -> None:
    c = classify(
        "The president announced a 100% tariff on imported semiconductors on Wednesday, but "
        "offered exemptions to firms building plants in the country.",
        title="New 100% tariff on chips, but exemptions for firms that build at home",
    )
    assert c.event_type is EventType.tariff
    assert c.direction is Direction.tightening


def test_unnamed_sources_report_a_decision_not_an_issued_measure() -> None:
    c = classify(
        "Customs officers have been told that the accelerator chips may not enter the country, "
        "according to two people briefed on the matter.",
        title="China blocks imports of a US firm's accelerator chips, sources say",
    )
    assert c.status is Status.announced


def test_headline_infinitive_is_an_announcement() -> None:
    c = classify(
        "Beijing will exempt orders from civilian car makers from its export ban on the chip "
        "maker's products, the commerce ministry said.",
        title="China to exempt some chip orders from export ban",
    )
    assert c.status is Status.announced
    assert c.direction is Direction.easing


def test_a_byline_is_not_the_title_and_the_lead_is_news() -> None:
    c = classify(
        "Written by A. Reporter for the Daily Example\n\n"
        "China has finalised new export controls on lithium battery cathode technologies, "
        "carrying out a threat made earlier in the trade war.\n\n"
        "The commerce ministry published the updated catalogue on Tuesday."
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.tightening
    assert c.issuer == "CN"


def test_first_imports_from_a_new_source_are_industrial_policy() -> None:
    c = classify(
        "A Japanese trading house has begun importing heavy rare earths separated in Malaysia "
        "from Australian ore, it said on Thursday.",
        title="Japan's trading house begins importing heavy rare earths from Australia",
    )
    assert c.event_type is EventType.industrial_policy
    assert c.issuer == "JP"


def test_start_date_without_a_year_is_placed_by_the_publication_date() -> None:
    text = (
        "China's commerce ministry said on Thursday that exports of antimony oxides will need a "
        "licence from 15 September."
    )
    assert classify(text, published_at=date(2024, 8, 15)).effective_date == date(2024, 9, 15)
    late = "China's export controls on gallium and germanium items take effect on December 1, MOFCOM said."
    # Published early in a year, a December start lies in the year before.
    assert classify(late, published_at=date(2026, 1, 3)).effective_date == date(2025, 12, 1)


def test_start_date_accepts_an_aware_datetime() -> None:
    from datetime import UTC, datetime

    c = classify(
        "The graphite export licensing requirement takes effect on December 1, the ministry said.",
        title="China restricts graphite exports",
        published_at=datetime(2023, 10, 20, 8, 0, tzinfo=UTC),
    )
    assert c.effective_date == date(2023, 12, 1)


def test_nearest_day_month_skips_an_impossible_leap_day() -> None:
    from chokewatch.shared.core.reading.dates import nearest

    assert nearest(2, 29, date(2025, 3, 1)) == date(2024, 2, 29)
    assert nearest(12, 1, date(2025, 11, 10)) == date(2025, 12, 1)


def test_companies_named_in_english_and_chinese() -> None:
    c = classify(
        "China's commerce ministry suspended the dysprosium export licences of JL Mag and "
        "Ningbo Yunsheng on Friday, while Huawei and Nvidia were not affected.",
        title="China suspends dysprosium licences for two magnet makers",
    )
    assert {"JL Mag", "Ningbo Yunsheng", "Huawei", "Nvidia"} <= set(c.companies)
    cn = classify("商务部发布公告，暂停北方稀土和江西金世纪新材料股份有限公司的镝出口许可。")
    assert {"China Northern Rare Earth", "江西金世纪新材料"} <= set(cn.companies)


def test_a_legal_form_names_an_unlisted_company() -> None:
    c = classify(
        "Beijing added Example Defence Systems Inc to its unreliable entity list on Tuesday.",
        title="China puts a US defence firm on its unreliable entity list",
    )
    assert "Example Defence Systems Inc" in c.companies


def test_a_tariff_on_semiconductors_involves_chips() -> None:
    c = classify(
        "The trade representative raised the Section 301 tariff on Chinese semiconductors to 50% "
        "from January 1, the office said on Tuesday.",
        title="US doubles tariff on Chinese semiconductors",
    )
    assert c.event_type is EventType.tariff
    assert c.chips_involved


def test_a_tariff_on_magnets_does_not_involve_chips() -> None:
    c = classify(
        "The trade representative raised the tariff on Chinese permanent magnets to 25% on "
        "Tuesday. Magnets are used in chips and motors.",
        title="US raises tariff on Chinese magnets",
    )
    assert c.event_type is EventType.tariff
    assert not c.chips_involved


def test_a_government_named_for_the_targets_is_not_the_issuer() -> None:
    c = classify(
        "The commerce ministry said on Monday it had suspended measures against 17 US entities "
        "on its unreliable entity list for 90 days.",
        title="Beijing suspends unreliable-entity measures on 17 US entities",
    )
    assert c.event_type is EventType.sanctions
    assert c.issuer == "CN"
    assert c.direction is Direction.easing


def test_the_government_after_by_is_the_issuer() -> None:
    c = classify(
        "A Chinese memory maker and 35 other companies were added to a trade blacklist by the US "
        "on Thursday.",
        title="Chinese memory maker blacklisted by US",
    )
    assert c.issuer == "US"


def test_a_one_mood_title_gives_the_status() -> None:
    done = classify(
        "The commerce ministry will release the details later, a spokesman said on Sunday, and "
        "the two sides agreed to review the list next year.",
        title="China exempts civilian chip orders from export controls",
    )
    assert done.status is Status.enacted
    expected = classify(
        "The department issued the rule on Monday and traders said it takes effect soon.",
        title="Anti-dumping decision on anode material expected next month",
    )
    assert expected.status is Status.speculation


def test_potato_and_wood_chips_are_not_semiconductors() -> None:
    potato = classify(
        "Heavy rain has ruined potato crops in the region, and snack makers warn of a chip "
        "shortage on supermarket shelves next month.",
        title="Chip shortage to hit supermarket shelves after rain",
    )
    assert potato.event_type in (EventType.not_relevant, EventType.commentary)
    wood = classify(
        "Pulp mills in Japan imported record volumes of hardwood chips this year, and exports of "
        "chips to China rose again, a trade survey said.",
        title="Hardwood chip shipments to China at record",
    )
    assert wood.event_type in (EventType.not_relevant, EventType.commentary)


def test_a_title_that_judges_a_policy_is_commentary() -> None:
    c = classify(
        "Export controls on chipmaking tools were meant to slow China's progress. Three years on, "
        "domestic toolmakers are growing faster than ever, and analysts say the rules pushed "
        "buyers towards them.",
        title="US chip export controls have backfired",
    )
    assert c.event_type is EventType.commentary


def test_a_title_naming_its_minerals_sets_the_scope() -> None:
    c = classify(
        "The commerce ministry suspended for a year the controls on lithium battery and graphite "
        "anode items it announced in October. Controls on rare earths were suspended too, "
        "officials said.",
        title="China suspends export controls on lithium batteries and graphite anodes",
    )
    assert c.elements == ["Li", "graphite"]


def test_the_title_gives_the_mood_even_when_it_carries_no_measure_words() -> None:
    c = classify(
        "The commerce department will publish a preliminary anti-dumping decision on Chinese "
        "graphite anode material, trade lawyers said.",
        title="Anti-dumping ruling on anode material expected in July",
    )
    assert c.status is Status.speculation


def test_a_section_label_above_the_headline_is_not_the_title() -> None:
    c = classify(
        "Asia\n\nChina ready to resume the supply of rare earths and fertiliser to India\n\n"
        "Desk / A. Writer / 19 August 2025\n\n"
        "China's foreign minister told his Indian counterpart on Monday that Beijing would resume "
        "the supply of rare earths, officials said."
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.easing
    assert c.issuer == "CN"


def test_a_ministry_speaking_through_its_spokesperson_is_the_issuer() -> None:
    c = classify(
        "A spokesperson of the Ministry of Commerce said the measures on 17 US entities on the "
        "unreliable entity list would be suspended for 90 days.",
        title="Spokesperson of the Ministry of Commerce on suspending unreliable entity measures",
    )
    assert c.issuer == "CN"


def test_a_chinese_measure_toward_the_us_is_chinas() -> None:
    c = classify("商务部发布公告，决定对美国相关企业加征关税，并对原产于美国的芯片发起反倾销调查。")
    assert c.issuer == "CN"


def test_elements_from_the_first_sentence_naming_them() -> None:
    c = classify(
        "The commerce ministry and the customs administration issued a joint announcement on "
        "Thursday putting more items under export licensing. The new list covers holmium, "
        "erbium and thulium products.",
        title="China widens its export control list",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == ["Er", "Ho", "Tm"]


def test_a_rare_earth_mining_town_is_not_mining_technology() -> None:
    c = classify(
        "Armed fighters seized the rare earth mining town on Sunday, halting shipments of "
        "dysprosium and terbium ore across the border, traders said.",
        title="Rebels seize rare earth mining hub in Myanmar",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.elements == ["Dy", "Tb"]


def test_a_deal_whose_title_restores_supply_eases() -> None:
    c = classify(
        "The two governments signed the agreement on Sunday. Officials had threatened new tariffs "
        "and restrictions on mineral exports before the talks.",
        title="Malaysia and US sign trade deal improving access to rare earths",
    )
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.easing
    assert c.issuer == "multiple"


def test_semiconductors_further_down_a_tariff_list_involve_chips() -> None:
    c = classify(
        "The trade representative finalised tariff increases on Chinese imports on Friday. "
        "Tariffs on electric vehicles rise to 100% this year. "
        "Tariffs on permanent magnets and natural graphite rise to 25% in 2026. "
        "Tariffs on semiconductors rise to 50% next year.",
        title="US finalises tariff increases on Chinese imports",
    )
    assert c.event_type is EventType.tariff
    assert c.chips_involved


def test_a_chinese_notice_heading_is_an_issued_measure() -> None:
    c = classify(
        "不可靠实体清单工作机制关于将两家美国企业列入不可靠实体清单的公告\n"
        "根据《不可靠实体清单规定》，工作机制决定将上述企业列入不可靠实体清单，禁止其从事与中国有关的进出口活动。"
    )
    assert c.event_type is EventType.sanctions
    assert c.status is Status.enacted
    assert c.issuer == "CN"


def test_a_measure_by_another_country_is_not_chinas_for_naming_china() -> None:
    c = classify(
        "The Democratic Republic of Congo halted cobalt exports for four months, its market "
        "regulator said. Refiners in China, which process most of the output, hold about two "
        "months of stocks; much of the cobalt is mined by Chinese-owned firms.",
        title="Congo suspends cobalt exports to prop up prices",
    )
    assert c.issuer == "CD"
    assert c.elements == ["Co"]


def test_a_deal_whose_news_is_suspending_sanctions_is_a_sanction() -> None:
    c = classify(
        "The commerce ministry said on Wednesday it would suspend for 90 days the countermeasures "
        "against 17 US entities on its unreliable entity list, to implement the consensus of the "
        "trade talks.",
        title="China suspends some countermeasures against US firms after trade talks consensus",
    )
    assert c.event_type is EventType.sanctions
    assert c.direction is Direction.easing
    assert c.issuer == "CN"


def test_firm_blurbs_and_bylines_do_not_take_the_lead() -> None:
    c = classify(
        "Example Partners is a full-service law firm with offices in 16 cities, advising clients "
        "on trade, technology and litigation matters for over ninety years.\n"
        "Jane Doe is a news writer who covers technology and trade.\n"
        "On December 23 the trade representative announced new Section 301 tariffs on Chinese "
        "semiconductors, starting at zero and rising in June 2027.\n",
        title="New Section 301 tariffs on Chinese semiconductors set for 2027",
    )
    assert c.event_type is EventType.tariff
    assert c.chips_involved


def test_approvals_of_export_applications_ease() -> None:
    c = classify(
        "China's commerce ministry said on Thursday it had approved a number of compliant "
        "applications for rare earth exports and would keep reviewing the rest.",
        title="Beijing approves more rare earth export applications",
    )
    assert c.direction is Direction.easing


def test_a_conditional_approval_eases_nothing() -> None:
    c = classify(
        "The department is expected to publish its final anti-dumping ruling on Chinese anode "
        "material in July. If approved, the ruling would add duties of 93.5%.",
        title="US anti-dumping ruling on Chinese anode material expected in July",
    )
    assert c.direction is Direction.tightening


def test_easing_chip_curbs_is_easing() -> None:
    c = classify(
        "The Commerce Department told two design software firms on Wednesday that licence "
        "requirements for sales to China were lifted.",
        title="US eases chip design software curbs on China",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.direction is Direction.easing


def test_a_judging_title_needs_the_body_to_report_the_act() -> None:
    c = classify(
        "Today the two governments released their own accounts of the summit. We should compare "
        "the two statements line by line to see where they differ.",
        title="General licences for rare earths? Interpreting the differences between the statements",
    )
    assert c.event_type is EventType.commentary


def test_a_december_measure_told_in_january_is_news_not_history() -> None:
    c = classify(
        "21 January 2026\n"
        "On December 23, 2025, the trade representative announced new Section 301 tariffs on "
        "Chinese semiconductors, rising from zero in June 2027.\n"
        "Importers have until then to adjust their supply chains.",
        title="Section 301 tariffs on Chinese semiconductors: what importers should know now",
    )
    assert c.event_type is EventType.tariff


def test_heavy_rare_earths_narrow_a_generic_mention() -> None:
    c = classify(
        "Heavy rain has disrupted rare earth mining in northern Myanmar, cutting supplies of "
        "heavy rare earth concentrate to Chinese separators, traders said on Monday.",
        title="Rain hits Myanmar rare earth output",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.elements == ["Dy", "Er", "Gd", "Ho", "Lu", "Tb", "Tm", "Y", "Yb"]


def test_a_stockpile_solicitation_under_a_named_byline_is_policy() -> None:
    c = classify(
        "By Jane Doe / November 14, 2025 at 1:37 PM\n"
        "The Defense Logistics Agency said today it expects to issue an updated solicitation for "
        "cobalt metal worth up to $500 million for the national stockpile.",
        title="DLA expects to issue updated cobalt solicitation",
    )
    assert c.event_type is EventType.industrial_policy
    assert c.issuer == "US"
    assert c.elements == ["Co"]


def test_measures_recalled_after_despite_are_context() -> None:
    c = classify(
        "A new phone shipped this month with a seven-nanometre processor made in China. It "
        "alarmed officials because the breakthrough came despite extensive US export controls "
        "meant to block such chips.",
        title="After China's chip breakthrough, Washington worries about the future of export controls",
    )
    assert c.event_type in (EventType.commentary, EventType.not_relevant)


def test_an_explainer_title_is_commentary() -> None:
    c = classify(
        "Gallium is a soft metal used in chips and LEDs. China restricted its exports in 2023.",
        title="Five things to know about gallium",
    )
    assert c.event_type is EventType.commentary


def test_chinese_listing_on_the_entity_list_is_issued_not_planned() -> None:
    c = classify(
        "美国商务部工业与安全局宣布，将140家中国半导体企业列入实体清单，限制其获得美国芯片制造设备。"
    )
    assert c.event_type is EventType.chip_export_control
    assert c.status is Status.enacted
    assert c.issuer == "US"


def test_chinese_disruption_in_kachin() -> None:
    c = classify("缅甸克钦邦持续降雨，当地稀土矿开采受阻，重稀土原料供应减少。")
    assert c.event_type is EventType.supply_disruption
    assert c.issuer == "MM"


def test_japanese_export_control_words() -> None:
    c = classify("経済産業省は23日、半導体製造装置など23品目を輸出管理の対象に追加すると発表した。")
    assert c.event_type is EventType.chip_export_control
    assert c.issuer == "JP"
    cn = classify("中国商務部は、ガリウムとゲルマニウムの輸出規制を発表した。")
    assert cn.event_type is EventType.mineral_export_control
    assert cn.elements == ["Ga", "Ge"]


def test_tariffs_of_a_rate_with_exemptions_restrict() -> None:
    c = classify(
        "The president announced tariffs of about 100% on imported semiconductors under Section "
        "232, with exemptions for firms building plants in the country.",
        title="Section 232 tariffs on semiconductors announced",
    )
    assert c.direction is Direction.tightening


def test_removal_from_the_unreliable_entity_list_eases() -> None:
    c = classify(
        "China's commerce ministry said on Monday it had removed three US companies from its "
        "unreliable entity list after the trade truce.",
        title="China removes some US firms from unreliable entity list",
    )
    assert c.event_type is EventType.sanctions
    assert c.direction is Direction.easing


def test_a_plant_idled_by_export_restrictions_names_their_government() -> None:
    c = classify(
        "The car maker halted production at its plant for a week because of a shortage of rare "
        "earth magnets caused by China's export restrictions.",
        title="Car maker idles plant over rare earth magnet shortage",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.issuer == "CN"


def test_a_magnet_purchase_deal_between_firms_is_policy() -> None:
    c = classify(
        "MP Materials said on Tuesday Apple would buy rare earth magnets made from recycled "
        "material at its Texas plant under a $500 million agreement.",
        title="MP Materials signs deal with Apple for recycled magnets",
    )
    assert c.event_type is EventType.industrial_policy


def test_allowing_a_chip_to_be_sold_is_an_easing_chip_measure() -> None:
    c = classify(
        "The president said on Monday the US would allow the company to ship its H200 AI chips to "
        "approved customers in China, with a quarter of the proceeds going to the government.",
        title="US to allow H200 chip sales to China",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.direction is Direction.easing
    assert c.status is Status.announced


def test_revenue_share_in_exchange_for_licences_eases() -> None:
    c = classify(
        "Two chip designers agreed to pay the government 15% of revenue from some AI chip sales "
        "to China in exchange for export licences, a person familiar with the deal said.",
        title="Chip designers to share China revenue with US in exchange for licences",
    )
    assert c.direction is Direction.easing


def test_cutting_access_restricts_and_opening_it_eases() -> None:
    cut = classify(
        "The administration announced new export rules on Monday to cut China's access to AI chips.",
        title="US moves to cut China's access to AI chips",
    )
    assert cut.direction is Direction.tightening
    opened = classify(
        "The two governments signed the agreement on Sunday, officials said.",
        title="Malaysia and US ink trade deal enhancing America’s access to rare earths",
    )
    assert opened.direction is Direction.easing


def test_delaying_licences_and_leaving_talks_do_not_ease() -> None:
    delayed = classify(
        "China's commerce ministry will delay export licences for rare earth magnets to defence "
        "firms, people familiar with the matter said.",
        title="China to delay rare earth magnet licences for defence firms",
    )
    assert delayed.direction is Direction.tightening
    left = classify(
        "China withdrew from trade talks with the US on rare earth export controls on Friday.",
        title="China withdraws from rare earth talks",
    )
    assert left.direction is not Direction.easing


def test_sanctions_on_oil_firms_are_another_trade() -> None:
    c = classify(
        "The Treasury's Office of Foreign Assets Control designated two Russian oil producers and "
        "their 50 percent-owned subsidiaries on Wednesday, targeting crude exports.",
        title="OFAC designates Russian oil majors in new sanctions",
    )
    assert c.event_type is EventType.not_relevant


def test_chinese_talks_speculation_and_countries() -> None:
    talks = classify("中美两国元首通话，双方同意继续就经贸问题进行谈判，包括稀土和关税。")
    assert talks.event_type is EventType.trade_talks
    assert talks.issuer == "multiple"
    nickel = classify("印度尼西亚宣布自明年1月起实施镍矿出口禁令，以推动国内冶炼。")
    assert nickel.issuer == "ID"
    assert nickel.elements == ["Ni"]


def test_title_case_and_chinese_origin_mark_objects() -> None:
    c = classify(
        "The trade representative announced new Section 301 tariffs on Chinese semiconductors on Tuesday.",
        title="Additional Section 301 Tariffs On Chinese Semiconductors Set For June 2027",
    )
    assert c.issuer == "US"
    cn = classify("商务部发布公告，决定对原产于美国的进口相关模拟芯片进行反倾销立案调查。")
    assert cn.issuer == "CN"


def test_us_sanctions_on_a_chinese_refinery_are_in_the_field() -> None:
    c = classify(
        "The US Treasury on Tuesday imposed sanctions on a Chinese refinery that bought Iranian "
        "crude oil, freezing its US assets.",
        title="US sanctions Chinese refinery over Iranian oil",
    )
    assert c.event_type is EventType.sanctions
    assert c.issuer == "US"


def test_a_company_plant_outside_china_has_no_issuer() -> None:
    c = classify(
        "The miner said on Monday it had produced its first dysprosium oxide at its separation "
        "plant, the first commercial output of heavy rare earths outside China.",
        title="Miner produces first heavy rare earths outside China",
    )
    assert c.event_type is EventType.industrial_policy
    assert c.issuer is None


def test_a_title_about_the_response_does_not_give_the_measures_status() -> None:
    c = classify(
        "China's new export rules on rare earths, announced on Thursday, require foreign "
        "manufacturers to obtain Chinese licences for goods containing Chinese rare earths.",
        title="Washington weighs response after China's sweeping rare earth rules",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.status is Status.enacted


def test_sanctions_by_a_sports_body_are_not_trade_news() -> None:
    c = classify(
        "Football's governing body imposed sanctions on the club on Tuesday, banning it from "
        "registering new players for two transfer windows.",
        title="Governing body sanctions club over transfer breaches",
    )
    assert c.event_type is EventType.not_relevant


def test_a_framework_to_implement_a_truce_names_what_was_agreed() -> None:
    c = classify(
        "US and Chinese negotiators agreed on Tuesday on a framework to implement the Geneva "
        "truce, including faster Chinese approvals of rare earth exports and the lifting of some "
        "US export curbs, officials said.",
        title="US, China wrap up London talks with framework on rare earths and chip curbs",
    )
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.easing


def test_headlines_alone() -> None:
    stake = classify("Pentagon takes $400 million stake in MP Materials")
    assert (stake.event_type, stake.issuer) == (EventType.industrial_policy, "US")
    licence = classify("Chip designer gets licence to sell H20 chips in China")
    assert (licence.event_type, licence.direction) == (EventType.chip_export_control, Direction.easing)
    listed = classify("China puts 12 US defence firms on export control list")
    assert (listed.event_type, listed.issuer) == (EventType.sanctions, "CN")


def test_approval_by_the_state_council_is_not_a_licence() -> None:
    c = classify(
        "Approved by the State Council, it is decided to implement export controls on lithium "
        "battery cathode items, the commerce ministry said on Thursday.",
        title="China implements export controls on lithium battery items",
    )
    assert c.direction is Direction.tightening


def test_more_headlines_alone() -> None:
    approved = classify("China approves rare earth exports to European carmakers")
    assert (approved.event_type, approved.direction) == (EventType.mineral_export_control, Direction.easing)
    listed = classify("Taiwan blacklists Huawei and SMIC")
    assert listed.issuer == "TW"
    smelter = classify("Korea Zinc to build $7 billion smelter in Tennessee")
    assert smelter.event_type is EventType.industrial_policy
    tax = classify("Indonesia plans export tax on nickel products")
    assert (tax.event_type, tax.issuer) == (EventType.tariff, "ID")
    delayed = classify("USTR delays Section 301 tariff hikes on Chinese chips to 2027")
    assert delayed.direction is Direction.easing


def test_a_dateline_city_is_not_the_issuer() -> None:
    c = classify(
        "Washington, Dec 13 The United States, South Korea and other partners have adopted a "
        "declaration to build a trusted supply chain for critical minerals.",
        title="Partners adopt declaration on critical minerals supply chains",
    )
    assert c.issuer == "multiple"


def test_chinese_headlines() -> None:
    chips = classify("美方宣布对华芯片出口新限制")
    assert (chips.event_type, chips.issuer) == (EventType.chip_export_control, "US")
    approved = classify("中國商務部批准部分稀土出口許可申請")
    assert approved.direction is Direction.easing
    analysis = classify("分析：稀土管制对全球汽车业影响几何？\n业内人士认为，车企可能需要寻找替代供应。")
    assert analysis.event_type is EventType.commentary


def test_a_year_in_a_chinese_notice_number_is_not_history() -> None:
    c = classify(
        "商务部公告2025年第72号 关于暂停实施商务部公告2024年第46号的公告\n"
        "一、暂停实施商务部公告2024年第46号第二款，即原则上不予许可镓、锗、锑相关两用物项对美国出口的规定。"
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.easing
    assert c.elements == ["Ga", "Ge", "Sb"]


def test_a_disruption_in_a_chinese_province_is_chinas() -> None:
    c = classify(
        "A landslide on Monday forced the closure of a tungsten mine in Jiangxi province, cutting "
        "output of concentrate, local media reported.",
        title="Landslide shuts tungsten mine in Jiangxi",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.issuer == "CN"
    assert c.elements == ["W"]


def test_a_request_or_an_expected_step_is_announced() -> None:
    c = classify(
        "The commerce ministry asked Korean firms in letters not to export products containing "
        "Chinese rare earths to US defence contractors.",
        title="China asks Korean firms not to export rare earth products to US defence contractors",
    )
    assert c.status is Status.announced


def test_battery_chemistries_stand_for_lithium() -> None:
    c = classify("商务部公告：新增限制出口电池用磷酸锰铁锂制备技术。")
    assert c.elements == ["Li"]


def test_a_signed_trade_agreement_eases() -> None:
    c = classify(
        "The United States and Malaysia signed a reciprocal trade agreement on Sunday that "
        "includes commitments on critical minerals.",
        title="US, Malaysia sign reciprocal trade agreement",
    )
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.easing
    assert c.status is Status.enacted


def test_a_deal_neared_or_a_stake_sought_is_speculation() -> None:
    near = classify(
        "Negotiators from both sides are nearing a deal that would ease rare earth licensing, "
        "people familiar with the talks said.",
        title="US and China near deal on rare earth licences",
    )
    assert near.status is Status.speculation
    sought = classify(
        "The administration is seeking an equity stake of up to 10% in a lithium developer as it "
        "renegotiates a federal loan.",
        title="US administration seeks equity stake in lithium developer",
    )
    assert sought.status is Status.speculation


def test_reprieves_and_green_lights_ease() -> None:
    c = classify(
        "The Commerce Department gave the memory maker a green light on Friday to keep shipping "
        "US tools to its China fabs for another year.",
        title="US grants memory maker a reprieve on China fab tools",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.direction is Direction.easing


def test_duties_on_brandy_between_others_are_another_field() -> None:
    c = classify(
        "China's commerce ministry imposed preliminary anti-dumping duties of up to 39% on "
        "brandy imported from the European Union on Tuesday.",
        title="China imposes preliminary duties on EU brandy",
    )
    assert c.event_type is EventType.not_relevant


def test_us_china_tariffs_on_farm_goods_stay_in_the_field() -> None:
    c = classify(
        "China imposed extra tariffs of 15% on US liquefied natural gas and soybeans on Monday, "
        "hours after Washington's new duties on Chinese goods took effect.",
        title="China hits back at US with tariffs on LNG and soybeans",
    )
    assert c.event_type is EventType.tariff
    assert c.issuer == "CN"


def test_a_measure_against_a_chipmaker_involves_chips() -> None:
    c = classify(
        "China's cyberspace regulator said on Sunday that Micron's products failed a security "
        "review and told operators of critical infrastructure to stop purchasing them.",
        title="China tells infrastructure operators to stop buying Micron products",
    )
    assert c.event_type is EventType.sanctions
    assert c.chips_involved


def test_ending_a_probe_or_stopping_extra_tariffs_eases() -> None:
    probe = classify(
        "The commerce ministry terminated the investigation into imports of analog chips on "
        "Friday without imposing duties.",
        title="China ends anti-dumping probe into US analog chips",
    )
    assert probe.direction is Direction.easing
    stopped = classify("国务院关税税则委员会宣布，自11月10日起停止加征相关关税。")
    assert stopped.direction is Direction.easing


def test_a_deal_that_includes_chip_curbs_involves_chips() -> None:
    c = classify(
        "The two governments agreed on a framework under which China will speed up rare earth "
        "licences and the US will ease restrictions on chip design software sales.",
        title="US and China agree framework on rare earths and chip design software",
    )
    assert c.event_type is EventType.trade_talks
    assert c.chips_involved


def test_a_threatened_tariff_with_a_start_date_is_speculation() -> None:
    c = classify(
        "The president threatened on Friday to impose additional 100% tariffs on Chinese goods "
        "from November 1 in response to Beijing's new rare earth controls.",
        title="Trump threatens 100% tariffs on China over rare earth curbs",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.speculation
    assert c.effective_date is None


def test_the_title_gives_the_direction_even_without_measure_words() -> None:
    c = classify(
        "Licences for the first shipments were issued to three suppliers of European car makers "
        "this week, the chamber of commerce said.",
        title="China approves rare earth magnet exports to European carmakers",
    )
    assert c.direction is Direction.easing


def test_cutting_supply_restricts() -> None:
    c = classify(
        "Analysts warn that Beijing may stop granting licences for germanium exports to European "
        "buyers if tensions escalate.",
        title="Europe's optics makers fear China could cut germanium supply entirely",
    )
    assert c.direction is Direction.tightening


def test_headlines_naming_firms_rules_and_phase_outs() -> None:
    revoked = classify("US revokes Huawei export licences")
    assert (revoked.event_type, revoked.direction) == (EventType.chip_export_control, Direction.tightening)
    loosened = classify("China loosens rare earth export rules for European firms")
    assert (loosened.event_type, loosened.direction) == (EventType.mineral_export_control, Direction.easing)
    phased = classify("US to phase out chip tariff exemptions")
    assert phased.direction is Direction.tightening


def test_a_chinese_start_day_without_a_year_takes_the_publication_year() -> None:
    c = classify("商务部公告：自9月15日起对锑相关物项实施出口管制。", published_at=date(2024, 8, 15))
    assert c.effective_date == date(2024, 9, 15)
    full = classify("商务部公告：自2023年8月1日起对镓、锗相关物项实施出口管制。")
    assert full.effective_date == date(2023, 8, 1)


def test_governments_agreeing_on_a_plan_are_talks() -> None:
    c = classify(
        "The United States and China have agreed on a framework to implement their trade truce, "
        "covering rare earth licences and chip rules, officials on both sides said on Wednesday.",
        title="US, China agree on plan to ease export controls",
    )
    assert c.event_type is EventType.trade_talks
    assert c.issuer == "multiple"


def test_an_infinitive_after_a_done_verb_is_its_purpose() -> None:
    c = classify(
        "The Commerce Department has granted year-long licences to allow two memory makers to ship "
        "etching tools to their plants in China.",
        title="Memory makers receive US licences for chip tools in China",
    )
    assert c.status is Status.enacted
    c = classify(
        "The trade ministry has introduced a permit requirement for exports of advanced AI chips "
        "of US origin, to close gaps in its export controls.",
        title="Thailand sets permits for AI chip exports",
    )
    assert c.status is Status.enacted


def test_a_deal_reached_or_agreed_is_announced() -> None:
    c = classify(
        "Negotiators from Washington and Beijing reached a framework on export licences for "
        "rare earth magnets after two days of talks in Madrid; leaders must still approve it.",
        title="US and China reach framework on rare earth licences",
    )
    assert c.status is Status.announced
    c = classify(
        "美国总统表示，中方已同意暂停镓和锗的出口管制，为期一年。",
        title="美方称中方同意暂停镓锗出口管制",
    )
    assert c.status is Status.announced


def test_ready_to_supply_is_announced() -> None:
    c = classify(
        "Beijing told New Delhi during the visit that it is ready to supply rare earth magnets "
        "and fertiliser to Indian buyers.",
        title="China ready to resume rare earth magnet supply to India",
    )
    assert c.status is Status.announced


def test_a_licence_issuing_that_has_begun_is_enacted() -> None:
    c = classify(
        "China has started issuing export licences for dysprosium magnets to Japanese car parts "
        "makers, according to a trade ministry statement.",
        title="China starts issuing magnet export licences to Japanese firms",
    )
    assert c.status is Status.enacted


def test_unnamed_sources_telling_a_done_act_do_not_make_it_a_plan() -> None:
    done = classify(
        "China has approved the first licences for gallium exports to two German chipmakers, "
        "people familiar with the matter said.",
        title="China grants first gallium export licences to German firms, sources say",
    )
    assert done.status is Status.enacted
    planned = classify(
        "China is preparing a ban on gallium exports to US defence firms, people familiar with "
        "the matter said, without giving a date.",
        title="China readies gallium export ban on US defence firms, sources say",
    )
    assert planned.status is Status.announced


def test_a_present_tense_headline_over_a_reported_future_is_announced() -> None:
    c = classify(
        "The commerce ministry said on Friday it will suspend for six months the licence "
        "requirement on antimony exports announced in August.",
        title="China suspends antimony export curbs for six months",
    )
    assert c.status is Status.announced
    c = classify(
        "Vietnam will require permits for all tungsten concentrate exports, starting next week.",
        title="Vietnam imposes permits on tungsten exports",
    )
    assert c.status is Status.enacted
    c = classify(
        "Indonesia will allow nickel ore exports to resume under quotas, the mining minister said.",
        title="Indonesia eases nickel ore export ban",
    )
    assert c.status is Status.announced
    c = classify(
        "Vietnam will require permits for all tungsten concentrate exports, starting next week.",
        title="Vietnam imposes permits on tungsten exports",
    )
    assert c.status is Status.enacted


def test_a_decision_number_marks_an_issued_measure() -> None:
    c = classify(
        "The ministry and customs issued Decision No. 12 (2026), which suspends the graphite "
        "export controls. Officials said the suspension will last one year.",
        title="China suspends graphite export controls",
    )
    assert c.status is Status.enacted


def test_a_measure_that_activates_on_a_date_is_enacted() -> None:
    c = classify(
        "The tariff increase on Chinese graphite anodes will activate January 1, 2027, under the "
        "Section 301 schedule the trade office finalised last spring.",
        title="US tariff increase on Chinese graphite anodes in 2027",
    )
    assert c.status is Status.enacted
    assert c.effective_date == date(2027, 1, 1)


def test_halting_a_restriction_eases() -> None:
    c = classify(
        "The trade ministry lifted the licence requirement on exports of US-made AI chips on "
        "Monday after talks with Washington.",
        title="Thailand halts export permit requirement for AI chips",
    )
    assert c.direction is Direction.easing
    c = classify(
        "The ministry halted exports of antimony ingots to three buyers on Monday.",
        title="China halts antimony exports to three buyers",
    )
    assert c.direction is Direction.tightening


def test_a_cut_export_quota_tightens() -> None:
    c = classify(
        "Beijing reduced its first-batch tungsten export quota by 10% compared with last year, "
        "the commerce ministry said.",
        title="China cuts tungsten export quota for 2027",
    )
    assert c.direction is Direction.tightening


def test_a_modal_on_a_measures_effects_does_not_make_it_speculation() -> None:
    c = classify(
        "The ban, which took effect in December, could hit drone makers in Europe, analysts said.",
        title="China's germanium export ban could hit European drone makers",
    )
    assert c.status is Status.enacted
    c = classify(
        "Heavy rain could hit tungsten output in Jiangxi this month, traders said.",
        title="Floods could hit tungsten mines in Jiangxi",
    )
    assert c.status is not Status.enacted


def test_a_backshifted_would_after_a_reporting_verb_is_intent() -> None:
    c = classify(
        "China said on Friday it would require export permits for some indium products, without "
        "giving a date.",
        title="China announces export controls on indium",
    )
    assert c.status is Status.announced


def test_curbs_on_a_mineral_are_an_export_control() -> None:
    c = classify(
        "State media suggested Beijing might widen its controls to more rare earth elements.",
        title="China hints at further curbs on rare earths",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.status is Status.speculation


def test_a_which_title_without_news_time_is_commentary() -> None:
    c = classify(
        "Western producers have seen their shares climb since Beijing tightened antimony exports "
        "last year. We look at which companies are best placed and the risks they face.",
        title="Which antimony miners stand to gain from China's curbs",
    )
    assert c.event_type is EventType.commentary


def test_a_bill_passed_by_one_chamber_is_not_yet_law() -> None:
    c = classify(
        "The Senate passed a bill that would require licences for exports of advanced AI chips "
        "to China. The House has yet to vote.",
        title="US Senate passes bill restricting AI chip exports",
    )
    assert c.status is Status.announced


def test_a_leader_saying_he_would_act_is_announced() -> None:
    c = classify(
        "The president told a cabinet meeting he would put a 40% tariff on cobalt imports.",
        title="President says cobalt tariff coming",
    )
    assert c.status is Status.announced


def test_mineral_controls_named_by_the_mineral_are_relevant() -> None:
    c = classify(
        "Analysts say the rare earth controls give Beijing leverage in talks, and that buyers "
        "will keep stockpiling.",
        title="Why rare earth controls matter for carmakers",
    )
    assert c.event_type is EventType.commentary


def test_dropping_a_requirement_eases_and_ending_a_relief_tightens() -> None:
    c = classify(
        "The Commerce Department dropped its requirement that chip design software vendors obtain "
        "licences for sales to Chinese universities.",
        title="US drops plan to restrict chip design software sales",
    )
    assert c.direction is Direction.easing
    c = classify(
        "China ended an exemption that let small indium shipments go without a licence.",
        title="China ends exemption for indium exports",
    )
    assert c.direction is Direction.tightening


def test_tariffs_and_bans_on_other_goods_are_not_relevant() -> None:
    for title, text in (
        (
            "US raises duties on Canadian timber",
            "The Commerce Department raised anti-dumping duties on Canadian softwood lumber to 18%.",
        ),
        (
            "EU bans luxury goods exports to Belarus",
            "The EU adopted a ban on exports of luxury goods to Belarus in its latest sanctions package.",
        ),
    ):
        assert classify(text, title=title).event_type is EventType.not_relevant


def test_an_agency_acting_on_named_firms_is_the_issuer_not_their_country() -> None:
    c = classify(
        "The US Treasury's Office of Foreign Assets Control on Wednesday sanctioned a dozen Chinese "
        "companies accused of supplying chips to Russia's military.",
        title="OFAC sanctions Chinese firms over Russia chip supplies",
    )
    assert c.event_type is EventType.sanctions
    assert c.issuer == "US"


def test_medium_and_heavy_rare_earths_are_the_april_list() -> None:
    c = classify("China imposed export controls on medium and heavy rare earths on Friday.")
    assert c.elements == SEVEN
    c = classify("China added five more medium and heavy rare earths to its export controls.")
    assert c.elements == ["Er", "Eu", "Ho", "Tm", "Yb"]


def test_a_customs_crackdown_on_mineral_smuggling_is_a_control() -> None:
    c = classify(
        "海关总署表示，将加强对镓、锗、锑等战略矿产出口的监管，严厉打击走私。",
        title="海关总署：加强战略矿产出口全链条管控",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.issuer, c.elements) == (Direction.tightening, "CN", ["Ga", "Ge", "Sb"])


def test_the_ministry_whose_notice_tells_the_news_is_the_issuer() -> None:
    c = classify(
        "BEIJING, Nov 9 (Reuters) - Chinese exporters of gallium and germanium will again be able "
        "to ship to American customers after the ban imposed last December was lifted on Sunday, "
        "according to a notice on the commerce ministry's website.",
        title="Export curbs on gallium and germanium lifted for US buyers",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.issuer, c.elements) == (Direction.easing, "CN", ["Ga", "Ge"])


def test_revoking_validated_end_user_status_tightens() -> None:
    c = classify(
        "The Commerce Department revoked the validated end-user status of Samsung and SK Hynix's "
        "Chinese plants, requiring licences for US chipmaking tools from December 31.",
        title="US revokes Samsung, SK Hynix waivers for China fabs",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.direction, c.issuer) == (Direction.tightening, "US")


def test_an_analysis_label_in_the_title_marks_commentary() -> None:
    c = classify(
        "China's gallium curbs could force chipmakers to look elsewhere, analysts said, though "
        "supply from Japan and Canada remains small.",
        title="Analysis: what China's controls mean for chipmakers",
    )
    assert c.event_type is EventType.commentary


def test_a_lead_saying_will_allow_overrules_a_present_tense_headline() -> None:
    c = classify(
        "President Donald Trump said on Monday that the United States will allow Nvidia to ship "
        "its H200 artificial intelligence chips to approved customers in China.",
        title="US allows Nvidia to ship H200 chips to China",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.direction, c.status, c.issuer) == (Direction.easing, Status.announced, "US")


def test_licences_approved_that_will_continue_are_enacted() -> None:
    c = classify(
        "商务部新闻发言人表示，已依法批准一批符合规定的稀土出口许可申请，并将继续加快审批。",
        title="商务部恢复审批稀土出口许可",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.status, c.issuer) == (Direction.easing, Status.enacted, "CN")


def test_shelving_a_plan_to_restrict_tool_sales_eases_a_chip_control() -> None:
    c = classify(
        "The Trump administration has shelved a plan to restrict sales of chipmaking tools to "
        "China, two people briefed on the matter said.",
        title="Washington drops plan to curb chip tool sales",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.direction, c.issuer) == (Direction.easing, "US")


def test_a_plan_to_fund_raw_material_projects_is_industrial_policy() -> None:
    c = classify(
        "The European Commission on Wednesday unveiled a three billion euro plan to fund critical "
        "raw material projects and joint purchasing of rare earths.",
        title="EU Commission announces raw materials plan",
    )
    assert c.event_type is EventType.industrial_policy
    assert c.issuer == "EU"


def test_licences_suspended_in_the_passive_tighten() -> None:
    c = classify(
        "China suspended antimony export licences for three smelters after finding violations, "
        "the ministry said.",
        title="Antimony export licences suspended",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.issuer, c.elements) == (Direction.tightening, "CN", ["Sb"])


def test_new_controls_unveiled_with_reach_are_issued() -> None:
    c = classify(
        "China unveiled sweeping new export controls on rare earths and related technologies on "
        "Thursday, including a rule that reaches foreign products containing Chinese rare earths.",
        title="Beijing unveils sweeping new rare earth export curbs",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.status, c.issuer) == (Direction.tightening, Status.enacted, "CN")


def test_us_china_talks_and_talks_on_export_controls_are_relevant() -> None:
    c = classify(
        "US Treasury Secretary Scott Bessent and Chinese Vice Premier He Lifeng held talks in "
        "Madrid on Sunday on trade, TikTok and export controls.",
        title="Bessent, He Lifeng meet in Madrid for talks",
    )
    assert (c.event_type, c.issuer, c.direction) == (EventType.trade_talks, "multiple", Direction.neutral)
    c = classify(
        "Senior officials from the US and China will meet in London on Monday for trade talks, "
        "the White House said.",
        title="US and China to hold trade talks in London next week",
    )
    assert (c.event_type, c.issuer, c.status) == (EventType.trade_talks, "multiple", Status.announced)


def test_what_a_measure_adds_to_or_follows_is_background() -> None:
    c = classify(
        "China banned the export of technology to make rare earth magnets and to extract and "
        "separate rare earths, adding to curbs imposed on gallium and germanium earlier this year.",
        title="China bans export of magnet-making technology",
    )
    assert c.elements == sorted(ALL_RARE_EARTHS)
    c = classify(
        "China will require export permits for some graphite products from December 1. The move "
        "follows controls on gallium and germanium introduced in August.",
        title="China tightens graphite export rules",
    )
    assert c.elements == ["graphite"]


def test_a_vague_title_restated_as_magnets_names_the_magnet_elements() -> None:
    c = classify(
        "Ford halted production of its Explorer SUV at its Chicago plant for a week because of a "
        "shortage of rare earth magnets caused by China's export restrictions.",
        title="Rare earth shortage forces Ford to idle Chicago plant",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.elements == ["Dy", "Nd", "Pr", "Tb"]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "Exporters no longer need licences for some graphite",
            "Chinese exporters of some graphite products will no longer need export licences from "
            "next month, the commerce ministry said.",
            Direction.easing,
        ),
        (
            "Tariff truce lapses as talks stall",
            "The 90-day pause on higher US tariffs on Chinese goods expired on Tuesday without an "
            "extension, restoring rates of 145%.",
            Direction.tightening,
        ),
        (
            "China cuts rare earth export licences to US defence firms",
            "China has stopped approving rare earth export licences for companies linked to the US "
            "military, people familiar said.",
            Direction.tightening,
        ),
        (
            "US to end chip waivers",
            "The US will phase out waivers for chip tool shipments to Samsung plants in China.",
            Direction.tightening,
        ),
        (
            "中方恢复对美出口稀土磁体",
            "商务部表示，已恢复向美国出口稀土磁体，相关许可申请正在加快审批。",
            Direction.easing,
        ),
    ],
)
def test_what_is_ended_or_cut_decides_the_direction(title: str, text: str, expected: Direction) -> None:
    c = classify(text, title=title)
    assert c.event_type in (EventType.mineral_export_control, EventType.tariff, EventType.chip_export_control)
    assert c.direction is expected


@pytest.mark.parametrize(
    ("title", "text", "issuer"),
    [
        (
            "MOTIE adds chip tech to core list",
            "The Ministry of Trade, Industry and Energy added 12 semiconductor technologies to its "
            "list of national core technologies requiring export approval.",
            "KR",
        ),
        (
            "MOEA adds Huawei to entity list",
            "The MOEA added Huawei and SMIC to its strategic high-tech commodities entity list on Saturday.",
            "TW",
        ),
        ("經濟部將華為列入實體清單", "經濟部國際貿易署宣布，將華為、中芯國際列入出口管制實體名單。", "TW"),
        (
            "METI expands chip equipment controls",
            "The Ministry of Economy, Trade and Industry said it would add 23 items of chip "
            "manufacturing equipment to export controls.",
            "JP",
        ),
        (
            "工信部下达稀土开采总量控制指标",
            "工业和信息化部、自然资源部下达2024年稀土开采、冶炼分离总量控制指标。",
            "CN",
        ),
        ("市场监管总局对英伟达立案调查", "市场监管总局依法对英伟达公司开展立案调查。", "CN"),
    ],
)
def test_agencies_name_their_government(title: str, text: str, issuer: str) -> None:
    c = classify(text, title=title)
    assert c.event_type is not EventType.not_relevant
    assert c.issuer == issuer


def test_a_headline_infinitive_over_a_lead_telling_the_act_done_is_enacted() -> None:
    c = classify(
        "The Commerce Department on Thursday issued a preliminary determination imposing "
        "anti-dumping duties of 93.5% on active anode material from China, to be collected as cash "
        "deposits.",
        title="Commerce to impose 93.5% duties on Chinese graphite",
    )
    assert c.event_type is EventType.tariff
    assert (c.status, c.issuer, c.elements) == (Status.enacted, "US", ["graphite"])


def test_a_supply_promise_in_a_deal_eases() -> None:
    c = classify(
        "President Trump said on Wednesday that China had agreed to supply rare earth magnets "
        "upfront as part of a deal.",
        title="Trump says China has agreed to supply rare earths",
    )
    assert c.event_type in (EventType.mineral_export_control, EventType.trade_talks)
    assert (c.direction, c.status) == (Direction.easing, Status.announced)


def test_a_trade_blacklist_of_chipmakers_is_a_chip_control() -> None:
    c = classify(
        "The US added dozens of Chinese chipmakers including SMIC subsidiaries to a trade "
        "blacklist, restricting their access to American chip technology.",
        title="US blacklists Chinese chipmakers",
    )
    assert (c.event_type, c.issuer, c.chips_involved) == (EventType.chip_export_control, "US", True)


def test_a_purchase_ban_in_critical_infrastructure_is_a_measure_on_a_firm() -> None:
    c = classify(
        "China's Cyberspace Administration barred operators of critical information "
        "infrastructure from buying Micron products.",
        title="China bans Micron in key infrastructure",
    )
    assert (c.event_type, c.issuer) == (EventType.sanctions, "CN")


def test_revoking_a_named_firms_licences_tightens() -> None:
    c = classify(
        "The Commerce Department revoked licences that allowed Intel and Qualcomm to sell chips "
        "to Huawei.",
        title="US revokes Huawei's licences to buy Intel chips",
    )
    assert (c.event_type, c.direction) == (EventType.chip_export_control, Direction.tightening)


def test_a_mainland_report_of_licences_with_no_government_named_is_chinas() -> None:
    c = classify(
        "据业内人士透露，部分稀土永磁企业近期已获得出口许可，对欧洲客户的出货逐步恢复。",
        title="稀土出口许可审批加快",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.issuer) == (Direction.easing, "CN")


def test_a_country_naming_a_firms_home_is_not_the_issuer() -> None:
    c = classify(
        "The US Commerce Department ordered TSMC to halt shipments of advanced chips to Chinese "
        "customers, people familiar said.",
        title="Taiwan's TSMC told to halt shipments to Chinese AI chip firms",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.issuer, c.direction) == ("US", Direction.tightening)


def test_exporters_receiving_permits_eases() -> None:
    c = classify(
        "Some Chinese exporters of gallium and germanium have received export permits from the "
        "commerce ministry, traders said.",
        title="Chinese exporters get first gallium permits",
    )
    assert (c.event_type, c.issuer, c.direction) == (EventType.mineral_export_control, "CN", Direction.easing)


def test_a_national_security_tariff_probe_tightens() -> None:
    # LABELS.md: an investigation opened is the first step towards a duty, more restriction.
    c = classify(
        "The Commerce Department opened a Section 232 national security investigation into imports "
        "of processed critical minerals and derivative products on Tuesday.",
        title="US launches Section 232 probe into critical minerals imports",
    )
    assert (c.event_type, c.direction, c.issuer) == (EventType.tariff, Direction.tightening, "US")
    c = classify(
        "China's commerce ministry launched an anti-dumping investigation into analog chips imported "
        "from the United States.",
        title="China launches anti-dumping probe into US analog chips",
    )
    assert (c.event_type, c.direction, c.issuer) == (EventType.tariff, Direction.tightening, "CN")


def test_halving_a_tariff_eases() -> None:
    c = classify(
        "President Trump said he would halve the fentanyl tariffs on China to 10% after meeting "
        "Xi Jinping in Busan.",
        title="Trump halves tariffs on China after Xi meeting",
    )
    assert c.direction is Direction.easing


def test_a_list_followed_by_its_uses_still_names_the_elements() -> None:
    c = classify(
        "China has added several rare earth elements and magnets to its export control list. The "
        "items include samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium, "
        "which are used in magnets for electric vehicles.",
        title="China restricts exports of rare-earth magnets",
    )
    assert c.elements == SEVEN


def test_refining_equipment_covers_every_rare_earth() -> None:
    c = classify(
        "China on Thursday expanded its export control regime, the commerce ministry said. The new "
        "list covers holmium, erbium, thulium, europium and ytterbium, as well as equipment for rare "
        "earth refining.",
        title="China expands export controls on critical minerals",
    )
    assert c.elements == sorted(ALL_RARE_EARTHS)


def test_a_firm_named_technologies_is_not_rare_earth_technology() -> None:
    c = classify(
        "The Pentagon closed a $620 million loan to a magnet maker to build a rare earth magnet "
        "factory. Its supplier Acme Technologies, which refines rare earths in Indiana, also "
        "received a loan.",
        title="Pentagon lends $620 million to magnet start-up",
    )
    assert c.elements == ["Dy", "Nd", "Pr", "Tb"]


def test_waiting_for_first_permits_is_no_easing() -> None:
    c = classify(
        "From today, Chinese exporters of gallium and germanium need government approval to ship "
        "abroad, as the licensing regime comes into force.",
        title="Gallium licensing starts; exporters wait for first permits",
    )
    assert c.direction is Direction.tightening


def test_a_group_phrase_for_one_named_element_means_that_element() -> None:
    c = classify(
        "Lynas Rare Earths said it produced its first dysprosium oxide at its Malaysian plant, the "
        "first heavy rare earth separated outside China.",
        title="Lynas opens heavy rare earth separation in Malaysia",
    )
    assert c.event_type is EventType.industrial_policy
    assert c.elements == ["Dy"]


def test_a_chinese_report_of_technology_export_curbs_being_studied_is_a_control() -> None:
    c = classify("据外媒报道，中国商务部正研究限制稀土加工技术出口。", title="中方研究限制稀土技术出口")
    assert c.event_type is EventType.mineral_export_control
    assert (c.status, c.issuer) == (Status.speculation, "CN")


def test_a_ban_named_by_its_mineral_is_no_chip_rule() -> None:
    c = classify(
        "China's ban on gallium exports to the US took effect on Tuesday, a blow to makers of "
        "radar chips and LEDs.",
        title="China's gallium ban threatens chipmakers",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.chips_involved, c.issuer, c.elements) == (False, "CN", ["Ga"])


def test_power_rationing_that_cuts_smelter_output_is_a_disruption() -> None:
    c = classify(
        "Power rationing in China's Yunnan province forced smelters to cut output of silicon and "
        "rare earth metals this week.",
        title="Power curbs in Yunnan cut silicon, rare earth output",
    )
    assert (c.event_type, c.issuer) == (EventType.supply_disruption, "CN")


def test_firms_a_chip_rule_lists_are_targets_in_the_title() -> None:
    c = classify(
        "WASHINGTON (AP) — The U.S. Commerce Department on Monday issued new rules restricting "
        "the export of high-bandwidth memory chips and 24 kinds of chipmaking equipment to China, "
        "and added 140 Chinese companies to its Entity List.\nChina's foreign ministry said it "
        "firmly opposed the measures.",
        title="Commerce tightens chip export curbs, adds Chinese firms to Entity List",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.issuer, c.status, c.elements) == ("US", Status.enacted, [])


def test_a_government_opening_a_headline_clause_acts() -> None:
    c = classify(
        "The White House said it will not permit Nvidia to sell its most advanced chips to China "
        "at this time.",
        title="Nvidia chips and China: White House blocks AI chips",
    )
    assert (c.event_type, c.issuer) == (EventType.chip_export_control, "US")


def test_a_ban_that_stays_and_will_not_be_relaxed_tightens() -> None:
    c = classify(
        "商务部表示，对美国出口镓、锗、锑的禁令继续有效，不会放宽。",
        title="商务部：对美出口镓锗锑禁令继续有效",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.issuer) == (Direction.tightening, "CN")


def test_simpler_export_checks_ease() -> None:
    c = classify(
        "Japan will simplify export procedures for three chip materials to South Korea, the trade "
        "ministry said.",
        title="Japan to ease export checks on chip materials to Korea",
    )
    assert (c.direction, c.issuer) == (Direction.easing, "JP")


def test_lithography_tools_named_in_chinese_are_chip_controls() -> None:
    c = classify(
        "荷兰政府宣布，自9月7日起，ASML部分浸润式DUV光刻机出口需申请许可。",
        title="荷兰政府扩大对ASML光刻机出口管制",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.issuer, c.chips_involved) == ("NL", True)


def test_accelerated_licence_approvals_ease() -> None:
    c = classify(
        "MOFCOM said it has accelerated approvals of compliant rare earth export licence applications.",
        title="China's MOFCOM: Rare Earth Export Licence Approvals Accelerated",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.issuer) == (Direction.easing, "CN")


def test_accusations_of_breaking_a_deal_and_leaders_calls_are_talks() -> None:
    c = classify(
        "US Trade Representative Jamieson Greer said on Sunday that China had not kept its "
        "commitments under the Geneva agreement, slow-walking approvals of rare earth export licences.",
        title="Greer says China slow-walking rare earth deliveries under Geneva deal",
    )
    assert (c.event_type, c.issuer) == (EventType.trade_talks, "multiple")
    c = classify(
        "President Trump said after a 90-minute phone call with Xi Jinping that rare earth flows "
        "would resume.",
        title="Trump says Xi agreed to resume rare earth flows in call",
    )
    assert c.event_type is EventType.trade_talks


def test_nationalising_a_mineral_industry_is_industrial_policy() -> None:
    c = classify(
        "Chile's president announced plans to nationalise the lithium industry, with the state "
        "taking majority stakes in future projects.",
        title="Chile nationalises lithium industry",
    )
    assert (c.event_type, c.issuer, c.elements) == (EventType.industrial_policy, "CL", ["Li"])


def test_chinese_explainers_are_commentary() -> None:
    c = classify(
        "稀土是17种金属元素的统称，广泛用于电动汽车、风力发电和国防工业。中国拥有全球最大的稀土储量和加工能力。"
        "分析人士认为，稀土可能成为中美博弈的筹码。",
        title="稀土为何如此重要？",
    )
    assert c.event_type is EventType.commentary
    c = classify(
        "专家表示，中国对镓、锗实施出口管制后，全球供应链可能面临调整，但短期影响有限。",
        title="专家解读：出口管制对全球供应链的影响",
    )
    assert c.event_type is EventType.commentary


def test_japanese_reports_name_minerals_controls_and_reliefs() -> None:
    c = classify(
        "中国商務省は、ガリウムやゲルマニウムの米国向け輸出禁止措置を停止すると発表した。",
        title="中国、ガリウム・ゲルマニウムの対米輸出禁止を停止",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.issuer, c.elements) == (Direction.easing, "CN", ["Ga", "Ge"])


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "US poised to expand chip curbs to more Chinese firms",
            "The US is poised to add more Chinese chipmakers to the Entity List as early as this "
            "month, sources said.",
        ),
        (
            "US likely to tighten AI chip rules",
            "The US will likely tighten restrictions on AI chip sales to China, analysts said.",
        ),
    ],
)
def test_a_doubt_governing_a_plan_is_speculation(title: str, text: str) -> None:
    c = classify(text, title=title)
    assert c.event_type is EventType.chip_export_control
    assert c.status is Status.speculation


def test_a_ministry_providing_money_to_a_mine_is_industrial_policy() -> None:
    c = classify(
        "Natural Resources Canada said it would provide C$20 million to a graphite mine in Quebec.",
        title="Canada's critical minerals fund backs graphite mine",
    )
    assert (c.event_type, c.issuer, c.elements) == (EventType.industrial_policy, "CA", ["graphite"])


def test_firms_taken_off_a_chinese_control_list_ease() -> None:
    c = classify(
        "商务部宣布，将部分美国企业移出出口管制管控名单，自即日起生效。",
        title="商务部将部分美国企业移出出口管制管控名单",
    )
    assert (c.direction, c.issuer) == (Direction.easing, "CN")


def test_a_headline_alone_of_clashes_disrupting_mines_is_a_disruption() -> None:
    c = classify("Myanmar mine clashes disrupt rare earth supply")
    assert (c.event_type, c.issuer) == (EventType.supply_disruption, "MM")
