"""A message with two questions in the chat app: each part under its question, with its own
clickable citation, and the sources of both listed once."""

from __future__ import annotations

from tui_support import ask, shown_text

from guidebot.tui.widgets.citations import CitationList
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.turns import AnswerView, FrozenAnswer, frozen_content

TWO_QUESTIONS = "what's the salary and how long does the program take?"


async def test_each_question_of_a_message_is_answered_with_its_citation(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ask(pilot, TWO_QUESTIONS)
        answer = app.chat.query_one(AnswerView)
        reply = answer.reply
        salary, duration = reply.parts
        later = duration.sources[0].number
        text = shown_text(answer)
        assert text.index("› what's the salary") < text.index("$145,000")
        assert text.index("$145,000 ") < text.index("[1]") < text.index("› how long does")
        assert text.index("› how long does the program take?") < text.index(f"[{later}]")
        assert len(answer.query_one(CitationList).labels()) == len(reply.sources)

        # The second part's [4] shows the second part's passage, not the first's.
        await pilot.click(answer.query_one(".body"), offset=_offset(answer, f"[{later}]"))
        await pilot.pause()
        assert duration.sources[0].text in shown_text(app.chat.query_one(SourcesPanel))

        # Once it is an earlier answer, its frozen form still shows both parts.
        frozen = frozen_content(reply, 0).plain
        assert "› what's the salary" in frozen and f"[{later}]" in frozen
        await ask(pilot, "and part time?")
        await ask(pilot, "What courses will I take?")
        assert app.chat.replies[1].sources[0].id == "faq/part-time-accelerated"
        assert any("› how long does" in str(f.visual) for f in app.chat.query(FrozenAnswer))


def _offset(answer, mark: str) -> tuple[int, int]:
    """Where `mark` ("[4]") is drawn in the answer's text, relative to its widget."""
    body = answer.query_one(".body")
    for y, strip in enumerate(body.render_lines(body.region.reset_offset)):
        x = strip.text.rfind(mark)
        if x >= 0:
            return x + 1, y
    raise AssertionError(f"no {mark} in the answer")
