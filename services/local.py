"""Where an offline command (`chokewatch ingest`, `sources`, `backtest`, `dead-letters`) finds
Redis: the configured URL, else the embedded server a running `chokewatch up` recorded."""

from __future__ import annotations

import typer

from chokewatch.shared.settings import Settings

from .stack import URL_FILE


def redis_url(settings: Settings) -> str:
    """The configured Redis, else the recorded one; exits with a hint when there is neither."""
    if settings.redis_url:
        return settings.redis_url
    recorded = settings.data_dir / URL_FILE
    if recorded.exists():
        return recorded.read_text().strip()
    typer.echo(
        "error: no Redis. Set CHOKEWATCH_REDIS_URL, or start the stack with `chokewatch up`.",
        err=True,
    )
    raise typer.Exit(2)
