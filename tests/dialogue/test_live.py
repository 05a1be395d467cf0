"""Words that say where or when live information is wanted."""

from __future__ import annotations

from guidebot.dialogue.live import WhereOrWhen
from guidebot.dialogue.smalltalk_intents import LIVE
from guidebot.knowledge.loader import load_knowledge

SHOP = "---\ntitle: Shop Guide\n---\n## Hire\nOur shop in Wexbridge hires bikes every day.\n"


def test_the_knowledge_s_names_and_words_of_time_say_where_or_when(make_knowledge):
    where_or_when = WhereOrWhen(load_knowledge(make_knowledge({"guides/shop.md": SHOP})))
    assert where_or_when("wexbridge") and where_or_when("tomorrow") and where_or_when("times")
    assert where_or_when("next") and where_or_when("may")  # "in may", "next week"
    assert not where_or_when("bikes") and not where_or_when("leeds")
    assert where_or_when.without("in wexbridge this weekend for bikes") == "in this for bikes"


def test_only_the_rest_beside_live_information_loses_them(make_knowledge):
    where_or_when = WhereOrWhen(load_knowledge(make_knowledge({"guides/shop.md": SHOP})))
    assert where_or_when.beside("in wexbridge tomorrow", {LIVE}) == "in"
    assert where_or_when.beside("in wexbridge tomorrow", {LIVE, "greeting"}) == (
        "in wexbridge tomorrow"
    )
    assert where_or_when.beside("in wexbridge tomorrow", set()) == "in wexbridge tomorrow"
