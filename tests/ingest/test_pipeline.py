"""guidebot ingest: articles and FAQ tables into a knowledge directory, all or nothing."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from guidebot.errors import InputError, KnowledgeError
from guidebot.ingest.headingshapes import looks_like_heading
from guidebot.ingest.markdown import parse_markdown
from guidebot.ingest.pipeline import ingest
from guidebot.ingest.plaintext import parse_plain_text
from guidebot.ingest.sources import read_source
from guidebot.ingest.tables import read_table
from guidebot.ingest.webpage import parse_html
from guidebot.knowledge.loader import load_knowledge
from tests.conftest import run_guidebot

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_58b2425f3a1131bc.txt"

# The article's own headings that have text, in order (read from the seed file; it is never
# copied here). "Table of contents" has none in the seed and is left out, "References" none
# either but is filled with the sources the text cites (ingest/citations.py);
# "Other Things You Should Know About Artificial Intelligence" is the parent of four.
OTHER_THINGS = "Other Things You Should Know About Artificial Intelligence"
SEED_HEADINGS = [
    "Key Things You Should Know",
    "What career opportunities exist for AI Master's degree holders in the manufacturing industry?",
    "What is the average salary for professionals with an AI Master's degree working in "
    "manufacturing?",
    "What is the job outlook and demand for AI specialists in U.S. manufacturing through 2032?",
    "What are the core curriculum requirements and coursework in an AI Master's program?",
    "What are the admission requirements and prerequisites for entering an AI Master's degree "
    "program?",
    "How do online AI Master's programs compare to campus-based options for working professionals?",
    "How long does it take to complete an AI Master's degree, and what are typical program costs?",
    "What accreditation standards and certifications should you verify when choosing an AI "
    "Master's program?",
    "What specific technical skills and specializations do manufacturing employers expect from "
    "AI Master's graduates?",
    "How should you evaluate and compare accredited AI Master's programs for manufacturing "
    "career pathways?",
    "How is artificial intelligence changing quality control in manufacturing?",
    "What role does artificial intelligence play in supply chain management within manufacturing?",
    "Can artificial intelligence help with workplace safety in manufacturing environments?",
    "What are the ethical considerations of using artificial intelligence in manufacturing?",
    "References",
    "Related Articles",
]


def guidebot(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    return run_guidebot(*args, env={"GUIDEBOT_DATA_DIR": str(data_dir)} if data_dir else None)


def headings(kb) -> list[str]:
    return [s.heading for s in kb.guides[0].sections if not s.is_intro]


# --- the guide's own article, read in place ---------------------------------------------


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed article is not at {SEED}")
def test_seed_article_becomes_a_guide_with_the_articles_headings(tmp_path):
    target = tmp_path / "kb"
    result = guidebot("ingest", "--knowledge", str(target), str(SEED))
    assert result.returncode == 0, result.stderr
    kb = load_knowledge(target)
    assert headings(kb) == SEED_HEADINGS
    guide = kb.guides[0]
    assert guide.title == "2026 AI Master's Degree Careers in Manufacturing"
    assert guide.author == "Imed Bouchrika, PhD"
    assert guide.author_title == "Co-Founder and Chief Data Scientist"
    under = [s.heading for s in guide.sections if s.parents == (OTHER_THINGS,)]
    assert under == SEED_HEADINGS[-6:-2]
    # the page's reference list is empty; its text names where the figures come from
    assert "filled the heading 'References', empty in the source, with the 6 sources" in (
        result.stdout
    )
    sources = guide.section("References").text
    for cited in ("U.S. Bureau of Labor Statistics", "Graduate Record Examinations Board (2024)"):
        assert cited in sources
    related = guide.section("Related Articles").text
    assert "thumbnail" not in related and related.count("by Imed Bouchrika") == 6
    # The next step it names is the command, spelt as every command takes the directory.
    assert f"`guidebot check --knowledge {target}`" in result.stdout
    check = guidebot("check", str(target))
    assert check.returncode == 0 and "OK" in check.stdout, check.stderr
    # ingest counts the sections as check does: the introduction in, an empty parent out
    count = f"{len(guide.sections)} sections"
    assert f": {count}, 4 of them sub-sections" in result.stdout and count in check.stdout
    ask = guidebot("ask", "--json", "--knowledge", str(target), "what is the average salary")
    assert "$145,000" in json.loads(ask.stdout)["answer"]


# --- plain text, Markdown, HTML ----------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Key Things You Should Know", True),
        ("Table of contents", True),
        ("References", True),
        ("What is the job outlook in U.S. manufacturing through 2032?", True),
        ("Swarm Control and Hive Health", True),
        ("Specialists play key roles in developing vision systems.", False),
        ("• A bullet point that Looks Like Anything", False),
        ("Benefits Include:", False),
        ("It works. Does it?", False),
    ],
)
def test_heading_shapes(line, expected):
    assert looks_like_heading(line) is expected


def test_plain_text_article():
    article = parse_plain_text((FIXTURES / "article.txt").read_text(encoding="utf-8"))
    assert article.title == "Urban Beekeeping Certificates for Career Changers"
    assert (article.author, article.author_title) == (
        "Dana Whitlow, MSc",
        "Senior Apiary Instructor",
    )
    assert article.headings == [
        "Quick Facts You Should Know",
        "What does an urban beekeeping certificate cost?",
        "How long does the certificate take in the U.S. programs?",
        "Swarm Control and Hive Health",
        "Related Articles",
    ]
    # headings with no text are left out; this text cites no source to list under References
    assert article.notes == [
        "left out the heading 'Table of contents': no text under it",
        "left out the heading 'References': no text under it",
    ]
    sections = {section.heading: section.blocks for section in article.sections}
    bullets = sections["Quick Facts You Should Know"]
    assert bullets == [
        "- Certificate courses run for 14 weeks with two practical weekends.\n"
        "- Graduates manage on average 12 hives in their first season."
    ]
    assert sections["Related Articles"] == [
        "- Rooftop Gardening Certificates, by Dana Whitlow, MSc (Urban Farming MAR 3, 2025)\n"
        "- Honey Processing Short Courses, by Lee Amari (Urban Farming MAR 3, 2025)"
    ]


def test_table_of_contents_entries_stay_in_the_contents():
    text = "Title\n\nIntro text here.\n\nContents\n\nFirst Part\n\nSecond Part\n\nFirst Part\n\n"
    text += "One.\n\nSecond Part\n\nTwo.\n"
    article = parse_plain_text(text)
    assert article.headings == ["Contents", "First Part", "Second Part"]
    assert article.sections[0].blocks == ["- First Part", "- Second Part"]


SENTENCE_CASE = """Northvale Rail Travel Help
by Customer Experience Team

This guide answers the questions our station teams hear most often.

Buying tickets

You can buy tickets in the app or from a machine. To buy one in the app:

1. Open the app and tap Plan a journey.
2. Pick a train
and a ticket type.
3. Pay by card.

Bikes on trains

Folding bikes travel free. Full-size bikes need a reservation.
"""


def test_headings_in_sentence_case_are_headings_and_steps_keep_their_numbers():
    """Most help desks title sections in sentence case ("Buying tickets"): two or more short
    standalone lines with longer text under each are the article's headings. A numbered
    step keeps its number, as the guide format writes steps."""
    article = parse_plain_text(SENTENCE_CASE)
    assert article.headings == ["Buying tickets", "Bikes on trains"]
    assert article.sections[0].blocks[1] == (
        "1. Open the app and tap Plan a journey.\n2. Pick a train and a ticket type.\n"
        "3. Pay by card."
    )
    # one such line alone is as likely a phrase standing by itself: it stays text
    alone = parse_plain_text(SENTENCE_CASE.replace("Bikes on trains", "Bikes on trains."))
    assert alone.headings == [] and "Buying tickets" in alone.intro
    # nor is the first line of text, or short lines with no paragraph under them
    welcome = "Welcome to our help pages\n\n" + "\n\n".join(SENTENCE_CASE.split("\n\n")[2:])
    article = parse_plain_text("Northvale Rail Travel Help\n\n" + welcome)
    assert article.headings == ["Buying tickets", "Bikes on trains"]
    assert article.intro == ["Welcome to our help pages"]
    hours = "\n\nOpening hours\n\nWeekdays from nine until five\n\nSaturdays ten to four\n"
    article = parse_plain_text(SENTENCE_CASE + hours)
    assert article.headings == ["Buying tickets", "Bikes on trains"]
    # a clause leads into its text: "You can reach us by phone" is no heading, and one
    # line left in sentence case is too few to be the article's headings
    lead = "Title\n\nIntro text of the page.\n\nWeekdays from nine until five\n\n"
    lead += "Saturdays from ten until four, and we are closed on Sundays and holidays.\n\n"
    lead += "You can reach us by phone\n\nLines are open on weekdays from nine until five.\n"
    assert parse_plain_text(lead).headings == []


def test_markdown_article():
    article = parse_markdown((FIXTURES / "article.md").read_text(encoding="utf-8"))
    assert (article.title, article.author) == ("Mushroom Foraging Safety", "Priya Old")
    assert article.headings == ["Which mushrooms should beginners avoid?", "Tools to Bring"]
    assert [s.level for s in article.sections] == [2, 3]  # ### stays under its ##
    assert "field mushrooms." in article.sections[0].blocks[0]  # link text kept, URL dropped
    assert "https://" not in article.sections[0].blocks[0]


def test_html_article_keeps_the_main_content_only():
    article = parse_html((FIXTURES / "article.html").read_text(encoding="utf-8"))
    assert (article.title, article.author) == ("Kayak Rolling Basics", "Sam Okoro")
    assert article.source == "https://example.org/kayak-rolling"
    assert article.headings == ["What is a hip snap?", "Practice Drills"]
    assert [s.level for s in article.sections] == [2, 3]
    assert article.sections[1].blocks == [
        "- Hold the pool edge and rotate the hull.\n- Add a paddle float once the snap is smooth."
    ]
    text = repr(article)
    assert "tracking" not in text and "Home" not in text and "Copyright" not in text


# --- FAQ tables --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, kind", [("faq.tsv", "tsv"), ("faq.json", "json"), ("faq.yaml", "yaml")]
)
def test_every_table_format_reads(name, kind):
    rows, _ = read_table((FIXTURES / name).read_text(encoding="utf-8"), name, kind)
    assert rows and all(r.question.endswith("?") and r.answer for r in rows)


def test_csv_alternates_split_on_bars_and_other_columns_are_kept_as_metadata():
    rows, notes = read_table((FIXTURES / "faq.csv").read_text(encoding="utf-8"), "f.csv", "csv")
    assert rows[0].alternates == ["price of the bee course", "is the bee course expensive"]
    assert rows[0].where == "f.csv:2"
    assert notes == ["f.csv: kept as metadata: notes"]
    assert [r.metadata for r in rows if r.metadata] and all(
        set(r.metadata) <= {"notes"} for r in rows
    )


def test_rows_with_one_answer_are_one_entry_whatever_their_other_columns_say():
    """The rows' other columns (a row number, a Category) do not keep wordings of one
    question apart; their values are all kept."""
    answer = "Bring one photo ID and a proof of address."
    table = (
        "No.,Category,Question,Answer\n"
        f"1,Membership,What do I need to join?,{answer}\n"
        f"2,Membership,Which ID do I bring?,{answer}\n"
        f"3,Cards,Proof of address?,{answer}\n"
    )
    (row,), notes = read_table(table, "f.csv", "csv")
    assert row.alternates == ["Which ID do I bring?", "Proof of address?"]
    assert row.metadata == {"No.": "1; 2; 3", "Category": "Membership; Cards"}


def test_no_column_of_values_is_lost_for_a_repeated_or_missing_header():
    table = "Question,Answer,Category, category ,\nSwim?,Yes.,Pool,Leisure,note\nSauna?,No.,,Spa,\n"
    rows, notes = read_table(table, "f.csv", "csv")
    assert [r.metadata for r in rows] == [
        {"Category": "Pool", "category (2)": "Leisure", "column 5": "note"},
        {"category (2)": "Spa"},
    ]
    assert notes == ["f.csv: kept as metadata: Category, category (2), column 5"]


def test_an_entrys_plain_fields_are_metadata_as_written_and_guidebots_own_come_back():
    """A date, a yes/no and an empty value as a person reads them; a guidebot FAQ file
    brought in again keeps its metadata, and its section_hash is worked out anew."""
    listed = (
        "- question: Swim?\n  answer: Yes.\n  updated: 2024-01-05\n  public: true\n"
        "  owner: null\n  section_hash: abcd1234\n  metadata: {category: Pool}\n"
        "  follow_ups: [sauna]\n"
    )
    (row,), notes = read_table(listed, "f.yaml", "yaml")
    assert row.metadata == {"updated": "2024-01-05", "public": "true", "category": "Pool"}
    assert notes == [
        "f.yaml: kept as metadata: category, public, updated",
        "f.yaml: ignored fields: follow_ups",
    ]


def test_a_category_column_and_plain_fields_become_metadata_and_nested_ones_are_noted():
    table = "Category,Question,Answer\nPool,Can I swim?,Yes.\n,Is there a sauna?,No.\n"
    rows, notes = read_table(table, "f.csv", "csv")
    assert [r.metadata for r in rows] == [{"Category": "Pool"}, {}]  # an empty cell: none
    listed = '[{"question": "Swim?", "answer": "Yes.", "topic": "Pool", "tags": ["a"]}]'
    rows, notes = read_table(listed, "f.json", "json")
    assert rows[0].metadata == {"topic": "Pool"}
    assert notes == ["f.json: kept as metadata: topic", "f.json: ignored fields: tags"]


@pytest.mark.parametrize(
    "header",
    [
        "Alternate questions",
        "Other phrasings",
        "Similar Questions",
        "question variants",
    ],
)
def test_a_column_of_other_wordings_is_read_as_alternates_whatever_its_header(header):
    table = f"Question,Answer,{header},Other\nCan I swim?,Yes.,can i use the pool|swimming?,x\n"
    rows, notes = read_table(table, "f.csv", "csv")
    assert rows[0].alternates == ["can i use the pool", "swimming?"]
    assert notes == ["f.csv: kept as metadata: Other"]  # "Other" alone may be anything


def test_every_column_of_other_wordings_is_read_and_no_question_is_taken_for_a_header():
    """Two alternates columns are both read (in JSON too); a table without a header whose
    first question is "Other questions?" is still read as one, and a title row "Additional
    questions" above the header is still a title."""
    table = "Question,Answer,Alternate 1,Alternate question 2\nSwim?,Yes.,pool?,lanes?\n"
    rows, _ = read_table(table, "f.csv", "csv")
    assert rows[0].alternates == ["pool?", "lanes?"]
    both = '[{"question": "Swim?", "answer": "Yes.", "alternates": ["pool?"], '
    both += '"similar_questions": ["lanes?"]}]'
    rows, notes = read_table(both, "f.json", "json")
    assert rows[0].alternates == ["pool?", "lanes?"] and not notes
    headerless = "Other questions?,Ask at the desk.\nSwim?,Yes.\n"
    rows, _ = read_table(headerless, "f.csv", "csv")
    assert [r.question for r in rows] == ["Other questions?", "Swim?"]
    titled = "Additional questions\nquestion,answer\nSwim?,Yes.\n"
    rows, _ = read_table(titled, "f.csv", "csv")
    assert [r.question for r in rows] == ["Swim?"]


def test_csv_without_a_question_column_says_which_columns_it_found():
    with pytest.raises(InputError, match=r"no-question.csv:1: no 'question' column .*'query text'"):
        read_table(
            (FIXTURES / "no-question.csv").read_text(encoding="utf-8"), "no-question.csv", "csv"
        )


def test_a_misspelt_column_name_is_named_as_the_column_it_may_be():
    with pytest.raises(InputError, match=r"\('Qeustion' may be meant as 'question'\)"):
        read_table("Qeustion,Answer,Alternates\nSwim?,Yes.,\n", "f.csv", "csv")
    with pytest.raises(InputError, match=r"no 'answer' column .*\('Answr' may be meant as"):
        read_table("Question,Answr\nSwim?,Yes.\n", "f.csv", "csv")


def test_a_question_without_answer_is_reported_with_its_line():
    with pytest.raises(
        InputError, match=r"t.csv:3: the question 'B\?' has no answer; write one, or delete the row"
    ):
        read_table("question,answer\nA?,yes\nB?,\n", "t.csv", "csv")


# --- bad input files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image"),
        (b"\x89PNG\r\n\x1a\nxxxx", "this is a PNG image"),  # no NUL byte: no 8-bit text either
        (b"\xff\xd8\xff\xe0", "this is a JPEG image"),
        (b"%PDF-1.7 ...", "this is a PDF"),
        (b"\x01\x02\x00\x03", "binary file"),
        ("Caf\u00e9 menu\n\ntext".encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_unusable_files_get_a_clear_message(tmp_path, data, message):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_source(path)


def test_a_word_document_is_named_as_one(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(30))
    with pytest.raises(InputError, match="this is a Word document, not text"):
        read_source(path)


def test_a_text_not_in_utf8_is_named_by_its_line_and_likely_encoding(tmp_path):
    path = tmp_path / "input.md"
    path.write_bytes("# Menu\n\nCaf\u00e9 au lait\n".encode("cp1252"))
    with pytest.raises(InputError) as raised:
        read_source(path)
    assert str(raised.value).startswith(f"{path}:3: not UTF-8 text (byte 0xe9)")
    assert "Windows-1252" in str(raised.value) and "'Café'" in str(raised.value)


def test_a_saved_page_is_read_in_the_encoding_it_declares(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body>Caf\u00e9 \u2013 menu</body>'
    http_equiv = page.replace(
        '<meta charset="windows-1252">',
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
    ).replace(" \u2013", "")
    for name, html, codec in (("a.html", page, "cp1252"), ("b.htm", http_equiv, "latin-1")):
        path = tmp_path / name
        path.write_bytes(html.encode(codec))
        assert "Caf\u00e9" in read_source(path)
    undeclared = tmp_path / "c.html"
    undeclared.write_bytes("<p>Caf\u00e9</p>".encode("cp1252"))
    with pytest.raises(InputError, match=r"c\.html:1: not UTF-8 text"):
        read_source(undeclared)
    wrong = tmp_path / "d.html"
    wrong.write_bytes(b'<meta charset="us-ascii"><p>Caf\xe9 \x81</p>')  # 0x81: not cp1252
    with pytest.raises(InputError, match=r"d\.html:1: the page says it is us-ascii text"):
        read_source(wrong)


def test_a_page_labelled_latin1_is_read_as_windows_1252_as_browsers_do(tmp_path):
    path = tmp_path / "a.html"
    path.write_bytes(b'<meta charset="iso-8859-1"><p>\x80 5 \x96 it\x92s \x93good\x94</p>')
    assert "\u20ac 5 \u2013 it\u2019s \u201cgood\u201d" in read_source(path)


@pytest.mark.parametrize("label", ["rot13", "hex", "base64", "undefined"])
def test_a_page_declaring_no_text_encoding_gets_the_usual_message(tmp_path, label):
    path = tmp_path / "odd.html"
    path.write_bytes(f'<meta charset="{label}"><p>'.encode() + b"Caf\xe9</p>")
    with pytest.raises(InputError, match=r"odd\.html:1: not UTF-8 text"):
        read_source(path)


def test_bad_inputs_through_the_cli_exit_2_without_traceback(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    for name, message in [
        ("empty.txt", "the file is empty"),
        ("binary.txt", "binary file"),
        ("missing.txt", "no such file"),
    ]:
        result = guidebot("ingest", "--knowledge", str(tmp_path / "kb"), str(tmp_path / name))
        assert result.returncode == 2, result
        assert message in result.stderr and "Traceback" not in result.stderr
    result = guidebot(
        "ingest", "--knowledge", str(tmp_path / "kb"), str(FIXTURES / "no-question.csv")
    )
    assert result.returncode == 2 and "no 'question' column" in result.stderr
    assert not (tmp_path / "kb").exists()


# --- writing: new, existing, --force, rollback, bundled -------------------------------


def test_fixture_csv_faq_is_answered_by_ask(tmp_path):
    target = tmp_path / "kb"
    result = guidebot("ingest", "--knowledge", str(target), str(FIXTURES / "faq-plain.csv"))
    assert result.returncode == 0, result.stderr
    assert "2 FAQ entries from faq-plain.csv" in result.stdout
    lines = result.stdout.splitlines()
    noted = [n for n, line in enumerate(lines) if line.startswith("note: ")]
    wrote = [n for n, line in enumerate(lines) if line.startswith("wrote ")]
    assert noted and wrote and max(noted) < min(wrote)  # reading was before writing
    ask = guidebot("ask", "--json", "--knowledge", str(target), "what colour is the apiary door")
    reply = json.loads(ask.stdout)
    assert reply["kind"] == "answer" and "marigold yellow" in reply["answer"]


def test_a_table_row_linking_a_misspelt_section_names_the_heading_close_to_it(tmp_path):
    table = tmp_path / "faq.csv"
    table.write_text("question,answer,section\nWho is it for?,Everyone.,Introducton\n")
    guide = tmp_path / "guide.md"
    guide.write_text("# A Guide\n\n## Introduction\n\nWho the guide is for: everyone.\n")
    result = guidebot("ingest", "--knowledge", str(tmp_path / "kb"), str(guide), str(table))
    assert result.returncode != 0 and not (tmp_path / "kb" / "faq").exists()
    assert "section 'Introducton' is not in any guide of the knowledge" in result.stderr
    assert "(did you mean 'Introduction'?)" in result.stderr


def test_a_table_row_linking_a_section_in_other_letter_case_links_the_heading(tmp_path):
    """ "Contact Us" for the heading "Contact us" is that section, as the guide writes it."""
    table = tmp_path / "faq.csv"
    table.write_text("question,answer,section\nHow do I call?,Ring 0100.,CONTACT us\n")
    guide = tmp_path / "guide.md"
    guide.write_text("# A Guide\n\n## Contact us\n\nRing 0100 on weekdays.\n")
    kb = ingest([guide, table], tmp_path / "kb").kb
    assert [f.section for f in kb.faqs] == ["Contact us"] and not kb.warnings


def test_guide_and_faq_in_one_run_link_with_a_section_hash(tmp_path):
    target = tmp_path / "kb"
    result = ingest([FIXTURES / "article.txt", FIXTURES / "faq.csv"], target)
    kb = result.kb
    linked = [f for f in kb.faqs if f.section]
    assert len(linked) == 1 and linked[0].guide == kb.guides[0].slug
    assert len(linked[0].section_hash) == 8 and not kb.warnings


def test_existing_files_are_not_replaced_without_force(tmp_path):
    target = tmp_path / "kb"
    ingest([FIXTURES / "faq-plain.csv"], target)
    path = target / "faq" / "faq-plain.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    before = path.read_bytes()
    result = guidebot("ingest", "--knowledge", str(target), str(FIXTURES / "faq-plain.csv"))
    assert (
        result.returncode == 2 and "already there" in result.stderr and "--force" in result.stderr
    )
    assert path.read_bytes() == before
    forced = guidebot(
        "ingest", "--force", "--knowledge", str(target), str(FIXTURES / "faq-plain.csv")
    )
    assert forced.returncode == 0, forced.stderr
    assert b"# my edit" not in path.read_bytes()


def test_an_export_brought_in_again_goes_to_the_file_it_went_to_before(tmp_path):
    """faq.csv beside faq.json became faq-csv.yaml; alone it would be faq.yaml, a second copy
    of every entry: it is refused as already there, and --force replaces the first file."""
    target, table, export = tmp_path / "kb", tmp_path / "faq.csv", tmp_path / "faq.json"
    table.write_bytes((FIXTURES / "faq-plain.csv").read_bytes())
    export.write_text('[{"question": "Do you sell bells?", "answer": "Yes."}]', encoding="utf-8")
    ingest([table, export], target)
    assert sorted(p.name for p in (target / "faq").iterdir()) == ["faq-csv.yaml", "faq-json.yaml"]
    again = guidebot("ingest", "--knowledge", str(target), str(table))
    assert again.returncode == 2 and "faq-csv.yaml (use --force" in again.stderr
    forced = guidebot("ingest", "--force", "--knowledge", str(target), str(table))
    assert forced.returncode == 0, forced.stderr
    assert sorted(p.name for p in (target / "faq").iterdir()) == ["faq-csv.yaml", "faq-json.yaml"]
    # a new input that would now be written to the same file is refused, not merged away
    other = tmp_path / "faq-csv.json"
    other.write_text('[{"question": "Do you sell horns?", "answer": "No."}]', encoding="utf-8")
    both = guidebot("ingest", "--force", "--knowledge", str(target), str(table), str(other))
    assert both.returncode != 0 and "would both become the FAQ file 'faq-csv'" in both.stderr


@pytest.mark.parametrize("again", ["faq-plain (1).csv", "faq-plain - Copy.csv"])
def test_an_export_downloaded_again_under_a_copys_name_is_the_same_export(tmp_path, again):
    """ "faq-plain (1).csv", a browser's name for a second download, goes to the file the
    first made: refused as already there, replaced with --force, never a second copy."""
    target = tmp_path / "kb"
    ingest([FIXTURES / "faq-plain.csv"], target)
    copy = tmp_path / again
    copy.write_bytes((FIXTURES / "faq-plain.csv").read_bytes())
    refused = guidebot("ingest", "--knowledge", str(target), str(copy))
    assert refused.returncode == 2 and "faq-plain.yaml (use --force" in refused.stderr
    forced = guidebot("ingest", "--force", "--knowledge", str(target), str(copy))
    assert forced.returncode == 0, forced.stderr
    assert [p.name for p in (target / "faq").iterdir()] == ["faq-plain.yaml"]


def test_a_number_in_a_files_name_that_is_no_copy_mark_names_another_export(tmp_path):
    """ "faq (2024).csv" then "faq (2025).csv" are two exports, in one run or two; and "faq
    (1).csv" brought in first is named as it is."""
    target = tmp_path / "kb"
    years = [tmp_path / "faq (2024).csv", tmp_path / "faq (2025).csv"]
    for number, path in enumerate(years):
        path.write_text(f"question,answer\nWhat year is it?,It is {2024 + number}.\n")
    ingest(years[:1], target)
    ingest(years[1:], target)
    assert sorted(p.name for p in (target / "faq").iterdir()) == ["faq-2024.yaml", "faq-2025.yaml"]
    assert len(ingest(years, tmp_path / "both").written) == 2
    first = tmp_path / "faq (1).csv"
    first.write_text("question,answer\nOpen?,Yes.\n")
    ingest([first], tmp_path / "alone")
    assert [p.name for p in (tmp_path / "alone" / "faq").iterdir()] == ["faq-1.yaml"]


def test_a_result_that_fails_the_check_is_undone(tmp_path):
    target = tmp_path / "kb"
    ingest([FIXTURES / "faq-plain.csv"], target)
    original = (target / "faq" / "faq-plain.yaml").read_bytes()
    table = tmp_path / "faq-plain.csv"  # same output name, replaced with --force ...
    table.write_text("question,answer,section\nWhy?,Because it is so.,No Such Heading\n")
    with pytest.raises(KnowledgeError, match="nothing was changed") as caught:
        ingest([table], target, force=True)
    assert "faq-plain.csv:2: section 'No Such Heading' is not in" in str(caught.value)
    assert (target / "faq" / "faq-plain.yaml").read_bytes() == original  # ... but put back


def test_a_new_target_is_removed_again_when_undone(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("question,answer,section\nWhy?,Because it is so.,Nowhere\n")
    with pytest.raises(KnowledgeError):
        ingest([table], tmp_path / "new")
    assert not (tmp_path / "new").exists()


def test_a_broken_target_is_refused_before_anything_is_written(tmp_path):
    target = tmp_path / "kb"
    (target / "faq").mkdir(parents=True)
    (target / "faq" / "bad.yaml").write_text("- question: no answer here\n")
    with pytest.raises(InputError, match="has problems already"):
        ingest([FIXTURES / "faq-plain.csv"], target)
    assert sorted(p.name for p in (target / "faq").iterdir()) == ["bad.yaml"]


def test_the_bundled_knowledge_of_an_installed_package_is_never_written(monkeypatch, tmp_path):
    monkeypatch.setattr("guidebot.ingest.pipeline.is_bundled", lambda path: True)
    with pytest.raises(InputError, match="bundled inside the installed package.*--knowledge"):
        ingest([FIXTURES / "faq-plain.csv"], tmp_path / "kb")
    assert not (tmp_path / "kb").exists()


def test_slug_option_and_its_checks(tmp_path):
    result = ingest([FIXTURES / "article.md"], tmp_path / "kb", slug="mushrooms")
    assert result.kb.guides[0].slug == "mushrooms"
    with pytest.raises(InputError, match="exactly one article"):
        ingest([FIXTURES / "article.md", FIXTURES / "article.html"], tmp_path / "k2", slug="x")
    with pytest.raises(InputError, match="may hold only"):
        ingest([FIXTURES / "article.md"], tmp_path / "k3", slug="Bad Slug")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_an_article_saved_as_utf16_with_its_mark_is_read(tmp_path, codec):
    """Windows Notepad's "Unicode" is UTF-16 with a byte-order mark: text, not binary."""
    import codecs

    path = tmp_path / "cafe.txt"
    mark = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path.write_bytes(mark + "Café Guide\n\nOpen from nine.\n".encode(codec))
    assert read_source(path) == "Café Guide\n\nOpen from nine.\n"


def test_an_article_of_the_title_of_one_from_another_file_says_how_to_keep_both(tmp_path):
    from guidebot.errors import WriteRefused

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Returns Guide\n\nSend it back within 30 days.\n", encoding="utf-8")
    second.write_text("Returns Guide\n\nWe refund within five days.\n", encoding="utf-8")
    target = tmp_path / "kb"
    ingest([first], target)
    with pytest.raises(WriteRefused, match="brought in from a.txt: to keep both, give b.txt"):
        ingest([second], target)
    assert ingest([second], target, slug="refunds").written  # beside it
    with pytest.raises(InputError, match="a.txt and b.txt would both become the guide"):
        ingest([first, second], tmp_path / "other")
    with pytest.raises(InputError, match="--slug needs a name"):
        ingest([first], tmp_path / "third", slug="")


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("notes.md", "Just a paragraph about our warranty.\n", "a '# Title' line"),
        ("page.html", "<html><body><p>" + "Words here. " * 30 + "</p></body></html>", "<title>"),
        ("bad.md", "---\ntitle: [unclosed\n---\n\nText.\n", "front matter is not valid YAML"),
        ("open.md", "---\ntitle: Open\n\n## One\n\nText.\n", "'---' is never closed"),
    ],
)
def test_an_article_without_a_title_is_told_where_its_kind_gives_one(tmp_path, name, text, said):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="no title found") as raised:
        ingest([path], tmp_path / "kb")
    assert said in str(raised.value)


def test_utf32_text_is_named_not_read_as_utf16(tmp_path):
    """UTF-32's little-endian mark begins with UTF-16's: it is named, not misread."""
    path = tmp_path / "notes.txt"
    path.write_bytes("Café Guide\n\nOpen from nine.\n".encode("utf-32"))
    with pytest.raises(InputError, match="this is UTF-32 text"):
        read_source(path)
