from guidebot.search.sentences import asking_sentences, sentences


def test_sentences_end_at_stops_and_line_breaks_but_not_abbreviations():
    assert sentences("Born in the U.S. in 1990. Moved on.\nThen home") == [
        "Born in the U.S. in 1990.",
        "Moved on.",
        "Then home",
    ]


def test_a_list_is_one_sentence_an_item_and_its_lead_in_goes_with_the_first():
    text = "To book:\n1. Go to the site.\n2. Pay by card\n- keep the receipt"
    assert sentences(text) == ["To book: Go to the site.", "Pay by card", "- keep the receipt"]


def test_the_asking_sentences_follow_the_story():
    assert asking_sentences("I work nights. Is it online?") == ["Is it online?"]
    assert asking_sentences("Is it online?") == []
