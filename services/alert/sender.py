"""Sending one request to one channel through the guards every message passes, alert or digest.

In order: the channel's rate (a turn in Redis shared by all workers), the endpoint's slots and
circuit breaker (endpoints.py), then the SSRF guard, which pins the checked address, and the
POST itself; the channel reads the response into an outcome.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

import httpx

from chokewatch.shared.fetchguard import host_in
from chokewatch.shared.profiles import SlackChannel, WebhookChannel
from chokewatch.shared.ssrf import Guard, UnsafeTarget
from chokewatch.shared.worker import Runtime

from .channels import Channel, Outcome, Rate, Request
from .endpoints import Endpoints
from .slack import Slack
from .webhook import Webhook

# The channel kinds by the profile's `type`: a new kind is a module and a line here.
KINDS: dict[str, type[Webhook] | type[Slack]] = {"webhook": Webhook, "slack": Slack}


CLIENTS_KEPT = 256  # host names with a connection pool of their own; the least used is closed


class Sender:
    def __init__(self, rt: Runtime, client: httpx.AsyncClient | None = None) -> None:
        settings = rt.settings
        self.rt = rt
        self.client = client  # one for every host, when given (tests)
        # Requests go to the checked address, so a pool shared by all hosts would key its
        # connections by address alone: one host's TLS connection could then carry another host
        # name's request. Each host name gets its own pool instead.
        self._clients: OrderedDict[str, httpx.AsyncClient] = OrderedDict()
        self._tls = httpx.create_ssl_context()  # built once: a new pool costs next to nothing
        self._closing: set[asyncio.Task] = set()
        self.guard = Guard(settings.webhook_allow_hosts, settings.webhook_allow_http)
        self.endpoints = Endpoints(
            concurrency=settings.endpoint_concurrency,
            failures_to_open=settings.breaker_failures,
            open_s=settings.breaker_open_s,
        )

    def _client_for(self, server_name: str) -> httpx.AsyncClient:
        """The pool for this host name (the checked URL's host, as the TLS server name)."""
        if self.client is not None:
            return self.client
        client = self._clients.pop(server_name, None) or httpx.AsyncClient(
            timeout=self.rt.settings.webhook_timeout_s,
            verify=self._tls,
            follow_redirects=False,  # a redirect could lead past the SSRF guard
            headers={"user-agent": "chokewatch-alerts/1"},
        )
        self._clients[server_name] = client  # most recently used last
        while len(self._clients) > CLIENTS_KEPT:
            _, oldest = self._clients.popitem(last=False)
            task = asyncio.get_running_loop().create_task(oldest.aclose())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)
        return client

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()

    def channel(self, config: WebhookChannel | SlackChannel) -> Channel:
        return KINDS[config.type](config, self.rt.settings)

    async def _turn(self, rate: Rate) -> float | None:
        """None when the channel may be sent to now, else the seconds to wait (all workers)."""
        key = self.rt.names.send_turn(rate.key)
        if await self.rt.redis.set(key, "1", nx=True, px=rate.interval_ms):
            return None
        return max(50, int(await self.rt.redis.pttl(key))) / 1000

    async def send(self, channel: Channel, request: Request) -> Outcome:
        slack_hosts = self.rt.settings.slack_hosts
        if channel.type == "slack" and not host_in(request.url, slack_hosts):
            # saved before the list of Slack hosts changed: never sent elsewhere
            return Outcome(False, retry=False,
                           reason="a Slack channel's URL must be on " + ", ".join(slack_hosts))
        try:  # its pool made before its turn is taken, so the turn is spent sending
            self._client_for(self.guard.check_url(request.url)[0])
        except UnsafeTarget:
            pass  # refused with its reason when sent
        if channel.rate is not None:
            wait = await self._turn(channel.rate)
            if wait is not None:
                return Outcome(False, retry=True, deferred=True, retry_after_s=wait,
                               reason=channel.rate.reason)
        return await self.endpoints.call(request.url, lambda: self._post(channel, request))

    async def _post(self, channel: Channel, request: Request) -> Outcome:
        try:
            pinned = await self.guard.pin(request.url)
        except UnsafeTarget as exc:
            return Outcome(False, retry=False, reason=str(exc))
        try:
            response = await self._client_for(pinned.server_name).post(
                pinned.url,
                content=request.body,
                headers={**request.headers, "host": pinned.host, "content-type": "application/json"},
                extensions={"sni_hostname": pinned.server_name},
            )
        except httpx.TimeoutException:
            return Outcome(False, retry=True, reason="timed out")
        except httpx.TransportError as exc:
            return Outcome(False, retry=True, reason=f"connection failed: {type(exc).__name__}")
        return channel.read(response)
