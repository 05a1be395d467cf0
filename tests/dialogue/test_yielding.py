"""When small talk yields to the knowledge's own answer (dialogue/yielding.py)."""

from __future__ import annotations

from guidebot.bot import Bot
from guidebot.search.semantic.load import load_model
from guidebot.search.semantic.model_dir import builtin_dir

HELP_DESK = """
- id: person
  question: Am I talking to a real person?
  answer: No, this is our automated helper. For a person, call 01632 960 418.
- id: service
  question: How do I book a boiler service?
  answer: Book online or call the office.
"""


def test_an_entry_asked_as_small_talk_answers_that_small_talk(make_knowledge):
    """The export's own "Am I talking to a real person?" is small talk of the intent
    "are you a robot" is, so its answer (a phone number) is given, not ours, though the
    two share no word (SmalltalkYield.owned_entry); small talk of another intent ("thanks")
    stays small talk, and so does a message no entry of its intent leads for."""
    service = "- id: service\n  question: How do I book a boiler service?\n  answer: Online.\n"
    other = Bot.load(make_knowledge({"faq/a.yaml": service}), encoder=load_model(builtin_dir()))
    assert other.ask("are you a robot").kind == "smalltalk"
    root = make_knowledge({"faq/a.yaml": HELP_DESK})
    bot = Bot.load(root, encoder=load_model(builtin_dir()))
    for message in ("are you a robot", "am i talking to a bot"):
        reply = bot.ask(message)
        assert reply.kind == "answer" and reply.sources[0].id == "faq/person", message
        assert bot.context.yielding.owned_entry(message, "identity") is not None
    assert bot.context.yielding.owned_entry("are you a robot", "thanks") is None
    assert bot.ask("thanks").kind == "smalltalk"
    assert Bot.load(root).ask("am i talking to a bot").sources[0].id == "faq/person"  # words


def test_small_talk_an_owned_entry_would_decline_for_its_scope_stays_ours(make_knowledge):
    """A scope list naming what the message names declines the entry's answer, so the
    reply is our small talk, not a decline, and nothing is left pending."""
    scope = "- topic: robots\n  terms: [robot, robots]\n"
    root = make_knowledge({"faq/a.yaml": HELP_DESK, "scope.yaml": scope})
    bot = Bot.load(root, encoder=load_model(builtin_dir()))
    conversation = bot.conversation()
    assert conversation.ask("are you a robot").kind == "smalltalk"
    assert not conversation.state.pending_choices
