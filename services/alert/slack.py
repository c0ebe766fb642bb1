"""Slack incoming-webhook messages in Block Kit, kept within Slack's limits.

Limits honoured: header text 150 characters, section text 3,000, at most 50 blocks; every
message carries a plain-text `text` fallback for notifications and old clients.
"""

from __future__ import annotations

import hashlib
import json

import httpx

from chokewatch.shared.elements import ELEMENTS
from chokewatch.shared.messages import Alert, CourseStep, Direction
from chokewatch.shared.profiles import SlackChannel
from chokewatch.shared.settings import Settings

from .channels import Outcome, Rate, Request, read_status

HEADER_MAX = 150
SECTION_MAX = 3_000
MAX_WHY_LINES = 8
MAX_BLOCKS = 50


class Slack:
    """A Slack incoming webhook: Block Kit bodies, one message a second per webhook."""

    type = "slack"

    def __init__(self, config: SlackChannel, settings: Settings) -> None:
        self.url = config.url.get_secret_value()
        interval = settings.slack_interval_ms
        key = "slack:" + hashlib.sha256(self.url.encode()).hexdigest()[:24]
        self.rate = Rate(key, interval, "Slack allows one message a second per webhook") \
            if interval > 0 else None

    def alert(self, alert: Alert) -> Request:
        return Request(self.url, body(alert), {})

    def digest(self, digest_id: str, subscriber_id: str, alerts: list[Alert]) -> Request:
        return Request(self.url, digest_body(alerts), {})

    def read(self, response: httpx.Response) -> Outcome:
        return read_status(response)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mark(alert: Alert) -> str:
    if alert.kind != "update":
        return ""
    return " — eased" if alert.direction.value == "easing" else " — escalated"


_MOVES = {Direction.tightening: "tightened", Direction.easing: "eased", Direction.neutral: ""}


def course_line(steps: list[CourseStep]) -> str:
    """What an incident went through, oldest step first: "announced, tightened (May 2) → enacted,
    eased (Jun 9)"; empty for an incident of one step, whose alert already says it all."""
    if len(steps) < 2:
        return ""

    def one(step: CourseStep) -> str:
        words = [w for w in (step.status.value if step.status else "", _MOVES[step.direction]) if w]
        when = f" ({step.published_at:%b %-d %Y})" if step.published_at else ""
        return f"{', '.join(words) or 'reported'}{when}"

    return " → ".join(one(s) for s in steps)


def message(alert: Alert) -> dict:
    names = ", ".join(ELEMENTS[e].name.capitalize() for e in alert.elements if e in ELEMENTS)
    title = alert.title or alert.event_type.value.replace("_", " ")
    header = _cut(f"Score {alert.score:.0f} · {title}{_mark(alert)}", HEADER_MAX)
    facts = (
        f"*Elements:* {names or '—'}\n"
        f"*Suppliers:* {', '.join(alert.suppliers) or '—'}\n"
        f"*Type:* {alert.event_type.value.replace('_', ' ')} · "
        f"*Direction:* {alert.direction.value} · "
        f"*Status:* {alert.status.value if alert.status else '—'}"
    )
    why = "\n".join(
        f"• {p.reason} (+{p.points:.0f})" for p in alert.parts[:MAX_WHY_LINES]
    )
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": header}},
        {"type": "section", "text": {"type": "mrkdwn", "text": _cut(facts, SECTION_MAX)}},
    ]
    if why:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": _cut("*Why:*\n" + why, SECTION_MAX)}}
        )
    course = course_line(alert.course)
    if course:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": _cut("*Course:* " + course, SECTION_MAX)}}
        )
    if alert.summary:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": _cut(alert.summary, SECTION_MAX)}}
        )
    if alert.source_url:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": _cut(alert.source_url, 2_000)}]}
        )
    fallback = _cut(f"{header}. Elements: {names or '—'}.", SECTION_MAX)
    return {"text": fallback, "blocks": blocks}


def digest_message(alerts: list[Alert]) -> dict:
    """Many alerts in one message: a line each, strongest first, within the block limit."""
    ranked = sorted(alerts, key=lambda a: -a.score)
    header = _cut(f"{len(alerts)} chokewatch alert{'s' if len(alerts) != 1 else ''} this period",
                  HEADER_MAX)
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": header}}]
    room = MAX_BLOCKS - 2
    for alert in ranked[:room]:
        line = (f"*{alert.score:.0f}* · {alert.title or alert.event_type.value}{_mark(alert)} · "
                f"{' '.join(alert.elements) or '—'}")
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _cut(line, SECTION_MAX)}})
    if len(ranked) > room:
        more = f"…and {len(ranked) - room} more in the alert history"
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": more}]})
    top = ranked[0]
    fallback = _cut(f"{header}; highest: {top.score:.0f} {top.title}", SECTION_MAX)
    return {"text": fallback, "blocks": blocks}


def digest_body(alerts: list[Alert]) -> bytes:
    return json.dumps(digest_message(alerts), ensure_ascii=False).encode()


def body(alert: Alert) -> bytes:
    return json.dumps(message(alert), ensure_ascii=False).encode()
