"""Limits per endpoint as receivers count them: a Slack webhook URL by itself, a webhook host as
one receiver, and a cap on a worker's requests in flight; a 429 pauses its endpoint alone."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chokewatch.services.alert.channels import Outcome, Rate
from chokewatch.services.alert.endpoints import Endpoints, Slots
from chokewatch.services.alert.sender import Sender
from chokewatch.services.alert.slack import Slack
from chokewatch.services.alert.webhook import Webhook
from chokewatch.services.demo.receiver import Receiver
from chokewatch.shared import streams
from chokewatch.shared.names import ALERTS
from chokewatch.shared.profiles import SlackChannel, WebhookChannel
from chokewatch.shared.worker import Runtime
from tests.conftest import running_worker, until

from .test_delivery import add_subscriber, deliver_stage, make_alert


class Counting(ThreadingHTTPServer):
    """Answers 429 with a long Retry-After on paths listed in `busy`, 200 elsewhere."""

    daemon_threads = True

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.busy: set[str] = set()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                self.rfile.read(int(self.headers.get("content-length") or 0))
                outer.hits[self.path] += 1
                self.send_response(429 if self.path in outer.busy else 200)
                if self.path in outer.busy:
                    self.send_header("retry-after", "120")
                self.send_header("content-length", "0")
                self.end_headers()

        super().__init__(("127.0.0.1", 0), Handler)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture
def counting() -> Iterator[Counting]:
    srv = Counting()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def slack_settings(settings):
    """A loopback receiver stands for Slack: its host is put on the Slack host list."""
    return settings.model_copy(update={"slack_hosts": ["127.0.0.1"], "webhook_timeout_s": 8.0,
                                       "delivery_retry_base_ms": 50, "delivery_retry_max_ms": 300,
                                       "delivery_concurrency": 16, "breaker_failures": 50})


async def test_a_429_pauses_that_slack_url_alone_in_every_worker(slack_settings, redis, names, counting):
    counting.busy.add("/services/a")
    a = await add_subscriber(redis, names, "a", [{"type": "slack", "url": counting.url("/services/a")}])
    b = await add_subscriber(redis, names, "b", [{"type": "slack", "url": counting.url("/services/b")}])
    one, other = (Sender(Runtime(slack_settings, redis, names)) for _ in range(2))
    try:
        to_a, to_b = one.channel(a.channels[0]), one.channel(b.channels[0])
        first = await one.send(to_a, to_a.alert(make_alert("a", 1)))
        assert first.status == 429 and first.retry and first.retry_after_s == 120
        again = await one.send(to_a, to_a.alert(make_alert("a", 2)))
        assert again.deferred and "HTTP 429" in again.reason
        # Another worker knows nothing of it in memory: the shared bucket holds the URL.
        elsewhere = await other.send(to_a, to_a.alert(make_alert("a", 3)))
        assert elsewhere.deferred and elsewhere.retry_after_s > 60
        # The other URL on the same host is not held up.
        assert (await one.send(to_b, to_b.alert(make_alert("b", 1)))).delivered
        assert (await other.send(to_b, to_b.alert(make_alert("b", 2)))).delivered
    finally:
        await one.aclose()
        await other.aclose()
    assert counting.hits == {"/services/a": 1, "/services/b": 2}
    assert "/services/a" not in str(again.reason)  # a Slack URL is a secret: never in a reason


async def test_the_slack_bucket_takes_a_burst_then_one_per_interval_across_workers(
    slack_settings, redis, names
):
    rate = Rate("slack:test", interval_ms=60_000, burst=3, reason="rate")
    one, other = (Sender(Runtime(slack_settings, redis, names)) for _ in range(2))
    taken = [await one.take_turn(rate), await other.take_turn(rate), await one.take_turn(rate)]
    assert taken == [None, None, None]  # the burst, whichever worker takes it
    wait = await other.take_turn(rate)
    assert wait is not None and 30 < wait <= 60  # then the next token, about an interval away
    assert await one.take_turn(Rate("slack:another", 60_000, 3, "rate")) is None  # per URL


async def test_a_hanging_slack_url_never_delays_the_others_on_its_host(slack_settings, redis, names):
    with Receiver() as host:
        host.hang_paths.add("/services/hang")
        host.slack_paths.add("/services/ok")
        await add_subscriber(redis, names, "h", [{"type": "slack", "url": host.url("/services/hang")}])
        await add_subscriber(redis, names, "s", [{"type": "slack", "url": host.url("/services/ok")}])
        await add_subscriber(redis, names, "w", [{"type": "webhook", "url": host.url("/hook")}])
        rt = Runtime(slack_settings, redis, names)
        _, stage = deliver_stage(rt)
        for n in range(8):  # more than the hanging URL's slots: some wait their turn
            await streams.publish(redis, names.stream(ALERTS), make_alert("h", n))
        await streams.publish(redis, names.stream(ALERTS), make_alert("s", 1))
        for n in range(6):
            await streams.publish(redis, names.stream(ALERTS), make_alert("w", n))
        async with running_worker(slack_settings, redis, names, [stage]):
            await until(lambda: _arrived(host, {"/services/ok": 1, "/hook": 6}), timeout=7,
                        what="the healthy alerts")
            assert host.hanging >= 1  # while the hanging URL's requests are still open
        assert host.received("/services/hang") == []
        assert host.rejected == []


async def _arrived(receiver: Receiver, want: dict[str, int]) -> bool:
    return all(len({d.webhook_id or id(d) for d in receiver.received(path)}) >= n
               for path, n in want.items())


def test_slack_limits_go_by_url_and_webhook_limits_by_host(settings):
    slack = [Slack(SlackChannel(type="slack", url=f"https://hooks.slack.com/services/T0/B{i}/x"),
                   settings) for i in (1, 2)]
    hooks = [Webhook(WebhookChannel(type="webhook", url=f"https://hooks.example.com/{p}"), settings)
             for p in ("a", "b")]
    assert slack[0].limit_key != slack[1].limit_key
    assert "hooks.slack.com" not in slack[0].limit_key  # the secret URL is not the key
    assert slack[0].rate is not None and slack[0].rate.key == slack[0].limit_key
    assert hooks[0].limit_key == hooks[1].limit_key == "https://hooks.example.com:"


async def test_the_worker_cap_defers_requests_past_it_whatever_the_endpoint():
    eps = Endpoints(concurrency=4, max_in_flight=1, slot_wait_s=0.05)
    gate = asyncio.Event()

    async def slow() -> Outcome:
        await gate.wait()
        return Outcome(True)

    first = asyncio.create_task(eps.call("https://a.example/1", slow))
    await asyncio.sleep(0)
    other = await eps.call("https://b.example/1", slow)
    assert other.deferred and "cap of 1 requests in flight" in other.reason
    gate.set()
    assert (await first).delivered
    assert (await eps.call("https://b.example/1", slow)).delivered  # the slot came back


async def test_a_429_pauses_its_endpoint_without_counting_as_a_failure():
    now = [0.0]
    eps = Endpoints(concurrency=2, failures_to_open=1, open_s=30, clock=lambda: now[0])
    asked: list[str] = []

    def answer(status: int):
        async def send() -> Outcome:
            asked.append("sent")
            if status == 429:
                return Outcome(False, retry=True, reason="HTTP 429", retry_after_s=10, status=429)
            return Outcome(True, status=status)
        return send

    assert (await eps.call("https://a.example/x", answer(429))).status == 429
    paused = await eps.call("https://a.example/y", answer(200))
    assert paused.deferred and paused.retry_after_s == 10 and len(asked) == 1
    assert eps.state("https://a.example/") == "closed"  # one failure would have opened it
    assert (await eps.call("https://b.example/x", answer(200))).delivered
    now[0] = 11
    assert (await eps.call("https://a.example/y", answer(200))).delivered


async def test_slots_serve_waiters_in_order_and_let_a_late_one_go():
    slots = Slots(1)
    assert await slots.take(0)
    order: list[int] = []

    async def waiter(n: int, wait_s: float) -> None:
        if await slots.take(wait_s):
            order.append(n)
            slots.give()
        else:
            order.append(-n)

    tasks = [asyncio.create_task(waiter(n, 5.0)) for n in (1, 2, 3)]
    late = asyncio.create_task(waiter(4, 0.01))
    await late  # gives up while the slot is still taken
    slots.give()
    await asyncio.gather(*tasks)
    assert order == [-4, 1, 2, 3]
    assert slots.free == 1


async def test_a_cancelled_waiter_never_keeps_a_slot():
    slots = Slots(1)
    assert await slots.take(0)
    waiting = asyncio.create_task(slots.take(5.0))
    await asyncio.sleep(0)
    slots.give()  # handed to the waiter...
    waiting.cancel()  # ...which is cancelled before it runs again
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert slots.free == 1


async def test_a_waiter_stays_while_the_queue_moves_and_past_the_limit_none_waits():
    slots = Slots(1, max_waiting=2)
    assert await slots.take(0)
    first = asyncio.create_task(slots.take(0.5))
    second = asyncio.create_task(slots.take(0.5))
    await asyncio.sleep(0)
    assert await slots.take(5.0) is False  # a third waiter is refused without waiting
    await asyncio.sleep(0.35)
    slots.give()  # the queue moves: the first waiter has it
    assert await first
    await asyncio.sleep(0.35)  # the second has now waited longer than 0.5 s in all...
    slots.give()
    assert await second  # ...but never 0.5 s without the queue moving
