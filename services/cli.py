"""The `chokewatch` command: run services, the local stack, the demo, and offline tools."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from chokewatch.services.local import redis_url
from chokewatch.services.secrets import app as secrets_app
from chokewatch.services.sources_cli import app as sources_app
from chokewatch.shared.progress import QUIET, Tracker, tracking
from chokewatch.shared.settings import Settings

app = typer.Typer(
    help="chokewatch: alerts when export controls, trade talks or sanctions hit your minerals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.add_typer(sources_app, name="sources")
app.add_typer(secrets_app, name="secrets")

SERVICE_NAMES = ("ingest", "classify", "alert", "api")


@app.command()
def up(
    dev: Annotated[bool, typer.Option(
        "--dev", help="also run a local receiver that shows what the channels get; the services "
                      "may send to it over plain http, for this run only")] = False,
) -> None:
    """Run every service locally, one process each (embedded Redis unless CHOKEWATCH_REDIS_URL)."""
    from chokewatch.services.stack import up as run_up

    raise typer.Exit(run_up(Settings().data_dir, dev=dev))


@app.command()
def run(name: Annotated[str, typer.Argument(help="ingest, classify, alert or api")]) -> None:
    """Run one service in the foreground (for compose and Kubernetes)."""
    from chokewatch.shared.telemetry import setup_logging
    from chokewatch.shared.worker import run_service

    settings = Settings()
    if name not in SERVICE_NAMES:
        typer.echo(f"error: unknown service {name!r}; choose one of {', '.join(SERVICE_NAMES)}",
                   err=True)
        raise typer.Exit(2)
    setup_logging(settings.log_level, settings.log_json, service=name)
    if name == "api":
        import uvicorn

        from chokewatch.services.api.app import create_app

        if not settings.redis_url:
            typer.echo("error: CHOKEWATCH_REDIS_URL is not set", err=True)
            raise typer.Exit(2)
        if settings.metrics_port is not None:  # for Prometheus, without the admin key
            from chokewatch.shared.telemetry import serve_metrics

            serve_metrics(settings.metrics_port, settings.metrics_host)
        # log_config=None: uvicorn logs through our handlers (JSON when CHOKEWATCH_LOG_JSON);
        # the API logs each request itself, with its request id.
        uvicorn.run(create_app(settings), host=settings.api_host, port=settings.api_port,
                    log_level="warning", log_config=None, access_log=False)
        return
    from chokewatch.services.stack import METRICS_PORTS

    if name == "ingest":
        from chokewatch.services.ingest.service import build
    elif name == "classify":
        from chokewatch.services.classify.service import build
    else:
        from chokewatch.services.alert.service import build
    asyncio.run(run_service(name, settings, build, METRICS_PORTS[name]))


@app.command()
def demo(
    keep: Annotated[bool, typer.Option(
        help="keep the stack running afterwards and print the console's URL; Ctrl-C stops it")] = False,
) -> None:
    """Start a throwaway stack, add sample subscribers and events, print the alerts they get."""
    from chokewatch.services.demo.run import run_demo

    raise typer.Exit(run_demo(Settings(), keep=keep))


@app.command()
def asyncapi(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="write the document to this file instead of stdout")] = None,
) -> None:
    """The streams between the services as an AsyncAPI 3.0 document (JSON), for the namespace of
    CHOKEWATCH_NAMESPACE; the API serves the same at /asyncapi.json."""
    from chokewatch.shared.asyncapi import document
    from chokewatch.shared.names import Names

    text = json.dumps(document(Names(Settings().namespace)), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    output.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {output}", err=True)


@app.command()
def classify(
    files: Annotated[list[Path] | None, typer.Argument(
        help="text files, or JSON lines (.jsonl) with text and optional id, title, published_at; "
             "stdin when none")] = None,
    incidents: Annotated[bool, typer.Option(
        "--incidents", help="give every event its incident_id across all inputs, in "
                            "publication order, as the classify service would")] = False,
) -> None:
    """Classify texts offline: one JSON object per input (the fields of README, How a text is read)."""
    from chokewatch.services.classify import offline

    try:
        inputs = offline.read(files, None if files else sys.stdin.read())
    except offline.InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for obj in offline.run(inputs, incidents=incidents):
        typer.echo(json.dumps(obj, ensure_ascii=False))


@app.command()
def evaluate(
    corpus: Annotated[
        Path | None, typer.Argument(help="a folder of texts with labels.jsonl; default: the corpus")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="the full report as JSON")] = False,
) -> None:
    """Measure the classifier on a labelled corpus: per-field scores, confusion, clustering."""
    from chokewatch.services.classify import evaluate as evaluation

    if corpus is not None and not (corpus / "labels.jsonl").exists() \
            and not (corpus / "labels.json").exists():
        typer.echo(f"error: {corpus} has no labels.jsonl", err=True)
        raise typer.Exit(2)
    with tracking() as progress:
        report = evaluation.run(corpus, progress)
    typer.echo(json.dumps(report, default=str, indent=1) if as_json else evaluation.render(report))


@app.command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="plain text, Markdown or JSON-lines files")],
    skip_invalid: Annotated[
        bool, typer.Option(help="admit the valid events even if some are invalid")
    ] = False,
) -> None:
    """Admit events from files (exact duplicates are dropped)."""
    from chokewatch.services.ingest.files import parse_files

    parsed = parse_files(files)
    for problem in parsed.problems:
        skipped = skip_invalid and not problem.unreadable
        typer.echo(f"{'skipped' if skipped else 'error'}: {problem}", err=True)
    if parsed.problems and not skip_invalid:
        typer.echo(f"nothing admitted: {len(parsed.problems)} problem(s); fix them or pass "
                   "--skip-invalid", err=True)
        raise typer.Exit(1)
    if not parsed.events:
        typer.echo("error: no events to admit", err=True)
        raise typer.Exit(1)
    settings = Settings()
    with tracking() as progress:
        progress.phase(f"admitting from {len(files)} file(s)", len(parsed.events))
        admitted = asyncio.run(_admit(settings, redis_url(settings), parsed.events, progress))
    typer.echo(admitted_line(admitted, len(parsed.events), parsed.problems))
    if any(problem.unreadable for problem in parsed.problems):
        raise typer.Exit(1)  # a file that could not be read is a failure, not a skipped entry


def admitted_line(admitted: int, valid: int, skipped: list) -> str:
    """What `ingest` did, counting every entry read: the valid ones, then the invalid skipped."""
    line = (f"admitted {admitted} of {valid + len(skipped)} event(s); "
            f"{valid - admitted} exact duplicate(s) dropped")
    if skipped:
        more = f"; {len(skipped) - 1} more above" if len(skipped) > 1 else ""
        line += f"; {len(skipped)} invalid skipped ({skipped[0]}{more})"
    return line


async def _admit(settings: Settings, url: str, events: list, progress: Tracker = QUIET) -> int:
    from chokewatch.services.ingest.dedup import Admitter
    from chokewatch.shared.names import Names
    from chokewatch.shared.redis import connect, ensure_streams

    redis = connect(url, settings.redis_cluster)
    try:
        names = Names(settings.namespace)
        await ensure_streams(redis, names)
        admitter = Admitter(redis, names, settings.dedup_ttl_days)
        admitted = 0
        for event in events:
            admitted += await admitter.admit(event)
            progress.advance()
        return admitted
    finally:
        await redis.aclose()


@app.command()
def backtest(
    subscriber_id: Annotated[str, typer.Argument(help="the subscriber whose profile to test")],
    days: Annotated[int, typer.Option(min=1, max=3650, help="how far back to look")] = 30,
    profile: Annotated[
        Path | None, typer.Option(help="a JSON profile to try instead of the stored one")
    ] = None,
) -> None:
    """What a profile would have been alerted of over the stored incidents; sends nothing."""
    from pydantic import ValidationError

    from chokewatch.shared.profiles import ProfileSpec

    spec = None
    if profile is not None:
        try:
            spec = ProfileSpec.model_validate_json(profile.read_text(encoding="utf-8"))
        except (OSError, ValidationError) as exc:
            typer.echo(f"error: {profile}: {exc}", err=True)
            raise typer.Exit(2) from None
    settings = Settings()
    asyncio.run(_backtest(settings, redis_url(settings), subscriber_id, days, spec))


async def _backtest(settings: Settings, url: str, subscriber_id: str, days: int, spec) -> None:
    import time

    from rich.console import Console
    from rich.table import Table

    from chokewatch.shared import streams
    from chokewatch.shared.core.preview import backtest as run_backtest
    from chokewatch.shared.messages import ClassifiedEvent
    from chokewatch.shared.names import CLASSIFIED, Names
    from chokewatch.shared.redis import connect
    from chokewatch.shared.subscribers import SubscriberStore

    redis = connect(url, settings.redis_cluster)
    names = Names(settings.namespace)
    try:
        stored = await SubscriberStore(redis, names).get(subscriber_id)
        if stored is None and spec is None:
            typer.echo(f"error: no subscriber {subscriber_id!r}", err=True)
            raise typer.Exit(2)
        since_ms = int((time.time() - days * 86_400) * 1000)
        events, cut = await streams.read_since(
            redis, names.stream(CLASSIFIED).stream, ClassifiedEvent, since_ms, settings.backtest_max_events
        )
    finally:
        await redis.aclose()
    incidents, lines = run_backtest(spec or stored, events)
    table = Table(title=f"Would have been alerted: {len(lines)} of {incidents} incidents "
                        f"in the last {days} days")
    for column in ("Score", "Type", "Title", "Why"):
        table.add_column(column, overflow="fold")
    for line in lines:
        why = "; ".join(f"+{p['points']:.0f} {p['label']}" for p in line["parts"][:3])
        table.add_row(f"{line['score']:.0f}", line["event_type"], line["title"], why)
    Console(width=max(100, Console().width)).print(table)
    if cut:
        typer.echo(f"note: only the newest {settings.backtest_max_events:,} classified events "
                   "were read", err=True)


@app.command()
def bench(
    quick: Annotated[bool, typer.Option(help="small sizes, for a smoke test")] = False,
    json_only: Annotated[bool, typer.Option(help="print the JSON figures only")] = False,
    storm_only: Annotated[bool, typer.Option(
        help="only the scoring fan-out and the storm")] = False,
    storm_subscribers: Annotated[int | None, typer.Option(
        min=2, help="subscribers in the storm, half of them alerted (default 100,000; --quick 2,000)",
    )] = None,
    storm_workers: Annotated[int, typer.Option(
        min=1, help="alert processes sharing the storm (default 2, one per core here)")] = 2,
) -> None:
    """Benchmark: raw stream baseline, classify, scoring fan-out, delivery, the whole pipeline,
    and the storm (one event alerting half of all subscribers). JSON on stdout, a table on stderr.

    Runs on an embedded server unless CHOKEWATCH_REDIS_URL is set (a fresh namespace is used).
    """
    from chokewatch.services.bench import run as run_bench
    from chokewatch.services.bench.storm import StormConfig

    settings = Settings()
    storm = None
    if storm_subscribers is not None:
        storm = StormConfig(subscribers=storm_subscribers, workers=storm_workers,
                            webhook_hosts=max(1, min(200, storm_subscribers // 20)))
    elif storm_workers != StormConfig.workers:
        storm = (StormConfig(subscribers=2_000, webhook_hosts=20, timeout_s=300,
                             workers=storm_workers) if quick else StormConfig(workers=storm_workers))
    with tracking() as progress:
        figures = run_bench(url=settings.redis_url, quick=quick, progress=progress, storm=storm,
                            storm_only=storm_only)
    typer.echo(json.dumps(figures, indent=2))
    if not json_only:
        from rich.console import Console

        from chokewatch.services.bench.report import table

        Console(width=max(120, Console().width), stderr=True).print(table(figures))


@app.command()
def soak(
    events: Annotated[int, typer.Option(min=100, help="events sent through the pipeline")] = 200_000,
    rate: Annotated[float, typer.Option(min=1, help="events offered per second")] = 300.0,
    keep_s: Annotated[float, typer.Option(min=1, help="stream retention, seconds")] = 10.0,
    incident_keep_s: Annotated[float | None, typer.Option(
        min=1, help="incident, decision and delivery-mark retention, seconds (default: --keep-s)",
    )] = None,
) -> None:
    """Soak: many events through ingest, classify and alert with short retention; prints Redis
    memory before, during and after, growth per event after the first windows, and what each
    family of keys holds at the end (JSON). Embedded server unless CHOKEWATCH_REDIS_URL is set."""
    import tempfile

    from chokewatch.services.bench.soak import SoakConfig, run_soak
    from chokewatch.shared.embedded import EmbeddedRedis

    settings = Settings()
    work = Path(tempfile.mkdtemp(prefix="chokewatch-soak-"))
    server = None
    url = settings.redis_url
    if url is None:
        server = EmbeddedRedis(work / "redis")
        url = server.start()
    try:
        config = SoakConfig(events=events, rate=rate, keep_s=keep_s, incident_keep_s=incident_keep_s)
        with tracking() as progress:
            figures = asyncio.run(run_soak(url, config, work / "services.log", progress))
    finally:
        if server is not None:
            server.stop()
    typer.echo(json.dumps(figures, indent=2))
    if figures["alerts_received"] != figures["alerts_expected"] or figures["duplicates"]:
        typer.echo("error: alerts lost or duplicated; service logs in " + figures["log"], err=True)
        raise typer.Exit(1)


@app.command("dead-letters")
def dead_letters(
    hop: Annotated[str | None, typer.Argument(help="submitted, raw, classified or alerts")] = None,
    redrive: Annotated[bool, typer.Option(help="send them through their stream again")] = False,
    limit: Annotated[int, typer.Option(help="at most this many")] = 100,
) -> None:
    """List dead-lettered entries with their reasons, or redrive them once the cause is fixed."""
    from chokewatch.shared.names import GROUPS

    if hop is not None and hop not in GROUPS:
        typer.echo(f"error: unknown stream {hop!r}; choose one of {', '.join(GROUPS)}", err=True)
        raise typer.Exit(2)
    settings = Settings()
    asyncio.run(_dead_letters(settings, redis_url(settings), hop, redrive, limit))


async def _dead_letters(settings: Settings, url: str, hop: str | None, redrive: bool,
                        limit: int) -> None:
    from chokewatch.shared import streams
    from chokewatch.shared.names import GROUPS, Names
    from chokewatch.shared.redis import connect

    redis = connect(url, settings.redis_cluster)
    names = Names(settings.namespace)
    try:
        for name in [hop] if hop else list(GROUPS):
            keys = names.stream(name)
            if redrive:
                moved = await streams.redrive(redis, keys, limit)
                typer.echo(f"{name}: {moved} entr{'y' if moved == 1 else 'ies'} sent again")
                continue
            total = await redis.xlen(keys.dead)
            typer.echo(f"{name}: {total} dead-lettered")
            for entry_id, fields in await redis.xrevrange(keys.dead, count=limit):
                typer.echo(f"  {entry_id}  {fields.get('reason', '')}")
    finally:
        await redis.aclose()


def one_line(exc: BaseException) -> str:
    """An exception as one line: its type where the message alone would not say what failed."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, UnicodeDecodeError):
        return f"a file is not UTF-8 text ({exc.reason} at byte {exc.start})"
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.strerror or text}: {exc.filename}"
    if isinstance(exc, ConnectionError | TimeoutError | OSError):
        return f"{type(exc).__name__}: {text}"
    return text[:500]


def main() -> None:
    """Every failure is one line on stderr and a non-zero exit; `--debug` shows the traceback."""
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv.remove("--debug")
    try:
        app()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as exc:  # noqa: BLE001 - the edge of the program: report, do not crash
        if debug:
            raise
        print(f"chokewatch: error: {one_line(exc)} (--debug shows where)", file=sys.stderr)
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
