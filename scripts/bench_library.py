"""Start-up, memory and answer time of guidebot on a large library, each in a fresh process.

Usage:
    python scripts/gen_library.py --sizes 100000          # once: scripts/out/lib-100000
    python scripts/bench_library.py [--library scripts/out/lib-100000] [--runs 3]
                                    [--queries scripts/out/queries-100000.jsonl] [--asks 300]
                                    [--compare OLD_SRC]

For the library, with an empty cache directory made for the run:
* first build: `Bot.load(library, cache_dir=...)` in a new process with nothing cached
  (parse, analyse, index, write the caches);
* cached load: the same in --runs new processes, the caches warm; median seconds;
* memory of one process after a cached load: peak RSS (ru_maxrss), and from
  /proc/self/smaps_rollup its RSS, PSS and private (USS) bytes; the mapped index pages are
  shared between processes, so with N workers they count once, not N times;
* `conversation.ask` p50/p95 over --asks questions of the query file (a fresh conversation
  each, as a visitor's first question).

--compare OLD_SRC measures another source tree (a `git worktree` of an older commit, say)
the same way in the same run, with PYTHONPATH=OLD_SRC, and prints the ratios new/old. The
machines are shared and noisy: compare within one run, not with figures from another day.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from guidebot.bot import Bot
bot = Bot.load(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
loaded = time.perf_counter() - start
memory = {"peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
for line in open("/proc/self/smaps_rollup"):
    name, _, value = line.partition(":")
    if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
        memory[name] = int(value.split()[0]) * 1024
asks = []
questions = json.loads(sys.argv[3])
for question in questions:
    t = time.perf_counter()
    bot.conversation().ask(question)
    asks.append(time.perf_counter() - t)
import guidebot
engine = guidebot.__file__
print(json.dumps({"load": loaded, "memory": memory, "asks": asks, "notes": bot.notes,
                  "engine": engine}))
"""


def measure(src: Path | None, library: Path, cache: Path, questions: list[str]) -> dict:
    env = dict(os.environ, GUIDEBOT_NO_LOG="1")
    if src is not None:
        env["PYTHONPATH"] = str(src)
    args = [sys.executable, "-c", CHILD, str(library), str(cache), json.dumps(questions)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"the measuring process failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(src: Path | None, library: Path, questions: list[str], runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="guidebot-bench-") as cache:
        first = measure(src, library, Path(cache), [])
        warm = [measure(src, library, Path(cache), questions) for _ in range(runs)]
    asks = sorted(t for w in warm for t in w["asks"])
    memory = warm[-1]["memory"]
    return {
        "first build s": first["load"],
        "cached load s": statistics.median(w["load"] for w in warm),
        "peak RSS MB": memory["peak_rss"] / 1e6,
        "RSS after load MB": memory["Rss"] / 1e6,
        "PSS MB": memory["Pss"] / 1e6,
        "private (USS) MB": (memory["Private_Clean"] + memory["Private_Dirty"]) / 1e6,
        "ask p50 ms": 1000 * asks[len(asks) // 2] if asks else float("nan"),
        "ask p95 ms": 1000 * asks[int(len(asks) * 0.95)] if asks else float("nan"),
        "notes": sorted({n for w in [first, *warm] for n in w["notes"]}),
        "engine": first["engine"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=HERE / "out" / "lib-100000")
    parser.add_argument("--queries", type=Path, default=HERE / "out" / "queries-100000.jsonl")
    parser.add_argument("--asks", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare", type=Path, help="another source tree (its src/ folder)")
    args = parser.parse_args()
    if not args.library.is_dir():
        sys.exit(f"{args.library}: no such library; run scripts/gen_library.py first")
    if args.compare and not (args.compare / "guidebot" / "bot.py").is_file():
        sys.exit(f"--compare {args.compare}: not a source folder (expected OLD/src/guidebot)")
    lines = args.queries.read_text().splitlines() if args.queries.is_file() else []
    questions = [json.loads(line)["query"] for line in lines[: args.asks]]
    results = {"this tree": run(None, args.library, questions, args.runs)}
    if args.compare:
        results[str(args.compare)] = run(args.compare, args.library, questions, args.runs)
    names = list(results)
    engines = {results[n]["engine"] for n in names}
    if len(engines) < len(names):
        sys.exit(f"both runs imported the same guidebot ({engines.pop()}): check --compare")
    print(f"{args.library} ({args.runs} cached loads, {len(questions)} asks)")
    print(
        f"{'':22}" + "".join(f"{n[-24:]:>26}" for n in names) + ("  ratio" if args.compare else "")
    )
    for figure in results[names[0]]:
        if figure in ("notes", "engine"):
            continue
        values = [results[n][figure] for n in names]
        ratio = f"  {values[0] / values[1]:.2f}" if args.compare and values[1] else ""
        print(f"{figure:22}" + "".join(f"{v:>26.2f}" for v in values) + ratio)
    for name in names:
        for note in results[name]["notes"]:
            print(f"note ({name}): {note}")


if __name__ == "__main__":
    main()
