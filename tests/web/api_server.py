"""A real `guidebot api` server in a subprocess on 127.0.0.1, for the end-to-end and browser
tests, and a small HTTP client for it (http.client: every header and byte under control)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

START_SECONDS = 60  # two workers importing FastAPI and loading the index, on a busy CI machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Response:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers  # names in lower case
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)


class ApiServer:
    """`python -m guidebot.cli api --port P ARGS` with its data and cache in `home`; output
    collected by a thread. Stop it with stop() (the fixtures always do)."""

    def __init__(self, home: Path, *args: str, token: str | None = None) -> None:
        self.port = free_port()
        self.token = token
        self.data = home / "data"
        self.env = {
            **os.environ,
            "GUIDEBOT_DATA_DIR": str(self.data),
            "XDG_CACHE_HOME": str(home / "cache"),
            "GUIDEBOT_NO_LOG": "",
            "GUIDEBOT_API_TOKEN": "",
        }
        command = [sys.executable, "-m", "guidebot.cli", "api", "--port", str(self.port), *args]
        if token:
            command += ["--token", token]
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=self.env
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        if not self._healthy(START_SECONDS):
            self.stop()
            pytest.fail(f"guidebot api did not start: {self.output[-2000:]}")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _healthy(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if self.request("GET", "/v1/health", timeout=2).status == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        timeout: float = 10,
        connection: http.client.HTTPConnection | None = None,
    ) -> Response:
        """One request, on `connection` (kept open) or a fresh one (closed after: with several
        workers, any may take it). `body` is sent as JSON, `raw` as it is; the token goes
        along unless auth=False."""
        sent = dict(headers or {})
        if body is not None:
            raw = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        if auth and self.token:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        fresh = connection is None
        connection = connection or self.connect(timeout)
        try:
            connection.request(method, path, body=raw, headers=sent)
            answer = connection.getresponse()
            return Response(
                answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
            )
        finally:
            if fresh:
                connection.close()

    def connect(self, timeout: float = 10) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def ask(
        self,
        question: str,
        conversation: Any = None,
        connection: http.client.HTTPConnection | None = None,
        **fields: Any,
    ) -> Response:
        body = {"question": question, "conversation": conversation, **fields}
        return self.request("POST", "/v1/ask", body, connection=connection)

    def log_records(self) -> list[dict[str, Any]]:
        log = self.data / "unanswered.jsonl"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    def workers(self) -> list[int]:
        """The worker processes' ids (the children uvicorn spawned, not multiprocessing's
        resource tracker), where /proc tells; [] elsewhere."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            pids = [int(pid) for pid in children.read_text().split()]
            return [p for p in pids if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
        except OSError:
            return []

    def worker_of(self, connection: http.client.HTTPConnection) -> int | None:
        """The worker holding the server's end of an open connection: the socket whose
        peer is the connection's local port (/proc/net/tcp), among the workers' files."""
        if connection.sock is None:
            return None
        client_port = connection.sock.getsockname()[1]
        inode = None
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            ends = [int(end.rsplit(":", 1)[1], 16) for end in fields[1:3]]
            if ends == [self.port, client_port]:
                inode = fields[9]
        for pid in self.workers():
            with contextlib.suppress(OSError):
                for fd in Path(f"/proc/{pid}/fd").iterdir():
                    if os.readlink(fd) == f"socket:[{inode}]":
                        return pid
        return None

    def stop(self) -> None:
        """SIGTERM (uvicorn stops its workers and itself), then a bounded wait; the server
        and its workers are killed if they have not stopped in time."""
        if self.process.poll() is None:
            workers = self.workers()
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                for pid in workers:
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)
                self.process.kill()
                self.process.wait(timeout=5)
