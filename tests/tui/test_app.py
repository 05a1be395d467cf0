"""The chat app driven through Pilot: a whole conversation, keys, palette, themes, help."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button
from tui_support import SUGGESTIONS, answered, ask, click_citation, shown_text

from guidebot.reply.render import as_markdown
from guidebot.tui.screens.help import HelpScreen
from guidebot.tui.widgets.citations import CitationList
from guidebot.tui.widgets.prompt import Prompt
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.turns import AnswerView, FrozenAnswer, QuestionView
from guidebot.tui.widgets.welcome import Welcome


async def test_a_whole_conversation(make_app, tui_bot, tmp_path: Path) -> None:
    expected = tui_bot.conversation()  # the same turns straight through the core
    first_reply = expected.ask("What's the average salary?")
    followup_reply = expected.ask("and the cost?")
    fresh_reply = tui_bot.conversation().ask("and the cost?")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        chat = app.chat
        assert chat.query_one(Welcome)
        assert isinstance(app.focused, Prompt)

        # A question: the answer appears with numbered citations.
        await pilot.press(*"What's the average salary?", "enter")
        await answered(pilot, 0)
        answer = chat.query_one(AnswerView)
        assert "$145,000" in shown_text(answer)
        assert "[1]" in shown_text(answer)
        citations = answer.query_one(CitationList)
        assert len(citations.labels()) == len(answer.reply.sources) >= 2
        assert all(label in shown_text(answer) for label in citations.labels())

        # Selecting citation [2] shows its full passage, guide title and heading.
        panel = chat.query_one(SourcesPanel)
        assert not panel.display  # narrow layout: closed until a citation is chosen
        await click_citation(pilot, answer, 2)
        second = answer.reply.sources[1]
        assert panel.display
        assert chat.has_class("-sources-open")
        text = shown_text(panel)
        assert second.text in text and second.guide_title in text and second.section in text
        await pilot.press("escape")
        assert not panel.display

        # A follow-up continues the same conversation, as the core would.
        assert chat.replies[0] == first_reply
        await ask(pilot, "and the cost?")
        assert chat.replies[1] == followup_reply
        follow = list(chat.query(AnswerView))[-1]
        assert followup_reply.answer.splitlines()[0] in shown_text(follow)
        assert all(note in shown_text(follow) for note in followup_reply.notes)

        # Save the transcript: into the directory the factory was given, path shown.
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = list((tmp_path / "transcripts").glob("guidebot-*.md"))
        assert len(saved) == 1
        content = saved[0].read_text(encoding="utf-8")
        assert "What's the average salary?" in content and "and the cost?" in content
        assert second.section in content
        assert str(saved[0]) in shown_text(chat.query_one("#conversation"))
        assert any(n.message.startswith(saved[0].name) for n in app._notifications)

        # A new conversation forgets everything and welcomes again.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not chat.query(AnswerView) and chat.query_one(Welcome)
        assert chat.replies == [] and chat.conversation.state.topic_terms == {}
        await ask(pilot, "and the cost?")
        assert chat.replies == [fresh_reply]


async def test_suggestion_by_number_and_by_click(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "3")
        assert app.chat.replies[0].question == SUGGESTIONS[2]
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.click(app.chat.query(".suggestion").first())
        await answered(pilot, 0)
        assert app.chat.replies[0].question == SUGGESTIONS[0]
        assert app.chat.query_one(QuestionView).text == SUGGESTIONS[0]


async def test_keys_show_sources_and_copy(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")  # nothing to show yet: a hint, no crash
        await ask(pilot, "How much does the degree cost?")
        reply = app.chat.replies[-1]
        panel = app.chat.query_one(SourcesPanel)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert reply.sources[0].text in shown_text(panel)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert reply.sources[1].text in shown_text(panel)
        await pilot.press("ctrl+y")
        assert app.clipboard == as_markdown(reply, emphasis=False)
        assert f"- [1] {reply.sources[0].guide_title}, section" in app.clipboard  # no asterisks


async def test_tab_from_the_question_box_goes_to_the_newest_citations(make_app) -> None:
    """Not to the welcome suggestions at the top of the chat: Tab, Down, Enter opens the
    newest answer's second source."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "What's the average salary?")
        await ask(pilot, "How much does the degree cost?")
        newest = list(app.chat.query(AnswerView))[-1].query_one(CitationList)
        await pilot.press("tab")
        assert app.focused is newest
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.chat.replies[-1].sources[1].text in shown_text(app.chat.query_one(SourcesPanel))
        await pilot.press("tab")  # from there on, Textual's own order
        assert app.focused is not newest


async def test_citation_link_in_the_answer_selects_the_source(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "What courses will I take?")
        answer = app.chat.query_one(AnswerView)
        await pilot.click(answer.query_one(".body"), offset=_link_offset(answer))
        await pilot.pause()
        assert answer.reply.sources[0].text in shown_text(app.chat.query_one(SourcesPanel))


def _link_offset(answer) -> tuple[int, int]:
    """Where the "[1]" at the end of the answer's text is drawn, relative to its widget."""
    body = answer.query_one(".body")
    lines = body.render_lines(body.region.reset_offset)
    for y, strip in enumerate(lines):
        x = strip.text.rfind("[1]")
        if x >= 0:
            return x + 1, y
    raise AssertionError("no [1] in the answer")


async def test_input_history_up_and_down(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "hello")
        await ask(pilot, "What courses will I take?")
        prompt = app.chat.query_one(Prompt)
        await pilot.press(*"draft")
        await pilot.press("up")
        assert prompt.value == "What courses will I take?"
        await pilot.press("up", "up")
        assert prompt.value == "hello"
        await pilot.press("down", "down")
        assert prompt.value == "draft"


async def test_clarify_choices_are_clickable(make_app, tui_bot) -> None:
    question = next(
        (
            q
            for q in ("tell me about AI", "AI", "jobs", "what about the program")
            if tui_bot.ask(q).kind == "clarify"
        ),
        None,
    )
    if question is None:  # the engine no longer finds these ambiguous
        import pytest

        pytest.skip("no ambiguous question in the bundled knowledge")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, question)
        choices = list(app.chat.query(".choice"))
        assert len(choices) >= 2
        label = app.chat.replies[-1].choices[1]
        await pilot.click(choices[1])
        await answered(pilot, 1)
        reply = app.chat.replies[-1]
        assert reply.kind == "answer" and reply.sources[0].section == label
        assert list(app.chat.query(QuestionView))[-1].text == label


async def test_help_with_f1_and_question_mark(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is app.chat
        await pilot.press("question_mark")  # "?" on an empty line is help
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        assert app.screen is app.chat
        await pilot.press(*"why?")  # inside a question it is just a character
        assert app.chat.query_one(Prompt).value == "why?"


async def test_palette_theme_and_quit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "What courses will I take?")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new conversation")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.chat.replies == []
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_wide_terminal_shows_sources_beside_the_chat(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await ask(pilot, "Is it better to study online or on campus?")
        panel = app.chat.query_one(SourcesPanel)
        conversation = app.chat.query_one("#conversation")
        assert app.chat.has_class("-wide") and panel.display
        assert panel.region.x >= conversation.region.right - 1
        assert app.chat.replies[-1].sources[0].text in shown_text(panel)


async def test_save_failure_is_reported_not_raised(make_app, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app = make_app(transcripts_dir=blocker / "sub")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("Could not save" in str(n.message) for n in app._notifications)


async def test_buttons_are_compact_one_line(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert all(b.size.height == 1 for b in app.chat.query(Button))


async def test_a_long_choice_wraps_rather_than_being_cut(make_app) -> None:
    """A heading longer than the chat is wide is shown whole on two lines or more: cut,
    the choices of "requirements?" read alike ("What are the admission requirements and")."""
    app = make_app()
    async with app.run_test(size=(60, 30)) as pilot:
        await ask(pilot, "requirements?")
        await pilot.pause()
        choices = list(app.chat.query(".choice"))
        assert app.chat.replies[-1].kind == "clarify" and len(choices) >= 2
        for button in choices:
            label = button.label.plain
            assert len(label) > button.size.width and button.size.height >= 2
            assert button.size.width * button.size.height >= len(label)


async def test_an_earlier_answers_options_are_still_clickable(make_app) -> None:
    """Once a reply is an earlier one (one Static, no buttons), its suggested topics still
    ask themselves when clicked, and it still says so."""
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ask(pilot, "who won the super bowl")
        offered = app.chat.replies[-1].suggestions
        assert app.chat.replies[-1].kind == "decline" and len(offered) >= 2
        await ask(pilot, "What courses will I take?")
        await ask(pilot, "is it online?")  # the latest two stay live: the first is frozen
        await pilot.pause()
        frozen = app.chat.query_one(FrozenAnswer)
        assert "(click to ask)" in frozen.visual.plain
        lines = [s.text for s in frozen.render_lines(frozen.region.reset_offset)]
        y = next(n for n, line in enumerate(lines) if "2. " in line)
        await pilot.click(frozen, offset=(lines[y].index("2. ") + 1, y))
        await answered(pilot, 3)
        assert list(app.chat.query(QuestionView))[-1].text == offered[1]
        assert app.chat.replies[-1].sources[0].section == offered[1]


async def test_a_source_is_cited_by_its_id_and_a_browser_sees_no_server_path(
    make_app, monkeypatch
) -> None:
    """The sources panel cites the passage id; in a terminal the knowledge file and line
    follow it, for whoever edits the knowledge; served in a browser they do not."""
    for web in (False, True):
        monkeypatch.setattr(type(make_app()), "is_web", property(lambda self, web=web: web))
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await ask(pilot, "How much does the degree cost?")
            source = app.chat.replies[-1].sources[0]
            await pilot.press("ctrl+o")
            await pilot.pause()
            where = str(app.chat.query_one("#source-where").visual)
            assert where.startswith(source.id)
            assert (str(source.path) in where) is (not web) and source.path


async def test_saving_in_a_browser_downloads_the_transcript(
    make_app, monkeypatch, tmp_path: Path
) -> None:
    """Under `guidebot serve` Ctrl+S hands the visitor the Markdown (App.deliver_text)
    and writes nothing on the server."""
    delivered: list[tuple[str, str | None]] = []
    app = make_app(transcripts_dir=tmp_path / "server")
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    monkeypatch.setattr(
        app,
        "deliver_text",
        lambda f, save_filename=None, **_: delivered.append((f.read(), save_filename)),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "How much does the degree cost?")
        await pilot.press("ctrl+s")
        await pilot.pause()
    ((text, name),) = delivered
    assert "How much does the degree cost?" in text and name and name.endswith(".md")
    assert "faq/" in text and ".yaml:" not in text and ".md:" not in text  # ids, no files
    assert not (tmp_path / "server").exists()


@pytest.mark.parametrize(("new_chat", "theme"), [("ctrl+n", "ctrl+t"), ("f2", "f4")])
async def test_keys_for_a_new_chat_and_the_theme(make_app, new_chat, theme) -> None:
    """Under `guidebot serve` a browser takes Ctrl+N and Ctrl+T itself: F2 starts a new
    conversation and F4 switches the theme as they do."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "What courses will I take?")
        await pilot.press(new_chat)
        await pilot.pause()
        assert app.chat.replies == []
        dark = app.current_theme.dark
        await pilot.press(theme)
        assert app.current_theme.dark is not dark


async def test_a_browser_footer_names_keys_the_browser_lets_through(make_app, monkeypatch) -> None:
    """The footer shows Ctrl+N for a new chat in a terminal; in a browser, which keeps
    Ctrl+N for a new window, it shows F2, and the key it shows starts a new chat."""
    for web, key in ((False, "^n"), (True, "f2")):
        monkeypatch.setattr(type(make_app()), "is_web", property(lambda self, web=web: web))
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            # Textual's footer keys, by their CSS type name (the class is not public).
            shown = {k.action: k.key_display for k in app.screen.query("FooterKey")}
            assert shown["new_conversation"].lower() == key
            await ask(pilot, "what is the salary?")
            assert app.chat.replies
            await pilot.press(key.replace("^", "ctrl+"))
            await pilot.pause()
            assert not app.chat.replies


@pytest.mark.parametrize(("width", "compact"), [(40, True), (100, False)])
async def test_the_footer_goes_compact_on_a_phone_width(make_app, width, compact) -> None:
    from textual.widgets import Footer

    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Footer).compact is compact
