"""Web archives (.warc, .warc.gz) → the HTML pages they hold, with each capture's URL and date.

Only ``response`` records whose HTTP status is 2xx and whose content type is HTML are read.  A
corrupt record is reported (one ``InputError``) and skipped: the reader looks for the next record
start (a ``WARC/`` header, or the next gzip member in a .warc.gz) and carries on from there.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from ..read.encoding import MAX_BYTES

HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."


@dataclass
class Capture:
    url: str | None
    date: str | None
    content: bytes


def iter_warc(path: str, max_bytes: int = MAX_BYTES) -> Iterator[Capture | InputError]:
    try:
        fh = open(path, "rb")
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from None
    with fh:
        head = fh.read(4)
        fh.seek(0)
        if not (head.startswith(_GZIP_MAGIC[:2]) or head.startswith(b"WARC")):
            raise InputError(f"{path}: not a WARC file")
        magic = _GZIP_MAGIC if head.startswith(_GZIP_MAGIC[:2]) else _WARC_MAGIC
        offset = 0
        while offset is not None:
            offset = yield from _read_from(fh, path, offset, magic, max_bytes)


def _read_from(fh, path: str, start: int, magic: bytes, max_bytes: int):
    """Read records from ``start``; on a corrupt one, report it and return where to resume (or None)."""
    fh.seek(start)
    it = ArchiveIterator(fh, no_record_parse=False, arc2warc=True)
    record_at, reading = None, False
    try:
        for record in it:
            record_at, reading = it.offset, True  # the record's start (get_record_offset would consume it)
            capture = _capture(record, path, max_bytes)
            reading = False
            if capture is not None:
                yield capture
        return None
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, KeyError, IndexError, zlib.error) as e:
        # Failing inside a record's content: that record is bad; failing between records: the next one.
        if record_at is None and start == 0:
            raise InputError(f"{path}: not a WARC file ({type(e).__name__})") from None
        bad = (record_at if reading else _next_start(fh, record_at + 1, magic)) if record_at is not None else start
        if bad is None:
            return None
        yield InputError(f"{path}: corrupt record at byte {bad} skipped ({type(e).__name__})")
        return _next_start(fh, bad + 1, magic)


def _capture(record, path: str, max_bytes: int) -> Capture | InputError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not status.startswith("2") or ctype not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return InputError(f"{path}: {url}: page is over the {max_bytes / 2**20:.0f} MB limit, skipped")
    return Capture(url=url, date=record.rec_headers.get_header("WARC-Date"), content=data)


def _next_start(fh, pos: int, magic: bytes) -> int | None:
    """The file offset of the next record start at or after ``pos``."""
    fh.seek(pos)
    window = 1 << 20
    carry = b""
    base = pos
    while True:
        chunk = fh.read(window)
        if not chunk:
            return None
        buf = carry + chunk
        i = buf.find(magic)
        if i >= 0:
            return base - len(carry) + i
        carry = buf[-len(magic):]
        base += len(chunk)
