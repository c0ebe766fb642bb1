"""Which URLs a subscriber's channels may name: one pattern per channel kind, built from the
settings, that the API both serves in its OpenAPI document and checks every saved URL against,
so the document and the validation cannot disagree.

A webhook URL is https on a host name, with any port; plain http only where
CHOKEWATCH_WEBHOOK_ALLOW_HTTP says so or an `http://` allow-list entry names the host and port.
An address literal is taken only where CHOKEWATCH_WEBHOOK_ALLOW_HOSTS names it (an address, or an
IPv4 network): a public address written as a literal is refused like any other, since the
document cannot tell public from private. A Slack URL is the same on CHOKEWATCH_SLACK_HOSTS only.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

from .fetchguard import FetchGuard, UnsafeTarget, host_in
from .patterns import HOST_NAME, PATH, PORT, anycase
from .settings import Settings

HTTPS = "[Hh][Tt][Tt][Pp][Ss]"
HTTP = "[Hh][Tt][Tt][Pp]"
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"


def guard_for(settings: Settings) -> FetchGuard:
    """The guard webhooks and Slack messages pass, as the API and the alert service build it."""
    return FetchGuard(settings.webhook_allow_hosts, settings.webhook_allow_http)


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        return None


def _number_in(low: int, high: int) -> str:
    """An octet from `low` to `high`, as written in a dotted address (no leading zeros)."""
    if (low, high) == (0, 255):
        return _OCTET
    if low == high:
        return str(low)
    return "(?:" + "|".join(str(n) for n in range(high, low - 1, -1)) + ")"


def ipv4_network(net: ipaddress.IPv4Network) -> str:
    """Every address of an IPv4 network, written in dotted form."""
    pairs = zip(net.network_address.packed, net.broadcast_address.packed, strict=True)
    return r"\.".join(_number_in(low, high) for low, high in pairs)


def _port(port: int | None, scheme_default: int) -> str:
    if port is None:
        return f"(?::{PORT})?"
    return f"(?::{port})?" if port == scheme_default else f":{port}"


def _entry_hosts(entry, hosts: list[str] | None) -> list[str]:
    """Host patterns of one allow-list entry that a channel may name (not plain names already
    covered by the host-name alternative, unless the entry opens plain http for them)."""
    if entry.host is not None:
        if hosts is not None and entry.host not in hosts:
            return []
        return [anycase(entry.host)] if entry.http else []
    net = entry.net
    if hosts is not None:  # only the listed hosts that the entry admits
        inside = [h for h in hosts if (ip := _ip(h)) is not None and ip in net]
        return [anycase(h if ":" not in h else f"[{h}]") for h in inside]
    if net.version == 4:
        return [ipv4_network(net)]
    if net.num_addresses == 1:
        return [rf"\[{anycase(net.network_address.compressed)}\]"]
    return []  # an IPv6 network cannot be written as a pattern: name its addresses one by one


def url_pattern(guard: FetchGuard, hosts: Iterable[str] | None = None) -> str:
    """The URLs a channel may name: on any host name (or one of `hosts`), and on what the
    guard's allow-list admits, with the schemes it allows there."""
    listed = None if hosts is None else [h.strip().lower().rstrip(".") for h in hosts if h.strip()]
    schemes = f"{HTTPS}?" if guard.allow_http else HTTPS
    names = HOST_NAME if listed is None else "|".join(anycase(h) for h in listed if _ip(h) is None)
    forms = [f"{schemes}://(?:{names}){_port(None, 0)}"] if names else []
    for entry in guard.allowed:
        for host in _entry_hosts(entry, listed):
            forms.append(f"{HTTPS}://{host}{_port(entry.port, 443)}")
            if guard.allow_http or entry.http:
                forms.append(f"{HTTP}://{host}{_port(entry.port, 80)}")
    return f"^(?:{'|'.join(forms) or '(?!)'}){PATH}"


def webhook_pattern(settings: Settings) -> str:
    return url_pattern(guard_for(settings))


def slack_pattern(settings: Settings) -> str:
    return url_pattern(guard_for(settings), settings.slack_hosts)


def check(url: str, pattern: str, guard: FetchGuard, slack_hosts: list[str] | None = None) -> None:
    """A channel URL as it is saved: past the guard (an address is checked now; a host name is
    resolved and checked at every send), on a Slack host for Slack, and within the pattern."""
    guard.check_literal(url)  # scheme, credentials, port, an address: in the guard's own words
    if slack_hosts is not None and not host_in(url, slack_hosts):
        raise UnsafeTarget(f"a Slack channel's URL must be on {', '.join(slack_hosts)}")
    if not re.match(pattern, url):
        besides = " or an address CHOKEWATCH_WEBHOOK_ALLOW_HOSTS names" if guard.allowed else ""
        raise UnsafeTarget(f"must be an https URL on a host name{besides}, with a port from 1 to "
                           "65535 if any (the pattern in /openapi.json)")
