"""Near-duplicate detection: MinHash signatures over word shingles, banded for LSH look-ups.

News is copied: an agency story reappears on ten sites with a changed word or a new dateline.
Copies should share a ``cluster`` id, so the corpus can count a story once.  Each article gets a
MinHash signature of its folded text's word 3-shingles; the signature is cut into bands, and only
articles that share a whole band with it are compared (the classic LSH S-curve: with 20 bands of
3 values, pairs at Jaccard 0.5 are found 94% of the time, pairs at 0.1 almost never).  A candidate
is a copy when the signatures agree on at least ``THRESHOLD`` of their values.

Pure Python with a stable hash (BLAKE2b), so two runs, or a SQLite and a later PostgreSQL store,
give the same signatures.
"""
from __future__ import annotations

import hashlib
import re
import sys
from array import array

from ..text.normalize import fold

SHINGLE = 3  # words per shingle
BANDS = 20
ROWS = 3  # values per band
NUM_PERM = BANDS * ROWS  # signature length
THRESHOLD = 0.5  # estimated Jaccard similarity of shingle sets above which two texts are copies

_MASK = 0xFFFFFFFF
_WORD_RE = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """64-bit hashes of the folded text's word 3-shingles (of its words, for a very short text)."""
    words = _WORD_RE.findall(fold(text))
    if len(words) < SHINGLE:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little") for g in grams}


def signature(text: str) -> array:
    """A MinHash signature of NUM_PERM unsigned 32-bit values, by one-permutation hashing.

    Each shingle hash falls in one of NUM_PERM bins and each bin keeps its smallest value: one pass
    over the shingles instead of one per permutation (Li, Owen & Zhang 2012).  An empty bin takes
    the value of the next non-empty bin to its right, shifted by the distance, so two texts agree
    on it exactly when they agree on that bin ("rotation" densification, Shrivastava & Li 2014).
    """
    bins: list[int | None] = [None] * NUM_PERM
    for h in shingles(text):
        b, v = h % NUM_PERM, (h // NUM_PERM) & _MASK
        if bins[b] is None or v < bins[b]:
            bins[b] = v
    if all(v is None for v in bins):
        return array("I", [_MASK] * NUM_PERM)
    out = array("I", [0] * NUM_PERM)
    for i in range(NUM_PERM):
        d = 0
        while bins[(i + d) % NUM_PERM] is None:
            d += 1
        out[i] = (bins[(i + d) % NUM_PERM] + d * _ROTATION) & _MASK
    return out


_ROTATION = 0x9E3779B1  # an odd constant: a borrowed value differs from the bin's own


def similarity(sig_a: array, sig_b: array) -> float:
    """Estimated Jaccard similarity: the share of signature positions where both agree."""
    return sum(x == y for x, y in zip(sig_a, sig_b)) / NUM_PERM


def band_keys(sig: array) -> list[tuple[int, int]]:
    """(band number, 64-bit signed key) for each band: two articles sharing one are candidates."""
    out = []
    for band in range(BANDS):
        chunk = to_bytes(sig[band * ROWS:(band + 1) * ROWS])
        key = int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)
        out.append((band, key))
    return out


def to_bytes(sig: array) -> bytes:
    """A signature as stored: little-endian whatever the machine, so a database file travels."""
    out = array("I", sig)
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


def from_bytes(data: bytes) -> array:
    sig = array("I")
    sig.frombytes(data)
    if sys.byteorder == "big":
        sig.byteswap()
    return sig
