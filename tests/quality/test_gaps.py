"""The unanswered-questions log, `guidebot gaps` and its starter FAQ export."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from guidebot.bot import Bot
from guidebot.errors import KnowledgeError
from guidebot.knowledge.loader import load_knowledge
from guidebot.quality.gaps import group_questions, split_feedback, starter_faq
from guidebot.quality.log import (
    FEEDBACK,
    LogRecord,
    is_unanswered,
    logging_disabled,
    read_log,
    record_feedback,
    record_unanswered,
)
from guidebot.quality.settled import filled_since
from guidebot.reply import Complaint, Reply, Source
from tests.conftest import GUIDE, KNOWLEDGE, REPAIRS_GUIDE, run_guidebot


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """Every log in these tests goes to tmp, never to the real user data directory."""
    path = tmp_path / "data"
    monkeypatch.setenv("GUIDEBOT_DATA_DIR", str(path))
    monkeypatch.delenv("GUIDEBOT_NO_LOG", raising=False)
    return path


def guidebot(*args: str, env: dict[str, str], stdin: str | None = None):
    return run_guidebot(*args, stdin=stdin, env=env)


def reply(
    kind: str,
    confidence: float,
    question: str = "how much do nurses earn",
    answer: str = "Nurses earn $80,000 a year.",
) -> Reply:
    sources = (Source(1, "g/s/1", "G", "S", "text", 3.25),) if kind == "answer" else ()
    return Reply(
        question=question, answer=answer, kind=kind, confidence=confidence, sources=sources
    )


def records(*questions: str) -> list[LogRecord]:
    return [
        LogRecord(f"2026-01-0{1 + i % 9}T10:00:00+00:00", q, "decline", 0.0)
        for i, q in enumerate(questions)
    ]


def test_declines_and_low_confidence_answers_are_unanswered():
    assert is_unanswered(reply("decline", 0.0))
    assert is_unanswered(reply("answer", 0.3))
    assert not is_unanswered(reply("answer", 0.9))
    assert not is_unanswered(reply("smalltalk", 1.0))
    assert not is_unanswered(reply("clarify", 0.0))


def test_record_appends_one_json_line_with_time_question_score_and_kind(data_dir):
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert record_unanswered(reply("decline", 0.0), now=now) is None
    assert record_unanswered(reply("answer", 0.9)) is None  # answered well: not logged
    assert record_unanswered(reply("answer", 0.25, "and online?"), guides=("g",)) is None
    lines = (data_dir / "unanswered.jsonl").read_text(encoding="utf-8").splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first == {
        "time": "2026-03-01T12:00:00+00:00",
        "question": "how much do nurses earn",
        "kind": "decline",
        "confidence": 0.0,
        "score": None,
    }
    assert second["score"] == 3.25 and second["guides"] == ["g"]


def test_a_follow_up_is_logged_as_read_with_the_question_it_follows(data_dir):
    """ "and to canada?" alone is no question support staff can answer or export."""
    leaning = replace(
        reply("decline", 0.0, "and to canada?"),
        read_as="do you ship internationally? and to canada?",
    )
    assert record_unanswered(leaning) is None
    [line] = (data_dir / "unanswered.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["question"] == "do you ship internationally? and to canada?"


def test_a_conversation_reads_follow_ups_and_picks_with_the_turn_before():
    chat = Bot.load(KNOWLEDGE).conversation()
    assert chat.ask("what is the average salary?").read_as == ""
    alone = chat.ask("how long does it take?")  # "it", yet answered on its own
    assert alone.kind == "answer" and not alone.notes and alone.read_as == ""
    chat.ask("what is the average salary?")
    declined = chat.ask("and what about law school?")
    assert declined.kind == "decline"
    assert declined.read_as == "what is the average salary? and what about law school?"
    asked_back = chat.ask("requirements?")
    assert asked_back.kind == "clarify"
    picked = chat.ask("1")
    assert picked.asked == f"requirements? — {asked_back.choices[0]}"


def test_a_complaint_is_logged_as_its_answer_marked_not_helpful(data_dir):
    about = Complaint("what's the salary", ("faq/salary", "g/s/1"), ("Salary",))
    said = Reply("that's wrong", "Sorry...", "smalltalk", confidence=1.0, complaint=about)
    assert record_unanswered(said, guides=("g",)) is None
    assert record_unanswered(replace(said, complaint=None)) is None  # small talk: not logged
    [line] = (data_dir / "unanswered.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["kind"] == "feedback" and record["helpful"] is False
    assert record["question"] == "what's the salary" and record["comment"] == "that's wrong"
    assert record["sources"] == ["faq/salary", "g/s/1"] and record["sections"] == ["Salary"]
    assert record["guides"] == ["g"]


def test_a_complaint_opening_a_declined_question_logs_both(data_dir):
    about = Complaint("what's the salary", ("faq/salary",), ("Salary",), 0.8)
    said = Reply("that's wrong, what about nurses?", "...", "decline", complaint=about)
    assert record_unanswered(said) is None
    lines = (data_dir / "unanswered.jsonl").read_text(encoding="utf-8").splitlines()
    kinds = [json.loads(line)["kind"] for line in lines]
    assert kinds == ["feedback", "decline"]
    assert json.loads(lines[0])["confidence"] == 0.8


def test_the_env_var_turns_logging_off(data_dir, monkeypatch):
    monkeypatch.setenv("GUIDEBOT_NO_LOG", "1")
    assert logging_disabled()
    record_unanswered(reply("decline", 0.0))
    assert not (data_dir / "unanswered.jsonl").exists()


def test_an_unwritable_log_is_a_note_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GUIDEBOT_DATA_DIR", str(blocker))  # a file where a directory should be
    note = record_unanswered(reply("decline", 0.0))
    assert note and "could not write" in note


def test_read_log_skips_broken_lines_with_a_note(tmp_path):
    log = tmp_path / "log.jsonl"
    good = json.dumps({"time": "t", "question": "q", "kind": "decline", "confidence": 0})
    log.write_text(f"{good}\nnot json\n\n", encoding="utf-8")
    found, notes = read_log(log)
    assert [r.question for r in found] == ["q"] and notes == [f"{log}:2: not a log record, skipped"]
    assert read_log(tmp_path / "missing.jsonl") == ([], [])


def test_similar_questions_group_most_frequent_first():
    gaps = group_questions(
        records(
            "how much do nurses earn",
            "How much do nurses earn?",
            "how much do nurses earn in texas",
            "is there a dorm",
            "what is the weather in paris",
            "what is the weather in paris",
            "how much do nurses earn",
        )
    )
    assert [(g.question, g.count) for g in gaps] == [
        ("how much do nurses earn", 4),
        ("what is the weather in paris", 2),
        ("is there a dorm", 1),
    ]
    assert gaps[0].wordings[1:] == ("How much do nurses earn?", "how much do nurses earn in texas")
    assert group_questions(records("a b c", "x y z"), threshold=0)[0].count == 2


def test_questions_sharing_only_their_question_words_are_gaps_of_their_own():
    """A wording held in a longer one is not the same gap for that alone: what they share
    must be what they ask about, not "how much is it" (a support lead's export made these
    each other's alternates)."""
    gaps = group_questions(
        records(
            "thanks! and how much is it?",
            "how much is express and how long does it take?",
            "how long does same day take",
            "And will I get a refund? how long does that take?",
            "where can i park",
            "where can i hire a costume for a fancy dress party",
            "how much is same-day delivery?",
            "How much is same day delivery",
            "how much is the fee",  # a three-letter word can be all a question is about
            "how much is the tax",
            "is the gym free",
            "is the spa free",
        )
    )
    assert sorted(g.count for g in gaps) == [1] * 10 + [2]
    (same_day,) = [g for g in gaps if g.count == 2]
    assert same_day.wordings == ("How much is same day delivery", "how much is same-day delivery?")


def test_starter_faq_is_valid_yaml_that_check_refuses_until_answered(make_knowledge):
    gaps = group_questions(records("is there a dorm", "is there a dorm?", "can i bring a cat"))
    text = starter_faq(gaps, "log.jsonl")
    entries = yaml.safe_load(text)
    assert [e["answer"] for e in entries] == ["TODO", "TODO"]
    assert entries[0]["alternates"] == ["is there a dorm?"]
    assert "# asked 2 times" in text
    # off-topic questions are declined too: the entry says it may be deleted
    assert text.count("# declined: answer it if your knowledge should; if not, delete it") == 2
    root = make_knowledge({"guides/test.md": GUIDE, "faq/new.yaml": text})
    with pytest.raises(KnowledgeError, match=r"faq/new.yaml:\d+: the answer still says TODO"):
        load_knowledge(root)


# --- through the real CLI ----------------------------------------------------------------


def test_ask_logs_a_decline_and_gaps_lists_it(tmp_path):
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    for question in ("how much do nurses earn in texas", "how much do nurses earn"):
        assert guidebot("ask", question, env=env).returncode == 0
    guidebot("ask", "What's the average salary?", env=env)  # answered: not logged
    log = (tmp_path / "unanswered.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["question"] for line in log] == [
        "how much do nurses earn in texas",
        "how much do nurses earn",
    ]
    # The bundled scope.yaml says the guide does not cover other professions: no gap to fill.
    settled = guidebot("gaps", env=env)
    assert "note: 2 questions left out: your scope.yaml says the guides do not cover" in (
        settled.stdout
    )
    assert json.loads(guidebot("gaps", "--json", env=env).stdout)["out_of_scope"] == 2
    result = guidebot("gaps", "--all", env=env)
    assert result.returncode == 0, result.stderr
    assert (
        "2 unanswered questions (declined, or answered with little confidence or without the "
        "kind of answer asked) in 1 group " in result.stdout
    )
    assert "2×  how much do nurses earn" in result.stdout
    data = json.loads(guidebot("gaps", "--all", "--json", env=env).stdout)
    assert data["groups"][0]["count"] == 2
    assert "GUIDEBOT_NO_LOG" not in result.stdout


def test_gaps_says_when_logging_is_off_in_its_shell(tmp_path):
    """Else "no unanswered questions logged yet" reads as if nothing went wrong."""
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": "1"}
    assert guidebot("ask", "how much do nurses earn in texas", env=env).returncode == 0
    result = guidebot("gaps", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("note: GUIDEBOT_NO_LOG is set, so questions asked")
    assert "No unanswered questions logged yet" in result.stdout


def test_the_log_keeps_the_folder_asked_and_gaps_can_keep_to_one(tmp_path):
    """Two knowledge folders sharing a data directory: --knowledge lists (and would
    export) only what was asked of one; a record from before the folder was kept, of
    none."""
    data, other = tmp_path / "data", tmp_path / "other"
    other.mkdir()
    (other / "faq").mkdir()
    (other / "faq" / "a.yaml").write_text(
        "- id: hours\n  question: When is the library open?\n  answer: Nine to five.\n",
        encoding="utf-8",
    )
    env = {"GUIDEBOT_DATA_DIR": str(data), "GUIDEBOT_NO_LOG": ""}
    assert guidebot("ask", "can i bring my hamster to lectures", env=env).returncode == 0
    asked = guidebot("ask", "--knowledge", str(other), "who won the super bowl", env=env)
    assert asked.returncode == 0, asked.stderr
    log = data / "unanswered.jsonl"
    with log.open("a", encoding="utf-8") as old:
        old.write(json.dumps({"time": "2026-01-01T00:00:00+00:00", "question": "old one"}))
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert records[1]["knowledge"] == str(other.resolve())
    mine = json.loads(guidebot("gaps", "--json", "--knowledge", str(other), env=env).stdout)
    assert [g["question"] for g in mine["groups"]] == ["who won the super bowl"]
    every = json.loads(guidebot("gaps", "--json", env=env).stdout)
    assert len(every["groups"]) == 3
    bundled = str(KNOWLEDGE.resolve())
    assert every["knowledge_folders"] == {bundled: 1, str(other.resolve()): 1}
    listed = guidebot("gaps", env=env)
    assert "note: asked of 2 knowledge folders:" in listed.stdout
    assert f"{bundled} (1)" in listed.stdout
    assert "guidebot gaps --knowledge DIR --export" in listed.stdout
    mixed = guidebot("gaps", "--export", str(tmp_path / "new.yaml"), env=env)
    assert mixed.returncode == 2 and "--knowledge DIR" in mixed.stderr
    assert not (tmp_path / "new.yaml").exists()
    one = guidebot(
        "gaps", "--knowledge", str(other), "--export", str(tmp_path / "new.yaml"), env=env
    )
    assert one.returncode == 0 and (tmp_path / "new.yaml").exists()
    missing = guidebot("gaps", "--knowledge", str(tmp_path / "nope"), env=env)
    assert missing.returncode == 2 and "no such knowledge folder" in missing.stderr


def test_a_question_the_faq_now_has_an_entry_for_leaves_the_gaps(tmp_path):
    """Support staff export the gaps, answer one and move the file into faq/: that question
    is no gap any more (--all still lists it), while one still saying TODO, which keeps
    the knowledge from loading, leaves the others counted and stays a gap itself."""
    data, knowledge = tmp_path / "data", tmp_path / "kb"
    (knowledge / "faq").mkdir(parents=True)
    (knowledge / "faq" / "a.yaml").write_text(
        "- id: hours\n  question: When is the library open?\n  answer: Nine to five.\n",
        encoding="utf-8",
    )
    env = {"GUIDEBOT_DATA_DIR": str(data), "GUIDEBOT_NO_LOG": ""}
    for question in ("who won the super bowl", "can i borrow a ukulele"):
        asked = guidebot("ask", "--knowledge", str(knowledge), question, env=env)
        assert asked.returncode == 0, asked.stderr
    export = tmp_path / "new.yaml"
    assert guidebot("gaps", "--export", str(export), env=env).returncode == 0
    entries = yaml.safe_load(export.read_text(encoding="utf-8"))
    assert [e["question"] for e in entries] == [
        "Can I borrow a ukulele?",
        "Who won the super bowl?",
    ]
    entries[0]["answer"] = "Yes: ukuleles are lent for three weeks."
    (knowledge / "faq" / "new.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
    listed = guidebot("gaps", env=env)
    assert "note: 1 question left out: your FAQ now has an entry" in listed.stdout
    assert "super bowl" in listed.stdout and "ukulele" not in listed.stdout
    assert "ukulele" in guidebot("gaps", "--all", env=env).stdout
    data_out = json.loads(guidebot("gaps", "--json", env=env).stdout)
    assert data_out["filled_since"] == 1 and data_out["questions"] == 1


def test_an_exported_question_is_capitalised_and_asks():
    text = starter_faq(group_questions(records("can i bring my guide dog", "parking")), "l")
    questions = sorted(e["question"] for e in yaml.safe_load(text))
    assert questions == ["Can I bring my guide dog?", "Parking"]


def test_an_entry_written_with_an_apostrophe_fills_the_gap_typed_without():
    record = records("whats the notice period for swimming lessons")[0]
    record = replace(record, knowledge="kb")
    written = {"kb": ["What's the notice period for swimming lessons?"]}
    assert filled_since([record], written) == ([], [record])


def test_no_log_option_and_env_var_keep_the_log_empty(tmp_path):
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    guidebot("ask", "--no-log", "how much do nurses earn in texas", env=env)
    guidebot("ask", "how much do nurses earn", env={**env, "GUIDEBOT_NO_LOG": "1"})
    guidebot("ask", "--no-log", env=env, stdin="what about nurses in texas\n")
    assert not (tmp_path / "unanswered.jsonl").exists()
    result = guidebot("gaps", env=env)
    assert result.returncode == 0 and "No unanswered questions logged yet" in result.stdout


def test_gaps_export_writes_a_new_file_and_never_replaces_one(tmp_path):
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    (tmp_path / "unanswered.jsonl").write_text(
        "".join(json.dumps(r.to_dict()) + "\n" for r in records("is there a dorm", "any dorms?"))
    )
    target = tmp_path / "starter.yaml"
    result = guidebot("gaps", "--export", str(target), env=env)
    assert result.returncode == 0, result.stderr
    assert "answer: TODO" in result.stdout or "'answer: TODO'" in result.stdout
    assert yaml.safe_load(target.read_text(encoding="utf-8"))[0]["answer"] == "TODO"
    before = target.read_bytes()
    again = guidebot("gaps", "--export", str(target), env=env)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert target.read_bytes() == before
    wrong = guidebot("gaps", "--export", str(tmp_path / "x.txt"), env=env)
    assert wrong.returncode == 2 and "must end in .yaml" in wrong.stderr
    typo = tmp_path / "no-such-folder" / "starter.yaml"
    missing = guidebot("gaps", "--export", str(typo), env=env)
    assert missing.returncode == 2 and "no folder" in missing.stderr
    assert not typo.parent.exists()


def test_a_record_starts_on_a_fresh_line_after_a_half_written_one(tmp_path):
    from guidebot.quality.log import append_record, read_log

    log = tmp_path / "unanswered.jsonl"
    log.write_text('{"time": "t", "question": "cut sho', encoding="utf-8")  # a crash
    append_record(log, b'{"time": "t2", "question": "whole", "kind": "decline"}\n')
    records, notes = read_log(log)
    assert [r.question for r in records] == ["whole"] and len(notes) == 1


def test_a_record_that_does_not_fit_is_not_kept_in_part(tmp_path, monkeypatch, data_dir):
    import os

    from guidebot.quality import log

    path = tmp_path / "unanswered.jsonl"
    path.write_text('{"time": "t", "question": "earlier", "kind": "decline"}\n', encoding="utf-8")
    before = path.read_bytes()
    real_write = os.write
    monkeypatch.setattr(log.os, "write", lambda fd, data: real_write(fd, data[:10]))
    note = log.record_unanswered(reply("decline", 0.0, "is the dean nice"), path=path)
    assert note and "could not write" in note
    assert path.read_bytes() == before  # the ten bytes that did get written are gone again


# --- feedback on answers (from `guidebot api`) ---------------------------------------------


def feedback(
    question: str, helpful: bool, section: str = "Costs", comment: str = "", right: str = ""
) -> LogRecord:
    return LogRecord(
        "2026-02-01T10:00:00+00:00",
        question,
        FEEDBACK,
        0.8,
        helpful=helpful,
        sources=(f"g/{section.lower()}/1",),
        sections=(section,),
        comment=comment,
        right=(f"g/{right.lower()}/1",) if right else (),
        right_sections=(right,) if right else (),
    )


def test_feedback_is_one_whole_record_in_the_same_log(data_dir):
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    note = record_feedback(
        "what does it cost", False, ["g/costs/1"], ["Costs"], "I meant per year", 0.75, now=now
    )
    assert note is None
    record_unanswered(reply("decline", 0.0), now=now)
    lines = (data_dir / "unanswered.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {
        "time": "2026-03-01T12:00:00+00:00",
        "question": "what does it cost",
        "kind": "feedback",
        "confidence": 0.75,
        "score": None,
        "helpful": False,
        "sources": ["g/costs/1"],
        "sections": ["Costs"],
        "comment": "I meant per year",
    }
    assert "helpful" not in json.loads(lines[1])  # other records keep their shape
    found, notes = read_log(data_dir / "unanswered.jsonl")
    assert notes == [] and found[0].helpful is False and found[0].sections == ("Costs",)
    assert found[0].comment == "I meant per year" and found[1].helpful is None


def test_feedback_is_not_logged_when_logging_is_off(data_dir, monkeypatch):
    monkeypatch.setenv("GUIDEBOT_NO_LOG", "1")
    assert record_feedback("q", True) is None
    assert not (data_dir / "unanswered.jsonl").exists()


def test_split_feedback_separates_unanswered_from_unhelpful():
    log = [*records("is there a dorm"), feedback("cost?", False), feedback("cost?", True)]
    unanswered, unhelpful, helpful = split_feedback(log)
    assert [r.question for r in unanswered] == ["is there a dorm"]
    assert [r.question for r in unhelpful] == ["cost?"] and helpful == 1


def test_unhelpful_answers_group_with_what_they_answered_from():
    gaps = group_questions(
        [
            feedback("what does it cost", False, "Costs", "per year?"),
            feedback("What does it cost?", False, "Fees", "per\nyear?"),
            feedback("what does it cost", False, "Costs"),
            feedback("can i apply late", False, "Admission"),
        ]
    )
    assert [(g.question, g.count) for g in gaps] == [
        ("what does it cost", 3),
        ("can i apply late", 1),
    ]
    assert gaps[0].answered == ("Costs", "Fees") and gaps[0].sources[0] == "g/costs/1"
    assert gaps[0].comments == ("per year?",)  # one line each, the same said once
    assert gaps[0].to_dict()["answered"] == ["Costs", "Fees"]
    assert "answered" not in group_questions(records("is there a dorm"))[0].to_dict()


def test_the_starter_faq_says_what_unhelpful_answers_came_from(make_knowledge):
    gaps = group_questions([feedback("what does it cost", False, "Costs", "per\nyear: [x]")])
    text = starter_faq(gaps, "log.jsonl")
    assert "# marked not helpful; answered from: Costs" in text
    assert "# comment: per year: [x]" in text
    assert [e["question"] for e in yaml.safe_load(text)] == ["What does it cost?"]


def test_answers_from_several_sections_are_one_line(tmp_path):
    """A group whose answers came from two sections says so on one line in the starter
    FAQ export, not one "answered from" line per section."""
    gaps = group_questions(
        [
            feedback("what does it cost", False, "Costs"),
            feedback("what does it cost?", False, "Fees"),
        ]
    )
    text = starter_faq(gaps, "log.jsonl")
    assert text.count("answered from") == 1
    assert "# marked not helpful; answered from: Costs; Fees" in text or (
        "# marked not helpful; answered from: Fees; Costs" in text
    )


def test_gaps_lists_unhelpful_answers_beside_declines_and_exports_both(tmp_path):
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    log = [
        *records("is there a dorm", "is there a dorm?"),
        feedback("what does it cost", False, "Costs", "per year?", right="Fees"),
        feedback("what does it cost?", False, "Costs"),
        feedback("how long is it", True),
    ]
    (tmp_path / "unanswered.jsonl").write_text("".join(json.dumps(r.to_dict()) + "\n" for r in log))
    result = guidebot("gaps", env=env)
    assert result.returncode == 0, result.stderr
    assert (
        "2 unanswered questions (declined, or answered with little confidence or without the "
        "kind of answer asked) in 1 group " in result.stdout
    )
    assert "2 answers marked not helpful, in 1 group (1 marked helpful)" in result.stdout
    assert "2×  what does it cost" in result.stdout
    assert "answered from: Costs" in result.stdout and "comment: per year?" in result.stdout
    assert "should have answered: Fees" in result.stdout  # the source named with Ctrl+B
    data = json.loads(guidebot("gaps", "--json", env=env).stdout)
    assert data["questions"] == 2 and data["not_helpful_answers"] == 2
    assert data["not_helpful"][0]["answered"] == ["Costs"] and data["helpful_answers"] == 1
    assert data["not_helpful"][0]["right_sections"] == ["Fees"]
    target = tmp_path / "starter.yaml"
    assert guidebot("gaps", "--export", str(target), env=env).returncode == 0
    entries = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert [e["question"] for e in entries] == ["What does it cost?", "Is there a dorm?"]
    assert "# the right source, people said: Fees" in target.read_text(encoding="utf-8")


def test_a_deeply_nested_log_line_is_skipped_with_a_note(tmp_path):
    from guidebot.quality.log import read_log

    path = tmp_path / "unanswered.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    records, notes = read_log(path)
    assert records == [] and notes == [f"{path}:1: not a log record, skipped"]


def test_answers_marked_helpful_elsewhere_do_not_mix_the_export(tmp_path):
    """Only what gaps lists (and would export) counts as mixing folders: answers marked
    helpful in another folder are neither listed nor exported."""
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    mine, other = str(tmp_path / "mine"), str(tmp_path / "other")
    lines = [
        LogRecord("2026-01-01T10:00:00+00:00", "is there a dorm", "decline", 0.0, knowledge=mine),
        LogRecord(
            "2026-01-02T10:00:00+00:00", "salary?", FEEDBACK, 0.9, helpful=True, knowledge=other
        ),
    ]
    (tmp_path / "unanswered.jsonl").write_text(
        "".join(json.dumps(r.to_dict()) + "\n" for r in lines)
    )
    listed = json.loads(guidebot("gaps", "--json", env=env).stdout)
    assert listed["knowledge_folders"] == {mine: 1} and listed["helpful_answers"] == 1
    result = guidebot("gaps", "--export", str(tmp_path / "new.yaml"), env=env)
    assert result.returncode == 0, result.stderr


def test_gaps_says_what_each_group_got(tmp_path):
    """A group lists whether its questions were declined or answered with little confidence
    (which may be right already), so support staff know which to check first."""
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    log = [
        *records("is there a dorm"),
        LogRecord("2026-01-02T10:00:00+00:00", "is there a dorm?", "answer", 0.3),
        LogRecord("2026-01-03T10:00:00+00:00", "can i take out ten books", "answer", 0.2),
    ]
    (tmp_path / "unanswered.jsonl").write_text("".join(json.dumps(r.to_dict()) + "\n" for r in log))
    result = guidebot("gaps", env=env)
    assert result.returncode == 0, result.stderr
    groups = result.stdout.split("×  ")[1:]
    got = {g.splitlines()[0].split("   [")[0]: g for g in groups}
    assert "got: declined and a low-confidence answer" in got["is there a dorm"]
    assert "got: a low-confidence answer" in got["can i take out ten books"]
    assert "declined" not in got["can i take out ten books"]


def test_a_low_confidence_answer_is_logged_with_what_it_answered_from(data_dir):
    """Support staff triage a low-confidence answer by what it gave: the log keeps the
    quoted source's id and section, and gaps shows them with the lowest confidence."""
    record_unanswered(reply("answer", 0.25))
    record_unanswered(reply("answer", 0.09))
    record_unanswered(reply("decline", 0.0, "how much do nurses earn?"))
    logged, notes = read_log(data_dir / "unanswered.jsonl")
    assert not notes and logged[0].sources == ("g/s/1",) and logged[0].sections == ("S",)
    assert logged[2].sources == () and "sources" not in logged[2].to_dict()
    (gap,) = group_questions(logged)
    assert gap.answered == ("S",) and gap.sources == ("g/s/1",) and gap.confidence == 0.09
    assert gap.to_dict()["confidence"] == 0.09
    shown = guidebot("gaps", env={"GUIDEBOT_DATA_DIR": str(data_dir)}).stdout
    assert "got: declined and a low-confidence answer (confidence 0.09)" in shown
    assert "answered from: S" in shown


def test_a_question_both_unanswered_and_marked_not_helpful_is_exported_once(tmp_path):
    """An answer of little confidence that someone also marked not helpful is one gap to
    fill: one entry in the starter FAQ (not a second with "-2" that `guidebot check` warns
    about), saying both what it got and what people said."""
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    question = "can i take my mobility scooter on the bus"
    log = [
        LogRecord("2026-02-01T09:00:00+00:00", question, "answer", 0.43, sections=("E-scooters",)),
        feedback(question, False, "E-scooters", "that's the wrong answer"),
    ]
    (tmp_path / "unanswered.jsonl").write_text("".join(json.dumps(r.to_dict()) + "\n" for r in log))
    target = tmp_path / "starter.yaml"
    assert guidebot("gaps", "--export", str(target), env=env).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert [e["question"] for e in yaml.safe_load(text)] == [
        "Can I take my mobility scooter on the bus?"
    ]
    assert "# answered with confidence 0.43 from: E-scooters" in text
    assert "# marked not helpful; answered from: E-scooters" in text
    assert "# comment: that's the wrong answer" in text


HOSTILE = "\x1b[2Jwhat \u202eis\u200b the\x00 fee\x1b]0;owned\x07?"


def test_the_log_keeps_no_control_characters_in_or_out(tmp_path):
    """The web server logs anyone's feedback: escape sequences, a right-to-left override
    and zero-width characters are dropped on the way in, and a log written before (or by
    hand) gives none back, so neither `gaps` nor its export carries them."""
    from guidebot.quality.log import read_log, record_feedback

    log = tmp_path / "unanswered.jsonl"
    assert record_feedback(HOSTILE, False, comment="bad\x1b[31m one", path=log) is None
    written = json.loads(log.read_text(encoding="utf-8"))
    assert (written["question"], written["comment"]) == ("what is the fee?", "bad one")
    older = {"time": "2026-01-01T10:00:00+00:00", "question": HOSTILE, "kind": "decline"}
    with log.open("a", encoding="utf-8") as file:  # as an older version wrote it
        file.write(json.dumps(older, ensure_ascii=False) + "\n")
    records, notes = read_log(log)
    assert not notes and [r.question for r in records] == ["what is the fee?"] * 2
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    listed = guidebot("gaps", "--json", env=env).stdout
    assert "\u202e" not in listed and "\\u001b" not in listed and "\\u202e" not in listed
    target = tmp_path / "new.yaml"
    assert guidebot("gaps", "--export", str(target), env=env).returncode == 0
    assert all(ch.isprintable() or ch == "\n" for ch in target.read_text(encoding="utf-8"))


def test_a_data_folder_that_is_a_file_is_named_as_one(tmp_path):
    """GUIDEBOT_DATA_DIR naming a file: gaps said "No unanswered questions logged yet" and
    ask's note said only "File exists"."""
    data = tmp_path / "data"
    data.write_text("not a folder")
    env = {"GUIDEBOT_DATA_DIR": str(data), "GUIDEBOT_NO_LOG": ""}
    listed = guidebot("gaps", env=env)
    assert listed.returncode == 2 and f"{data} is a file, not a folder" in listed.stderr
    asked = guidebot("ask", "zzkq blorp", env=env)
    assert f"{data} is a file, not a folder" in asked.stderr


def test_an_answer_lacking_the_kind_asked_is_logged_whatever_its_confidence(data_dir):
    """ "how much is a service" answered in full words from a section that states no price
    (confidence 1.0) is kept for review, and gaps says what it lacked; an answer giving a
    price, or to a question asking for none, is not."""
    unpriced = reply("answer", 1.0, "how much is a service", "We mend punctures and gears.")
    assert is_unanswered(unpriced)
    assert not is_unanswered(reply("answer", 1.0, "how much is a service", "It costs £45."))
    assert not is_unanswered(reply("answer", 1.0, "do you mend punctures", "We mend them."))
    record_unanswered(unpriced)
    (logged,), notes = read_log(data_dir / "unanswered.jsonl")
    assert not notes and logged.lacks == "price" and logged.to_dict()["lacks"] == "price"
    (gap,) = group_questions([logged])
    assert gap.lacks == ("price",) and gap.to_dict()["lacks"] == ["price"]
    assert "# the answer gave no price" in starter_faq([gap], "the log")
    shown = guidebot("gaps", env={"GUIDEBOT_DATA_DIR": str(data_dir)}).stdout
    assert "got: an answer giving no price (confidence 1.00)" in shown


SERVICES = {
    "guides/repairs.md": REPAIRS_GUIDE,
}


def test_ask_logs_an_answer_giving_no_price_and_gaps_says_so(tmp_path, make_knowledge):
    """Through the real command line: a price question answered from a section that gives
    none is in the log with what it lacked, and `guidebot gaps` lists it so."""
    env = {"GUIDEBOT_DATA_DIR": str(tmp_path), "GUIDEBOT_NO_LOG": ""}
    knowledge = str(make_knowledge(SERVICES))
    asked = json.loads(
        guidebot("ask", "--knowledge", knowledge, "--json", "how much is a service", env=env).stdout
    )
    assert asked["kind"] == "answer" and asked["sources"][0]["section"] == "Services we offer"
    guidebot("ask", "--knowledge", knowledge, "do you mend punctures", env=env)  # not logged
    (line,) = (tmp_path / "unanswered.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["lacks"] == "price"
    shown = guidebot("gaps", env=env).stdout
    assert "1×  how much is a service" in shown and "got: an answer giving no price" in shown


def test_a_lack_read_back_must_be_one_the_log_writes(tmp_path):
    """A hand-edited or foreign `lacks` (not a kind lacking.NAMES has, or on a decline) is
    read as none, so gaps never prints it; a low-confidence answer and one lacking a
    price in one group are listed as two things, not one."""
    lines = [
        {
            "time": "2026-01-01T10:00:00+00:00",
            "question": "how much is a service",
            "kind": "answer",
            "confidence": 1.0,
            "lacks": "price",
        },
        {
            "time": "2026-01-02T10:00:00+00:00",
            "question": "how much is a service?",
            "kind": "answer",
            "confidence": 0.3,
        },
        {
            "time": "2026-01-03T10:00:00+00:00",
            "question": "how much is a repair",
            "kind": "answer",
            "confidence": 1.0,
            "lacks": {"k": 1},
        },
        {
            "time": "2026-01-04T10:00:00+00:00",
            "question": "how much is a wheel",
            "kind": "decline",
            "confidence": 0.0,
            "lacks": "price",
        },
    ]
    (tmp_path / "unanswered.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    logged, notes = read_log(tmp_path / "unanswered.jsonl")
    assert not notes and [r.lacks for r in logged] == ["price", "", "", ""]
    shown = guidebot("gaps", env={"GUIDEBOT_DATA_DIR": str(tmp_path)}).stdout
    assert "a low-confidence answer (confidence 0.30) and an answer giving no price" in shown
    assert "{'k': 1}" not in shown and shown.count("giving no") == 1
