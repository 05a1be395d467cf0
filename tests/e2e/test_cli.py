"""End-to-end through the real `guidebot` console script."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import KNOWLEDGE, run_guidebot

SALARY_SECTION = (
    "What is the average salary for professionals with an AI Master's degree "
    "working in manufacturing?"
)


def guidebot(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return run_guidebot(*args, stdin=stdin, env=env)


def ingested(tmp_path: Path, name: str, text: str) -> str:
    """A knowledge folder made by `guidebot ingest` from one file of that name and text."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    kb = str(tmp_path / "kb")
    assert run_guidebot("ingest", "--knowledge", kb, str(source)).returncode == 0
    return kb


def asked_json(kb: str, lines: str) -> list[dict]:
    """The JSON replies of `guidebot ask --json` to lines of standard input (one turn each)."""
    asked = run_guidebot("ask", "--json", "--no-log", "--knowledge", kb, stdin=f"{lines}\n")
    return [json.loads(line) for line in asked.stdout.splitlines()]


def test_ask_prints_answer_with_citations():
    result = guidebot("ask", "What's the average salary?")
    assert result.returncode == 0, result.stderr
    assert "$145,000" in result.stdout
    assert (
        f"[1] 2026 AI Master's Degree Careers in Manufacturing › {SALARY_SECTION}" in result.stdout
    )


def test_ask_json_has_the_documented_shape():
    result = guidebot("ask", "--json", "--top", "2", "how much does the programme cost")
    data = json.loads(result.stdout)
    assert set(data) >= {"question", "answer", "abstained", "confidence", "kind", "sources"}
    assert data["kind"] == "answer" and data["abstained"] is False
    assert len(data["sources"]) == 2
    keys = {"id", "guide", "section", "headings", "question", "text", "score"}
    assert set(data["sources"][0]) == keys
    assert data["sources"][0]["headings"][-1] == data["sources"][0]["section"]
    assert data["sources"][0]["section"].startswith("How long does it take to complete")


def test_stdin_is_one_conversation_per_block_with_new_separating_them():
    lines = "How long does the degree take?\nand what does it cost?\n/new\nand what does it cost?\n"
    result = guidebot("ask", "--json", stdin=lines)
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(replies) == 3
    assert any(n.startswith("Taking this as") for n in replies[1]["notes"]) or replies[1]["sources"]
    assert not any(n.startswith("Taking this as") for n in replies[2]["notes"])


def test_stdin_clarify_reports_choices_in_json():
    result = guidebot("ask", "--json", stdin="what are the requirements?\n")
    reply = json.loads(result.stdout)
    assert reply["kind"] == "clarify" and len(reply["choices"]) >= 2


def test_markdown_format_is_paste_ready():
    result = guidebot("ask", "--format", "markdown", "What's the average salary?")
    assert "Sources:\n- [1] *2026 AI Master's Degree Careers in Manufacturing*" in result.stdout
    assert "\x1b[" not in result.stdout


def test_decline_is_plain_and_honest():
    result = guidebot("ask", "--json", "how much do nurses earn in texas")
    data = json.loads(result.stdout)
    assert data["kind"] == "decline" and data["abstained"] is True and data["sources"] == []


def test_knowledge_option_and_environment_variable(make_knowledge):
    root = make_knowledge(
        {"faq/a.yaml": "- question: Is the course online?\n  answer: Yes, entirely online.\n"}
    )
    by_option = guidebot("ask", "--knowledge", str(root), "is it online?")
    by_env = guidebot("ask", "is it online?", env={"GUIDEBOT_KNOWLEDGE": str(root)})
    assert "entirely online" in by_option.stdout and "entirely online" in by_env.stdout


def test_broken_knowledge_exits_2_with_file_and_line(make_knowledge):
    root = make_knowledge({"faq/a.yaml": "- question: q\n  answer: a\n- question: [oops\n"})
    result = guidebot("ask", "--knowledge", str(root), "hello")
    assert result.returncode == 2
    assert f"{root}/faq/a.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_a_broken_edit_is_answered_from_the_knowledge_as_it_last_loaded(make_knowledge):
    root = make_knowledge(
        {"faq/a.yaml": "- question: Is the course online?\n  answer: Yes, entirely online.\n"}
    )
    earlier = time.time() - 60  # files changed a moment ago are not snapshotted
    os.utime(root / "faq" / "a.yaml", (earlier, earlier))
    assert guidebot("ask", "--knowledge", str(root), "is it online?").returncode == 0
    bad = root / "faq" / "b.yaml"
    bad.write_text("- question: [oops\n", encoding="utf-8")
    os.utime(bad, (earlier, earlier))
    result = guidebot("ask", "--knowledge", str(root), "is it online?")
    assert result.returncode == 0 and "entirely online" in result.stdout
    assert f"{bad}:1: " in result.stderr and "last loaded cleanly" in result.stderr
    assert f"guidebot check {root}" in result.stderr
    assert guidebot("check", str(root)).returncode == 2  # checking reads the files as they are


def test_missing_knowledge_directory_exits_2(tmp_path: Path):
    result = guidebot("ask", "--knowledge", str(tmp_path / "missing"), "hi")
    assert result.returncode == 2 and "knowledge directory not found" in result.stderr


def test_check_clean_and_broken(make_knowledge):
    clean = guidebot("check", str(KNOWLEDGE))
    assert clean.returncode == 0 and "OK" in clean.stdout
    root = make_knowledge({"faq/a.yaml": "- question: q\n", "faq/b.yaml": "- answer: a\n"})
    broken = guidebot("check", str(root))
    assert broken.returncode == 2
    assert broken.stderr.count("is missing") == 2
    named = guidebot("check", "--knowledge", str(root))  # as every other command names it
    assert named.returncode == 2 and named.stderr.count("is missing") == 2
    both = guidebot("check", str(KNOWLEDGE), "--knowledge", str(root))
    assert both.returncode == 2 and "once" in both.stderr and "Traceback" not in both.stderr
    same = guidebot("check", str(root), "--knowledge", f"{root}/")  # one folder, named twice
    assert same.returncode == 2 and same.stderr.count("is missing") == 2


@pytest.mark.parametrize("bad", ["--top=0", "--top=x"])
def test_bad_options_are_usage_errors(bad):
    result = guidebot("ask", bad, "salary")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_eval_reports_and_enforces_floor(tmp_path: Path):
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- id: s1\n  q: average salary?\n"
        "  section: ai-masters-manufacturing/what-is-the-average-salary-for\n"
        "- id: d1\n  q: how much do nurses earn in texas\n  expect: decline\n",
        encoding="utf-8",
    )
    result = guidebot("eval", str(cases), "--json")
    report = json.loads(result.stdout)
    assert report["top1"] == 1.0 and report["decline_recall"] == 1.0
    missing = tmp_path / "bad.yaml"
    missing.write_text("- id: x\n  q: hi\n  section: no/such-section\n", encoding="utf-8")
    assert guidebot("eval", str(missing)).returncode == 2


def test_stdin_conversation_covers_every_kind_of_turn():
    lines = [
        "hi",
        "whats the salry for ai grads",
        "and early in a career?",
        "what are the requirements?",
        "admission",
        "how much do nurses earn in texas",
        "what's the salary of AI master's grads in texas",
        "/new",
        "thanks!",
    ]
    result = guidebot("ask", "--json", stdin="\n".join(lines) + "\n")
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [r["kind"] for r in replies]
    assert kinds == [
        "smalltalk",
        "answer",
        "answer",
        "clarify",
        "answer",
        "decline",
        "decline",
        "smalltalk",
    ]
    assert "Read 'salry' as 'salary'." in replies[1]["notes"]
    assert replies[4]["sources"][0]["section"].startswith("What are the admission requirements")
    assert replies[5]["abstained"] and replies[5]["suggestions"]
    assert "(texas)" in replies[6]["answer"] and replies[6]["suggestions"]


def test_markdown_batch_separates_replies():
    result = guidebot("ask", "--format", "markdown", stdin="salary?\n/new\ncost?\n")
    assert result.stdout.count("Sources:") == 2


@pytest.mark.parametrize("text", ["thnaks", "thanx", "tnx", "hii"])
def test_misspelt_thanks_and_greetings_are_small_talk(text):
    result = run_guidebot("ask", "--json", "--no-log", text)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["kind"] == "smalltalk"


def test_an_imported_borrowing_faq_declines_what_it_does_not_lend(tmp_path: Path):
    """Issue 14's borrowing FAQ, brought in by `guidebot ingest` from a spreadsheet export."""
    kb = ingested(
        tmp_path,
        "loans.csv",
        "question,answer\n"
        'Can I borrow a projector?,"Yes. Projectors are booked at the front desk."\n'
        "Can I borrow a camera?,Cameras are lent for a week with a student card.\n"
        "Can I borrow a tripod?,Tripods are lent out for two days.\n"
        "Can I borrow a headset?,Headsets are lent at the media desk for a day.\n",
    )
    book, tripod = asked_json(kb, "Can I borrow a book?\ncan i borrow a tripod")
    assert book["kind"] == "decline"
    assert tripod["kind"] == "answer" and tripod["sources"][0]["id"] == "faq/can-i-borrow-a-tripod"


LIBRARY = """# Riverside Library Help

Riverside Library is open to everyone who lives or works in the town.

## Volunteering

Around forty volunteers help us with reading groups, computer help sessions and shelving.
You must be 14 or older. Ask at the counter for a volunteer form.

## Opening Hours

We open Monday to Saturday from 9am to 6pm and close on Sundays.
"""


def test_an_answer_holding_few_of_the_questions_words_names_those_it_lacks(tmp_path: Path):
    """An answer under half the question's words says which telling ones its passage lacks
    (dialogue/compose.py), in the text and JSON alike; one holding them says nothing."""
    kb = ingested(tmp_path, "library.md", LIBRARY)
    food_bank, volunteer = asked_json(
        kb, "can i volunteer at the food bank\n/new\nhow do i become a volunteer"
    )
    assert food_bank["kind"] == volunteer["kind"] == "answer"
    note = "This passage does not mention 'food' or 'bank'; check that it answers what you asked."
    assert food_bank["notes"] == [note]
    assert volunteer["notes"] == []
    text = run_guidebot("ask", "--no-log", "--knowledge", kb, "can i volunteer at the food bank")
    assert f"({note})" in text.stdout


def test_a_question_about_something_else_is_not_acknowledged_as_small_talk():
    result = run_guidebot("ask", "--json", "--no-log", "Is the dean nice?")
    assert json.loads(result.stdout)["kind"] == "decline"


def test_a_number_question_after_asking_back_is_a_new_question():
    result = run_guidebot("ask", "--json", "--no-log", stdin="requirements?\n2 years part time?\n")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["kind"] == "clarify"
    assert second["kind"] == "answer" and "How long" in second["sources"][0]["section"]


@pytest.mark.parametrize(
    ("question", "env"),
    [("quality control?", {}), ("predictive maintenance?", {"GUIDEBOT_SEMANTIC": "0"})],
)
def test_a_two_word_vague_question_is_answered_with_see_also(question, env):
    # (The word vectors find "predictive maintenance?" clear: its entry, no see-also.)
    result = run_guidebot("ask", "--json", "--no-log", question, env=env)
    reply = json.loads(result.stdout)
    assert reply["kind"] == "answer" and reply["see_also"]
    text = run_guidebot("ask", "--no-log", question, env=env).stdout
    assert "See also: " + reply["see_also"][0] in text


def test_an_alternate_of_stop_words_only_is_answered_by_its_entry():
    result = run_guidebot("ask", "--json", "--no-log", "what would i actually do")
    reply = json.loads(result.stdout)
    assert reply["kind"] == "answer" and reply["sources"][0]["id"] == "faq/jobs-and-roles"


def test_a_ruled_out_topic_does_not_drive_the_answer_end_to_end():
    question = "I don't care about salary, how long does the degree take?"
    reply = json.loads(run_guidebot("ask", "--json", "--no-log", question).stdout)
    assert reply["kind"] == "answer" and "How long" in reply["sources"][0]["section"]


def test_a_sub_heading_is_cited_under_its_parent():
    question = "How is artificial intelligence changing quality control in manufacturing?"
    reply = json.loads(run_guidebot("ask", "--json", "--no-log", question).stdout)
    first = reply["sources"][0]
    assert first["section"] == question
    assert first["headings"] == [
        "Other Things You Should Know About Artificial Intelligence",
        question,
    ]
    text = run_guidebot("ask", "--no-log", question).stdout
    assert f"Other Things You Should Know About Artificial Intelligence › {question}" in text
    markdown = run_guidebot("ask", "--no-log", "--format", "markdown", question).stdout
    assert f"Other Things You Should Know About Artificial Intelligence › {question}" in markdown


def test_two_questions_are_answered_each_with_its_citation_in_every_format():
    question = "what's the salary and how long does the program take?"
    reply = json.loads(run_guidebot("ask", "--json", "--no-log", question).stdout)
    salary, duration = reply["parts"]
    assert reply["kind"] == "answer" and reply["sources"] == salary["sources"] + duration["sources"]
    assert salary["sources"][0]["section"] == SALARY_SECTION
    later = len(salary["sources"]) + 1
    text = run_guidebot("ask", "--no-log", question).stdout
    assert text.index("› what's the salary") < text.index("[1]") < text.index("› how long")
    assert f"{duration['answer'].splitlines()[-1]} [{later}]" in text
    assert f"  [{later}] 2026 AI Master's Degree Careers in Manufacturing › How long" in text
    markdown = run_guidebot("ask", "--no-log", "--format", "markdown", question).stdout
    assert f"{duration['answer'].splitlines()[-1]} [{later}]" in markdown
    assert f"\n- [{later}] *2026 AI Master's Degree Careers in Manufacturing*" in markdown


def test_ask_with_a_model_answers_and_a_bad_model_is_a_message(tiny_model_dir, tmp_path):
    done = run_guidebot("ask", "--json", "--model", str(tiny_model_dir), "average salary?")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sources"]
    not_a_model = tmp_path / "empty"
    not_a_model.mkdir()
    done = run_guidebot("ask", "--model", str(not_a_model), "average salary?")
    assert done.returncode == 2 and "not a model directory" in done.stderr
    assert "Traceback" not in done.stderr
    done = run_guidebot("ask", "average salary?", env={"GUIDEBOT_MODEL": str(not_a_model)})
    assert done.returncode == 2 and "GUIDEBOT_MODEL" in done.stderr
    off = {"GUIDEBOT_MODEL": str(not_a_model), "GUIDEBOT_SEMANTIC": "0"}
    assert run_guidebot("ask", "average salary?", env=off).returncode == 0
    # --model asks for a model: when the switch turns it off, that is said, not silent.
    done = run_guidebot("ask", "--model", str(not_a_model), "average salary?", env=off)
    assert done.returncode == 0 and "--model is not used" in done.stderr
    assert "--model" not in run_guidebot("ask", "average salary?", env=off).stderr


def test_ask_and_eval_with_the_builtin_word_vectors(tmp_path):
    """`--model builtin` needs no extra and no model files: the word vectors ship with
    guidebot. A damaged table named by path is a message, not a traceback."""
    done = run_guidebot("ask", "--json", "--no-log", "--model", "builtin", "average salary?")
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply["kind"] == "answer"
    assert reply["sources"][0]["section"].startswith("What is the average salary")
    env = {"GUIDEBOT_MODEL": "builtin"}
    done = run_guidebot("eval", "--json", "tests/eval/heldout.yaml", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["top1"] > 0.8
    broken = tmp_path / "vectors"
    broken.mkdir()
    (broken / "word-vectors.npz").write_bytes(b"PK\x03\x04 cut short")
    done = run_guidebot("ask", "--model", str(broken), "average salary?")
    assert done.returncode == 2 and "not a word-vector table" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_of_a_file_says_it_takes_a_folder(tmp_path):
    faq = tmp_path / "new.yaml"
    faq.write_text("- question: q\n  answer: a\n", encoding="utf-8")
    result = run_guidebot("check", str(faq))
    assert result.returncode == 2 and "a file, not a knowledge folder" in result.stderr
    assert f"guidebot ingest --knowledge DIR {faq}" in result.stderr  # no dead end
    missing = run_guidebot("ask", "--knowledge", str(tmp_path / "nope"), "hi")
    assert missing.returncode == 2 and "guidebot check" not in missing.stderr


def test_the_command_asks_blas_for_one_thread_unless_told_otherwise():
    """A BLAS thread per core makes a small answer wait on a busy machine (README); what
    the person set is kept."""
    from guidebot.cli.main import single_threaded_blas

    environ = {"MKL_NUM_THREADS": "4"}
    single_threaded_blas(environ)
    assert environ == {"MKL_NUM_THREADS": "4", "OPENBLAS_NUM_THREADS": "1"}


def test_an_faq_source_names_its_own_question_beside_its_section():
    """An FAQ entry cites the guide section it belongs to; its own question is a field, so
    a front end or a script scoring answers need not read it out of the answer text."""
    result = run_guidebot("ask", "--json", "--no-log", "what's the average salary")
    reply = json.loads(result.stdout)
    kinds = {s["id"].startswith("faq/"): s for s in reply["sources"]}
    faq, guide = kinds[True], kinds[False]
    assert faq["question"] and faq["question"] != faq["section"]
    assert faq["question"] in reply["answer"]
    assert guide["question"] == ""


def test_an_imported_guides_numbered_steps_and_bullets_are_answered_as_a_list(tmp_path: Path):
    """Steps and bullets brought in from Markdown come back one to a line, numbered as the
    source numbers them, in the terminal and in the answer a script reads."""
    kb = ingested(
        tmp_path,
        "club.md",
        "# Bike Club Guide\n\n## Joining the club\n\nTo join, follow these steps:\n\n"
        "1. Fill in the online form.\n2. Pay the yearly fee of 30 pounds.\n"
        "3. Collect your card at the front desk.\n\nMembers get these perks:\n\n"
        "- free tyre checks\n- ten percent off parts\n\n## Lost cards\n\n"
        "Tell the front desk and we print a new card for 5 pounds.\n",
    )
    shown = run_guidebot("ask", "--no-log", "--knowledge", kb, "how do i join the club")
    assert shown.returncode == 0, shown.stderr
    assert "follow these steps:\n1. Fill in the online form.\n2. Pay the yearly fee" in shown.stdout
    assert "perks:\n- free tyre checks\n- ten percent off parts" in shown.stdout
    asked = run_guidebot("ask", "--json", "--no-log", "--knowledge", kb, "two steps to join?")
    answer = json.loads(asked.stdout)["answer"]
    assert "\n3. Collect your card" in answer


def test_an_imported_guide_answers_questions_about_itself(tmp_path):
    """Nothing written for it: a summary asked for is read from the section headed as one,
    the guide's purpose from its opening, its date from its byline."""
    page = (
        "# Riverside Pool Guide\n\nBy the Leisure Team · Updated March 2026\n\n"
        "Everything about swimming at Riverside Pool: sessions, prices and lessons for "
        "every age.\n\n## Key Takeaways\n\n- Adults "
        "swim for £4.50.\n- Lessons start at age four.\n\n## Prices\n\nAn adult swim costs "
        "£4.50 and a child swim £2.80.\n\n## Lessons\n\nLessons run on Saturday mornings "
        "for children from age four.\n"
    )
    kb = ingested(tmp_path, "pool.md", page)
    result = guidebot(
        "ask",
        "--json",
        "--knowledge",
        kb,
        stdin="tl;dr?\n/new\nwho is this guide for?\n/new\nis this up to date?\n",
    )
    assert result.returncode == 0, result.stderr
    summary, purpose, dating = (json.loads(line) for line in result.stdout.splitlines())
    assert dating["kind"] == "smalltalk"
    assert dating["answer"] == "“Riverside Pool Guide” is dated March 2026."
    assert summary["kind"] == "answer"
    assert summary["sources"][0]["section"] == "Key Takeaways"
    assert purpose["kind"] == "answer"
    assert purpose["sources"][0]["section"] == "Riverside Pool Guide"


def test_ingest_without_files_finishes_an_interrupted_one(tmp_path: Path):
    """`guidebot check` refuses a folder whose ingest was killed while going live and names
    the command that finishes it; that command works with no file to bring in."""
    kb = ingested(tmp_path, "faq.csv", "question,answer\nWhen are you open?,From nine.\n")
    staged = Path(kb) / ".guidebot-staging-x" / "faq"
    staged.mkdir(parents=True)
    (staged / "gifts.yaml").write_text("- question: Gift cards?\n  answer: From ten pounds.\n")
    journal = {"staging": ".guidebot-staging-x", "files": ["faq/gifts.yaml"]}
    (Path(kb) / ".guidebot-ingest-journal.json").write_text(json.dumps(journal))
    refused = run_guidebot("check", kb)
    assert refused.returncode == 2
    assert f"finish it with `guidebot ingest --knowledge {kb}`" in refused.stderr
    finished = run_guidebot("ingest", "--knowledge", kb)
    assert finished.returncode == 0, finished.stderr
    assert (
        "finished the interrupted ingest" in finished.stdout and "2 FAQ entries" in finished.stdout
    )
    nothing = run_guidebot("ingest", "--knowledge", kb)
    assert nothing.returncode == 2 and "has no ingest to finish" in nothing.stderr


def test_eval_names_a_folder_and_a_floor_out_of_range_plainly():
    folder = guidebot("eval", "tests/eval")
    assert folder.returncode == 2 and "a folder; name an evaluation file" in folder.stderr
    floor = guidebot("eval", "tests/eval/dev.yaml", "--min-top1", "2")
    assert floor.returncode == 2 and "--min-top1 is a share from 0 to 1" in floor.stderr


def test_ingest_says_when_it_brought_files_into_the_bundled_guides_knowledge(tmp_path: Path):
    """Without --knowledge, a clone's ingest writes beside the bundled guide: said, with how
    to keep a knowledge base apart; a folder of one's own is not so named."""
    from guidebot.cli.ingest import next_steps
    from guidebot.knowledge.loader import load_knowledge
    from guidebot.locations import bundled_knowledge

    kb = load_knowledge(KNOWLEDGE)
    said = "\n".join(next_steps(bundled_knowledge(), kb))
    assert "the bundled guide's own knowledge" in said and "--knowledge DIR" in said
    assert "bundled guide's own" not in "\n".join(next_steps(tmp_path, kb))
