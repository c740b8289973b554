"""WARC archives: HTML responses only, URL and capture date carried into ``source``, corrupt records skipped."""
from __future__ import annotations

import gzip
import json
import os
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.article import Article
from marsad.cli import main
from marsad.errors import InputError
from marsad.fetch import iter_warc_file

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures", "html")


def page(name: str) -> bytes:
    with open(os.path.join(FIXTURES, name), "rb") as fh:
        return fh.read()


def record(writer: WARCWriter, url: str, body: bytes, ctype: str = "text/html; charset=utf-8",
           status: str = "200 OK", date: str = "2024-05-12T10:00:00Z", rec_type: str = "response"):
    if rec_type == "response":
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    else:
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "a.example")], is_http_request=True)
    rec = writer.create_warc_record(url, rec_type, payload=BytesIO(body), http_headers=http,
                                    warc_headers_dict={"WARC-Date": date})
    writer.write_record(rec)


def build(gz: bool) -> bytes:
    out = BytesIO()
    w = WARCWriter(out, gzip=gz)
    record(w, "https://a.example/library", page("wordpress-library.html"))
    record(w, "https://a.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, ctype="image/png")
    record(w, "https://a.example/missing", page("amp-rain.html"), status="404 Not Found")
    record(w, "https://a.example/req", b"", rec_type="request")
    record(w, "https://b.example/water", page("drupal-water.html"), date="2024-06-19T08:30:00Z")
    return out.getvalue()


@pytest.mark.parametrize("gz", [True, False])
def test_only_html_responses_with_url_and_date(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(build(gz))
    items = list(iter_warc_file(str(path), stages=[]))
    assert all(isinstance(x, Article) for x in items), items
    assert [(a.source.url, a.source.fetched) for a in items] == [
        ("https://a.example/library", "2024-05-12T10:00:00Z"), ("https://b.example/water", "2024-06-19T08:30:00Z")]
    assert items[1].headline == "محطة تحلية صغيرة تنهي أزمة العطش في قرية الصفصاف"


def _corrupt_middle(data: bytes, gz: bool) -> bytes:
    """Damage the 'logo' record (the second one) so that it cannot be read."""
    if gz:
        members = data.split(b"\x1f\x8b\x08")
        # members[0] is b"" (the file starts with a member); break the second record's compressed bytes.
        second = bytearray(members[2])
        for i in range(20, min(len(second), 60)):
            second[i] ^= 0xFF
        members[2] = bytes(second)
        return b"\x1f\x8b\x08".join(members)
    i = data.index(b"WARC/1", 10)
    return data[:i] + b"GARBAGE NOT A RECORD\r\n" + data[i + 6:]


@pytest.mark.parametrize("gz", [True, False])
def test_a_corrupt_record_is_reported_and_skipped(tmp_path, gz):
    path = tmp_path / ("bad.warc.gz" if gz else "bad.warc")
    path.write_bytes(_corrupt_middle(build(gz), gz))
    items = list(iter_warc_file(str(path), stages=[]))
    errs = [x for x in items if isinstance(x, InputError)]
    arts = [x for x in items if isinstance(x, Article)]
    assert len(errs) >= 1 and all("corrupt record" in str(e) for e in errs)
    assert [a.source.url for a in arts] == ["https://a.example/library", "https://b.example/water"]


def test_cli_streams_jsonl_from_a_warc(tmp_path, capsys):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build(True))
    rc = main(["analyze", str(path), "--json"])
    lines = capsys.readouterr().out.strip().split("\n")
    assert rc == 0 and len(lines) == 2
    assert json.loads(lines[0])["source"]["fetched"] == "2024-05-12T10:00:00Z"


def test_not_a_warc(tmp_path, capsys):
    path = tmp_path / "x.warc.gz"
    path.write_bytes(gzip.compress(b"hello"))
    rc = main(["analyze", str(path), "--json"])
    err = capsys.readouterr().err
    assert rc == 1 and err.count("\n") == 1 and "Traceback" not in err


def _cut_inside_last_record(data: bytes, gz: bool) -> bytes:
    """Cut the archive halfway through its last record (the 'water' page), as an interrupted download does."""
    start = data.rindex(b"\x1f\x8b\x08") if gz else data.rindex(b"WARC/1")
    return data[:start + (len(data) - start) // 2]


@pytest.mark.parametrize("gz", [True, False])
def test_a_truncated_archive_yields_the_good_records_then_says_so(tmp_path, gz):
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(_cut_inside_last_record(build(gz), gz))
    items = list(iter_warc_file(str(path), stages=[]))
    assert [a.source.url for a in items if isinstance(a, Article)] == ["https://a.example/library"]
    errs = [str(x) for x in items if isinstance(x, InputError)]
    assert len(errs) == 1 and isinstance(items[-1], InputError)
    assert "truncated" in errs[0] and "after 4 records" in errs[0]


def test_a_truncated_archive_is_one_stderr_line_in_the_cli(tmp_path, capsys):
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(_cut_inside_last_record(build(True), True))
    rc = main(["analyze", str(path), "--json"])
    out, err = capsys.readouterr()
    assert rc == 0 and len(out.strip().split("\n")) == 1
    assert err.count("\n") == 1 and err.startswith("marsad: ") and "truncated" in err


@pytest.mark.parametrize("gz", [True, False])
def test_an_archive_cut_inside_its_first_record_is_unreadable(tmp_path, capsys, gz):
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    data = build(gz)
    path.write_bytes(data[:(data.index(b"\x1f\x8b\x08", 3) if gz else data.index(b"WARC/1", 10)) // 2])
    rc = main(["analyze", str(path), "--json"])
    out, err = capsys.readouterr()
    assert rc == 1 and out == "" and "truncated" in err and "Traceback" not in err


def test_a_warc_gzipped_whole_says_why_it_stops(tmp_path):
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(build(False)))
    items = list(iter_warc_file(str(path), stages=[]))
    assert [a.source.url for a in items if isinstance(a, Article)] == ["https://a.example/library"]
    assert len(items) == 2 and "gzipped as one block" in str(items[-1])
