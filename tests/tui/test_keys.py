"""The keys the help, the palette and the header name come from the bindings themselves."""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding
from tui_support import shown_text

from guidebot.tui.app import GuidebotApp
from guidebot.tui.keys import KeyHelp, key_name
from guidebot.tui.palette import GuidebotCommands
from guidebot.tui.screens.chat import ChatScreen
from guidebot.tui.screens.help import HelpScreen, keys_table
from guidebot.tui.session import ChatSession
from guidebot.tui.widgets.prompt import Prompt


def test_key_names() -> None:
    assert [key_name(k) for k in ("ctrl+n", "f1", "escape", "question_mark", "up", "q")] == [
        "Ctrl+N",
        "F1",
        "Esc",
        "?",
        "Up",
        "q",
    ]
    assert key_name("ctrl+shift+pageup") == "Ctrl+Shift+PgUp"


def test_key_help_reads_every_key_of_an_action() -> None:
    keys = KeyHelp(
        [Binding("escape,f1", "dismiss", "Close"), Binding("ctrl+s", "save", "Save")],
        [Binding("f9", "save", "Save", key_display="F9!")],
        also={"save": ["Alt+S"]},
    )
    assert keys.named("dismiss") == "Esc or F1"
    assert keys.first("dismiss") == "Esc"
    assert keys.named("save") == "Ctrl+S or F9! or Alt+S"
    assert keys.named("nothing") == "" and keys.hint("Nothing", "nothing") == "Nothing"
    assert keys.hint("Save it", "save") == "Save it (Ctrl+S or F9! or Alt+S)"


def test_a_changed_binding_changes_the_help() -> None:
    chat = [
        Binding("ctrl+w", "save", "Save") if b.action == "save" else b
        for b in map(_binding, ChatScreen.BINDINGS)
        if b.action != "copy"
    ]
    table = keys_table(KeyHelp(GuidebotApp.BINDINGS, chat)).plain
    assert "Ctrl+W" in table and "Ctrl+S" not in table
    assert "copy the last answer" not in table  # no key does it any more
    assert "answer from one guide" not in table  # only with several guides
    assert "answer from one guide" in keys_table(KeyHelp(chat), several_guides=True).plain


def _binding(binding: object) -> Binding:
    assert isinstance(binding, Binding)
    return binding


class ReboundApp(GuidebotApp):
    BINDINGS = [
        Binding("f9", "help", "Help"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]


async def test_help_palette_and_input_name_the_apps_own_keys(tui_bot, tmp_path: Path) -> None:
    app = ReboundApp(ChatSession(tui_bot), transcripts_dir=tmp_path, suggestions=[])
    async with app.run_test(size=(80, 24)) as pilot:
        assert "(F9: help)" in app.chat.query_one(Prompt).placeholder
        hints = {name: hint for name, hint, _, _ in GuidebotCommands(app.chat)._commands()}
        assert hints["Help"] == "Keys and tips (F9 or ?)"
        assert hints["New conversation"] == "Forget the questions so far (Ctrl+N or F2)"
        assert "Pick a guide" not in hints  # one guide: nothing to pick
        await pilot.press("f9")
        assert isinstance(app.screen, HelpScreen)
        assert re.search(r"^F9 or \? +this help", shown_text(app.screen), re.M)


async def test_the_guide_key_with_several_guides(tmp_path: Path) -> None:
    from test_live_knowledge import lazy_app, two_guides

    app = lazy_app(two_guides(tmp_path), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        hints = {name: hint for name, hint, _, _ in GuidebotCommands(app.chat)._commands()}
        assert hints["Pick a guide"] == "Answer from one guide, or all of them (Ctrl+G)"
        assert "Ctrl+G answers from one guide only." in shown_text(app.chat)
        await pilot.press("f1")
        assert re.search(r"^Ctrl\+G +answer from one guide", shown_text(app.screen), re.M)
