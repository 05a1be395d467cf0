from guidebot.knowledge.passages import heading_slug
from guidebot.knowledge.slugs import UniqueIds, slugify


def test_slugify_keeps_words_drops_apostrophes_and_has_a_fallback():
    title = "2026 AI Master's Degree Careers in Manufacturing"
    assert slugify(title, words=8) == "2026-ai-masters-degree-careers-in-manufacturing"
    assert slugify(title, words=6) == "2026-ai-masters-degree-careers-in"
    assert slugify("Where can I get rid of paint?") == "where-can-i-get-rid-of-paint"
    assert slugify("Where can I get rid of sharps?") == "where-can-i-get-rid-of-sharps"
    assert slugify("???") == "entry" and slugify("???", fallback="") == ""


def test_a_long_question_ends_at_a_words_end_within_80_characters():
    long = "extraordinarily " * 4 + "complicated question"
    assert slugify(long) == "extraordinarily-" * 4 + "complicated"
    assert slugify("x" * 100) == "x" * 80


def test_unique_ids_count_up_and_record_what_they_gave():
    taken = UniqueIds({"a"})
    assert [taken.of("a"), taken.of("a"), taken.of("b")] == ["a-2", "a-3", "b"]
    assert taken.taken == {"a", "a-2", "a-3", "b"}
    taken.add("a-4")  # an id given as it is, after the count went past "a-3"
    assert taken.of("a") == "a-5" and "a-4" in taken


def test_unique_ids_skip_what_was_taken_in_the_gaps_as_before():
    taken = UniqueIds({"a", "a-2", "a-4"})
    assert [taken.of("a"), taken.of("a"), taken.of("a")] == ["a-3", "a-5", "a-6"]


def test_accents_are_dropped_not_their_letters():
    assert slugify("Is there a café?") == "is-there-a-cafe"
    assert slugify("Öffnungszeiten für Schüler") == "offnungszeiten-fur-schuler"
    assert heading_slug("Café hours") == "cafe-hours"
    assert slugify("Straße, Smørrebrød and Œuvre") == "strasse-smorrebrod-and-oeuvre"
