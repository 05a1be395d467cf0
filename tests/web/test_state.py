"""Checking the conversation state a client sends back (web.state), and the small pieces of
the API that need no server: the token check and the judged reply of a feedback request."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidebot.bot import Bot
from guidebot.dialogue.conversation import ConversationState
from guidebot.search.semantic.model_dir import builtin_dir
from guidebot.web.schemas import FeedbackError, judged_reply
from guidebot.web.settings import Settings
from guidebot.web.state import MAX_TERMS, StateError, parse_state

SECTIONS = {"Costs", "Admission"}
IDS = {"faq/a", "guide/costs/1"}


def test_a_state_the_server_gave_out_comes_back_the_same(bot: Bot) -> None:
    conversation = bot.conversation()
    conversation.ask("requirements?")
    given = conversation.state.to_dict()
    sections, ids = {p.section for p in bot.passages}, {p.id for p in bot.passages}
    assert parse_state(given, sections, ids) == conversation.state
    conversation.ask("What's the average salary?")
    assert conversation.state.answered_sources
    assert parse_state(conversation.state.to_dict(), sections, ids) == conversation.state


@pytest.mark.parametrize("empty", [None, {}])
def test_none_or_nothing_is_a_new_conversation(empty: object) -> None:
    assert parse_state(empty) == ConversationState()


def test_integer_weights_are_numbers_too() -> None:
    state = parse_state({"topic_terms": {"cost": 1, "fee": 0}})
    assert state.topic_terms == {"cost": 1.0, "fee": 0.0}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("a string", "must be an object"),
        ([], "must be an object"),
        ({"extra": 1}, "unknown fields: extra"),
        ({"topic_terms": []}, "topic_terms must be an object"),
        ({"topic_terms": {f"t{i}": 0.5 for i in range(MAX_TERMS + 1)}}, "more than 50"),
        ({"topic_terms": {"": 0.5}}, "a term must be"),
        ({"topic_terms": {"x" * 65: 0.5}}, "a term must be"),
        ({"topic_terms": {"cost": "0.5"}}, "must be a number"),
        ({"topic_terms": {"cost": True}}, "must be a number"),
        ({"topic_terms": {"cost": None}}, "must be a number"),
        ({"topic_terms": {"cost": math.nan}}, "between 0 and 1"),
        ({"topic_terms": {"cost": math.inf}}, "between 0 and 1"),
        ({"topic_terms": {"cost": -0.1}}, "between 0 and 1"),
        ({"topic_terms": {"cost": 1e308}}, "between 0 and 1"),
        ({"topic_question": 5}, "topic_question must be a string"),
        ({"topic_question": "q" * 2001}, "longer than 2000"),
        ({"pending_question": ["q"]}, "pending_question must be a string"),
        ({"pending_question": "q", "pending_choices": "Costs"}, "must be a list"),
        ({"pending_question": "q", "pending_choices": ["Costs"] * 4}, "more than 3"),
        ({"pending_question": "q", "pending_choices": [1]}, "must be a string"),
        ({"pending_question": "q", "pending_choices": ["c" * 501]}, "longer than 500"),
        ({"pending_question": "q", "pending_choices": ["Tuition"]}, "guides do not have"),
        ({"answered_question": 1}, "answered_question must be a string"),
        ({"answered_question": "q", "answered_sources": "faq/a"}, "must be a list"),
        ({"answered_question": "q", "answered_sources": ["faq/a"] * 51}, "more than 50"),
        ({"answered_question": "q", "answered_sources": ["x" * 301]}, "longer than 300"),
        ({"answered_sources": ["faq/a"]}, "need the question"),
        ({"answered_sections": ["Costs"]}, "need the question"),
        ({"answered_confidence": 1.5}, "from 0 to 1"),
        ({"answered_confidence": math.nan}, "from 0 to 1"),
        ({"answered_confidence": True}, "from 0 to 1"),
        ({"base_question": None}, "base_question must be a string"),
        ({"base_question": "q" * 2001}, "longer than 2000"),
    ],
)
def test_anything_else_is_refused_saying_which_field(data: object, says: str) -> None:
    with pytest.raises(StateError, match=says):
        parse_state(data, SECTIONS, IDS)


def test_the_answer_a_complaint_would_be_about_comes_back_the_same() -> None:
    data = {"answered_question": "q", "answered_sources": ["faq/a"], "answered_sections": ["Costs"]}
    state = parse_state({**data, "answered_confidence": 0.5}, SECTIONS, IDS)
    assert (state.answered_question, state.answered_sources) == ("q", ["faq/a"])
    assert state.answered_sections == ["Costs"] and state.answered_confidence == 0.5


def test_an_answer_the_guides_no_longer_have_is_dropped_not_refused() -> None:
    """A reload renames passages: the state the server gave out before stays accepted, less
    the sources and sections it no longer has (only the log reads them)."""
    data = {
        "answered_question": "q",
        "answered_sources": ["faq/a", "faq/gone"],
        "answered_sections": ["Costs", "Gone"],
    }
    state = parse_state(data, SECTIONS, IDS)
    assert state.answered_sources == ["faq/a"] and state.answered_sections == ["Costs"]


def test_choices_are_not_checked_against_sections_when_none_are_given() -> None:
    state = parse_state({"pending_question": "q", "pending_choices": ["Tuition"]})
    assert state.pending_choices == ["Tuition"]


def test_the_token_is_compared_as_a_bearer_token() -> None:
    settings = Settings(Path("."), token="secret-token-0123456789")
    assert settings.authorized("Bearer secret-token-0123456789")
    assert settings.authorized("bearer  secret-token-0123456789")
    for header in (None, "", "secret-token-0123456789", "Bearer wrong", "Basic x", "Bearer é"):
        assert not settings.authorized(header)
    assert Settings(Path(".")).authorized(None)  # no token set: open


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDEBOT_KNOWLEDGE", "/k")
    monkeypatch.setenv("GUIDEBOT_API_TOKEN", " t0123456789abcdef ")
    monkeypatch.setenv("GUIDEBOT_API_ORIGINS", "https://a.example  http://b.example:3000")
    settings = Settings.from_env()
    assert settings.knowledge == Path("/k") and settings.token == "t0123456789abcdef"
    assert settings.origins == ("https://a.example", "http://b.example:3000")
    monkeypatch.setenv("GUIDEBOT_API_TOKEN", "")
    assert Settings.from_env().token is None


def test_the_model_setting_defaults_to_the_builtin_word_vectors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GUIDEBOT_MODEL", raising=False)
    monkeypatch.delenv("GUIDEBOT_SEMANTIC", raising=False)
    assert Settings.from_env().model == builtin_dir()
    monkeypatch.setenv("GUIDEBOT_MODEL", "/models/mpnet")
    assert Settings.from_env().model == Path("/models/mpnet")
    monkeypatch.setenv("GUIDEBOT_SEMANTIC", "0")
    assert Settings.from_env().model is None


def test_a_judged_reply_is_a_reply_object_or_its_source_ids() -> None:
    asked = {"question": "salary?", "kind": "clarify"}
    sources = [{"id": "g/a/1"}, {"id": "g/b/2"}, {"id": "g/a/1"}]
    assert judged_reply({**asked, "sources": sources, "confidence": 0.7}) == (
        ["g/a/1", "g/b/2"],
        0.7,
    )
    assert judged_reply(["faq/x"]) == (["faq/x"], 0.0)
    assert judged_reply({**asked, "sources": [], "confidence": math.nan}) == ([], 0.0)
    for bad in (
        {**asked, "sources": "g/a/1"},
        {**asked, "sources": [{"id": 5}]},
        ["x"] * 21,
        ["x" * 301],
    ):
        with pytest.raises(FeedbackError):
            judged_reply(bad)  # type: ignore[arg-type]


def test_a_judged_reply_object_must_have_a_replys_question_kind_and_sources() -> None:
    with pytest.raises(FeedbackError, match="lacks its question .*, its kind .*, its sources"):
        judged_reply({"foo": 1})
    with pytest.raises(FeedbackError, match=r"lacks its kind \(one of answer, clarify"):
        judged_reply({"question": "salary?", "kind": "guess", "sources": []})
    with pytest.raises(FeedbackError, match="lacks its question"):
        judged_reply({"question": "  ", "kind": "decline", "sources": []})


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=70), inner, max_size=8)
    ),
    max_leaves=60,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "topic_terms": st.dictionaries(st.text(max_size=70), JSON, max_size=55) | JSON,
        "topic_question": st.text(max_size=2100) | JSON,
        "pending_question": st.text(max_size=50) | JSON,
        "pending_choices": st.lists(st.sampled_from(sorted(SECTIONS)) | st.text(), max_size=4)
        | JSON,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=JSON | FIELDS)
def test_any_json_is_a_state_or_a_state_error_and_a_state_answers(bot: Bot, data: object) -> None:
    try:
        state = parse_state(data, SECTIONS)
    except StateError:
        return
    reply = bot.conversation(state).ask("and what about online?")
    assert reply.kind in ("answer", "clarify", "smalltalk", "decline")


def test_a_huge_integer_weight_is_refused_not_a_crash(bot: Bot) -> None:
    sections = {p.section for p in bot.passages}
    with pytest.raises(StateError, match="weights lie between"):
        parse_state({"topic_terms": {"salari": 10**400}}, sections)
