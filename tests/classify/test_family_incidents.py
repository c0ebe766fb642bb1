"""One development reported by several outlets in English and Chinese, titled or not, listing its
minerals in full or in part, and followed up days later, is one incident; a different measure
on the same minerals in the same weeks, or another measure against the same country, is not."""

from __future__ import annotations

from datetime import UTC, datetime

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_facts import action, actors, follow_up, headline
from chokewatch.shared.core.reading.incident_policy import Entry, assign_all, item, member
from chokewatch.shared.core.reading.incident_rules import Item, anchors, same_incident


def text_item(text: str, when: str | None) -> Item:
    at = datetime.fromisoformat(when).replace(tzinfo=UTC) if when else None
    return item(member(classify(text), text, "", at))


def incidents(*texts: tuple[str, str | None]) -> list[str]:
    entries = [Entry(str(i), classify(text), text, "",
                     datetime.fromisoformat(when).replace(tzinfo=UTC) if when else None)
               for i, (text, when) in enumerate(texts)]
    return [d.incident_id for d in assign_all(entries)]


# --- a page stamped with a time, a date or a byline above its headline ---

SUSPENSION_HEADLINE = "中国暂停对美出口镓锗锑的禁令"
SUSPENSION_BODY = (
    "商务部9日发布公告，自即日起至2026年11月27日，暂停实施此前发布的关于加强相关两用物项对美国出口"
    "管制公告中的第二款，原则上不予许可向美国出口镓、锗、锑、超硬材料的规定暂停执行。\n"
    "对石墨两用物项实施更严格最终用户和最终用途审查的规定同样暂停。"
)


def test_a_time_or_byline_above_the_headline_is_not_the_headline() -> None:
    for stamp in ("12:40", "2025-11-09 10:44", "鉅亨網編譯 綜合外電 2025-11-09 10:44",
                  "By Staff Writer", "撰文:某某\n出版:更新:"):
        text = f"{stamp}\n{SUSPENSION_HEADLINE}\n{SUSPENSION_BODY}"
        assert headline(text)[0] == SUSPENSION_HEADLINE, stamp
        assert follow_up(text) == "pause", stamp
        assert actors(text)[0] == "CN", stamp
    # A short first line of words is still the headline; a lone paragraph has none.
    assert headline("China bans gallium exports\nThe ban starts today.")[0] == "China bans gallium exports"
    assert headline("One long paragraph without a line break.")[0] == ""


# --- one measure's minerals listed in full by one outlet and in part by another ---

HEAVY_LICENCES = (
    "China approves first general licences for heavy rare earth exports\n"
    "China's commerce ministry said on Thursday it had approved some applications for general "
    "licences to export samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium, "
    "letting holders ship to named customers for a year without a permit for each cargo."
)
BROAD_LICENCES = (
    "Beijing eases rare earth curbs with year-long export permits\n"
    "Chinese producers of rare earths have started receiving general licenses from MOFCOM, trade "
    "sources said on Friday, a move that should shorten waits for European automakers that have "
    "queued for months for shipments of the metals and magnets."
)
RECYCLING_TECHNOLOGY = (
    "China restricts export of rare earth recycling technology\n"
    "China added technology for recovering rare earths from scrap magnets and for refining recycled "
    "oxides to its catalogue of technologies restricted from export, the commerce and science "
    "ministries said on Tuesday. Exporters of the know-how will need a licence."
)


def test_one_measure_listed_in_part_and_in_full_days_apart_is_one_incident() -> None:
    heavy, broad = text_item(HEAVY_LICENCES, "2025-12-04"), text_item(BROAD_LICENCES, "2025-12-05")
    assert set(heavy.classification.elements) < set(broad.classification.elements)
    assert same_incident(heavy, broad)


def test_the_same_lists_months_apart_stay_two_measures() -> None:
    heavy, broad = text_item(HEAVY_LICENCES, "2025-06-04"), text_item(BROAD_LICENCES, "2025-12-05")
    assert not same_incident(heavy, broad)


def test_another_measure_on_the_same_minerals_that_week_is_another_incident() -> None:
    heavy, broad = text_item(HEAVY_LICENCES, "2025-12-04"), text_item(BROAD_LICENCES, "2025-12-05")
    recycling = text_item(RECYCLING_TECHNOLOGY, "2025-12-09")
    assert not same_incident(heavy, recycling)
    assert not same_incident(broad, recycling)
    first, second, third = incidents((HEAVY_LICENCES, "2025-12-04"), (BROAD_LICENCES, "2025-12-05"),
                                     (RECYCLING_TECHNOLOGY, "2025-12-09"))
    assert first == second != third


# --- reports of one measure within days: translations, follow-ups, other element lists ---

MAGNET_SHIPMENTS = (
    "Chinese magnet makers resume shipments to Europe\n"
    "Producers of neodymium magnets in Ningbo said on Monday they had resumed deliveries to carmakers "
    "in Europe after the commerce ministry eased its export licensing, with the first cargoes leaving "
    "port this week."
)
DUAL_USE_BAN = (
    "China bans dual-use exports to Japanese military users\n"
    "China's commerce ministry on Tuesday banned exports of all dual-use items, rare earths among them, "
    "to Japanese military users and to any end use that strengthens Japan's military, with immediate "
    "effect, and warned foreign firms against passing such goods on to Japan."
)
DUAL_USE_QA = (
    "商务部新闻发言人就对日两用物项出口管制答记者问\n"
    "问：商务部近日宣布加强两用物项对日本出口管制，稀土是否在管制范围内？\n"
    "答：相关措施针对日本军事用户和军事用途，包括稀土在内的两用物项均在管制范围内，"
    "正常民用贸易不受影响。"
)
ANTI_DUMPING_PROBE = (
    "China opens anti-dumping probe into Japanese dichlorosilane\n"
    "China's commerce ministry said on Wednesday it had started an anti-dumping investigation into "
    "dichlorosilane imported from Japan, a chemical used in making chips, a day after it curbed "
    "dual-use exports to the Japanese military."
)


def test_a_follow_up_days_later_naming_part_of_the_minerals_joins() -> None:
    licences, shipments = text_item(HEAVY_LICENCES, "2025-12-04"), text_item(MAGNET_SHIPMENTS, "2025-12-08")
    shared = set(licences.classification.elements) & set(shipments.classification.elements)
    assert shared and shared != set(licences.classification.elements)
    assert same_incident(licences, shipments)


def test_the_same_follow_up_weeks_later_needs_more_than_the_facts() -> None:
    licences, shipments = text_item(HEAVY_LICENCES, "2025-12-04"), text_item(MAGNET_SHIPMENTS, "2026-01-20")
    assert not same_incident(licences, shipments)


def test_a_chinese_answer_days_later_joins_the_english_report() -> None:
    assert same_incident(text_item(DUAL_USE_BAN, "2026-01-06"), text_item(DUAL_USE_QA, "2026-01-08"))


def test_another_measure_against_the_same_country_that_week_stays_apart() -> None:
    ban, answer = text_item(DUAL_USE_BAN, "2026-01-06"), text_item(DUAL_USE_QA, "2026-01-08")
    probe = text_item(ANTI_DUMPING_PROBE, "2026-01-07")
    assert not same_incident(ban, probe)
    assert not same_incident(answer, probe)
    first, second, third = incidents((DUAL_USE_BAN, "2026-01-06"), (ANTI_DUMPING_PROBE, "2026-01-07"),
                                     (DUAL_USE_QA, "2026-01-08"))
    assert first == third != second


def test_a_leader_named_in_a_headline_stands_for_the_government() -> None:
    assert "CN" in actors("Trump and Xi agree one-year truce after talks\nThe two leaders met.")
    assert actors("习近平同特朗普通电话\n两国元首通话。")[0] == "CN"
    assert actors("Takaichi rejects Beijing's demand\nTokyo will not retract remarks.")[0] == "JP"


# --- a rank is not an announcement number ---

def test_a_rank_is_not_an_announcement_number() -> None:
    assert anchors("China, the world's No. 1 producer, and the No. 2 economy") == []
    assert anchors("Announcement No. 61 and No. 62 of 2025") == ["no:61", "no:62"]
    ranked = text_item(
        "China grants year-long licences for rare earth exports\n"
        "China, the world's No. 1 producer of rare earths, has started granting general licences that "
        "let exporters ship samarium, terbium and dysprosium to regular customers for a year, the "
        "commerce ministry said on Thursday.", "2025-12-04")
    numbered = text_item(
        "MOFCOM confirms general licences for controlled rare earths\n"
        "The commerce ministry said exporters of items controlled under Announcement No. 18 of 2025 may "
        "now apply for general licences valid for one year, replacing case-by-case reviews of each cargo.",
        "2025-12-05")
    assert same_incident(ranked, numbered)


# --- a measure's name as a Chinese report writes it ---

def test_named_measures_in_chinese_sentences() -> None:
    assert anchors("美方通知英伟达H20芯片对华出口需许可") == ["named:h20"]
    assert anchors("美方暂停实施出口管制50%穿透性规则一年") == ["named:affiliates"]
    assert anchors("限制高带宽存储芯片对华出口") == ["named:hbm"]
    # Days and numbers read as before around the spacing of Latin names.
    assert anchors("商务部10月9日发布公告2025年第61号") == ["date:10-09", "no:61"]


def test_a_headline_opening_on_a_stamp_word_is_still_the_headline() -> None:
    assert headline("Updated export rules take effect\nThe rules apply from Monday.")[0] == \
        "Updated export rules take effect"
    assert headline("Published: 2025-12-04 10:44\nChina grants licences\nThe first were issued.")[0] == \
        "China grants licences"


# --- a new permission that replaces another takes nothing away ---

def test_a_licence_replacing_case_by_case_approvals_is_a_grant() -> None:
    replacing = (
        "China grants general licences for rare earth exports\n"
        "The year-long permits, replacing case-by-case approvals for each cargo, went to a first group of "
        "magnet makers and cover samarium, terbium and dysprosium, the commerce ministry said on Thursday.")
    assert action(replacing) == "grant"
    assert same_incident(text_item(replacing, "2025-12-04"), text_item(HEAVY_LICENCES, "2025-12-04"))


# --- the round of talks a measure came from is context, not the measure ---

def test_reports_of_a_measure_naming_the_summit_or_the_talks_before_it_join() -> None:
    summit = text_item(
        "China grants general licences for rare earth exports after Busan summit\n"
        "China's commerce ministry has begun issuing general licences for exports of samarium, "
        "gadolinium, terbium and dysprosium, a step it promised after Xi Jinping met Donald Trump in "
        "Busan, the ministry said on Thursday.", "2025-12-04")
    talks = text_item(
        "商务部：已批准部分稀土出口通用许可申请\n"
        "商务部新闻发言人4日表示，根据中美吉隆坡经贸磋商共识，商务部已依法批准部分钐、钆、铽、镝等稀土"
        "相关物项出口通用许可申请，有效期一年。", "2025-12-04")
    assert {"venue:busan", "venue:kuala lumpur"} == {
        a for a in summit.anchor_set() | talks.anchor_set() if a.startswith("venue:")}
    assert same_incident(summit, talks)


def test_two_rounds_of_talks_stay_apart() -> None:
    geneva = text_item(
        "US and China agree to cut tariffs after Geneva talks\n"
        "Negotiators meeting in Geneva agreed on Monday to lower reciprocal tariffs for 90 days, "
        "and China said it would ease its rare earth export reviews.", "2025-05-12")
    london = text_item(
        "US and China agree framework in London talks\n"
        "Negotiators meeting in London agreed on Tuesday on a framework to restore the Geneva truce, "
        "with China to speed rare earth export licences.", "2025-06-10")
    assert not same_incident(geneva, london)


# --- one broad measure whose reports name different minerals from its list ---

def test_reports_of_one_ban_naming_different_minerals_from_its_list_join() -> None:
    gallium = text_item(
        "China bans dual-use exports to Japan's military\n"
        "China's commerce ministry on Tuesday banned exports of all dual-use items to Japanese military "
        "users and for any use that would strengthen Japan's military, with immediate effect. Items on "
        "the dual-use list include gallium, germanium and antimony.", "2026-01-06")
    rare_earths = text_item(
        "中国禁止两用物项对日本军事用户出口\n"
        "商务部6日宣布，即日起禁止所有两用物项对日本军事用户、军事用途以及一切有助于提升日本军事实力的"
        "最终用户用途出口。两用物项清单包括稀土等物项。", "2026-01-06")
    assert not set(gallium.classification.elements) & set(rare_earths.classification.elements)
    assert same_incident(gallium, rare_earths)


def test_two_suspensions_that_week_on_different_minerals_stay_apart() -> None:
    rare_earths = text_item(
        "China suspends October rare earth export controls for a year\n"
        "China's commerce ministry said on Friday it would suspend for one year the rare earth export "
        "controls it announced on October 9, including the rules on rare earth technologies.",
        "2025-11-07")
    gallium = text_item(
        "China suspends ban on gallium and germanium exports to the US\n"
        "China's commerce ministry said on Sunday it had suspended until November 2026 its ban on "
        "exports of gallium, germanium and antimony to the United States.", "2025-11-09")
    assert not same_incident(rare_earths, gallium)
