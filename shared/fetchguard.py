"""One guard for every request chokewatch makes on its own: source polls, the pages and
documents a source's content links to, every redirect hop, webhooks and Slack messages.

A URL is refused unless each address its host resolves to is globally routable (`is_global`,
and not multicast), with addresses wrapped inside IPv6 ones unwrapped first (IPv4-mapped, 6to4,
Teredo, NAT64) and carrier-grade NAT space (100.64.0.0/10) refused by name. The request then
goes to the checked address itself, with the original Host header and TLS server name, so a
DNS answer that changes between the check and the connection (rebinding) cannot slip through.

An operator may exempt hosts on an allow-list: a host name, an address, a network in CIDR
notation, or any of those with a port (`intranet.example:8443`, `127.0.0.1:8080`,
`[::1]:8080`), so a test or a private source can be let in without opening a whole address.
An entry written with `http://` in front (`http://127.0.0.1:8010`) also admits plain http to
it, and to nothing else, where the guard otherwise wants https (`up --dev` lets its local
receiver in this way).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT (RFC 6598), also cloud metadata
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known NAT64 prefix: the IPv4 address is the tail
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # local-use NAT64 (RFC 8215)


class UnsafeTarget(ValueError):
    """The URL points somewhere chokewatch must not send to or read from."""


@dataclass(frozen=True, slots=True)
class Pinned:
    url: str  # the URL with the checked address in place of the host name
    host: str  # the original host (with a non-default port), for the Host header
    address: str

    @property
    def server_name(self) -> str:
        """The TLS server name: the original host without its port."""
        host = self.host
        if host.startswith("["):
            return host[1:host.index("]")]
        return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _wrapped(ip: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """IPv4 addresses a 6to4 or Teredo address carries, and how it carries them."""
    out: list[tuple[str, ipaddress.IPv4Address]] = []
    if ip.sixtofour is not None:
        out.append(("6to4", ip.sixtofour))
    if ip.teredo is not None:
        server, client = ip.teredo
        out += [("Teredo", client), ("Teredo", server)]
    return out


def refusal(ip: IPAddress) -> str | None:
    """Why an address must not be reached, or None when it is globally routable."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # the same host as the IPv4 address it maps
            return refusal(ip.ipv4_mapped)
        if ip in NAT64:  # a translator reaches exactly the IPv4 address in its tail
            why = refusal(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
            return f"{why} wrapped in a NAT64 address" if why else None
        for how, inner in _wrapped(ip):
            why = refusal(inner)
            if why:
                return f"{why} wrapped in a {how} address"
        if ip in NAT64_LOCAL:
            return "a local-use NAT64 address"
    if ip in METADATA:
        return "a cloud metadata address"
    for attr, words in (
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_unspecified", "an unspecified address"),
        ("is_private", "a private or unique-local address"),
        ("is_reserved", "a reserved address"),
    ):
        if getattr(ip, attr):
            return words
    if isinstance(ip, ipaddress.IPv4Address) and ip in SHARED:
        return "a shared (carrier-grade NAT) address"
    if not ip.is_global:
        return "not a globally routable address"
    return None


@dataclass(frozen=True, slots=True)
class _Allowed:
    host: str | None = None
    net: Network | None = None
    port: int | None = None  # None: any port
    http: bool = False  # plain http admitted to this entry even when the guard wants https

    def admits(self, host: str, port: int, ip: IPAddress | None) -> bool:
        if self.port is not None and self.port != port:
            return False
        if self.host is not None:
            return host == self.host
        if ip is None or self.net is None:
            return False
        mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        return ip in self.net or (mapped is not None and mapped in self.net)


def parse_allowed(item: str) -> _Allowed:
    """One allow-list entry: host, address, CIDR network, each optionally with `:port`, and
    optionally `http://` in front (plain http admitted to it)."""
    text = item.strip().lower()
    http = text.startswith("http://")
    text = text.removeprefix("http://").rstrip("/")
    port: int | None = None
    if text.startswith("["):  # [v6] or [v6]:port
        inside, _, rest = text[1:].partition("]")
        text = inside
        if rest.startswith(":") and rest[1:].isdigit():
            port = int(rest[1:])
        elif rest:
            raise ValueError(f"{item!r} is not a host, address or network, with an optional :port")
    elif text.count(":") == 1:  # host:port or v4:port (an IPv6 address has more colons)
        text, _, given = text.partition(":")
        if not given.isdigit():
            raise ValueError(f"{item!r}: the port must be a number")
        port = int(given)
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"{item!r}: the port must be between 1 and 65535")
    if not text:
        raise ValueError(f"{item!r} names no host")
    try:
        return _Allowed(net=ipaddress.ip_network(text, strict=False), port=port, http=http)
    except ValueError:
        if "/" in text:
            raise ValueError(f"{item!r} is not a network") from None
        return _Allowed(host=text.rstrip("."), port=port, http=http)


class FetchGuard:
    """Checks URLs and pins them to a checked address. `allow`: the operator's allow-list."""

    def __init__(self, allow: Iterable[str] | None = None, allow_http: bool = False) -> None:
        self.allow_http = allow_http
        self.allowed = [parse_allowed(item) for item in allow or [] if item.strip()]

    def check_url(self, url: str) -> tuple[str, int, str]:
        """Scheme, host and port of a URL, or UnsafeTarget; nothing is resolved."""
        try:
            parts = urlsplit(url)
            hostname = parts.hostname
        except ValueError:
            raise UnsafeTarget("not a URL") from None
        # Messages name scheme and host only: a Slack webhook's path is its secret.
        where = f"{parts.scheme or '?'}://{hostname or '?'}"
        if parts.scheme not in ("https", "http"):
            raise UnsafeTarget(f"{where}: only https URLs are accepted")
        if not hostname:
            raise UnsafeTarget(f"{where}: no host")
        if parts.username or parts.password:
            raise UnsafeTarget(f"{where}: credentials in the URL are refused")
        try:
            port = parts.port
        except ValueError:
            raise UnsafeTarget(f"{where}: the port must be a number between 0 and 65535") from None
        if port == 0:
            raise UnsafeTarget(f"{where}: port 0 cannot be reached")
        host = hostname.lower().rstrip(".")
        port = port or (443 if parts.scheme == "https" else 80)
        if parts.scheme == "http" and not self.allow_http and not self._http_allowed(host, port):
            raise UnsafeTarget(f"{where}: plain http is refused; use https")
        return host, port, parts.scheme

    def _http_allowed(self, host: str, port: int) -> bool:
        """Whether an `http://` entry names this host and port."""
        try:
            ip: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            ip = None
        return any(e.http and e.admits(host, port, ip) for e in self.allowed)

    def is_allowed(self, host: str, port: int, ip: IPAddress | None = None) -> bool:
        return any(entry.admits(host, port, ip) for entry in self.allowed)

    def check_address(self, host: str, ip: IPAddress, port: int | None = None) -> None:
        if port is not None and self.is_allowed(host, port, ip):
            return
        if port is None and any(e.port is None and e.admits(host, 0, ip) for e in self.allowed):
            return
        why = refusal(ip)
        if why:
            raise UnsafeTarget(f"{host} resolves to {ip}, {why}; refused")

    def check_literal(self, url: str) -> None:
        """Check a URL when it is saved: scheme, port, and the address if the host is one."""
        host, port, _ = self.check_url(url)
        try:
            ip = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return  # a name: resolved and checked at every request
        self.check_address(host, ip, port)

    async def resolve(self, host: str, port: int) -> list[IPAddress]:
        try:
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            pass
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            words = getattr(exc, "strerror", None) or "not a valid host name"
            raise UnsafeTarget(f"{host}: cannot be resolved ({words})") from None
        return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]

    async def pin(self, url: str) -> Pinned:
        """Resolve and check the URL's host; return the URL aimed at the checked address."""
        host, port, scheme = self.check_url(url)
        addresses = await self.resolve(host, port)
        if not addresses:
            raise UnsafeTarget(f"{host}: no address")
        for ip in addresses:  # every answer must pass, or a second A record could be used
            self.check_address(host, ip, port)
        chosen = addresses[0]
        netloc = f"[{chosen}]" if chosen.version == 6 else str(chosen)
        parts = urlsplit(url)
        pinned = urlunsplit((scheme, f"{netloc}:{port}", parts.path or "/", parts.query, ""))
        shown = f"[{host}]" if ":" in host else host
        default = 443 if scheme == "https" else 80
        return Pinned(pinned, shown if port == default else f"{shown}:{port}", str(chosen))


def host_in(url: str, hosts: Iterable[str]) -> bool:
    """Whether a URL's host is one of `hosts` exactly (for channels bound to one service)."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    return host in {h.strip().lower().rstrip(".") for h in hosts if h.strip()}
