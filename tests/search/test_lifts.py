"""The last lifts of a ranking (search/lifts.py): each put one set of passages first only for
the questions it is for, and leaves the scores alone otherwise."""

from __future__ import annotations

import numpy as np

from guidebot.bot import Bot

GUIDE = """---
title: Harbour Bike Hire
---
We hire bikes by the hour and by the day from the harbour front.

## Prices

A city bike costs 5 pounds an hour or 20 pounds a day; an e-bike costs 9 pounds an hour.

## Contact us

Call 01632 960 111 or write to hire@example.org; the desk answers from 9am to 5pm.
"""


def _lifted(bot: Bot, question: str) -> tuple[bool, np.ndarray, np.ndarray]:
    """(whether one set of passages was put first, the scores before, after)."""
    retriever = bot.retriever
    query = retriever._queries.query(question)
    scores, baseline = retriever.score(query.weights)
    before = scores.copy()
    exact = retriever._lifts.apply(question, query, scores, baseline, retriever.idf)
    return exact, before, scores


def test_a_question_about_the_document_puts_its_summary_first(bot):
    exact, before, after = _lifted(bot, "what is this guide about")
    assert exact
    assert bot.passages[int(after.argmax())].id == "faq/guide-purpose"
    assert int(before.argmax()) != int(after.argmax())


def test_a_question_asking_only_for_a_contact_puts_the_contact_first(make_knowledge):
    bot = Bot.load(make_knowledge({"guides/hire.md": GUIDE}))
    exact, _, after = _lifted(bot, "what's your phone number")
    assert exact
    assert bot.passages[int(after.argmax())].section == "Contact us"


def test_a_topical_question_is_only_raised_never_put_first(bot, make_knowledge):
    exact, before, after = _lifted(bot, "salary for engineers")
    assert not exact and (after >= before).all()
    hire = Bot.load(make_knowledge({"guides/hire.md": GUIDE}))
    exact, before, after = _lifted(hire, "how much is an e-bike")
    assert not exact and (after >= before).all()


SURGERY = """---
title: Millbrook Surgery
---
## Registering as a new patient
Fill in the registration form at reception or online, with proof of address.

## Our catchment area
Our practice area covers Millbrook, Ashby Green, Kelsall village and the south of Northgate.
You can check whether your address is in our area on our website.

## Home visits
Home visits are for patients too ill to travel to the surgery; phone before 10:30am.
"""
PARKING = """
- question: Is there parking at the surgery?
  answer: Yes, there are 20 spaces behind the surgery, free for patients.
"""


def test_a_name_of_the_knowledge_s_own_holds_against_meaning(make_knowledge):
    """ "Kelsall" is a name English lacks and the word vectors cannot read, so mixing in
    meaning scales down the one word saying which passage is meant: once meaning is mixed
    in, the passage naming it gains a share of the best score (name_lift); the others keep
    theirs, and read by words alone nothing is lifted."""
    import dataclasses

    from guidebot.search.semantic.load import load_model
    from guidebot.search.semantic.model_dir import builtin_dir

    knowledge = make_knowledge({"guides/surgery.md": SURGERY, "faq/parking.yaml": PARKING})
    question = "I'm moving to Kelsall next month, can I sign up at your surgery?"

    def scores(bot: Bot, lift: float) -> dict[str, float]:
        retrieval = dataclasses.replace(bot.policy.retrieval, name_lift=lift)
        bot = bot.with_policy(dataclasses.replace(bot.policy, retrieval=retrieval))
        return {h.passage.section: h.score for h in bot.retriever.search(question, k=9).hits}

    meaning = Bot.load(knowledge, encoder=load_model(builtin_dir()))
    lifted, plain = scores(meaning, 0.1), scores(meaning, 0.0)
    assert lifted["Our catchment area"] > plain["Our catchment area"]
    assert lifted["Is there parking at the surgery?"] == plain["Is there parking at the surgery?"]
    words = Bot.load(knowledge)
    assert scores(words, 0.1) == scores(words, 0.0)


def test_the_lifts_read_the_question_with_its_informal_spellings_and_typos_repaired(
    make_knowledge, monkeypatch
):
    """What kind of answer "wat time" asks for is read from "what time": the lifts are given
    the question as the search read it (a holiday cottage's "wat time do we have to be out
    by" lost its departure times to the changeover days, read as typed)."""
    bot = Bot.load(make_knowledge({"guides/hire.md": GUIDE}))
    lifts, given = bot.retriever._lifts, []
    apply = lifts.apply

    def spy(question, *args, **kwargs):
        given.append(question)
        return apply(question, *args, **kwargs)

    monkeypatch.setattr(lifts, "apply", spy)
    bot.retriever.search("wat time does the dsek open", k=3)
    assert given == ["what time does the desk open"]
