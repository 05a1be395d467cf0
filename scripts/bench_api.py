"""`guidebot api` under load on 127.0.0.1: plain figures, no asserts.

Starts `guidebot api --workers N` (for each N of --workers, default 1 and 2) on a free port
of 127.0.0.1 and drives it with --visitors concurrent conversations (default 32), each a
script of several turns that sends the conversation state back (a follow-up, a clarifying
question answered by number, small talk...). Every run is bounded: --asks in all (default
20,000) or --seconds (default 20), whichever comes first, after a short warm-up.

Each conversation opens a new connection (a visitor who types for longer than the server's
5 s keep-alive does); --keep-alive keeps one per visitor for the whole run instead, which
shows how uvicorn's workers share connections opened all at once (unevenly: the first worker
to wake accepts most of them). --rate R paces the visitors to R asks per second in all
(default: each asks again as soon as it has its answer, the most the server can do).

Prints per run: asks per second, latency p50/p90/p99/max, errors, the resident memory of each
worker (and the supervisor) and the CPU each used, so an uneven share shows. The client runs
on the same two cores and takes CPU too; its own CPU time is printed beside, and the load
average before the run (other work on the machine skews every figure).
Goal (issue 17): >= 400 asks/s with p99 <= 50 ms at 32 visitors.

The client is a few lines of asyncio over raw HTTP/1.1 (no client library), so that it costs
the shared cores as little as possible. Caches and the log go to a temporary directory;
GUIDEBOT_NO_LOG=1 (declines are not written). Only 127.0.0.1 is ever connected to.

Usage: python scripts/bench_api.py [--workers 1 2] [--visitors 32] [--asks 20000]
       [--seconds 20] [--rate R] [--keep-alive] [--knowledge DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CONVERSATIONS = [
    ["What's the average salary?", "what about early in a career?", "and in texas?"],
    ["requirements?", "2", "how long does it take?"],
    ["How long does it take?", "and online?", "is it worth it"],
    ["hello", "tuition cost", "what about scholarships?", "thanks"],
    ["what skills do I need", "python?", "and math?"],
]
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Client:
    """One keep-alive HTTP/1.1 connection that posts JSON and reads the JSON answer."""

    def __init__(self, port: int) -> None:
        self.port = port

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def post(self, path: str, payload: dict) -> tuple[int, dict]:
        body = json.dumps(payload).encode()
        self.writer.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next(
            int(line.split(":", 1)[1])
            for line in lines
            if line.lower().startswith("content-length")
        )
        return status, json.loads(await self.reader.readexactly(length))

    def close(self) -> None:
        self.writer.close()


async def visitor(
    port: int,
    number: int,
    deadline: float,
    budget: list[int],
    latencies: list[float],
    reconnect: bool,
    interval: float,
    first: float,
) -> int:
    """Conversations one after another until the shared budget or the time runs out, each on
    a new connection when `reconnect`; the number of errors (non-200 answers)."""
    client = Client(port)
    await client.open()
    errors = 0
    script = number
    next_at = time.perf_counter() + first  # paced visitors start staggered
    try:
        while budget[0] > 0 and time.perf_counter() < deadline:
            if reconnect and script != number:
                client.close()
                await client.open()
            state = None
            for question in CONVERSATIONS[script % len(CONVERSATIONS)]:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
                if interval:
                    await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
                    next_at += interval
                started = time.perf_counter()
                status, data = await client.post(
                    "/v1/ask", {"question": question, "conversation": state}
                )
                latencies.append(time.perf_counter() - started)
                if status != 200:
                    errors += 1
                    break
                state = data["conversation"]
            script += 1
    finally:
        client.close()
    return errors


async def load(
    port: int, visitors: int, asks: int, seconds: float, reconnect: bool, rate: float = 0
) -> tuple[list[float], int]:
    latencies: list[float] = []
    budget = [asks]
    deadline = time.perf_counter() + seconds
    interval = visitors / rate if rate else 0.0  # between one visitor's asks
    errors = await asyncio.gather(
        *(
            visitor(port, n, deadline, budget, latencies, reconnect, interval, n / (rate or 1))
            for n in range(visitors)
        )
    )
    return latencies, sum(errors)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [int(p) for p in path.read_text().split()] if path.exists() else []
    return [p for p in pids if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def wait_healthy(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"guidebot api did not start (exit {process.poll()})")


def run(workers: int, args: argparse.Namespace, home: str) -> None:
    port = free_port()
    command = [sys.executable, "-m", "guidebot.cli", "api", "--port", str(port)]
    command += ["--workers", str(workers)]
    if args.knowledge:
        command += ["--knowledge", args.knowledge]
    env = {
        **os.environ,
        "GUIDEBOT_DATA_DIR": os.path.join(home, "data"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "GUIDEBOT_NO_LOG": "1",
        "GUIDEBOT_API_TOKEN": "",
    }
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_healthy(port, server)
        time.sleep(1.0 if workers > 1 else 0.2)  # the other workers finish starting
        pids = children(server.pid) if workers > 1 else [server.pid]
        asyncio.run(load(port, args.visitors, min(2000, args.asks), 5, True))  # warm-up
        cpu_before = {p: cpu_seconds(p) for p in pids}
        client_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        latencies, errors = asyncio.run(
            load(port, args.visitors, args.asks, args.seconds, not args.keep_alive, args.rate)
        )
        elapsed = time.perf_counter() - started
        client = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (client.ru_utime + client.ru_stime) - (
            client_before.ru_utime + client_before.ru_stime
        )
        report(workers, args, latencies, errors, elapsed, client_cpu)
        for pid in pids:
            used = cpu_seconds(pid) - cpu_before[pid]
            print(f"    worker {pid}: {rss_mb(pid):6.1f} MB resident, {used:5.2f} s CPU")
        if workers > 1:
            print(f"    supervisor {server.pid}: {rss_mb(server.pid):6.1f} MB resident")
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def report(
    workers: int,
    args: argparse.Namespace,
    latencies: list[float],
    errors: int,
    elapsed: float,
    client_cpu: float,
) -> None:
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))]

    connections = "one connection each" if args.keep_alive else "a connection per conversation"
    connections += f", paced to {args.rate:g} asks/s" if args.rate else ""
    print(
        f"\nworkers={workers} visitors={args.visitors} ({connections}): "
        f"{len(ms)} asks in {elapsed:.1f} s = "
        f"{len(ms) / elapsed:,.0f} asks/s, errors {errors}"
    )
    print(
        f"    latency ms: p50 {pct(50):.1f}  p90 {pct(90):.1f}  p99 {pct(99):.1f}  "
        f"max {ms[-1]:.1f}  mean {statistics.fmean(ms):.1f}"
    )
    print(f"    client (this process) CPU: {client_cpu:.2f} s of {elapsed:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--visitors", type=int, default=32)
    parser.add_argument("--asks", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--knowledge", default=None)
    parser.add_argument("--rate", type=float, default=0, help="asks per second in all")
    parser.add_argument(
        "--keep-alive",
        action="store_true",
        help="each visitor keeps one connection for the whole run (default: a new one per "
        "conversation, as a visitor slower than the server's 5 s keep-alive gets)",
    )
    args = parser.parse_args()
    print(
        f"guidebot api bench on {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average before: {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory() as home:
        for workers in args.workers:
            run(workers, args, home)


if __name__ == "__main__":
    main()
