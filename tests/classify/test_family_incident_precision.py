"""Reports that share a product, a season or a kind of step but not the development stay apart
(two governments' opposite acts on one chip, two rounds of talks, a control suspended against a
sanction suspended); later steps under one measure (its first licences, its suspension, a mine's
restart) join it."""

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
