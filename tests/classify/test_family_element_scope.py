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
