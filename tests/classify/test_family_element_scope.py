"""Element scope: general groups listed beside other goods, background lists and other items
of a newsletter, compounds and ores that name other elements, and a framework deal's own
groups (LABELS, elements)."""

from __future__ import annotations

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.elements import GROUPS

FIVE_ADDED = sorted(GROUPS["added_2025_10"])


def test_a_newsletter_led_by_one_item_keeps_that_items_minerals() -> None:
    c = classify(
        "Critical Minerals Weekly — Tuesday edition\n"
        "In today's issue: Gallium licences resume · Cobalt quota chatter · Week ahead\n\n"
        "China's commerce ministry said on Tuesday it had approved the first export licences for "
        "gallium and germanium since the controls took effect.\n\n"
        "Cobalt: traders await detail on Kinshasa's export quotas."
    )
    assert c.elements == ["Ga", "Ge"]


def test_a_list_that_stays_in_force_beside_a_suspension_is_background() -> None:
    c = classify(
        "Beijing on Friday suspended for a year the export controls on holmium, erbium, thulium, "
        "europium and ytterbium that it unveiled in October. The licensing regime for samarium, "
        "gadolinium, terbium, dysprosium, lutetium, scandium and yttrium stays in force, and "
        "exporters still need a permit for each shipment.",
        title="China pauses controls on five rare earths",
    )
    assert c.elements == FIVE_ADDED


def test_a_tariff_threat_over_rare_earth_curbs_does_not_take_the_april_list() -> None:
    c = classify(
        "Trump vows extra 100% tariff on Chinese goods over rare earth curbs\n"
        "President Donald Trump said on Friday the United States would levy an additional 100% "
        "tariff on imports from China from November 1. Wall Street had its worst session since "
        "April."
    )
    assert c.elements == []


def test_a_duty_threat_citing_export_restrictions_covers_none_of_their_minerals() -> None:
    c = classify(
        "US to slap further 100% duties on China in row over rare-earth export restrictions\n"
        "Washington will add a 100% duty on Chinese imports from Nov. 1, the president wrote on "
        "social media. Shares of carmakers have lagged since early April."
    )
    assert c.elements == []


def test_licences_since_april_still_name_the_april_list() -> None:
    c = classify(
        "Japanese magnet makers still short of rare earths\n"
        "Japanese magnet makers said on Tuesday they were still waiting for Chinese export licences "
        "for rare earths, which exporters have needed since April. Several plants have cut shifts."
    )
    assert c.elements == sorted(GROUPS["medium_heavy_2025_04"])
