"""Sending one request to one channel through the guards every message passes, alert or digest.

In order: the endpoint's pause, circuit breaker and slots, and the worker's cap on requests in
flight (endpoints.py); the channel's rate (a token bucket in Redis shared by all workers, asked
through the worker's batcher); then the SSRF guard, which pins the checked address, and the POST
itself; the channel reads the response into an outcome. A 429 pauses that endpoint alone, in
this worker and, for a rated channel, in its bucket for every worker.

Connections are kept alive per host name, and HTTP/2 is offered over TLS: httpx asks for it by
ALPN and uses it where the receiver picks it (Slack's hosts do), so many Slack webhook URLs
share a few multiplexed connections. Plain-http endpoints stay on HTTP/1.1.

Requests go straight to httpx's connection pools (its transports), not through a client: a
client's request building, cookie jar and redirect and auth handling cost more CPU than the
send, and delivery needs none of them (no cookies are kept, redirects are never followed). Nor
are proxies taken from the environment (a client's default): a request goes to the address the
SSRF guard checked.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections import OrderedDict

import httpx

from chokewatch.shared.fetchguard import host_in
from chokewatch.shared.profiles import SlackChannel, WebhookChannel
from chokewatch.shared.redisbatch import Batcher, Command
from chokewatch.shared.ssrf import Guard, UnsafeTarget
from chokewatch.shared.worker import Runtime

from .channels import Channel, Outcome, Rate, Request
from .endpoints import TOO_MANY_WAIT_S, Endpoints
from .slack import Slack
from .webhook import Webhook

# The channel kinds by the profile's `type`: a new kind is a module and a line here.
KINDS: dict[str, type[Webhook] | type[Slack]] = {"webhook": Webhook, "slack": Slack}


# Connection pools kept (per host name, see below); the least used is closed. Room for a busy
# host's pools and a few hundred webhook hosts besides, so a storm does not churn connections.
CLIENTS_KEPT = 512
# Connections one pool holds. httpx's pool scans all its connections, probing each idle one's
# socket, twice for every request (placed, then finished), so one pool of hundreds (thousands
# of Slack URLs on one host over HTTP/1.1) costs more CPU than the requests: a host's endpoints
# are spread over many small pools instead: as small as a webhook host's own limit allows (a
# webhook host's requests all go through one pool, see `_client_for`).
POOL_CONNECTIONS = 4
NOT_BEFORE_KEPT = 4_096  # rate waits remembered before past ones are dropped
# What a client would add to each request (httpx's defaults, with our user agent).
HEADERS = {"accept": "*/*", "accept-encoding": "gzip, deflate", "connection": "keep-alive",
           "user-agent": "chokewatch-alerts/1"}

# A token bucket per rated endpoint, on the server's clock so every worker agrees. KEYS: the
# bucket hash; ARGV: interval ms (one token each), burst (tokens at most), pause ms (a 429: no
# token until it ends; 0 to take one). Returns 0 when a token was taken, else the ms to wait.
_BUCKET = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval, burst, pause = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'held')
local held = tonumber(state[3]) or 0
if pause > 0 then
  held = math.max(held, now + pause)
  -- one token due when the pause ends, none before
  redis.call('HSET', KEYS[1], 'tokens', 0, 'at', held - interval, 'held', held)
  redis.call('PEXPIRE', KEYS[1], held - now + interval * burst)
  return pause
end
if now < held then return held - now end
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / interval)
if tokens < 1 then return math.ceil((1 - tokens) * interval) end
redis.call('HSET', KEYS[1], 'tokens', tokens - 1, 'at', now, 'held', held)
redis.call('PEXPIRE', KEYS[1], interval * burst + 1000)
return 0
"""


class Sender:
    def __init__(
        self, rt: Runtime, client: httpx.AsyncClient | None = None, batcher: Batcher | None = None
    ) -> None:
        settings = rt.settings
        self.rt = rt
        self.client = client  # one for every host, when given (tests)
        self.batcher = batcher or Batcher(rt.redis)
        # Requests go to the checked address, so a pool shared by all hosts would key its
        # connections by address alone: one host's TLS connection could then carry another host
        # name's request. Each host name gets its own pool instead.
        self._clients: OrderedDict[tuple[str, int], httpx.AsyncHTTPTransport] = OrderedDict()
        self._tls = httpx.create_ssl_context()  # built once: a new pool costs next to nothing
        pool = max(POOL_CONNECTIONS, settings.endpoint_concurrency)
        self._limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
        self._timeout = httpx.Timeout(settings.webhook_timeout_s).as_dict()
        self._pools_per_host = max(1, -(-settings.delivery_max_in_flight // pool))
        self._closing: set[asyncio.Task] = set()
        self._bucket = rt.redis.register_script(_BUCKET)
        self._not_before: dict[str, float] = {}  # rate key -> when its bucket may have a token
        self.guard = Guard(settings.webhook_allow_hosts, settings.webhook_allow_http)
        self.endpoints = Endpoints(
            concurrency=settings.endpoint_concurrency,
            failures_to_open=settings.breaker_failures,
            open_s=settings.breaker_open_s,
            max_in_flight=settings.delivery_max_in_flight,
            # Half the alerts a worker handles may queue for one busy endpoint: the other half
            # keep the rest flowing.
            max_waiting=max(1, settings.delivery_concurrency // 2),
        )

    def _client_for(self, server_name: str, limit_key: str) -> httpx.AsyncHTTPTransport:
        """The pool for this host name (the checked URL's host, as the TLS server name) and
        endpoint: a host's endpoints (its Slack URLs) are spread over a few pools."""
        key = (server_name, zlib.crc32(limit_key.encode()) % self._pools_per_host)
        pool = self._clients.pop(key, None) or httpx.AsyncHTTPTransport(
            verify=self._tls,
            http2=True,  # offered by ALPN over TLS only; taken where the receiver picks it
            limits=self._limits,
        )
        self._clients[key] = pool  # most recently used last
        while len(self._clients) > CLIENTS_KEPT:
            _, oldest = self._clients.popitem(last=False)
            task = asyncio.get_running_loop().create_task(oldest.aclose())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)
        return pool

    async def aclose(self) -> None:
        for pool in self._clients.values():
            await pool.aclose()
        self._clients.clear()

    def channel(self, config: WebhookChannel | SlackChannel) -> Channel:
        return KINDS[config.type](config, self.rt.settings)

    async def take_turn(self, rate: Rate, pause_s: float = 0.0) -> float | None:
        """None when a message may go now (a token taken), else the seconds to wait; with
        `pause_s`, holds the bucket that long (a 429) for every worker. A wait already learnt
        is answered here, without asking Redis again."""
        now = time.monotonic()
        if not pause_s and self._not_before.get(rate.key, 0.0) > now:
            return self._not_before[rate.key] - now
        command = Command.call(self._bucket, keys=[self.rt.names.send_bucket(rate.key)],
                               args=[rate.interval_ms, rate.burst, int(pause_s * 1000)])
        [wait_ms] = await self.batcher.run([command])
        if not wait_ms:
            self._not_before.pop(rate.key, None)
            return None
        wait = max(50, int(wait_ms)) / 1000
        self._not_before[rate.key] = now + wait
        if len(self._not_before) > NOT_BEFORE_KEPT:  # only future waits matter
            self._not_before = {k: t for k, t in self._not_before.items() if t > now}
        return wait

    async def send(self, channel: Channel, request: Request) -> Outcome:
        slack_hosts = self.rt.settings.slack_hosts
        if channel.type == "slack" and not host_in(request.url, slack_hosts):
            # saved before the list of Slack hosts changed: never sent elsewhere
            return Outcome(False, retry=False,
                           reason="a Slack channel's URL must be on " + ", ".join(slack_hosts))
        if self.client is None:  # its pool made before its turn is taken, so the turn is spent sending
            try:
                self._client_for(self.guard.check_url(request.url)[0], channel.limit_key)
            except UnsafeTarget:
                pass  # refused with its reason when sent
        return await self.endpoints.call(request.url, lambda: self._paced(channel, request),
                                         key=channel.limit_key)

    async def _paced(self, channel: Channel, request: Request) -> Outcome:
        """The POST, once the channel's rate allows it; a 429 holds the rate's bucket too."""
        rate = channel.rate
        if rate is not None:
            wait = await self.take_turn(rate)
            if wait is not None:
                return Outcome(False, retry=True, deferred=True, retry_after_s=wait,
                               reason=rate.reason)
        outcome = await self._post(channel, request)
        if rate is not None and outcome.status == 429:
            pause = outcome.retry_after_s if outcome.retry_after_s is not None else TOO_MANY_WAIT_S
            await self.take_turn(rate, pause_s=max(pause, rate.interval_ms / 1000))
        return outcome

    async def _post(self, channel: Channel, request: Request) -> Outcome:
        try:
            pinned = await self.guard.pin(request.url)
        except UnsafeTarget as exc:
            return Outcome(False, retry=False, reason=str(exc))
        headers = {**HEADERS, **request.headers, "host": pinned.host, "content-type": "application/json"}
        try:
            if self.client is not None:
                response = await self.client.post(pinned.url, content=request.body, headers=headers,
                                                  extensions={"sni_hostname": pinned.server_name})
            else:
                pool = self._client_for(pinned.server_name, channel.limit_key)
                response = await pool.handle_async_request(httpx.Request(
                    "POST", pinned.url, content=request.body, headers=headers,
                    extensions={"sni_hostname": pinned.server_name, "timeout": self._timeout}))
                try:
                    await response.aread()
                finally:
                    await response.aclose()
        except httpx.TimeoutException:
            return Outcome(False, retry=True, reason="timed out")
        except httpx.TransportError as exc:
            return Outcome(False, retry=True, reason=f"connection failed: {type(exc).__name__}")
        return channel.read(response)
