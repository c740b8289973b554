"""Web archives (.warc, .warc.gz) → the HTML pages they hold, with each capture's URL and date.

Only ``response`` records whose HTTP status is 2xx and whose content type is HTML are read.  A
corrupt record is reported (one ``InputError``) and skipped: the reader looks for the next record
start (a ``WARC/`` header, or the next gzip member in a .warc.gz) and carries on from there.
A file that ends inside a record (an interrupted download or copy) gives the complete records,
then one ``InputError`` saying how many were read: warcio itself stops there silently.
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
        offset, done = 0, 0
        while offset is not None:
            offset, done = yield from _read_from(fh, path, offset, magic, max_bytes, done)


def _read_from(fh, path: str, start: int, magic: bytes, max_bytes: int, done: int):
    """Read records from ``start``; on a corrupt one, report it and return where to resume (or None).

    ``done`` counts the complete records read so far, for the message when the file ends early.
    """
    fh.seek(start)
    it = ArchiveIterator(fh, no_record_parse=False, arc2warc=True)
    record_at, reading = None, False
    try:
        for record in it:
            record_at, reading = it.offset, True  # the record's start (get_record_offset would consume it)
            capture = _capture(record, path, max_bytes)
            if _cut_short(record):
                resume = _next_start(fh, record_at + 1, magic)
                if resume is None:
                    break  # the file ends inside this record
                yield InputError(f"{path}: corrupt record at byte {record_at} skipped (shorter than its length)")
                return resume, done
            reading = False
            done += 1
            if capture is not None:
                yield capture
        else:
            if _only_blank_after(fh, it.offset):
                return None, done
        # warcio stops quietly at a record that the end of the file cuts short (or at the end of one).
        yield _ended_early(fh, path, start, done, magic)
        return None, done
    # AttributeError: warcio's own, on a response record whose header lacks its target URI.
    except (ArchiveLoadFailed, ValueError, EOFError, OSError, KeyError, IndexError, AttributeError,
            zlib.error) as e:
        if "non-chunked gzip" in str(e):  # warcio's word for a file gzipped whole, not record by record
            yield InputError(f"{path}: gzipped as one block, not record by record: only {done} record(s) read "
                             "(`warcio recompress` fixes the file)")
            return None, done
        # Failing inside a record's content: that record is bad; failing between records: the next one.
        bad = (record_at if reading else _next_start(fh, record_at + 1, magic)) if record_at is not None else start
        resume = None if bad is None else _next_start(fh, bad + 1, magic)
        if resume is None:  # the damage runs to the end of the file
            yield _ended_early(fh, path, start, done, magic)
            return None, done
        yield InputError(f"{path}: corrupt record at byte {bad} skipped ({type(e).__name__})")
        return resume, done


def _ended_early(fh, path: str, start: int, done: int, magic: bytes) -> InputError:
    """The error for a file whose end is damaged; raised when nothing at all could be read."""
    if done:
        return InputError(f"{path}: file is truncated or damaged after {done} records; the rest was not read")
    if start:
        return InputError(f"{path}: file is truncated or damaged; no complete record read")
    if _opens_as_warc(fh, magic):
        raise InputError(f"{path}: file is truncated or damaged inside its first record; nothing read")
    raise InputError(f"{path}: not a WARC file")


def _opens_as_warc(fh, magic: bytes) -> bool:
    """Whether the file's first (decompressed) bytes are a WARC or ARC header."""
    fh.seek(0)
    head = fh.read(4096)
    if magic == _GZIP_MAGIC:
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _only_blank_after(fh, pos: int) -> bool:
    """Whether nothing but whitespace follows ``pos`` (so the last record read was the last one)."""
    fh.seek(pos)
    while chunk := fh.read(1 << 16):
        if chunk.strip():
            return False
    return True


def _cut_short(record) -> bool:
    """Whether the record lacks a Content-Length or its block ends before it (the file stops inside)."""
    while record.raw_stream.read(1 << 16):
        pass
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    return not length.isdigit() or getattr(record.raw_stream, "limit", 0) > 0


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
