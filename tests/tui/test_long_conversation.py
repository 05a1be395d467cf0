"""A long conversation keeps a bounded number of widgets on screen (so each answer costs the
same, turn 5 or turn 500), while the transcript keeps every turn and recent citations work."""

from __future__ import annotations

from pathlib import Path

from tui_support import ask, click_citation, shown_text

from guidebot.tui.widgets.conversation import KEEP_TURNS
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.turns import AnswerView, EarlierTurns, QuestionView

QUESTIONS = [
    "What's the average salary?",
    "How much does the degree cost?",
    "Can I study online while working?",
    "What do I need to get in?",
    "Which skills do employers want?",
    "What courses will I take?",
]
TURNS = 60


async def test_older_turns_leave_the_screen_but_not_the_transcript(
    make_app, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        log = app.chat.query_one("#conversation")
        mounted = {}
        for n in range(1, TURNS + 1):
            await ask(pilot, QUESTIONS[(n - 1) % len(QUESTIONS)])
            if n in (KEEP_TURNS + 10, TURNS):
                await pilot.pause()  # older answers are compacted after the answer's frame
                mounted[n] = len(log.query("*"))
                assert len(log.query_children(QuestionView)) == KEEP_TURNS

        assert len(app.chat.replies) == TURNS
        assert mounted[TURNS] <= mounted[KEEP_TURNS + 10] + 10  # flat, not two more a turn
        earlier = log.query_one(EarlierTurns)
        assert log.children[0] is earlier and earlier.count == TURNS - KEEP_TURNS
        assert f"{TURNS - KEEP_TURNS} earlier turns are not shown" in shown_text(log)
        assert "Ctrl+S saves the whole conversation" in shown_text(log)

        # The latest answer's citations still show their passages, by click and by number.
        latest = list(log.query_children(AnswerView))[-1]
        await click_citation(pilot, latest, 2)
        panel = shown_text(app.chat.query_one(SourcesPanel))
        assert latest.reply.sources[1].text in panel
        recent = TURNS - KEEP_TURNS  # 0-based: the oldest turn still on screen
        app.chat.action_select_citation(recent, 1)
        await pilot.pause()
        assert app.chat.replies[recent].sources[0].text in shown_text(
            app.chat.query_one(SourcesPanel)
        )

        # Ctrl+S saves every turn, those no longer on screen too.
        await pilot.press("ctrl+s")
        await pilot.pause()
        (saved,) = (tmp_path / "transcripts").glob("guidebot-*.md")
        transcript = saved.read_text(encoding="utf-8")
        for n in range(1, TURNS + 1):
            assert f"## {n}. {QUESTIONS[(n - 1) % len(QUESTIONS)]}\n" in transcript

        # A new conversation starts from the welcome, with nothing left over.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not log.query(EarlierTurns) and not log.query(QuestionView)


async def test_questions_sent_at_once_are_all_answered_while_older_turns_leave(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sent = [f"{QUESTIONS[n % len(QUESTIONS)]} ({n})" for n in range(KEEP_TURNS + 15)]
        for question in sent:  # none waits for the one before: answers come in order
            app.chat.ask(question)
        for _ in range(1000):
            await pilot.pause(0.01)
            if len(app.chat.replies) == len(sent):
                break
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)

        assert [reply.question for reply in app.chat.replies] == sent
        log = app.chat.query_one("#conversation")
        shown = [view.text for view in log.query_children(QuestionView)]
        assert shown == sent[-KEEP_TURNS:]
        assert log.query_one(EarlierTurns).count == len(sent) - KEEP_TURNS
        assert not log.query(".thinking")  # every turn on screen has its answer
