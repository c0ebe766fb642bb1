"""Chinese-language reports: MOFCOM and customs notices, spokesman Q&As, wires and reposts, in
simplified and traditional characters, often untitled or under a teaser title, with page debris.

Each text is the project's own, written from the facts of the measures (general licences, the
one-year suspension of the October 2025 controls, the listings), in the styles Chinese outlets use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_facts import follow_up
from chokewatch.shared.core.reading.incident_policy import item, member
from chokewatch.shared.core.reading.incident_rules import Item, anchors, same_incident
from chokewatch.shared.core.reading.sentences import DEBRIS_WEIGHT, split
from chokewatch.shared.core.reading.titles import split_title
from chokewatch.shared.messages import Direction, EventType, Status

MINERAL = EventType.mineral_export_control


def _reads(text: str, title: str = "") -> tuple[EventType, Direction | None, Status | None, str | None]:
    c = classify(text, title)
    return c.event_type, c.direction, c.status, c.issuer


# General licences: a licence of the control regime, granted, eases it.


def test_an_untitled_taiwan_wire_on_general_licences_eases() -> None:
    text = (
        "（中央社台北4日電）中國商務部今天表示，已開始向部分企業核發稀土出口通用許可，獲得許可的出口商"
        "在一年有效期內可多次出口，不必每批次重新申請。\n分析指出，這是北京落實美中釜山元首會晤共識的具體措施。"
    )
    assert _reads(text) == (MINERAL, Direction.easing, Status.enacted, "CN")


def test_general_licences_under_a_teaser_title_ease() -> None:
    text = (
        "12月初，商务部开始为部分稀土出口企业办理通用许可。据悉，首批获得通用许可的企业包括多家磁材厂商，"
        "许可有效期为一年。\n业内人士认为，通用许可将大幅缩短审批时间，缓解海外客户的供应担忧。"
    )
    assert _reads(text, "重磅！稀土出口迎来新变化") == (MINERAL, Direction.easing, Status.enacted, "CN")


def test_a_hong_kong_report_of_general_licences_with_share_bar_is_done() -> None:
    text = (
        "【明報專訊】國家商務部發言人表示，為便利合規貿易，商務部已向部分出口商發放稀土出口一般許可，"
        "並將繼續審批其他申請。\n分享到：Facebook WhatsApp\n相關新聞："
    )
    # "將繼續審批": approvals go on, no new plan.
    assert _reads(text) == (MINERAL, Direction.easing, Status.enacted, "CN")


def test_general_licences_told_by_sources_are_announced() -> None:
    c = classify(
        "据两名消息人士透露，中国商务部计划向部分稀土出口企业发放为期一年的通用许可，以简化审批程序。",
        title="消息人士：中国拟推出稀土通用许可",
    )
    assert (c.event_type, c.direction, c.issuer) == (MINERAL, Direction.easing, "CN")
    assert c.status is Status.announced


def test_general_licences_for_the_us_under_the_summit_consensus_are_a_mineral_measure() -> None:
    c = classify(
        "商务部表示，将对镓、锗、锑、石墨等物项的对美出口实行通用许可，"
        "相关措施落实两国元首会晤共识。"
    )
    assert c.event_type is MINERAL
    assert c.direction is Direction.easing
    assert {"Ga", "Ge", "Sb", "graphite"} <= set(c.elements)


# Suspensions: a control suspended or stopped eases; exports suspended tighten.


def test_a_numbered_suspension_notice_with_its_preamble_eases() -> None:
    text = (
        "根据《中华人民共和国出口管制法》等法律法规有关规定，为落实中美经贸磋商共识，现将有关事项公告如下：\n"
        "一、暂停实施商务部公告2025年第61号《关于对境外相关稀土物项实施出口管制的决定》。\n"
        "二、本公告自发布之日起执行，暂停至2026年11月10日。\n商务部\n2025年11月7日"
    )
    # The preamble's grounds ("根据…，为落实…共识，") are the occasion, not talks reported.
    assert _reads(text, "商务部公告2025年第70号") == (MINERAL, Direction.easing, Status.enacted, "CN")


def test_controls_stopped_from_a_date_ease() -> None:
    c = classify(
        "商务部发布公告，自2025年11月10日起停止执行对部分美国实体采取的出口管制措施，相关两用物项可依法申请出口。"
    )
    assert c.direction is Direction.easing
    assert c.status is Status.enacted
    assert c.issuer == "CN"


def test_exports_suspended_to_buyers_tighten() -> None:
    c = classify("据知情人士透露，中国已暂停向部分美国军工企业出口稀土磁体，相关出口申请均未获批准。")
    assert c.event_type is MINERAL
    assert c.direction is Direction.tightening
    assert c.issuer == "CN"


def test_supply_cut_off_in_traditional_characters_tightens() -> None:
    c = classify("消息人士指，中國已暫停對日本軍工企業供應鏑和鋱，相關出口申請全部遭到擱置。")
    assert c.event_type is MINERAL
    assert c.direction is Direction.tightening


def test_the_us_suspension_of_its_affiliates_rule_in_chinese_is_issued() -> None:
    c = classify(
        "美国商务部工业与安全局10日宣布，自即日起暂停实施出口管制“50%穿透性规则”一年，该规则原本将实体清单"
        "的限制扩大至被列名实体持股50%以上的子公司。",
        title="美方暂停实施50%穿透性规则",
    )
    assert c.event_type is EventType.chip_export_control
    assert (c.direction, c.status, c.issuer) == (Direction.easing, Status.enacted, "US")


# Mood: possibility and conditions.


def test_a_possible_further_tightening_is_speculation() -> None:
    c = classify(
        "市场分析人士认为，若贸易摩擦升级，中方可能进一步收紧锑和钨的出口管制，海外买家已开始增加库存。",
        title="锑钨出口或面临更严格管控",
    )
    assert c.event_type is MINERAL
    assert c.direction is Direction.tightening
    assert c.status is Status.speculation


# Issuers: who lists whom.


def test_chinas_unreliable_entity_listing_of_us_firms_is_chinas() -> None:
    c = classify(
        "不可靠实体清单工作机制发布公告，将美国14家军工企业列入不可靠实体清单，禁止其从事与中国有关的进出口活动。"
    )
    assert c.event_type is EventType.sanctions
    assert (c.direction, c.status, c.issuer) == (Direction.tightening, Status.enacted, "CN")


# Page debris of Chinese sites.


def test_source_editor_and_button_lines_are_debris() -> None:
    text = (
        "商务部宣布暂停实施部分稀土出口管制措施。\n来源：中国新闻网\n责任编辑：王明\n【纠错】【打印】【关闭】\n"
        "相關新聞：\n時間：2025-11-07 10:00"
    )
    weights = [s.weight for s in split(text, 0)]
    assert weights[0] > DEBRIS_WEIGHT
    assert weights[1:] == [DEBRIS_WEIGHT] * 5


# Q&A with the press: the question names the goods, the answer tells the act.


def test_a_spokesmans_answer_setting_up_a_green_channel_eases() -> None:
    text = (
        "问：欧盟方面关注稀土出口许可审批进度，商务部有何回应？\n"
        "答：中方高度重视欧方合理关切，愿与欧方建立出口管制对话机制，为符合规定的申请建立绿色通道，加快审批。"
    )
    c = classify(text, title="商务部新闻发言人答记者问")
    assert c.event_type is MINERAL
    assert c.direction is Direction.easing


# Market reviews are commentary.


def test_a_weekly_price_review_is_commentary() -> None:
    c = classify(
        "受出口管制影响，本周氧化镨钕价格小幅上涨，市场成交偏淡，贸易商观望情绪浓厚。",
        title="稀土周评：镨钕价格小幅上涨",
    )
    assert c.event_type is EventType.commentary
    c = classify("海外需求回暖，氧化镝价格持续走强，出口管制下货源依然偏紧。", title="镝价格持续走强")
    assert c.event_type is EventType.commentary


# Incidents: a Chinese report joins the English reports of the same development.


def _member(text: str, title: str, when: str) -> Item:
    at = datetime.fromisoformat(when).replace(tzinfo=UTC)
    return item(member(classify(text, title, at), text, title, at))


def test_a_chinese_readout_names_the_leaders_meeting_as_its_venue() -> None:
    text = (
        "问：中美双方近日达成了哪些经贸成果？\n答：两国元首在釜山会晤，达成重要共识。美方将取消所谓芬太尼关税，"
        "暂停实施50%穿透性规则一年；中方将暂停实施10月9日公布的稀土等出口管制措施一年。"
    )
    title = "商务部新闻发言人就中美吉隆坡经贸磋商联合安排答记者问"
    assert "venue:busan" in anchors(f"{title}\n{text}")
    readout = _member(text, title, "2025-11-01")
    wire = _member(
        "Donald Trump and Xi Jinping agreed in Busan on Thursday that China would pause its October "
        "rare earth export controls for a year while Washington halves the fentanyl tariff to 10% "
        "and suspends its affiliates rule.",
        "Trump and Xi agree truce in Busan",
        "2025-10-30",
    )
    assert same_incident(wire, readout)


def test_a_simpler_licensing_regime_eases() -> None:
    c = classify(
        "中國商務部週五表示，將推出稀土出口「經驗證最終用戶」制度，符合條件的外國企業可獲得更便捷的出口許可。"
    )
    assert c.event_type is MINERAL
    assert (c.direction, c.status, c.issuer) == (Direction.easing, Status.announced, "CN")
    c = classify("商务部表示，将进一步简化稀土出口许可审批流程，为合规贸易提供便利。")
    assert c.direction is Direction.easing


# Start dates and drafts.


def test_start_dates_in_every_chinese_spelling() -> None:
    c = classify(
        "商务部、海关总署发布公告，对锂电池和人造石墨负极材料实施出口管制，"
        "公告于2025年11月8日起正式实施。"
    )
    assert c.effective_date == date(2025, 11, 8)
    c = classify(
        "《經濟通》商務部公告，對原產於美國的相關模擬芯片徵收反傾銷稅，自２０２５年９月１３日起執行。"
    )
    assert c.effective_date == date(2025, 9, 13)
    c = classify(
        "国务院关税税则委员会发布公告，自11月10日13时01分起停止加征部分对美关税，继续暂停实施24%的加征税率一年。",
        published_at=date(2025, 11, 5),
    )
    assert c.effective_date == date(2025, 11, 10)


def test_a_draft_for_comment_with_a_proposed_start_is_announced() -> None:
    c = classify(
        "商务部发布《关于对部分稀土技术实施出口管制的公告（征求意见稿）》，拟自2026年1月1日起施行，"
        "公开征求意见至12月15日。"
    )
    assert c.event_type is MINERAL
    assert c.status is Status.announced
    assert c.effective_date is None


def test_analog_chips_hold_no_plan_word() -> None:
    # "模拟芯片" holds 拟 ("plans to"); the duty decided is done.
    c = classify(
        "商务部公布终裁结果，认定原产于美国的进口相关模拟芯片存在倾销，决定对其征收反倾销税。",
        title="商务部对美国模拟芯片征收反倾销税",
    )
    assert c.event_type is EventType.tariff
    assert c.status is Status.enacted


# Licensing words: approvals resumed, a plan learned of.


def test_export_approvals_resumed_ease() -> None:
    text = "商务部决定恢复对部分欧洲企业的镓、锗出口审批，相关许可已陆续发放。"
    assert _reads(text) == (MINERAL, Direction.easing, Status.enacted, "CN")
    c = classify(text)
    assert set(c.elements) == {"Ga", "Ge"}


def test_a_plan_learned_of_is_announced() -> None:
    c = classify("据悉，中国拟对部分稀土出口企业推出通用许可，具体方案仍在制定中。")
    assert (c.event_type, c.direction, c.status) == (MINERAL, Direction.easing, Status.announced)


# Reposts: a teaser heading, a suspension of numbered notices whose goods only the background
# names, a second answer sentence, and "related" links to other news.


def test_numbered_notices_suspended_under_a_teaser_heading_ease() -> None:
    text = (
        "刚刚！商务部、海关总署联合公告\n"
        "今天（11月7日），商务部、海关总署发布公告，决定暂停实施2025年第55号、第56号、第57号、第58号公告，"
        "暂停至2026年11月10日。\n"
        "此前，10月9日，商务部、海关总署发布多项公告，对超硬材料、稀土设备和原辅料、部分中重稀土、"
        "锂电池和人造石墨负极材料相关物项实施出口管制。\n"
        "热门推荐\n商务部：对原产于美国的进口相关模拟芯片发起反倾销调查\n稀土板块集体大涨"
    )
    assert _reads(text) == (MINERAL, Direction.easing, Status.enacted, "CN")


def test_general_licences_in_the_second_sentence_of_an_answer_ease() -> None:
    text = (
        "商务部新闻发言人就稀土出口管制有关问题答记者问\n2025-12-04 15:30:12 来源：商务部网站\n"
        "问：近期，有外国企业反映稀土出口许可审批周期较长，商务部对此有何回应？\n"
        "答：商务部依法依规对稀土相关物项出口许可申请进行审查。为便利合规贸易，商务部已对部分企业发放"
        "通用许可，并将进一步提高审批效率。\n相关阅读：\n商务部：中方决定暂停实施部分出口管制措施"
    )
    assert _reads(text) == (MINERAL, Direction.easing, Status.enacted, "CN")


# Licences issued ease; their issue stopped tightens. Foreign measures told in Chinese.


def test_licences_issued_ease_and_their_issue_stopped_tightens() -> None:
    c = classify("据英国《金融时报》报道，美国商务部已开始向英伟达发放H20芯片对华出口许可证。")
    assert (c.event_type, c.direction, c.issuer) == (EventType.chip_export_control, Direction.easing, "US")
    c = classify("据报道，商务部已暂停发放部分企业的稀土出口许可证，涉及多家欧洲客户。")
    assert (c.event_type, c.direction, c.issuer) == (MINERAL, Direction.tightening, "CN")


def test_strategic_projects_chosen_by_brussels_are_policy() -> None:
    c = classify("欧盟委员会宣布入选首批47个关键原材料战略项目，涉及锂、镍、钴和稀土等原料，将获得融资支持。")
    assert c.event_type is EventType.industrial_policy
    assert c.issuer == "EU"


def test_the_headline_below_a_breadcrumb_and_share_line_is_the_title() -> None:
    text = (
        "首页 > 财经 > 正文\n分享到：微信 微博\n商务部：对部分稀土出口申请发放通用许可\n"
        "商务部新闻发言人12月4日表示，商务部已对部分合规的稀土出口申请发放了通用许可。\n责任编辑：张三"
    )
    assert split_title(text, "")[0] == "商务部：对部分稀土出口申请发放通用许可"
    assert split_title("当前位置：首页 > 新闻中心\n商务部暂停实施出口管制措施\n正文。", "")[0] == (
        "商务部暂停实施出口管制措施"
    )
    assert _reads(text) == (MINERAL, Direction.easing, Status.enacted, "CN")


def test_licences_granted_under_a_control_are_its_later_step() -> None:
    # A later step joins the control's incident months on (README, How a text is read).
    assert follow_up(
        "中国商务部新闻发言人7日就中重稀土出口管制措施表示，商务部已依法批准一定数量的合规申请。"
    ) == "step"
    assert follow_up("商务部新闻发言人表示，相关企业已获得出口许可，商务部将继续依法审查。") == "step"
    assert follow_up("商务部表示，已向部分出口商核发稀土出口通用许可。") == "step"


def test_licences_refused_or_not_had_tighten() -> None:
    c = classify("多家歐洲企業表示，其稀土磁體出口許可申請遭商務部拒絕。")
    assert (c.event_type, c.direction) == (MINERAL, Direction.tightening)
    c = classify("中国商务部表示，日本企业的镝出口申请至今没有获得批准。")
    assert (c.event_type, c.direction) == (MINERAL, Direction.tightening)


def test_a_chip_import_block_by_chinese_customs_is_a_measure_on_the_firm() -> None:
    c = classify("据知情人士透露，中国海关已通知相关代理商，英伟达H200芯片不得进口，部分货物被扣留。")
    assert c.event_type in (EventType.sanctions, EventType.chip_export_control)
    assert (c.direction, c.issuer, c.chips_involved) == (Direction.tightening, "CN", True)


def test_a_state_reserve_purchase_is_chinas_policy() -> None:
    c = classify("国家粮食和物资储备局启动稀土收储，首批收储规模约为5000吨氧化镨钕。")
    assert (c.event_type, c.issuer) == (EventType.industrial_policy, "CN")


def test_chinese_announcement_numbers_in_lists_and_bracketed_years() -> None:
    assert {"no:55", "no:56", "no:57", "no:58", "no:61", "no:62"} <= set(
        anchors("暂停实施第55、56、57、58、61、62号公告所列措施")
    )
    assert {"no:55", "no:56"} <= set(anchors("商务部 海关总署公告2025年第55号、56号"))
    assert "no:70" in anchors("商务部公告〔2025〕70号")
    c = classify("不可靠实体清单工作机制发布公告〔2025〕7号，将部分美国实体列入不可靠实体清单。")
    assert c.status is Status.enacted


def test_a_measure_told_by_another_outlet_is_announced() -> None:
    c = classify("据彭博社报道，中国商务部向多家稀土企业发放通用许可，首批涉及磁材厂商。")
    assert (c.event_type, c.direction, c.status) == (MINERAL, Direction.easing, Status.announced)


# A leading clause closed by 后/之后/以来 sets the occasion; the news follows its comma.


def test_a_measure_after_talks_is_the_measure() -> None:
    c = classify("中美吉隆坡经贸磋商之后，中方宣布暂停实施10月9日公布的稀土出口管制措施一年。")
    assert (c.event_type, c.direction, c.issuer) == (MINERAL, Direction.easing, "CN")


def test_plants_stopped_since_a_control_are_the_disruption() -> None:
    c = classify("中方实施稀土出口管制以来，多家欧洲车企减产，部分工厂因磁体短缺停工。")
    assert c.event_type is EventType.supply_disruption
    assert c.direction is Direction.tightening


def test_an_explainer_title_makes_commentary() -> None:
    c = classify(
        "稀土是17种金属元素的统称。中国自2023年以来陆续对镓、锗、石墨、锑等实施出口管制。",
        title="一文读懂稀土出口管制",
    )
    assert c.event_type is EventType.commentary


def test_loosening_and_piling_on_in_headline_words() -> None:
    c = classify("中國商務部宣布暫停實施10月公布的稀土出口管制措施一年。", title="北京鬆綁稀土出口管制")
    assert c.direction is Direction.easing
    assert "松绑" in c.evidence["direction"]  # the title's word, in traditional characters
    c = classify("商务部宣布对更多稀土元素及相关技术实施出口管制。", title="中方对稀土出口管制加码")
    assert c.direction is Direction.tightening
    assert "加码" in c.evidence["direction"]


def test_hong_kong_copy_of_licences_granted_by_the_authorities_is_chinas() -> None:
    c = classify("據了解，當局已批出多張稀土磁體出口許可證，涉及歐洲汽車零部件客戶。")
    assert (c.event_type, c.direction, c.issuer) == (MINERAL, Direction.easing, "CN")


def test_a_leader_saying_china_has_agreed_to_suspend_is_announced() -> None:
    c = classify("美国总统特朗普30日表示，中国已同意暂停稀土出口管制一年，稀土问题已经解决。")
    assert (c.event_type, c.direction, c.issuer) == (MINERAL, Direction.easing, "CN")
    assert c.status is Status.announced  # "已同意": a promise, not the suspension issued


def test_beijing_acts_but_a_xinhua_dateline_names_a_place() -> None:
    c = classify("北京週日宣布，暫停執行對美國出口鎵、鍺、銻的禁令，至2026年11月27日止。")
    assert (c.event_type, c.direction, c.issuer) == (MINERAL, Direction.easing, "CN")
    c = classify(
        "新华社北京12月3日电 美国商务部2日宣布将140家中国实体列入出口管制实体清单，"
        "并限制高带宽存储芯片对华出口。"
    )
    assert (c.event_type, c.issuer) == (EventType.chip_export_control, "US")


def test_traditional_copy_reads_as_its_simplified_twin() -> None:
    traditional_copy = (
        "中國商務部、海關總署宣布，對超硬材料、稀土設備和原輔料、部分中重稀土、鋰電池和人造石墨負極材料"
        "相關物項實施出口管制。"
    )
    simplified_copy = (
        "中国商务部、海关总署宣布，对超硬材料、稀土设备和原辅料、部分中重稀土、锂电池和人造石墨负极材料"
        "相关物项实施出口管制。"
    )
    a, b = classify(traditional_copy), classify(simplified_copy)
    assert (a.event_type, a.direction, a.status, a.issuer) == (b.event_type, b.direction, b.status, b.issuer)
    assert a.elements == b.elements
    assert {"Li", "graphite", "Ho", "Dy"} <= set(a.elements)  # rare-earth equipment: every rare earth


def test_a_relief_withdrawn_restricts_but_a_requirement_dropped_eases() -> None:
    c = classify("据知情人士透露，商务部已暂停部分企业的稀土出口通用许可。")
    assert (c.event_type, c.direction) == (MINERAL, Direction.tightening)
    c = classify("商务部宣布暂停部分美国企业的稀土出口许可。")
    assert c.direction is Direction.tightening
    c = classify("商务部宣布取消对镓、锗的出口许可要求。")
    assert c.direction is Direction.easing


def test_suspending_the_control_on_exports_is_not_suspending_exports() -> None:
    c = classify("商务部宣布，暂停对美国出口两用物项的管制措施，为期一年，涉及镓、锗、锑。")
    assert (c.event_type, c.direction) == (MINERAL, Direction.easing)


def test_a_reporters_question_gives_no_status_the_answer_does() -> None:
    text = (
        "商务部6日召开例行新闻发布会。\n"
        "有提问称：我们注意到，中方表示将对相关企业的芯片出口予以豁免。"
        "请问企业何时能获得豁免？\n"
        "商务部新闻发言人表示，此前中方已就相关问题作出回应。我愿强调，中方本着负责任的态度，"
        "已及时批准相关出口许可申请，并对符合条件的芯片出口予以豁免。"
    )
    c = classify(text, title="商务部回应芯片出口豁免问题")
    assert c.direction is Direction.easing
    assert c.status is Status.enacted


def test_a_dated_measure_further_on_in_a_chinese_feature_is_its_news() -> None:
    text = (
        "欧洲多家车企表示，稀土磁体库存仍然偏紧，部分车型交付推迟。业内人士认为，供应链重构需要数年时间。"
        "分析人士指出，磁体价格仍在高位运行。商务部4日宣布，已向部分企业发放稀土出口通用许可，有效期一年。"
    )
    assert _reads(text, "全球车企仍在为磁体发愁") == (MINERAL, Direction.easing, Status.enacted, "CN")


def test_a_subject_before_its_after_clause_still_acts() -> None:
    c = classify("美国商务部在中方宣布管制后，宣布将更多中国芯片企业列入实体清单。")
    assert c.event_type is EventType.chip_export_control
    assert (c.direction, c.issuer) == (Direction.tightening, "US")


def test_a_rumoured_plan_is_speculation() -> None:
    c = classify("据传中国拟收紧镝和铽的出口审批，相关企业正在评估影响。")
    assert (c.event_type, c.direction, c.status) == (MINERAL, Direction.tightening, Status.speculation)
    c = classify("市场传闻，商务部将暂停部分稀土出口许可审批。")
    assert c.status is Status.speculation


def test_pinyin_printed_after_characters_is_a_reading_aid_not_text() -> None:
    from chokewatch.shared.core.reading.hanzi import simplified

    assert simplified("美國實(shí)體與項(xiàng)目") == "美国实体与项目"
    assert simplified("輝達(NVIDIA)與英偉達（nvidia）") == "辉达(NVIDIA)与英伟达（nvidia）"


def test_a_listing_of_foreign_firms_told_with_pinyin_aids_is_a_sanction() -> None:
    text = (
        "本報(bào)北京3月5日電 商務(wù)部新聞發(fā)言人5日表示，商務(wù)部決定將15家美國實(shí)體列入"
        "出口管制管控名單，禁止向其出口兩用物項(xiàng)，正在開展的相關出口活動應當立即停止。"
    )
    etype, _, _, issuer = _reads(text)
    assert (etype, issuer) == (EventType.sanctions, "CN")
