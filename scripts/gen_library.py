"""Write a synthetic guide library of N passages, and a query set drawn from it, for benchmarks.

Usage:
    python scripts/gen_library.py [--sizes 1000 10000 100000] [--seed 7] [--out scripts/out]

For each N it writes `OUT/lib-N/` as a normal knowledge directory that `guidebot` loads as it
is (guides/*.md with YAML front matter and `## ` sections of blank-line-separated paragraphs,
faq/*.yaml entries with question, answer and alternates) and `OUT/queries-N.jsonl`, one
`{"query", "guide", "section", "passage"}` object a line.

The text is nonsense with the statistics that matter to BM25: words drawn from a Zipf-like
distribution over a synthetic vocabulary (a few hundred real English function words at the top
ranks, so stop-word removal has work, then pronounceable made-up words, some with English
suffixes so the stemmer has work), sentences of 6-22 words and paragraphs of 40-130 words, so
each paragraph becomes one passage (chunking merges below 12 words and splits above 160). About
90% of passages are guide paragraphs and 10% FAQ entries. Same seed, same bytes.

Output goes under --out (default scripts/out/, git-ignored); it refuses to write into a
directory named `knowledge`, so the real knowledge can never be overwritten by accident.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
SIZES = (1_000, 10_000, 100_000)

FUNCTION_WORDS = """the of and to a in is that for it as with was on be by this are or at from
have an which not but all they can their has more one will also been other there when its
about into only would some than may these these them what so your how out we up such our most
most do if any new over each just through where who even then should well first after because
both between those many while much very own same under here however before""".split()  # noqa: SIM905 - a word list reads better as text
SUFFIXES = ["", "", "", "", "s", "ing", "ed", "ation", "er", "ly", "ment", "ness", "able"]
ONSETS = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pl pr st tr sh ch th".split()  # noqa: SIM905
VOWELS = "a e i o u ai ea ou io".split()  # noqa: SIM905
CODAS = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk"]

PARAGRAPHS_PER_SECTION = (2, 7)
SECTIONS_PER_GUIDE = (8, 24)
FAQ_SHARE = 0.10
FAQ_PER_FILE = 200


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Function words first (the most frequent ranks), then distinct made-up words."""
    words = list(dict.fromkeys(FUNCTION_WORDS))
    seen = set(words)
    while len(words) < size:
        syllables = rng.choice((1, 1, 2, 2, 2, 3))
        stem = "".join(
            rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
        )
        word = stem + rng.choice(SUFFIXES)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Writer:
    """Draws words, sentences and paragraphs from a Zipf-like distribution over a vocabulary."""

    def __init__(self, seed: int, vocab_size: int) -> None:
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.words = vocabulary(vocab_size, self.rng)
        ranks = np.arange(1, len(self.words) + 1, dtype=np.float64)
        weights = 1.0 / (ranks + 2.7) ** 1.07  # Zipf-Mandelbrot, close to English text
        self.cdf = np.cumsum(weights / weights.sum())
        self._pool: list[str] = []
        self._at = 0

    def _draw(self, n: int) -> list[str]:
        if self._at + n > len(self._pool):  # refill in bulk: one numpy draw per 200,000 words
            u = self.np_rng.random(200_000)
            idx = np.minimum(np.searchsorted(self.cdf, u), len(self.words) - 1)
            self._pool = self._pool[self._at :] + [self.words[i] for i in idx.tolist()]
            self._at = 0
        self._at += n
        return self._pool[self._at - n : self._at]

    def sentence(self, low: int = 6, high: int = 22, end: str = ".") -> str:
        words = self._draw(self.rng.randint(low, high))
        if self.rng.random() < 0.08:  # an occasional figure, as guides quote numbers
            words[self.rng.randrange(len(words))] = str(self.rng.choice((12, 30, 145, 2026)))
        text = " ".join(words)
        return text[0].upper() + text[1:] + end

    def paragraph(self, low: int = 40, high: int = 130) -> str:
        target = self.rng.randint(low, high)
        sentences: list[str] = []
        count = 0
        while count < target:
            s = self.sentence()
            sentences.append(s)
            count += len(s.split())
        return " ".join(sentences)

    def heading(self) -> str:
        text = " ".join(self._draw(self.rng.randint(3, 8)))
        text = text[0].upper() + text[1:]
        return text + ("?" if self.rng.random() < 0.5 else "")


def write_library(root: Path, n: int, seed: int) -> list[dict[str, str]]:
    """Write a knowledge directory of about n passages; return query sources (one per passage)."""
    if (
        root.name == "knowledge"
        or (root / "guides").exists()
        and not (root / ".synthetic").exists()
    ):
        raise SystemExit(f"refusing to write into {root}: not a synthetic library directory")
    if root.exists():
        shutil.rmtree(root)
    (root / "guides").mkdir(parents=True)
    (root / "faq").mkdir()
    (root / ".synthetic").write_text("written by scripts/gen_library.py\n", encoding="utf-8")
    writer = Writer(seed, vocab_size=max(2_000, min(60_000, n // 2)))
    rng = writer.rng
    n_faq = round(n * FAQ_SHARE)
    n_guide = n - n_faq
    sources: list[dict[str, str]] = []

    made = 0
    guide_no = 0
    while made < n_guide:
        guide_no += 1
        slug = f"guide-{guide_no:05d}"
        title = writer.heading().rstrip("?")
        lines = ["---", f"title: {json.dumps(title)}", "---", ""]
        for _ in range(rng.randint(*SECTIONS_PER_GUIDE)):
            if made >= n_guide:
                break
            heading = writer.heading()
            lines += [f"## {heading}", ""]
            for _ in range(rng.randint(*PARAGRAPHS_PER_SECTION)):
                if made >= n_guide:
                    break
                text = writer.paragraph()
                lines += [text, ""]
                sources.append({"guide": slug, "section": heading, "text": text})
                made += 1
        (root / "guides" / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")

    for start in range(0, n_faq, FAQ_PER_FILE):
        entries: list[str] = []
        for i in range(start, min(n_faq, start + FAQ_PER_FILE)):
            question = writer.sentence(5, 12, "?")
            answer = writer.paragraph(20, 70)
            alternates = [writer.sentence(2, 5, "").lower() for _ in range(rng.randint(1, 3))]
            entries += [
                f"- id: q-{i:06d}",
                f"  question: {json.dumps(question)}",
                f"  answer: {json.dumps(answer)}",
                "  alternates:",
                *(f"    - {json.dumps(a)}" for a in alternates),
                "",
            ]
            sources.append({"guide": "faq", "section": question, "text": answer})
        name = f"faq-{start // FAQ_PER_FILE + 1:04d}.yaml"
        (root / "faq" / name).write_text("\n".join(entries), encoding="utf-8")
    return sources


def write_queries(path: Path, sources: list[dict[str, str]], count: int, seed: int) -> None:
    """Queries of 2-6 words: a window of a passage, sometimes a heading or FAQ question."""
    rng = random.Random(seed + 1)
    lines: list[str] = []
    for _ in range(count):
        src = rng.choice(sources)
        if rng.random() < 0.25:
            words = src["section"].rstrip("?.").split()
        else:
            words = src["text"].rstrip(".").replace(".", "").split()
        size = min(len(words), rng.randint(2, 6))
        at = rng.randrange(len(words) - size + 1)
        query = " ".join(words[at : at + size]).lower()
        lines.append(json.dumps({"query": query, "guide": src["guide"], "section": src["section"]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=500, help="queries per size")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for n in args.sizes:
        root = args.out / f"lib-{n}"
        sources = write_library(root, n, args.seed + n)
        write_queries(args.out / f"queries-{n}.jsonl", sources, args.queries, args.seed + n)
        print(f"wrote {root} ({len(sources)} passages) and {args.out / f'queries-{n}.jsonl'}")


if __name__ == "__main__":
    main()
