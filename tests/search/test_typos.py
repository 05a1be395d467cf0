from guidebot.search.analysis import Analyzer
from guidebot.search.repairs import Repair
from guidebot.search.typos import TypoRepairer

VOCAB = ["salary", "career", "manufacturing", "tuition", "online", "law", "lab", "data"]


def repair(words):
    analyzer = Analyzer()
    known = {analyzer.stem(w) for w in VOCAB}
    return TypoRepairer(dict.fromkeys(VOCAB, 1), known, analyzer).repair(words)


def test_common_misspellings_are_repaired_and_reported():
    fixed, repairs = repair(["salry", "carreer", "manufactring", "tution"])
    assert fixed == ["salary", "career", "manufacturing", "tuition"]
    assert repairs[0] == Repair("salry", "salary")


def test_short_known_and_far_words_are_left_alone():
    assert repair(["law", "laws", "onlines", "xyzzy", "the"]) == (
        ["law", "laws", "onlines", "xyzzy", "the"],
        [],
    )


def test_a_short_word_with_two_letters_swapped_is_read_as_the_one_word_it_gives():
    analyzer = Analyzer()
    vocab = ["bank", "card", "what", "salary"]
    repairer = TypoRepairer(dict.fromkeys(vocab, 1), {analyzer.stem(w) for w in vocab}, analyzer)
    fixed, repairs = repairer.repair(["waht", "teh", "bnak", "hwo", "xq", "dog", "ev", "ot"])
    # "hwo" swaps to "who" and to "how": no guess; "dog" is no slip of anything known; "ev"
    # (as in "ev charging") swaps only to what is left of a contraction ("i've"): no word
    assert fixed == ["what", "the", "bank", "hwo", "xq", "dog", "ev", "to"]
    assert [r.original for r in repairs] == ["waht", "teh", "bnak", "ot"]


def test_a_short_word_missing_a_letter_is_read_as_the_one_word_it_gives():
    """ "renw" is "renew" with a letter left out; "crd" could be "card" or "cord": no
    guess. A swap is tried first ("teh" is "the", not "tech"); an abbreviation is no word
    with a letter left out of a stop word ("hrs" is not "hers"), nor a word of two letters
    ("hr")."""
    analyzer = Analyzer()
    vocab = ["renew", "card", "cord", "tech", "hour", "most", "hers"]  # stop words it uses too
    repairer = TypoRepairer(dict.fromkeys(vocab, 1), {analyzer.stem(w) for w in vocab}, analyzer)
    fixed, repairs = repairer.repair(["renw", "crd", "teh", "hrs", "hr", "mos"])
    assert fixed == ["renew", "crd", "the", "hrs", "hr", "mos"]
    assert [r.original for r in repairs] == ["renw", "teh"]


def test_a_word_is_read_as_the_knowledge_writes_it_hyphenated_or_joined():
    """ "wifi" where the knowledge writes "wi-fi" (even an English word: it is no typo), and
    "wi fi" or "e mail" where it writes "email"; two words it knows stay apart."""
    analyzer = Analyzer()
    vocabulary = ["wi", "fi", "email", "data", "online", "on", "line"]
    repairer = TypoRepairer(
        dict.fromkeys(vocabulary, 1),
        {analyzer.stem(w) for w in vocabulary},
        analyzer,
        english={"wifi"},
        compounds={"wifi": "wi-fi"},
    )
    assert repairer.repair(["free", "wifi"]) == (
        ["free", "wi", "fi"],
        [Repair("wifi", "wi-fi")],
    )
    assert repairer.repair(["wifis"]) == (["wi", "fis"], [Repair("wifis", "wi-fis")])
    plural_only = TypoRepairer(
        dict.fromkeys(["e", "bikes"], 1), {"e", "bike"}, analyzer, compounds={"ebikes": "e-bikes"}
    )
    # "ebike" where the knowledge writes only "e-bikes": the singular of its compound
    assert plural_only.repair(["ebike"]) == (["e", "bike"], [Repair("ebike", "e-bike")])
    covers = TypoRepairer(
        dict.fromkeys(["re", "covers"], 1),
        {"re", "cover"},
        analyzer,
        english={"recover"},
        compounds={"recovers": "re-covers"},
    )
    # an English word is itself, not the singular of a compound: "recover" beside "re-covers"
    assert covers.repair(["recover"]) == (["recover"], [])
    assert repairer.repair(["wi", "fi", "and", "e", "mail"]) == (
        ["wi", "fi", "and", "email"],
        [Repair("e mail", "email")],
    )
    assert repairer.repair(["on", "line"]) == (["on", "line"], [])
    joined = TypoRepairer(
        dict.fromkeys(["away", "issue", "login"], 1),
        {"away", "issu", "login"},
        analyzer,
        {"way", "sue", "log"},
    )
    assert joined.repair(["a", "way", "is", "sue"]) == (["a", "way", "is", "sue"], [])
    assert joined.repair(["log", "in"]) == (["login"], [Repair("log in", "login")])


def test_a_word_english_lacks_is_read_as_two_the_knowledge_writes_side_by_side():
    """ "satnav" where the knowledge writes "sat nav"; not two words it only uses apart, nor
    a word English has ("carpet" beside "car" and "pet")."""
    analyzer = Analyzer()
    vocabulary = ["sat", "nav", "car", "pet", "park", "postcode"]
    side_by_side = {("sat", "nav"), ("car", "pet")}
    repairer = TypoRepairer(
        dict.fromkeys(vocabulary, 1),
        {analyzer.stem(w) for w in vocabulary},
        analyzer,
        english={"carpet", "carpark"},
        together=lambda first, second: (first, second) in side_by_side,
    )
    assert repairer.repair(["satnav", "postcode"]) == (
        ["sat", "nav", "postcode"],
        [Repair("satnav", "sat nav")],
    )
    assert repairer.repair(["carpet"]) == (["carpet"], [])
    assert repairer.repair(["parkcar"]) == (["parkcar"], [])


def test_a_typo_of_another_form_of_a_word_the_knowledge_uses_is_read_as_that_form():
    """ "rucksak" is two edits from the "rucksacks" a guide writes but one from "rucksack",
    an English form of the same term; "retun" is "return" where it writes "returns". Only
    one term will do: "naker" is "baker" and "maker", both used. With counts, only the
    commonest neighbour is read: "finaly" is "finally", which it does not use, never the
    "finely" it does."""
    analyzer = Analyzer()
    vocab = ["rucksacks", "returns", "returning", "bakers", "makers"]
    english = {"rucksack", "return", "baker", "maker", "rerun", "retune"}
    repairer = TypoRepairer(
        dict.fromkeys(vocab, 1), {analyzer.stem(w) for w in vocab}, analyzer, english
    )
    fixed, repairs = repairer.repair(["rucksak", "retun", "naker", "rucksack"])
    assert fixed == ["rucksack", "return", "naker", "rucksack"]
    assert repairs == [Repair("rucksak", "rucksack"), Repair("retun", "return")]


def test_only_the_commonest_english_neighbour_is_another_form(tmp_path):
    from guidebot.search.english import EnglishWords

    analyzer = Analyzer()
    vocab = ["fines", "rucksacks"]  # "finely" is a form of "fines" term
    english = EnglishWords(tmp_path)
    repairer = TypoRepairer(
        dict.fromkeys(vocab, 1), {analyzer.stem(w) for w in vocab}, analyzer, english
    )
    fixed, repairs = repairer.repair(["finaly", "rucksak"])
    assert fixed == ["finaly", "rucksack"] and len(repairs) == 1


def test_a_rare_english_word_next_to_a_much_commoner_one_the_knowledge_writes_is_a_slip():
    """ "corse" is English only as rarely as a slip (17.3 nats) and "course" (8.2), one edit
    off, is what was meant; of "shool"'s neighbours the commonest, "school" (8.6), not
    "shoot" (8.8). "form" (9.8) is no slip for "from" (5.7), nor is the name "greta" (15.7)
    for "great"; "halving" (17.3) is not read as the stop word "having", "bather" not as
    "father" (another first letter), "cark" (four letters, as short as many real words'
    neighbours) not as "care"."""
    from guidebot.search.english import EnglishWords

    analyzer = Analyzer()
    vocab = ["course", "from", "form", "great", "having", "father", "care", "shoot", "school"]
    known = {analyzer.term_of(w) for w in vocab} - {None}
    repairer = TypoRepairer(dict.fromkeys(vocab, 1), known, analyzer, EnglishWords(None))
    asked = ["corse", "shool", "form", "greta", "halving", "bather", "cark"]
    fixed, repairs = repairer.repair(asked)
    assert fixed == ["course", "school", "form", "greta", "halving", "bather", "cark"]
    assert repairs == [Repair("corse", "course"), Repair("shool", "school")]


def test_a_word_in_the_other_standard_s_spelling_is_read_as_the_knowledge_writes_it():
    """No typo, so no note: "center" where the knowledge writes "centre", "organize" where
    it writes "organising" (its stem); a word it writes as asked is left alone."""
    analyzer = Analyzer()
    vocab = ["centre", "organising", "color"]
    known = {analyzer.stem(w) for w in vocab}
    repairer = TypoRepairer(dict.fromkeys(vocab, 1), known, analyzer)
    fixed, repairs = repairer.repair(["center", "organizing", "colour", "color"])
    assert fixed == ["centre", "organising", "color", "color"]
    assert [r.noted for r in repairs] == [False, False, False]


def test_a_clipped_word_is_read_as_the_word_the_knowledge_writes_whole():
    from guidebot.search.english import EnglishWords

    vocab = ["postgraduates", "postgraduate", "administration", "passport", "undergraduates"]
    analyzer = Analyzer()
    known = {analyzer.term_of(w) for w in vocab} - {None}
    repairer = TypoRepairer(dict.fromkeys(vocab, 1), known, analyzer, EnglishWords(None))
    fixed, repairs = repairer.repair(["postgrads", "admin", "undergrads", "pass", "adm"])
    # "pass" is a common English word in its own right; "adm" too short to tell
    assert fixed == ["postgraduates", "administration", "undergraduates", "pass", "adm"]
    assert Repair("postgrads", "postgraduates", noted=False) in repairs


def test_a_word_with_another_first_letter_is_a_name_not_a_slip():
    """ "gmail" is a letter from "email" and from "mail", at its start: few slips change the
    first letter (keyboard.py first_letter_changed), so it is left as the name it is, and no
    farther word takes the blocked one's place ("bassword" is not "passwords", two edits
    off). A slip past the first letter ("emial"), a swap of the first two letters
    ("apssword") and a first key's neighbour ("oassword", "dalary") are still read."""
    analyzer = Analyzer()
    vocab = ["email", "mail", "password", "passwords", "salary"]
    repairer = TypoRepairer(dict.fromkeys(vocab, 1), {analyzer.stem(w) for w in vocab}, analyzer)
    typed = ["gmail", "bassword", "galary", "emial", "apssword", "oassword", "dalary"]
    fixed, _ = repairer.repair(typed)
    assert fixed == ["gmail", "bassword", "galary", "email", "password", "password", "salary"]


def test_a_longer_stop_word_with_two_letters_swapped_is_read_as_it():
    """ "abuot" and "becuase" are no words the knowledge writes, nor near one; the slip
    gives back a stop word, which then names nothing (rather than an unknown term)."""
    fixed, repairs = repair(["complaint", "abuot", "tuition", "becuase"])
    assert fixed == ["complaint", "about", "tuition", "because"]
    assert [r.replacement for r in repairs] == ["about", "because"]
