"""Facts that identify one development, read from a text's whole body for incident matching."""

from __future__ import annotations


def facts(text: str, title: str = "") -> set[str]:
    """Anchors beyond the classifier's own (same families: `no:`, `named:`, ...)."""
    return set()
