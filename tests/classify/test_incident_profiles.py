"""Profiles of a text's particulars, and the incident rules built on them (short texts written
from facts, not copied from any outlet)."""

from __future__ import annotations

from datetime import UTC, datetime

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.hanzi import simplified
from chokewatch.shared.core.reading.incident_facts import actors, profile, script, subject
from chokewatch.shared.core.reading.incident_policy import IncidentBook, item, member
from chokewatch.shared.core.reading.incident_rules import JOIN, same_incident, tie

NEXPERIA_WIRE = (
    "China to exempt some Nexperia chip exports from its ban\n\n"
    "BEIJING, Nov 1 - China's commerce ministry said on Saturday it will grant exemptions to "
    "Nexperia chip exports that meet its criteria, easing a ban that has hit carmakers in "
    "Germany and Japan. The Dutch government took control of the chipmaker in September.\n"
    "Share this article | Follow us | Related: markets"
)
NEXPERIA_LONG = (
    "Beijing eases Nexperia export ban as carmakers run short of chips\n\n"
    "By a staff reporter | Updated 2 hours ago\n"
    "The Ministry of Commerce said it would consider the actual situation of companies and exempt "
    "exports of Nexperia chips that meet the criteria. Automakers in Germany had warned that "
    "production lines could stop within weeks. The row began when the Netherlands invoked an "
    "emergency law to take control of Nexperia, a chipmaker owned by China's Wingtech. "
    "Analysts said the exemption would restore some supply but that uncertainty remains.\n"
    "Advertisement. Subscribe to our newsletter."
)
NEXPERIA_ZH = (
    "商務部：對符合條件的安世半導體出口予以豁免\n\n"
    "商務部新聞發言人11月1日表示，荷蘭政府不當干預安世半導體內部事務，造成全球半導體供應鏈動蕩。"
    "中方將綜合考慮企業實際情況，對符合條件的出口予以豁免。"
)
GRAPHITE_ZH = (
    "商务部公告：对石墨相关物项实施出口管制\n\n"
    "商务部、海关总署发布公告，决定对高纯度石墨相关物项实施出口管制，自12月1日起正式实施。"
)
CHIP_TARIFF = (
    "US imposes 25% tariff on advanced AI chips under Section 232\n\n"
    "The president signed a proclamation imposing a 25% tariff on imports of certain advanced "
    "semiconductors and AI chips, citing national security. Chips used in US data centers are "
    "exempt. The Commerce Department will review the chip market again."
)
MINERAL_TARIFF = (
    "US opens talks instead of tariffs on processed critical minerals under Section 232\n\n"
    "The president signed a proclamation on processed critical minerals and their derivative "
    "products, choosing negotiations with suppliers over an immediate tariff on rare earths, "
    "lithium, cobalt and graphite. The Commerce Department found the mineral imports threaten "
    "national security."
)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def text_item(text: str, day: str | None = None):
    return item(member(classify(text), text, "", at(day) if day else None))


def test_one_story_with_different_length_and_page_furniture_is_one_incident() -> None:
    wire, long = text_item(NEXPERIA_WIRE, "2025-11-01"), text_item(NEXPERIA_LONG, "2025-11-02")
    graphite = text_item("China will require export licences for some graphite items from "
                         "December 1, the commerce ministry said.", "2025-11-01")
    assert tie(wire, long) >= JOIN and same_incident(wire, long)
    assert tie(wire, graphite) < tie(wire, long) and not same_incident(wire, graphite)
    furniture = profile(NEXPERIA_LONG)
    assert "nexperia" in furniture and not {"subscribe", "advertisement", "updated"} & set(furniture)


def test_a_chinese_report_joins_the_english_one_and_not_another_measure() -> None:
    assert script(NEXPERIA_ZH) == "cjk" and script(NEXPERIA_WIRE) == "latin"
    wire, zh = text_item(NEXPERIA_WIRE, "2025-11-01"), text_item(NEXPERIA_ZH, "2025-11-01")
    graphite = text_item(GRAPHITE_ZH, "2025-11-01")
    assert "c:nexperia" in zh.profile and "c:exempt" in zh.profile
    assert same_incident(wire, zh)
    assert not same_incident(wire, graphite)


def test_traditional_characters_read_as_simplified() -> None:
    assert simplified("商務部對鎵、鍺實施出口管制") == "商务部对镓、锗实施出口管制"
    assert simplified("plain English") == "plain English"
    terms = set(profile("中國商務部公告：對鎵、鍺相關物項實施出口管制"))
    assert terms >= {"c:gallium", "c:germanium", "c:mofcom"}


def test_a_chip_measure_and_a_mineral_measure_stay_apart_on_one_day() -> None:
    assert (subject(CHIP_TARIFF), subject(MINERAL_TARIFF)) == ("chips", "minerals")
    chips, minerals = text_item(CHIP_TARIFF, "2026-01-14"), text_item(MINERAL_TARIFF, "2026-01-14")
    assert not same_incident(chips, minerals)


def test_headlines_led_by_different_governments_stay_apart() -> None:
    china = "China bans exports of gallium to military users\n\nThe ban takes effect today."
    japan = "Japan bans exports of gallium to military users\n\nThe ban takes effect today."
    assert actors(china)[0] == "CN" and actors(japan)[0] == "JP"
    assert not same_incident(text_item(china, "2025-03-01"), text_item(japan, "2025-03-01"))
    # A headline naming the other's government as its target does not keep them apart.
    assert actors("China adds 28 US entities to its export control list\n\nIt said so today.") \
        == ("CN", "CN", "US")


def test_a_duty_rate_to_the_decimal_ties_a_later_report_to_the_decision() -> None:
    prelim = ("US sets preliminary anti-dumping duty of 93.5% on Chinese graphite anode material\n\n"
              "The Commerce Department set a preliminary anti-dumping duty of 93.5% on active anode "
              "material from China, pending a final determination.")
    later = ("Battery makers brace for 93.5% graphite duty after final ruling\n\n"
             "Cell producers in Georgia and Tennessee said the 93.5% rate confirmed this week would "
             "raise their costs, as few suppliers outside China can ship anode grade graphite.")
    a = text_item(prelim, "2025-07-17")
    assert same_incident(a, text_item(later, "2026-03-13"))
    # The same report without the rate shares too little with the decision to join it.
    assert not same_incident(a, text_item(later.replace("93.5%", "steep"), "2026-03-13"))


def test_a_report_read_as_commentary_still_joins_its_development() -> None:
    book = IncidentBook()
    news = book.assign("wire", classify(NEXPERIA_WIRE), NEXPERIA_WIRE, "", at("2025-11-01"))
    essay = ("What the Nexperia exemption means\n\nChina's commerce ministry said it would exempt "
             "Nexperia chip exports that meet its criteria, easing a ban that hit carmakers in "
             "Germany and Japan after the Dutch government took control of the chipmaker. "
             "Analysts think supply may recover slowly.")
    later = book.assign("essay", classify(essay), essay, "", at("2025-11-03"))
    assert later.incident_id == news.incident_id and not later.is_new


def test_the_same_count_of_items_ties_the_reports_of_one_listing() -> None:
    first = ("Japan to curb exports of chipmaking tools\n\nTokyo said it will add 23 items of "
             "semiconductor manufacturing equipment, including lithography and etching machines, "
             "to its export control list from July.")
    later = ("Japanese chip equipment rules take effect\n\nExporters now need a licence to ship 23 "
             "items of cleaning, deposition and etching machinery to most destinations, the trade "
             "ministry said.")
    a = text_item(first, "2023-03-31")
    assert same_incident(a, text_item(later, "2023-05-23"))
    assert not same_incident(a, text_item(later.replace("23 items of", "several kinds of"), "2023-05-23"))


def test_a_chinese_day_of_the_month_reads_as_a_recent_date() -> None:
    from datetime import date

    from chokewatch.shared.core.reading.incident_facts import terms

    found = terms("商务部9日宣布暂停实施铟出口管制，30日内完成审查。", date(2025, 11, 10))
    assert found["day:11-09"] == 1 and "days:30" in found
    assert "day:10-30" in terms("商务部30日宣布新措施。", date(2025, 11, 2))  # the month before
    assert not any(t.startswith("day:") for t in terms("商务部9日宣布新措施。"))  # undated: unknown
    # An English text's calendar days are read from its own words only.
    assert not any(t.startswith("day:") for t in terms("Officials spoke for 9 days.", date(2025, 11, 10)))
