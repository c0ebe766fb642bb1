"""Folder sources never read outside CHOKEWATCH_SOURCE_FILES_ROOT: not through their pattern,
not through a symbolic link inside the root, whether to a file or to a folder."""

from __future__ import annotations

import os

import pytest

from chokewatch.services.ingest import folders
from chokewatch.services.ingest.listing import Invalid, Misconfigured
from chokewatch.shared import sources

from .conftest import add, raw_events

SECRET = "# Private\n\nThe text of a file outside the root."


@pytest.fixture
def outside(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outside")
    (folder / "secret.md").write_text(SECRET)
    return folder


@pytest.mark.parametrize("pattern", ["../outside*/*.md", "../../*/*.md", "/etc/*", "inbox/../../x/*.md",
                                     "..\\..\\x\\*.md", "~/notes/*.md"])
def test_a_pattern_leading_outside_is_refused_when_saved(pattern):
    with pytest.raises(sources.PatternOutside, match="inside the folder"):
        sources.check_pattern(pattern)
    for fine in ("*.md", "**/*.md", "notices/2025-*.txt"):
        assert sources.check_pattern(fine) == fine


def test_a_pattern_leading_outside_is_never_read(tmp_path, outside):
    root = tmp_path / "root"
    (root / "inbox").mkdir(parents=True)
    (root / "inbox" / "ok.md").write_text("# Inside\n\nA notice about gallium.")
    # As if stored before patterns were checked: the read itself refuses it too.
    pattern = os.path.relpath(outside, root / "inbox") + "/*.md"
    assert list((root / "inbox").glob(pattern))  # the pattern does reach the outside file
    with pytest.raises(Invalid, match="secret.md: leads outside CHOKEWATCH_SOURCE_FILES_ROOT"):
        folders._read(root / "inbox", pattern, 50_000, root.resolve())


async def test_symbolic_links_out_of_the_root_are_not_followed(tmp_path, outside, poller, store, redis,
                                                                names):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "notice.md").write_text("# Gallium\n\nGallium export licences are required.")
    (inbox / "linked.md").symlink_to(outside / "secret.md")
    (inbox / "folder").symlink_to(outside, target_is_directory=True)
    (inbox / "inside.md").symlink_to(inbox / "notice.md")  # a link that stays inside is fine
    await add(store, "inbox", "folder", "inbox", options={"pattern": "*.md"})
    await add(store, "nested", "folder", "inbox", options={"pattern": "*/*.md"})
    assert (await poller.poll("inbox")).outcome == "ok"
    events = await raw_events(redis, names)
    assert {e.title for e in events} == {"Gallium"}
    assert "linked.md: leads outside" in (await store.state("inbox"))["last_warning"]
    assert (await poller.poll("nested")).outcome == "error"  # its only file leads outside
    assert "folder/secret.md: leads outside" in (await store.state("nested"))["last_error"]
    assert all("outside the root" not in e.text for e in await raw_events(redis, names))


async def test_a_location_that_is_a_link_out_of_the_root_is_refused(tmp_path, outside, poller, store):
    (tmp_path / "door").symlink_to(outside, target_is_directory=True)
    await add(store, "door", "folder", "door")
    assert (await poller.poll("door")).outcome == "error"
    assert (await store.state("door"))["last_error_reason"] == "config"


def test_the_read_refuses_a_location_outside_the_root(tmp_path, outside):
    with pytest.raises(Misconfigured):
        folders._read(outside, "*.md", 50_000, (tmp_path / "root").resolve())
