from guidebot.search.analysis import Analyzer, normalise, words


def test_words_normalise_case_accents_possessives_and_numbers():
    assert words("Master's RÉSUMÉ $145,000 and 1.5 years") == [
        "master",
        "resume",
        "145000",
        "and",
        "1.5",
        "years",
    ]
    assert normalise("ＡＩ") == "ai"  # full-width letters fold to ASCII


def test_terms_drop_stop_words_and_stem():
    assert Analyzer().terms("What are the careers in manufacturing?") == ["career", "manufactur"]


def test_synonyms_rewrite_to_canonical_phrase_and_shorthand_completes_phrases():
    analyzer = Analyzer(
        [
            ["salary", "pay", "wage"],
            ["machine learning", "ml"],
            ["duration", "how long"],
            ["how", "hw"],
        ]
    )
    assert analyzer.terms("ML pay") == ["machin", "learn", "salari"]
    assert analyzer.terms("hw long is it") == ["durat"]


def test_other_scripts_and_emoji_do_not_break_analysis():
    assert Analyzer().terms("日本語 😀 Ελληνικά") == ["日本語", "ελληνικα"]


def test_small_numbers_match_in_words_or_digits():
    analyzer = Analyzer()
    assert analyzer.terms("within six months") == analyzer.terms("within 6 months")
    assert analyzer.terms("six months") == ["6", "month"]
