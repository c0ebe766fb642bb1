"""Webhook secrets and Slack URLs are encrypted in Redis, and the key can be rotated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from chokewatch.shared import secretbox
from chokewatch.shared.profiles import Subscriber
from chokewatch.shared.subscribers import SubscriberStore
from tests.conftest import seed_subscriber_for_test

WHSEC = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ="
SLACK = "https://hooks.slack.com/services/T000/B000/XXXXXXXX"


@pytest.fixture
def keyed(settings):
    """This process's keys, put back as the session has them afterwards."""
    yield lambda keys: secretbox.configure(
        settings.model_copy(update={"secrets_key": SecretStr(keys) if keys else None}))
    secretbox.configure(settings)


def subscriber(sid: str) -> Subscriber:
    now = datetime.now(UTC)
    return Subscriber(id=sid, created_at=now, updated_at=now, name=sid, elements={"Dy": {"weight": 0.9}},
                      channels=[{"type": "webhook", "url": "https://hooks.example.com/a", "secret": WHSEC},
                                {"type": "slack", "url": SLACK}])


def secrets_cli(settings, keys: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHOKEWATCH_REDIS_URL": settings.redis_url,
           "CHOKEWATCH_NAMESPACE": settings.namespace, "CHOKEWATCH_SECRETS_KEY": keys}
    return subprocess.run([sys.executable, "-m", "chokewatch.services.cli", "secrets", "rotate"],
                          env=env, capture_output=True, text=True, timeout=60)


async def test_rotation_re_encrypts_every_secret_with_the_new_key(settings, redis, names, sync_redis, keyed):
    old, new = secretbox.new_key(), secretbox.new_key()
    store = SubscriberStore(redis, names)
    keyed(None)
    await seed_subscriber_for_test(store, subscriber("sub_clear"))  # stored before any key was set: in clear
    keyed(old)
    await seed_subscriber_for_test(store, subscriber("sub_old"))
    raw = sync_redis.hget(names.subscribers, "sub_old")
    assert WHSEC not in raw and SLACK not in raw
    assert (await store.get("sub_clear")).channels[0].secret.get_secret_value() == WHSEC  # still read

    done = secrets_cli(settings, f"{new},{old}")
    assert done.returncode == 0, done.stderr
    assert "2 subscriber(s) re-encrypted" in done.stdout
    for sid in ("sub_clear", "sub_old"):
        channels = json.loads(sync_redis.hget(names.subscribers, sid))["channels"]
        assert all(v.startswith(secretbox.PREFIX) for v in (channels[0]["secret"], channels[1]["url"]))

    keyed(new)  # the old key can go now
    for sid in ("sub_clear", "sub_old"):
        read = await store.get(sid)
        assert read.channels[0].secret.get_secret_value() == WHSEC
        assert read.channels[1].url.get_secret_value() == SLACK
    keyed(old)
    with pytest.raises(secretbox.SecretKeyError):
        await store.get("sub_old")


def test_rotation_without_a_key_is_refused(settings):
    refused = secrets_cli(settings, "")
    assert refused.returncode == 2 and "CHOKEWATCH_SECRETS_KEY" in refused.stderr
    malformed = secrets_cli(settings, "not-a-key")
    assert malformed.returncode == 2 and "Fernet" in malformed.stderr


def test_a_secret_sent_in_its_stored_form_is_not_decrypted_for_a_client(keyed):
    keyed(secretbox.new_key())
    sealed = secretbox.seal(WHSEC)
    with pytest.raises(ValueError, match="whsec_"):
        Subscriber.model_validate({**json.loads(subscriber("s").model_dump_json(context={"reveal": True})),
                                   "channels": [{"type": "webhook", "url": "https://h.example/a",
                                                 "secret": sealed}]})
