"""Reading events from files: plain text, Markdown, or JSON lines (one event per line).

Pure parsing: every problem is reported with its file and line, and nothing is written until a
whole batch has parsed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from chokewatch.shared.messages import RawEvent, new_id, utcnow

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
ALLOWED_FIELDS = {"text", "title", "source_url", "published_at", "source"}


@dataclass
class FileProblem:
    where: str  # "path" or "path:line"
    problem: str
    unreadable: bool = False  # the file could not be read at all, not merely invalid

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass
class Parsed:
    events: list[RawEvent] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


def _event(fields: dict[str, Any], source: str) -> RawEvent:
    now = utcnow()
    eid = new_id()
    return RawEvent(id=eid, correlation_id=eid, ingested_at=now, source=source, submitted_by="cli",
                    **fields)


def _describe(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'event'}: {e['msg']}" for e in exc.errors()
    )


def _text_event(path: Path, content: str) -> RawEvent:
    lines = content.strip().splitlines()
    title = ""
    body = content
    # A leading Markdown heading (or a short first line followed by a blank line) is the title.
    if lines and lines[0].startswith("#"):
        title = lines[0].lstrip("#").strip()
        body = "\n".join(lines[1:])
    elif len(lines) > 2 and not lines[1].strip() and len(lines[0]) <= 200:
        title = lines[0].strip()
        body = "\n".join(lines[2:])
    return _event({"title": title, "text": body}, f"file:{path.name}")


def parse_file(path: Path) -> Parsed:
    out = Parsed()
    where = str(path)
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        out.problems.append(FileProblem(where, "no such file", unreadable=True))
        return out
    except UnicodeDecodeError as exc:
        out.problems.append(FileProblem(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return out
    except OSError as exc:
        out.problems.append(FileProblem(where, f"cannot read: {exc.strerror}", unreadable=True))
        return out

    if not content.strip():
        out.problems.append(FileProblem(where, "file is empty"))
        return out

    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        _parse_jsonl(path, content, out)
    else:
        try:
            out.events.append(_text_event(path, content))
        except ValidationError as exc:
            out.problems.append(FileProblem(where, _describe(exc)))
    return out


def _parse_jsonl(path: Path, content: str, out: Parsed) -> None:
    stripped = content.lstrip()
    if path.suffix.lower() == ".json" and stripped.startswith("["):
        # A JSON array of events is accepted too.
        try:
            items = json.loads(content)
        except json.JSONDecodeError as exc:
            out.problems.append(FileProblem(f"{path}:{exc.lineno}", f"invalid JSON: {exc.msg}"))
            return
        for index, item in enumerate(items, 1):
            _one(item, f"{path}[{index}]", path, out)
        return
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            out.problems.append(FileProblem(where, f"invalid JSON: {exc.msg} (column {exc.colno})"))
            continue
        _one(item, where, path, out)


def _one(item: Any, where: str, path: Path, out: Parsed) -> None:
    if not isinstance(item, dict):
        out.problems.append(FileProblem(where, f"expected a JSON object, got {type(item).__name__}"))
        return
    unknown = sorted(set(item) - ALLOWED_FIELDS)
    if unknown:
        out.problems.append(
            FileProblem(where, f"unknown fields {unknown}; allowed: {sorted(ALLOWED_FIELDS)}")
        )
        return
    if "text" not in item:
        out.problems.append(FileProblem(where, "text: field required"))
        return
    fields = {"source": f"file:{path.name}", **item}
    try:
        out.events.append(_event({k: v for k, v in fields.items() if k != "source"}, fields["source"]))
    except ValidationError as exc:
        out.problems.append(FileProblem(where, _describe(exc)))


def parse_files(paths: list[Path]) -> Parsed:
    total = Parsed()
    for path in paths:
        one = parse_file(path)
        total.events.extend(one.events)
        total.problems.extend(one.problems)
    return total
