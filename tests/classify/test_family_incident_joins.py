"""Reports that only sit near one development stay out of its incident: a signed op-ed on the
topic, a round of talks beside the suspension notice that carried out its deal, a remark on a
tariff for chips beside a report of another tariff that cites the same statute, an order carrying
out a summit's deal beside the summit's report, two suspensions of different measures under one
deal. Reports of the one development still join."""

from __future__ import annotations

from datetime import UTC, datetime

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_facts import opinion
from chokewatch.shared.core.reading.incident_policy import item, member
from chokewatch.shared.core.reading.incident_rules import Item, same_incident
from chokewatch.shared.messages import EventType


def text_item(text: str, when: str | None) -> Item:
    at = datetime.fromisoformat(when).replace(tzinfo=UTC) if when else None
    return item(member(classify(text), text, "", at))


# --- a signed op-ed on a suspension, beside the reports of the suspension ---

SUSPENSION_WIRE = (
    "China suspends sweeping rare earth export controls for one year\n"
    "BEIJING, Nov 8 - China's commerce ministry said on Saturday it would suspend for one year the "
    "export controls on rare earths, rare earth technology and magnet equipment it announced in "
    "October, in a notice that takes effect on November 10. Licence requirements for the seven "
    "rare earths listed in April stay in place, the ministry said.")
SUSPENSION_TRADE_PRESS = (
    "Rare earth controls paused: what MOFCOM's notice does and does not change\n"
    "The Ministry of Commerce has suspended until November 2026 the rare earth export rules it "
    "issued in October, covering holmium, erbium, thulium, europium and ytterbium along with "
    "processing technology. Exporters said on Monday that the April licensing for dysprosium and "
    "terbium continues.")
OPED_HEADLINED = (
    "Opinion | Beijing's pause on rare earths buys a year, not security\n"
    "Relief greeted the suspension of China's rare earth export rules. It should not have. Rules "
    "lifted for a year can return overnight, and the licences for heavy rare earths demanded since "
    "the spring still bind every magnet maker. Europe should spend the year on separation plants "
    "and long purchase contracts, not on another strategy paper.")
OPED_SIGNED = (
    "A pause on rare earths is not a plan\n"
    "China's suspension of its rare earth export rules lets carmakers breathe, but only for a "
    "year. Buyers who learned nothing from the spring shortages of dysprosium and terbium magnets "
    "will be caught again when the pause ends. Stockpiles and price floors are no substitute for "
    "mines and refineries outside China.\n"
    "The author is a former negotiator at the trade ministry.")


def test_opinion_pieces_are_told_by_their_label_or_their_writers_line() -> None:
    assert opinion(OPED_HEADLINED)
    assert opinion(OPED_SIGNED)
    assert not opinion(SUSPENSION_WIRE)
    assert not opinion(SUSPENSION_TRADE_PRESS)


def test_an_op_ed_on_a_suspension_stays_out_of_the_suspensions_incident() -> None:
    report = text_item(SUSPENSION_WIRE, "2025-11-08")
    for oped in (OPED_HEADLINED, OPED_SIGNED):
        piece = text_item(oped, "2025-11-13")
        assert not same_incident(report, piece)
        assert not same_incident(text_item(SUSPENSION_TRADE_PRESS, "2025-11-10"), piece)


def test_two_reports_of_the_suspension_still_join() -> None:
    assert same_incident(text_item(SUSPENSION_WIRE, "2025-11-08"),
                         text_item(SUSPENSION_TRADE_PRESS, "2025-11-10"))


# --- a round of talks, and the suspension notice that later carried out its deal ---

TALKS_PAUSE = (
    "US, China negotiators agree to pause rare earth curbs after two days of talks\n"
    "KUALA LUMPUR, Oct 26 - Chinese and U.S. trade negotiators said on Sunday they had reached a "
    "preliminary consensus in talks in Kuala Lumpur under which Beijing would delay its new rare "
    "earth export controls and Washington would hold off on higher tariffs, setting up a meeting "
    "between the two presidents later this week.")
NOTICE_PAUSE = (
    "商务部公告：暂停实施10月发布的稀土相关出口管制措施\n"
    "商务部11月7日发布公告，决定自2025年11月10日起暂停实施商务部公告2025年第61号、第62号所列"
    "稀土相关出口管制措施，暂停期至2026年11月10日。")


def test_a_round_of_talks_and_the_later_suspension_notice_stay_apart() -> None:
    talks, notice = text_item(TALKS_PAUSE, "2025-10-26"), text_item(NOTICE_PAUSE, "2025-11-07")
    assert talks.classification.event_type is EventType.trade_talks
    assert notice.classification.event_type is not EventType.trade_talks
    assert not same_incident(talks, notice)


def test_two_reports_of_the_suspension_notice_still_join() -> None:
    wire = ("China formally suspends October rare earth controls\n"
            "China's commerce ministry on Friday published an announcement suspending until "
            "November 10, 2026 the export controls in its Announcement No. 61 and No. 62 on rare "
            "earths and rare earth technology.")
    assert same_incident(text_item(NOTICE_PAUSE, "2025-11-07"), text_item(wire, "2025-11-07"))


# --- a remark on a chip tariff under Section 232, and a report of a tariff citing it ---

CHIP_TARIFF_REMARK = (
    "Chip levy of about 100% coming, president says\n"
    "President Trump told reporters on Wednesday that semiconductors and chips imported into the "
    "United States would face a tariff of roughly 100% under the Section 232 investigation, with "
    "exemptions for companies that build chip plants in America.")
TARIFF_REPORT = (
    "Duties on Chinese imports rise to 125% as tariff fight escalates\n"
    "The White House raised the reciprocal tariff on goods from China to 125% on Wednesday, on top "
    "of the fentanyl tariff, while pausing higher rates for other trading partners for 90 days. "
    "Steel and car imports stay under separate Section 232 duties.")


def test_a_chip_tariff_remark_and_another_tariff_citing_the_statute_stay_apart() -> None:
    report, remark = text_item(TARIFF_REPORT, "2025-04-09"), text_item(CHIP_TARIFF_REMARK, "2025-08-06")
    assert "named:section 232" in report.anchor_set() & remark.anchor_set()
    assert not same_incident(report, remark)


def test_two_reports_of_the_chip_tariff_still_join() -> None:
    other = ("Trump flags 100% semiconductor tariff, exempts firms building in US\n"
             "Imported chips will be hit with a tariff of about 100% under Section 232, President "
             "Trump said on Wednesday, but companies investing in American chip factories will be "
             "spared, he said alongside Apple's chief executive.")
    assert same_incident(text_item(CHIP_TARIFF_REMARK, "2025-08-06"), text_item(other, "2025-08-07"))


# --- a leaders' meeting, and the order issued a week later to carry out what it agreed ---

SUMMIT = (
    "Trump and Xi agree to lower tariffs and keep rare earths flowing after Busan meeting\n"
    "BUSAN - President Donald Trump said on Thursday he would cut the tariff on Chinese goods tied "
    "to fentanyl to 10% from 20% after meeting Chinese President Xi Jinping, while Beijing would "
    "put off its new rare earth export rules for a year and buy American soybeans again. The two "
    "leaders met for about an hour and a half.")
ORDER_EN = (
    "Fentanyl tariff on China cut to 10% under new executive order\n"
    "President Trump signed an executive order on Tuesday reducing the fentanyl-related tariff on "
    "imports from China to 10% from 20% from November 10, carrying out what he agreed with Xi "
    "Jinping at their meeting in South Korea. A second order keeps the reciprocal tariff on "
    "Chinese goods at 10% for another year.")
ORDER_ZH = (
    "美国下调对华芬太尼关税至10%\n"
    "美国总统特朗普4日签署行政令，自11月10日起将对中国商品加征的芬太尼相关关税由20%降至10%，"
    "以落实中美元首釜山会晤达成的共识。另一项行政令将24%对等关税的暂停期延长一年。")


def test_an_order_carrying_out_a_summits_deal_stays_apart_from_the_summit_report() -> None:
    summit = text_item(SUMMIT, "2025-10-30")
    for order in (ORDER_EN, ORDER_ZH):
        assert not same_incident(summit, text_item(order, "2025-11-05"))


def test_reports_of_the_order_still_join_each_other() -> None:
    assert same_incident(text_item(ORDER_EN, "2025-11-05"), text_item(ORDER_ZH, "2025-11-05"))


def test_reports_of_the_summit_still_join_each_other() -> None:
    other = ("Xi, Trump meeting yields one-year truce on tariffs and rare earths\n"
             "Chinese President Xi Jinping and U.S. President Donald Trump met in Busan on Thursday "
             "and agreed that Washington would halve the fentanyl tariff to 10% and that China would "
             "suspend its October rare earth export controls for a year, officials said.")
    assert same_incident(text_item(SUMMIT, "2025-10-30"), text_item(other, "2025-10-30"))


# --- one deal suspends two measures of different kinds on one day, in notices worded alike ---

PAUSE_COUNTERMEASURES = (
    "Commerce ministry suspends countermeasures on US units of Korean shipbuilder\n"
    "The Ministry of Commerce said on Monday that, in line with the consensus of the recent "
    "economic and trade consultations, it will suspend for one year from November 10 the "
    "countermeasures it took on October 14 against five US subsidiaries of a South Korean "
    "shipbuilder. The ministry said the suspension runs until November 10, 2026.")
# A notice naming the measures it suspends by number only, in the ministry's own words.
PAUSE_BY_NUMBER = (
    "关于暂停实施有关公告的公告（商务部公告2025年第72号）\n"
    "根据中美经贸磋商共识，商务部决定：自2025年11月10日起，暂停实施商务部公告2025年第55号、第57号、"
    "第58号，暂停期一年，至2026年11月10日止。\n特此公告。\n商务部\n2025年11月7日")
PAUSE_COUNTERMEASURES_ZH = (
    "商务部：暂停对韩华海洋美国子公司的反制措施一年\n"
    "商务部11月10日宣布，根据中美经贸磋商共识，自2025年11月10日起，暂停实施10月14日对韩华海洋株式会社"
    "五家美国子公司采取的反制措施，暂停期一年，至2026年11月10日止。")


def test_two_suspensions_of_different_measures_days_apart_stay_apart() -> None:
    numbers = text_item(PAUSE_BY_NUMBER, "2025-11-07")
    firms = text_item(PAUSE_COUNTERMEASURES_ZH, "2025-11-10")
    assert numbers.follow_up == firms.follow_up == "pause"
    assert not same_incident(numbers, firms)


def test_two_reports_of_one_suspension_of_countermeasures_still_join() -> None:
    other = ("China pauses sanctions on Hanwha Ocean's American subsidiaries\n"
             "China will suspend for a year, from November 10, the countermeasures imposed on "
             "October 14 on five US-based units of Hanwha Ocean, the commerce ministry said, "
             "following the recent trade consultations with Washington.")
    for report in (PAUSE_COUNTERMEASURES, PAUSE_COUNTERMEASURES_ZH):
        assert same_incident(text_item(report, "2025-11-10"), text_item(other, "2025-11-10"))


GENEVA_TALKS = (
    "US and China agree to slash tariffs for 90 days after Geneva talks\n"
    "GENEVA - The United States and China said on Monday they had agreed in talks in Geneva to cut "
    "the tariffs they imposed on each other in April for 90 days: U.S. duties on Chinese goods "
    "fall to 30% from 145% and Chinese duties on American goods to 10% from 125%.")
GENEVA_CUT_NEXT_DAY = (
    "Tariff cuts take effect Wednesday, carrying out the Geneva agreement\n"
    "The White House confirmed on Tuesday that U.S. tariffs on Chinese imports will drop to 30% from "
    "145% from Wednesday for 90 days, carrying out the agreement reached in Geneva, while China "
    "lowers its duties on U.S. goods to 10%.")


def test_a_report_of_the_deals_cut_the_next_day_still_joins_the_talks() -> None:
    talks, cut = text_item(GENEVA_TALKS, "2025-05-12"), text_item(GENEVA_CUT_NEXT_DAY, "2025-05-13")
    assert cut.carries_out and talks.meeting
    assert same_incident(talks, cut)


def test_a_control_implemented_is_not_a_deal_carried_out() -> None:
    notice = ("China implements export controls on gallium and germanium items\n"
              "China's commerce ministry said it is implementing export controls on gallium and "
              "germanium items from August 1 to safeguard national security.")
    assert not text_item(notice, "2023-07-03").carries_out
