"""`chokewatch secrets`: make a key for CHOKEWATCH_SECRETS_KEY, and re-encrypt every stored
webhook secret and Slack URL with the current (first) key after a rotation."""

from __future__ import annotations

import asyncio
import json

import typer

app = typer.Typer(help="The key that encrypts subscribers' webhook secrets and Slack URLs in Redis.",
                  no_args_is_help=True)

# Write the re-encrypted profile only if nobody changed it since it was read.
_SWAP = """
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
"""
FIELDS = {"webhook": ("secret", "previous_secret"), "slack": ("url",)}


def resealed(raw: str) -> str:
    """A stored profile with each secret encrypted by the current key (JSON otherwise untouched)."""
    from chokewatch.shared import secretbox

    profile = json.loads(raw)
    for channel in profile.get("channels") or []:
        for name in FIELDS.get(channel.get("type"), ()):
            if isinstance(channel.get(name), str):
                channel[name] = secretbox.reseal(channel[name])
    return json.dumps(profile, ensure_ascii=False, separators=(",", ":"))


async def rotate_all(redis, names) -> tuple[int, int]:
    """(profiles re-encrypted, profiles that changed meanwhile and were left for a rerun)."""
    swap = redis.register_script(_SWAP)
    done = skipped = 0
    cursor = 0
    while True:
        cursor, batch = await redis.hscan(names.subscribers, cursor, count=200)
        for sub_id, raw in batch.items():
            if await swap(keys=[names.subscribers], args=[sub_id, raw, resealed(raw)]):
                done += 1
            else:
                skipped += 1
        if cursor == 0:
            return done, skipped


@app.command("new-key")
def new_key_command() -> None:
    """Print a new key (put it first in CHOKEWATCH_SECRETS_KEY, then run `secrets rotate`)."""
    from chokewatch.shared.secretbox import new_key

    typer.echo(new_key())


@app.command()
def rotate() -> None:
    """Re-encrypt every stored secret with the first configured key; older keys may then go."""
    from chokewatch.services.local import redis_url
    from chokewatch.shared import secretbox
    from chokewatch.shared.names import Names
    from chokewatch.shared.redis import connect
    from chokewatch.shared.settings import Settings

    settings = Settings()
    try:
        enabled = secretbox.configure(settings)
    except secretbox.SecretKeyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if not enabled:
        typer.echo("error: set CHOKEWATCH_SECRETS_KEY or CHOKEWATCH_SECRETS_KEY_FILE first", err=True)
        raise typer.Exit(2)

    async def go() -> tuple[int, int]:
        redis = connect(redis_url(settings), settings.redis_cluster)
        try:
            return await rotate_all(redis, Names(settings.namespace))
        finally:
            await redis.aclose()

    try:
        done, skipped = asyncio.run(go())
    except secretbox.SecretKeyError as exc:
        typer.echo(f"error: {exc}; put the key it was encrypted with after the new one", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{done} subscriber(s) re-encrypted with the current key"
               + (f"; {skipped} changed meanwhile: run it again" if skipped else ""))
    if skipped:
        raise typer.Exit(1)
