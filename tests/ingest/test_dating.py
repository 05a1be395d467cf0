"""The date an article gives itself, read from its byline or front matter into the guide's
`updated`, whichever format it comes in; a sentence of the text is not a byline."""

from __future__ import annotations

import datetime

import pytest

from guidebot.ingest.articles import render_guide
from guidebot.ingest.dating import front_matter_date, split_date, stated_date, take_date
from guidebot.ingest.markdown import parse_markdown
from guidebot.ingest.plaintext import parse_plain_text
from guidebot.ingest.webpage import page_date, parse_html


@pytest.mark.parametrize(
    ("line", "date", "rest"),
    [
        ("By Jane Doe · Updated February 2026", "February 2026", "By Jane Doe"),
        ("Last updated: 6 January 2026", "6 January 2026", ""),
        ("Posted on March 3, 2025 by Jane", "March 3, 2025", "by Jane"),
        ("Jane Doe - Reviewed 2025-11-02", "2025-11-02", "Jane Doe"),
        ("Updated 12/03/2026", "12/03/2026", ""),
        # both: the update, whichever comes first
        ("Published 3 March 2025 | Updated 6 Jan. 2026", "6 Jan. 2026", ""),
        ("Updated 6 Jan 2026 | First published 3 March 2025", "6 Jan 2026", ""),
        # the hour is no part of the date, nor of the author
        ("By Jane Doe · Updated on Jan. 6, 2026 at 10:00 am", "Jan. 6, 2026", "By Jane Doe"),
        ("Last updated: 2026-01-06 10:00 GMT", "2026-01-06", ""),
        ("Updated: Monday, January 6, 2026", "Monday, January 6, 2026", ""),
        ("Page last reviewed: 12 March 2024", "12 March 2024", ""),
    ],
)
def test_a_byline_gives_its_date_as_written_and_keeps_the_rest(line, date, rest):
    assert split_date(line) == (date, rest)


@pytest.mark.parametrize(
    "line",
    [
        "the timetable was updated in March 2026",  # a label inside a sentence
        "Updated yesterday",  # no date
        "Updated Maybe 2026",  # no month
        "Published 2026",  # a year alone dates nothing to the reader
        "Updated February 2026 " + "and some more words of an ordinary sentence " * 2,
        # news or notices: text to keep, whole
        "Updated 1 March 2026: fares rise by 5%",
        "Posted 1 March 2026 to every household",
        "Winter timetable, revised 1 March 2026, applies until May.",
        "Revised 1 March 2026 - adults now pay six pounds.",
        "updated on 6 January 2026 and applies to all sailings",
        "- New pier at Oban\n- Updated 1 March 2026",  # a list, not a byline
    ],
)
def test_no_date_is_read_where_no_byline_states_one(line):
    assert split_date(line) == ("", line)


def test_the_dated_block_is_taken_out_or_cut_to_its_byline():
    blocks = ["Intro text that says nothing of dates.", "Updated February 2026", "More."]
    assert take_date(blocks) == "February 2026"
    assert blocks == ["Intro text that says nothing of dates.", "More."]
    blocks = ["By Jane Doe | Last updated 6 January 2026", "Text."]
    assert take_date(blocks) == "6 January 2026" and blocks == ["By Jane Doe", "Text."]
    late = ["One.", "Two.", "Three.", "Updated February 2026"]  # past the byline's place
    assert take_date(late) == "" and len(late) == 4


def test_front_matter_prefers_the_last_change_and_reads_yaml_dates():
    assert front_matter_date({"date": datetime.date(2025, 3, 3)}, ("date",)) == "2025-03-03"
    assert front_matter_date({"date": datetime.date(2025, 3, 3)}) == ""  # a publication
    moment = datetime.datetime(2026, 2, 1, 9, 30, tzinfo=datetime.UTC)
    assert front_matter_date({"date": "2025-03-03", "lastmod": moment}) == "2026-02-01"
    assert front_matter_date({"last_modified_at": " 6  January 2026 "}) == "6 January 2026"
    assert front_matter_date({"title": "No date"}) == ""


GUIDE_TEXT = "We run ferries between the islands every day of the year, in every weather."


def test_plain_text_takes_the_date_from_its_byline_and_the_author_without_it():
    article = parse_plain_text(
        f"Ferry Guide\n\nBy Jane Doe · Updated February 2026\n\n{GUIDE_TEXT}\n"
        "\nFares\n\nA return costs £9.80 for adults.\n"
    )
    assert (article.author, article.updated) == ("Jane Doe", "February 2026")
    assert article.intro == [GUIDE_TEXT]
    assert "updated: February 2026\n" in render_guide(article)


def test_a_line_of_a_paragraph_is_never_a_byline():
    wrapped = "The timetable below was last\nupdated on 6 January 2026\nand applies to all."
    article = parse_plain_text(f"Ferry Guide\n\n{wrapped}\n\n{GUIDE_TEXT}\n")
    assert article.updated == ""
    assert "updated on 6 January 2026" in " ".join(article.intro)


def test_a_date_on_its_own_line_of_the_byline_block_is_taken_too():
    article = parse_plain_text(
        f"Ferry Guide\nBy Jane Doe\nLast updated: 6 January 2026\n\n{GUIDE_TEXT}\n"
    )
    assert (article.author, article.updated) == ("Jane Doe", "6 January 2026")
    assert article.intro == [GUIDE_TEXT]


def test_markdown_reads_front_matter_dates_before_a_byline():
    text = f"---\ntitle: Ferry Guide\ndate: 2025-03-03\nlastmod: 2026-02-01\n---\n\n{GUIDE_TEXT}\n"
    assert parse_markdown(text).updated == "2026-02-01"
    # a byline's update is later news than the front matter's publication date
    dated = "---\ntitle: Ferry Guide\ndate: 2019-05-01\n---\n\nLast updated 6 January 2026\n\n"
    assert parse_markdown(dated + GUIDE_TEXT).updated == "6 January 2026"
    assert parse_markdown(
        f"---\ntitle: Ferry Guide\ndate: 2019-05-01\n---\n\n{GUIDE_TEXT}"
    ).updated == ("2019-05-01")
    impossible = parse_markdown(f"---\ntitle: Ferry Guide\ndate: 2026-13-45\n---\n\n{GUIDE_TEXT}")
    assert "not valid YAML" in impossible.notes[0]  # a note, not a traceback
    byline = f"# Ferry Guide\n\nBy Jane Doe · Updated February 2026\n\n{GUIDE_TEXT}\n"
    article = parse_markdown(byline)
    assert (article.author, article.updated, article.intro) == (
        "Jane Doe",
        "February 2026",
        [GUIDE_TEXT],
    )


PAGE = """<html><head><title>Ferry Guide</title>{meta}</head><body>
<nav><a href="/">Home</a> <a href="/news">Posted 1 May 2024: new ship</a></nav>
<main><article><h1>Ferry Guide</h1>{byline}
<p>{text}</p><h2>Fares</h2><p>A return costs £9.80 for adults, and children travel at half
the adult fare on every route we run.</p><p>Updated 1 June 2020</p></article></main>
</body></html>"""


def test_a_web_page_dates_itself_by_its_byline_then_its_meta_tags():
    byline = '<p class="byline">By Jane Doe · Updated February 2026</p>'
    page = PAGE.format(meta="", byline=byline, text=GUIDE_TEXT)
    article = parse_html(page)
    assert (article.author, article.updated) == ("Jane Doe", "February 2026")
    modified = '<meta property="article:modified_time" content="2026-01-06T10:00:00+00:00">'
    assert page_date(PAGE.format(meta=modified, byline="", text=GUIDE_TEXT)) == "2026-01-06"
    # no byline, no meta tag: not the menu's news item, nor a date below the first section
    assert page_date(PAGE.format(meta="", byline="", text=GUIDE_TEXT)) == ""


def test_a_label_and_its_date_given_apart_state_the_date():
    # a definition list: the update's date over the publication's, whatever their order
    listed = ["Published", "3 January 2020", "Last updated", "11 March 2024 — See all updates"]
    assert stated_date(listed) == "11 March 2024"
    assert stated_date(["Published:", "3 January 2020"]) == "3 January 2020"
    assert stated_date(["By Jane Doe · Updated February 2026", *listed]) == "February 2026"
    # whichever comes first: a list's item below the definition list is another item's
    assert stated_date([*listed, "Contents", "Posted 1 May 2019"]) == "11 March 2024"
    # a date opening a paragraph after a lone label is news, not the page's date
    news = "1 March 2026 fares rise by five per cent on every route, and season tickets rise"
    assert stated_date(["Updated", f"{news} by three per cent from the first of April."]) == ""
    assert stated_date(["Fares", "11 March 2024"]) == ""
    assert stated_date(["Last updated"]) == stated_date([]) == ""


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><title>Ferry Guide</title>{head}</head><body>{body}</body></html>"


def test_a_web_page_opening_after_a_banner_gives_its_byline_date():
    banner = "<div><h2>Subscribe to our newsletter</h2><p>Posted 1 May 2024</p></div>"
    article = f"<h1>Ferry Guide</h1><p>By Jane Doe · Updated February 2026</p><p>{GUIDE_TEXT}</p>"
    page = _page(body=f"{banner}<div>{article}<h2>Fares</h2><p>Updated 1 June 2020</p></div>")
    assert page_date(page) == "February 2026"
    # the banner's own date is not the page's, nor a section's below the title
    undated = article.replace("<p>By Jane Doe · Updated February 2026</p>", "")
    assert page_date(_page(body=f"{banner}{undated}<h2>Fares</h2><p>Updated 1 June 2020</p>")) == ""
    # with the title first, a later h1's news item is no opening: the meta tag dates the page
    modified = '<meta property="article:modified_time" content="2026-02-10T09:00:00+00:00">'
    news = "<section><h1>Ferry strike ends</h1><p>Posted 1 May 2019</p></section>"
    body = f"{undated}<h2>Fares</h2><p>A return costs £9.80.</p>{news}"
    assert page_date(_page(head=modified, body=body)) == "2026-02-10"


def test_a_web_page_dated_by_a_definition_list_or_its_linked_data():
    listed = (
        "<dl><dt>Published</dt><dd>3 January 2020</dd><dt>Last updated</dt>"
        '<dd>11 March 2024 <a href="#history">— See all updates</a></dd></dl>'
    )
    assert page_date(_page(body=f"<main><h1>Tax</h1>{listed}<h2>A</h2><p>x</p></main>")) == (
        "11 March 2024"
    )
    # a lone label before a line of news is no date of the page's
    notice = "<p><strong>Update:</strong></p><p>12 May 2025: the 9am ferry is cancelled.</p>"
    assert page_date(_page(body=f"<h1>Ferries</h1>{notice}<h2>A</h2><p>x</p>")) == ""
    graph = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"},'
        ' {"@type": "Article", "datePublished": "2025-01-01T10:00:00Z",'
        ' "dateModified": "2026-02-10T09:00:00Z"}]}'
    )
    linked = f'<script type="application/ld+json">{graph}</script>'
    assert page_date(_page(head=linked, body="<h1>X</h1><p>x</p>")) == "2026-02-10"
    # the article's own publication, not a comment's edit inside it; a meta tag before both
    commented = (
        '{"@type": "Article", "datePublished": "2026-02-10",'
        ' "comment": [{"@type": "Comment", "dateModified": "2019-05-01"}]}'
    )
    linked = f'<script type="application/ld+json">{commented}</script>'
    assert page_date(_page(head=linked, body="<h1>X</h1><p>x</p>")) == "2026-02-10"
    published = '<meta property="article:published_time" content="2026-03-01">'
    assert page_date(_page(head=linked + published, body="<h1>X</h1>")) == "2026-03-01"


@pytest.mark.parametrize(
    "script", ['{"dateModified": ', "[" * 100_000, '"2026-02-10"', '{"dateModified": 20260210}']
)
def test_linked_data_that_is_not_json_or_gives_no_date_is_passed_over(script):
    page = _page(head=f'<script type="application/ld+json">{script}</script>', body="<h1>X</h1>")
    assert page_date(page) == ""
