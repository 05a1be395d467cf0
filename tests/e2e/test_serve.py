"""`guidebot serve`: the chat app in a browser through textual-serve, on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from guidebot.cli.common import UsageError
from guidebot.cli.serve import check_port


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "guidebot.cli", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "GUIDEBOT_NO_LOG": "1"},
    )


def fetch(url: str, deadline: float) -> str | None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.2)
    return None


def test_serve_answers_on_127_0_0_1_and_stops_on_ctrl_c():
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    port = free_port()
    process = serve("--port", str(port))
    try:
        page = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 30)
        if page is None:
            process.kill()
            output = process.communicate(timeout=10)[0]
            pytest.skip(f"textual-serve could not start here: {output[-500:]}")
        assert "<div>guidebot</div>" in page  # textual-serve shows the title on its splash
        assert f"ws://127.0.0.1:{port}/ws" in page
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output = process.communicate(timeout=15)[0]
        except subprocess.TimeoutExpired:
            process.kill()
            output = process.communicate()[0]
    assert process.returncode == 0, output
    assert f"serving the chat app at http://127.0.0.1:{port}" in output


def test_a_taken_port_gets_a_clear_message():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(UsageError, match=f"port {port} on 127.0.0.1 is already in use"):
            check_port("127.0.0.1", port)
        result = subprocess.run(
            [sys.executable, "-m", "guidebot.cli", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "--port" in result.stderr and "Traceback" not in result.stderr


def test_bad_port_and_host_are_usage_errors():
    with pytest.raises(UsageError, match="unknown host"):
        check_port("no-such-host.invalid", free_port())
    result = subprocess.run(
        [sys.executable, "-m", "guidebot.cli", "serve", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "between 1 and 65535" in result.stderr
