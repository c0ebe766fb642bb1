"""Properties that hold for any input: classify never fails, output validates, noise is inert."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.similarity import signature, similarity
from chokewatch.shared.messages import Classification

EVENT = (
    "China's commerce ministry said on Thursday that exports of holmium, erbium and thulium "
    "items will need a licence from December 1, 2025."
)
UNRELATED = [
    "The weather in Lisbon was mild over the weekend.",
    "A new bakery opened near the station.",
    "Football fans queued for hours for tickets.",
    "The museum extended its opening hours in summer.",
]
words = st.sampled_from(
    [
        "rare",
        "earth",
        "Dy",
        "Y",
        "Nd",
        "In",
        "export",
        "controls",
        "China",
        "US",
        "suspend",
        "tariff",
        "镝",
        "出口管制",
        "公告",
        "will",
        "could",
        ".",
        "\n",
        "Model",
        "terbium",
        "chips",
        "2025",
        "No.",
        "第",
        "号",
        "licence",
        "$MP",
        "(",
        ")",
        "—",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.text(max_size=60))
def test_never_raises_and_validates(text: str, title: str) -> None:
    result = classify(text, title)
    Classification.model_validate(result.model_dump())
    assert 0.0 <= result.severity <= 1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=80).map(" ".join), st.sampled_from(["", "Headline"]))
def test_domain_word_soup_never_raises(text: str, title: str) -> None:
    result = classify(text, title)
    assert result.incident_id is None
    assert set(result.evidence) <= {
        "event_type",
        "direction",
        "status",
        "issuer",
        "elements",
        "chips_involved",
        "effective_date",
        "anchors",
    }


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(UNRELATED), min_size=1, max_size=4))
def test_unrelated_sentences_do_not_change_the_event(extra: list[str]) -> None:
    base = classify(EVENT, "China adds three rare earths to export controls")
    padded = classify(EVENT + " " + " ".join(extra), "China adds three rare earths to export controls")
    assert padded.elements == base.elements
    assert (padded.event_type, padded.direction, padded.status) == (
        base.event_type,
        base.direction,
        base.status,
    )


def test_classify_is_deterministic() -> None:
    assert classify(EVENT) == classify(EVENT)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_similarity_is_a_bounded_symmetric_estimate(a: str, b: str) -> None:
    sa, sb = signature(a), signature(b)
    assert 0.0 <= similarity(sa, sb) <= 1.0
    assert similarity(sa, sb) == similarity(sb, sa)
    if sa:
        assert similarity(sa, sa) == 1.0
