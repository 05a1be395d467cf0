from guidebot.search.repairs import Repair, as_repaired


def test_the_text_as_repaired_replaces_whole_words_in_any_case():
    repairs = [Repair("tution", "tuition"), Repair("salry", "salary")]
    text = "Tution and salry? tution-fees, untution"
    assert as_repaired(text, repairs) == "tuition and salary? tuition-fees, untution"
    assert as_repaired(text, []) == text


def test_the_text_as_repaired_is_one_pass_and_falls_back_to_the_fixed_words():
    chained = [Repair("salry", "salary"), Repair("salary", "wage")]
    assert as_repaired("salry salary", chained) == "salary wage"  # no repair of a repair
    special = [Repair("c++", "cpp")]
    assert as_repaired("learn c++ first", special) == "learn cpp first"
    accented = [Repair("tution", "tuition")]
    fixed = ["tuition", "range"]
    assert as_repaired("Tutíon range?", accented, fixed) == "tuition range"
    assert as_repaired("Tutíon range?", accented) == "Tutíon range?"
