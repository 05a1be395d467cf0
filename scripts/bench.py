"""Benchmark guidebot's BM25 against rank-bm25 and bm25s on synthetic libraries of N passages.

Usage:
    python scripts/gen_library.py                      # once: scripts/out/lib-N, queries-N
    python scripts/bench.py [--sizes 1000 10000 100000] [--out scripts/out] [--queries 300]
                            [--rank-bm25-queries 20] [--no-retriever]

For each N, in one process and one run:

* guidebot build: `bundle.build_bundle`, what a first start does (analysis of title and
  body, the typo vocabulary, the three field indexes and the derived data), timed whole;
  then the bundle saved to and loaded from the on-disk cache (`indexcache`), timed.
* the three engines over the *same* tokens (guidebot's analyzed body terms), each asked the
  same pre-analysed queries for the top 10:
  - guidebot: `FieldIndex` (variant "okapi") `.top_k` (the same function as BM25Okapi; the bench
    also checks that its scores equal rank-bm25's within 1e-9 on the queries it times);
  - rank-bm25: `BM25Okapi.get_scores` + argpartition. It is slow at 100k, so it answers only
    `--rank-bm25-queries` queries at each N (default 20; its p50/p95 are over those);
  - bm25s: `bm25s.BM25()` (its default "lucene" BM25), `retrieve([query], k=10)` one query at
    a time, as a chat answers them.
* the full guidebot path, `Retriever.search(question)` from raw question text (typo repair,
  analysis, two weighted BM25+ fields, matched-term check), unless --no-retriever; building
  the Retriever is timed too (it re-analyses everything: it does not use the cache yet).

Peak memory is measured with tracemalloc (Python and numpy allocations) in a separate,
untimed build of each engine's index from the tokens, so tracing does not slow the timed
runs; the process's peak RSS (resource.getrusage ru_maxrss) at the end is printed as well.

Writes OUT/bench.md (table) and OUT/bench.png (query p50 against N, log axes) and prints the
ratios guidebot/rank-bm25 and guidebot/bm25s (below 1 means guidebot is faster).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from guidebot import __version__
from guidebot.knowledge.loader import load_knowledge
from guidebot.knowledge.passages import build_passages, passages_version
from guidebot.search.analysis import Analyzer
from guidebot.search.arrays import to_arrays
from guidebot.search.bundle import build_bundle
from guidebot.search.cache import CacheKey, analyzer_settings, load, save
from guidebot.search.config import Bm25Params, RetrievalConfig
from guidebot.search.index import FieldIndex
from guidebot.search.retriever import Retriever

HERE = Path(__file__).resolve().parent
OKAPI = Bm25Params(variant="okapi")


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def traced_peak_mb(fn: Callable[[], object]) -> float:
    """Peak of Python + numpy allocations while fn runs, in MB (fn's result is dropped)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    gc.collect()
    return peak / 1e6


def latencies(run: Callable[[object], object], queries: Sequence[object]) -> list[float]:
    out = []
    for q in queries:
        start = time.perf_counter()
        run(q)
        out.append(time.perf_counter() - start)
    return out


def pct(values: Sequence[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1e3 if values else float("nan")


def bench_size(n: int, out: Path, args: argparse.Namespace) -> dict[str, object]:
    import bm25s
    from rank_bm25 import BM25Okapi

    logging.getLogger("bm25s").setLevel(logging.ERROR)
    r: dict[str, object] = {"n": n}
    lib = out / f"lib-{n}"
    kb, r["load_knowledge_s"] = timed(lambda: load_knowledge(lib))
    passages, r["passages_s"] = timed(lambda: build_passages(kb))
    r["passages"] = len(passages)
    config = RetrievalConfig()
    analyzer = Analyzer(kb.synonyms)

    # -- guidebot build: what Bot does on a first start (bundle.build_bundle) ----------------
    bundle, r["build_s"] = timed(lambda: build_bundle(passages, analyzer, config))
    # The three engines below are compared over the same terms, analysed once here.
    body_terms = [analyzer.terms(p.text) for p in passages]
    key = CacheKey(kb.fingerprint, passages_version(), config.bm25, analyzer_settings(kb.synonyms))
    with tempfile.TemporaryDirectory() as cache:
        note, r["cache_save_s"] = timed(lambda: save(cache, key, bundle))  # noqa: F821
        assert note is None, note
        r["cache_mb"] = sum(f.stat().st_size for f in Path(cache).iterdir()) / 1e6
        (loaded, note), r["cache_load_s"] = timed(lambda: load(cache, key))
        assert loaded is not None, note
    del loaded, bundle

    # -- the three engines over the same tokens ----------------------------------------------
    queries_text = [
        json.loads(line)["query"]
        for line in (out / f"queries-{n}.jsonl").read_text(encoding="utf-8").splitlines()
    ][: args.queries]
    queries = [analyzer.terms(q) for q in queries_text]
    queries = [q for q in queries if q] or [["x"]]

    gb, r["gb_build_s"] = timed(lambda: FieldIndex.build(body_terms, OKAPI))
    r["gb_mem_mb"] = traced_peak_mb(lambda: FieldIndex.build(body_terms, OKAPI))
    r["gb_index_mb"] = sum(a.nbytes for a in to_arrays(gb).values()) / 1e6
    gb_lat = latencies(lambda q: gb.top_k(q, 10), queries)

    rb, r["rb_build_s"] = timed(lambda: BM25Okapi(body_terms))
    r["rb_mem_mb"] = traced_peak_mb(lambda: BM25Okapi(body_terms))
    rb_queries = queries[: args.rank_bm25_queries]
    r["rb_queries"] = len(rb_queries)

    def rb_top(q):
        s = rb.get_scores(q)  # noqa: F821 - bound above, before any call
        return np.argpartition(-s, 9)[:10] if len(s) > 10 else np.argsort(-s)

    rb_lat = latencies(rb_top, rb_queries)
    worst = max(float(np.max(np.abs(gb.scores(q) - rb.get_scores(q)))) for q in rb_queries)
    r["max_score_diff"] = worst
    del rb
    gc.collect()

    def bm25s_index():
        engine = bm25s.BM25()
        engine.index(body_terms, show_progress=False)
        return engine

    bs, r["bs_build_s"] = timed(bm25s_index)
    r["bs_mem_mb"] = traced_peak_mb(bm25s_index)
    k = min(10, len(passages))
    bs_lat = latencies(lambda q: bs.retrieve([q], k=k, show_progress=False), queries)  # noqa: F821
    del bs
    gc.collect()

    for name, lat in (("gb", gb_lat), ("rb", rb_lat), ("bs", bs_lat)):
        r[f"{name}_p50_ms"], r[f"{name}_p95_ms"] = pct(lat, 50), pct(lat, 95)
    r["queries"] = len(queries)

    # -- the full guidebot search path -------------------------------------------------------
    if not args.no_retriever:
        del body_terms
        gc.collect()
        retriever, r["retriever_build_s"] = timed(
            lambda: Retriever(passages, analyzer, config, build_bundle(passages, analyzer, config))
        )
        retriever.search(queries_text[0])  # warm the analyzer's stem memo for query words
        lat = latencies(lambda q: retriever.search(q, k=5), queries_text)
        r["search_p50_ms"], r["search_p95_ms"] = pct(lat, 50), pct(lat, 95)
    r["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    return r


def fmt(value: object, digits: int = 2) -> str:
    if isinstance(value, float):
        return f"{value:.{digits}f}" if value == value else "-"
    return str(value)


def table(rows: list[dict[str, object]]) -> str:
    cols = [
        ("N", "n", 0),
        ("load knowledge s", "load_knowledge_s", 1),
        ("passages s", "passages_s", 1),
        ("**guidebot build s** (3 fields, derived data)", "build_s", 2),
        ("cache save s", "cache_save_s", 2),
        ("**cache load s**", "cache_load_s", 3),
        ("cache MB", "cache_mb", 1),
    ]
    engines = [
        ("N", "n", 0),
        ("guidebot build s", "gb_build_s", 2),
        ("rank-bm25 build s", "rb_build_s", 2),
        ("bm25s build s", "bs_build_s", 2),
        ("**guidebot p50 ms**", "gb_p50_ms", 3),
        ("guidebot p95 ms", "gb_p95_ms", 3),
        ("rank-bm25 p50 ms", "rb_p50_ms", 2),
        ("rank-bm25 p95 ms", "rb_p95_ms", 2),
        ("rank-bm25 queries", "rb_queries", 0),
        ("bm25s p50 ms", "bs_p50_ms", 3),
        ("bm25s p95 ms", "bs_p95_ms", 3),
        ("guidebot/rank-bm25", "ratio_rb", 4),
        ("guidebot/bm25s", "ratio_bs", 3),
        ("guidebot peak MB", "gb_mem_mb", 0),
        ("rank-bm25 peak MB", "rb_mem_mb", 0),
        ("bm25s peak MB", "bs_mem_mb", 0),
        ("max |score diff|", "max_score_diff", 0),
    ]
    full = [
        ("N", "n", 0),
        ("Retriever build s", "retriever_build_s", 1),
        ("search p50 ms", "search_p50_ms", 2),
        ("search p95 ms", "search_p95_ms", 2),
        ("process peak RSS MB", "rss_mb", 0),
    ]
    parts = []
    for title, spec in (
        ("guidebot build and cache", cols),
        ("Engines over the same tokens (top 10, pre-analysed queries)", engines),
        ("Full guidebot path: Retriever.search(question)", full),
    ):
        lines = [f"### {title}", "", "| " + " | ".join(c[0] for c in spec) + " |"]
        lines.append("|" + "---|" * len(spec))
        for row in rows:
            cells = []
            for _, key, digits in spec:
                value = row.get(key, float("nan"))
                if key == "max_score_diff" and isinstance(value, float):
                    cells.append(f"{value:.1e}")
                else:
                    cells.append(fmt(value, digits))
            lines.append("| " + " | ".join(cells) + " |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def plot(rows: list[dict[str, object]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [row["n"] for row in rows]
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    series = [
        ("guidebot FieldIndex.top_k", "gb_p50_ms", "o-"),
        ("guidebot Retriever.search (full path)", "search_p50_ms", "o--"),
        ("rank-bm25 BM25Okapi", "rb_p50_ms", "s-"),
        ("bm25s BM25", "bs_p50_ms", "^-"),
    ]
    for label, key, style in series:
        ys = [row.get(key) for row in rows]
        if all(isinstance(y, float) for y in ys):
            ax.plot(ns, ys, style, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("passages (N)")
    ax.set_ylabel("query time, p50 (ms)")
    ax.set_title("Query time against library size")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--queries", type=int, default=300, help="queries per size")
    parser.add_argument("--rank-bm25-queries", type=int, default=20)
    parser.add_argument("--no-retriever", action="store_true", help="skip Retriever.search")
    args = parser.parse_args(argv)
    missing = [n for n in args.sizes if not (args.out / f"lib-{n}").is_dir()]
    if missing:
        sys.exit(f"no library for {missing}: run scripts/gen_library.py --sizes {missing}")
    rows = []
    started = time.perf_counter()
    for n in args.sizes:
        row = bench_size(n, args.out, args)
        row["ratio_rb"] = row["gb_p50_ms"] / row["rb_p50_ms"]
        row["ratio_bs"] = row["gb_p50_ms"] / row["bs_p50_ms"]
        rows.append(row)
        print(
            f"N={n}: build {row['build_s']:.2f}s, cache load {row['cache_load_s']:.3f}s | p50 ms "
            f"guidebot {row['gb_p50_ms']:.3f}, rank-bm25 {row['rb_p50_ms']:.2f}, "
            f"bm25s {row['bs_p50_ms']:.3f} | guidebot/rank-bm25 {row['ratio_rb']:.4f} "
            f"({1 / row['ratio_rb']:.0f}x faster), guidebot/bm25s {row['ratio_bs']:.3f} "
            f"({1 / row['ratio_bs']:.1f}x faster)",
            flush=True,
        )
    elapsed = time.perf_counter() - started
    header = (
        f"# guidebot BM25 benchmark\n\n"
        f"`python scripts/bench.py --sizes {' '.join(map(str, args.sizes))}` "
        f"({elapsed:.0f} s, {os.cpu_count()} CPUs, guidebot {__version__}). "
        f"Times are wall-clock (time.perf_counter); peak MB is tracemalloc's peak during a "
        f"separate build of each engine's index from the tokens; RSS is the whole process. "
        f"rank-bm25 answers only the first {args.rank_bm25_queries} queries at each N, the "
        f"others {args.queries} (fewer if some analyse to no terms).\n\n"
    )
    (args.out / "bench.md").write_text(header + table(rows), encoding="utf-8")
    (args.out / "bench.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    plot(rows, args.out / "bench.png")
    print(f"wrote {args.out / 'bench.md'} and {args.out / 'bench.png'} in {elapsed:.0f}s")


if __name__ == "__main__":
    main()
