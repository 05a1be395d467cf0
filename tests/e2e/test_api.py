"""`guidebot api`: the HTTP JSON API through a real server on 127.0.0.1.

One server for the module, with two workers, a token and one allowed origin: every request
goes on a fresh connection, so either worker may take it, and a conversation only goes on
right if its whole state travelled with the client. Only ever connects to 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection

import pytest

from guidebot.web.state import FIELDS
from tests.conftest import run_guidebot
from tests.web.api_server import ApiServer

pytest.importorskip("fastapi", reason="FastAPI is not installed")
pytest.importorskip("uvicorn", reason="uvicorn is not installed")

TOKEN = "test-token-0123456789abcdef"
ALLOWED = "https://guides.example.org"
SALARY = "What is the average salary for professionals with an AI Master's degree working in"
ADMISSION = (
    "What are the admission requirements and prerequisites for entering an AI Master's degree "
    "program?"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    served = ApiServer(
        tmp_path_factory.mktemp("api"), "--workers", "2", "--allow-origin", ALLOWED, token=TOKEN
    )
    try:
        yield served
    finally:
        served.stop()


def test_health_answers_without_the_token(server: ApiServer) -> None:
    response = server.request("GET", "/v1/health", auth=False)
    assert response.status == 200
    assert response.json()["status"] == "ok"


def test_guides_lists_slugs_titles_and_counts(server: ApiServer) -> None:
    response = server.request("GET", "/v1/guides")
    assert response.status == 200
    [guide] = response.json()["guides"]
    assert guide["slug"] == "ai-masters-manufacturing"
    assert guide["title"].startswith("2026 AI Master's Degree")
    assert guide["sections"] > 10 and guide["faqs"] > 10
    assert response.json()["example"].endswith("?")  # one of this knowledge's own questions


def test_ask_answers_with_cited_sources_and_hands_back_the_state(server: ApiServer) -> None:
    response = server.ask("What's the average salary?")
    assert response.status == 200
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    reply = data["reply"]
    assert reply["kind"] == "answer" and reply["sources"]
    source = reply["sources"][0]
    assert {"id", "guide", "section", "headings", "text", "score"} <= set(source)
    assert source["section"].startswith(SALARY)
    # Every field the server gives out is one it takes back (web.state.FIELDS).
    assert set(data["conversation"]) == FIELDS
    assert data["conversation"]["topic_question"] == "What's the average salary?"
    # The source the answer quoted, which a complaint about it names.
    assert data["conversation"]["answered_sources"] == [reply["sources"][0]["id"]]


def test_two_questions_come_back_as_two_parts_and_the_talk_goes_on_from_the_last(
    server: ApiServer,
) -> None:
    data = server.ask("How long does the program take? What's the average salary?").json()
    reply = data["reply"]
    duration, salary = reply["parts"]
    assert reply["kind"] == duration["kind"] == salary["kind"] == "answer"
    assert salary["question"] == "What's the average salary?"
    assert salary["sources"][0]["section"].startswith(SALARY)
    assert reply["sources"] == duration["sources"] + salary["sources"]
    assert data["conversation"]["topic_question"] == "What's the average salary?"
    follow = server.ask("what about early in a career?", data["conversation"]).json()["reply"]
    assert follow["sources"][0]["section"].startswith(SALARY) and follow["parts"] == []


def test_follow_ups_go_on_right_whichever_worker_takes_them(server: ApiServer) -> None:
    """Each turn of a conversation on a connection held by the other worker than the last."""
    one, other = _connections_to_two_workers(server)
    try:
        for first, then in [(one, other), (other, one)] * 3:
            asked = server.ask("What's the average salary?", connection=first).json()
            follow = server.ask("what about at smaller companies?", asked["conversation"], then)
            reply = follow.json()["reply"]
            assert reply["sources"][0]["section"].startswith(SALARY), reply
            assert any("following on from: What's the average salary?" in n for n in reply["notes"])
            asked = server.ask("requirements?", connection=first).json()
            assert asked["reply"]["kind"] == "clarify" and ADMISSION in asked["reply"]["choices"]
            number = asked["reply"]["choices"].index(ADMISSION) + 1
            picked = server.ask(str(number), asked["conversation"], then).json()["reply"]
            assert picked["kind"] == "answer" and picked["sources"][0]["section"] == ADMISSION
    finally:
        one.close()
        other.close()
    # without the state the same follow-up is a question of its own, about the job market
    alone = server.ask("what about at smaller companies?").json()["reply"]
    assert not alone["sources"][0]["section"].startswith(SALARY)


def _connections_to_two_workers(server: ApiServer) -> tuple[HTTPConnection, HTTPConnection]:
    """Two open connections, each held by a different worker. Connections opened at once
    (eight at a time) are shared out between the idle workers by the kernel."""
    if len(server.workers()) != 2:
        pytest.skip("needs /proc to tell the workers apart")
    held: dict[int, HTTPConnection] = {}
    opened: list[HTTPConnection] = []
    for _ in range(10):
        batch = [server.connect() for _ in range(8)]
        opened += batch
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda c: server.request("GET", "/v1/health", connection=c), batch))
        for connection in batch:
            held.setdefault(server.worker_of(connection) or 0, connection)
        held.pop(0, None)
        if len(held) == 2:
            break
    for connection in opened:
        if connection not in held.values():
            connection.close()
    assert len(held) == 2, "every connection went to one worker"
    one, other = held.values()
    return one, other


def test_guide_restricts_answers_and_an_unknown_guide_is_422(server: ApiServer) -> None:
    known = server.ask("What's the average salary?", guide="ai-masters-manufacturing")
    assert known.status == 200 and known.json()["reply"]["kind"] == "answer"
    unknown = server.ask("What's the average salary?", guide="no-such-guide")
    assert unknown.status == 422 and "guide" in unknown.json()["error"]


def test_feedback_is_recorded_where_gaps_reads_it(server: ApiServer) -> None:
    reply = server.ask("What's the average salary?").json()["reply"]
    judged = {"question": "What's the average salary?", "reply": reply, "helpful": False}
    response = server.request("POST", "/v1/feedback", {**judged, "comment": "I meant in Ohio"})
    assert response.status == 204 and response.body == b""
    ids = [s["id"] for s in reply["sources"]]
    assert server.request("POST", "/v1/feedback", {**judged, "reply": ids}).status == 204
    good = {"question": "how long does it take?", "reply": ids[:1], "helpful": True}
    assert server.request("POST", "/v1/feedback", good).status == 204
    feedback = [r for r in server.log_records() if r["kind"] == "feedback"]
    assert [r["helpful"] for r in feedback] == [False, False, True]
    # The reply object: the source its answer quoted; a list of ids: those ids.
    assert len(ids) > 1 and feedback[0]["sources"] == ids[:1] and feedback[1]["sources"] == ids
    assert feedback[0]["comment"] == "I meant in Ohio"
    assert feedback[0]["sections"] == [reply["sources"][0]["section"]]
    assert feedback[0]["sections"][0].startswith(SALARY)
    result = run_guidebot("gaps", "--json", env={"GUIDEBOT_DATA_DIR": str(server.data)})
    data = json.loads(result.stdout)
    assert data["not_helpful_answers"] == 2 and data["helpful_answers"] == 1
    [group] = data["not_helpful"]
    assert group["count"] == 2 and group["answered"][0].startswith(SALARY)
    assert group["comments"] == ["I meant in Ohio"]


def test_a_decline_is_logged_as_unanswered(server: ApiServer) -> None:
    reply = server.ask("how much do nurses earn in texas").json()["reply"]
    assert reply["kind"] == "decline" and reply["suggestions"]
    logged = [r for r in server.log_records() if r["kind"] == "decline"]
    assert "how much do nurses earn in texas" in [r["question"] for r in logged]


def test_a_topic_a_decline_offered_is_picked_by_number_with_the_state_given_back(
    server: ApiServer,
) -> None:
    declined = server.ask("whats the weather in paris tomorrow").json()
    topics = declined["reply"]["suggestions"]
    assert declined["reply"]["kind"] == "decline" and len(topics) >= 2
    picked = server.ask("2", conversation=declined["conversation"])
    assert picked.status == 200
    assert picked.json()["reply"]["sources"][0]["section"] == topics[1]


BAD_STATES = [
    [1, 2],
    {"topic_terms": {"salari": float("nan")}},
    {"topic_terms": {"salari": 2.0}},
    {"topic_terms": {f"t{i}": 0.5 for i in range(51)}},
    {"topic_terms": {"x" * 65: 0.5}},
    {"topic_question": 5},
    {"pending_question": "requirements?", "pending_choices": ["a", "b", "c", "d"]},
    {"pending_question": "requirements?", "pending_choices": ["Not a heading of the guide"]},
    {"topic_terms": {}, "secret": "extra field"},
]


@pytest.mark.parametrize("state", BAD_STATES, ids=range(len(BAD_STATES)))
def test_a_state_this_server_never_gave_out_is_422(server: ApiServer, state: object) -> None:
    raw = json.dumps({"question": "and online?", "conversation": state}).encode()  # NaN too
    response = server.request(
        "POST", "/v1/ask", raw=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status == 422, response.body
    assert "conversation" in response.json()["error"]


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (b'{"question": "salary?"', 400, "not valid JSON"),
        (b'{"question": 5}', 422, "question"),
        (b'{"question": ""}', 422, "question: String should have at least 1 character"),
        (b'{"question": "   "}', 422, "question: String should have at least 1 character"),
        (b'{"question": " \\t\\n\\u0000 "}', 422, "question: String should have at least 1"),
        (b'{"question": "%s"}' % (b"a" * 2001), 422, "2000"),
        (b'{"question": "hi", "extra": 1}', 422, "extra"),
        (b"[]", 422, "JSON object"),
        (b'{"question": "%s"}' % (b"a" * 70_000), 413, "64 KB"),
    ],
)
def test_bad_asks_get_a_json_error(server: ApiServer, body: bytes, status: int, says: str) -> None:
    response = server.request(
        "POST", "/v1/ask", raw=body, headers={"Content-Type": "application/json"}
    )
    assert response.status == status
    assert says in response.json()["error"]


def test_a_question_of_markup_alone_is_answered_not_refused(server: ApiServer) -> None:
    """Only spaces and control characters make a question empty: the person who typed
    this is told what to ask about (the page shows it as the text it is)."""
    response = server.ask("<img src=x onerror=alert(1)>")
    assert response.status == 200 and response.json()["reply"]["kind"] == "smalltalk"


@pytest.mark.parametrize(
    "body",
    [b'{"question": "salary \xff?"}', b"[" * 30_000 + b"]" * 30_000],
    ids=["not UTF-8", "nested deeper than Python recurses"],
)
@pytest.mark.parametrize("path", ["/v1/ask", "/v1/feedback"])
def test_a_body_json_cannot_read_is_the_400_of_any_bad_json(
    server: ApiServer, body: bytes, path: str
) -> None:
    response = server.request("POST", path, raw=body, headers={"Content-Type": "application/json"})
    assert response.status == 400
    assert response.json() == {"error": "the request body is not valid JSON"}


def test_a_huge_chunked_body_is_413_before_it_is_read_whole(server: ApiServer) -> None:
    chunks = (b"x" * 16_384 for _ in range(8))  # no Content-Length: counted as it comes
    response = server.request(
        "POST",
        "/v1/ask",
        raw=chunks,
        headers={"Content-Type": "application/json"},  # type: ignore[arg-type]
    )
    assert response.status == 413


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"question": "q", "reply": [], "helpful": "no"}, "helpful"),
        ({"question": "q", "reply": ["no/such/source"], "helpful": False}, "no source"),
        ({"question": "q", "reply": {"sources": "x"}, "helpful": False}, "sources"),
        ({"question": "q", "reply": [], "helpful": True, "comment": "c" * 2001}, "comment"),
        ({"reply": [], "helpful": True}, "question"),
        ({"question": " ", "reply": [], "helpful": True}, "question: String should have"),
    ],
)
def test_bad_feedback_is_422(server: ApiServer, body: dict, says: str) -> None:
    response = server.request("POST", "/v1/feedback", body)
    assert response.status == 422
    assert says in response.json()["error"]


NOT_REPLIES = [
    {"foo": 1},
    {},
    {"sources": []},
    {"question": "salary?", "kind": "answer"},
    {"question": "salary?", "kind": "guess", "sources": []},
    {"question": 5, "kind": "answer", "sources": []},
    {"question": "salary?", "kind": "answer", "sources": []},  # /v1/ask cites an answer
    [],  # a list of no source ids
]


@pytest.mark.parametrize("reply", NOT_REPLIES, ids=range(len(NOT_REPLIES)))
def test_feedback_on_something_that_is_no_reply_is_422_and_not_logged(
    server: ApiServer, reply: dict
) -> None:
    before = server.log_records()
    judged = {"question": "salary?", "reply": reply, "helpful": False}
    response = server.request("POST", "/v1/feedback", judged)
    assert response.status == 422
    error = response.json()["error"]
    assert error.startswith("reply must be a reply as /v1/ask returned it, or a list of source ids")
    assert server.log_records() == before


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong-token-0123456789", f"Basic {TOKEN}", "Bearer", "Bearer é"]
)
@pytest.mark.parametrize(("method", "path"), [("POST", "/v1/ask"), ("GET", "/v1/guides")])
def test_the_token_is_required(
    server: ApiServer, authorization: str | None, method: str, path: str
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    body = {"question": "salary?"} if method == "POST" else None
    response = server.request(method, path, body, headers=headers, auth=False)
    assert response.status == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Bearer" in response.json()["error"]


def test_feedback_needs_the_token_before_its_body_is_judged(server: ApiServer) -> None:
    response = server.request("POST", "/v1/feedback", raw=b"not json", auth=False)
    assert response.status == 401


def test_unknown_paths_and_methods_are_json_errors(server: ApiServer) -> None:
    assert server.request("GET", "/v1/nothing").status == 404
    response = server.request("GET", "/v1/ask")
    assert response.status == 405 and "error" in response.json()


def test_cors_answers_only_the_allowed_origin(server: ApiServer) -> None:
    preflight = {"Access-Control-Request-Method": "POST"}
    allowed = server.request(
        "OPTIONS", "/v1/ask", headers={"Origin": ALLOWED, **preflight}, auth=False
    )
    assert allowed.status == 200
    assert allowed.headers["access-control-allow-origin"] == ALLOWED
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    other = server.request(
        "OPTIONS", "/v1/ask", headers={"Origin": "https://evil.example", **preflight}, auth=False
    )
    assert "access-control-allow-origin" not in other.headers
    answer = server.request("GET", "/v1/guides", headers={"Origin": ALLOWED})
    assert answer.headers["access-control-allow-origin"] == ALLOWED
    refused = server.request("GET", "/v1/guides", headers={"Origin": ALLOWED}, auth=False)
    assert refused.status == 401  # readable by the allowed page, so it can ask for a token
    assert refused.headers["access-control-allow-origin"] == ALLOWED
    elsewhere = server.request("GET", "/v1/guides", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in elsewhere.headers


def test_the_page_and_its_files_are_served_with_a_strict_policy(server: ApiServer) -> None:
    page = server.request("GET", "/", auth=False)
    assert page.status == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert b'src="/static/chat.js"' in page.body
    script = server.request("GET", "/static/chat.js", auth=False)
    assert script.status == 200 and b"textContent" in script.body
    assert b"innerHTML" not in script.body  # every text goes onto the page as text
    assert server.request("GET", "/static/chat.css", auth=False).status == 200
    docs = server.request("GET", "/openapi.json", auth=False).json()
    assert {"/v1/ask", "/v1/feedback", "/v1/guides", "/v1/health"} <= set(docs["paths"])


# --- starting while another server holds the port ------------------------------------------


def test_a_port_in_use_is_reported(server: ApiServer) -> None:
    result = run_guidebot("api", "--port", str(server.port))
    assert result.returncode == 2 and "already in use" in result.stderr


def test_a_complaint_after_an_answer_is_logged_as_that_answer_not_helping(
    server: ApiServer,
) -> None:
    asked = "how many credits is the program?"
    first = server.ask(asked).json()
    assert first["reply"]["kind"] == "answer"
    ids = [s["id"] for s in first["reply"]["sources"][:1]]  # the source the answer quoted
    data = server.ask("that's not what i asked", first["conversation"]).json()
    assert data["reply"]["kind"] == "smalltalk"
    assert data["reply"]["complaint"]["question"] == asked
    assert data["reply"]["complaint"]["sources"] == ids
    assert data["conversation"]["answered_question"] == ""
    [record] = [r for r in server.log_records() if r["question"] == asked]
    assert record["kind"] == "feedback" and not record["helpful"]
    assert record["sources"] == ids and record["comment"] == "that's not what i asked"
    # A state given out before a reload that renamed the passage stays accepted.
    stale = {**first["conversation"], "answered_sources": ["faq/no-such-entry"]}
    again = server.ask("that's wrong", stale).json()
    assert again["reply"]["complaint"]["sources"] == []


def test_guides_counts_the_faq_entries_no_guide_holds(tmp_path, make_knowledge) -> None:
    """An export brought in beside a guide links to none of its sections: the guides list
    says how many such entries there are, as `guidebot guides` does."""
    root = make_knowledge(
        {
            "guides/shed.md": "---\ntitle: Shed\n---\n\n## Opening\n\nOpen at nine.\n",
            "faq/export.yaml": "- question: Can I park here?\n  answer: Yes, behind the shed.\n",
        }
    )
    served = ApiServer(tmp_path / "home", "--knowledge", str(root))
    try:
        data = served.request("GET", "/v1/guides", auth=False).json()
    finally:
        served.stop()
    assert [g["faqs"] for g in data["guides"]] == [0] and data["unlinked_faqs"] == 1


def test_a_choice_between_two_guides_headings_travels_in_the_state(
    tmp_path, make_knowledge
) -> None:
    """Two guides with a "Lockers" section each: the choices name the guide, and the state
    that comes back with one of them is taken (the server checks it names a section)."""
    root = make_knowledge(
        {
            "guides/pool.md": "---\ntitle: Pool guide\n---\n\n## Lockers\n\n"
            "Pool lockers take a one pound coin, which you get back.\n",
            "guides/gym.md": "---\ntitle: Gym guide\n---\n\n## Lockers\n\n"
            "Gym lockers open with a code you set yourself.\n",
        }
    )
    served = ApiServer(tmp_path / "home", "--knowledge", str(root))
    try:
        asked = served.ask("lockers").json()
        choices = asked["reply"]["choices"]
        assert sorted(choices) == ["Lockers (Gym guide)", "Lockers (Pool guide)"]
        assert asked["conversation"]["pending_choices"] == choices
        number = str(choices.index("Lockers (Gym guide)") + 1)
        picked = served.ask(number, asked["conversation"])
    finally:
        served.stop()
    assert picked.status == 200, picked.json()
    assert picked.json()["reply"]["sources"][0]["guide"] == "Gym guide"
