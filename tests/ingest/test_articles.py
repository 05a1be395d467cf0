"""Articles in Markdown, web pages and plain text: faithful outlines, no empty sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidebot.bot import Bot
from guidebot.ingest.markdown import parse_markdown
from guidebot.ingest.pipeline import ingest
from guidebot.ingest.plaintext import parse_plain_text
from guidebot.ingest.webpage import byline_author, parse_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

MARKDOWN = """+++
title = "Night Sky Basics"
author = "R. Quill"
+++
# Night Sky Basics

{% include banner.html %}Stargazing needs dark skies &amp; patience, as this test guide explains.

## Equipment

- Binoculars with a wide field of view,
  steadied on a tripod.

  A second paragraph of the same item.
- A red torch &ndash; it keeps your night vision.

| Object | Best month |
|---|---|
| Orion | January |
| Lyra | August |

### Star Charts {{< figure src="x.png" >}}

Charts printed on matte paper do not glare under a torch.
"""


def test_markdown_is_read_by_a_real_parser():
    article = parse_markdown(MARKDOWN)
    assert (article.title, article.author) == ("Night Sky Basics", "R. Quill")  # TOML front matter
    assert article.intro == ["Stargazing needs dark skies & patience, as this test guide explains."]
    equipment, charts = article.sections
    assert (equipment.level, charts.level, charts.heading) == (2, 3, "Star Charts")
    assert equipment.blocks == [
        "- Binoculars with a wide field of view, steadied on a tripod. A second paragraph of "
        "the same item.\n- A red torch – it keeps your night vision.",
        "- Object: Orion; Best month: January\n- Object: Lyra; Best month: August",
    ]
    assert any("template tag" in note for note in article.notes)


def test_a_script_in_markdown_is_dropped_with_its_content():
    article = parse_markdown(
        "# Returns\n\nRefunds take 10 days. <script>alert('x')</script> Ask us.\n"
    )
    assert article.intro == ["Refunds take 10 days. Ask us."]
    # a tag named in the text, never closed, hides nothing after it
    named = parse_markdown("# Tips\n\nAdd a <script> tag, then follow our <style-guide> rules.\n")
    assert named.intro == ["Add a tag, then follow our rules."]


PAGE = """<!DOCTYPE html><html><head><title>Composting at Home | Green Test Site</title>
<meta name="author" content="Ada Fernleaf"><link rel="canonical" href="https://example.org/compost">
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li></ul></nav>
<article>
<h1>Composting at Home</h1>
<p class="byline">By Ada Fernleaf</p>
<p>A compost heap turns kitchen scraps into soil in about six months when it is kept moist.</p>
<h2>What can go in the heap?</h2>
<p>Vegetable peelings, coffee grounds and dry leaves all break down well; see the
<a href="https://example.org/list">full list</a> for more.</p>
<table><tr><th>Material</th><th>Weeks</th></tr><tr><td>Peelings</td><td>8</td></tr></table>
<h3>What should stay out?</h3>
<p>Meat, dairy and oily food attract pests and should never go in a home heap.</p>
</article>
<aside><h3>You may also like</h3><p>Ten houseplants that survive anything</p></aside>
<div class="share">Share on Facebook Share on Twitter</div>
<footer>Copyright Green Test Site</footer>
</body></html>"""


def test_a_web_page_gives_its_main_content_only():
    article = parse_html(PAGE)
    assert article.title == "Composting at Home"
    assert article.author == "Ada Fernleaf"
    assert [(s.heading, s.level) for s in article.sections] == [
        ("What can go in the heap?", 2),
        ("What should stay out?", 3),
    ]
    text = repr(article)
    for junk in ("cookies", "Shop", "houseplants", "Share on", "Copyright"):
        assert junk not in text, junk
    heap = article.sections[0].blocks
    assert "full list (https://example.org/list)" in heap[0]  # links keep their address
    assert heap[1] == "- Material: Peelings; Weeks: 8"  # tables row by row, cells named


def test_a_web_page_s_links_keep_only_addresses_a_reader_can_follow():
    """A link to a place on the page or to a path of a site the page does not name is its
    words alone; a path is resolved against the page's own address when it names one."""
    body = (
        '<article><h1>Bikes</h1><h2>Help</h2><p>Scroll down to <a href="#contact">Contact '
        'us</a> or see the <a href="/business">business page</a>. Email <a href="mailto:'
        'help@bikes.example">help@bikes.example</a> or read the <a href="https://example.org'
        '/terms">terms</a>, in full for a ride to be insured and the bike to be yours to '
        "keep.</p></article>"
    )
    unnamed = parse_html(f"<html><body>{body}</body></html>").sections[0].blocks[0]
    assert unnamed.startswith(
        "Scroll down to Contact us or see the business page. Email help@bikes.example or "
        "read the terms (https://example.org/terms)"
    )
    canonical = '<link rel="canonical" href="https://bikes.example/help">'
    named = parse_html(f"<html><head>{canonical}</head><body>{body}</body></html>")
    assert "business page (https://bikes.example/business)" in named.sections[0].blocks[0]


def test_numbered_steps_keep_their_numbers_and_bullets_their_marks():
    """Steps in order stay numbered in the guide file as the source numbers them; a bulleted
    list nested in a step is part of it."""
    markdown = (
        "# Lost Devices\n\n## If it is stolen\n\n1. Change your password\n"
        "2. Report it\n   - to security\n\n- Keep the receipt\n\n3) Call the desk\n"
    )
    (section,) = parse_markdown(markdown).sections
    assert section.blocks == [
        "1. Change your password\n2. Report it to security",
        "- Keep the receipt",
        "3. Call the desk",  # a list that starts at 3 goes on from the first
    ]
    page = (
        "<html><body><main><h1>Lost Devices</h1><p>" + "Devices go missing. " * 20 + "</p>"
        "<h2>If it is stolen</h2><p>Act at once.</p><ol><li>Change your password</li>"
        "<li>Report it to campus security</li></ol><ul><li>Keep the receipt</li></ul>"
        "<p>" + "The desk can help. " * 20 + "</p></main></body></html>"
    )
    blocks = parse_html(page).sections[0].blocks
    assert "1. Change your password\n2. Report it to campus security" in blocks
    assert "- Keep the receipt" in blocks
    # a list inside a step is that step's words, not steps of its own
    nested = page.replace(
        "<li>Change your password</li>", "<li>Change it<ul><li>now</li></ul></li>"
    )
    blocks = parse_html(nested).sections[0].blocks
    assert "1. Change it now\n2. Report it to campus security" in blocks
    assert parse_markdown("# T\n\n## S\n\n0. zero\n1. one\n").sections[0].blocks == [
        "0. zero\n1. one"
    ]


def test_plain_text_numbered_and_capital_headings():
    text = (
        "Bicycle Care\n\nA short test article about looking after a bicycle at home.\n\n"
        "1. Cleaning\n\nWash the frame with warm soapy water and dry it with a cloth.\n\n"
        "1.1 Chain\n\nDegrease the chain, then oil every link and wipe off the excess.\n\n"
        "STORAGE\n\nKeep the bicycle indoors and out of the rain through the winter.\n"
    )
    article = parse_plain_text(text)
    assert [(s.heading, s.level) for s in article.sections] == [
        ("1. Cleaning", 2),
        ("1.1 Chain", 3),
        ("STORAGE", 2),
    ]


def test_a_heading_with_its_text_right_under_it_is_still_a_heading():
    text = (
        "Bike Care\n\nWhy does saddle height matter?\nA low saddle strains your knees.\n\n"
        "HOW OFTEN TO OIL\nEvery two weeks in winter.\n\n"
        "Summary\n- Keep it clean.\n- Keep it oiled.\n\n"
        "The Main Street Shop\nis open every day, and this wrapped line stays text.\n"
    )
    article = parse_plain_text(text)
    assert [s.heading for s in article.sections] == [
        "Why does saddle height matter?",
        "HOW OFTEN TO OIL",
        "Summary",
    ]
    assert article.sections[0].blocks == ["A low saddle strains your knees."]
    assert article.sections[2].blocks[-1].startswith("The Main Street Shop is open every day")


@pytest.mark.parametrize("title_line", [[], ["Shop Mechanic"]])
def test_the_byline_takes_its_own_lines_only(title_line):
    """The author's job title is the line right after "by ...", when there is one: never a
    heading further on, and the introduction in between is kept."""
    text = "\n\n".join(
        [
            "Winter Cycling Basics",
            "by Sam Rider",
            *title_line,
            "Riding a bike through winter is easier than it sounds with the right preparation.",
            "WHAT TO WEAR\nDress in layers and cover your hands.",
            "Tires",
            "Use studded tires on ice.",
        ]
    )
    article = parse_plain_text(text)
    assert article.author == "Sam Rider"
    assert article.author_title == "".join(title_line)
    assert article.intro == [
        "Riding a bike through winter is easier than it sounds with the right preparation."
    ]
    assert [s.heading for s in article.sections] == ["WHAT TO WEAR", "Tires"]


@pytest.mark.parametrize("heading", ["WHAT TO WEAR", "1. What To Wear"])
def test_a_heading_shaped_line_under_the_byline_stays_a_heading(heading):
    """Right under "by ...", a line in capitals or a numbered line is the first heading, not
    the author's job title."""
    text = "\n\n".join(
        ["Winter Cycling Basics", "by Sam Rider", heading, "Dress in layers.", "TIRES", "Studs."]
    )
    article = parse_plain_text(text)
    assert (article.author, article.author_title) == ("Sam Rider", "")
    assert [s.heading for s in article.sections] == [heading, "TIRES"]


def test_a_job_title_in_capitals_stays_one_where_headings_are_not_in_capitals():
    text = "\n\n".join(
        ["Winter Cycling Basics", "by Sam Rider", "CEO, BIKEWORKS", "Ride all year.", "Tires"]
    )
    article = parse_plain_text(text + "\n\nUse studs.")
    assert article.author_title == "CEO, BIKEWORKS"
    assert article.intro == ["Ride all year."]


def test_glued_contents_stay_contents_and_glued_related_links_stay_links():
    text = (
        "Bike Care\n\nContents\nWhy does saddle height matter?\nHow often to oil?\n\n"
        "Why does saddle height matter?\n\nA low saddle strains your knees.\n\n"
        "Related Articles\nHow to Choose a Bike\nWinter Riding Tips\n"
    )
    article = parse_plain_text(text)
    assert [s.heading for s in article.sections] == [
        "Why does saddle height matter?",
        "Related Articles",
    ]
    assert article.sections[-1].blocks == ["- How to Choose a Bike\n- Winter Riding Tips"]


def test_an_article_without_headings_is_one_section_with_a_note(tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("Shed Rules\n\nClose the shed door after use and lock it at night.\n")
    result = ingest([source], tmp_path / "kb")
    assert any("no headings found" in note for note in result.notes)


@pytest.mark.parametrize(
    "name", ["article.txt", "article.md", "article.html", "menu.html"], ids=str
)
def test_no_passage_of_any_fixture_is_empty_or_placeholder_text(tmp_path, name):
    source = tmp_path / name
    if name == "menu.html":
        links = "".join(f"<h2><a href='/p{i}'>Page {i}</a></h2>" for i in range(8))
        source.write_text(f"<html><body><h1>Site Menu</h1>{links}<p>Welcome.</p></body></html>")
    else:
        source.write_bytes((FIXTURES / name).read_bytes())
    try:
        result = ingest([source], tmp_path / "kb")
    except Exception as error:  # noqa: BLE001 - an article with no text may be refused
        assert "no text" in str(error)
        return
    bot = Bot(result.kb)
    for passage in bot.passages:
        assert passage.text.strip() and "no text in the source" not in passage.text


def test_a_table_without_a_header_row_keeps_its_cells_joined():
    page = PAGE.replace(
        "<table><tr><th>Material</th><th>Weeks</th></tr>",
        "<table><tr><td>Leaves</td><td>20</td></tr>",
    )
    heap = parse_html(page).sections[0].blocks
    assert heap[1] == "- Leaves | 20\n- Peelings | 8"


def test_a_header_alone_or_a_title_row_is_no_header_naming_cells():
    """A table of one header row keeps its words; a title spanning the columns names
    nothing (trafilatura gives it as a head row with empty cells)."""
    alone = PAGE.replace(
        "<table><tr><th>Material</th><th>Weeks</th></tr><tr><td>Peelings</td><td>8</td></tr>",
        "<table><tr><th>Material</th><th>Weeks</th></tr>",
    )
    assert parse_html(alone).sections[0].blocks[1] == "- Material | Weeks"
    titled = PAGE.replace(
        "<table><tr><th>Material</th><th>Weeks</th></tr>",
        "<table><tr><th colspan='2'>Times</th></tr><tr><td>Material</td><td>Weeks</td></tr>",
    )
    blocks = parse_html(titled).sections[0].blocks
    assert blocks[1:3] == ["Times", "- Material | Weeks\n- Peelings | 8"]


def test_a_header_over_nothing_but_empty_rows_keeps_its_words_in_markdown():
    """A pipe table whose rows are empty left nothing, and its heading went too."""
    text = "# Pool\n\nWelcome.\n\n## Lanes\n\n| Lane | Speed |\n|---|---|\n| | |\n"
    article = parse_markdown(text)
    assert [(s.heading, s.blocks) for s in article.sections] == [("Lanes", ["- Lane | Speed"])]
    assert article.notes == []


def test_a_captioned_table_keeps_its_header_naming_the_cells():
    """A caption is said before the table; the header row under it still names each cell
    (a newcomer's premium table came in as pipes because of its caption)."""
    captioned = PAGE.replace("<table>", "<table><caption>Composting times</caption>")
    blocks = parse_html(captioned).sections[0].blocks
    assert blocks[1:3] == ["Composting times", "- Material: Peelings; Weeks: 8"]


@pytest.mark.parametrize(
    ("given", "author"),
    [
        (
            "Dana Whitfield; People Operations · Updated January 6",
            "Dana Whitfield; People Operations",
        ),
        ("Ada Fernleaf | 5 min read", "Ada Fernleaf"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),  # a hyphen inside a name stays
        # trafilatura's author for a byline "Last updated: 3 March 2025": no one
        ("Last updated", ""),
        ("Updated on", ""),
        ("Page last reviewed", ""),  # the NHS's
        ("First published", ""),
        ("Date published", ""),
        ("", ""),
    ],
)
def test_a_byline_keeps_the_names_not_the_date_after_them(given, author):
    assert byline_author(given) == author


def test_a_byline_comes_as_the_page_writes_it_without_its_dates_label():
    """trafilatura splits a byline at "and" and commas and takes the date out, leaving its
    label: "By the Waste and Street Scene Team, Ashbourne Vale District Council. Last
    updated 3 February 2025." came out as below."""
    mangled = "The Waste; Street Scene Team; Ashbourne Vale District Council Last updated"
    page = (
        '<p class="byline">By the Waste and Street Scene Team, Ashbourne Vale District '
        "Council. Last updated 3 February 2025.</p>"
    )
    assert byline_author(mangled, page) == (
        "the Waste and Street Scene Team, Ashbourne Vale District Council"
    )
    assert byline_author(mangled) == "The Waste; Street Scene Team; Ashbourne Vale District Council"
    assert byline_author("Ann Lee; Bo Chan", "<p>By <a>Ann Lee</a> &amp; Bo Chan</p>") == (
        "Ann Lee & Bo Chan"
    )
    assert byline_author("Ann Lee Published on") == "Ann Lee"
    assert byline_author("Dr. Ann Lee; Published") == "Dr. Ann Lee"


def test_an_imported_web_pages_byline_is_its_author(tmp_path):
    page = (
        "<html><head><title>Bins</title></head><body><main><article><h1>Bins Guide</h1>"
        '<p class="byline">By the Waste and Street Scene Team, Vale Council. Last updated '
        "3 February 2025.</p>"
        + "".join(
            f"<h2>Topic {n}</h2><p>{'Bins are emptied on the same weekday every week. ' * 4}</p>"
            for n in range(3)
        )
        + "</article></main></body></html>"
    )
    article = parse_html(page)
    assert article.author == "the Waste and Street Scene Team, Vale Council"


def test_a_line_break_in_a_web_page_keeps_the_words_on_either_side_apart():
    page = (
        "<html><body><main><h1>Returns</h1><p>" + "Returns are easy. " * 20 + "</p>"
        "<h2>What you need</h2><p>Bring these:<br>- your order number<br>- photo ID<br>and "
        "nothing else. " + "We accept returns at every branch. " * 5 + "</p></main></body></html>"
    )
    text = " ".join(parse_html(page).sections[0].blocks)
    assert "Bring these: - your order number - photo ID and nothing else." in text


def test_html_blocks_in_a_markdown_article_are_read_as_text_not_dropped():
    """A Markdown guide with an address in a <p> block lost it; script, comment and image
    still leave nothing."""
    text = (
        "# Help\n\n## Contact\n\nCall us on <b>555-0100</b> any day.\n\n"
        "<p>Our office is at 1 Main St, open 9 to 5.</p>\n\n"
        "<script>alert(1)</script>\n\n<!-- hidden note -->\n\n<img src=x onerror=alert(2)>\n"
    )
    blocks = parse_markdown(text).sections[0].blocks
    assert blocks == ["Call us on 555-0100 any day.", "Our office is at 1 Main St, open 9 to 5."]
