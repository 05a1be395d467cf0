"""Labels telling apart sections of one heading in different guides (knowledge/labels.py)."""

from guidebot.knowledge.labels import SectionLabels
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages
from tests.conftest import KNOWLEDGE

POOL = (
    "---\ntitle: Pool guide\n---\n\n## Opening hours\n\nSix till nine.\n\n## Lessons\n\nAt four.\n"
)
GYM = "---\ntitle: Gym guide\n---\n\n## Opening Hours\n\nSix till ten.\n\n## Inductions\n\nFree.\n"
FAQ = "- question: Is there parking?\n  answer: Yes, for three hours.\n"


def test_with_several_guides_each_section_is_labelled_with_its_guide(make_knowledge):
    root = make_knowledge({"guides/pool.md": POOL, "guides/gym.md": GYM, "faq/f.yaml": FAQ})
    passages = build_passages(load_knowledge(root))
    labels = SectionLabels(passages)
    by_id = {p.id: labels.of(p) for p in passages}
    assert by_id["pool/opening-hours/1"] == "Opening hours (Pool guide)"
    assert by_id["gym/opening-hours/1"] == "Opening Hours (Gym guide)"
    assert by_id["pool/lessons/1"] == "Lessons (Pool guide)"
    assert labels.label("gym", "Inductions") == "Inductions (Gym guide)"
    assert by_id["faq/is-there-parking"] == "Is there parking?"  # an entry no guide holds
    assert {"Opening hours (Pool guide)", "Lessons (Pool guide)", "Opening hours"} <= labels.all
    assert labels.guide_of("Opening Hours (Gym guide)") == "gym"
    assert labels.guide_of("Is there parking?") == ""  # names no guide


def test_a_guide_s_opening_is_not_named_twice(make_knowledge):
    opening = "---\ntitle: Pool guide\n---\n\nAll about the pool.\n\n## Lessons\n\nAt four.\n"
    root = make_knowledge({"guides/pool.md": opening, "guides/gym.md": GYM})
    labels = SectionLabels(build_passages(load_knowledge(root)))
    assert labels.label("pool", "Pool guide") == "Pool guide"


def test_an_faq_entry_asked_as_a_guide_s_heading_is_told_apart(make_knowledge):
    entry = "- question: Opening hours\n  answer: The cafe opens at eight.\n"
    root = make_knowledge({"guides/pool.md": POOL, "faq/f.yaml": entry})
    passages = build_passages(load_knowledge(root))
    labels = SectionLabels(passages)
    assert labels.label("pool", "Opening hours") == "Opening hours (Pool guide)"
    assert labels.label("pool", "Lessons") == "Lessons"  # one guide: headings as written
    assert labels.label("", "Opening hours") == "Opening hours (FAQ)"


def test_one_guide_s_sections_are_labelled_by_their_headings_alone():
    passages = build_passages(load_knowledge(KNOWLEDGE))
    labels = SectionLabels(passages)
    assert all(labels.of(p) == p.section for p in passages)


def test_guides_of_one_title_are_told_apart_by_their_slugs(make_knowledge):
    same = GYM.replace("Gym guide", "Pool guide")
    root = make_knowledge({"guides/pool.md": POOL, "guides/other.md": same})
    labels = SectionLabels(build_passages(load_knowledge(root)))
    assert labels.label("pool", "Opening hours") == "Opening hours (pool)"
    assert labels.label("other", "Opening Hours") == "Opening Hours (other)"
    assert labels.names_a_guide("Opening hours (pool)")
    assert not labels.names_a_guide("Opening hours")
