"""Reports that share a product, a season or a kind of step but not the development stay apart
(two governments' opposite acts on one chip, two rounds of talks); later steps under one measure
(its first licences, a second report of its suspension) join it."""

from __future__ import annotations

from datetime import UTC, datetime

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_policy import item, member
from chokewatch.shared.core.reading.incident_rules import Item, same_incident


def text_item(text: str, when: str | None) -> Item:
    at = datetime.fromisoformat(when).replace(tzinfo=UTC) if when else None
    return item(member(classify(text), text, "", at))


# --- one government allows a chip's sale, another blocks its purchase ---

US_ALLOWS = (
    "Washington clears Nvidia to resume H20 shipments to China\n"
    "The U.S. Commerce Department has told Nvidia it will grant licences to sell its H20 artificial "
    "intelligence chips to Chinese customers, reversing an April requirement, the company said on "
    "Monday. AMD said it expected similar approval for its MI308 chips.")
CN_BLOCKS = (
    "China tells tech firms to halt purchases of Nvidia's H20 chips\n"
    "Chinese regulators have instructed major technology companies to stop buying Nvidia's H20 "
    "chips, citing security concerns, people familiar with the matter said on Wednesday. The "
    "instruction covers orders already placed for the H20 accelerators.")


def test_one_government_allowing_a_chip_and_another_blocking_it_stay_apart() -> None:
    allows, blocks = text_item(US_ALLOWS, "2025-07-14"), text_item(CN_BLOCKS, "2025-08-13")
    assert allows.classification.issuer != blocks.classification.issuer
    assert not same_incident(allows, blocks)


def test_a_chinese_report_of_its_own_block_stays_apart_from_the_us_permission() -> None:
    block_zh = ("中国海关通知代理商：英伟达H200芯片暂不准许进口\n"
                "据知情人士透露，中国海关近日告知报关代理，英伟达H200人工智能芯片不被准许进入中国，"
                "并要求国内科技企业非必要不得采购该芯片。")
    allow_en = ("Trump says Nvidia may sell H200 chips to approved customers in China\n"
                "President Donald Trump said on Monday the United States would allow Nvidia to ship "
                "its H200 AI chips to approved customers in China, with the government taking a 25% "
                "cut, and that AMD and Intel would get the same terms.")
    allows, blocks = text_item(allow_en, "2025-12-08"), text_item(block_zh, "2026-01-14")
    assert not same_incident(allows, blocks)


def test_one_governments_licence_rule_and_anothers_purchase_ban_on_one_chip_stay_apart() -> None:
    rule = ("US requires licences for Nvidia H20 sales to China\n"
            "The U.S. government has informed Nvidia that exports of its H20 chips to China will require "
            "a licence indefinitely, the company said in a filing on Tuesday, warning of a $5.5 billion "
            "charge.")
    assert not same_incident(text_item(rule, "2025-04-16"), text_item(CN_BLOCKS, "2025-05-13"))


# --- a later round of talks that names the earlier round's place ---

MADRID = (
    "US and China reach framework in Madrid talks\n"
    "Treasury Secretary Scott Bessent and Vice Premier He Lifeng concluded two days of talks in Madrid "
    "on Monday with a framework on the TikTok app and agreed to keep negotiating on tariffs and "
    "export controls, officials from both sides said.")
LATER_ROUND = (
    "Negotiators build on Madrid framework as new round of US-China talks opens\n"
    "Chinese and American trade negotiators met again on Saturday for talks in Kuala Lumpur, "
    "seeking a deal on rare earth export controls and port fees ahead of a planned meeting between "
    "the two presidents, officials said.")


def test_a_later_round_naming_the_earlier_rounds_place_stays_apart() -> None:
    madrid, later = text_item(MADRID, "2025-09-15"), text_item(LATER_ROUND, "2025-10-25")
    assert "venue:madrid" in madrid.anchor_set() & later.anchor_set()
    assert not same_incident(madrid, later)


def test_reports_of_one_round_days_apart_still_join() -> None:
    zh = ("中美马德里经贸会谈达成基本框架共识\n"
          "中美经贸团队在马德里举行会谈，双方就妥善解决TikTok相关问题、减少投资壁垒等达成基本框架共识，"
          "同意继续就关税和出口管制问题保持沟通。")
    assert same_incident(text_item(MADRID, "2025-09-15"), text_item(zh, "2025-09-16"))


# --- licences issued later under a control belong to the control ---

SEVEN_CONTROL = (
    "Beijing adds seven rare earths to export control list\n"
    "China's Ministry of Commerce said on Friday that exports of samarium, gadolinium, terbium, "
    "dysprosium, lutetium, scandium and yttrium, and of magnets containing them, now need a licence, "
    "with immediate effect, days after Washington raised tariffs on Chinese goods.")
FIRST_PERMITS = (
    "Exporters of heavy rare earths win first permits since April curbs\n"
    "A handful of Chinese producers have received the first licences to ship dysprosium and terbium "
    "since the April controls, traders said on Tuesday, allowing some shipments to carmakers in "
    "Europe to go ahead.")
FIRST_PERMITS_ZH = (
    "商务部已批准部分稀土出口许可申请\n"
    "商务部新闻发言人周四表示，自4月对钐、钆、铽、镝等中重稀土实施出口管制以来，商务部已依法批准了"
    "一定数量的合规出口申请，并将继续加快审批。")


def test_first_licences_under_a_control_join_it() -> None:
    control = text_item(SEVEN_CONTROL, "2025-04-04")
    assert same_incident(control, text_item(FIRST_PERMITS, "2025-06-10"))
    assert same_incident(control, text_item(FIRST_PERMITS_ZH, "2025-06-12"))


def test_a_new_control_taking_effect_months_later_does_not_join_the_april_one() -> None:
    later = (
        "China's controls on five more rare earths take effect\n"
        "Export licences are now required for holmium, erbium, thulium, europium and ytterbium, "
        "adding to the seven heavy rare earths China listed in April, the commerce ministry said.")
    assert not same_incident(text_item(SEVEN_CONTROL, "2025-04-04"), text_item(later, "2025-11-08"))


# --- reports of one suspension of a sanction on firms ---

SANCTION_PAUSE = (
    "Beijing suspends countermeasures on Hanwha Ocean's US units for a year\n"
    "China will suspend for one year from November 10 the countermeasures it placed on five U.S. "
    "subsidiaries of shipbuilder Hanwha Ocean, the commerce ministry said, citing the consensus of "
    "the recent trade talks. Chinese firms had been barred from dealing with the units since October.")


def test_two_reports_of_one_sanction_suspended_still_join() -> None:
    zh = ("商务部：暂停实施对韩华海洋5家美国子公司的反制措施一年\n"
          "商务部10日宣布，为落实中美经贸磋商共识，自11月10日起暂停实施对韩华海洋株式会社5家美国子公司"
          "采取的反制措施，为期一年。")
    assert same_incident(text_item(SANCTION_PAUSE, "2025-11-10"), text_item(zh, "2025-11-10"))


# --- tariffs set at one round of talks against a round held elsewhere ---

NO_OUTCOME = (
    "US-China tariff talks end in Stockholm with no extension yet\n"
    "Trade officials from both countries ended two days of tariff talks in Stockholm on Tuesday "
    "without agreeing to extend the 90-day tariff truce that lapses on August 12, leaving the "
    "decision to President Trump, the Treasury said.")
EXTENDED = (
    "Trump extends tariff pause on Chinese goods for another 90 days\n"
    "President Trump signed an order on Monday extending by 90 days the tariff truce agreed in "
    "Geneva in May, keeping the additional tariff on Chinese imports at 10% until November 10. "
    "Beijing said it would extend its own tariff pause as well.")


def test_a_truce_extension_and_an_earlier_round_held_elsewhere_stay_apart() -> None:
    talks, extended = text_item(NO_OUTCOME, "2025-07-29"), text_item(EXTENDED, "2025-08-12")
    assert not same_incident(talks, extended)


def test_tariff_reports_of_one_round_still_join() -> None:
    zh = ("美方宣布将对华芬太尼关税下调至10%\n"
          "在釜山会晤后，美方宣布自11月10日起将对中国商品加征的所谓芬太尼关税由20%下调至10%，"
          "对等关税中24%的部分继续暂停一年。")
    en = ("US halves fentanyl tariff on Chinese goods after leaders meet in Busan\n"
          "The United States will cut the so-called fentanyl tariff on Chinese imports to 10% from 20% "
          "from November 10, and keep 24% of its reciprocal tariff suspended for another year, the "
          "White House said after the meeting in Busan.")
    assert same_incident(text_item(en, "2025-11-01"), text_item(zh, "2025-11-02"))

