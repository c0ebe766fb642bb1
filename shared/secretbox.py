"""Secrets at rest: webhook signing secrets and Slack URLs are encrypted before they reach Redis.

The key comes from CHOKEWATCH_SECRETS_KEY or the file CHOKEWATCH_SECRETS_KEY_FILE: one or more
Fernet keys, newest first (comma-separated, or one per line in the file). The first encrypts,
every one decrypts (MultiFernet), so a key is rotated by putting the new one first, running
`chokewatch secrets rotate` (every stored value re-encrypted with it), then dropping the old.

A stored value is `cwenc1:` followed by the Fernet token. Without a key, values are stored as
they are (a warning says so at start-up) and still read; values stored in clear before a key
was set are read as they are and encrypted at their next write, or by `secrets rotate`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

PREFIX = "cwenc1:"

_lock = threading.Lock()
_state: dict[str, MultiFernet | None | bool] = {"box": None, "configured": False}


class SecretKeyError(RuntimeError):
    """A stored secret cannot be decrypted with the configured keys, or a key is malformed."""


def new_key() -> str:
    return Fernet.generate_key().decode()


def parse_keys(text: str) -> list[str]:
    return [k.strip() for k in text.replace(",", "\n").splitlines() if k.strip()]


def _box(keys: list[str]) -> MultiFernet | None:
    if not keys:
        return None
    try:
        return MultiFernet([Fernet(k.encode()) for k in keys])
    except (ValueError, TypeError):
        raise SecretKeyError("CHOKEWATCH_SECRETS_KEY: each key must be a Fernet key "
                             "(32 url-safe base64-encoded bytes; `chokewatch secrets new-key`)") from None


def keys_from(settings) -> list[str]:
    """The configured keys, newest first (the environment's, else the file's)."""
    if settings.secrets_key is not None:
        return parse_keys(settings.secrets_key.get_secret_value())
    if settings.secrets_key_file is not None:
        return parse_keys(Path(settings.secrets_key_file).read_text())
    return []


def configure(settings) -> bool:
    """Use the settings' keys in this process; True when secrets will be encrypted."""
    box = _box(keys_from(settings))
    with _lock:
        _state["box"], _state["configured"] = box, True
    return box is not None


def configure_env(env: dict[str, str]) -> bool:
    """Use the keys an environment names (one this process hands to the services it starts,
    so what it stores itself they can read)."""
    from .settings import Settings

    fields = {"secrets_key": env.get("CHOKEWATCH_SECRETS_KEY") or None,
              "secrets_key_file": env.get("CHOKEWATCH_SECRETS_KEY_FILE") or None}
    return configure(Settings.model_validate({k: v for k, v in fields.items() if v}))


def _current() -> MultiFernet | None:
    if not _state["configured"]:  # a process that never configured: its environment's keys
        from .settings import Settings

        configure(Settings())
    return _state["box"]  # type: ignore[return-value]


def enabled() -> bool:
    return _current() is not None


def seal(text: str) -> str:
    """The value as stored: encrypted when a key is configured."""
    box = _current()
    if box is None or text.startswith(PREFIX):
        return text
    return PREFIX + box.encrypt(text.encode()).decode()


def unseal(stored: str) -> str:
    """The value in clear, whether it was stored encrypted or (before a key was set) in clear."""
    if not stored.startswith(PREFIX):
        return stored
    box = _current()
    if box is None:
        raise SecretKeyError("a stored secret is encrypted but no CHOKEWATCH_SECRETS_KEY is set")
    try:
        return box.decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken:
        raise SecretKeyError("a stored secret does not decrypt with any configured key") from None


def reseal(stored: str) -> str:
    """A stored value encrypted with the current (first) key."""
    box = _current()
    if box is None:
        return stored
    if stored.startswith(PREFIX):
        try:
            return PREFIX + box.rotate(stored[len(PREFIX):].encode()).decode()
        except InvalidToken:
            raise SecretKeyError("a stored secret does not decrypt with any configured key") from None
    return seal(stored)
