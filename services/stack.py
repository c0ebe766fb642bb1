"""Running the whole stack locally: an embedded Redis if none is given, one process per service.

`chokewatch up` and `chokewatch demo` use this. Each service is a separate OS process (as in
production), restarted if it dies, and all are stopped cleanly on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from chokewatch.shared.embedded import PASSWORD_FILE, EmbeddedRedis, owner_only
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
        self.procs: dict[str, subprocess.Popen] = {}
        self.restarts: dict[str, int] = {}
        self.not_before: dict[str, float] = {}  # crash-loop backoff: no restart before this time

    def start_one(self, name: str) -> None:
        out = self.log if self.log is not None else None
        self.procs[name] = subprocess.Popen(
            service_command(name),
            env=self.env,
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


def ensure_secrets_key(env: dict[str, str], data_dir: Path) -> Path | None:
    """Subscribers' secrets are encrypted in Redis: make the key when none is configured."""
    if env.get("CHOKEWATCH_SECRETS_KEY") or env.get("CHOKEWATCH_SECRETS_KEY_FILE"):
        return None
    path = data_dir / "secrets.key"
    if not path.exists():
        owner_only(path, new_key() + "\n")
    env["CHOKEWATCH_SECRETS_KEY_FILE"] = str(path.resolve())
    return path


def up(data_dir: Path) -> int:
    env = dict(os.environ)
    data_dir.mkdir(parents=True, exist_ok=True)
    ensure_secrets_key(env, data_dir)
    key_file = ensure_admin_key(env, data_dir)
    if key_file:
        print(f"chokewatch: admin key in {key_file} (export CHOKEWATCH_ADMIN_KEY=$(cat {key_file}))")
    server = embedded_or_given(env, data_dir)
    if server:
        print(f"chokewatch: embedded Redis at {server.shown_url}, password in "
              f"{server.data_dir / PASSWORD_FILE} (data in {server.data_dir})")
    stack = Stack(env)
    stopping = False

    def _stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    stack.start()
    port = env.get("CHOKEWATCH_API_PORT", "8000")
    print(f"chokewatch: services {', '.join(stack.services)} started; API on port {port}")
    try:
        while not stopping:
            stack.supervise_once()
            time.sleep(0.5)
    finally:
        print("chokewatch: stopping", file=sys.stderr)
        stack.stop()
        if server:
            server.stop()
            (data_dir / URL_FILE).unlink(missing_ok=True)
    return 0
