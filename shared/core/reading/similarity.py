"""Near-duplicate fingerprints: bottom-k MinHash over word shingles.

A signature is the k smallest 64-bit hashes of a text's word 3-shingles. Two signatures estimate
the Jaccard similarity of the shingle sets, so the same wire story rewritten by another outlet
scores high while two stories that merely share vocabulary score low. Hashes come from blake2b,
not Python's `hash()`, so signatures stored by one process compare with those of another.
"""

from __future__ import annotations

import hashlib
import re

K = 128  # signature length; the standard error of the estimate is about 1/sqrt(K)
SHINGLE = 3

# Words, or single CJK characters (Chinese has no spaces, so a character is the unit).
_TOKEN = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]")
# Function words carry no story; dropping them makes rewrites by other outlets look closer.
_STOP = frozenset(
    "a an the of to in on for and or but is are was were be been by with as at from that this "
    "it its their his her has have had will would said says into than over after also which who "
    "they we our not".split()
)


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")


def _hashes(shingles: set[str]) -> set[int]:
    """_hash of each shingle; inlined, as a text has hundreds of them."""
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return {from_bytes(blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles}


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


def signature(text: str, title: str = "") -> list[int]:
    """The bottom-k MinHash signature of title and text, sorted ascending."""
    words = tokens(f"{title}\n{text}")
    if len(words) < SHINGLE:
        shingles = {" ".join(words)} if words else set()
    else:
        # Each tuple holds SHINGLE consecutive words; zip stops at the last whole shingle.
        shingles = {" ".join(run) for run in zip(*(words[i:] for i in range(SHINGLE)), strict=False)}
    # The hashes are distinct, so sorting all of them gives what heapq.nsmallest gives, sooner.
    return sorted(_hashes(shingles))[:K]


def similarity(sig_a: list[int], sig_b: list[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (0..1)."""
    if not sig_a or not sig_b:
        return 0.0
    set_a, set_b = set(sig_a), set(sig_b)
    # The k smallest of the union are a uniform sample of it whose membership is known on both
    # sides as long as k does not exceed either signature's length.
    k = min(len(set_a), len(set_b))
    common = set_a & set_b
    if not common:
        return 0.0
    sample = sorted(set_a | set_b)[:k]  # a C sort of a few hundred ints beats a heap here
    # The sample's hashes are distinct, so counting those in `common` is a set intersection.
    return len(common.intersection(sample)) / k


fingerprint = signature
