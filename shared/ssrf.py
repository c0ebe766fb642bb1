"""Guarding outgoing requests against server-side request forgery.

A subscriber chooses its webhook URL, so a URL must never reach into our own network: the
target's addresses are resolved and checked at send time, and the request then goes to the
checked address itself (with the original Host and TLS name), so a DNS answer that changes
between check and connect (rebinding) cannot slip through.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


class UnsafeTarget(ValueError):
    """The URL points somewhere chokewatch must not send to."""


@dataclass(frozen=True, slots=True)
class Pinned:
    url: str  # the URL with the checked address in place of the host name
    host: str  # the original host, for the Host header and the TLS server name
    address: str


def _forbidden(ip: IPAddress) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
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
    return None


class Guard:
    def __init__(self, allow: list[str] | None = None, allow_http: bool = False) -> None:
        self.allow_http = allow_http
        self.allow_hosts: set[str] = set()
        self.allow_nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for item in allow or []:
            try:
                self.allow_nets.append(ipaddress.ip_network(item.strip("[]"), strict=False))
            except ValueError:
                self.allow_hosts.add(item.lower())

    def check_url(self, url: str) -> tuple[str, int, str]:
        parts = urlsplit(url)
        # Messages name scheme and host only: a Slack webhook's path is its secret.
        where = f"{parts.scheme or '?'}://{parts.hostname or '?'}"
        if parts.scheme not in ("https", "http"):
            raise UnsafeTarget(f"{where}: only https URLs are accepted")
        if parts.scheme == "http" and not self.allow_http:
            raise UnsafeTarget(f"{where}: plain http is refused; use https")
        if not parts.hostname:
            raise UnsafeTarget(f"{where}: no host")
        if parts.username or parts.password:
            raise UnsafeTarget(f"{where}: credentials in the URL are refused")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return parts.hostname.lower(), port, parts.scheme

    def _allowed(self, host: str, ip: IPAddress) -> bool:
        return host in self.allow_hosts or any(ip in net for net in self.allow_nets)

    def check_address(self, host: str, ip: IPAddress) -> None:
        if self._allowed(host, ip):
            return
        why = _forbidden(ip)
        if why:
            raise UnsafeTarget(f"{host} resolves to {ip}, {why}; refused")

    def check_literal(self, url: str) -> None:
        """Check a URL when it is saved: scheme, and the address if the host is one."""
        host, _, _ = self.check_url(url)
        try:
            ip = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return
        self.check_address(host, ip)

    async def pin(self, url: str) -> Pinned:
        """Resolve and check the URL's host; return the URL aimed at the checked address."""
        host, port, scheme = self.check_url(url)
        try:
            literal = ipaddress.ip_address(host.strip("[]"))
            addresses = [literal]
        except ValueError:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM
                )
            except socket.gaierror as exc:
                raise UnsafeTarget(f"{host}: cannot be resolved ({exc.strerror})") from None
            addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
        for ip in addresses:  # every answer must pass, or a second A record could be used
            self.check_address(host, ip)
        chosen = addresses[0]
        netloc = f"[{chosen}]" if chosen.version == 6 else str(chosen)
        parts = urlsplit(url)
        pinned = urlunsplit((scheme, f"{netloc}:{port}", parts.path or "/", parts.query, ""))
        return Pinned(pinned, host if parts.port is None else f"{host}:{port}", str(chosen))
