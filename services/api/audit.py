"""The audit trail of configuration changes: who changed which subscriber, when, and which fields.

Entries name the fields that changed and the new version, never values, so a secret cannot
leak through the trail. They live in a capped Redis stream, read newest first by the admin.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import redis.asyncio as aioredis

from chokewatch.shared.names import Names
from chokewatch.shared.profiles import ProfileSpec, Subscriber

MAX_ENTRIES = 100_000  # about the last year of changes for a large deployment; older ones drop


def changed_fields(old: Subscriber | None, new: Subscriber) -> list[str]:
    """Profile fields whose stored value differs, secrets compared in clear but never shown."""
    before = old.revealed() if old else {}
    after = new.revealed()
    return sorted(f for f in ProfileSpec.model_fields if before.get(f) != after.get(f))


class AuditLog:
    def __init__(self, redis: aioredis.Redis, names: Names) -> None:
        self.redis = redis
        self.names = names

    async def record(
        self, *, actor: str, action: str, subscriber_id: str, fields: list[str],
        version: int | None, request_id: str | None,
    ) -> None:
        entry = {
            "at": datetime.now(UTC).isoformat(),
            "actor": actor,
            "action": action,
            "subscriber_id": subscriber_id,
            "fields": json.dumps(fields),
            "version": "" if version is None else str(version),
            "request_id": request_id or "",
        }
        await self.redis.xadd(self.names.audit, entry, maxlen=MAX_ENTRIES, approximate=True)

    async def page(self, before: str | None, limit: int) -> tuple[list[dict], str | None]:
        """Entries newest first, strictly older than the entry id `before`."""
        top = f"({before}" if before else "+"
        try:
            entries = await self.redis.xrevrange(self.names.audit, top, "-", count=limit)
        except aioredis.ResponseError:  # a cursor before the first possible entry (0-0)
            return [], None
        items = [
            {
                "id": entry_id,
                "at": fields["at"],
                "actor": fields["actor"],
                "action": fields["action"],
                "subscriber_id": fields["subscriber_id"],
                "fields": json.loads(fields["fields"]),
                "version": int(fields["version"]) if fields.get("version") else None,
                "request_id": fields.get("request_id") or None,
            }
            for entry_id, fields in entries
        ]
        return items, (entries[-1][0] if len(entries) == limit else None)
