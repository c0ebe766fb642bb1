"""Slack incoming-webhook messages in Block Kit, kept within Slack's limits.

Limits honoured: header text 150 characters, section text 3,000, button text 75 and URL 3,000,
at most 50 blocks; every message carries a plain-text `text` fallback for notifications and old
clients.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

import httpx

from chokewatch.shared.core.score import COUNTRY_NAMES, band
from chokewatch.shared.elements import ELEMENTS
from chokewatch.shared.messages import Alert, CourseStep, Direction
from chokewatch.shared.profiles import SlackChannel
from chokewatch.shared.settings import Settings

from .channels import Outcome, Rate, Request, read_status

HEADER_MAX = 150
SECTION_MAX = 3_000
MAX_WHY_LINES = 8
MAX_BLOCKS = 50
BUTTON_TEXT_MAX = 75
BUTTON_URL_MAX = 3_000


class Slack:
    """A Slack incoming webhook: Block Kit bodies, one message a second per webhook URL
    (a short burst allowed)."""

    type = "slack"

    def __init__(self, config: SlackChannel, settings: Settings) -> None:
        self.url = config.url.get_secret_value()
        interval = settings.slack_interval_ms
        # Slack limits each webhook URL by itself: its limits go by the URL (hashed: it is a
        # secret, and the key shows in deferral reasons).
        self.limit_key = "slack:" + hashlib.sha256(self.url.encode()).hexdigest()[:24]
        self.rate = Rate(self.limit_key, interval, settings.slack_burst,
                         "Slack allows one message a second per webhook") if interval > 0 else None

    def alert(self, alert: Alert) -> Request:
        return Request(self.url, body(alert), {})

    def digest(self, digest_id: str, subscriber_id: str, alerts: list[Alert]) -> Request:
        return Request(self.url, digest_body(alerts), {})

    def read(self, response: httpx.Response) -> Outcome:
        return read_status(response)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return re.sub(r"&[a-z]*$", "", text[: limit - 1]).rstrip() + "…"  # never half an escape


def esc(text: str) -> str:
    """Text from outside (titles, summaries, names) as mrkdwn shows it literally: Slack reads
    `<...>` as links and mentions (`<!channel>`), so `&`, `<` and `>` are escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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


def _country(code: str | None) -> str:
    if not code:
        return "—"
    if code.lower() == "multiple":
        return "several governments"
    name = COUNTRY_NAMES.get(code.upper())
    return f"{name.removeprefix('the ')} ({code.upper()})" if name else esc(code)


def _when(at: datetime | None) -> str:
    return f"{at.astimezone(UTC):%-d %b %Y %H:%M} UTC" if at else "—"


def points(value: float) -> str:
    """A score as it is kept, to a tenth, without a trailing `.0`: `71`, `79.6`, never rounded
    across a band's bound."""
    return f"{value:.1f}".removesuffix(".0")


def scale(alert: Alert) -> str:
    """The score with its scale and band: `71/100 · high`; a test alert says so instead."""
    if alert.kind == "test":
        return "TEST · not scored"
    return f"{points(alert.score)}/100 · {alert.band or band(alert.score)}"


def why_lines(alert: Alert) -> str:
    """The parts that add up to the score, strongest first; past the limit, the rest in one line
    so that the lines shown still sum to the score."""
    shown = alert.parts[:MAX_WHY_LINES]
    lines = [f"• +{p.points:.1f} {esc(p.reason)}" for p in shown]
    rest = alert.parts[MAX_WHY_LINES:]
    if rest:
        lines.append(f"• +{sum(p.points for p in rest):.1f} from {len(rest)} more "
                     f"({esc(', '.join(p.label for p in rest))})")
    return "\n".join(lines)


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, SECTION_MAX)}}


def message(alert: Alert) -> dict:
    """One alert: header, what it is, who issued it and when it applies, where it was read,
    the score and the parts that add up to it, the course, the summary, a button to the source."""
    names = ", ".join(ELEMENTS[e].name.capitalize() for e in alert.elements if e in ELEMENTS)
    title = alert.title or alert.event_type.value.replace("_", " ")
    header = _cut(f"{scale(alert)} · {title}{_mark(alert)}", HEADER_MAX)
    facts = (
        f"*Score:* {scale(alert)}\n"
        f"*Issuer:* {_country(alert.issuer)} · "
        f"*Effective:* {alert.effective_date.isoformat() if alert.effective_date else '—'}\n"
        f"*Source:* {esc(alert.source_name or '—')} · *Published:* {_when(alert.published_at)}\n"
        f"*Type:* {alert.event_type.value.replace('_', ' ')} · "
        f"*Direction:* {alert.direction.value} · "
        f"*Status:* {alert.status.value if alert.status else '—'}"
        f"{' · *Chips:* yes' if alert.chips_involved else ''}\n"
        f"*Elements:* {names or '—'}\n"
        f"*Suppliers:* {esc(', '.join(alert.suppliers)) or '—'}"
    )
    if alert.products:
        facts += f"\n*Products:* {esc(', '.join(alert.products))}"
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": header}},
        _section(facts),
    ]
    why = why_lines(alert)
    if why:
        blocks.append(_section(f"*Why (adds up to {points(alert.score)}):*\n" + why))
    course = course_line(alert.course)
    if course:
        blocks.append(_section("*Course:* " + course))
    if alert.summary:
        blocks.append(_section(esc(alert.summary)))
    if alert.source_url:
        if len(alert.source_url) <= BUTTON_URL_MAX:
            blocks.append({"type": "actions", "elements": [{
                "type": "button", "action_id": "read_source", "url": alert.source_url,
                "text": {"type": "plain_text", "text": _cut(f"Read source · {alert.source_name}"
                                                             if alert.source_name else "Read source",
                                                             BUTTON_TEXT_MAX)},
            }]})
        else:  # too long for a button: the address as text, cut
            blocks.append({"type": "context",
                           "elements": [{"type": "mrkdwn", "text": _cut(esc(alert.source_url), 2_000)}]})
    fallback = _cut(f"{esc(header)}. Issuer: {_country(alert.issuer)}. Elements: {names or '—'}.",
                    SECTION_MAX)
    return {"text": fallback, "blocks": blocks[:MAX_BLOCKS]}


def digest_message(alerts: list[Alert]) -> dict:
    """Many alerts in one message: a line each, strongest first, within the block limit."""
    ranked = sorted(alerts, key=lambda a: -a.score)
    header = _cut(f"{len(alerts)} chokewatch alert{'s' if len(alerts) != 1 else ''} this period",
                  HEADER_MAX)
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": header}}]
    room = MAX_BLOCKS - 2
    for alert in ranked[:room]:
        line = (f"*{scale(alert)}* · {esc(alert.title or alert.event_type.value)}{_mark(alert)} · "
                f"{' '.join(alert.elements) or '—'}")
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _cut(line, SECTION_MAX)}})
    if len(ranked) > room:
        more = f"…and {len(ranked) - room} more in the alert history"
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": more}]})
    top = ranked[0]
    fallback = _cut(f"{esc(header)}; highest: {scale(top)} {esc(top.title)}", SECTION_MAX)
    return {"text": fallback, "blocks": blocks}


def digest_body(alerts: list[Alert]) -> bytes:
    return json.dumps(digest_message(alerts), ensure_ascii=False).encode()


def body(alert: Alert) -> bytes:
    return json.dumps(message(alert), ensure_ascii=False).encode()
