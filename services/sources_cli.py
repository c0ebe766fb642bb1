"""`chokewatch sources ...`: add, list, show, pause, resume, poll and delete sources, and see
what they found. Works on the Redis of a running `chokewatch up` when no URL is set."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar, get_origin

import typer
from pydantic import ValidationError

from chokewatch.shared.settings import Settings

app = typer.Typer(help="Sources chokewatch polls by itself: feeds, the Federal Register, pages, folders.",
                  no_args_is_help=True)
T = TypeVar("T")


def _run(work: Callable[[Any], Awaitable[T]]) -> T:
    from chokewatch.services.local import redis_url
    from chokewatch.shared.names import Names
    from chokewatch.shared.redis import connect
    from chokewatch.shared.sources import SourceStore

    settings = Settings()
    url = redis_url(settings)

    async def go() -> T:
        redis = connect(url)
        try:
            return await work(SourceStore(redis, Names(settings.namespace)))
        finally:
            await redis.aclose()

    return asyncio.run(go())


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _option(raw: str) -> tuple[str, Any]:
    key, sep, value = raw.partition("=")
    if not sep or not key:
        raise _fail(f"--option wants KEY=VALUE, got {raw!r}", 2)
    try:
        return key, json.loads(value)  # numbers, booleans and lists as JSON ...
    except json.JSONDecodeError:
        return key, value  # ... anything else as a string


def _options(raw: list[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in map(_option, raw or []):
        if isinstance(out.get(key), list):  # a repeated key collects a list
            out[key] = [*out[key], *(value if isinstance(value, list) else [value])]
        elif key in out:
            out[key] = [out[key], value]
        else:
            out[key] = value
    return out


def _listed(kind: str, options: dict[str, Any]) -> dict[str, Any]:
    """A list option given once (`-o agencies=x`) is a list of one."""
    from chokewatch.shared.sources import OPTIONS, SourceKind

    if kind not in SourceKind.__members__:
        return options
    for key, info in OPTIONS[SourceKind(kind)].model_fields.items():
        if key in options and get_origin(info.annotation) is list and not isinstance(options[key], list):
            options[key] = [options[key]]
    return options


def _problems(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'source'}: {e['msg']}" for e in exc.errors())


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="lower-case name; events carry source feed:NAME")],
    kind: Annotated[str, typer.Argument(help="feed, federal_register, page or folder")],
    location: Annotated[str, typer.Argument(help="URL, or a path under CHOKEWATCH_SOURCE_FILES_ROOT")],
    interval: Annotated[int, typer.Option(help="seconds between polls")] = 900,
    option: Annotated[list[str] | None, typer.Option(
        "--option", "-o", help="KEY=VALUE (JSON values allowed); repeat a key for a list")] = None,
    backfill_days: Annotated[int, typer.Option(help="days read back on the first poll")] = 0,
    alert_after: Annotated[datetime | None, typer.Option(
        help="events published earlier do not alert (default: start of today, UTC)")] = None,
    paused: Annotated[bool, typer.Option(help="add it without polling yet")] = False,
) -> None:
    """Add a source; it is polled at once by any running ingest process."""
    from chokewatch.shared.fetchguard import FetchGuard, UnsafeTarget
    from chokewatch.shared.sources import (
        FolderOutsideRoot,
        PatternOutside,
        SourceExists,
        SourceSpec,
        check_pattern,
        folder_path,
    )

    try:
        spec = SourceSpec(name=name, kind=kind, location=location, interval_s=interval,
                          options=_listed(kind, _options(option)), backfill_days=backfill_days,
                          alert_after=_aware(alert_after), paused=paused)
        if spec.kind.value == "folder":
            folder_path(spec.location, Settings())
            check_pattern(str(spec.options.get("pattern", "*")))
        else:  # an address is refused now; a host name is checked at every fetch
            FetchGuard(Settings().fetch_allow_hosts, allow_http=True).check_literal(spec.location)
    except ValidationError as exc:
        raise _fail(_problems(exc), 2) from None
    except (FolderOutsideRoot, PatternOutside, UnsafeTarget) as exc:
        raise _fail(str(exc), 2) from None

    async def work(store):
        try:
            return await store.create(spec)
        except SourceExists:
            raise _fail(f"a source named {name!r} exists") from None

    source = _run(work)
    typer.echo(f"added {source.name} ({source.kind.value}, every {source.interval_s} s); "
               f"events before {source.cutoff().isoformat()} will not alert")


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@app.command("list")
def list_sources() -> None:
    """Every source with its status, last poll and last error."""
    from rich.console import Console
    from rich.table import Table

    from chokewatch.shared.sources import status_of

    async def work(store):
        return [(s, await store.state(s.name)) for s in await store.all()]

    rows = _run(work)
    table = Table("name", "kind", "every", "status", "last poll", "admitted", "last error")
    for source, state in rows:
        table.add_row(source.name, source.kind.value, f"{source.interval_s} s", status_of(source, state),
                      (state.get("last_poll_at") or "")[:19], state.get("items_admitted") or "0",
                      (state.get("last_error") or "")[:60] if status_of(source, state) == "failing" else "")
    Console().print(table)


def _found(source: T | None, name: str) -> T:
    if source is None:
        raise _fail(f"no source {name!r}")
    return source


@app.command("show")
def show(name: str) -> None:
    """One source, its poll state and cut-off, as JSON."""

    async def work(store):
        return _found(await store.get(name), name), await store.state(name)

    source, state = _run(work)
    shown = {k: v for k, v in state.items() if not k.startswith(("item_failures:", "etag", "validators"))}
    typer.echo(json.dumps({"source": source.model_dump(mode="json"), "state": shown,
                           "cutoff": source.cutoff().isoformat()}, indent=2, ensure_ascii=False))


def _change(name: str, **fields: Any) -> None:
    from chokewatch.shared.sources import SourcePatch

    async def work(store):
        return _found(await store.update(name, SourcePatch(**fields)), name)

    _run(work)


@app.command("pause")
def pause(name: str) -> None:
    """Stop polling a source (it keeps its state)."""
    _change(name, paused=True)
    typer.echo(f"paused {name}")


@app.command("resume")
def resume(name: str) -> None:
    """Poll a paused source again, starting now."""
    _change(name, paused=False)
    typer.echo(f"resumed {name}")


@app.command("poll")
def poll(name: str) -> None:
    """Poll a source at the next opportunity instead of waiting for its interval."""

    async def work(store):
        source = _found(await store.get(name), name)
        if source.paused:
            raise _fail(f"{name} is paused; resume it first")
        await store.poll_soon(name)

    _run(work)
    typer.echo(f"{name} will be polled shortly")


@app.command("delete")
def delete(name: str) -> None:
    """Stop watching a source and forget its state (events it admitted stay)."""

    async def work(store):
        return await store.delete(name)

    if not _run(work):
        raise _fail(f"no source {name!r}")
    typer.echo(f"deleted {name}")


@app.command("items")
def items(name: str, limit: Annotated[int, typer.Option(help="at most this many")] = 20) -> None:
    """What the source's recent polls found, newest first."""

    async def work(store):
        _found(await store.get(name), name)
        return await store.recent(name, limit)

    found = _run(work)
    if not found:
        typer.echo(f"no items yet for {name} (its first poll may not have run; "
                   f"`chokewatch sources show {name}` tells its state)")
    for item in found:
        typer.echo(f"{item['at'][:19]}  {item['outcome']:<17} {item.get('language') or '--':<3} "
                   f"{item['title'][:80]}  {item.get('url') or ''}")
