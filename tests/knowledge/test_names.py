"""The names a knowledge base uses, told by their capital letters in its running text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.names import capitalised_names, proper_names


def test_a_word_capitalised_inside_sentences_and_never_in_lower_case_is_a_name():
    names = proper_names(
        [
            "Our shop in Wexbridge opens on Saturday. Parking is free.",
            "Bring your bike to Wexbridge's workshop; the parking is behind it.",
        ]
    )
    assert names == {"wexbridge", "saturday"}  # "parking" is also written in lower case


def test_a_sentence_s_first_word_tells_nothing():
    """A sentence begins after . ! ? : ; a line break or a table cell's edge."""
    text = "Repairs take a day. Prices: Mountain bikes cost more.\nServices | Hire"
    assert proper_names([text]) == frozenset()


def test_a_bullet_or_a_bracket_does_not_hide_a_sentence_s_first_word():
    texts = [
        "- Bring photo ID to the desk.",
        "1) Turn off the stopcock",
        "(Pets welcome.) Our Club",
    ]
    assert proper_names(texts) == {"club"}


def test_addresses_and_short_words_are_left_out():
    """A link or an address writes a name in lower case; it does not make the name a word.
    "I" and "UK" are too short to tell."""
    text = "Write to hire@wexbridge.co.uk or visit Wexbridge Cycles, UK. I reply daily."
    assert proper_names([text]) == {"wexbridge", "cycles"}


@given(st.lists(st.text(max_size=60), max_size=5))
def test_every_name_is_lower_case_and_never_written_so(texts):
    for name in proper_names(texts):
        assert name == name.lower() and len(name) >= 3
        assert all(f" {name} " not in f" {t} " for t in texts)


def test_a_knowledge_base_s_names_come_from_its_paragraphs_and_answers(make_knowledge):
    root = make_knowledge(
        {
            "guides/shop.md": "---\ntitle: Riverside Cycles\n---\n## Opening Hours\n"
            "We open in Wexbridge every day but Sunday.\n",
            "faq/shop.yaml": "- question: Where Do You Deliver?\n"
            "  answer: Anywhere within ten miles of the Haulwell depot.\n",
        }
    )
    assert capitalised_names(load_knowledge(root)) == {"wexbridge", "sunday", "haulwell"}
