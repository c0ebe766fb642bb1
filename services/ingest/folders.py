"""Files and folders as a source: text, Markdown and JSON-lines files under the configured
root, read each poll; a file's events are new when their content is (files.py parses them).

Every file is read by its resolved path, and only if that lies under the root: neither the
pattern (`../../elsewhere/*.md`) nor a symbolic link inside the root can lead outside it.
"""

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
    root = settings.source_files_root.resolve()
    return await asyncio.to_thread(_read, path, options.pattern, settings.fetch_max_bytes, root)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _read(path: Path, pattern: str, max_bytes: int, root: Path) -> Listing:
    if not path.exists():
        raise Misconfigured(f"{path} does not exist")
    if not _inside(path.resolve(), root):
        raise Misconfigured(f"{path} is outside CHOKEWATCH_SOURCE_FILES_ROOT")
    try:
        found = [path] if path.is_file() else sorted(path.glob(pattern))
    except ValueError as exc:  # a pattern glob cannot use
        raise Misconfigured(f"pattern {pattern!r}: {exc}") from None
    items: list[Item] = []
    problems: list[str] = []
    files: list[tuple[Path, Path]] = []  # (as listed, where it really is)
    for candidate in found:
        if candidate.suffix.lower() not in SUFFIXES:
            continue
        real = candidate.resolve()  # symbolic links followed to where they really lead
        if not _inside(real, root):
            problems.append(f"{candidate}: leads outside CHOKEWATCH_SOURCE_FILES_ROOT; not read")
        elif real.is_file():
            files.append((candidate, real))
    for listed, file in files:
        size = file.stat().st_size
        if size > max_bytes:
            raise TooLarge(f"{listed} is {size} bytes; the limit is {max_bytes}")
        mtime = datetime.fromtimestamp(file.stat().st_mtime, UTC)
        parsed = parse_file(file)
        problems += [str(p) for p in parsed.problems]
        text_file = listed.suffix.lower() in TEXT_SUFFIXES
        for event in parsed.events:
            items.append(Item(
                key=f"{listed.name}:{_digest(event.title, event.text)}",
                title=event.title, text=event.text, url=event.source_url,
                # A text file's time is its modification time; a JSON line states its own or none.
                published_at=event.published_at or (mtime if text_file else None),
            ))
    if problems and not items:
        raise Invalid("; ".join(problems[:5]))
    return Listing(items=items, warnings=problems[:20])


def _digest(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()[:24]
