"""Write-only secrets: a body that sends back a masked secret, or leaves one out, keeps it.

Reads show secrets masked (shared/profiles.py `mask`), so a client that reads a subscriber,
changes the threshold and PUTs the whole thing back would otherwise store the mask as its
webhook secret or Slack URL. This runs on the raw JSON, before validation, because a masked
Slack URL is not a valid URL.
"""

from __future__ import annotations

from typing import Any

from chokewatch.shared.profiles import SlackChannel, Subscriber, WebhookChannel, mask

MASK_MARK = "…"  # mask() always contains it; no real secret or URL we accept does


class MaskedMismatch(ValueError):
    """A masked value that matches no stored secret: storing it would lose the real one."""

    def __init__(self, loc: list[str | int]) -> None:
        super().__init__("masked value matches no stored secret; send the secret in full")
        self.loc = loc


def _stored(old: Subscriber) -> tuple[list[tuple[str, str | None]], list[str]]:
    webhooks = [(c.url, c.secret.get_secret_value() if c.secret else None)
                for c in old.channels if isinstance(c, WebhookChannel)]
    slacks = [c.url.get_secret_value() for c in old.channels if isinstance(c, SlackChannel)]
    return webhooks, slacks


def _webhook_secret(channel: dict, webhooks: list[tuple[str, str | None]], loc: list) -> None:
    same_url = [s for url, s in webhooks if url == channel.get("url") and s]
    if "secret" not in channel:
        if same_url:  # left out: the stored secret of the same endpoint stays
            channel["secret"] = same_url[0]
        return
    sent = channel["secret"]
    if not isinstance(sent, str) or MASK_MARK not in sent:
        return  # a new secret (or null to drop it), or a type error validation will name
    others = [s for _, s in webhooks if s]
    for candidate in same_url + others:
        if mask(candidate) == sent:
            channel["secret"] = candidate
            return
    raise MaskedMismatch([*loc, "secret"])


def _slack_url(channel: dict, slack_index: int, slacks: list[str], loc: list) -> None:
    if "url" not in channel:
        if slack_index < len(slacks):  # left out: the Slack channel in the same place keeps its URL
            channel["url"] = slacks[slack_index]
        return
    sent = channel["url"]
    if not isinstance(sent, str) or MASK_MARK not in sent:
        return
    in_place = slacks[slack_index:slack_index + 1]
    for candidate in in_place + slacks:
        if mask(candidate) == sent:
            channel["url"] = candidate
            return
    raise MaskedMismatch([*loc, "url"])


def restore_secrets(channels: Any, old: Subscriber) -> Any:
    """A copy of a body's `channels` with masked or left-out secrets replaced by stored ones."""
    if not isinstance(channels, list):
        return channels  # not a list: validation will say so
    webhooks, slacks = _stored(old)
    out, slack_index = [], 0
    for index, channel in enumerate(channels):
        if not isinstance(channel, dict):
            out.append(channel)
            continue
        channel = dict(channel)
        loc = ["channels", index]
        if channel.get("type", "webhook") == "webhook":
            _webhook_secret(channel, webhooks, loc)
        elif channel.get("type") == "slack":
            _slack_url(channel, slack_index, slacks, loc)
            slack_index += 1
        out.append(channel)
    return out
