"""Event type of pieces that report no new act of their own, and of pieces that look like them.

Surveys of a stretch of US-China relations, signed opinion pieces and features on firms argue or
look back: commentary, never an event. An explainer hung on a measure announced that day reports
that measure. Each text is the project's own, written from the facts in several outlets' styles.
"""

from __future__ import annotations

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.messages import EventType

COMMENTARY = EventType.commentary


def _type(text: str, title: str = "") -> EventType:
    return classify(text, title).event_type


# Surveys of relations: many dated steps, no single new act in the lead.


def test_a_chinese_look_back_over_a_year_of_relations_is_commentary() -> None:
    title = "回顾2025年中美关系"
    text = (
        "中美关系这一年跌宕起伏。1月，双方在日内瓦恢复磋商；4月，美方加征关税，中方对七类中重稀土实施出口管制；"
        "5月，双方达成90天暂停安排；10月，商务部扩大稀土出口管制；随后两国元首在釜山会晤，同意暂停部分措施一年。"
        "分析人士认为，中美关系仍存在不确定性。"
    )
    assert _type(text, title) is COMMENTARY


def test_a_chinese_chronicle_of_months_under_a_plain_title_is_commentary() -> None:
    title = "中美关系：从对抗走向休战"
    text = (
        "今年以来，中美经贸关系几经波折。4月，美方大幅加征关税，中方随即对钐、钆、铽等七类中重稀土实施出口管制。"
        "5月，双方在日内瓦达成共识，相互降低关税。10月，商务部发布公告扩大管制范围。11月，双方宣布暂停部分措施一年。"
    )
    assert _type(text, title) is COMMENTARY


def test_an_english_chronicle_of_months_is_commentary() -> None:
    title = "Trade war to truce: the minerals fight between Washington and Beijing"
    text = (
        "The fight over critical minerals has shaped US-China ties for much of the past year.\n"
        "In April, Beijing required licences for exports of seven rare earths after Washington raised "
        "tariffs.\n"
        "In May, the two sides agreed in Geneva to cut tariffs for 90 days.\n"
        "In October, China's commerce ministry widened the controls to five more elements and to "
        "foreign-made magnets.\n"
        "In November, both governments suspended several measures for a year."
    )
    assert _type(text, title) is COMMENTARY


# Signed opinion pieces: a rubric before the headline, or a sign-off naming the writer.


def test_a_chinese_editorial_on_the_suspension_is_commentary() -> None:
    title = "社评：稀土出口管制不是武器"
    text = (
        "中方暂停实施10月9日公布的稀土出口管制措施一年，体现了负责任大国的担当。一些西方媒体将出口管制渲染为施压"
        "工具，这是对中国政策的误读。"
    )
    assert _type(text, title) is COMMENTARY


def test_an_op_ed_signed_off_by_its_writer_is_commentary() -> None:
    title = "Beijing's mineral pause buys time, nothing more"
    text = (
        "China's one-year suspension of its sweeping rare earth export rules is welcome, but it changes "
        "little. "
        "Beijing retains the licensing system it built in April, and it can tighten again whenever it "
        "wishes. "
        "Washington should use the year to fund refineries and magnet plants at home.\n"
        "The writer is a former US trade negotiator."
    )
    assert _type(text, title) is COMMENTARY


def test_an_op_ed_whose_views_are_the_authors_own_is_commentary() -> None:
    title = "Gallium curbs show Beijing's hand"
    text = (
        "China's decision to stop gallium and germanium exports to the United States in December was a "
        "message, not a trade measure. It tells Washington that each new chip control will have a price. "
        "Allies should answer by funding refining capacity of their own.\n"
        "The views expressed in this article are the author's own."
    )
    assert _type(text, title) is COMMENTARY


# Features on firms: the firms' plans are the piece's matter.


def test_a_feature_on_miners_leading_a_field_is_commentary() -> None:
    title = "Australian miners lead the race for rare earths outside China"
    text = (
        "Lynas Rare Earths and a clutch of smaller Australian miners are leading a push to build rare earth "
        "supply outside China. Lynas plans to expand its Kalgoorlie processing plant and is studying a heavy "
        "rare earths separation line in Malaysia. Executives say demand from magnet makers is strong."
    )
    assert _type(text, title) is COMMENTARY


def test_a_feature_on_trading_houses_betting_abroad_is_commentary() -> None:
    title = "Japanese trading houses bet on African cobalt"
    text = (
        "Sojitz and Mitsui plan to invest in cobalt processing in Zambia to cut reliance on Chinese "
        "refiners. "
        "Both firms plan to expand their stakes in local projects, executives said in interviews."
    )
    assert _type(text, title) is COMMENTARY


def test_a_feature_on_juniors_racing_for_graphite_is_commentary() -> None:
    title = "Canadian juniors race for graphite as EV makers look beyond China"
    text = (
        "A handful of small Canadian miners are racing to build graphite supply for battery makers. A Quebec "
        "miner plans to restart its mine and expand a processing plant, and another is building an anode "
        "plant with government backing. Executives say offtake talks with carmakers are advanced."
    )
    assert _type(text, title) is COMMENTARY


# An explainer whose lead reports a measure of the day is that measure.


def test_an_explainer_leading_with_the_days_controls_is_the_control() -> None:
    title = "Explainer: What China's new rare earth curbs mean"
    text = (
        "China on Thursday expanded its export controls on rare earths, adding five elements and requiring "
        "licences for foreign products containing even small traces of Chinese rare earths. Here is what it "
        "means for buyers. What changed? The commerce ministry added holmium, erbium, thulium, europium and "
        "ytterbium to the list."
    )
    assert _type(text, title) is EventType.mineral_export_control


def test_a_factbox_on_new_chip_rules_announced_today_is_the_control() -> None:
    title = "Factbox: The new US curbs on AI chip exports"
    text = (
        "The US Commerce Department on Monday tightened export controls on advanced AI chips and chipmaking "
        "equipment to China, adding 140 companies to its entity list. Here are the main points of the rules."
    )
    assert _type(text, title) is EventType.chip_export_control


def test_an_explainer_on_an_old_measure_stays_commentary() -> None:
    title = "Explainer: how China's rare earth licences work"
    text = (
        "Since April, exporters of seven rare earths have needed a licence from the commerce ministry. "
        "Applications take up to 45 working days, and buyers must say what the metal will be used for."
    )
    assert _type(text, title) is COMMENTARY


# Supply coming back after a halt is the disruption's news, not an export measure.


def test_ore_shipments_resuming_after_a_long_halt_are_a_disruption() -> None:
    title = "Antimony ore flows again from Tajik mine"
    text = (
        "Antimony concentrate shipments from a large mine in northern Tajikistan have started to resume "
        "after a halt that lasted most of the year, traders said, with the first trucks "
        "reaching Chinese smelters."
    )
    assert _type(text, title) is EventType.supply_disruption


def test_permits_to_restart_mines_after_a_halt_are_a_disruption() -> None:
    title = "Tin miners in Myanmar's Wa region get resumption permits"
    text = (
        "Local authorities in Myanmar's Wa region have begun issuing resumption permits to tin mining "
        "companies, months after the mining suspension that cut ore supply to Yunnan, industry sources said."
    )
    assert _type(text, title) is EventType.supply_disruption


# A Treasury release designating firms is a sanction, in its own words.


def test_a_treasury_release_designating_chinese_firms_is_a_sanction() -> None:
    title = "Treasury Designates Hong Kong Firms Supplying Components to Russia"
    text = (
        "WASHINGTON – Today, the Department of the Treasury designated 15 entities, including firms in Hong "
        "Kong and mainland China, for their role in supplying semiconductors and other critical items to "
        "Russia. Treasury's action blocks all property of the designated persons in the United States."
    )
    assert _type(text, title) is EventType.sanctions


def test_an_ofac_notice_adding_firms_to_the_sdn_list_is_a_sanction() -> None:
    title = "OFAC adds Shenzhen electronics traders to SDN List"
    text = (
        "The Office of Foreign Assets Control on Tuesday added four Shenzhen-based electronics traders to "
        "the Specially Designated Nationals list over shipments of chips to Iran. All property and "
        "interests in property of these persons in the United States are blocked."
    )
    assert _type(text, title) is EventType.sanctions


# Chinese explainers and overviews.


def test_a_chinese_explainer_leading_with_the_days_notice_is_the_control() -> None:
    title = "一文读懂：商务部扩大稀土出口管制"
    text = (
        "商务部9日发布公告，对钬、铒、铥、铕、镱五种中重稀土相关物项实施出口管制，并将管制范围扩展至境外制造的"
        "含中国稀土的产品。以下为要点解读。"
    )
    assert _type(text, title) is EventType.mineral_export_control


def test_a_chinese_piece_on_the_state_of_relations_is_commentary() -> None:
    title = "中美关系现状：关税、稀土与芯片"
    text = (
        "当前，美国对华商品平均关税仍维持在较高水平，中方对部分稀土仍实行出口许可管理，双方在芯片问题上分歧依旧。"
        "专家认为，两国关系短期内难有根本性改善。"
    )
    assert _type(text, title) is COMMENTARY


# Looks back and rubrics of the state of play.


def test_a_year_in_one_line_title_is_commentary() -> None:
    title = "2025: the year rare earths became a weapon"
    text = (
        "Rare earths moved from obscure industrial inputs to the centre of geopolitics this year. China's "
        "licensing rule stopped magnet shipments for weeks, its later rules widened the net, and the truce "
        "paused them. Western governments spent billions on mines and plants."
    )
    assert _type(text, title) is COMMENTARY


def test_where_things_stand_without_a_dated_act_is_commentary() -> None:
    title = "US-China relations: where things stand"
    text = (
        "Tariffs on Chinese goods remain at about 47 percent. China still requires licences for seven rare "
        "earths, though it has suspended its October rules. Washington has paused its affiliates rule. Talks "
        "continue at the working level."
    )
    assert _type(text, title) is COMMENTARY


def test_where_things_stand_over_a_dated_tariff_cut_is_the_tariff() -> None:
    title = "Tariffs on China: where things stand after the cut"
    text = (
        "The United States on Monday cut tariffs on Chinese goods by 10 percentage points, the White House "
        "said in an executive order, lowering the average duty to about 47 percent."
    )
    assert _type(text, title) is EventType.tariff


def test_a_chinese_observer_rubric_is_commentary() -> None:
    title = "观察｜稀土博弈背后的逻辑"
    text = (
        "稀土出口管制已成为中美博弈的重要筹码。从4月的七类中重稀土管制，到10月的扩围，再到釜山会晤后的暂停，"
        "中方的政策体现出底线思维。"
    )
    assert _type(text, title) is COMMENTARY


def test_a_view_column_is_commentary() -> None:
    title = "The View: rare earth controls are here to stay"
    text = (
        "China's controls on rare earth exports will outlast any truce. Beijing has built a licensing "
        "machine that it can tighten at will."
    )
    assert _type(text, title) is COMMENTARY


# A study's findings and advice are analysis.


def test_a_think_tank_report_recommending_policy_is_commentary() -> None:
    title = "US needs $50 billion to rebuild its rare earth supply chain"
    text = (
        "A report by a Washington think tank published on Wednesday says the United States would need to "
        "spend $50 billion over a decade to build a rare earth supply chain independent of China. The "
        "authors recommend price floors, stockpiles and tax credits for magnet makers."
    )
    assert _type(text, title) is COMMENTARY


def test_a_chinese_think_tank_report_is_commentary() -> None:
    title = "稀土产业链安全评估出炉"
    text = (
        "一家北京智库日前发布报告称，我国稀土冶炼分离产能占全球九成，建议加快建立国家储备并完善出口许可管理。"
        "报告认为，海外新建产能短期内难以形成规模。"
    )
    assert _type(text, title) is COMMENTARY


def test_a_study_leading_a_report_of_a_new_ban_stays_the_ban() -> None:
    title = "China bans antimony exports to the US"
    text = (
        "A report from the commerce ministry published on Tuesday said exports of antimony, gallium and "
        "germanium to the United States are banned with immediate effect."
    )
    assert _type(text, title) is EventType.mineral_export_control


# A minerals partnership signed between allies is industrial policy.


def test_a_chinese_report_of_a_us_australia_framework_is_industrial_policy() -> None:
    title = "美澳签署关键矿产框架协议"
    text = (
        "美国总统特朗普与澳大利亚总理阿尔巴尼斯20日在白宫签署关键矿产和稀土供应框架协议，两国将在未来六个月内"
        "各投资至少10亿美元支持相关项目。"
    )
    assert _type(text, title) is EventType.industrial_policy


def test_a_fact_sheet_on_a_us_japan_framework_with_stockpiles_is_industrial_policy() -> None:
    title = "Fact Sheet: United States and Japan sign framework on critical minerals"
    text = (
        "Today, President Trump and Prime Minister Takaichi signed the United States-Japan Framework for "
        "Securing the Supply of Critical Minerals and Rare Earths through Mining and Processing. The two "
        "countries will coordinate stockpiles, investment and price mechanisms."
    )
    assert _type(text, title) is EventType.industrial_policy


def test_a_us_china_framework_stays_trade_talks() -> None:
    title = "中美签署经贸磋商框架协议"
    text = (
        "中美双方11日在伦敦签署经贸磋商框架协议，同意继续就关税和稀土出口等问题保持沟通，双方将在未来数周内"
        "举行新一轮磋商。"
    )
    assert _type(text, title) is EventType.trade_talks


def test_a_headline_act_over_what_you_need_to_know_is_the_control() -> None:
    title = "China tightens grip on rare earths: what you need to know"
    text = (
        "China's commerce ministry on Thursday announced sweeping new controls on rare earth technologies "
        "and on foreign-made products containing Chinese rare earths, effective December 1."
    )
    assert _type(text, title) is EventType.mineral_export_control


def test_what_you_need_to_know_about_an_old_rule_stays_commentary() -> None:
    title = "Rare earth licences: what you need to know"
    text = (
        "Exporters of seven rare earths have needed a licence since April. Applications can take 45 working "
        "days, and buyers must name the end use."
    )
    assert _type(text, title) is COMMENTARY


def test_a_chinese_feature_on_firms_racing_abroad_is_commentary() -> None:
    title = "稀土企业竞逐海外市场"
    text = (
        "多家稀土企业加快布局海外市场。北方稀土计划扩大磁材产能，中国稀土集团正在研究在东南亚建设分离厂。"
        "业内人士表示，海外需求旺盛。"
    )
    assert _type(text, title) is COMMENTARY


def test_a_chinese_firms_dated_signed_project_under_a_feature_title_stays_policy() -> None:
    title = "北方稀土加快布局永磁材料"
    text = "北方稀土3日公告，公司与包头市政府签署协议，将投资50亿元建设稀土永磁材料项目。"
    assert _type(text, title) is EventType.industrial_policy


# A smelter suspending work is a disruption; "a subsidiary of" names an owner, not a subsidy.


def test_a_subsidiary_smelter_suspending_smelting_is_a_disruption() -> None:
    title = "Hunan antimony smelter plans smelting halt from July"
    text = (
        "An antimony smelter in Hunan, a subsidiary of a provincial gold group and one of the country's "
        "largest smelting plants, said on Wednesday it would suspend smelting from July. Traders expect the "
        "production suspension to cut domestic output further."
    )
    assert _type(text, title) is EventType.supply_disruption


# Readers' letters and anniversary pieces.


def test_a_readers_letter_on_controls_is_commentary() -> None:
    title = "Letters: Rare earth controls hurt us all"
    text = (
        "Your article on China's rare earth licences missed the point. Export controls hurt buyers and "
        "sellers alike, and Europe should talk to Beijing rather than copy Washington."
    )
    assert _type(text, title) is COMMENTARY


def test_an_anniversary_piece_on_a_ban_is_commentary() -> None:
    title = "A year after China's gallium ban, supply is still tight"
    text = (
        "A year after Beijing banned gallium exports to the US, buyers still struggle to find the metal. "
        "Prices remain near record highs and few new plants have started."
    )
    assert _type(text, title) is COMMENTARY


def test_a_dated_lifting_under_an_anniversary_title_is_the_control() -> None:
    title = "A year after its ban, China lifts gallium curbs on US"
    text = (
        "China on Monday lifted its ban on gallium and germanium exports to the United States, the commerce "
        "ministry said, a year after imposing it."
    )
    assert _type(text, title) is EventType.mineral_export_control


# A headline that argues, over a lead that tells nothing done or said, is an op-ed.


def test_an_arguing_headline_without_a_reported_act_is_commentary() -> None:
    title = "America must not trade away its chip controls"
    text = (
        "Letting Nvidia sell H200 chips to China in return for a share of revenue would be a grave mistake. "
        "Export controls exist to protect national security, not to raise money. Congress should block the "
        "deal before it is too late."
    )
    assert _type(text, title) is COMMENTARY


def test_a_call_reported_from_a_chamber_stays_news() -> None:
    title = "China should ease rare earth licences, EU chamber says"
    text = (
        "The European Union Chamber of Commerce in China said on Tuesday that Beijing should ease its rare "
        "earth licensing, which has left members short of magnets."
    )
    assert _type(text, title) is not COMMENTARY


def test_a_government_stake_under_a_bets_on_title_stays_policy() -> None:
    title = "Pentagon bets on MP Materials with $400 million stake"
    text = (
        "The Pentagon agreed to take a $400 million equity stake in MP Materials and set a price floor for "
        "its rare earth output, the company said."
    )
    assert _type(text, title) is EventType.industrial_policy
