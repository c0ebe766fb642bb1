"""Preview and backtest: what a profile would be sent, computed without sending anything (pure).

The classifier, the score and the alert decision come from the pure core, so a preview reads,
scores and decides exactly as the pipeline does.
"""

from __future__ import annotations

from collections.abc import Iterable

from chokewatch.shared.core.decide import decide
from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.score import ScoreResult, score
from chokewatch.shared.messages import Classification, ClassifiedEvent
from chokewatch.shared.profiles import ProfileSpec


def _scored(result: ScoreResult, c: Classification, profile: ProfileSpec) -> dict:
    # Nothing before it: would a first alert go out?
    decision = decide(None, result, c, threshold=profile.threshold, muted=profile.muted_event_types)
    return {"score": result.score, "would_alert": decision.send, "reason": decision.reason,
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
