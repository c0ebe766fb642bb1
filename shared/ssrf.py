"""The SSRF guard under its original names; the guard itself is fetchguard.FetchGuard, shared by
webhook delivery and every source fetch."""

from __future__ import annotations

from .fetchguard import METADATA, FetchGuard, Pinned, UnsafeTarget, refusal

Guard = FetchGuard

__all__ = ["METADATA", "Guard", "FetchGuard", "Pinned", "UnsafeTarget", "refusal"]
