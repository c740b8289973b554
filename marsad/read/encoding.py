"""Bytes → text for Arabic pages, whatever the site saved them in.

UTF-8 first (strictly), then a BOM, then a declared charset, then a choice between the two legacy
Arabic code pages by which one yields real Arabic: windows-1256 and ISO-8859-6 put the same bytes
on different letters, so the right one is the one whose text is full of ال، في، من.
"""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

MAX_BYTES = 20 * 1024 * 1024
_COMMON = ("ال", "في", "من", "لا", "على", "ان", " و")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def arabic_score(text: str) -> int:
    return sum(text.count(w) for w in _COMMON)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the head: an image, archive or executable, not a page."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > len(head) * 0.05


def decode(data: bytes, max_bytes: int = MAX_BYTES, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding) or raise InputError with a one-line reason.

    ``declared`` is the charset the server sent (HTTP Content-Type); it is tried before the page's own
    ``<meta charset>`` but, like it, must still yield Arabic to win over the legacy code pages.
    """
    if len(data) > max_bytes:
        raise InputError(f"input is {len(data) / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit (raise it with --max-bytes)")
    if not data.strip():
        raise InputError("input is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace").lstrip("\ufeff"), enc
    if looks_binary(data):
        raise InputError("input looks binary (not a text or HTML page)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = [declared.lower()] if declared else []
    m = _CHARSET_RE.search(data[:4096])
    if m:
        candidates.append((m.group(1) or m.group(2)).decode("ascii", "replace").lower())
    candidates += ["windows-1256", "iso-8859-6"]
    best = None
    for enc in dict.fromkeys(candidates):
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        score = arabic_score(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best and best[0] > 0:
        return best[1], best[2]
    from charset_normalizer import from_bytes  # last resort: other scripts and encodings

    guess = from_bytes(data).best()
    if guess is None:
        raise InputError("cannot tell the text encoding of the input")
    return str(guess), guess.encoding
