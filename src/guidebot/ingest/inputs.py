"""What `guidebot ingest` is given, read: each article parsed by its kind and named by its
title (or --slug), each FAQ table or export read (guidebot.ingest.tables), with the notes
reading them made; refused when two inputs would be written to one file."""

from __future__ import annotations

import re
from pathlib import Path

from guidebot.errors import InputError
from guidebot.ingest.articles import Article
from guidebot.ingest.controls import article_fields_without_controls, article_without_controls
from guidebot.ingest.markdown import parse_markdown
from guidebot.ingest.plaintext import parse_plain_text
from guidebot.ingest.sources import read_source
from guidebot.ingest.tables import FaqTable, is_table_input, read_tables
from guidebot.ingest.webpage import parse_html
from guidebot.knowledge.slugs import slugify

ARTICLE_KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
ARTICLE_KINDS |= {".html": "html", ".htm": "html", ".xhtml": "html"}


def read_all(
    paths: list[Path], slug: str | None
) -> tuple[list[tuple[str, Article, str]], list[FaqTable], list[str]]:
    """(each article with the file name it gets and its input's name, the FAQ tables, the
    notes reading them made). Raises InputError for an input that cannot be used."""
    table_paths = [p for p in paths if is_table_input(p)]
    if slug and len(paths) - len(table_paths) != 1:
        raise InputError("a slug names one guide: give exactly one article with it")
    if slug is not None and not slug.strip():
        raise InputError("--slug needs a name: a-z, 0-9 and '-'")
    if slug and slug != _slug(slug):
        raise InputError(f"the slug '{slug}' may hold only a-z, 0-9 and '-' (e.g. {_slug(slug)})")
    articles: list[tuple[str, Article, str]] = []
    notes: list[str] = []
    for path in paths:
        if path in table_paths:
            continue
        text, dropped = article_without_controls(read_source(path), path.name)
        notes += dropped
        kind = ARTICLE_KINDS.get(path.suffix.lower()) or _sniff(text)
        article = _parse_article(text, kind)
        article.source = article.source or path.name
        notes += article_fields_without_controls(article, path.name)
        if not article.title.strip():
            found = "".join(f"; {note}" for note in article.notes)
            raise InputError(f"{path}: no title found ({_TITLED[kind]}){found}")
        if not article.sections and not article.intro:
            raise InputError(f"{path}: no text found under the title")
        notes += [f"{path.name}: {note}" for note in article.notes]
        if not article.sections:
            notes.append(f"{path.name}: no headings found, so the guide is one section")
        articles.append((slug or _slug(article.title) or _slug(path.stem), article, path.name))
    tables = read_tables(table_paths)
    notes += [note for table in tables for note in table.notes]
    stems = [table.name for table in tables]
    for table in tables:  # faq.csv and faq.json both in one run: faq-csv.yaml, faq-json.yaml
        if stems.count(table.name) > 1 and table.suffix:
            table.name = f"{table.name}-{table.suffix[1:]}"
    return articles, tables, notes


def refuse_same_names(articles: list[tuple[str, Article, str]], tables: list[FaqTable]) -> None:
    """InputError when two inputs would be written to one file (after _same_names_as_before:
    faq.csv brought in before as faq-csv.yaml, beside a new faq-csv.json)."""
    named = {
        "guide": [(name, shown) for name, _, shown in articles],
        "FAQ file": [(t.name, t.shown) for t in tables],
    }
    for kind, pairs in named.items():
        names = [name for name, _ in pairs]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            inputs = " and ".join(shown for name, shown in pairs if name == twice[0])
            hint = (
                " (bring them in one at a time, naming one with --slug)" if kind == "guide" else ""
            )
            raise InputError(f"{inputs} would both become the {kind} '{twice[0]}'{hint}")


# Where each kind of article gives its title, for the message when none is found.
_TITLED = {
    "html": "a web page gives it in <title> or its first <h1>",
    "markdown": "a Markdown article starts with a '# Title' line or front matter's 'title:'",
    "text": "the first line should be the title",
}


def _parse_article(text: str, kind: str) -> Article:
    if kind == "html":
        return parse_html(text)
    if kind == "markdown":
        return parse_markdown(text)
    return parse_plain_text(text)


def _sniff(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if re.search(r"^#{1,6} \S", text, re.M):
        return "markdown"
    return "text"


def _slug(text: str) -> str:
    """File names: up to eight words, and empty (not a placeholder) when text has none."""
    return slugify(text, words=8, fallback="")
