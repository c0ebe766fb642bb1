"""Running the whole stack locally: an embedded Redis if none is given, one process per service.

`chokewatch up` and `chokewatch demo` use this. Each service is a separate OS process (as in
production), restarted if it dies, and all are stopped cleanly on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import httpx

from chokewatch.services import devreceiver
from chokewatch.shared.embedded import PASSWORD_FILE, EmbeddedRedis, free_port, owner_only
from chokewatch.shared.secretbox import new_key

SERVICES = ("ingest", "classify", "alert", "api")
METRICS_PORTS = {"ingest": 9101, "classify": 9102, "alert": 9103}
URL_FILE = "redis.url"


def service_command(name: str) -> list[str]:
    return [sys.executable, "-m", "chokewatch.services.cli", "run", name]


class Stack:
    def __init__(
        self,
        env: dict[str, str],
        services: Iterable[str] = SERVICES,
        log: IO | None = None,
    ) -> None:
        self.env = env
        self.services = list(services)
        self.log = log
        self.env_of: dict[str, dict[str, str]] = {}  # one service's own settings (its port)
        self.procs: dict[str, subprocess.Popen] = {}
        self.restarts: dict[str, int] = {}
        self.not_before: dict[str, float] = {}  # crash-loop backoff: no restart before this time

    def start_one(self, name: str) -> None:
        out = self.log if self.log is not None else None
        self.procs[name] = subprocess.Popen(
            service_command(name),
            env={**self.env, **self.env_of.get(name, {})},
            stdout=out,
            stderr=subprocess.STDOUT if out is not None else None,
            stdin=subprocess.DEVNULL,
        )

    def start(self) -> None:
        for name in self.services:
            self.start_one(name)

    def supervise_once(self) -> list[str]:
        """Restart services that exited, backing off if one keeps dying; returns those restarted."""
        restarted = []
        now = time.monotonic()
        for name, proc in list(self.procs.items()):
            if proc.poll() is None or now < self.not_before.get(name, 0.0):
                continue
            count = self.restarts[name] = self.restarts.get(name, 0) + 1
            delay = min(30.0, 0.5 * 2 ** min(count, 6))
            print(f"chokewatch: {name} exited with {proc.returncode}; restarted "
                  f"(restart {count}; next no sooner than {delay:.0f} s)", file=sys.stderr)
            self.start_one(name)
            self.not_before[name] = now + delay
            restarted.append(name)
        return restarted

    def stop(self, timeout: float = 10.0) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for proc in self.procs.values():
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def embedded_or_given(env: dict[str, str], data_dir: Path) -> EmbeddedRedis | None:
    """Start an embedded server when no CHOKEWATCH_REDIS_URL is set; record its URL."""
    if env.get("CHOKEWATCH_REDIS_URL"):
        return None
    server = EmbeddedRedis(data_dir / "redis")
    env["CHOKEWATCH_REDIS_URL"] = server.start()
    owner_only(data_dir / URL_FILE, server.url)  # it holds the password
    return server


def ensure_admin_key(env: dict[str, str], data_dir: Path) -> Path | None:
    """Without an admin key the API manages nothing: make one, readable by the owner only."""
    if env.get("CHOKEWATCH_ADMIN_KEY") or env.get("CHOKEWATCH_ADMIN_KEY_FILE"):
        return None
    path = data_dir / "admin.key"
    if not path.exists():
        owner_only(path, secrets.token_urlsafe(32) + "\n")
    env["CHOKEWATCH_ADMIN_KEY_FILE"] = str(path.resolve())
    return path


def metrics_ports(env: dict[str, str]) -> dict[str, int]:
    """Each worker's own metrics port: the defaults, or consecutive ports from
    CHOKEWATCH_METRICS_PORT when it is set (0: free ports picked here, so they can be shown)."""
    given = env.get("CHOKEWATCH_METRICS_PORT", "").strip()
    if not given:
        return dict(METRICS_PORTS)
    try:
        base = int(given)
    except ValueError:
        raise StartError(f"CHOKEWATCH_METRICS_PORT is not a port number: {given!r}") from None
    if base == 0:
        return {name: free_port() for name in METRICS_PORTS}
    return {name: base + offset for offset, name in enumerate(METRICS_PORTS)}


class StartError(RuntimeError):
    """`up` cannot start: a port is taken, a setting is wrong, or a service died at start."""


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def stop_on_signals() -> threading.Event:
    """An event set by Ctrl-C or SIGTERM, so a supervisor stops cleanly instead of dying."""
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    return stopping


def serve(stack: Stack, stopping: threading.Event) -> None:
    """Keep every service running, restarting one that dies, until `stopping` is set."""
    while not stopping.is_set():
        stack.supervise_once()
        stopping.wait(0.5)


def wait_until_ready(stack: Stack, urls: dict[str, str], timeout: float = 90.0) -> None:
    """Return once every URL answers 200; raise StartError if a service exits first."""
    deadline = time.monotonic() + timeout
    waiting = dict(urls)
    while waiting:
        for name, proc in stack.procs.items():
            if proc.poll() is not None:
                raise StartError(f"{name} exited with code {proc.returncode} while starting "
                                 "(its output is above)")
        waiting = {what: url for what, url in waiting.items() if not _answers(url)}
        if waiting and time.monotonic() > deadline:
            raise StartError(f"not ready after {timeout:.0f} s: {', '.join(waiting)}")
        time.sleep(0.2)


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def ensure_secrets_key(env: dict[str, str], data_dir: Path) -> Path | None:
    """Subscribers' secrets are encrypted in Redis: make the key when none is configured."""
    if env.get("CHOKEWATCH_SECRETS_KEY") or env.get("CHOKEWATCH_SECRETS_KEY_FILE"):
        return None
    path = data_dir / "secrets.key"
    if not path.exists():
        owner_only(path, new_key() + "\n")
    env["CHOKEWATCH_SECRETS_KEY_FILE"] = str(path.resolve())
    return path


PORT_SETTINGS = {"API": "CHOKEWATCH_API_PORT", "dev receiver": "CHOKEWATCH_DEV_RECEIVER_PORT"}


def dev_receiver_port(env: dict[str, str]) -> int:
    """The dev receiver's port: CHOKEWATCH_DEV_RECEIVER_PORT, 0 for a free one, else 8010."""
    given = env.get("CHOKEWATCH_DEV_RECEIVER_PORT", "").strip()
    if not given:
        return devreceiver.DEFAULT_PORT
    if not given.isdigit() or int(given) > 65535:
        raise StartError(f"CHOKEWATCH_DEV_RECEIVER_PORT is not a port number: {given!r}")
    return int(given) or free_port()


def start_dev_receiver(env: dict[str, str], data_dir: Path, port: int | None) -> devreceiver.DevReceiver:
    """Start the receiver of `up --dev` and open the services' guard to it alone."""
    receiver = devreceiver.DevReceiver(devreceiver.ensure_secret(data_dir),
                                       port or devreceiver.DEFAULT_PORT).start()
    env.update(devreceiver.dev_env(env, receiver))
    return receiver


def up(data_dir: Path, dev: bool = False) -> int:
    try:
        return _up(data_dir, dev)
    except StartError as exc:
        print(f"chokewatch: error: {exc}", file=sys.stderr)
        return 1


def _up(data_dir: Path, dev: bool = False) -> int:
    env = dict(os.environ)
    host = env.get("CHOKEWATCH_API_HOST", "127.0.0.1")
    metrics_host = env.get("CHOKEWATCH_METRICS_HOST", "127.0.0.1")
    port = int(env.get("CHOKEWATCH_API_PORT", "8000"))
    ports = metrics_ports(env)
    env.pop("CHOKEWATCH_METRICS_PORT", None)  # each worker gets its own below; the API none
    wanted = [("API", host, port)] + [(f"{n} metrics", metrics_host, p) for n, p in ports.items()]
    dev_port = dev_receiver_port(env) if dev else None
    if dev_port:
        wanted.append(("dev receiver", devreceiver.HOST, dev_port))
    for what, where, number in wanted:
        if not port_free(where, number):
            raise StartError(f"port {number} on {where} ({what}) is taken; choose another with "
                             + PORT_SETTINGS.get(what, "CHOKEWATCH_METRICS_PORT (the first of "
                                                       "three consecutive ports)"))
    data_dir.mkdir(parents=True, exist_ok=True)
    ensure_secrets_key(env, data_dir)
    key_file = ensure_admin_key(env, data_dir)
    if key_file:
        print(f"chokewatch: admin key in {key_file} (export CHOKEWATCH_ADMIN_KEY=$(cat {key_file}))")
    receiver = start_dev_receiver(env, data_dir, dev_port) if dev else None
    server = embedded_or_given(env, data_dir)
    if server:
        print(f"chokewatch: embedded Redis at {server.shown_url}, password in "
              f"{server.data_dir / PASSWORD_FILE} (data in {server.data_dir})")
    stack = Stack(env)
    stack.env_of = {name: {"CHOKEWATCH_METRICS_PORT": str(p)} for name, p in ports.items()}
    stopping = stop_on_signals()
    base = f"http://{_url_host(host)}:{port}"
    metrics = {name: f"http://{_url_host(metrics_host)}:{p}/metrics" for name, p in ports.items()}
    try:
        stack.start()
        wait_until_ready(stack, {"API": f"{base}/readyz", "API docs": f"{base}/docs",
                                 "console": f"{base}/console/signin", **metrics})
        lines = [f"chokewatch: ready. API {base}  (docs {base}/docs, console {base}/console)"]
        lines += [f"  {name} metrics {url}" for name, url in metrics.items()]
        lines += [f"  API metrics {base}/metrics (admin key)"]
        if receiver:
            lines += devreceiver.ready_lines(receiver, data_dir / devreceiver.SECRET_FILE)
        lines += ["  Ctrl-C (or SIGTERM) stops everything"]
        print("\n".join(lines), flush=True)
        serve(stack, stopping)
    finally:
        print("chokewatch: stopping", file=sys.stderr)
        stack.stop()
        if receiver:
            receiver.stop()
        if server:
            server.stop()
            (data_dir / URL_FILE).unlink(missing_ok=True)
    return 0
