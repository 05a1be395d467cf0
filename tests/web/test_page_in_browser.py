"""The chat page in a real browser: headless Chromium, driven by Selenium, against a real
`guidebot api` on 127.0.0.1.

Skipped when Selenium, Chromium or its driver is missing (Debian: `apt-get install chromium
chromium-driver`). Selenium is pointed at the system's browser and driver, so it never tries
to download one.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.web.api_server import ApiServer

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytest.importorskip("fastapi", reason="FastAPI is not installed")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BROWSER = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (BROWSER and DRIVER), reason="Chromium and chromedriver are not installed"
)
WAIT = 15  # seconds for anything the page should show
ADMISSION = "What are the admission requirements and prerequisites"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    served = ApiServer(tmp_path_factory.mktemp("page"))
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=420,900",  # a phone's width: the page must work there
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=DRIVER)
    try:
        driver = webdriver.Chrome(options=options, service=service)
    except Exception as error:  # noqa: BLE001 - a browser that cannot start here is a skip
        pytest.skip(f"Chromium did not start: {str(error)[:300]}")
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def replies(browser) -> list:
    return browser.find_elements(By.CSS_SELECTOR, "#log .turn.bot")


def ask(browser, question: str) -> object:
    """Type the question, press Enter, and return the new reply once it is shown."""
    count = len(replies(browser))
    box = browser.find_element(By.ID, "question")
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, WAIT).until(lambda b: len(replies(b)) > count)
    return replies(browser)[-1]


def test_a_conversation_on_the_page(server: ApiServer, browser) -> None:
    browser.get(server.base + "/")
    box = browser.find_element(By.ID, "question")
    assert browser.switch_to.active_element == box
    # the placeholder's example is one of this knowledge's own questions
    WebDriverWait(browser, WAIT).until(lambda b: "e.g." in box.get_attribute("placeholder"))
    # one guide: the page is named for it, in the tab and the header
    title = "2026 AI Master's Degree Careers in Manufacturing"
    assert browser.title == f"{title} · guidebot"
    assert browser.find_element(By.CSS_SELECTOR, ".bar h1").text == title

    # an answer, with its numbered citations naming guide › heading
    reply = ask(browser, "What's the average salary?")
    assert "salary" in reply.find_element(By.CSS_SELECTOR, ".answer").text.lower()
    [mark] = reply.find_elements(By.CSS_SELECTOR, ".cite")  # the source it quotes only
    assert mark.text == "[1]"
    citation = reply.find_element(By.CSS_SELECTOR, ".sources summary").text
    assert citation.startswith("2026 AI Master's Degree Careers in Manufacturing › ")
    assert browser.switch_to.active_element == browser.find_element(By.ID, "question")

    # a clarifying question: its choices are buttons, the first one focused; click one
    reply = ask(browser, "requirements?")
    choices = reply.find_elements(By.CSS_SELECTOR, ".options button")
    assert len(choices) >= 2 and browser.switch_to.active_element == choices[0]
    chosen = next(c for c in choices if c.text.startswith(ADMISSION))
    count = len(replies(browser))
    chosen.click()
    WebDriverWait(browser, WAIT).until(lambda b: len(replies(b)) > count)
    picked = replies(browser)[-1]
    assert ADMISSION in picked.find_element(By.CSS_SELECTOR, ".sources summary").text
    # passages of one section are told apart by their first words
    cited = [s.text for s in picked.find_elements(By.CSS_SELECTOR, ".sources summary")]
    assert len(set(cited)) == len(cited) and " — " in cited[0]

    # "was this helpful?" no: the feedback lands in the log `guidebot gaps` reads
    no = picked.find_element(By.XPATH, ".//div[@class='feedback']/button[text()='No']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", no)  # as a reader
    no.click()
    WebDriverWait(browser, WAIT).until(lambda b: "Thanks" in picked.text)
    [record] = [r for r in server.log_records() if r["kind"] == "feedback"]
    # logged as read: the question asked back with the choice picked
    assert record["helpful"] is False and record["question"].startswith(
        f"requirements? — {ADMISSION}"
    )
    assert record["sections"][0].startswith(ADMISSION)

    # markup in a question is shown as the text it is, never run
    reply = ask(browser, HOSTILE)
    mine = browser.find_elements(By.CSS_SELECTOR, "#log .turn.mine")[-1]
    assert mine.text == HOSTILE
    assert browser.find_elements(By.CSS_SELECTOR, "#log img") == []
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (raises when no alert is open)
    assert not browser.find_element(By.ID, "status").is_displayed()


def test_a_decline_offers_its_suggestions_as_buttons(server: ApiServer, browser) -> None:
    browser.get(server.base + "/")
    reply = ask(browser, "how much do nurses earn in texas")
    suggestions = reply.find_elements(By.CSS_SELECTOR, ".options button")
    assert suggestions and reply.find_elements(By.CSS_SELECTOR, ".feedback") == []
    count = len(replies(browser))
    suggestions[0].send_keys(Keys.ENTER)  # reachable and usable from the keyboard
    WebDriverWait(browser, WAIT).until(lambda b: len(replies(b)) > count)
    assert replies(browser)[-1].find_elements(By.CSS_SELECTOR, ".sources summary")


def test_two_questions_show_each_answer_with_its_own_citations(server: ApiServer, browser) -> None:
    browser.get(server.base + "/")
    reply = ask(browser, "what's the salary and how long does the program take?")
    salary, duration = reply.find_elements(By.CSS_SELECTOR, ".part")
    assert salary.find_element(By.CSS_SELECTOR, ".part-question").text == "› what's the salary"
    assert "$145,000" in salary.find_element(By.CSS_SELECTOR, ".answer").text
    assert "1.5 to 3 years" in duration.find_element(By.CSS_SELECTOR, ".answer").text
    # each part marks the one source it quotes, numbered as in the list of all sources
    [first] = [c.text for c in salary.find_elements(By.CSS_SELECTOR, ".cite")]
    [then] = [c.text for c in duration.find_elements(By.CSS_SELECTOR, ".cite")]
    listed = reply.find_elements(By.CSS_SELECTOR, ".sources > li")
    assert first == "[1]" and "average salary" in listed[0].text.lower()
    assert "How long does it take" in listed[int(then.strip("[]")) - 1].text
