"""`chokewatch classify`: texts classified offline, optionally given incidents, without Redis.

Inputs are text files (one text each) or JSON lines (`.jsonl`, `.ndjson`, `.json`, or a `.json`
array; stdin when it starts with `{`): one object per line with `text` and optional `id`, `title`,
`published_at`. With incidents, every input gets the incident the classify service would give
it had the inputs arrived in publication order (undated ones last): the same pure decision
(`incident_policy`), kept in memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chokewatch.shared.core.reading.classifier import classify
from chokewatch.shared.core.reading.incident_policy import Entry, assign_all

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
FIELDS = {"text", "id", "title", "published_at"}


class InputError(Exception):
    """An input that cannot be read; the message names its file (and line)."""


@dataclass(frozen=True, slots=True)
class Input:
    where: str  # file, or file:line
    text: str
    id: str | None = None
    title: str = ""
    published_at: datetime | None = None


def read(paths: list[Path] | None, stdin: str | None = None) -> list[Input]:
    """Every input of the given files (or of stdin), or InputError at the first bad one."""
    if not paths:
        content = stdin or ""
        if content.lstrip().startswith("{"):
            return _jsonl("-", content)
        return [Input("-", content)]
    out: list[Input] = []
    for path in paths:
        try:
            content = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from None
        if path.suffix.lower() == ".json" and content.lstrip().startswith("["):
            out += _array(str(path), content)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            out += _jsonl(str(path), content)
        else:
            out.append(Input(str(path), content))
    return out


def _jsonl(name: str, content: str) -> list[Input]:
    out = []
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})") from None
        out.append(_input(item, where))
    return out


def _array(name: str, content: str) -> list[Input]:
    """A `.json` file may hold one array of objects instead of JSON lines."""
    try:
        items = json.loads(content)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}:{exc.lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    return [_input(item, f"{name}[{n}]") for n, item in enumerate(items, 1)]


def _input(item: Any, where: str) -> Input:
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(item).__name__}")
    unknown = sorted(set(item) - FIELDS)
    if unknown:
        raise InputError(f"{where}: unknown fields {unknown}; allowed: {sorted(FIELDS)}")
    text, title, ident = item.get("text"), item.get("title") or "", item.get("id")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: text: a non-empty string is required")
    if not isinstance(title, str):
        raise InputError(f"{where}: title: expected a string")
    if ident is not None and not isinstance(ident, str | int):
        raise InputError(f"{where}: id: expected a string")
    return Input(where, text, None if ident is None else str(ident), title,
                 _when(item.get("published_at"), where))


def _when(value: Any, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"{where}: published_at: not an ISO 8601 date or time: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def run(inputs: list[Input], incidents: bool = False) -> list[dict[str, Any]]:
    """One JSON-able object per input, in input order."""
    results = [classify(i.text, i.title) for i in inputs]
    if incidents:
        entries = [Entry(i.where, c, i.text, i.title, i.published_at)
                   for i, c in zip(inputs, results, strict=True)]
        decisions = assign_all(entries)
        results = [c.model_copy(update={"incident_id": d.incident_id})
                   for c, d in zip(results, decisions, strict=True)]
    out = []
    for i, c in zip(inputs, results, strict=True):
        head: dict[str, Any] = {"input": i.where}
        if i.id is not None:
            head["id"] = i.id
        out.append({**head, **c.model_dump(mode="json")})
    return out
