"""Dialogflow ES agent exports (the zip, or the folder it unpacks to): each intent is
intents/<name>.json, its training phrases intents/<name>_usersays_<lang>.json.

A training phrase is the `text` of its `data` pieces joined; the first phrase is the question
and the others its alternates. The answer is the intent's text responses (messages of type 0
in the agent's language, the default platform's only), one paragraph per message, the first
variant of each. Intents without a text response (webhooks, events, fallbacks) or without
training phrases are left out with a note. The intent's name goes into metadata.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from guidebot.errors import InputError
from guidebot.ingest.faq.archives import Members
from guidebot.ingest.faq.jsontext import load_json
from guidebot.ingest.faq.rows import Row, answer_text, one_line, unique_texts
from guidebot.ingest.faq.textfile import decode
from guidebot.knowledge.yamlsource import line_of

FORM = "a Dialogflow ES agent"
_INTENT = re.compile(r"(?:^|.*/)intents/[^/]+\.json$")
_USERSAYS = re.compile(r"_usersays_[A-Za-z-]+\.json$")


def is_agent(names: list[str]) -> bool:
    """Whether these member names are those of a Dialogflow ES agent export."""
    return any(_INTENT.match(n) and not _USERSAYS.search(n) for n in names)


def is_agent_folder(path: Path) -> bool:
    """Whether a folder is an unzipped agent: intents/*.json in it or in a folder inside it."""
    homes = [path, *(p for p in path.iterdir() if p.is_dir())] if path.is_dir() else []
    return any(any((home / "intents").glob("*.json")) for home in homes)


def read_agent(members: Members) -> tuple[list[Row], list[str]]:
    """Rows of the agent's intents and notes on the intents left out.

    Raises InputError for a file that is not JSON (file:line) or not shaped like an intent.
    """
    language = _language(members)
    intents = [n for n in members.names if _INTENT.match(n) and not _USERSAYS.search(n)]
    rows: list[Row] = []
    left_out: dict[str, list[str]] = {
        "fallback intents": [],
        "intents without a text response": [],
        "intents without training phrases": [],
    }
    for name in intents:
        intent = _json(members, name)
        if not isinstance(intent, dict):
            raise InputError(f"{members.where(name)}:1: not a Dialogflow intent (an object)")
        title = one_line(intent.get("name")) or name.rsplit("/", 1)[-1][: -len(".json")]
        answer = _answer(intent, language)
        said = f"{name[: -len('.json')]}_usersays_{language}.json"
        phrases = (
            _phrases(_json(members, said), members.where(said)) if said in members.names else []
        )
        if intent.get("fallbackIntent"):  # it answers "say that again?": no FAQ
            left_out["fallback intents"].append(title)
        elif not answer:
            left_out["intents without a text response"].append(title)
        elif not phrases:
            left_out["intents without training phrases"].append(title)
        else:
            where = f"{members.where(name)}:{line_of(intent) or 1}"
            rows.append(Row(where, phrases[0], answer, phrases[1:], metadata={"intent": title}))
    notes = [
        f"{members.shown}: left out {what}: {', '.join(titles)}"
        for what, titles in left_out.items()
        if titles
    ]
    if not rows:
        raise InputError(
            f"{members.shown}: no intent has both training phrases and a text response"
        )
    return rows, notes


def _language(members: Members) -> str:
    agent = next((n for n in members.names if n.rsplit("/", 1)[-1] == "agent.json"), None)
    data = _json(members, agent) if agent else None
    language = one_line(data.get("language")) if isinstance(data, dict) else ""
    return language or "en"


def _json(members: Members, name: str) -> Any:
    shown = members.where(name)
    return load_json(decode(members.read(name), shown, spreadsheet=False), shown)


def _answer(intent: dict[str, Any], language: str) -> str:
    paragraphs: list[str] = []
    responses = intent.get("responses")
    for response in responses if isinstance(responses, list) else []:
        messages = response.get("messages") if isinstance(response, dict) else None
        for message in messages if isinstance(messages, list) else []:
            if not isinstance(message, dict) or str(message.get("type")) not in {"0", "message"}:
                continue
            if message.get("platform") or message.get("lang", language) != language:
                continue  # Facebook or Slack copies, other languages
            speech = message.get("speech")
            first = speech[0] if isinstance(speech, list) and speech else speech
            text = answer_text(first)
            if text and text not in paragraphs:
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _phrases(data: Any, shown: str) -> list[str]:
    if not isinstance(data, list):
        raise InputError(f'{shown}:1: training phrases must be a list of {{"data": [...]}}')
    phrases = []
    for phrase in data:
        pieces = phrase.get("data") if isinstance(phrase, dict) else None
        if not isinstance(pieces, list):
            raise InputError(f"{shown}:{line_of(phrase) or 1}: a training phrase without 'data'")
        phrases.append(
            one_line("".join(str(p.get("text", "")) for p in pieces if isinstance(p, dict)))
        )
    return unique_texts(phrases)
