"""Stage 2, search: from a question to ranked, scored passages (analysis, typo repair, BM25
field indexes, the on-disk index cache, the second stage, highlights)."""
