"""The Markdown of a bench_faq.py report: the figures table, notes and the trade-off curve.

A report is the JSON-able dict bench_faq.py builds (and writes with --json), so other scripts
can print a saved one again: print_report(json.load(open(path))).
"""

from __future__ import annotations


def _cell(value: float | None, scale: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if scale == "fraction" else f"{value:.1f}"


COLUMNS = [  # (heading, figure, scale)
    ("P@1", "p_at_1", "fraction"),
    ("MRR@10", "mrr_at_10", "fraction"),
    ("asked back %", "clarify_pct", "pct"),
    ("declined %", "decline_pct", "pct"),
    ("small talk %", "smalltalk_pct", "pct"),
    ("oos declined %", "oos_declined_pct", "pct"),
]


def print_table(report: dict) -> None:
    print("| set | system | queries (oos) | " + " | ".join(h for h, _, _ in COLUMNS) + " |")
    print("|---|---|---:|" + "---:|" * len(COLUMNS))
    for name, found in report["sets"].items():
        size = f"{found['queries']} ({found['oos_queries']})"
        for system, figures in found["systems"].items():
            cells = [_cell(figures[key], scale) for _, key, scale in COLUMNS]
            print(f"| {name} | {system} | {size} | " + " | ".join(cells) + " |")


def print_curve(curve: dict) -> None:
    name, rows = curve["field"], curve["rows"]
    print(f"\nDecline trade-off on clinc150 ({name} swept; guidebot only):\n")
    print(f"| {name} | oos declined % | in-scope declined % | P@1 |")
    print("|---:|---:|---:|---:|")
    for row in rows:
        cells = (row["oos_declined_pct"], row["decline_pct"])
        print(f"| {row[name]} | " + " | ".join(_cell(c, "pct") for c in cells), end="")
        print(f" | {row['p_at_1']:.3f} |")


def print_report(report: dict) -> None:
    limit = f"; --limit {report['limit']}" if report["limit"] else ""
    print(f"# guidebot FAQ benchmarks, split {report['split']}\n")
    print(f"guidebot {report['commit']} ({report['engine']}); data {report['data']}; ", end="")
    print(f"top_k {report['top_k']}{limit}\n")
    print_table(report)
    print()
    for name, found in report["sets"].items():
        print(f"- {name}: " + "; ".join(found["notes"]))
    for note in report["skipped"]:
        print(f"- {note}")
    for found in report["sets"].values():
        if "curve" in found:
            print_curve(found["curve"])
