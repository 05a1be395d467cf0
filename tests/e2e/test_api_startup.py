"""`guidebot api` starting: refusing bad options, and the one-worker restart that serves a
freshly built index from the cache (each test runs its own server on 127.0.0.1)."""

from __future__ import annotations

import time

import pytest

from tests.conftest import run_guidebot
from tests.web.api_server import ApiServer, free_port

pytest.importorskip("fastapi", reason="FastAPI is not installed")
pytest.importorskip("uvicorn", reason="uvicorn is not installed")


def test_a_non_loopback_address_without_a_token_refuses_to_start() -> None:
    result = run_guidebot(
        "api", "--host", "0.0.0.0", "--port", str(free_port()), env={"GUIDEBOT_API_TOKEN": ""}
    )
    assert result.returncode == 2
    assert "without a token" in result.stderr and "--token" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--token", "short"], "at least 16"),
        (["--allow-origin", "https://example.org/path"], "--allow-origin"),
        (["--workers", "0"], "--workers"),
        (["--port", "70000"], "--port"),
    ],
)
def test_bad_options_are_refused_with_exit_2(args: list[str], says: str) -> None:
    result = run_guidebot("api", *args, env={"GUIDEBOT_API_TOKEN": ""})
    assert result.returncode == 2 and says in result.stderr


def _said(server: ApiServer, text: str) -> bool:
    """Whether the server's output has `text` once it has said it serves (the restart's
    line comes before that, so by then it is there or never will be)."""
    for _ in range(100):
        if "serving the API" in server.output:
            break
        time.sleep(0.05)
    return text in server.output


def test_one_worker_that_built_the_index_restarts_once_to_serve_from_the_cache(tmp_path) -> None:
    """The build's memory is not kept: the process starts again (same pid) reading the
    cache it just filled, and a later start that finds the cache does not restart."""
    first = ApiServer(tmp_path)
    try:
        assert _said(first, "starting again to serve from the cache")
        assert first.output.count("starting again") == 1 and first.process.poll() is None
        assert first.request("GET", "/v1/health").status == 200
    finally:
        first.stop()
    second = ApiServer(tmp_path)
    try:
        assert not _said(second, "starting again")
    finally:
        second.stop()


def test_no_restart_when_the_index_could_not_be_cached(tmp_path) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder would be", encoding="utf-8")
    served = ApiServer(tmp_path)
    try:
        assert not _said(served, "starting again")
        assert served.request("GET", "/v1/health").status == 200
    finally:
        served.stop()
