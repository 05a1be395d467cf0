"""`guidebot serve`'s page and console: what the browser is sent and what the server prints.

Real servers in subprocesses (test_serve.Served), spoken to over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import time
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.e2e.test_serve import Served


@pytest.fixture
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    server = Served(*getattr(request, "param", ()))
    try:
        yield server
    finally:
        server.stop()


def test_the_page_loads_nothing_from_another_site_and_all_it_loads_is_here(served: Served):
    status, page = served.get(f"/?token={served.token}")
    assert status == 200
    here = f"127.0.0.1:{served.port}"
    # An XML namespace (xmlns="http://www.w3.org/2000/svg") names a vocabulary; nothing
    # is fetched from it.
    fetched = re.sub(r"""\bxmlns(?::\w+)?=("[^"]*"|'[^']*')""", "", page)
    addresses = re.findall(r"""(?:\b[a-z][a-z0-9+.-]*:)?//[^\s"'<>()]+""", fetched, re.IGNORECASE)
    assert addresses, "the page has its WebSocket's address"
    assert [a for a in addresses if urlsplit(a).netloc != here] == []
    # Its script, style, background and font (the same Roboto Mono) come from this server.
    files = set(re.findall(r"/static/[\w./-]+", page))
    assert "/static/fonts/RobotoMono-VariableFont_wght.ttf" in files
    assert '"Roboto Mono"' in page and "/static/js/textual.js" in files
    for path in files:
        with urllib.request.urlopen(f"http://{here}{path}", timeout=5) as response:
            assert response.status == 200 and response.read(), path


def test_in_a_browser_the_page_draws_the_app_in_its_font_asking_no_other_site(
    served: Served, tmp_path
):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
    driver = shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.skip("Chromium and chromedriver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-background-networking", "--no-first-run"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    try:
        browser = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver))
    except Exception as error:  # noqa: BLE001 - a browser that cannot start here is a skip
        pytest.skip(f"Chromium did not start: {str(error)[:300]}")
    try:
        browser.get(f"http://127.0.0.1:{served.port}/?token={served.token}")
        deadline = time.monotonic() + 20
        drawn = "return document.body.classList.contains('-first-byte')"
        while not browser.execute_script(drawn) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert browser.execute_script(drawn), "the app never drew"
        assert browser.execute_script("return document.fonts.check('16px \"Roboto Mono\"')")
        events = [
            json.loads(entry["message"])["message"] for entry in browser.get_log("performance")
        ]
        asked = {
            address.netloc
            for event in events
            if event["method"] == "Network.requestWillBeSent"
            # not the browser's own (chrome://) pages nor data: URLs
            and (address := urlsplit(event["params"]["request"]["url"])).scheme.startswith("http")
        }
        assert asked == {f"127.0.0.1:{served.port}"}
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
    finally:
        browser.quit()


def test_requests_are_not_logged_by_default(served: Served):
    served.get(f"/?token={served.token}")
    served.get("/static/js/textual.js")
    time.sleep(0.5)
    assert "GET /" not in served.output
    assert len(served.lines) == 1 and "open it in a browser" in served.lines[0]


@pytest.mark.parametrize("served", [("--access-log",)], indirect=True)
def test_access_log_prints_one_plain_line_a_request_without_the_token(served: Served):
    served.get(f"/?token={served.token}")
    line = served.wait_for(lambda line: "GET /?token=TOKEN HTTP/1.1" in line, 5)
    # Not Rich's log: no level in front, and not wrapped onto the next line.
    assert line and line.startswith("127.0.0.1 ") and "Python-urllib" in line, served.output
    assert all(served.token not in line for line in served.lines[1:])


@pytest.mark.parametrize("served", [("--access-log",)], indirect=True)
def test_the_access_log_shows_control_characters_a_request_sent_never_runs_them(served: Served):
    served.get(f"/?token={served.token}")  # the server is up
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    connection.putrequest("GET", f"/?token={served.token}", skip_accept_encoding=True)
    # C1 CSI (U+009B, in UTF-8): a colour change to a terminal
    connection.putheader("User-Agent", "agent\x9b31mred".encode())
    connection.endheaders()
    connection.getresponse().read()
    line = served.wait_for(lambda line: "agent" in line, 5)
    assert line and "agent\ufffd31mred" in line and "\x9b" not in "".join(served.lines)
