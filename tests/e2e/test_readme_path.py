"""The README's "Using it" path, run as written: `chokewatch up --dev`, then the shell block of
commands a newcomer pastes (subscriber on the local receiver, test alert, event, history), then
the local feed of "Watching sources". The receiver must have shown the test alert and the real
alert on both channels, the webhooks with valid signatures.

The commands are the README's own, run by bash in a fresh folder; only the README's default
ports (8000, 8010, 8765) and the feed's folder are swapped for free ones, so parallel runs and a
busy machine cannot collide.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from chokewatch.shared.embedded import free_port
from tests.conftest import wait_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n{title}\n")
    rest = README[start + len(title) + 2:]
    end = re.search(r"^#{2,3} ", rest, re.M)
    return rest[: end.start() if end else None]


def shell_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)


def test_the_using_it_section_starts_the_dev_stack_after_setup():
    first = shell_blocks(section("## Using it"))[0]
    commands = [line.split("#")[0].strip() for line in first.splitlines()]
    assert commands == ["make setup", 'export PATH="$PWD/.venv/bin:$PATH"', "chokewatch up --dev"]


def _free_ports() -> dict[str, int]:
    ports: dict[str, int] = {}
    while len(set(ports.values())) < 3:
        ports = {"api": free_port(), "receiver": free_port(), "feed": free_port()}
    return ports


def _localised(block: str, ports: dict[str, int], feed_dir: Path) -> str:
    return (block.replace("localhost:8000", f"localhost:{ports['api']}")
            .replace("127.0.0.1:8010", f"127.0.0.1:{ports['receiver']}")
            .replace("127.0.0.1:8765", f"127.0.0.1:{ports['feed']}")
            .replace("8765 --bind", f"{ports['feed']} --bind")
            .replace("/tmp/feed", str(feed_dir)))


def _bash(script: str, cwd: Path, env: dict[str, str], timeout: float = 40):
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, start_new_session=True)


def _received(port: int) -> list[dict]:
    return httpx.get(f"http://127.0.0.1:{port}/received.json", timeout=5).json()["items"]


def test_the_readme_path_delivers_to_the_dev_receiver(tmp_path: Path):
    ports = _free_ports()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHOKEWATCH_")}
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"  # as `export PATH=...`
    env.update(CHOKEWATCH_API_PORT=str(ports["api"]), CHOKEWATCH_METRICS_PORT="0",
               CHOKEWATCH_DEV_RECEIVER_PORT=str(ports["receiver"]))
    # `up --dev` as "Watching sources" starts it for its local feed: Using it's, plus the feed
    sources = shell_blocks(section("### Watching sources"))
    start = _localised(sources[-2], ports, tmp_path / "feed").strip()
    assert start == f"CHOKEWATCH_FETCH_ALLOW_HOSTS=127.0.0.1:{ports['feed']} chokewatch up --dev"
    up_log = tmp_path / "up.log"  # a file, so the services' log lines never fill a pipe
    with up_log.open("w") as out:
        up = subprocess.Popen(["bash", "-c", f"exec env {start}"], cwd=tmp_path, env=env,
                              stdout=out, stderr=subprocess.STDOUT)
    feed = None
    try:
        def ready() -> bool:
            assert up.poll() is None, up_log.read_text()
            return "Ctrl-C" in up_log.read_text()

        wait_for(ready, timeout=60, what="the ready line of `up --dev`")
        shown = up_log.read_text()
        assert f"http://127.0.0.1:{ports['receiver']}/webhook" in shown
        assert f"http://127.0.0.1:{ports['receiver']}/slack" in shown

        walk = _localised(shell_blocks(section("## Using it"))[1], ports, tmp_path / "feed")
        done = _bash(walk, tmp_path, env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert '"status":"queued"' in done.stdout and '"status":"accepted"' in done.stdout

        def both_alerts_on_both_channels() -> list[dict] | None:
            items = _received(ports["receiver"])
            kinds = {(r["channel"], _is_test(r)) for r in items}
            return items if len(kinds) == 4 else None

        items = wait_for(both_alerts_on_both_channels, timeout=30, what="both alerts at the receiver")
        hooks = [r for r in items if r["channel"] == "webhook"]
        assert {r["body"]["type"] for r in hooks} == {"alert.test", "alert.created"}
        assert all(r["signature"] == "valid" for r in hooks)
        real = next(r["body"]["alert"] for r in hooks if r["body"]["type"] == "alert.created")
        assert "Dy" in real["elements"] and real["band"] in ("medium", "high", "critical")
        printed = [line for line in up_log.read_text().splitlines()
                   if line.startswith("chokewatch dev receiver: ")]
        assert len(printed) >= 4 and sum("(signature valid)" in line for line in printed) >= 2

        history = _bash(_history_command(walk), tmp_path, env)
        assert '"status":"delivered"' in history.stdout, history.stdout + history.stderr

        # "Watching sources": a feed served from this machine, polled by ingest.
        feed_block = _localised(sources[-1], ports, tmp_path / "feed")
        log = tmp_path / "feed-block.log"  # a file: the server left in the background keeps it open
        with log.open("w") as out:
            feed = subprocess.Popen(["bash", "-e", "-c", feed_block], cwd=tmp_path, env=env,
                                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        feed.wait(40)
        added = log.read_text()
        assert feed.returncode == 0 and "added local" in added, added

        def admitted() -> bool:
            items_shown = _bash("chokewatch sources items local", tmp_path, env)
            return "admitted" in items_shown.stdout

        wait_for(admitted, timeout=30, interval=0.5, what="the local feed's item to be admitted")
    finally:
        if feed is not None:
            _stop_group(feed)
        up.send_signal(signal.SIGTERM)
        try:
            up.wait(30)
        except subprocess.TimeoutExpired:
            up.kill()
    assert up.returncode == 0


def _is_test(record: dict) -> bool:
    body = record["body"]
    if record["channel"] == "webhook":
        return body["type"] == "alert.test"
    return body["text"].startswith("TEST · not scored")


def _history_command(walk: str) -> str:
    """The block's setup lines and its history request, so the history can be read again."""
    lines = walk.splitlines()
    keep = [line for line in lines if line.startswith(("export ", "SUB_ID=", "SUB_KEY="))]
    keep += [line for line in lines if "/alerts?" in line]
    return "\n".join(keep)


def _stop_group(proc: subprocess.Popen) -> None:
    """Stop the feed's http.server, left running in the group the block started."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
