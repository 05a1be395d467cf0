"""The `guidebot` command line: one module per sub-command; errors become messages and exit
codes here, and nowhere else."""

from guidebot.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
