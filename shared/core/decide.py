"""Whether a scored event becomes an alert for one subscriber: new, update, or nothing, and why.

One alert per (incident, subscriber). After the first, an update goes out only when a later
revision of the incident raises the score by at least `MATERIAL_RISE` points over the last alert,
or flips its direction (a suspension is news even when it lowers the score). A revision already
decided is never sent again, so a redelivered message cannot produce a second alert. Only alerts
are remembered: a revision below the threshold leaves nothing, so a later one that crosses it is
a first alert.

A revision older than the last alert (a report held up by a crash while a later one was decided)
sends nothing either, but is marked `late`: the alert already sent tells the incident's course,
and the caller records the late report.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chokewatch.shared.messages import Classification, Direction, EventType

from .score import ScoreResult

MATERIAL_RISE = 10.0  # points over the last alert's score that make an update worth sending


class Prior(BaseModel):
    """The last alert sent for one (incident, subscriber): the state `decide` needs, as stored."""

    model_config = ConfigDict(frozen=True)

    score: float = Field(ge=0, le=100, description="score of the last alert")
    direction: Direction
    revision: int = Field(ge=1)


class Decision(BaseModel):
    """The outcome, with the state to store for the next revision."""

    model_config = ConfigDict(frozen=True)

    send: bool
    kind: Literal["new", "update"] | None = None
    reason: str
    record: Prior | None = Field(description="the alert decided now, else the prior unchanged")
    late: bool = Field(default=False, description="an older revision than the last alert's")


def _flipped(before: Direction, now: Direction) -> bool:
    # Settling to neutral is not news; turning to easing or back to tightening is.
    return now != before and now != Direction.neutral


def decide(
    prior: Prior | None,
    result: ScoreResult,
    c: Classification,
    *,
    revision: int = 1,
    threshold: float,
    muted: Iterable[EventType] = (),
) -> Decision:
    """Decide for one revision of one incident and one subscriber (`prior`: its last alert)."""

    def no(reason: str) -> Decision:
        return Decision(send=False, reason=reason, record=prior)

    def yes(kind: Literal["new", "update"], reason: str) -> Decision:
        sent = Prior(score=result.score, direction=c.direction, revision=revision)
        return Decision(send=True, kind=kind, reason=reason, record=sent)

    if prior is not None:
        # Keep the last alert as the baseline, so slow creep never adds up to a silent jump.
        if revision < prior.revision:
            return Decision(send=False, late=True, record=prior,
                            reason=f"revision {revision} arrived after revision {prior.revision} "
                                   "was alerted")
        if revision == prior.revision:
            return no(f"already alerted for revision {prior.revision}")
        if c.event_type in set(muted):
            return no("muted event type")
        if result.score <= 0:
            return no("no longer exposed")
        if _flipped(prior.direction, c.direction):
            return yes("update", f"direction flipped to {c.direction.value}")
        rise = result.score - prior.score
        if rise >= MATERIAL_RISE and result.score >= threshold:
            return yes("update", f"score rose by {rise:g} ≥ {MATERIAL_RISE:g}")
        return no(f"already alerted; score change {rise:+g} < {MATERIAL_RISE:g}")

    if c.event_type in set(muted):
        return no("muted event type")
    if result.score <= 0:
        return no("not exposed")
    if result.score < threshold:
        return no(f"below threshold {threshold:g}")
    return yes("new", f"score {result.score:g} ≥ threshold {threshold:g}")
