"""Near-duplicate signatures and the same-incident rule the incident store relies on."""

from __future__ import annotations

from datetime import UTC, datetime

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_rules import Item, anchors, cluster, same_incident
from chokewatch.shared.core.reading.similarity import K, signature, similarity

WIRE = (
    "China's commerce ministry said on Friday it would require licences for exports of "
    "samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium, effective "
    "immediately, in response to new US tariffs. Some magnets are also covered."
)
REWRITE = (
    "Beijing will require licences for exports of samarium, gadolinium, terbium, dysprosium, "
    "lutetium, scandium and yttrium, effective immediately, its commerce ministry said on "
    "Friday, answering new US tariffs. Some magnets are also covered."
)


def item(text: str, title: str = "", when: str = "2025-04-04", key: str = "") -> Item:
    return Item(
        classify(text, title),
        signature(text, title),
        datetime.fromisoformat(when).replace(tzinfo=UTC),
        key=key,
    )


def test_signature_is_stable_across_processes() -> None:
    # blake2b, not hash(): the same text always gives the same numbers.
    assert (
        signature("rare earth export controls tighten")[:2]
        == signature("rare earth export controls tighten")[:2]
    )
    long_text = " ".join(f"word{i} item{i * 7} part{i % 13}" for i in range(400))
    assert len(signature(long_text)) == K


def test_rewrites_score_higher_than_unrelated_texts() -> None:
    unrelated = "The bakery near the station opened a second shop with a garden terrace."
    assert similarity(signature(WIRE), signature(REWRITE)) > similarity(signature(WIRE), signature(unrelated))
    assert similarity(signature(WIRE), signature(WIRE)) == 1.0


def test_anchors() -> None:
    found = anchors("Announcement No. 61 and No. 62 of 2025, effective Dec. 1, after Busan; 第18号")
    assert {"no:61", "no:62", "no:18", "date:12-01", "venue:busan"} <= set(found)


def test_announcement_numbers_in_every_spelling() -> None:
    # Traditional characters and full-width digits, as outlets in Taiwan and Hong Kong write.
    assert "no:46" in anchors("商務部公告２０２４年第４６號對美出口管制")
    assert {"no:61", "no:62"} <= set(anchors("MOFCOM Announcement [2025] No. 61 and 62 on items"))
    assert "no:18" in anchors("under announcement number 18, licences are needed")
    assert "no:58" in anchors("announcement 58 of 2025 covers lithium batteries")
    # A count after the word is not a number of the announcement.
    assert not any(a.startswith("no:") for a in anchors("announcements 12 percent higher, 2025 announcement"))


def test_same_measure_from_two_outlets_is_one_incident() -> None:
    assert same_incident(item(WIRE), item(REWRITE))


def test_different_measures_are_different_incidents() -> None:
    gallium = item(
        "China said exports of gallium and germanium will need licences from August 1.",
        when="2023-07-03",
    )
    assert not same_incident(item(WIRE), gallium)


def test_numbered_announcements_differ() -> None:
    a = item("商务部公告2025年第10号 决定对钨、碲、铋相关物项实施出口管制。")
    b = item("商务部公告2025年第18号 决定对钐、钆、铽相关物项实施出口管制。")
    assert not same_incident(a, b)


def test_commentary_joins_nothing_but_its_copy() -> None:
    essay = item(
        "Rare earths are a group of 17 elements. Investors should watch valuations.",
        title="What are rare earths?",
    )
    assert not same_incident(essay, item(WIRE))


def test_cluster_labels_by_first_member() -> None:
    items = [item(WIRE, key="a"), item("A bakery opened.", key="b"), item(REWRITE, key="c")]
    assert cluster(items) == ["a", "b", "a"]


def test_a_start_date_ahead_is_not_a_citation_of_last_year() -> None:
    old = item("The US raised Section 301 tariffs on graphite and magnets.", when="2024-05-14")
    truce = item(
        "The United States and China will cut tariffs from May 14 for 90 days, they said in Geneva.",
        when="2025-05-12",
    )
    assert not same_incident(old, truce)


def test_report_on_the_announced_start_day_joins_the_order() -> None:
    order = item(
        "The President signed an order imposing an additional 10% tariff on Chinese goods, "
        "effective February 4.",
        when="2025-02-01",
    )
    in_force = item(
        "The additional 10% tariff on Chinese imports came into force on Tuesday.", when="2025-02-04"
    )
    other = item("Japan raised its tariff on steel imports, effective February 4.", when="2025-02-04")
    assert same_incident(order, in_force)
    assert not same_incident(order, other)


def test_notices_issued_together_are_one_package() -> None:
    five = item("商务部公告2025年第58号 决定对钬、铒、铥、铕、镱相关物项实施出口管制。", when="2025-10-09")
    tech = item("商务部公告2025年第62号 决定对稀土开采、冶炼分离技术实施出口管制。", when="2025-10-09")
    later = item(
        "商务部公告2025年第18号 决定对钐、钆、铽、镝、镥、钪、钇相关物项实施出口管制。", when="2025-04-04"
    )
    assert same_incident(five, tech)
    assert not same_incident(five, later)


def test_a_deal_does_not_join_a_measure_it_trades() -> None:
    tariff = item(
        "The United States doubled its fentanyl tariff on Chinese goods to 20%, effective today.",
        when="2025-03-04",
    )
    deal = item(
        "Trump and Xi agreed in Busan that the fentanyl tariff would be cut to 10% and China would "
        "pause its rare earth controls, the leaders said after their talks.",
        title="Trump and Xi agree truce after Busan talks",
        when="2025-10-30",
    )
    assert not same_incident(tariff, deal)
