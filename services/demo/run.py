"""The demo: a throwaway stack, three sample subscribers, six sample events, the alerts table;
with `keep`, the stack stays up afterwards so the console can be opened on what the demo made.

Subscribers: an EV-motor maker buying NdFeB magnets from Chinese suppliers, a defense supplier
using SmCo magnets, a chip fab using gallium and germanium. Events (written for the demo from
public facts): a rare-earth licensing rule reported by two outlets, a gallium and germanium
ban, a suspension (easing), an opinion piece and an unrelated car review.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from chokewatch.services.stack import (
    Stack,
    embedded_or_given,
    ensure_secrets_key,
    serve,
    stop_on_signals,
)
from chokewatch.shared import streams
from chokewatch.shared.embedded import free_port
from chokewatch.shared.messages import ClassifiedEvent
from chokewatch.shared.names import CLASSIFIED, Names
from chokewatch.shared.redis import connect
from chokewatch.shared.settings import Settings

from .receiver import Receiver

SAMPLES = Path(__file__).with_name("samples.jsonl")


def _secret() -> str:
    import base64

    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def subscribers(receiver: Receiver) -> list[dict]:
    def hook(path: str, secret: str) -> dict:
        receiver.secrets[path] = secret
        return {"type": "webhook", "url": receiver.url(path), "secret": secret}

    return [
        {
            "name": "Voltmotive (EV motors)",
            "elements": {
                "Nd": {"weight": 0.9, "country_shares": {"CN": 0.85}},
                "Pr": {"weight": 0.6, "country_shares": {"CN": 0.85}},
                "Dy": {"weight": 0.9, "country_shares": {"CN": 0.95}},
                "Tb": {"weight": 0.7, "country_shares": {"CN": 0.95}},
            },
            "suppliers": [
                {"name": "JL Mag Rare-Earth", "country": "CN", "stage": "magnet",
                 "elements": ["Nd", "Pr", "Dy", "Tb"]},
                {"name": "China Northern Rare Earth", "country": "CN", "stage": "separation",
                 "elements": ["Nd", "Pr"]},
            ],
            "threshold": 35,
            "channels": [hook("/hooks/voltmotive", _secret())],
        },
        {
            "name": "Aegis Guidance (defense)",
            "elements": {
                "Sm": {"weight": 1.0, "country_shares": {"CN": 0.9}},
                "Co": {"weight": 0.5, "country_shares": {"CD": 0.7, "CN": 0.2}},
                "Yb": {"weight": 0.7, "country_shares": {"CN": 0.9}},  # fibre lasers
                "Eu": {"weight": 0.4, "country_shares": {"CN": 0.9}},  # display phosphors
            },
            "threshold": 30,
            "channels": [hook("/hooks/aegis", _secret())],
        },
        {
            "name": "Lumen Fab (chips)",
            "elements": {
                "Ga": {"weight": 0.8, "country_shares": {"CN": 0.9}},
                "Ge": {"weight": 0.6, "country_shares": {"CN": 0.6, "BE": 0.3}},
            },
            "threshold": 35,
            "channels": [hook("/hooks/lumen", _secret())],
        },
    ]


async def _wait_ready(client: httpx.AsyncClient, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (await client.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise TimeoutError("the API did not become ready")


async def wait_drained(url: str, namespace: str, timeout: float, settle: float = 0.5) -> bool:
    """True once every stream is fully handled (nothing unread, pending or awaiting retry)."""
    redis = connect(url)
    names = Names(namespace)
    try:
        deadline = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < deadline:
            if sum((await streams.backlog(redis, names.all_streams())).values()) == 0:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since >= settle:
                    return True
            else:
                quiet_since = None
            await asyncio.sleep(0.1)
        return False
    finally:
        await redis.aclose()


async def scenario(env: dict[str, str], receiver: Receiver, console: Console) -> int:
    admin = env["CHOKEWATCH_ADMIN_KEY"]
    base = f"http://127.0.0.1:{env['CHOKEWATCH_API_PORT']}"
    async with httpx.AsyncClient(base_url=base, headers={"authorization": f"Bearer {admin}"},
                                 timeout=10) as client:
        await _wait_ready(client, 30)
        names: dict[str, str] = {}
        for spec in subscribers(receiver):
            reply = await client.post("/v1/subscribers", json=spec)
            reply.raise_for_status()
            names[reply.json()["subscriber"]["id"]] = spec["name"]
        events = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line.strip()]
        for event in events:
            (await client.post("/v1/events", json=event)).raise_for_status()
        console.print(f"Submitted {len(events)} sample events for {len(names)} subscribers; "
                      "waiting for the pipeline…")
        drained = await wait_drained(env["CHOKEWATCH_REDIS_URL"], env["CHOKEWATCH_NAMESPACE"], 40)

    deliveries = receiver.received()
    alerts = [d.body.get("alert", {}) for d in deliveries]
    console.print(alerts_table(alerts, names))
    console.print(await events_table(env, alerts))
    unverified = [d for d in deliveries if d.verified is not True]
    console.print(f"{len(deliveries)} alert(s) delivered, all signatures verified: "
                  f"{'yes' if not unverified else 'NO'}; pipeline drained: "
                  f"{'yes' if drained else 'NO'}")
    return 0 if deliveries and drained and not unverified else 1


def alerts_table(alerts: list[dict], names: dict[str, str]) -> Table:
    table = Table(title="Alerts delivered to the local receiver", show_lines=True)
    for column in ("Subscriber", "Score", "Kind", "Elements", "Event", "Why (points)"):
        table.add_column(column, overflow="fold")
    for alert in alerts:
        why = "\n".join(f"+{p['points']:.0f} {p['label']}" for p in alert.get("parts", [])[:4])
        table.add_row(
            names.get(alert.get("subscriber_id"), "?"),
            f"{alert.get('score', 0):.0f}",
            f"{alert.get('kind')}\n{alert.get('direction')}",
            " ".join(alert.get("elements", [])),
            alert.get("title", ""),
            why,
        )
    return table


async def events_table(env: dict[str, str], alerts: list[dict]) -> Table:
    """What the classifier made of each sample event, read back from the classified stream."""
    redis = connect(env["CHOKEWATCH_REDIS_URL"])
    try:
        keys = Names(env["CHOKEWATCH_NAMESPACE"]).stream(CLASSIFIED)
        entries = await redis.xrange(keys.stream)
    finally:
        await redis.aclose()
    per_event = Counter(a.get("event_id") for a in alerts)
    table = Table(title="What chokewatch read in each event")
    for column in ("Event", "Type", "Direction", "Status", "Elements", "Incident", "Alerts"):
        table.add_column(column, overflow="fold")
    for _, fields in entries:
        event = ClassifiedEvent.model_validate_json(streams.payload_of(fields))
        c = event.classification
        table.add_row(
            event.title, c.event_type.value, c.direction.value,
            c.status.value if c.status else "—", " ".join(c.elements) or "—",
            (c.incident_id or "—")[-6:], str(per_event.get(event.event_id, 0)),
        )
    return table


def keep_serving(stack: Stack, env: dict[str, str], console: Console) -> None:
    """Serve the demo's stack until Ctrl-C or SIGTERM, restarting a service that dies."""
    stopping = stop_on_signals()
    base = f"http://127.0.0.1:{env['CHOKEWATCH_API_PORT']}"
    # The key is this throwaway stack's own, on loopback, gone when it stops.
    console.print(f"Console: {base}/console  (sign in with the demo's admin key "
                  f"{env['CHOKEWATCH_ADMIN_KEY']})\nAPI docs: {base}/docs\n"
                  "Ctrl-C stops the demo and deletes what it made.", soft_wrap=True)
    serve(stack, stopping)


def run_demo(settings: Settings, keep: bool = False) -> int:
    console = Console(width=max(120, Console().width))
    workdir = Path(tempfile.mkdtemp(prefix="chokewatch-demo-"))
    env = dict(os.environ)
    env.update(
        CHOKEWATCH_ADMIN_KEY=secrets.token_urlsafe(24),
        CHOKEWATCH_API_PORT=str(free_port()),
        CHOKEWATCH_METRICS_PORT="0",
        CHOKEWATCH_WEBHOOK_ALLOW_HOSTS="127.0.0.1",
        CHOKEWATCH_WEBHOOK_ALLOW_HTTP="true",
        CHOKEWATCH_NAMESPACE="demo" + secrets.token_hex(3),
    )
    ensure_secrets_key(env, workdir)
    server = embedded_or_given(env, workdir)
    log_path = workdir / "services.log"
    started = time.monotonic()
    with open(log_path, "w") as log, Receiver() as receiver:
        stack = Stack(env, log=log)
        stack.start()
        try:
            code = asyncio.run(scenario(env, receiver, console))
            if keep:
                keep_serving(stack, env, console)
            elif code == 0:
                console.print("To browse these incidents and alerts in the console, run "
                              "`chokewatch demo --keep`.")
        except Exception as exc:  # noqa: BLE001 - report, then clean up
            console.print(f"demo failed: {exc!r}; service logs in {log_path}")
            code = 1
        finally:
            stack.stop()
            if server:
                server.stop()
    console.print(f"Demo finished in {time.monotonic() - started:.1f} s.")
    if code == 0:
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"service logs kept in {log_path}", file=sys.stderr)
    return code
