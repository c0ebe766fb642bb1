"""Which elements a development acts on, whether chips are part of it, and texts that report
no event: families of writing where earlier measures, recalled for context, lent their
minerals to the news (LABELS, elements and chips_involved).
"""

from __future__ import annotations

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.elements import GROUPS
from chokewatch.shared.messages import EventType

FIVE_ADDED = sorted(GROUPS["added_2025_10"])


def test_a_tariff_truce_does_not_take_the_rare_earths_of_a_recalled_control() -> None:
    c = classify(
        "President Donald Trump signed an executive order on Monday extending the pause on higher "
        "tariffs on Chinese goods for another 90 days. Earlier this year, China imposed export "
        "controls on seven rare earth elements, which roiled automakers worldwide. Since April, "
        "dysprosium and terbium shipments had slowed to a trickle.",
        title="Trump extends tariff truce with China by 90 days",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == []


def test_duties_on_vehicles_do_not_take_minerals_from_a_years_of_controls_recap() -> None:
    c = classify(
        "The European Commission imposed definitive duties of up to 35% on electric vehicles made "
        "in China, it said on Tuesday. In 2023, China restricted exports of gallium and germanium, "
        "and in 2024 it banned shipments of antimony to the United States.",
        title="EU imposes duties on Chinese electric vehicles",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == []


def test_a_tariff_cut_in_a_deal_does_not_take_the_minerals_restricted_before() -> None:
    c = classify(
        "The United States and China agreed on Monday to cut reciprocal tariffs for 90 days. The "
        "US will lower its tariff on Chinese goods to 30% and China will cut its duty on US goods "
        "to 10%. Beijing had restricted exports of rare earths and magnets in April in retaliation "
        "for US tariffs.",
        title="US, China agree to tariff cut in Geneva",
    )
    assert c.elements == []


def test_superhard_materials_controls_do_not_take_the_minerals_they_follow() -> None:
    c = classify(
        "China's commerce ministry on Thursday placed export controls on synthetic diamond "
        "micropowder, single crystals and related production equipment. The move follows earlier "
        "curbs on gallium, germanium, antimony and graphite, and the April controls on rare earths.",
        title="China curbs exports of superhard materials",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == []


def test_a_measure_that_comes_years_after_others_names_only_its_own_mineral() -> None:
    c = classify(
        "China added 15 US companies to its export control list on Tuesday, barring them from "
        "receiving dual-use items such as tungsten. The measure comes two years after Beijing first "
        "restricted gallium and germanium, and months after it banned antimony exports to the US.",
        title="China blocks tungsten exports to US defence firms",
    )
    assert c.elements == ["W"]


def test_the_five_added_rare_earths_without_the_seven_they_expand() -> None:
    c = classify(
        "China on Thursday added holmium, erbium, thulium, europium and ytterbium to its export "
        "control list, expanding curbs it imposed in April on seven other rare earths including "
        "dysprosium and terbium.",
        title="Beijing adds five more rare earths to export control list",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == FIVE_ADDED


def test_a_tariff_schedule_listed_line_by_line_covers_every_listed_mineral() -> None:
    c = classify(
        "The trade representative on Friday published its final list of increases to Section 301 "
        "duties on Chinese imports, most of which apply from January 1.\n"
        "Duties will rise on the following goods from China:\n"
        "Steel and aluminum products: 25%\n"
        "Lithium-ion batteries for vehicles: 25%\n"
        "Natural graphite: 25% from 2026\n"
        "Permanent magnets: 25% from 2026\n"
        "Legal teams should review their supply contracts before the new rates take effect, since "
        "the increases apply to goods entered for consumption on or after those dates.",
        title="Client alert: USTR sets final Section 301 increases on strategic goods",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == ["Al", "Dy", "Li", "Nd", "Pr", "Tb", "graphite"]


def test_curbs_in_place_since_an_earlier_month_are_not_a_tariff_cuts_goods() -> None:
    c = classify(
        "Washington removed a 10% tariff on a range of Chinese goods on Monday, the trade "
        "representative said. Beijing's curbs on rare earth magnets, in place since April, remain "
        "a sore point for US manufacturers.",
        title="Tariff tracker: US lifts duties on some Chinese goods",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == []


def test_a_separate_notice_on_rare_earths_is_not_the_superhard_materials_news() -> None:
    c = classify(
        "Exporters of synthetic diamond micropowder, diamond wire saws and the equipment used to "
        "make them will need a licence from November 8, China's commerce ministry said in a notice "
        "on Thursday. In a separate notice, the ministry added five more rare earths to its "
        "control list.",
        title="China curbs exports of synthetic diamond and superhard materials",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == []


def test_a_tariff_storys_later_mention_of_chinas_mineral_leverage_is_context() -> None:
    c = classify(
        "President Trump on Monday signed an order that keeps the lower tariff rate on Chinese "
        "imports for another 90 days, the White House said. The order gives negotiators more "
        "time before the higher rate would return. Officials from both sides met in Stockholm "
        "last month. Other trading partners accepted US tariffs of 15% or more in quick deals, "
        "while Beijing held out, using its hold over rare earth supplies as leverage.",
        title="Trump keeps China tariff truce in place for 90 more days",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == []


def test_a_bulleted_summary_line_recalling_what_the_truce_followed_is_context() -> None:
    c = classify(
        "- The White House said on Tuesday the tariff pause with China would run for another 90 "
        "days under a new executive order.\n"
        "- This extension follows the first pause agreed in Geneva, during which both sides cut "
        "duties and China resumed rare earth shipments.\n"
        "- Negotiators are due to meet again next month.",
        title="US extends China tariff pause",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == []


def test_heavy_rare_earths_are_the_members_the_text_gives_them() -> None:
    c = classify(
        "A South Korean trading house said on Wednesday it has taken delivery of its first heavy "
        "rare earths from a refinery in Western Australia under a five-year offtake deal. "
        "Since 2022 the refinery has produced the heavy rare earths dysprosium and terbium for "
        "makers of magnets.",
        title="Korean trader receives first heavy rare earths from Australia",
    )
    assert c.event_type is EventType.industrial_policy
    assert c.elements == ["Dy", "Tb"]


def test_a_probe_into_whether_mineral_imports_threaten_security_names_those_minerals() -> None:
    c = classify(
        "The Commerce Department has started a Section 232 investigation into whether imports of "
        "processed critical minerals, such as rare earths, cobalt and lithium, and products made "
        "from them threaten national security.",
        title="Washington launches probe into imports of critical minerals",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == sorted(GROUPS["rare_earths"] + ("Co", "Li"))


SILENT = (EventType.commentary, EventType.not_relevant)


def test_a_relations_overview_told_as_hot_and_cold_is_not_an_event() -> None:
    c = classify(
        "Relations between Washington and Beijing have swung from truce to threat and back "
        "again. Beijing's licensing of rare earths has proved its most effective lever, and chip "
        "export controls have been Washington's. Few expect the calm to last.",
        title="US-China ties in 2025: a hot-and-cold year",
    )
    assert c.event_type in SILENT
    assert c.status is None


def test_a_miners_quarterly_sales_are_not_news_of_the_field() -> None:
    c = classify(
        "The Australian miner said revenue rose 30% on a year earlier on higher prices for NdPr "
        "oxide, and that it had produced its first heavy rare earths at its Malaysian plant.",
        title="Rare earths miner reports higher quarterly sales",
    )
    assert c.event_type in SILENT
    assert c.elements == []


def test_a_chip_tool_rule_does_not_take_the_rare_earths_its_lead_mentions() -> None:
    c = classify(
        "The Japanese trade ministry will add 23 types of chipmaking equipment to its export "
        "control list from July, it said on Friday. Japan still buys most of its rare earths "
        "from China.",
        title="Tokyo widens export curbs on chipmaking tools",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.elements == []
    assert c.chips_involved


def test_rare_earth_controls_extended_to_magnet_technology_name_the_magnet_metals() -> None:
    c = classify(
        "The commerce ministry added holmium, erbium, thulium, europium and ytterbium to the "
        "control list on Thursday, and said technologies for making rare earth magnets now need "
        "an export licence.",
        title="China widens rare earth curbs to five more elements and magnet technology",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == sorted(set(FIVE_ADDED) | set(GROUPS["ndfeb_magnets"]))


def test_a_wire_story_recapping_earlier_bans_names_only_the_new_metals() -> None:
    c = classify(
        "China's commerce ministry said on Tuesday it will impose export controls on tungsten, "
        "tellurium, bismuth, molybdenum and indium products, effective immediately. Beijing has "
        "steadily widened its controls on critical minerals. Last December, China banned exports "
        "of gallium, germanium and antimony to the United States outright. Analysts said the "
        "latest list targets US defence supply chains.",
        title="China restricts exports of tungsten, tellurium and three other metals",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == ["Bi", "In", "Mo", "Te", "W"]


def test_a_later_sentence_on_a_control_from_another_month_is_not_the_news() -> None:
    c = classify(
        "China's commerce ministry said on Thursday that silver exporters will need licences from "
        "January 1 under a new state-trading list. The ministry in October also tightened rules "
        "for tungsten and antimony exporters. Silver prices rose 2% on the news.",
        title="China puts licence requirement on silver exports",
    )
    assert c.elements == ["Ag"]


def test_controls_said_to_stand_beside_a_general_licence_are_not_eased() -> None:
    c = classify(
        "China has issued its first general licences for exports of rare earth magnets to some "
        "European customers, the EU Chamber of Commerce said on Monday. General licences let "
        "exporters ship repeatedly for a year without applying each time. Beijing also controls "
        "exports of gallium, germanium, antimony and graphite.",
        title="China approves first general licences for rare earth exports",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == sorted(GROUPS["ndfeb_magnets"])


def test_a_framework_capping_tariffs_on_chips_involves_chips() -> None:
    c = classify(
        "Brussels and Washington on Thursday set out the details of their trade framework. US "
        "tariffs on most EU goods, including cars, pharmaceuticals, chips and lumber, will not "
        "exceed 15%.",
        title="EU, US finalise framework deal",
    )
    assert c.event_type is EventType.trade_talks
    assert c.chips_involved


def test_a_purchase_ban_on_a_memory_maker_named_down_the_text_involves_chips() -> None:
    c = classify(
        "The regulator said its security review had found serious risks. The products failed "
        "the review, it said. The cyberspace office published the result on Sunday. Under the "
        "security law, operators of key information infrastructure should stop buying products "
        "of Micron Technology, it added.",
        title="China tells infrastructure operators to stop buying US firm's products",
    )
    assert c.event_type is EventType.sanctions
    assert c.chips_involved


def test_the_five_added_beside_the_seven_they_are_in_addition_to() -> None:
    c = classify(
        "The commerce ministry said on Thursday that holmium, erbium, thulium, europium and "
        "ytterbium will be subject to export controls from November 8, in addition to samarium, "
        "gadolinium, terbium, dysprosium, lutetium, scandium and yttrium, restricted in April.",
        title="China expands export controls to five more rare earths",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == FIVE_ADDED


def test_five_heavy_rare_earths_added_are_the_five_of_october() -> None:
    c = classify(
        "China has added five heavy rare earths to its export control list, the commerce ministry "
        "said on Thursday, extending the curbs announced in April.",
        title="China adds five heavy rare earths to export curbs",
    )
    assert c.elements == FIVE_ADDED


def test_magnets_named_as_a_use_of_rare_earths_do_not_narrow_them() -> None:
    c = classify(
        "The Commerce Department will take a 10% stake in the Texas miner in exchange for $400 "
        "million in grants and loans, a move aimed at expanding domestic output of rare earth "
        "minerals critical to chips, permanent magnets and missiles.",
        title="US to take stake in Texas miner under chips funding",
    )
    assert c.event_type is EventType.industrial_policy
    assert c.elements == sorted(GROUPS["rare_earths"])


def test_diamond_controls_do_not_take_minerals_restricted_over_the_past_years() -> None:
    c = classify(
        "Exporters of single-crystal diamond, diamond micropowder and wire saws will need a "
        "licence from November 8, the commerce ministry said on Thursday. Beijing has also "
        "restricted exports of gallium, germanium, graphite and antimony over the past two years.",
        title="China adds superhard materials to export control list",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == []


def test_controls_published_alongside_other_rules_do_not_take_their_minerals() -> None:
    c = classify(
        "Makers of lab-grown diamond equipment and superhard materials will need export licences, "
        "the ministry said. The rules were published alongside new controls on rare earth "
        "technologies and lithium battery materials.",
        title="Beijing tightens grip on synthetic diamond exports",
    )
    assert c.elements == []


def test_a_battery_technology_curb_does_not_take_what_china_is_the_largest_producer_of() -> None:
    c = classify(
        "The commerce ministry proposed on Thursday adding battery cathode preparation technology "
        "and lithium extraction processes to the catalogue of technologies restricted for export. "
        "The country is the world's largest producer of graphite anodes and rare earths.",
        title="China proposes curbs on battery tech exports",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == ["Li"]


def test_battery_controls_announced_alongside_rare_earth_curbs_keep_their_own_minerals() -> None:
    c = classify(
        "Lithium batteries with high energy density, cathode materials and artificial graphite "
        "anode materials will need export licences from November 8, the ministry said. The "
        "announcement came alongside controls on rare earth equipment and five more rare earths.",
        title="China controls exports of lithium batteries and graphite anodes",
    )
    assert c.elements == ["Li", "graphite"]


def test_the_same_notice_imposing_a_licence_on_a_second_metal_keeps_it() -> None:
    c = classify(
        "China will restrict exports of gallium from August 1, the commerce ministry said on "
        "Monday. The ministry also imposed licence requirements on germanium, citing national "
        "security.",
        title="China restricts gallium exports",
    )
    assert c.elements == ["Ga", "Ge"]


def test_a_feature_on_a_miner_leading_the_charge_is_not_an_event() -> None:
    c = classify(
        "On a plain north of Perth, a small company is building what it hopes will be the first "
        "heavy rare earth refinery outside China. Its founder says dysprosium and terbium will "
        "be as prized as oil within a decade.",
        title="Meet the Australian miner leading the charge on heavy rare earths",
    )
    assert c.event_type in SILENT
    assert c.status is None


def test_a_second_metal_told_with_a_recall_inside_the_same_act_stays() -> None:
    c = classify(
        "China will lift its ban on gallium exports to the United States, the commerce ministry "
        "said on Sunday. Exports of germanium, banned since December, will also resume.",
        title="China lifts gallium export ban to US",
    )
    assert c.elements == ["Ga", "Ge"]
    c = classify(
        "China on Tuesday banned exports of gallium to the United States. Germanium shipments, "
        "licensed since 2023, are also banned with immediate effect.",
        title="China bans gallium exports to US",
    )
    assert c.elements == ["Ga", "Ge"]


def test_neo_and_heavy_rare_earth_magnets_are_the_magnet_metals() -> None:
    magnets = sorted(GROUPS["ndfeb_magnets"])
    c = classify(
        "China will require licences for exports of neo magnets from Monday, the ministry said.",
        title="China curbs exports of neo magnets",
    )
    assert c.elements == magnets
    c = classify(
        "Exports of heavy rare earth magnets from China have stopped since Beijing required "
        "licences, traders said on Monday.",
        title="Chinese heavy rare earth magnet shipments halt",
    )
    assert c.elements == magnets


def test_a_dated_rare_earth_control_beside_a_tariff_rise_is_another_measure() -> None:
    c = classify(
        "President Trump said on Friday he would raise tariffs on Chinese goods to 145% from next "
        "week. On April 4, China imposed export controls on seven rare earths in retaliation for "
        "earlier US duties.",
        title="Trump raises China tariffs to 145%",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == []
    c = classify(
        "The White House on Monday extended the tariff pause with China by 90 days. On April 4, "
        "China had put seven rare earths under licence.",
        title="US extends China tariff pause",
    )
    assert c.elements == []


def test_a_line_stopped_because_of_a_magnet_shortage_names_the_magnet_metals() -> None:
    c = classify(
        "The carmaker halted production of its compact SUV in Valencia for a week because of a "
        "shortage of rare earth magnets, the company said on Thursday. China requires licences "
        "for seven rare earths since April.",
        title="Carmaker halts line for lack of magnets",
    )
    assert c.event_type is EventType.supply_disruption
    assert set(GROUPS["ndfeb_magnets"]) <= set(c.elements)


def test_seven_other_rare_earths_listed_as_restricted_in_april_are_not_the_five() -> None:
    c = classify(
        "The new controls cover holmium, erbium, thulium, europium and ytterbium, the ministry "
        "said. Beijing restricted seven other rare earths, including dysprosium and terbium, in "
        "April.",
        title="China's new rare earth controls hit holmium, erbium",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == FIVE_ADDED


def test_a_metal_already_licensed_and_now_banned_too_is_part_of_the_ban() -> None:
    c = classify(
        "China on Tuesday banned exports of antimony to the United States. Shipments of gallium "
        "and germanium to US buyers, already subject to licences since last year, are also banned "
        "with immediate effect.",
        title="China bans antimony exports to the US",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == ["Ga", "Ge", "Sb"]


def test_a_recap_told_in_the_plain_past_does_not_lend_its_metals_to_a_new_control() -> None:
    c = classify(
        "China will require export licences for silver from January 1, the commerce ministry said "
        "on Thursday. The ministry published a list of 44 companies allowed to export the metal. "
        "Beijing's use of export controls has grown steadily. Gallium and germanium were the "
        "first to be put under licence, followed by graphite. The most disruptive step was the "
        "licensing of seven heavy rare earths, which left car plants short of magnets.",
        title="China to require licences for silver exports from January",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == ["Ag"]


def test_a_chip_rule_alert_does_not_take_minerals_from_its_background_list() -> None:
    c = classify(
        "On September 29, the Bureau of Industry and Security issued an interim final rule "
        "extending Entity List restrictions to affiliates owned 50% or more by listed parties.\n"
        "The rule takes effect immediately, with a 60-day temporary general license.\n"
        "Exporters should review the ownership of their customers.\n"
        "Background\n"
        "The United States has tightened semiconductor controls repeatedly.\n"
        "China has responded with controls of its own, including bans on exports of gallium, "
        "germanium and antimony to the United States.",
        title="Client alert: BIS extends Entity List restrictions to affiliates",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.elements == []


def test_a_second_good_whose_duty_starts_in_a_later_year_stays_in_the_tariff() -> None:
    c = classify(
        "The trade representative raised the tariff on Chinese natural graphite to 25% on "
        "Friday. Tariffs on permanent magnets rise to 25% in 2026.",
        title="US raises tariffs on Chinese graphite",
    )
    assert c.event_type is EventType.tariff
    assert c.elements == sorted(GROUPS["ndfeb_magnets"] + ("graphite",))
    c = classify(
        "China will require licences for exports of gallium from August 1, the ministry said on "
        "Monday. Exporters of germanium, which has been traded freely since 2010, will need "
        "licences from the same day.",
        title="China puts gallium under licence",
    )
    assert c.elements == ["Ga", "Ge"]
