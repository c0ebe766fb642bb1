"""Channel URLs: the pattern the API's document shows is exactly what it saves.

The pattern is built from the settings (allow-list, plain http, Slack hosts); a property test
holds it to the guard's own rules, and the live API shows the patterns of its settings and
refuses what they refuse (a public address written as a literal included).
"""

from __future__ import annotations

import ipaddress
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chokewatch.shared import channelurls
from chokewatch.shared.fetchguard import FetchGuard, UnsafeTarget, host_in
from chokewatch.shared.settings import Settings

from .helpers import ADMIN, auth, profile

ALLOW_LISTS = [[], ["127.0.0.1"], ["http://127.0.0.1:8010"], ["10.1.16.0/20"], ["[::1]:9000"],
               ["intranet.example:8443", "http://intranet.example:8080"], ["93.184.215.14"],
               ["10.0.0.5:443", "http://10.0.0.6:80"]]
SLACK_HOSTS = [["hooks.slack.com", "hooks.slack-gov.com"], ["chat.example.com"],
               ["hooks.slack.com", "127.0.0.1"]]
HOSTS = st.one_of(
    st.sampled_from(["hooks.slack.com", "HOOKS.Slack.com", "chat.example.com", "example.com",
                     "intranet.example", "a-b.example.org", "localhost"]),
    st.sampled_from(["127.0.0.1", "127.0.0.2", "10.1.16.1", "10.1.31.255", "10.1.32.0",
                     "93.184.215.14", "8.8.8.8", "[::1]", "[2606:4700::1111]"]),
    st.ip_addresses(v=4).map(str),
)
PORTS = st.one_of(st.none(), st.sampled_from([0, 80, 443, 8010, 8080, 8443, 9000, 65535, 65536]),
                  st.integers(1, 70000))


def _url(scheme: str, host: str, port: int | None, path: str) -> str:
    return f"{scheme}://{host}{'' if port is None else f':{port}'}{path}"


def by_the_rules(url: str, guard: FetchGuard, slack_hosts: list[str] | None) -> bool:
    """What may be saved, from the guard's rules: the guard passes it, it names a host name or an
    address the allow-list names, and for Slack a Slack host."""
    try:
        host, port, _ = guard.check_url(url)
        guard.check_literal(url)
    except UnsafeTarget:
        return False
    if slack_hosts is not None and not host_in(url, slack_hosts):
        return False
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return True
    return guard.is_allowed(host, port, ip)


def _near(entries: list[str]) -> tuple[list[str], list[int]]:
    """Hosts and ports the allow-list names, and their neighbours, so every entry is tried."""
    hosts, ports = [], []
    for entry in entries:
        text = entry.removeprefix("http://")
        host, _, port = text.rpartition(":") if text.count(":") == 1 or "]:" in text else (text, "", "")
        host = host.split("/")[0]
        hosts.append(host)
        if host[0].isdigit():
            last = int(host.rsplit(".", 1)[1])
            hosts.append(host.rsplit(".", 1)[0] + f".{(last + 1) % 256}")
        if port:
            ports += [int(port), int(port) + 1]
    return hosts, ports


@settings(max_examples=800, deadline=None)
@given(data=st.data(), allow=st.sampled_from(ALLOW_LISTS), allow_http=st.booleans(),
       slack=st.sampled_from(SLACK_HOSTS), kind=st.sampled_from(["webhook", "slack"]),
       scheme=st.sampled_from(["https", "http", "HTTPS"]),
       path=st.sampled_from(["", "/", "/services/T0/B0/x", "/hook?a=1#f"]))
def test_the_pattern_admits_exactly_what_the_guard_and_the_slack_hosts_admit(
        data, allow, allow_http, slack, kind, scheme, path):
    hosts, ports = _near(allow)
    host = data.draw(st.one_of(HOSTS, st.sampled_from(hosts + slack)))
    port = data.draw(st.one_of(PORTS, st.sampled_from(ports or [443])))
    config = Settings(webhook_allow_hosts=allow, webhook_allow_http=allow_http, slack_hosts=slack)
    guard = channelurls.guard_for(config)
    url = _url(scheme, host, port, path)
    listed = slack if kind == "slack" else None
    pattern = channelurls.slack_pattern(config) if listed else channelurls.webhook_pattern(config)
    assert bool(re.match(pattern, url)) == by_the_rules(url, guard, listed), (url, pattern)


@pytest.mark.parametrize("allow", ALLOW_LISTS, ids=[",".join(a) or "none" for a in ALLOW_LISTS])
@pytest.mark.parametrize("allow_http", [False, True])
def test_every_entry_its_neighbours_and_both_schemes_agree(allow, allow_http):
    """The grid around each allow-list entry, tried whole (the property above samples it)."""
    hosts, ports = _near(allow)
    for slack in SLACK_HOSTS:
        config = Settings(webhook_allow_hosts=allow, webhook_allow_http=allow_http, slack_hosts=slack)
        guard = channelurls.guard_for(config)
        for listed in (None, slack):
            pattern = (channelurls.slack_pattern(config) if listed
                       else channelurls.webhook_pattern(config))
            for scheme in ("http", "https"):
                for host in [*hosts, *slack, "example.com", "8.8.8.8"]:
                    for port in [None, 80, 443, *ports]:
                        url = _url(scheme, host, port, "/x")
                        assert bool(re.match(pattern, url)) == by_the_rules(url, guard, listed), url


def test_an_ipv4_network_is_written_out_octet_by_octet():
    pattern = "^" + channelurls.ipv4_network(ipaddress.ip_network("10.1.16.0/20")) + "$"
    inside = [str(a) for a in ipaddress.ip_network("10.1.16.0/20")]
    assert all(re.match(pattern, a) for a in inside)
    assert not any(re.match(pattern, a) for a in ["10.1.15.255", "10.1.32.0", "10.1.016.1", "10.2.16.1"])


def test_the_document_shows_the_patterns_of_the_api_s_own_settings(start_api):
    api = start_api(slack_hosts=["chat.example.com"], webhook_allow_hosts=["93.184.215.14"],
                    webhook_allow_http=False)
    schemas = api.get("/openapi.json").json()["components"]["schemas"]
    slack = schemas["SlackChannel"]["properties"]["url"]["pattern"]
    hook = schemas["WebhookChannel"]["properties"]["url"]["pattern"]
    assert re.match(slack, "https://chat.example.com/hooks/1")
    assert not re.match(slack, "https://hooks.slack.com/services/T/B/X")
    assert re.match(hook, "https://93.184.215.14/hook") and not re.match(hook, "https://8.8.8.8/hook")

    def posted(channel: dict) -> int:
        return api.post("/v1/subscribers", json=profile(channels=[channel]),
                        headers=auth(ADMIN)).status_code

    assert posted({"type": "slack", "url": "https://chat.example.com/hooks/1"}) == 201
    assert posted({"type": "slack", "url": "https://hooks.slack.com/services/T/B/X"}) == 422
    assert posted({"type": "webhook", "url": "https://93.184.215.14/hook"}) == 201
    assert posted({"type": "webhook", "url": "https://hooks.example.com:10443/hook"}) == 201


@pytest.mark.parametrize("url", ["https://8.8.8.8/hook", "https://[2606:4700::1111]/hook",
                                 "https://hooks.example.com/a b", "https://hooks.example.com:0443/"])
def test_what_the_default_pattern_refuses_the_api_refuses(api, url):
    schemas = api.get("/openapi.json").json()["components"]["schemas"]
    assert not re.match(schemas["WebhookChannel"]["properties"]["url"]["pattern"], url)
    reply = api.post("/v1/subscribers", json=profile(channels=[{"type": "webhook", "url": url}]),
                     headers=auth(ADMIN))
    assert reply.status_code == 422
    [error] = reply.json()["detail"]
    assert error["loc"] == ["body", "channels", 0, "url"], error
    assert error["msg"].startswith("must be an https URL on a host name"), error
