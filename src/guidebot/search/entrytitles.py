"""An FAQ entry's phrasings weighed with one idf per term across all passages, as BM25F does.

The title field of an FAQ entry holds its question and alternates: short texts in the asker's
words. Scored as a field of its own, a term that few titles use but many answers and guide
sections do ("pay" in "Can I pay by cash?", "day" in a price question) gets the title field's
high idf, and that one short entry pulls every question using the word: "does my carer have
to pay" went to paying by cash, the section saying carers go in free second. BM25F gives a
term one idf for the whole document (Robertson, Zaragoza and Taylor, "Simple BM25 extension to
multiple weighted fields", CIKM 2004); here the entry's title contribution is scaled by the
ratio of that idf (the larger of the term's title and body document frequencies, as
`Retriever.idf` reads it) to the title field's own.

Only when meaning is read (the Retriever's choice): words alone, the title field's own idf
is what lets an entry asked in its very words win, and tempering it cost the bundled dev set.
A guide section's heading keeps the title field's idf: an author wrote it to name the
section's topic, and weighing it down too cost the ingested article's held-out set and a
newcomer's help desk (docs/experiments.md, "one idf for titles").
"""

from __future__ import annotations

import numpy as np

from guidebot.search.index import FieldIndex
from guidebot.search.postings import idf_of


def tempered(title: FieldIndex, body: FieldIndex, entries: np.ndarray) -> FieldIndex:
    """The title field with each FAQ entry's postings scaled by its term's `shares`: the same
    terms, idf and passages, so BM25+'s constant is unchanged (a passage matching nothing
    still scores the baseline). `title` and `body` are the per-passage fields, `entries` a
    bool array, one per passage, true for an FAQ entry; raises ValueError when its length is
    not the number of passages the title field indexes. Built once: scoring costs nothing
    more. For a BM25 variant other than BM25+, `title` as it is."""
    if len(entries) != title.size:
        raise ValueError("one flag per passage is needed")
    if not entries.any() or title.params.variant != "plus":
        # Okapi floors a common term's negative idf, so a ratio of its idfs could raise a
        # score rather than temper it; only BM25+ (the default, positive idf) is tempered.
        return title
    per_posting = np.repeat(shares(title, body), np.diff(title.indptr))
    values = np.where(entries[title.docs], per_posting * title.values, title.values)
    return FieldIndex(
        title.params,
        title.size,
        title.avgdl,
        title.terms,
        title.idf,
        title.indptr,
        title.docs,
        values,
    )


def shares(title: FieldIndex, body: FieldIndex) -> np.ndarray:
    """For each title term (by term id), its idf across passages over its title field idf
    (`title.idf`), in (0, 1]: the one across passages reads the larger of the term's title
    and body document frequencies, as `Retriever.idf` does. BM25+ only (see `tempered`). A
    term every passage's title holds (title idf 0) keeps 1."""
    count = len(title.terms)
    ids = np.fromiter(title.terms.values(), dtype=np.int64, count=count)
    in_body = np.fromiter((body.terms.get(t, -1) for t in title.terms), np.int64, count)
    body_freqs = np.append(np.diff(body.indptr), 0)  # [-1]: a term no body holds
    in_bodies = np.zeros(count)
    in_bodies[ids] = body_freqs[in_body]
    in_either = np.maximum(np.diff(title.indptr), in_bodies)
    across = idf_of(in_either, title.size, title.params)
    own = title.idf
    return np.divide(across, own, out=np.ones(count), where=own > 0)
