"""The chat app over knowledge that changes: reload, several guides, stale answers, the log.

Every test writes its own knowledge into tmp_path; the log goes to the GUIDEBOT_DATA_DIR the
shared conftest points at a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from test_app import answered, ask
from tui_support import click_citation, shown_text

from guidebot.bot import Bot
from guidebot.knowledge.cached import load_cached
from guidebot.knowledge.loader import load_knowledge, section_hash
from guidebot.locations import unanswered_log
from guidebot.reply import Source
from guidebot.tui import create_app
from guidebot.tui.screens.guides import GuidePicker
from guidebot.tui.widgets.citations import (
    LABEL_WIDTH,
    STALE,
    CitationList,
    citation_label,
    citation_lines,
)
from guidebot.tui.widgets.sources import SourcesPanel
from guidebot.tui.widgets.turns import AnswerView

COSTS = """---
title: "Paying for the Programme"
author: "Pat Bursar"
---
This guide explains what the programme costs and how students pay for it.

## How much is the tuition?

Tuition for the whole programme runs from {low} to {high}, with lab fees included.

Scholarships for working students can lower the price, and employers often pay a share.

## When are fees due?

Fees are due at the start of every term, and a payment plan spreads them over the months.
"""

HOUSING = """---
title: "Living in Riverton"
author: "Sam Warden"
---
This guide is about finding a place to live in Riverton while you study there.

## How much is the rent?

Rent for a shared flat near campus is about $700 a month, bills included.

## Where do students live?

Most students live in the old town, a short bus ride from the library and lecture halls.
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def costs_text(low: str = "$10,000", high: str = "$20,000") -> str:
    return COSTS.format(low=low, high=high)


def lazy_app(root: Path, tmp_path: Path, **kwargs):
    """The app the way `guidebot chat` makes it: validated knowledge, the bot built inside."""
    kwargs.setdefault("suggestions", [])
    return create_app(
        knowledge=load_knowledge(root),
        cache_dir=tmp_path / "cache",
        transcripts_dir=tmp_path / "transcripts",
        cursor_blink=False,
        **kwargs,
    )


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_reload_picks_up_an_edit_and_keeps_the_conversation(tmp_path: Path) -> None:
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    app = lazy_app(root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "How much is the tuition?")
        assert "$10,000" in app.chat.replies[-1].answer
        state = app.chat.conversation.state
        old_bot = app.chat.bot

        (root / "guides" / "costs.md").write_text(costs_text("$30,000", "$40,000"), "utf-8")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert any("Knowledge reloaded" in n for n in notes(app))
        assert app.chat.bot is not old_bot
        assert app.chat.conversation.state is state  # the conversation goes on

        await ask(pilot, "How much is the tuition?")
        assert "$30,000" in app.chat.replies[-1].answer


async def test_a_broken_edit_is_shown_and_the_last_good_knowledge_keeps_answering(
    tmp_path: Path,
) -> None:
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    app = lazy_app(root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "How much is the tuition?")
        bot = app.chat.bot
        # An FAQ entry pointing at a guide that does not exist, with markup in the name.
        write(
            root,
            {
                "faq/extra.yaml": "- question: Is there a [bold]fee?\n  answer: Yes.\n"
                "  guide: '[bold]nowhere[/]'\n"
            },
        )
        await pilot.press("ctrl+r")
        await settle(pilot)
        problems = shown_text(app.chat.query_one(".reload-problems").parent)
        assert f"{root / 'faq' / 'extra.yaml'}:1: unknown guide '[bold]nowhere[/]'" in problems
        assert "last good knowledge" in problems
        assert any("Knowledge not reloaded" in str(n.title) for n in app._notifications)
        assert app.chat.bot is bot

        await ask(pilot, "How much is the tuition?")
        assert "$10,000" in app.chat.replies[-1].answer


async def test_files_broken_before_the_start_are_listed_and_the_last_good_answers(
    tmp_path: Path,
) -> None:
    """`guidebot chat` on files broken since the last clean load (chat.checked): the chat
    lists the problems and answers from the knowledge as it last loaded; fixed, Ctrl+R
    reads them."""
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    earlier = time.time() - 60  # files changed a moment ago are not snapshotted
    os.utime(root / "guides" / "costs.md", (earlier, earlier))
    Bot.load(root, cache_dir=tmp_path / "cache")
    write(root, {"faq/extra.yaml": "- question: [unclosed\n"})
    os.utime(root / "faq" / "extra.yaml", (earlier, earlier))
    loaded = load_cached(root, tmp_path / "cache", last_good=True)
    app = create_app(
        knowledge=loaded,
        cache_dir=tmp_path / "cache",
        transcripts_dir=tmp_path / "transcripts",
        cursor_blink=False,
        suggestions=[],
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        problems = shown_text(app.chat.query_one(".reload-problems").parent)
        assert f"{root / 'faq' / 'extra.yaml'}:1: " in problems
        assert "The knowledge files have problems" in problems
        assert any("Knowledge has problems" in str(n.title) for n in app._notifications)
        await ask(pilot, "How much is the tuition?")
        assert "$10,000" in app.chat.replies[-1].answer

        cat = "- question: Is there a campus cat?\n  answer: Yes, Tabby.\n"
        write(root, {"faq/extra.yaml": cat})
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert any("Knowledge reloaded" in n for n in notes(app))
        await ask(pilot, "is there a campus cat")
        assert "Tabby" in app.chat.replies[-1].answer


async def test_a_browser_visitor_is_told_how_many_problems_not_where(
    tmp_path: Path, monkeypatch
) -> None:
    """Under `guidebot serve` the knowledge files are the server's: a broken edit is
    reported to the visitor by its count, with no path."""
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    app = lazy_app(root, tmp_path)
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "How much is the tuition?")
        write(root, {"faq/extra.yaml": "- question: Is there a fee?\n  answer: Yes.\n  guide: x\n"})
        await pilot.press("f8")
        await settle(pilot)
        problems = shown_text(app.chat.query_one(".reload-problems").parent)
        assert "1 problem(s) in the server's knowledge files" in problems
        assert str(root) not in problems


async def test_reload_without_changes_says_so(tmp_path: Path) -> None:
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    app = lazy_app(root, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bot = app.chat.bot
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.chat.bot is bot
        assert any("nothing had changed" in n for n in notes(app))


def two_guides(tmp_path: Path) -> Path:
    return write(tmp_path / "kb", {"guides/costs.md": costs_text(), "guides/housing.md": HOUSING})


async def test_the_guide_picker_restricts_answers_to_one_guide(tmp_path: Path) -> None:
    app = lazy_app(two_guides(tmp_path), tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.sub_title == "All 2 guides (Ctrl+G: guide)"
        await ask(pilot, "How much is the rent?")
        assert app.chat.replies[-1].sources[0].guide_title == "Living in Riverton"

        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, GuidePicker)
        await pilot.press("down", "enter")  # after "All guides" comes costs (sorted by file)
        await pilot.pause()
        assert app.screen is app.chat
        assert app.chat.session.guides == ("costs",)
        assert app.sub_title.startswith("Paying for the Programme")
        await ask(pilot, "How much is the rent?")
        assert all(
            s.guide_title == "Paying for the Programme" for s in app.chat.replies[-1].sources
        )

        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("escape")  # cancelling keeps the choice
        assert app.chat.session.guides == ("costs",)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("up", "enter")
        await pilot.pause()
        assert app.chat.session.guides == ()
        assert app.sub_title == "All 2 guides (Ctrl+G: guide)"


async def test_guide_from_the_command_line_and_the_palette(tmp_path: Path) -> None:
    app = lazy_app(two_guides(tmp_path), tmp_path, guides=("housing",))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.sub_title.startswith("Living in Riverton")
        assert "“Living in Riverton” by Sam Warden" in shown_text(app.chat)
        await ask(pilot, "How much is the tuition?")
        assert all(s.guide_title == "Living in Riverton" for s in app.chat.replies[-1].sources)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"answer from paying")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.chat.session.guides == ("costs",)


async def test_one_guide_has_no_picker(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen is app.chat


def test_chat_guide_option_is_checked(tmp_path: Path) -> None:
    root = two_guides(tmp_path)
    env = {**os.environ, "GUIDEBOT_KNOWLEDGE": ""}
    result = subprocess.run(
        [sys.executable, "-m", "guidebot.cli", "chat", "--knowledge", str(root), "--guide", "x"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "no guide 'x'" in result.stderr and "costs, housing" in result.stderr


def test_chat_options_reach_the_app(tmp_path: Path) -> None:
    from guidebot.cli import build_parser, chat

    root = two_guides(tmp_path)
    args = build_parser().parse_args(["chat", "--knowledge", str(root), "--guide", "housing"])
    app = chat.build_app(args, *chat.checked(args))
    assert app.session.guides == ("housing",) and app.session.log_unanswered
    assert app.session.bot is None  # built inside the app, after its first frame
    args = build_parser().parse_args(["chat", "--knowledge", str(root), "--no-log"])
    assert not chat.build_app(args, *chat.checked(args)).session.log_unanswered


async def test_stale_faq_answers_are_marked(tmp_path: Path) -> None:
    faq = (
        "- id: tuition\n"
        "  question: What does the programme cost in tuition?\n"
        "  answer: Tuition runs from $10,000 to $20,000 for the whole programme.\n"
        "  section: How much is the tuition?\n"
        "  section_hash: deadbeef\n"
    )
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text(), "faq/costs.yaml": faq})
    assert load_knowledge(root).stale_faqs == ("tuition",)
    app = lazy_app(root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "What does the programme cost in tuition?")
        reply = app.chat.replies[-1]
        stale = [s for s in reply.sources if s.id == "faq/tuition"]
        assert stale, reply
        labels = app.chat.query_one(CitationList).labels()
        assert STALE in labels[stale[0].number - 1]
        assert STALE in shown_text(app.chat.query_one(AnswerView))
        fresh = [s for s in reply.sources if s.id != "faq/tuition"]
        assert all(STALE not in labels[s.number - 1] for s in fresh)
        panel = app.chat.query_one(SourcesPanel)
        warning = panel.query_one("#source-stale")
        answer = app.chat.query_one(AnswerView)
        await click_citation(pilot, answer, stale[0].number)
        assert warning.display and "may be out of date" in shown_text(panel)
        assert "⚠" in str(panel.border_title)
        if fresh:
            await click_citation(pilot, answer, fresh[0].number)
            assert not warning.display


async def test_a_section_hash_that_matches_is_not_marked(tmp_path: Path) -> None:
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    section = load_knowledge(root).guides[0].section("How much is the tuition?")
    faq = (
        "- id: tuition\n"
        "  question: What does the programme cost in tuition?\n"
        "  answer: Tuition runs from $10,000 to $20,000 for the whole programme.\n"
        "  section: How much is the tuition?\n"
        f"  section_hash: {section_hash(section)}\n"
    )
    write(root, {"faq/costs.yaml": faq})
    app = lazy_app(root, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask(pilot, "What does the programme cost in tuition?")
        assert all(STALE not in label for label in app.chat.query_one(CitationList).labels())


def logged() -> list[dict]:
    path = unanswered_log()
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


UNANSWERED = "How do I renew my passport?"


async def test_unanswered_questions_are_logged(tmp_path: Path) -> None:
    assert str(unanswered_log()).startswith(os.environ["GUIDEBOT_DATA_DIR"])
    app = lazy_app(two_guides(tmp_path), tmp_path, guides=("housing",))
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, UNANSWERED)
        assert app.chat.replies[-1].kind == "decline"
        await ask(pilot, "How much is the rent?")
        await settle(pilot)
    records = logged()
    assert [r["question"] for r in records] == [UNANSWERED]
    assert records[0]["kind"] == "decline" and records[0]["guides"] == ["housing"]


async def test_no_log_and_the_environment_turn_logging_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = lazy_app(two_guides(tmp_path), tmp_path, log_unanswered=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, UNANSWERED)
        await settle(pilot)
    assert logged() == []
    monkeypatch.setenv("GUIDEBOT_NO_LOG", "1")
    app = lazy_app(two_guides(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, UNANSWERED)
        await settle(pilot)
    assert logged() == []


async def test_an_unwritable_log_is_a_warning_once(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("GUIDEBOT_DATA_DIR", str(blocker / "data"))
    app = lazy_app(two_guides(tmp_path), tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, UNANSWERED)
        await ask(pilot, UNANSWERED + " Really?")
        await settle(pilot)
        assert app.is_running
        warnings = [n for n in notes(app) if "unanswered-questions log" in n]
        assert len(warnings) == 1


async def test_index_cache_notes_are_shown_once_at_start(tmp_path: Path) -> None:
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    cache = tmp_path / "cache"
    Bot.load(root, cache_dir=cache)  # writes the index cache
    for bundle in cache.rglob("*.npz"):
        bundle.write_bytes(b"not a cache")
    app = lazy_app(root, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cache_notes = [n for n in app._notifications if n.title == "Index cache"]
        assert len(cache_notes) == 1 and app.chat.bot.notes
        assert app.chat.bot.notes[0] in str(cache_notes[0].message)
        await ask(pilot, "How much is the tuition?")
        assert len([n for n in app._notifications if n.title == "Index cache"]) <= 1


async def test_a_question_sent_before_the_bot_is_ready_waits_for_it(tmp_path: Path) -> None:
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    app = lazy_app(root, tmp_path, suggestions=None)
    release = threading.Event()
    build = app.session.build
    app.session.build = lambda: (release.wait(10), build())[1]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.chat.bot is None
        assert "Getting the guide ready" in shown_text(app.chat)
        await pilot.press(*"How much is the tuition?", "enter")
        await pilot.pause()
        await pilot.pause(0.1)
        assert "getting the guide ready" in shown_text(app.chat.query_one("#conversation"))
        release.set()
        await answered(pilot, 0)
        assert "$10,000" in app.chat.replies[-1].answer


async def test_suggestions_appear_once_the_bot_is_ready(tmp_path: Path) -> None:
    root = write(tmp_path / "kb", {"guides/costs.md": costs_text()})
    app = lazy_app(root, tmp_path, suggestions=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        assert app.chat.suggestions
        assert app.chat.suggestions[0] in shown_text(app.chat)
        await ask(pilot, "1")
        assert app.chat.replies[-1].question == app.chat.suggestions[0]


def source(number: int, section: str, text: str) -> Source:
    return Source(number, f"g/{number}", "Guide", section, text, 1.0)


def test_citation_labels_tell_sources_with_one_heading_apart() -> None:
    heading = "What is the average salary for professionals with an AI Master's degree?"
    first = citation_label(source(1, heading, "On average, professionals are paid $145,000."))
    text = "Early-career graduates and people at smaller firms"
    second = citation_label(source(2, heading, text))
    assert first != second
    assert second.startswith("[2] What is the average")
    assert second.endswith("› “Early-career graduates and people…”")
    stale = citation_label(source(3, heading, "Some very long passage " * 10), stale=True)
    assert stale.endswith(STALE) and len(stale) <= LABEL_WIDTH
    assert citation_label(source(1, "Costs", "Short.")) == "[1] Costs › “Short.”"


def test_labels_name_the_guide_wherever_the_knowledge_names_sections_by_guide() -> None:
    """Two guides may both have "Opening hours": where the knowledge labels its sections
    with their guides (Source.label), every citation says which guide, whether or not the
    answer cites both, so that one knowledge base's answers are cited alike."""
    pool = Source(
        1,
        "pool/hours/1",
        "Swimming pool guide",
        "Opening hours",
        "6:30am.",
        1.0,
        label="Opening hours (Swimming pool guide)",
    )
    gym = Source(
        2,
        "gym/hours/1",
        "Gym and fitness classes guide",
        "Opening Hours",
        "6am.",
        1.0,
        label="Opening Hours (Gym and fitness classes guide)",
    )
    assert citation_label(gym) == "[2] Gym and fitness classes… › Opening Hours › “6am.”"
    assert citation_lines(0, (pool,), frozenset()).plain.strip() == (
        "[1] Swimming pool guide › Opening hours › “6:30am.”"
    )
    # one guide: its title is the app's; an FAQ entry no guide holds says it is one
    alone = Source(1, "pool/hours/1", "Swimming pool guide", "Opening hours", "6:30am.", 1.0)
    faq = Source(2, "faq/kids", "FAQ", "Can kids swim?", "Yes.", 1.0, question="Can kids swim?")
    lines = citation_lines(0, (alone, faq), frozenset()).plain.split("\n")
    assert [line.strip() for line in lines] == [
        "[1] Opening hours › “6:30am.”",
        "[2] FAQ › Can kids swim? › “Yes.”",
    ]


def test_a_long_heading_keeps_its_room_before_the_excerpt() -> None:
    heading = "Refunds › Refunds on passes and cards at stations"
    label = citation_label(source(1, heading, "We refund unused passes " * 6), width=98)
    assert heading in label and len(label) <= 98


def test_a_label_naming_its_guide_and_warning_still_fits_with_a_short_excerpt() -> None:
    """With the guide's title and the out-of-date warning the excerpt's room went below
    zero, and a negative slice printed nearly the whole passage (239 characters)."""
    source = Source(
        1,
        "g/1",
        "A very long guide title that goes on and on",
        "A heading that is also very long indeed",
        "Some passage text " * 20,
        1.0,
        label="A heading that is also very long indeed (A very long guide title)",
    )
    label = citation_label(source, stale=True)
    assert len(label) <= LABEL_WIDTH and label.endswith(STALE) and "“Some" in label
