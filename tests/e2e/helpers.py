"""Driving the running services over HTTP, as a user would."""

from __future__ import annotations

import asyncio
import base64
import secrets

import httpx

from chokewatch.services.demo.run import wait_drained
from tests.conftest import wait_for


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def api_client(services) -> httpx.Client:
    env = services.env
    client = httpx.Client(
        base_url=f"http://127.0.0.1:{env['CHOKEWATCH_API_PORT']}",
        headers={"authorization": f"Bearer {env['CHOKEWATCH_ADMIN_KEY']}"},
        timeout=10,
    )

    def ready() -> bool:
        try:
            return client.get("/readyz").status_code == 200
        except httpx.TransportError:
            return False

    wait_for(ready, timeout=30, what="the API to be ready")
    return client


def subscribe(client: httpx.Client, receiver, path: str, elements: dict) -> str:
    secret = new_secret()
    receiver.secrets[path] = secret
    reply = client.post("/v1/subscribers", json={
        "name": path.strip("/"),
        "elements": elements,
        "threshold": 30,
        "channels": [{"type": "webhook", "url": receiver.url(path), "secret": secret}],
    })
    assert reply.status_code == 201, reply.text
    return reply.json()["subscriber"]["id"]


DYSPROSIUM_CONTROL = {
    "title": "China adds dysprosium and terbium to its export control list",
    "text": (
        "China's Ministry of Commerce published an announcement on Friday placing dysprosium "
        "and terbium, and magnets containing them, under export licensing. The measure takes "
        "effect immediately; exporters must apply to the ministry for a licence."
    ),
}


def drained(services, timeout: float = 30) -> bool:
    env = services.env
    return asyncio.run(
        wait_drained(env["CHOKEWATCH_REDIS_URL"], env["CHOKEWATCH_NAMESPACE"], timeout)
    )
