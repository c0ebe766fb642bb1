"""Whether a text reports an event of the field, and which: measures named without their goods
(a Chinese notice known by its number, dual-use controls aimed at a country), Taiwan's chip
words, talks that discuss tariffs, and texts that only brush the field (snack chips, a company's
results, a look back at relations, a firm's troubles with Beijing).

Each text is the project's own, written from public facts in the styles outlets use.
"""

from __future__ import annotations

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import Direction, EventType, Status

MINERAL = EventType.mineral_export_control
CHIP = EventType.chip_export_control
QUIET = (EventType.commentary, EventType.not_relevant)


def _reads(text: str, title: str = "") -> tuple[EventType, Direction | None, Status | None, str | None]:
    c = classify(text, title)
    return c.event_type, c.direction, c.status, c.issuer


def _quiet(text: str, title: str = "") -> None:
    c = classify(text, title)
    assert c.event_type in QUIET
    assert (c.status, c.issuer, c.direction) == (None, None, Direction.neutral)
    if c.event_type is EventType.not_relevant:
        assert c.elements == []  # commentary's elements are not scored


# A measure named by its announcement number: the notice it suspends names no goods.


def test_a_notice_suspending_another_by_number_eases_a_mineral_control() -> None:
    text = (
        "商务部公告2025年第80号\n关于暂停执行商务部公告2025年第58号的公告\n"
        "根据中美双方磋商成果，经研究决定，自即日起暂停执行商务部公告2025年第58号，暂停期限为一年。\n"
        "特此公告。\n商务部\n2025年11月9日"
    )
    assert _reads(text) == (MINERAL, Direction.easing, Status.enacted, "CN")


def test_a_taiwan_report_of_notices_suspended_by_number_eases() -> None:
    text = (
        "（中央社北京8日綜合外電報導）中國商務部今天發布公告，即日起停止實施去年10月公布的第61號與第62號公告，"
        "為期一年，出口商可按原有規定辦理出口手續。"
    )
    event, direction, _, issuer = _reads(text, "陸商務部停止實施第61號公告 為期一年")
    assert (event, direction, issuer) == (MINERAL, Direction.easing, "CN")


def test_an_english_wire_on_notices_suspended_by_number_eases_a_mineral_control() -> None:
    text = (
        "China's Ministry of Commerce said on Friday it would suspend the implementation of "
        "Announcements No. 55, No. 57 and No. 61 of 2025 until November 2026, in line with the "
        "consensus reached in trade consultations with Washington."
    )
    event, direction, _, issuer = _reads(text, "MOFCOM suspends announcements No. 55, 57 and 61 for a year")
    assert (event, direction, issuer) == (MINERAL, Direction.easing, "CN")


def test_a_magnet_maker_telling_of_licences_received_reports_an_easing() -> None:
    text = "这家磁材企业在投资者互动平台表示，公司已取得数张钕铁硼磁体出口许可，海外订单交付不受影响。"
    event, direction, _, _ = _reads(text, "磁材龙头：已取得数张出口许可")
    assert (event, direction) == (MINERAL, Direction.easing)


# Dual-use controls by China's commerce ministry: its dual-use list is one of minerals.


def test_a_ministry_notice_banning_dual_use_exports_to_a_country_tightens() -> None:
    text = (
        "商务部公告2026年第3号 关于禁止两用物项对某国军事最终用户出口的公告\n"
        "依据《中华人民共和国出口管制法》，现决定：禁止向该国军事最终用户和军事用途出口两用物项。\n"
        "本公告自发布之日起施行。"
    )
    assert _reads(text) == (MINERAL, Direction.tightening, Status.enacted, "CN")


def test_a_spokesman_explaining_a_dual_use_ban_reports_it() -> None:
    text = (
        "商务部新闻发言人何亚东在例行发布会上表示，商务部已决定禁止两用物项对日本军事用户出口，"
        "该措施不影响正常民用贸易。\n他说，中方将依法审查每一份出口申请。"
    )
    event, direction, _, issuer = _reads(text, "商务部回应两用物项对日出口管制")
    assert (event, direction, issuer) == (MINERAL, Direction.tightening, "CN")


def test_a_hong_kong_report_of_dual_use_curbs_on_japan_tightens() -> None:
    text = "【星島電】國家商務部宣布加強兩用物項對日本出口管制，禁止相關物項出口予日本軍事用戶，即日生效。"
    event, direction, _, issuer = _reads(text)
    assert (event, direction, issuer) == (MINERAL, Direction.tightening, "CN")


def test_a_foreign_ministry_defending_dual_use_curbs_reports_a_mineral_control() -> None:
    text = "外交部发言人毛宁表示，中方依法加强两用物项对日本出口管制，完全正当、合理、合法。"
    event, direction, _, issuer = _reads(text, "外交部：中方对日两用物项出口管制正当合法")
    assert (event, direction, issuer) == (MINERAL, Direction.tightening, "CN")


# Taiwan's chip words: 晶片, 輝達 (Nvidia), 超微 (AMD), model names set in Chinese text.


def test_a_taiwan_wire_on_licences_for_nvidia_chips_eases_a_chip_control() -> None:
    text = (
        "美國商務部已批准輝達向中國客戶出貨H20晶片的出口許可證，超微的MI308晶片也可望獲准。"
        "知情人士表示，兩家公司須將相關銷售額的15%交給美國政府。"
    )
    c = classify(text, "輝達H20對陸出貨獲准 超微可望跟進")
    assert (c.event_type, c.direction, c.issuer, c.chips_involved) == (CHIP, Direction.easing, "US", True)
    assert "Nvidia" in c.companies


def test_a_taiwan_report_of_a_bis_rule_on_process_tools_and_memory_tightens() -> None:
    text = (
        "美國商務部工業及安全局今天在聯邦公報公布暫行最終規則，限制先進製程設備及記憶體輸往中國，"
        "30天後生效。"
    )
    c = classify(text, "美擴大管制先進製程設備 記憶體也入列")
    assert (c.event_type, c.direction, c.issuer, c.chips_involved) == (CHIP, Direction.tightening, "US", True)


def test_a_chip_model_set_against_chinese_characters_is_read() -> None:
    text = "知情人士称，美国商务部已开始发放H20对华出口许可证，首批货物将于下月交付。"
    c = classify(text, "美方开始发放H20出口许可")
    assert (c.event_type, c.direction, c.issuer) == (CHIP, Direction.easing, "US")


def test_a_taiwan_report_of_a_planned_chip_licence_rule_tightens() -> None:
    text = (
        "美國商務部計畫要求輝達與超微向中國出口先進AI晶片前須先取得許可，消息人士指出，"
        "新規最快下月公布。"
    )
    event, direction, _, issuer = _reads(text, "美國商務部擬限制輝達晶片出口中國")
    assert (event, direction, issuer) == (CHIP, Direction.tightening, "US")


def test_a_taiwan_report_of_amd_chips_cleared_for_china_eases() -> None:
    text = "美國商務部已准許超微向中國客戶出口MI308晶片，但須將相關營收的一成五上繳美國政府。"
    c = classify(text, "超微MI308獲准銷往中國")
    assert (c.event_type, c.direction, c.issuer) == (CHIP, Direction.easing, "US")
    assert "AMD" in c.companies


def test_ultrafine_powder_is_not_a_chip_firm() -> None:
    c = classify("商务部公告，对部分金刚石超微粉及其制品实施出口管制，自公布之日起施行。")
    assert "AMD" not in c.companies
    assert c.event_type is MINERAL


# Talks that discuss tariffs are talks, unless a tariff is itself decided as the news.


def test_a_round_of_talks_ending_without_a_truce_extension_is_talks() -> None:
    text = (
        "U.S. and Chinese negotiators wrapped up two days of talks in Madrid on Monday without agreeing "
        "to extend the pause on higher tariffs, saying they would report back to their leaders.\n"
        "Officials said the discussions also touched on export controls and fentanyl."
    )
    event, direction, _, issuer = _reads(text, "Madrid round ends without tariff truce extension")
    assert (event, direction, issuer) == (EventType.trade_talks, Direction.neutral, "multiple")


def test_a_chinese_report_of_talks_ending_without_a_decision_is_neutral_talks() -> None:
    text = (
        "中美双方在斯德哥尔摩举行的新一轮经贸磋商于29日结束，双方就关税等问题进行了深入交流，"
        "但没有宣布延长关税休战期限。"
    )
    event, direction, _, issuer = _reads(text, "中美经贸磋商结束 未就关税休战延期作出决定")
    assert (event, direction, issuer) == (EventType.trade_talks, Direction.neutral, "multiple")


def test_a_summit_whose_headline_leads_with_tariffs_is_talks() -> None:
    text = (
        "Washington will lower duties on Chinese imports and Beijing will hold off on its latest rare "
        "earth export curbs, President Trump said after a two-hour meeting with Xi Jinping on Friday.\n"
        "Trump told reporters the tariff on fentanyl-linked goods would halve, while China would buy "
        "more U.S. farm goods."
    )
    event, direction, _, issuer = _reads(text, "Trump says China tariffs to drop after meeting with Xi")
    assert (event, direction, issuer) == (EventType.trade_talks, Direction.easing, "multiple")
def test_a_meeting_set_with_tariffs_on_the_agenda_is_talks() -> None:
    text = (
        "The U.S. president will meet Chinese President Xi Jinping in Gyeongju next week, with tariffs, "
        "chip curbs and soybean purchases expected to dominate the agenda, the White House said."
    )
    event, direction, _, issuer = _reads(text, "Trump and Xi to meet next week as tariff deadline nears")
    assert (event, direction, issuer) == (EventType.trade_talks, Direction.neutral, "multiple")


def test_a_leader_praising_a_meeting_that_cut_tariffs_both_ways_is_talks() -> None:
    text = (
        "Trump said after meeting Xi Jinping that Washington would halve its fentanyl duty on Chinese "
        "goods, while Beijing agreed to pause its newest rare earth export controls for a year."
    )
    title = "Trump hails 'great' meeting with Xi, says China tariff halved"
    event, direction, _, issuer = _reads(text, title)
    assert (event, direction, issuer) == (EventType.trade_talks, Direction.easing, "multiple")


def test_a_chinese_retaliatory_duty_closing_on_a_plea_to_cancel_tightens() -> None:
    text = (
        "国务院关税税则委员会10日发布公告，自3月15日起对原产于美国的部分农产品和机电产品加征15%关税。"
        "有关负责人表示，中方敦促美方立即取消单边加征关税措施。"
    )
    event, direction, _, issuer = _reads(text, "税委会：对部分美国商品加征15%关税")
    assert (event, direction, issuer) == (EventType.tariff, Direction.tightening, "CN")


def test_a_tariff_cut_issued_under_a_deal_stays_a_tariff() -> None:
    text = (
        "The White House issued an executive order on Tuesday lowering the fentanyl duty on Chinese "
        "imports to 10% from 20%, carrying out what was agreed when Trump met Xi Jinping, effective "
        "November 10.\nBeijing last week suspended its October rare earth export controls for a year."
    )
    event, direction, _, issuer = _reads(text, "US formally halves fentanyl tariff on Chinese goods")
    assert (event, direction, issuer) == (EventType.tariff, Direction.easing, "US")


# Texts that only brush the field: no event, no status, no issuer.


def test_snack_chips_cleared_for_export_are_not_of_the_field() -> None:
    _quiet(
        "A crisp maker from Idaho said its kettle chips had been granted an export permit for China "
        "after customs officials approved its labels.\nThe first shipment of chips leaves next month.",
        "Idaho kettle chips cleared for export to China",
    )


def test_a_magnet_makers_results_that_mention_licences_are_no_event() -> None:
    _quiet(
        "A Japanese magnet maker posted a 12% rise in half-year operating profit on Thursday, citing "
        "firm demand from hybrid car makers.\nIt said export licences for its dysprosium supplies "
        "from China had arrived on time and that it expected stable deliveries."
    )


def test_results_against_forecasts_that_mention_chip_licences_are_no_event() -> None:
    _quiet(
        "The chip designer reported quarterly revenue above analysts' estimates on Wednesday and said "
        "it had shipped no H20 processors to China in the period despite holding export licences.",
        "Nvidia beats forecasts, says H20 sales to China remain on hold",
    )


def test_a_magnet_maker_swinging_to_profit_on_licences_is_no_event() -> None:
    _quiet(
        "The rare earth magnet maker said first-half net profit rose 40% after Chinese authorities "
        "approved more export licences for its products.",
        "Magnet maker swings to profit as export licences flow again",
    )


def test_a_profit_drop_told_with_a_plant_stopped_for_magnets_is_the_disruption() -> None:
    c = classify(
        "An American carmaker reported a 35% drop in quarterly profit after a shortage of rare earth "
        "magnets halted output at its Kentucky plant for three weeks.\nThe company said deliveries of "
        "magnets from China had since resumed."
    )
    assert c.event_type is EventType.supply_disruption


def test_a_chinese_look_back_at_relations_is_commentary() -> None:
    _quiet(
        "这一年，中美经贸关系起伏不定。年初美方对华加征关税，随后双方互加关税，税率一度超过百分之百。"
        "此后两国多次举行经贸磋商，并在元首会晤后达成阶段性安排。\n"
        "出口管制、稀土与芯片问题相互交织，未来走向仍存变数。\n（本文仅代表作者个人观点）",
        "年度回顾：中美经贸关系这一年",
    )


def test_a_chinese_chronicle_of_the_year_is_commentary() -> None:
    _quiet(
        "2月，美方以芬太尼为由对华加征关税。4月，中方对七种中重稀土实施出口管制。5月，双方在日内瓦会谈后"
        "大幅下调关税。10月，商务部扩大稀土出口管制，随后两国元首在釜山会晤。",
        "2025年中美经贸大事记",
    )


def test_an_english_look_back_at_a_year_of_relations_is_commentary() -> None:
    _quiet(
        "Washington opened the year with fentanyl tariffs and closed it with a one-year truce agreed "
        "when the two leaders met in South Korea. In between, duties briefly topped 100% and Beijing "
        "twice widened its rare earth controls.",
        "U.S.-China ties in 2025: a year of tariffs, truces and rare earths",
    )


# A firm's units barred by Beijing are a sanction, whatever probe is cited.


def test_countermeasures_on_a_firms_us_units_are_sanctions() -> None:
    text = (
        "China's commerce ministry on Friday barred domestic companies from doing business with three "
        "U.S. subsidiaries of a European shipping group, saying they had helped a U.S. probe into "
        "Chinese shipbuilding.\nThe measures take effect immediately."
    )
    c = classify(text, "China sanctions US units of shipping group, citing Section 301 investigation")
    assert (c.event_type, c.direction, c.issuer) == (EventType.sanctions, Direction.tightening, "CN")
