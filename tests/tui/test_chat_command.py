"""`guidebot chat` through the real CLI: knowledge errors exit 2 before any screen appears."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BROKEN = """---
title: "A guide"
---
Intro text for the guide, long enough to be a passage of its own for readers.

## An empty section

## Another section
Some text here.
"""


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GUIDEBOT_KNOWLEDGE": ""}
    return subprocess.run(
        [sys.executable, "-m", "guidebot.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def broken_knowledge(tmp_path: Path) -> Path:
    root = tmp_path / "broken"
    (root / "guides").mkdir(parents=True)
    (root / "guides" / "bad.md").write_text(BROKEN, encoding="utf-8")
    return root


def test_knowledge_error_exits_2_with_file_and_line(tmp_path: Path) -> None:
    root = broken_knowledge(tmp_path)
    for args in (["chat", "--knowledge", str(root)], ["--knowledge", str(root)]):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2, result
        assert "Traceback" not in result.stderr
        assert "bad.md:6:" in result.stderr, result.stderr
        assert result.stdout == ""


def test_missing_knowledge_directory_exits_2(tmp_path: Path) -> None:
    result = run_cli("chat", "--knowledge", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 2
    assert "not found" in result.stderr and "Traceback" not in result.stderr


def test_without_a_terminal_the_chat_points_to_ask(tmp_path: Path) -> None:
    result = run_cli("chat", cwd=tmp_path)
    assert result.returncode == 2
    assert "guidebot ask" in result.stderr and "Traceback" not in result.stderr


def test_ask_does_not_import_textual() -> None:
    code = (
        "import sys; from guidebot.cli import main; main(['ask', 'salary']); "
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stderr.strip().endswith("False")
