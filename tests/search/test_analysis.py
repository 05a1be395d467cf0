import re

import snowballstemmer
from hypothesis import given
from hypothesis import strategies as st

from guidebot.search.analysis import TOKEN_PATTERN, Analyzer, contracted, normalise, words


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


def test_the_numbers_of_list_items_are_no_words():
    found = words("Steps:\n1. Pay 2 pounds.\n 2) Wait 3. Or not")
    assert found == ["steps", "pay", "2", "pounds", "wait", "3", "or", "not"]
    assert words("1. Pay") == ["pay"]  # a passage of one step
    assert words("2.5 years, 10 years") == ["2.5", "years", "10", "years"]


def test_terms_drop_stop_words_and_stem():
    assert Analyzer().terms("What are the careers in manufacturing?") == ["career", "manufactur"]


def test_irregular_plurals_meet_their_singulars():
    """Snowball strips suffixes, so "children" never met "child": "and for a child?" after a
    railcard question found nothing in "children aged 5 to 15 travel at half fare"."""
    analyzer = Analyzer()
    pairs = [("child", "children"), ("woman", "women"), ("tooth", "teeth")]
    pairs += [("bus", "buses"), ("gas", "gases"), ("alias", "aliases"), ("canvas", "canvases")]
    pairs += [("lens", "lenses"), ("synopsis", "synopses")]
    for singular, plural in pairs:
        assert analyzer.terms(plural) == analyzer.terms(singular), plural
    assert analyzer.terms("childrens") == analyzer.terms("child")
    # a plural that is also a verb's form, or a word of its own, stays apart: "the lab
    # analyses soil" still meets "analysed"
    assert analyzer.terms("lives") != analyzer.terms("life")
    assert analyzer.terms("analyses") == analyzer.terms("analysed")
    assert analyzer.terms("people") != analyzer.terms("person")


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


def _words_token_by_token(text: str) -> list[str]:
    """The definition words() must keep: clean each token on its own, once the numbers of
    list items at the starts of lines are gone (in text of several lines)."""
    text = re.sub(r"(?m)^[ \t]*(?:\d{1,3}[.)][ \t]+)+", "", normalise(text))
    out = []
    for token in re.findall(TOKEN_PATTERN, text):
        if token[0].isdigit():
            out.append(re.sub(r"(?<=\d),(?=\d{3})", "", token))
        else:
            token = token.replace("’", "'")
            out.append(token[:-2] if token.endswith("'s") else token.replace("'", ""))
    return out


@given(st.text(alphabet="ab's’,.1 9\n-Éé", max_size=40))
def test_whole_text_cleaning_equals_cleaning_each_token(text):
    assert words(text) == _words_token_by_token(text)


@given(st.text(alphabet="aBz's,.1 9\n-_", max_size=40))
def test_ascii_text_gives_the_words_the_unicode_pattern_gives(text):
    assert words(text) == _words_token_by_token(text)


@given(st.lists(st.sampled_from("how long u r the is it's cost costs 2 two".split()), max_size=12))
def test_terms_of_words_equals_one_word_at_a_time(surface):
    analyzer = Analyzer([("how long", "hw long"), ("you", "u")])
    fresh = Analyzer([("how long", "hw long"), ("you", "u")])
    one_by_one = [t for w in fresh.apply_synonyms(surface) for t in fresh.terms_of_words([w])]
    assert analyzer.terms_of_words(surface) == one_by_one


def test_term_of_and_may_rewrite_agree_with_terms():
    analyzer = Analyzer([("duration", "how long"), ("how", "hw"), ("salary", "pay")])
    assert [analyzer.term_of(w) for w in ("the", "six", "careers")] == [None, "6", "career"]
    rewriting = [w for w in ("hw", "how", "long", "pay", "salary") if analyzer.may_rewrite(w)]
    assert rewriting == ["hw", "how", "pay"]  # a single-word synonym or a phrase's first word
    for text in ("how long", "hw long", "long pay", "the salary"):
        changed = analyzer.apply_synonyms(words(text)) != words(text)
        assert changed <= any(map(analyzer.may_rewrite, words(text)))


def test_stems_are_the_stemmers_own():
    """Switching PyStemmer's cache off (Analyzer memoises stems itself) changes no stem."""
    forms = [stem + end for stem in ("career", "manufactur", "run") for end in ("s", "ing", "ed")]
    stemmer = snowballstemmer.stemmer("english")
    analyzer = Analyzer()
    assert [analyzer.stem(w) for w in forms] == [stemmer.stemWord(w) for w in forms]


def test_a_contraction_is_a_stop_word_and_its_ending_run_together():
    for word in ("youre", "theyve", "shes", "wasnt", "itll"):
        assert contracted(word), word
    for word in ("your", "parking", "sofa", "", "s"):
        assert not contracted(word), word


def test_a_contraction_typed_without_its_apostrophe_is_no_term():
    """ "any discount if weve stayed before" asks about staying, not about "weve"; "he's"
    and "hes", "they've" and "theyve" are read alike. English words spelt as contractions
    are ("ill", "well", "shed")."""
    analyzer = Analyzer()
    assert analyzer.terms("any discount if weve stayed before") == analyzer.terms(
        "any discount if stayed before"
    )
    assert analyzer.terms("hes theyve havent wasnt youre it'll shouldve whod aint") == []
    assert analyzer.terms("he's ill, well, in the shed") == analyzer.terms("ill well shed")
