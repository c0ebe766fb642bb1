"""Incident records parsed once and reused while their JSON is unchanged; the signature
similarity the incident rules compare texts by."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from chokewatch.services.classify.incidents import ParsedRecords
from chokewatch.shared.core.reading.similarity import similarity


def test_a_record_is_parsed_again_only_when_its_json_changed():
    kept = ParsedRecords()
    one = json.dumps({"id": "inc_a", "members": [{"at": "2025-01-02"}]})
    first = kept.get("inc_a", one)
    assert kept.get("inc_a", one) is first  # the same JSON: the same parsed record
    two = json.dumps({"id": "inc_a", "members": [{"at": "2025-01-02"}, {"at": "2025-01-03"}]})
    changed = kept.get("inc_a", two)
    assert changed is not first
    assert len(changed["members"]) == 2


def test_the_least_recently_read_records_are_let_go_first():
    kept = ParsedRecords(size=2)
    raws = {i: json.dumps({"id": i}) for i in ("a", "b", "c")}
    a = kept.get("a", raws["a"])
    kept.get("b", raws["b"])
    assert kept.get("a", raws["a"]) is a  # "a" read again: "b" is now the oldest
    kept.get("c", raws["c"])
    assert kept.get("a", raws["a"]) is a
    assert kept.get("b", raws["b"]) == {"id": "b"}  # parsed again after being let go


def _reference(sig_a: list[int], sig_b: list[int]) -> float:
    """The estimate as defined: of the k smallest hashes of the union, the share in both."""
    if not sig_a or not sig_b:
        return 0.0
    set_a, set_b = set(sig_a), set(sig_b)
    k = min(len(set_a), len(set_b))
    sample = sorted(set_a | set_b)[:k]
    return sum(1 for h in sample if h in set_a and h in set_b) / k


hashes = st.lists(st.integers(min_value=0, max_value=400), max_size=60, unique=True).map(sorted)


@given(hashes, hashes)
def test_similarity_is_the_share_of_the_unions_smallest_hashes_found_in_both(a, b):
    assert similarity(a, b) == _reference(a, b)
