"""Long pieces written in the styles a feed delivers: background recaps before or after the
news, reacting governments, market paragraphs, a later start date, a formal Chinese notice, a
client alert with section headings, a digest of several stories, a page wrapped in menus.

The texts in `longform/` are the project's own; each field is held at the floor reached.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chokewatch.services.classify import evaluate

LONGFORM = Path(__file__).resolve().parent / "longform"
FLOORS = {"event_type": 0.94, "direction": 0.94, "status": 0.94, "issuer": 0.94, "chips_involved": 0.94}
ELEMENTS_F1 = 0.90


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate.run(LONGFORM)


def test_every_long_text_is_labelled() -> None:
    texts = sorted(p.name for p in LONGFORM.glob("*.txt"))
    labelled = (LONGFORM / "labels.jsonl").read_text(encoding="utf-8")
    assert len(texts) >= 15
    assert all(name in labelled for name in texts)


@pytest.mark.parametrize(("field", "floor"), sorted(FLOORS.items()))
def test_long_texts_field_floor(report: dict, field: str, floor: float) -> None:
    assert report["fields"][field]["accuracy"] >= floor, evaluate.render(report)


def test_long_texts_elements_floor(report: dict) -> None:
    assert report["elements"]["f1"] >= ELEMENTS_F1, evaluate.render(report)
