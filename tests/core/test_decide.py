"""Alert decisions: one alert per incident, updates only for a material rise or a flip."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from chokewatch.shared.core.decide import MATERIAL_RISE, Prior, decide
from chokewatch.shared.core.score import ScoreResult
from chokewatch.shared.messages import Classification, Direction, EventType

# --- builders -------------------------------------------------------------------------------


def event(direction: Direction = Direction.tightening, kind=EventType.mineral_export_control):
    return Classification(elements=["Dy"], event_type=kind, direction=direction, issuer="CN")


def scored(value: float) -> ScoreResult:
    return ScoreResult(score=value)


def alerted(value: float, revision: int = 1, direction=Direction.tightening) -> Prior:
    return Prior(score=value, direction=direction, revision=revision)


def run(prior, value, *, revision=1, direction=Direction.tightening, threshold=40.0, muted=()):
    return decide(prior, scored(value), event(direction), revision=revision, threshold=threshold, muted=muted)


# --- first alert ----------------------------------------------------------------------------


def test_first_time_above_threshold_is_new():
    d = run(None, 55.0)
    assert (d.send, d.kind) == (True, "new")
    assert d.record == alerted(55.0)


def test_exactly_at_threshold_alerts():
    assert run(None, 40.0).send


def test_below_threshold_is_not_sent_and_leaves_nothing_to_remember():
    d = run(None, 39.9)
    assert (d.send, d.kind, d.reason) == (False, None, "below threshold 40")
    assert d.record is None


def test_zero_never_alerts_even_at_threshold_zero():
    d = run(None, 0.0, threshold=0)
    assert (d.send, d.reason) == (False, "not exposed")


def test_muted_event_type():
    d = run(None, 90.0, muted=[EventType.mineral_export_control])
    assert (d.send, d.reason) == (False, "muted event type")


def test_a_later_revision_crossing_the_threshold_is_new():
    first = run(None, 30.0, revision=1)
    d = run(first.record, 45.0, revision=2)
    assert (d.send, d.kind) == (True, "new")
    assert d.record == alerted(45.0, revision=2)


# --- after the first alert ------------------------------------------------------------------


def test_the_same_revision_is_never_sent_twice():
    d = run(alerted(55.0), 95.0, revision=1, direction=Direction.easing)
    assert (d.send, d.reason, d.late) == (False, "already alerted for revision 1", False)
    assert d.record == alerted(55.0)


def test_an_older_revision_than_the_last_alert_is_late_and_not_sent():
    d = run(alerted(40.0, revision=2, direction=Direction.easing), 95.0, revision=1)
    assert (d.send, d.late) == (False, True)
    assert d.reason == "revision 1 arrived after revision 2 was alerted"
    assert d.record == alerted(40.0, revision=2, direction=Direction.easing)


def test_a_material_rise_is_an_update():
    d = run(alerted(50.0), 65.0, revision=2)
    assert (d.send, d.kind, d.reason) == (True, "update", "score rose by 15 ≥ 10")
    assert d.record == alerted(65.0, revision=2)


def test_a_small_rise_is_not_sent_and_keeps_the_last_alert_as_baseline():
    d = run(alerted(50.0), 55.0, revision=2)
    assert not d.send and "already alerted" in d.reason
    assert d.record == alerted(50.0)
    # creeping up revision by revision still triggers once the total rise is material
    assert run(d.record, 60.0, revision=3).kind == "update"


def test_a_flip_to_easing_is_an_update_even_below_threshold():
    d = run(alerted(70.0), 30.0, revision=2, direction=Direction.easing)
    assert (d.send, d.kind, d.reason) == (True, "update", "direction flipped to easing")


def test_settling_to_neutral_is_not_a_flip():
    assert not run(alerted(70.0), 60.0, revision=2, direction=Direction.neutral).send


def test_muted_after_alerting_sends_nothing():
    d = run(alerted(50.0), 90.0, revision=2, muted=[EventType.mineral_export_control])
    assert (d.send, d.reason) == (False, "muted event type")


# --- properties -----------------------------------------------------------------------------

scores = st.floats(0.0, 100.0).map(lambda v: round(v, 1))
directions = st.sampled_from(Direction)


@st.composite
def priors(draw) -> Prior | None:
    if draw(st.booleans()):
        return None
    return Prior(score=draw(scores), direction=draw(directions), revision=draw(st.integers(1, 5)))


@given(priors(), scores, directions, st.integers(1, 6), st.floats(0, 100))
def test_a_decision_replayed_never_sends_again(prior, value, direction, revision, threshold):
    first = run(prior, value, revision=revision, direction=direction, threshold=threshold)
    again = run(first.record, value, revision=revision, direction=direction, threshold=threshold)
    assert not (first.send and again.send)
    if first.send:
        assert again.reason.startswith("already alerted")


@given(priors(), scores, directions, st.integers(1, 6), st.floats(0, 100))
def test_kind_follows_whether_alerted_before(prior, value, direction, revision, threshold):
    d = run(prior, value, revision=revision, direction=direction, threshold=threshold)
    if not d.send:
        assert d.kind is None
    elif prior is not None:
        assert d.kind == "update"
        assert d.reason.startswith("direction flipped") or value - prior.score >= MATERIAL_RISE
    else:
        assert d.kind == "new" and value >= threshold
