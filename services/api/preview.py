"""Preview and backtest: what a profile would be sent, computed without sending anything (pure).

These borrow the two pure cores of other services, the classifier and the scorer, so a preview
scores exactly as the pipeline does. That is the one exception to "services never import each
other": both modules are pure functions with no I/O and no service state.
"""

from __future__ import annotations

from collections.abc import Iterable

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.score import ScoreResult, score
from chokewatch.shared.messages import Classification, ClassifiedEvent
from chokewatch.shared.profiles import ProfileSpec


def verdict(result: ScoreResult, c: Classification, profile: ProfileSpec) -> tuple[bool, str]:
    """Whether a first alert would go out, by the subscriber's threshold and muted types."""
    if c.event_type in set(profile.muted_event_types):
        return False, f"event type {c.event_type.value} is muted"
    if result.score <= 0:
        return False, "not exposed"
    if result.score < profile.threshold:
        return False, f"score {result.score:g} below threshold {profile.threshold:g}"
    return True, f"score {result.score:g} ≥ threshold {profile.threshold:g}"


def _scored(result: ScoreResult, c: Classification, profile: ProfileSpec) -> dict:
    send, reason = verdict(result, c, profile)
    return {"score": result.score, "would_alert": send, "reason": reason,
            "parts": [p.model_dump() for p in result.parts],
            "elements": result.elements, "suppliers": result.suppliers}


def preview(profile: ProfileSpec, *, text: str | None = None, title: str = "",
            classification: Classification | None = None) -> dict:
    """Score a text (classified here) or a given classification against a profile."""
    c = classification if classification is not None else classify(text or "", title)
    result = score(c, profile, companies=c.companies)
    return {**_scored(result, c, profile), "classification": c.model_dump(mode="json")}


def latest_per_incident(events: Iterable[ClassifiedEvent]) -> dict[str, ClassifiedEvent]:
    """The newest revision of each incident (the later event wins a tie)."""
    latest: dict[str, ClassifiedEvent] = {}
    for event in events:
        incident = event.classification.incident_id or event.event_id
        held = latest.get(incident)
        if held is None or event.incident_revision >= held.incident_revision:
            latest[incident] = event
    return latest


def backtest(profile: ProfileSpec, events: Iterable[ClassifiedEvent]) -> tuple[int, list[dict]]:
    """(incidents seen, one line per incident the profile would have been alerted of)."""
    latest = latest_per_incident(events)
    lines = []
    for incident, event in latest.items():
        c = event.classification
        line = _scored(score(c, profile, companies=c.companies), c, profile)
        if line["would_alert"]:
            lines.append({**line, "incident_id": incident, "event_id": event.event_id,
                          "title": event.title, "event_type": c.event_type.value,
                          "published_at": event.published_at, "ingested_at": event.ingested_at})
    lines.sort(key=lambda line: (-line["score"], line["incident_id"]))
    return len(latest), lines
