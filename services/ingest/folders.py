"""Files and folders as a source: text, Markdown and JSON-lines files under the configured
root, read each poll; a file's events are new when their content is (files.py parses them)."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime
from pathlib import Path

from chokewatch.shared.sources import FolderOptions, FolderOutsideRoot, Source, folder_path

from .files import JSONL_SUFFIXES, TEXT_SUFFIXES, parse_file
from .listing import Invalid, Item, Listing, Misconfigured, TooLarge

SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES


async def read(source: Source, settings, state: dict[str, str]) -> Listing:
    try:
        path = folder_path(source.location, settings)
    except FolderOutsideRoot as exc:
        raise Misconfigured(str(exc)) from None
    options: FolderOptions = source.typed_options()
    return await asyncio.to_thread(_read, path, options.pattern, settings.fetch_max_bytes)


def _read(path: Path, pattern: str, max_bytes: int) -> Listing:
    if not path.exists():
        raise Misconfigured(f"{path} does not exist")
    files = [path] if path.is_file() else sorted(
        p for p in path.glob(pattern) if p.is_file() and p.suffix.lower() in SUFFIXES
    )
    items: list[Item] = []
    problems: list[str] = []
    for file in files:
        size = file.stat().st_size
        if size > max_bytes:
            raise TooLarge(f"{file} is {size} bytes; the limit is {max_bytes}")
        mtime = datetime.fromtimestamp(file.stat().st_mtime, UTC)
        parsed = parse_file(file)
        problems += [str(p) for p in parsed.problems]
        text_file = file.suffix.lower() in TEXT_SUFFIXES
        for event in parsed.events:
            items.append(Item(
                key=f"{file.name}:{_digest(event.title, event.text)}",
                title=event.title, text=event.text, url=event.source_url,
                # A text file's time is its modification time; a JSON line states its own or none.
                published_at=event.published_at or (mtime if text_file else None),
            ))
    if problems and not items:
        raise Invalid("; ".join(problems[:5]))
    return Listing(items=items, warnings=problems[:20])


def _digest(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:24]
