"""Parsing events from files (pure): every problem named with its file and line."""

from __future__ import annotations

from pathlib import Path

from chokewatch.services.ingest.files import parse_file, parse_files


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_markdown_heading_becomes_the_title(tmp_path):
    parsed = parse_file(write(tmp_path, "a.md", "# Gallium controls\n\nChina restricts gallium."))
    [event] = parsed.events
    assert event.title == "Gallium controls"
    assert event.text.strip() == "China restricts gallium."
    assert event.source == "file:a.md" and not parsed.problems


def test_plain_text_without_title_keeps_all_text(tmp_path):
    parsed = parse_file(write(tmp_path, "b.txt", "One line about antimony."))
    assert parsed.events[0].text == "One line about antimony." and parsed.events[0].title == ""


def test_jsonl_events_and_problems_with_line_numbers(tmp_path):
    path = write(
        tmp_path,
        "c.jsonl",
        '{"text": "ok one", "title": "A"}\n'
        "\n"
        "{not json\n"
        '{"title": "no text"}\n'
        '{"text": 42}\n'
        '{"text": "x", "published_at": "soon"}\n'
        '{"text": "x", "colour": "red"}\n'
        "[1, 2]\n",
    )
    parsed = parse_file(path)
    assert [e.title for e in parsed.events] == ["A"]
    problems = [str(p) for p in parsed.problems]
    assert problems[0].startswith(f"{path}:3: invalid JSON")
    assert problems[1] == f"{path}:4: text: field required"
    assert problems[2].startswith(f"{path}:5: text: Input should be a valid string")
    assert problems[3].startswith(f"{path}:6: published_at:")
    assert "unknown fields ['colour']" in problems[4]
    assert problems[5] == f"{path}:8: expected a JSON object, got list"


def test_empty_missing_and_binary_files_are_reported(tmp_path):
    empty = write(tmp_path, "empty.txt", "  \n")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    parsed = parse_files([empty, tmp_path / "missing.md", binary])
    assert not parsed.events
    assert [p.problem.split(" (")[0] for p in parsed.problems] == [
        "file is empty", "no such file", "not UTF-8 text"
    ]


def test_json_array_file(tmp_path):
    parsed = parse_file(write(tmp_path, "d.json", '[{"text": "a"}, {"text": "b"}]'))
    assert [e.text for e in parsed.events] == ["a", "b"]
