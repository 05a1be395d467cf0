"""The FAQ exports support staff have, end to end through the real command line: `guidebot
ingest` recognises each by its content and says so, `guidebot check` passes, and `guidebot
ask` answers a paraphrase from the right entry.

The fixtures are a made-up bike shop's FAQ. Binary inputs (Excel workbooks, zips, Excel's CSV
with its byte-order mark and CRLF) are made here from text rather than committed.
"""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from guidebot.ingest.pipeline import ingest
from tests.conftest import run_guidebot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def ingest_check_ask(target: Path, inputs: list[Path], question: str) -> tuple[str, dict]:
    """ingest -> check -> ask through the CLI; the ingest output and the reply as JSON."""
    result = run_guidebot("ingest", "--knowledge", str(target), *map(str, inputs))
    assert result.returncode == 0, result.stderr
    check = run_guidebot("check", str(target))
    assert check.returncode == 0 and "OK" in check.stdout, check.stdout + check.stderr
    ask = run_guidebot("ask", "--json", "--no-log", "--knowledge", str(target), question)
    assert ask.returncode == 0, ask.stderr
    return result.stdout, json.loads(ask.stdout)


def entries(path: Path) -> dict[str, dict]:
    return {entry["id"]: entry for entry in yaml.safe_load(path.read_text(encoding="utf-8"))}


def qna_zip(path: Path) -> Path:
    """A Custom Question Answering project export: the QnA TSV beside other files."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(FIXTURES / "qnamaker.tsv", "Wheelhouse FAQ.tsv")
        archive.writestr("Settings.tsv", "Name\tValue\nDefaultAnswer\tNo answer found\n")
        archive.writestr("readme.txt", "Exported for the front desk.\n")
    return path


def test_qna_maker_tsv_keeps_alternates_follow_ups_and_metadata(tmp_path):
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(target, [FIXTURES / "qnamaker.tsv"], "how much is a tune up")
    assert "/qnamaker.tsv as a QnA Maker export (4 entries, 3 alternates)" in out
    assert reply["sources"][0]["id"] == "faq/what-does-a-tune-up-cost"
    written = entries(target / "faq" / "qnamaker.yaml")
    booking = written["how-do-i-book-a-bike-service"]
    assert booking["alternates"] == ["can I get my bike serviced", "workshop appointment"]
    assert booking["answer"] == (
        "Book a service at the front desk or call the workshop.\n\n"
        "A basic tune-up takes two working days."
    )
    assert booking["follow_ups"] == ["what-does-a-tune-up-cost"]
    assert booking["metadata"] == {
        "category": "workshop",
        "audience": "public",
        "source": "Editorial",
    }
    cargo = written["do-you-rent-out-cargo-bikes"]
    assert cargo["follow_ups"] == [
        "is-a-deposit-needed-for-a-cargo-bike",
        "how-do-i-book-a-bike-service",
    ]
    assert cargo["answer"].endswith("a day:\n- a helmet is included\n- a child seat on request")
    assert written["is-a-deposit-needed-for-a-cargo-bike"]["metadata"]["context_only"] == "true"
    assert written["what-does-a-tune-up-cost"]["answer"].endswith(
        "see our price list (https://example.org/wheelhouse/prices)."
    )


def test_qna_maker_knowledge_base_as_json(tmp_path):
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(target, [FIXTURES / "qnamaker.json"], "how much is a tune up")
    assert "/qnamaker.json as a QnA Maker knowledge base (JSON) (3 entries, 3 alternates)" in out
    assert reply["sources"][0]["id"] == "faq/what-does-a-tune-up-cost"
    written = entries(target / "faq" / "qnamaker.yaml")
    booking = written["how-do-i-book-a-bike-service"]
    assert booking["alternates"] == ["can I get my bike serviced", "workshop appointment"]
    assert booking["answer"].endswith("\n\nA basic tune-up takes two working days.")
    assert booking["follow_ups"] == ["what-does-a-tune-up-cost"]
    assert booking["metadata"] == {
        "category": "workshop",
        "audience": "public",
        "source": "Editorial",
    }
    deposit = written["is-a-deposit-needed-for-a-cargo-bike"]
    assert deposit["metadata"] == {"source": "rentals.docx", "context_only": "true"}


def test_qna_maker_project_zip_is_read_as_it_is(tmp_path):
    target = tmp_path / "kb"
    archive = qna_zip(tmp_path / "wheelhouse-export.zip")
    out, reply = ingest_check_ask(
        target, [archive], "do I have to leave a deposit for a cargo bike"
    )
    assert "/wheelhouse-export.zip as a QnA Maker export (4 entries" in out
    assert reply["sources"][0]["id"] == "faq/is-a-deposit-needed-for-a-cargo-bike"
    assert entries(target / "faq" / "wheelhouse-export.yaml")["how-do-i-book-a-bike-service"][
        "follow_ups"
    ] == ["what-does-a-tune-up-cost"]


def test_excel_workbook_first_sheet_with_questions(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["Stock count is on Mondays."])
    sheet = book.create_sheet("FAQ")
    sheet.append(["Wheelhouse FAQ, spring edition"])  # a title row above the header
    sheet.append(["Question", "Answer", "Alternates"])
    sheet.append(
        [
            "How long does a wheel build take?",
            "A hand-built wheel takes a week:\n- three days for the parts\n- two days to build it",
            "wheel building time\ncustom wheel wait",
        ]
    )
    sheet.append(["Do you service suspension forks?", "Yes, a fork service costs 90 euros.", 12])
    book.save(tmp_path / "faq.xlsx")
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(
        target, [tmp_path / "faq.xlsx"], "how long will it take to build me a wheel"
    )
    assert "/faq.xlsx (sheet 'FAQ') as a question/answer table (2 entries, 3 alternates)" in out
    assert reply["sources"][0]["id"] == "faq/how-long-does-a-wheel-build-take"
    wheel = entries(target / "faq" / "faq.yaml")["how-long-does-a-wheel-build-take"]
    assert wheel["answer"].endswith("a week:\n- three days for the parts\n- two days to build it")
    assert wheel["alternates"] == ["wheel building time", "custom wheel wait"]


def test_csv_saved_by_excel_with_bom_crlf_and_semicolons(tmp_path):
    text = (
        "Question;Answer;Alternates\r\n"
        'How do I pump up a Presta valve?;"Unscrew the small nut at the tip first.\r\n'
        "\u2022 press the pump head on straight\r\n"
        '\u2022 pump to the pressure printed on the tyre";french valve pumping\r\n'
        "Can I borrow a track pump?;Yes, the track pump by the door is free for everyone.;\r\n"
    )
    table = tmp_path / "pumps.csv"
    table.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(target, [table], "how do you inflate a presta valve")
    assert "/pumps.csv as a question/answer table separated by semicolons (2 entries, 1" in out
    assert reply["sources"][0]["id"] == "faq/how-do-i-pump-up-a-presta-valve"
    assert entries(target / "faq" / "pumps.yaml")["how-do-i-pump-up-a-presta-valve"]["answer"] == (
        "Unscrew the small nut at the tip first.\n"
        "- press the pump head on straight\n"
        "- pump to the pressure printed on the tyre"
    )


def test_headerless_two_column_csv_merges_rows_with_one_answer(tmp_path):
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(
        target, [FIXTURES / "dialogflow-faq.csv"], "where should I lock up my bike"
    )
    assert "as a headerless question,answer table" in out and "(2 entries, 1 alternate)" in out
    assert reply["sources"][0]["id"] == "faq/where-can-i-lock-my-bike-while-i-shop"
    lock = entries(target / "faq" / "dialogflow-faq.yaml")["where-can-i-lock-my-bike-while-i-shop"]
    assert lock["alternates"] == ["Is there a place to lock my bike?"]


def test_amazon_qnabot_export(tmp_path):
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(
        target, [FIXTURES / "qnabot.json"], "what does an electric bike cost to hire"
    )
    assert "/qnabot.json as an Amazon QnABot export (2 entries, 2 alternates)" in out
    assert "left out items that are not questions: 1 of type 'quiz'" in out
    assert reply["sources"][0]["id"] == "faq/rental-ebike"
    written = entries(target / "faq" / "qnabot.yaml")
    assert written["rental-ebike"]["metadata"] == {"qid": "Rental.Ebike", "topic": "rentals"}
    assert "metadata" not in written["kids-saturday"]  # the qid is the id as it stands
    assert written["rental-ebike"]["answer"].endswith(
        "See the rental terms (https://example.org/wheelhouse/terms)."
    )


def test_rasa_nlu_and_domain_given_together(tmp_path):
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(
        target,
        [FIXTURES / "rasa-nlu.yml", FIXTURES / "rasa-domain.yml"],
        "can I swap my old bike for credit on a new one",
    )
    assert "/rasa-nlu.yml with rasa-domain.yml as Rasa retrieval intents (2 entries" in out
    assert "left out intents that are not retrieval intents: greet" in out
    assert reply["sources"][0]["id"] == "faq/can-i-trade-in-my-old-bike"
    gifts = entries(target / "faq" / "rasa-nlu.yaml")["do-you-sell-gift-cards"]
    assert gifts["alternates"] == ["can I buy a voucher for a friend", "gift voucher"]
    assert gifts["metadata"] == {"intent": "faq/gift_cards"}


def test_rasa_file_with_examples_and_responses(tmp_path):
    result = ingest([FIXTURES / "rasa-both.yml"], tmp_path / "kb")
    (entry,) = result.kb.faqs
    assert (entry.id, entry.alternates) == (
        "do-you-fit-bike-lights",
        ("can you put lights on my bike",),
    )
    assert result.notes[0] == (
        f"read {FIXTURES / 'rasa-both.yml'} as Rasa retrieval intents (1 entry, 1 alternate)"
    )


def test_dialogflow_agent_folder(tmp_path):
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(
        target, [FIXTURES / "dialogflow-agent"], "when is the bike shop open"
    )
    assert "/dialogflow-agent as a Dialogflow ES agent (1 entry, 2 alternates)" in out
    assert "left out intents without a text response: Order Status" in out
    assert "left out fallback intents: Default Fallback Intent" in out
    assert reply["sources"][0]["id"] == "faq/what-are-your-opening-hours"
    hours = entries(target / "faq" / "dialogflow-agent.yaml")["what-are-your-opening-hours"]
    assert hours["alternates"] == ["are you open on saturday", "when does the bike shop close"]
    assert hours["answer"].startswith("The shop opens at nine")  # not the Facebook copy


def test_dialogflow_agent_zip_reads_like_its_folder(tmp_path):
    archive = tmp_path / "Wheelhouse.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted((FIXTURES / "dialogflow-agent").rglob("*.json")):
            relative = path.relative_to(FIXTURES / "dialogflow-agent").as_posix()
            out.write(path, f"Wheelhouse/{relative}")  # exports often have a top folder
    from_zip = ingest([archive], tmp_path / "a").kb.faqs
    from_folder = ingest([FIXTURES / "dialogflow-agent"], tmp_path / "b").kb.faqs
    assert [(f.id, f.question, f.answer, f.alternates) for f in from_zip] == [
        (f.id, f.question, f.answer, f.alternates) for f in from_folder
    ]


def test_a_question_with_two_answers_is_a_warning_naming_both_lines(tmp_path):
    result = run_guidebot(
        "ingest", "--knowledge", str(tmp_path / "kb"), str(FIXTURES / "two-answers.csv")
    )
    assert result.returncode == 0, result.stderr
    assert (
        "warning: " + str(FIXTURES / "two-answers.csv") + ":4: the question 'When do you open "
        "on Sundays?' has two answers (lines 2 and 4); kept the first"
    ) in result.stdout
    kept = entries(tmp_path / "kb" / "faq" / "two-answers.yaml")["when-do-you-open-on-sundays"]
    assert kept["answer"] == "We open from ten to four on Sundays."


@pytest.mark.parametrize("name", ["faq-plain.csv", "faq.tsv", "faq.json", "faq.yaml"])
def test_the_formats_that_were_there_say_what_they_were_read_as(tmp_path, name):
    result = ingest([FIXTURES / name], tmp_path / "kb")
    assert result.notes[0].startswith(f"read {FIXTURES / name} as a ")


def test_a_zip_or_workbook_is_recognised_whatever_its_name(tmp_path):
    disguised = tmp_path / "faq-export.csv"  # a zip, whatever its name says
    disguised.write_bytes(qna_zip(tmp_path / "export.zip").read_bytes())
    result = ingest([disguised], tmp_path / "kb")
    assert "as a QnA Maker export" in result.notes[0]
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["question", "answer"])
    book.active.append(["Do you sell inner tubes?", "Yes, for every common wheel size."])
    book.save(buffer)
    (tmp_path / "tubes.zip").write_bytes(buffer.getvalue())
    result = ingest([tmp_path / "tubes.zip"], tmp_path / "kb2")
    assert result.notes[0].startswith(
        f"read {tmp_path / 'tubes.zip'} (sheet 'Sheet') as a question/answer table"
    )


def test_a_spreadsheets_category_column_is_kept_as_metadata_and_the_notes_name_the_path(
    tmp_path,
):
    """A help desk's export has columns guidebot does not read (a Category): nothing of it is
    lost, and every note names the file as given, as `file:line` problems do."""
    book = openpyxl.Workbook()
    book.active.append(["Category", "Question", "Answer"])
    book.active.append(["Membership", "Who can join?", "Anyone who lives in the city."])
    book.active.append(["", "Is wifi free?", "Yes, in every branch."])
    sheet = tmp_path / "desk.xlsx"
    book.save(sheet)
    target = tmp_path / "kb"
    out, reply = ingest_check_ask(target, [sheet], "who can join")
    assert f"note: read {sheet} (sheet 'Sheet') as a question/answer table" in out
    assert f"note: {sheet}: kept as metadata: Category" in out
    assert "`- topic: other shops` with `terms: [amazon, ebay]`" in out  # scope.yaml's form
    found = entries(target / "faq" / "desk.yaml")
    assert found["who-can-join"]["metadata"] == {"Category": "Membership"}
    assert "metadata" not in found["is-wifi-free"]
    assert reply["sources"][0]["id"] == "faq/who-can-join"


def test_markup_in_a_question_is_dropped_as_in_an_answer_with_a_scripts_content(tmp_path):
    table = tmp_path / "help.csv"
    table.write_text(
        "Question,Answer,Alternates\n"
        '<script>alert(1)</script> Is there <b>parking</b>?,"Yes, behind the shop. '
        '<img src=x onerror=alert(2)><style>p {}</style>",<i>where do i park</i>\n',
        encoding="utf-8",
    )
    target = tmp_path / "kb"
    ingest_check_ask(target, [table], "is there parking")
    [entry] = entries(target / "faq" / "help.yaml").values()
    assert entry["question"] == "Is there parking?"
    assert entry["alternates"] == ["where do i park"]
    assert entry["answer"] == "Yes, behind the shop."


def test_a_tag_named_in_an_answer_or_question_is_text_about_it():
    from guidebot.ingest.faq.markup import plain_line
    from guidebot.ingest.faq.rows import answer_text

    tip = "Paste the snippet inside a <style> block in your theme header, then save."
    assert answer_text(tip) == tip
    assert plain_line("Is <iframe> embedding supported?") == "Is <iframe> embedding supported?"


def test_markup_is_dropped_from_questions_of_a_headerless_table_and_a_qna_maker_tsv(tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text('<b>Where</b> are you?,"On Main Street, by the bank."\n', encoding="utf-8")
    tsv = tmp_path / "qna.tsv"
    tsv.write_text(
        "Question\tAnswer\tSource\tMetadata\tSuggestedQuestions\tIsContextOnly\tPrompts\tQnaId\n"
        "<i>When</i> do you open?\tAt 9 every morning.\tEditorial\t\t[]\tfalse\t[]\t1\n",
        encoding="utf-8",
    )
    kb = ingest([plain, tsv], tmp_path / "kb").kb
    assert sorted(f.question for f in kb.faqs) == ["When do you open?", "Where are you?"]


def test_an_answer_with_character_references_but_no_tags_reads_as_their_characters():
    """A help-desk editor's export escapes "&" and "<" even in an answer with no tags."""
    from guidebot.ingest.faq.markup import plain_answer

    escaped = "Smith &amp; Sons &copy; 2020 &#8212; since &lt;1900&gt;."
    assert plain_answer(escaped) == "Smith & Sons © 2020 — since <1900>."
    assert plain_answer("Tom & Jerry; R&D") == "Tom & Jerry; R&D"  # no reference: as written


def test_a_list_numbered_from_a_digit_of_another_script_starts_at_one():
    """<ol start="²">: "²".isdigit() is true and int("²") fails; the list starts at 1."""
    from guidebot.ingest.faq.markup import plain_answer

    assert plain_answer('<ol start="²"><li>Call us</li><li>Wait</li></ol>') == "1. Call us\n2. Wait"


def test_only_whole_character_references_are_read_in_an_answer_without_tags():
    """html.unescape alone also reads "&para" and "&not" without their semicolons: an
    address "?id=1&param=csv&notify=no" would lose its parameters."""
    from guidebot.ingest.faq.markup import plain_answer

    answer = "Export at https://x/e?id=1&param=csv&notify=no &mdash; AT&amp;T"
    assert plain_answer(answer) == "Export at https://x/e?id=1&param=csv&notify=no — AT&T"
