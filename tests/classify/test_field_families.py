"""Families of reading errors found on real writing, each held with the project's own sentences.

Each test writes a short text the way a wire or a notice would, and checks the one field the
family is about (the README, How a text is read, gives the convention).
"""

from __future__ import annotations

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.sentences import DEBRIS_WEIGHT, split
from chokewatch.shared.messages import Direction, EventType, Status


def test_an_investigation_opened_makes_the_duty_only_possible() -> None:
    c = classify(
        "The Commerce Department opened an inquiry on Monday into whether imports of refined "
        "cobalt and nickel threaten national security, the first step towards possible duties.",
        title="US launches Section 232 probe into refined cobalt imports",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.speculation


def test_a_chinese_anti_dumping_probe_opened_is_speculation() -> None:
    c = classify(
        "商务部决定对原产于美国的进口模拟芯片立案反倾销调查。",
        title="商务部对美国模拟芯片发起反倾销调查",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.speculation
    assert c.direction is Direction.tightening  # a trade-remedy case is a duty on its way


def test_duties_set_after_an_investigation_are_enacted() -> None:
    c = classify(
        "Following its investigation, the department imposed preliminary anti-dumping duties of "
        "120% on graphite anode sheets from two Chinese producers on Tuesday.",
        title="US imposes duties on Chinese anode graphite after investigation",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.enacted


def test_an_investigation_concluded_with_a_start_date_is_enacted() -> None:
    c = classify(
        "The trade representative concluded its Section 301 investigation and set tariffs on "
        "older Chinese chips at zero until a start date in 2027, when a higher rate applies.",
        title="USTR ends chip probe with tariffs from 2027",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.enacted


def test_a_price_report_is_market_talk_not_a_measure() -> None:
    c = classify(
        "Tungsten concentrate prices in Rotterdam rose above a record this week, dealers said, as "
        "buyers still wait for Chinese export licences granted since February.",
        title="Tungsten price hits record as Chinese licences stay scarce",
    )
    assert c.event_type is EventType.commentary
    c = classify(
        "本周氧化镝价格上涨8%，市场人士表示，出口许可审批放缓推高了海外需求。",
        title="氧化镝价格大涨 创年内新高",
    )
    assert c.event_type is EventType.commentary


def test_a_stock_rally_is_market_talk() -> None:
    c = classify(
        "Shares of two graphite miners rose on Tuesday after the Energy Department promised loans "
        "for anode plants, traders said.",
        title="Graphite stocks rally on loan hopes",
    )
    assert c.event_type is EventType.commentary


def test_a_companys_results_are_not_news_of_the_field() -> None:
    c = classify(
        "The memory maker said net income doubled from a year earlier and that export controls "
        "and tariffs had not yet dented orders from data centres.",
        title="Memory maker posts record quarterly profit despite export controls",
    )
    assert c.event_type is EventType.not_relevant


def test_a_suspension_is_named_by_what_the_suspended_measure_covered() -> None:
    c = classify(
        "商务部新闻发言人表示，暂停实施第18号公告规定的出口管制措施，为期一年。此前，该公告对镓、锗相关物项实施出口管制。",
        title="商务部：暂停实施第18号公告有关出口管制措施",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.easing
    assert c.elements == ["Ga", "Ge"]


def test_a_title_without_direction_leaves_it_to_the_lead_sentence() -> None:
    c = classify(
        "The two governments agreed on Tuesday that Beijing will approve exports of graphite "
        "anodes to American battery makers within weeks. Beijing imposed licence requirements "
        "on graphite in December and tightened them again in spring, and Washington added "
        "curbs of its own.",
        title="US and China settle graphite dispute",
    )
    assert c.direction is Direction.easing


def test_tariffs_lowered_or_removed_in_a_deal_ease() -> None:
    c = classify(
        "Under the agreement, Washington is lowering its tariff on the country's exports of "
        "nickel and cobalt to 10%, and the partner will remove duties on American machinery.",
        title="US and Indonesia sign minerals trade agreement",
    )
    assert c.direction is Direction.easing


def test_an_unreliable_entity_listing_of_chip_firms_is_a_sanction() -> None:
    c = classify(
        "China's commerce ministry put two American chip design companies on its unreliable "
        "entity list on Monday, a week after Washington added Chinese firms to its Entity List."
    )
    assert c.event_type is EventType.sanctions
    assert c.issuer == "CN"


def test_a_timestamp_line_takes_no_lead_position() -> None:
    body = (
        "Under the arrangement, China will issue general licences for exports of gallium and "
        "germanium to American buyers, while the US suspends its affiliates rule for a year."
    )
    plain = classify(body, title="US and China extend truce; Beijing to keep gallium flowing")
    stamped = classify(
        f"Markets\n\nUS and China extend truce; Beijing to keep gallium flowing\n\n"
        f"June 3, 2026 9:40 AM EDT Updated 2 hours ago\n\n{body}\n\n5 min read"
    )
    assert plain.event_type is EventType.mineral_export_control
    assert (stamped.event_type, stamped.direction) == (plain.event_type, plain.direction)


def test_a_headline_with_its_site_name_is_still_the_title() -> None:
    body = (
        "The trade ministry said on Friday that exporters of photoresists and wafer cleaning "
        "tools will need a licence to ship them to China from next month."
    )
    plain = classify(body, title="Japan tightens chipmaking material exports")
    paged = classify(
        "Japan tightens chipmaking material exports | Electronics Weekly\n\n"
        f"FILE PHOTO: A clean room at a wafer plant near Kumamoto.\n\n{body}"
    )
    assert plain.event_type is EventType.chip_export_control
    assert (paged.event_type, paged.issuer, paged.direction) == (plain.event_type, "JP", plain.direction)


def test_bylines_and_reading_suggestions_are_page_furniture() -> None:
    body = (
        "China's commerce ministry said it will grant general licences to exporters of "
        "graphite anode material shipping to South Korean battery makers."
    )
    plain = classify(body, title="China eases graphite exports to Korea")
    paged = classify(
        f"China eases graphite exports to Korea\n\nBy Min Park and Jo Kim\n\n{body}\n\n"
        "Also read: Graphite miners cut output as prices slump\n\nTags: China, graphite, trade war"
    )
    assert plain.event_type is EventType.mineral_export_control
    assert (paged.event_type, paged.direction) == (plain.event_type, plain.direction)


def test_furniture_lines_take_no_lead_position() -> None:
    lines = [
        "By Min Park and Jo Kim",
        "You may also like these stories on graphite miners and their output",
        "File picture of a clean room at a wafer plant near Kumamoto.",
        "June 3, 2026 9:40 AM EDT Updated 2 hours ago",
    ]
    full = "China eases graphite exports\n" + "\n".join(lines) + "\nThe ministry granted licences."
    sentences = split(full, len("China eases graphite exports"))
    furniture = [s for s in sentences if full[s.start : s.end].strip() in lines]
    assert len(furniture) == len(lines)
    assert all(s.weight == DEBRIS_WEIGHT for s in furniture)
    assert sentences[-1].position == 0  # the first sentence of prose leads


def test_a_measure_that_remains_in_force_does_not_make_the_news_enacted() -> None:
    c = classify(
        "Beijing will pause for a year its controls on rare earth processing technology, but "
        "the earlier licence requirement on seven elements remains in force, officials said.",
        title="China to ease rare earth technology curbs under truce",
    )
    assert c.direction is Direction.easing
    assert c.status is Status.announced


def test_a_government_pressed_to_act_would_issue_a_possible_measure() -> None:
    c = classify(
        "Washington has asked Seoul to stop shipments of high-bandwidth memory chips to Chinese "
        "buyers, according to officials familiar with the request.",
        title="US urges South Korea to curb memory chip exports to China",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.issuer, c.status) == ("KR", Status.speculation)


def test_two_governments_pressed_together_are_multiple_issuers() -> None:
    c = classify(
        "The administration wants both governments to bar their firms from servicing lithography "
        "machines already installed in Chinese fabs.",
        title="US presses the Netherlands and Japan to restrict chip tool servicing",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.issuer == "multiple"


def test_asking_another_country_not_to_export_ones_goods_is_ones_own_control() -> None:
    c = classify(
        "China's commerce ministry told Vietnamese traders not to re-export Chinese gallium to "
        "American defence firms, in a notice sent this week.",
        title="China asks Vietnam not to re-export gallium to US defence firms",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.issuer == "CN"
    assert c.status is not Status.speculation


def test_a_plant_idled_by_a_governments_export_ban_names_that_government() -> None:
    c = classify(
        "The scooter maker suspended production at its plant near Pune because Chinese export "
        "licences for rare earth magnets have not arrived since Beijing began restricting them.",
        title="Magnet shortage halts Indian scooter production",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.issuer == "CN"
    assert c.chips_involved is False


def test_lines_stopped_for_chips_barred_from_export_involve_chips() -> None:
    c = classify(
        "The automaker said it had stopped production at its plant in Guanajuato because of a "
        "shortage of chips after China barred exports from a Dutch-owned chipmaker's factory.",
        title="Carmaker halts production at Mexican plant over chip shortage",
    )
    assert c.event_type is EventType.supply_disruption
    assert (c.issuer, c.chips_involved) == ("CN", True)


def test_related_links_and_tags_do_not_make_another_field_relevant() -> None:
    c = classify(
        "Heavy rain flooded coffee farms across the highlands this week, and exporters expect "
        "shipments of arabica beans to fall by a fifth.\n\n"
        "Related: China tightens rare earth export controls\n\n"
        "Tags: tariffs, rare earths, trade war",
        title="Floods cut coffee exports",
    )
    assert c.event_type is EventType.not_relevant


def test_a_menu_line_above_the_first_sentence_does_not_hide_its_actor() -> None:
    text = (
        "Japan widens export controls on chipmaking equipment to China.\n\n"
        "The US has long pressed Tokyo to align with its own rules, and the trade ministry said on "
        "Friday that 21 more kinds of etching tools will need a licence from next month."
    )
    plain = classify(text)
    paged = classify("Home | News | Business\n" + text)
    assert plain.event_type is EventType.chip_export_control
    assert plain.issuer == paged.issuer == "JP"


def test_rare_earths_and_magnets_under_the_april_controls_add_the_magnet_metals() -> None:
    c = classify(
        "Beijing has started approving export licences for rare earth elements and magnets for "
        "two Korean carmakers, under the licensing regime it introduced in April.",
        title="China approves rare earth licences for Korean carmakers",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.elements == ["Dy", "Gd", "Lu", "Nd", "Pr", "Sc", "Sm", "Tb", "Y"]


def test_superhard_materials_are_mineral_products_under_control() -> None:
    c = classify(
        "The commerce ministry said exporters of synthetic diamond powder and diamond wire saws "
        "will need a licence from December 1.",
        title="China curbs exports of synthetic diamond materials",
    )
    assert c.event_type is EventType.mineral_export_control
    assert (c.direction, c.issuer) == (Direction.tightening, "CN")
    c = classify("商务部决定对人造金刚石单晶及相关设备实施出口管制。", title="商务部对人造金刚石实施出口管制")
    assert c.event_type is EventType.mineral_export_control


def test_talks_about_export_controls_are_talks() -> None:
    c = classify(
        "Officials from Tokyo and Beijing will meet next month to discuss China's export controls "
        "on gallium and graphite, the trade ministry said.",
        title="Japan and China to hold talks on export controls",
    )
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.neutral
    c = classify(
        "The two sides agreed to set up an export control dialogue to clear delays in licences "
        "for antimony and germanium.",
        title="India and China agree on export control dialogue",
    )
    assert c.event_type is EventType.trade_talks


def test_a_measure_set_to_start_in_a_month_of_a_year_is_enacted() -> None:
    c = classify(
        "The trade representative said higher duties on Chinese wafers are set for March 2027, "
        "after a year-long review of subsidies.",
        title="Additional tariffs on Chinese wafers set for March 2027",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.enacted
    assert c.effective_date is None  # the day is not stated


def test_a_leaders_announcement_of_a_tariff_is_announced() -> None:
    c = classify(
        "Trump announced a 50% tariff on imported graphite anodes on Tuesday, telling reporters "
        "that American battery makers would be spared.",
        title="Trump announces 50% tariff on graphite anodes",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.announced


def test_an_authority_imposing_duties_now_enacts_them_under_an_infinitive_headline() -> None:
    c = classify(
        "The Commerce Department is imposing preliminary countervailing duties of 40% on Chinese "
        "silicon metal, a key material for solar panels and chips.",
        title="Commerce to impose duties on Chinese silicon metal",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.enacted


def test_duties_on_solar_panels_are_trade_tariffs() -> None:
    c = classify(
        "The trade representative raised duties on Chinese solar panels, polysilicon and wafers "
        "to 50% from January 1.",
        title="US raises tariffs on Chinese solar panels and polysilicon",
    )
    assert c.event_type is EventType.tariff
    assert c.direction is Direction.tightening


def test_a_dual_use_ban_on_named_foreign_entities_is_a_sanction() -> None:
    c = classify(
        "Beijing said it would ban shipments of dual-use items to 15 American entities, including "
        "two drone makers. The announcement came amid tighter US rules on semiconductor exports.",
        title="China adds 15 US entities to its export control list",
    )
    assert c.event_type is EventType.sanctions
    assert (c.issuer, c.chips_involved) == ("CN", False)


def test_a_deal_said_to_be_broken_is_talks_news_that_tightens() -> None:
    c = classify(
        "Beijing accused Washington on Monday of violating the trade deal under which both sides "
        "agreed to cut tariffs on each other's goods, and vowed to respond.",
        title="China accuses US of breaking tariff truce deal",
    )
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.tightening
    assert c.issuer == "multiple"


def test_a_restricting_verb_on_a_mineral_votes_without_a_control_noun() -> None:
    c = classify(
        "The envoy spoke to reporters in Washington on Friday.",
        title="Beijing still restricts rare earths, US envoy says",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.tightening


def test_a_government_opening_the_title_issues_the_chip_measure_it_joins() -> None:
    c = classify(
        "Seoul said exporters will need a licence to ship advanced etching tools to Chinese "
        "buyers from next month, following Washington's lead.",
        title="South Korea joins US in curbing chip equipment sales to China",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.issuer == "KR"


def test_a_government_condemning_a_us_chip_rule_does_not_issue_it() -> None:
    c = classify(
        "The commerce ministry criticised the new US rule that extends export controls on chips "
        "to affiliates of listed firms, saying it harms Chinese companies.",
        title="Beijing condemns US chip rule on affiliates",
    )
    assert c.issuer == "US"


def test_a_country_named_as_a_market_does_not_issue_the_measure() -> None:
    c = classify(
        "Two American chip designers agreed to pay the government a fifth of their China revenue "
        "from some AI processors in exchange for export licences.",
        title="Chipmakers bow to Trump's demand for a cut of China sales",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.issuer, c.direction) == ("US", Direction.easing)


def test_a_deal_clearing_the_way_for_licences_eases() -> None:
    c = classify(
        "Under an agreement with the Commerce Department, the chipmaker will share part of its "
        "sales of the processors in China with the government, clearing the way for licences.",
        title="Chipmaker agrees deal with Washington to sell AI processors in China",
    )
    assert c.direction is Direction.easing


def test_exports_stopped_by_unrest_are_a_disruption() -> None:
    c = classify(
        "Shipments of graphite from the northern port have stopped as protesters block the roads, "
        "the port operator said.",
        title="Mozambique graphite exports halted by unrest",
    )
    assert c.event_type is EventType.supply_disruption


def test_output_cut_by_smelters_is_not_a_governments_export_measure() -> None:
    c = classify(
        "Several smelters reduced output in March because prices fell, an industry survey showed.",
        title="China's germanium output falls as smelters cut production",
    )
    assert c.event_type is not EventType.mineral_export_control


def test_tariffs_capped_by_a_framework_ease() -> None:
    c = classify(
        "The statement confirms that US tariffs on the partner's semiconductors and machinery "
        "will not exceed 15%, and that both sides will keep talking about steel.",
        title="US and Korea release joint statement on trade framework",
    )
    assert c.event_type is EventType.trade_talks
    assert c.direction is Direction.easing


def test_scrap_metal_is_a_material_not_a_measure_scrapped() -> None:
    c = classify(
        "The European Commission is preparing measures to restrict exports of aluminium scrap, "
        "officials said.",
        title="EU plans export curbs on scrap aluminium",
    )
    assert c.direction is Direction.tightening


def test_stock_picks_are_market_talk() -> None:
    c = classify(
        "Beijing's newest curbs on antimony have put Western producers in the spotlight, and "
        "these two miners could benefit.",
        title="2 antimony stocks to buy as China tightens its grip",
    )
    assert c.event_type is EventType.commentary
    c = classify(
        "China's export controls on gallium could send shares of this small refiner higher.",
        title="This gallium stock could soar on China's export curbs",
    )
    assert c.event_type is EventType.commentary


def test_a_measure_recalled_in_a_relative_clause_is_context() -> None:
    c = classify(
        "New refineries and magnet plants are being planned in Europe as carmakers seek supplies "
        "outside China, which imposed export controls on rare earths in April.",
        title="Europe's rare earth supply chain springs to life",
    )
    assert c.event_type is EventType.commentary


def test_a_watch_list_is_commentary() -> None:
    c = classify(
        "1. Whether Beijing extends its pause on graphite licences. 2. Whether Washington cuts "
        "tariffs again after the next round of talks.",
        title="What to watch in battery minerals this quarter",
    )
    assert c.event_type is EventType.commentary


def test_a_companys_guidance_is_not_news_of_a_measure() -> None:
    c = classify(
        "The lithography maker lowered its revenue forecast for next year, saying export "
        "restrictions would cut sales to Chinese customers.",
        title="Chip tool maker cuts 2027 outlook, citing export restrictions",
    )
    assert c.event_type is EventType.not_relevant


def test_a_plant_stopped_for_want_of_chips_involves_chips() -> None:
    c = classify(
        "Honda said it would idle its Ohio assembly plant for a week because it could not get "
        "enough semiconductors after a flood shut a supplier's factory.",
        title="Honda idles Ohio plant as chip shortage hits",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.chips_involved is True
    assert c.direction is Direction.tightening


def test_a_magnet_shortage_does_not_involve_chips() -> None:
    c = classify(
        "Ford halted output of a sport utility model in Chicago for a week after running out of "
        "rare earth magnets held up by Chinese export licensing.",
        title="Ford stops SUV line for lack of magnets",
    )
    # The control's downstream effect: either type is a reading the labels allow.
    assert c.event_type in (EventType.supply_disruption, EventType.mineral_export_control)
    assert c.chips_involved is False


def test_output_cuts_feared_are_a_tightening_threat() -> None:
    c = classify(
        "The carmaker said production at two German plants could stop within days because "
        "deliveries of chips from a Dutch-owned supplier's Chinese factory had halted.",
        title="Carmaker warns of output cuts over chip supply",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.direction is Direction.tightening
    assert c.status is Status.speculation
    assert c.chips_involved is True


def test_a_feature_about_a_magnet_maker_is_commentary() -> None:
    c = classify(
        "At a workshop near Baotou, the second generation of owners runs the presses. The manager "
        "talks about her customers abroad, the cost of neodymium oxide and a new furnace.",
        title="The family that presses magnets for the world's scooters",
    )
    assert c.event_type is EventType.commentary


def test_a_survey_of_relations_is_commentary() -> None:
    c = classify(
        "Officials in both capitals describe ties as steadier than last spring. Observers say the "
        "two sides now handle disputes over chips and rare earths without open escalation.",
        title="Beijing and Washington: a calmer year?",
    )
    assert c.event_type is EventType.commentary


def test_a_record_quarter_is_a_companys_results() -> None:
    c = classify(
        "The graphics chip designer reported record revenue from data-centre processors and "
        "guided higher for the coming months.",
        title="Chip designer posts record quarter on AI demand",
    )
    assert c.event_type is EventType.not_relevant


def test_a_signed_framework_is_enacted_whatever_it_will_do() -> None:
    c = classify(
        "Washington and Seoul signed a framework agreement on Monday under which the two "
        "governments will coordinate export controls on chipmaking tools and pool rare earth "
        "stockpiles.",
        title="US and South Korea sign framework on chips and critical minerals",
    )
    assert c.event_type is EventType.trade_talks
    assert c.status is Status.enacted
    assert c.chips_involved is True


def test_a_deal_yet_to_be_signed_is_not_enacted() -> None:
    c = classify(
        "Negotiators said a framework on chips and rare earths was expected to be signed next "
        "month, once the leaders meet.",
        title="US and South Korea near framework on chips and minerals",
    )
    assert c.event_type is EventType.trade_talks
    assert c.status is not Status.enacted


def test_a_chip_rule_under_one_other_government_is_that_governments() -> None:
    c = classify(
        "The lithography maker said it would stop servicing some scanners at Chinese chip plants "
        "from March, after the Dutch government widened its licence requirements.",
        title="Chip tool maker halts China servicing to comply with Dutch rules",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.issuer == "NL"


def test_a_start_without_a_date_makes_a_chip_rule_enacted() -> None:
    c = classify(
        "Japan's trade ministry said it would require export licences for another 20 kinds of "
        "chipmaking tools. The revised rule takes effect next month.",
        title="Japan widens chip equipment export curbs",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.issuer == "JP"
    assert c.status is Status.enacted


def test_governments_agreeing_to_coordinate_controls_is_talks() -> None:
    c = classify(
        "The United Kingdom and the United States agreed on Tuesday to coordinate export controls "
        "on advanced chips and to cooperate on supplies of critical minerals, a joint statement "
        "said after talks in London.",
        title="UK and US agree to coordinate chip controls and mineral supplies",
    )
    assert c.event_type is EventType.trade_talks
    assert c.issuer == "multiple"


def test_exports_recovering_in_the_lead_ease() -> None:
    c = classify(
        "Shipments of gallium from China rose fourfold in September from August, customs figures "
        "showed, as more licences were processed.",
        title="China's gallium exports recover as permits flow",
    )
    assert c.direction is Direction.easing


def test_exports_collapsing_in_the_lead_tighten() -> None:
    c = classify(
        "Antimony exports from China fell 97% in October from a year earlier, customs figures "
        "showed, weeks after the licence rule began.",
        title="Chinese antimony exports dry up under licensing",
    )
    assert c.direction is Direction.tightening


def test_a_rush_ahead_of_a_control_is_not_relief() -> None:
    c = classify(
        "From Monday, exporters of tungsten items need a licence to ship abroad.\n"
        "Exports surged last month as buyers built stocks ahead of the start date, traders said.",
        title="Tungsten licensing begins",
    )
    assert c.direction is Direction.tightening


def test_a_probe_noticed_in_the_register_is_still_only_a_probe() -> None:
    c = classify(
        "The Commerce Department has begun a Section 232 investigation into imports of polysilicon "
        "and its derivatives, according to a notice in the Federal Register.",
        title="US opens national security probe into polysilicon imports",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.speculation


def test_firms_leading_the_market_higher_is_market_talk() -> None:
    c = classify(
        "Shares of two US magnet start-ups rose by double digits on Tuesday, on bets that the "
        "government will take stakes in more domestic rare earth producers.",
        title="Magnet start-ups lead rare earth miners higher on stake hopes",
    )
    assert c.event_type is EventType.commentary


def test_a_related_link_lends_no_elements() -> None:
    c = classify(
        "China's commerce ministry said on Sunday it would suspend its ban on exports of "
        "antimony to the United States for a year.\n"
        "Traders expect shipments to pick up slowly.\n"
        "Related: Rare earth magnet exports jump",
        title="China suspends antimony export ban to US",
    )
    assert c.direction is Direction.easing
    assert c.elements == ["Sb"]


def test_a_chinese_price_note_is_market_talk_not_off_topic() -> None:
    c = classify(
        "本周氧化镝报价小幅走高，贸易商称下游磁材企业采购需求回暖。",
        title="氧化镝报价走高",
    )
    assert c.event_type is EventType.commentary


def test_a_deal_headlined_on_chips_involves_chips() -> None:
    c = classify(
        "Washington and Seoul signed an agreement on Friday under which Korean memory makers will "
        "expand US plants and their exports will face a lower duty.",
        title="US and South Korea sign trade deal on semiconductors",
    )
    assert c.event_type is EventType.trade_talks
    assert c.chips_involved is True


def test_a_deal_on_farm_goods_does_not_involve_chips() -> None:
    c = classify(
        "Washington and Seoul signed an agreement on Friday to lower duties on beef and rice and "
        "to expand purchases of American liquefied gas and critical minerals.",
        title="US and South Korea sign trade deal on farm goods and minerals",
    )
    assert c.chips_involved is False


def test_a_ministry_announcing_a_requirement_has_issued_it() -> None:
    c = classify(
        "The Ministry of Commerce announced on Tuesday that exporters of bismuth and indium "
        "items will need a licence to ship them abroad.",
        title="China announces export licensing for bismuth, indium",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.status is Status.enacted


def test_a_ministry_announcing_a_plan_has_not_issued_it() -> None:
    c = classify(
        "The Ministry of Commerce announced plans to review its rules on exports of tungsten "
        "items later this year.",
        title="China plans review of tungsten export rules",
    )
    assert c.status is not Status.enacted


def test_a_leader_announcing_a_tariff_has_only_announced_it() -> None:
    c = classify(
        "President Trump said on Friday he would impose a 50% tariff on imported chips from "
        "companies that do not build plants in the United States.",
        title="Trump announces 50% chip tariff",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.announced


def test_a_rule_that_will_take_effect_later_is_enacted() -> None:
    c = classify(
        "The administration announced new limits on exports of AI chips on Monday. The rule will "
        "take effect in 120 days.",
        title="President announces new AI chip export curbs",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.status is Status.enacted


def test_a_rule_that_would_take_effect_if_approved_is_not_enacted() -> None:
    c = classify(
        "Officials said the draft rule on AI chip exports could be finalised next month and would "
        "take effect only if the White House approved it.",
        title="US weighs new AI chip export curbs",
    )
    assert c.status is not Status.enacted


def test_a_title_of_two_acts_leads_with_the_news() -> None:
    c = classify(
        "The Commerce Department put 25 Chinese firms on the Entity List on Wednesday for work on "
        "military chips, and took three others off after a review.",
        title="US adds 25 Chinese firms to Entity List, removes three",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.direction is Direction.tightening


def test_a_rise_paused_is_one_act_undone() -> None:
    c = classify(
        "The White House paused the scheduled increase in duties on Chinese goods for another "
        "90 days on Monday.",
        title="Scheduled tariff increase on Chinese goods paused for 90 days",
    )
    assert c.event_type is EventType.tariff
    assert c.direction is Direction.easing


def test_takeaways_from_talks_are_commentary() -> None:
    c = classify(
        "Negotiators left Geneva with a framework and few details. Here is what we learned about "
        "rare earth licences, tariffs and chip controls.",
        title="Four takeaways from the Geneva trade talks",
    )
    assert c.event_type is EventType.commentary


def test_a_firm_named_for_a_country_is_not_its_government() -> None:
    c = classify(
        "Taiwan Semiconductor Manufacturing Co told several Chinese design houses it would stop "
        "shipping them its most advanced AI chips, after an order from the US Commerce Department.",
        title="Taiwan Semiconductor halts advanced chip shipments to Chinese clients",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.issuer == "US"


def test_a_chip_product_halted_involves_chips() -> None:
    c = classify(
        "The chip designer told suppliers to halt production of its China-only accelerator after "
        "Beijing told local firms not to buy it, two people familiar said.",
        title="Chip designer halts production of China AI accelerator",
    )
    assert c.chips_involved is True


def test_chipmakers_short_of_a_mineral_do_not_involve_chips() -> None:
    c = classify(
        "Chipmakers in Taiwan are running short of germanium after China halted shipments of the "
        "metal, traders said.",
        title="Chipmakers hit by germanium shortage",
    )
    assert c.chips_involved is False


def test_a_chinese_plant_stopped_for_want_of_magnets_is_a_disruption() -> None:
    c = classify(
        "一家欧洲汽车零部件企业表示，由于无法获得稀土磁体，其工厂将暂停部分生产线。",
        title="欧洲零部件企业因稀土磁体短缺暂停生产",
    )
    assert c.event_type is EventType.supply_disruption
    assert sorted(c.elements) == ["Dy", "Nd", "Pr", "Tb"]
    assert c.direction is Direction.tightening


def test_the_state_of_talks_told_without_a_round_is_commentary() -> None:
    c = classify(
        "Diplomats in both capitals say the truce is holding, though trust is thin. The trade "
        "teams talk by phone every few weeks, and each side keeps its controls on chips and "
        "rare earths ready.",
        title="A fragile calm settles over Washington and Beijing",
    )
    assert c.event_type is EventType.commentary


def test_a_deal_reached_under_a_soft_title_is_still_talks_news() -> None:
    c = classify(
        "Negotiators from the two countries reached a deal in Madrid to extend the truce and "
        "resume rare earth exports.",
        title="A new chapter for Washington and Beijing",
    )
    assert c.event_type is EventType.trade_talks


def test_a_line_restarting_is_a_disruption_easing() -> None:
    c = classify(
        "The scooter maker will restart production at its Pune plant on Monday after a shipment "
        "of rare earth magnets cleared customs, the company said.",
        title="Scooter maker to restart production as magnets arrive",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.direction is Direction.easing


def test_a_line_restarted_in_the_body_eases_without_a_title_word() -> None:
    c = classify(
        "The carmaker resumed production at its Cologne plant on Tuesday after magnet deliveries "
        "from China arrived.",
        title="Carmaker's Cologne plant back at work",
    )
    assert c.event_type is EventType.supply_disruption
    assert c.direction is Direction.easing


def test_minerals_added_to_exemptions_are_relieved() -> None:
    c = classify(
        "The White House on Friday put nickel, cobalt and gallium on the list of goods spared "
        "from its reciprocal tariffs.",
        title="US adds nickel, cobalt and gallium to tariff exemptions",
    )
    assert c.event_type is EventType.tariff
    assert c.direction is Direction.easing


def test_firms_added_to_a_list_are_still_restricted() -> None:
    c = classify(
        "The Commerce Department added 12 Chinese chip firms to the Entity List on Monday.",
        title="US adds 12 Chinese chip firms to Entity List",
    )
    assert c.direction is Direction.tightening


# Long pieces: client alerts, digests and background-heavy reports.


def test_a_run_in_section_heading_takes_no_lead_place() -> None:
    text = (
        "Japan widens chip tool controls\n"
        "Summary. On March 3, the Japanese government said it will require licences for exports "
        "of 23 more types of chipmaking equipment, with the rule taking effect on July 23.\n"
        "Background. Japan first listed such tools in 2023."
    )
    sents = split(text, len("Japan widens chip tool controls"))
    assert sents[1].weight == DEBRIS_WEIGHT  # "Summary." is a label
    assert sents[2].position == 0  # the news sentence holds the lead place
    assert split("Summary of the rule.", 0)[0].weight != DEBRIS_WEIGHT  # a sentence, not a label


def test_a_measure_published_and_in_force_after_a_heading_is_enacted() -> None:
    c = classify(
        "Summary. On June 2, the Korean government announced that it would add two types of "
        "lithography tools to its export licence requirement. The regulation was published in the "
        "official gazette and took effect on June 3.\n"
        "Background. Korea has followed allied controls since 2023.",
        title="Client alert: Korea's new chip equipment licence rule",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.status is Status.enacted


def test_a_digest_leads_with_its_top_story() -> None:
    c = classify(
        "This week's top story: China has announced export controls on indium and tellurium. The "
        "commerce ministry on Tuesday published an announcement requiring licences for their export, "
        "effective immediately.\n"
        "Also this week: a lithium refinery in Texas received a federal loan.",
        title="Minor Metals Weekly, issue of May 5",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.tightening


def test_a_digest_without_a_dated_lead_is_still_commentary() -> None:
    c = classify(
        "Readers asked how licences for rare earths work. Here we explain the rules and the "
        "forms exporters fill in.",
        title="Critical Minerals Weekly: your questions on licences",
    )
    assert c.event_type is EventType.commentary


def test_a_measure_taken_under_a_truce_keeps_its_type() -> None:
    c = classify(
        "China's commerce ministry said on Monday it has suspended its export ban on antimony to "
        "the United States until next November. Exporters no longer need to observe the ban.",
        title="Beijing lifts antimony ban under the trade truce",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.easing
    assert c.issuer == "CN"


def test_talks_named_in_a_title_beside_a_deal_stay_talks() -> None:
    c = classify(
        "US and Chinese negotiators agreed on a framework under which China will approve more "
        "rare earth licences and the US will relax some chip software curbs, officials said.",
        title="US and China agree framework to restore rare earth flows after London talks",
    )
    assert c.event_type is EventType.trade_talks


def test_two_governments_describing_rules_are_not_one_joint_issuer() -> None:
    c = classify(
        "On May 2, the Dutch government announced that it would extend its licence requirement "
        "to two more lithography systems. The rule took effect on May 3.",
        title="What the new Dutch and US semiconductor equipment rules mean for you",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.issuer == "NL"


def test_a_subject_pointing_back_then_recalling_is_background() -> None:
    c = classify(
        "The European Commission is considering a licence requirement for exports of copper scrap, "
        "officials said on Tuesday. The debate follows a year in which China kept its restrictions "
        "on exports of gallium and germanium.",
        title="EU weighs curbs on copper scrap exports",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.issuer == "EU"
    assert c.status is Status.speculation


def test_a_sentence_opening_on_a_month_alone_is_background() -> None:
    c = classify(
        "On Thursday the ministry began issuing general licences for terbium exports to approved "
        "buyers. In April, Beijing had placed samarium, gadolinium and lutetium under licensing.",
        title="China grants general licences for terbium",
    )
    assert c.direction is Direction.easing
    assert c.elements == ["Tb"]


def test_a_quoted_reaction_plans_nothing() -> None:
    c = classify(
        'Seoul, May 6 — "This is coercion, and we will respond with our partners," the trade '
        "minister said on Wednesday, hours after China's commerce ministry said it had revoked "
        "export licences for graphite anode material bound for a Korean plant. The ministry said "
        "the licences were revoked with immediate effect.",
        title="Seoul reacts after Beijing revokes graphite licences",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.status is not Status.announced
    assert c.issuer == "CN"


def test_talks_named_as_a_condition_leave_the_measure() -> None:
    c = classify(
        "Beijing, June 3 — China could extend its export controls to minor metals such as tungsten "
        "and bismuth if trade "
        "talks with the United States break down, analysts said this week.",
        title="China could turn to tungsten next, analysts warn as talks stall",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.status is Status.speculation
    assert c.issuer == "CN"


def test_a_chronology_of_earlier_steps_is_background() -> None:
    c = classify(
        "Beijing, March 2, 2026 — China's commerce ministry said on Monday it will require licences "
        "for exports of scandium alloys. Beijing has tightened controls repeatedly: gallium in "
        "2023, antimony in 2024 and tungsten in 2025.",
        title="China adds scandium alloys to its export controls",
    )
    assert c.elements == ["Sc"]


def test_a_notice_clause_keeping_earlier_controls_in_force_is_background() -> None:
    c = classify(
        "一、暂停实施商务部2025年第55号公告规定的对境外稀土物项的各项出口管制措施。\n"
        "二、暂停期间，出口经营者无需办理相关出口许可手续。\n"
        "三、对镝、铽相关物项实施的出口管制措施继续有效。\n"
        "四、本公告自公布之日起施行。",
        title="商务部公告 关于暂停实施第55号公告的公告",
    )
    assert c.direction is Direction.easing
    assert len(c.elements) == 17  # the suspended rare-earth measure, not the two kept in force


def test_stripping_a_firm_of_its_relief_restricts() -> None:
    c = classify(
        "Washington, May 2 — The Commerce Department said on Friday it will revoke the validated "
        "end-user authorisation that lets a Korean memory maker ship US chipmaking equipment to its "
        "plant in China without individual licences.",
        title="US strips Korean chipmaker's China plant of fast-track status for chip tools",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.direction is Direction.tightening
    assert c.issuer == "US"


def test_two_governments_reacting_to_a_measure_are_not_its_issuer() -> None:
    c = classify(
        "Tokyo, October 11 — Officials in Japan and South Korea held emergency meetings with "
        "manufacturers on Saturday after China's commerce ministry expanded its export controls on "
        "rare earths on Thursday, requiring licences for holmium and erbium from November 8.",
        title="Tokyo and Seoul scramble after Beijing widens rare earth curbs",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.issuer == "CN"


def test_a_negation_opening_the_sentence_denies_the_relief() -> None:
    c = classify(
        "New Delhi, July 2 — Indian car parts makers said on Wednesday they were still waiting for "
        "Chinese export licences for rare earth magnets. China's controls on seven heavy rare earths "
        "require licences for every shipment. No Indian company has received approval so far.",
        title="India's magnet makers still waiting for Chinese licences",
    )
    assert c.direction is Direction.tightening


def test_a_deadline_year_is_not_the_present_of_an_undated_text() -> None:
    c = classify(
        "BEIJING (Reuters) - China will allow exports of some gallium and germanium to resume to US "
        "buyers, the commerce ministry said on Sunday, suspending a ban it imposed in December 2024. "
        "The suspension takes effect immediately and lasts until November 27, 2026.",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.easing


def test_a_denied_relief_eases_nothing() -> None:
    c = classify(
        "Beijing, June 5 — China's commerce ministry said on Thursday that its controls on rare earth "
        "exports would stay in force. It denied reports that it planned to lift them.",
        title="Beijing denies plans to lift rare earth export controls",
    )
    assert c.event_type is EventType.mineral_export_control
    assert c.direction is Direction.tightening


def test_things_to_know_about_a_rule_issued_today_report_the_rule() -> None:
    c = classify(
        "Washington, December 3 — The Commerce Department on Monday issued rules restricting exports "
        "of high-bandwidth memory and chipmaking tools to China. Here are three things to know. "
        "First, the rules take effect immediately.",
        title="Three things to know about the new US chip rule",
    )
    assert c.event_type is EventType.chip_export_control
    assert c.status is Status.enacted


def test_an_order_to_divest_named_firms_is_a_sanction() -> None:
    c = classify(
        "Ottawa, November 2 — Canada's government ordered three Chinese companies to divest their "
        "stakes in Canadian lithium miners on Wednesday, citing national security.",
        title="Canada orders Chinese investors to divest from critical minerals firms",
    )
    assert c.event_type is EventType.sanctions
    assert c.issuer == "CA"


def test_a_month_opening_in_a_text_dated_that_month_is_news() -> None:
    c = classify(
        "Beijing, April 4, 2025 — Officials briefed reporters on Friday. In April, China placed "
        "samarium, gadolinium and terbium under export licensing, the commerce ministry said.",
        title="China adds rare earths to export controls",
    )
    assert c.elements == ["Gd", "Sm", "Tb"]
