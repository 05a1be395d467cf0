from guidebot.knowledge.passages import heading_slug
from guidebot.knowledge.slugs import slugify, unique


def test_slugify_keeps_words_drops_apostrophes_and_has_a_fallback():
    title = "2026 AI Master's Degree Careers in Manufacturing"
    assert slugify(title, words=8) == "2026-ai-masters-degree-careers-in-manufacturing"
    assert slugify(title) == "2026-ai-masters-degree-careers-in"
    assert slugify("???") == "entry" and slugify("???", fallback="") == ""


def test_unique_counts_up_and_records_what_it_gave():
    taken = {"a"}
    assert [unique("a", taken), unique("a", taken), unique("b", taken)] == ["a-2", "a-3", "b"]
    assert taken == {"a", "a-2", "a-3", "b"}


def test_accents_are_dropped_not_their_letters():
    assert slugify("Is there a café?") == "is-there-a-cafe"
    assert slugify("Öffnungszeiten für Schüler") == "offnungszeiten-fur-schuler"
    assert heading_slug("Café hours") == "cafe-hours"
    assert slugify("Straße, Smørrebrød and Œuvre") == "strasse-smorrebrod-and-oeuvre"
