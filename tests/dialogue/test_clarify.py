"""Which sections a short question fits about equally well (dialogue/clarify.py)."""

from __future__ import annotations

import dataclasses

from guidebot.bot import Bot
from guidebot.dialogue.clarify import close_sections, weigh_vague
from guidebot.search.results import Hit
from tests.conftest import REPAIRS_GUIDE

GUIDE = """---
title: Bins
---
## Electrical items
Small items such as kettles and toasters go in a bag beside the blue bin.

## Which bin
The blue bin takes cans and paper; the black bin everything else.

## Descaling
Descale a kettle with vinegar before you put it out.
"""


def test_a_section_holding_no_word_of_a_one_word_question_is_no_choice(make_knowledge):
    """ "kettle" held by one section, another close to it in meaning alone (as fusing in
    the word vectors may put it): answered, not asked back; two sections holding the word
    are a choice."""
    bot = Bot.load(make_knowledge({"guides/bins.md": GUIDE}))
    result = bot.retriever.search("kettle", k=5)
    best = result.hits[0]

    row, passage = next((n, p) for n, p in enumerate(bot.passages) if p.section == "Which bin")
    by_meaning = Hit(passage, 0.95 * best.score, (), row)  # close in meaning alone
    other = next(h for h in result.hits[1:] if h.matched)  # no heading names the word
    by_word = dataclasses.replace(other, score=0.95 * best.score)
    alone = dataclasses.replace(result, hits=(best, by_meaning))
    assert close_sections(bot.context, (), "kettle", alone) == [best.passage.section]
    two = dataclasses.replace(result, hits=(best, by_word))
    assert len(close_sections(bot.context, (), "kettle", two)) == 2


LIBRARY_LIFT = {
    "guides/library.md": """---
title: Library
---
## Accessibility
There is a lift to every floor, and ramps at both entrances. Ask at the desk for help.

## Printing
Printing costs 5p a page in black and white.
""",
    "faq/faq.yaml": """
- question: Why is my account blocked?
  answer: Fines over £10 block borrowing; the block is lifted as soon as you have paid them.
""",
}


def test_a_word_another_passage_holds_only_in_another_form_is_no_choice(make_knowledge):
    """ "is there a lift" is about the lift; the entry saying a block is "lifted" holds the
    stem, not the word: close in score (as at a library whose sections ran longer), it is
    still not offered beside it. A passage holding the word itself is."""
    bot = Bot.load(make_knowledge(LIBRARY_LIFT))
    question = "is there a lift"
    result = bot.retriever.search(question, k=5)
    best, lifted = result.hits[0], result.hits[1]
    assert best.passage.section == "Accessibility" and lifted.passage.kind == "faq"
    close = dataclasses.replace(lifted, score=0.95 * best.score)
    assert close_sections(
        bot.context, (), question, dataclasses.replace(result, hits=(best, close))
    ) == ["Accessibility"]
    row, printing = next((n, p) for n, p in enumerate(bot.passages) if p.section == "Printing")
    holding = Hit(printing, 0.95 * best.score, ("lift",), row)
    two = dataclasses.replace(result, hits=(best, holding))
    assert len(close_sections(bot.context, (), question, two)) == 2


STORAGE = """---
title: Storage
---
## Deposits, payment and late fees
A deposit of one week's rent is due when you move in. Rent is taken every four weeks; a
late fee applies to rent paid late.

### Late payment fees
If rent is 7 days late we add a £20 late fee, and a further £20 fee at 28 days.

## Van hire
The van costs £45 for half a day, and a £10 cleaning fee if it comes back dirty.
"""


def test_a_section_and_its_own_sub_section_are_no_choice(make_knowledge):
    """A question fitting the section on payments and its own sub-section on late fees
    about equally (as a follow-up's reading may put them) is no choice: the sub-section is
    part of the section. Two sections side by side are one."""
    bot = Bot.load(make_knowledge({"guides/storage.md": STORAGE}))
    question = "what fee is charged"
    result = bot.retriever.search(question, k=5)

    def at(section: str, share: float) -> Hit:
        hit = next(h for h in result.hits if h.passage.section == section)
        return dataclasses.replace(hit, score=share * result.hits[0].score)

    best = at("Late payment fees", 1.0)
    parent = dataclasses.replace(result, hits=(best, at("Deposits, payment and late fees", 0.97)))
    assert close_sections(bot.context, (), question, parent) == ["Late payment fees"]
    beside = dataclasses.replace(result, hits=(best, at("Van hire", 0.97)))
    assert close_sections(bot.context, (), question, beside) == ["Late payment fees", "Van hire"]


def test_weigh_vague_asks_back_only_for_a_vague_question_that_names_little(make_knowledge):
    """A bare "kettle" that two sections hold is asked back about; the same question marked
    not vague (a follow-up, say) is answered with no choices; a longer question that fits
    the same two is answered, the other section kept to offer as "see also"."""
    bot = Bot.load(make_knowledge({"guides/bins.md": GUIDE}))
    result = bot.retriever.search("kettle", k=5)
    _, close, ask_back = weigh_vague(bot.context, (), "kettle", result, vague=True)
    assert ask_back and set(close) == {"Electrical items", "Descaling"}
    assert weigh_vague(bot.context, (), "kettle", result, vague=False) == (result, [], False)
    longer = "which bag does an old kettle with vinegar go in"
    _, close, ask_back = weigh_vague(
        bot.context, (), longer, bot.retriever.search(longer, k=5), vague=True
    )
    assert not ask_back


REPAIRS = {
    "guides/repairs.md": REPAIRS_GUIDE,
    "faq/faq.yaml": """
- question: How much is a basic service?
  answer: A basic service costs £45 and includes a safety check.
- question: Do I need to book?
  answer: Bookings are recommended; punctures are walk-in.
""",
}


def test_a_heading_does_not_lead_a_question_asking_for_what_it_does_not_give(make_knowledge):
    """ "how much is a service" names the heading "Services we offer" by its one term, but
    asks for a price in other words: the entry stating one answers, not the section that
    has none. Asked as the word alone ("services?") the section leads."""
    bot = Bot.load(make_knowledge(REPAIRS))
    priced = bot.conversation().ask("how much is a service")
    assert priced.kind == "answer"
    assert priced.sources[0].question == "How much is a basic service?"
    bare = bot.conversation().ask("services?")
    assert bare.kind == "answer" and bare.sources[0].section == "Services we offer"


JOBS = {
    "guides/careers.md": """---
title: Careers
---
## Job titles
Graduates work as data engineers, analysts and automation leads.

## Job outlook
Openings for these jobs are expected to grow over the next ten years.
""",
    "faq/faq.yaml": """
- question: What jobs can I get?
  answer: Most graduates become data engineers or automation leads.
- question: Will there be jobs in ten years?
  answer: Openings are expected to grow over the next decade.
""",
}


def test_an_entry_asked_in_its_words_with_function_words_after_them_is_answered(make_knowledge):
    """ "what jobs can i get with it" is the entry "What jobs can I get?" with "with it"
    after: answered with that entry, though "job" names two headings, as the entry's own
    wording is."""
    bot = Bot.load(make_knowledge(JOBS))
    for question in ("what jobs can i get", "what jobs can i get with it"):
        reply = bot.conversation().ask(question)
        assert reply.kind == "answer", question
        assert reply.sources[0].question == "What jobs can I get?"
