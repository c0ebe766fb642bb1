"""The SSRF guard (with real name resolution) and the per-endpoint circuit breaker (pure)."""

from __future__ import annotations

import asyncio
import re

import pytest

from chokewatch.services.alert.channels import Outcome
from chokewatch.services.alert.endpoints import Endpoints
from chokewatch.shared.ssrf import Guard, UnsafeTarget


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://127.0.0.1/hook", "loopback"),
        ("https://10.0.0.1/hook", "private"),
        ("https://192.168.1.20/hook", "private"),
        ("https://169.254.169.254/latest/meta-data", "metadata"),
        ("https://[::1]/hook", "loopback"),
        ("https://[fd00::1]/hook", "private or unique-local"),
        ("https://[::ffff:127.0.0.1]/hook", "loopback"),
        ("https://localhost/hook", "loopback"),  # a name that resolves to loopback
        ("https://0.0.0.0/hook", "unspecified"),
        ("https://224.0.0.1/hook", "multicast"),
        ("http://93.184.215.14/hook", "plain http"),
        ("ftp://example.com/x", "only https"),
        ("https://user:pw@93.184.215.14/", "credentials"),
        ("https://100.100.100.200/latest/meta-data", "carrier-grade NAT"),
        ("https://100.64.0.1/hook", "carrier-grade NAT"),
        ("https://[2002:7f00:1::1]/hook", "loopback address wrapped in a 6to4"),
        ("https://[2002:a9fe:a9fe::1]/hook", "metadata address wrapped in a 6to4"),
        ("https://[64:ff9b::7f00:1]/hook", "loopback address wrapped in a NAT64"),
        ("https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook", "wrapped in a Teredo"),
        ("https://93.184.215.14:99999/hook", "port"),
    ],
)
async def test_refused_targets(url, words):
    with pytest.raises(UnsafeTarget, match=words):
        await Guard().pin(url)


async def test_public_address_is_pinned_with_its_host_name():
    pinned = await Guard().pin("https://93.184.215.14:8443/hooks/a?x=1")
    assert pinned.url == "https://93.184.215.14:8443/hooks/a?x=1"
    assert pinned.address == "93.184.215.14"


async def test_allow_list_admits_a_local_receiver():
    guard = Guard(["127.0.0.1"], allow_http=True)
    pinned = await guard.pin("http://127.0.0.1:9000/h")
    assert pinned.url == "http://127.0.0.1:9000/h"
    with pytest.raises(UnsafeTarget):
        await guard.pin("http://127.0.0.2:9000/h")  # only what is listed
    by_cidr = Guard(["127.0.0.0/8"], allow_http=True)
    assert (await by_cidr.pin("http://localhost:9000/h")).address in ("127.0.0.1", "::1")


async def test_an_http_entry_admits_plain_http_to_that_address_and_port_only():
    guard = Guard(["http://127.0.0.1:8010"])  # as `up --dev` lets its receiver in
    pinned = await guard.pin("http://127.0.0.1:8010/webhook")
    assert pinned.url == "http://127.0.0.1:8010/webhook"
    refused = [
        ("http://127.0.0.1:8011/webhook", "plain http"),  # another port
        ("https://127.0.0.1:8011/webhook", "loopback"),  # another port, even over https
        ("http://127.0.0.2:8010/webhook", "plain http"),  # another local address
        ("http://93.184.215.14/hook", "plain http"),  # plain http elsewhere stays refused
        ("http://localhost:8010/webhook", "plain http"),  # a name is not the address listed
    ]
    for url, words in refused:
        with pytest.raises(UnsafeTarget, match=words):
            await guard.pin(url)
    assert (await guard.pin("https://127.0.0.1:8010/x")).address == "127.0.0.1"
    guard.check_literal("http://127.0.0.1:8010/slack")
    with pytest.raises(UnsafeTarget, match="plain http"):
        Guard(["127.0.0.1:8010"]).check_literal("http://127.0.0.1:8010/slack")


@pytest.mark.parametrize("entry", ["http://", "http://127.0.0.1:x", "http://10.0.0.0/33"])
def test_a_malformed_http_entry_is_refused_with_its_text(entry):
    from chokewatch.shared.fetchguard import parse_allowed

    with pytest.raises(ValueError, match=re.escape(repr(entry))):
        parse_allowed(entry)


def _clock():
    now = [0.0]
    return now, (lambda: now[0])


async def test_breaker_opens_defers_then_recovers():
    now, clock = _clock()
    eps = Endpoints(concurrency=2, failures_to_open=3, open_s=30, clock=clock)
    calls = []

    def sender(outcome: Outcome):
        async def send() -> Outcome:
            calls.append(outcome)
            return outcome
        return send

    down = Outcome(False, retry=True, reason="HTTP 503")
    for _ in range(3):
        assert (await eps.call("https://a.example/h", sender(down))).reason == "HTTP 503"
    assert eps.state("https://a.example/x") == "open"
    deferred = await eps.call("https://a.example/h", sender(down))
    assert deferred.deferred and deferred.retry_after_s == 30 and len(calls) == 3
    # Another endpoint is not affected.
    assert (await eps.call("https://b.example/h", sender(Outcome(True)))).delivered

    now[0] = 31  # open period over: one trial request goes through
    assert eps.state("https://a.example/h") == "half-open"
    assert (await eps.call("https://a.example/h", sender(Outcome(True)))).delivered
    assert eps.state("https://a.example/h") == "closed"


async def test_endpoint_concurrency_defers_instead_of_queueing():
    eps = Endpoints(concurrency=1, slot_wait_s=0.05)
    gate = asyncio.Event()

    async def slow() -> Outcome:
        await gate.wait()
        return Outcome(True)

    first = asyncio.create_task(eps.call("https://a.example/1", slow))
    await asyncio.sleep(0)
    second = await eps.call("https://a.example/2", slow)
    assert second.deferred and "in flight" in second.reason
    gate.set()
    assert (await first).delivered


async def test_refusals_never_repeat_the_secret_part_of_a_url():
    secret_path = "/services/T000/B000/s3cr3tT0k3n"
    for url in (f"http://hooks.example.com{secret_path}", f"https://127.0.0.1{secret_path}",
                f"https://user:pw@hooks.example.com{secret_path}"):
        with pytest.raises(UnsafeTarget) as refused:
            await Guard().pin(url)
        assert "s3cr3t" not in str(refused.value) and "pw" not in str(refused.value)


async def test_a_slot_freed_within_the_wait_is_taken_instead_of_deferring():
    eps = Endpoints(concurrency=1, slot_wait_s=5)
    gate = asyncio.Event()

    async def slow() -> Outcome:
        await gate.wait()
        return Outcome(True)

    first = asyncio.create_task(eps.call("https://a.example/1", slow))
    await asyncio.sleep(0)
    second = asyncio.create_task(eps.call("https://a.example/2", slow))
    await asyncio.sleep(0)
    gate.set()
    assert (await first).delivered and (await second).delivered
