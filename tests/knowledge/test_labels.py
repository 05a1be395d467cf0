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


def test_a_heading_two_guides_share_is_labelled_with_each_guide(make_knowledge):
    root = make_knowledge({"guides/pool.md": POOL, "guides/gym.md": GYM, "faq/f.yaml": FAQ})
    passages = build_passages(load_knowledge(root))
    labels = SectionLabels(passages)
    by_id = {p.id: labels.of(p) for p in passages}
    # Letter case aside, the headings are the same: each is named with its guide's title.
    assert by_id["pool/opening-hours/1"] == "Opening hours (Pool guide)"
    assert by_id["gym/opening-hours/1"] == "Opening Hours (Gym guide)"
    assert by_id["pool/lessons/1"] == "Lessons"
    assert by_id["faq/is-there-parking"] == "Is there parking?"
    assert labels.label("gym", "Inductions") == "Inductions"
    assert {"Opening hours (Pool guide)", "Lessons", "Opening hours"} <= labels.all


def test_one_guide_s_sections_are_labelled_by_their_headings_alone():
    passages = build_passages(load_knowledge(KNOWLEDGE))
    labels = SectionLabels(passages)
    assert all(labels.of(p) == p.section for p in passages)
