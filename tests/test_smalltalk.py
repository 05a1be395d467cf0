"""The small-talk matcher on the bundled knowledge's intents."""

from __future__ import annotations


def never(_: str) -> bool:
    return False


def always(_: str) -> bool:
    return True


def test_whole_utterance_matches_close_wording(bot):
    assert bot.smalltalk.match("thank u!", never)[0] == "thanks"
    assert bot.smalltalk.match("helo", never)[0] == "greeting"


def test_each_clause_may_be_small_talk_on_its_own(bot):
    # `always`: no leftover words are excused, so each clause has to match by itself
    assert bot.smalltalk.match("thx!! super helpful", always)[0] == "thanks"
    assert bot.smalltalk.match("hi, how are you?", always)[0] == "greeting"


def test_a_clause_that_is_a_question_makes_it_a_question(bot):
    assert bot.smalltalk.match("hi, what's the salary?", always) is None
    assert bot.smalltalk.match("what is the salary for a data scientist", never) is None


def test_placeholders_are_filled_from_the_guide(bot):
    _, reply = bot.smalltalk.match("who wrote this", never)
    assert "{author}" not in reply and "{title}" not in reply
