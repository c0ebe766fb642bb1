"""Slack incoming-webhook messages in Block Kit, kept within Slack's limits.

Limits honoured: header text 150 characters, section text 3,000, at most 50 blocks; every
message carries a plain-text `text` fallback for notifications and old clients.
"""

from __future__ import annotations

import json

from chokewatch.shared.elements import ELEMENTS
from chokewatch.shared.messages import Alert

HEADER_MAX = 150
SECTION_MAX = 3_000
MAX_WHY_LINES = 8


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mark(alert: Alert) -> str:
    if alert.kind != "update":
        return ""
    return " — eased" if alert.direction.value == "easing" else " — escalated"


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


def body(alert: Alert) -> bytes:
    return json.dumps(message(alert), ensure_ascii=False).encode()
