"""`marsad ingest / search / export` through the real command line, on a real SQLite file.

Fixtures (tests/fixtures/corpus, invented text): a folder with a water-crisis story and a Red Sea
tourism story; a JSONL with a near-copy of the water story on another site, an Egyptian solar
story written without hamzas and with ه for ة, and one broken line; a JSONL with a changed
version of the solar story at the same URL.
"""
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from importlib import resources

import pytest

from marsad.cli import main
from marsad.corpus import open_store

from .conftest import FIXTURES, ROOT, run_cli

CORPUS = FIXTURES / "corpus"
PAGES, RECORDS, CHANGED = CORPUS / "pages", CORPUS / "records.jsonl", CORPUS / "changed.jsonl"
WATER_B = "https://news-b.example/2024/05/water-crisis"
SOLAR = "https://www.news-c.example/economy/solar"


def cli(capsys, *args):
    rc = main(list(args))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture corpus, ingested once through the CLI; returns (db path, ingest stdout, stderr)."""
    db = tmp_path_factory.mktemp("corpus") / "marsad.db"
    proc = run_cli("ingest", str(PAGES), str(RECORDS), "--site", "news-a.example", "--db", str(db))
    assert proc.returncode == 0, proc.stderr.decode()
    return db, proc.stdout.decode(), proc.stderr.decode()


@pytest.fixture()
def db(built, tmp_path):
    """A private copy of the fixture corpus (tests may change it)."""
    path = tmp_path / "marsad.db"
    shutil.copy(built[0], path)
    return str(path)


def ids_by_headline(db):
    with open_store(db, create=False) as store:
        return {(a["source"]["url"] or a["source"]["path"]): a["corpus"] for a in store.articles()}


def search(capsys, db, *args):
    rc, out, err = cli(capsys, "search", *args, "--db", db, "--json")
    assert rc == 0, err
    return json.loads(out)


def urls(db, hits):
    with open_store(db, create=False) as store:
        return {(store.get(h["id"])["source"]["url"] or store.get(h["id"])["source"]["path"].rsplit("/", 1)[-1])
                for h in hits}


def test_ingest_stores_folder_and_jsonl_and_reports_the_bad_line(built):
    _, out, err = built
    assert "4 new, 0 updated, 0 already stored, 1 failed" in out
    assert err.strip().splitlines() == [f"marsad: {RECORDS}:3: not a JSON object"]
    assert "Traceback" not in err


def test_arabic_spelling_is_folded_on_both_sides(db, capsys):
    hamza = urls(db, search(capsys, db, "الأمم المتحدة"))
    plain = urls(db, search(capsys, db, "الامم", "المتحده"))
    assert hamza == plain == {"water.txt", WATER_B, SOLAR}


def test_quoted_phrase_must_occur_in_order(db, capsys):
    assert urls(db, search(capsys, db, '"تحلية مياه البحر"')) == {"water.txt", WATER_B}
    assert urls(db, search(capsys, db, "تحلية مياه البحر")) == {"water.txt", WATER_B, "tourism.txt"}
    assert search(capsys, db, '"المتحدة الأمم"') == []


def test_latin_queries_work(tmp_path, capsys):
    page = tmp_path / "p.txt"
    page.write_text("مؤتمر Python في المدينة\n\nعقد مطورو لغة Python مؤتمرهم السنوي في المدينة هذا الأسبوع.\n",
                    encoding="utf-8")
    path = str(tmp_path / "c.db")
    assert cli(capsys, "ingest", str(page), "--db", path)[0] == 0
    assert len(search(capsys, path, "python")) == 1
    assert search(capsys, path, "java") == []


def test_filters_by_site_date_and_entity(db, capsys):
    assert urls(db, search(capsys, db, "المتحدة", "--site", "news-c.example")) == {SOLAR}
    assert urls(db, search(capsys, db, "المتحدة", "--site", "www.news-c.example")) == {SOLAR}
    assert urls(db, search(capsys, db, "المتحدة", "--site", "https://www.News-C.example/economy")) == {SOLAR}
    assert urls(db, search(capsys, db, "المتحدة", "--since", "2024-01-01")) == {WATER_B}
    assert urls(db, search(capsys, db, "المتحدة", "--until", "2023-12-31")) == {SOLAR}
    assert urls(db, search(capsys, db, "المتحدة", "--entity", "الأردن")) == {"water.txt", WATER_B}
    assert urls(db, search(capsys, db, "المتحدة", "--entity", "الاردن")) == {"water.txt", WATER_B}
    assert search(capsys, db, "المتحدة", "--site", "nowhere.example") == []
    assert urls(db, search(capsys, db, "المتحدة", "--entity", "country:JOR")) == {"water.txt", WATER_B}


def test_entities_are_listed_across_articles(db):
    with open_store(db, create=False) as store:
        gpe = {e["kb_id"]: e["articles"] for e in store.entities("GPE")}
        assert gpe.get("country:JOR") == 2
        assert all(e["type"] == "GPE" for e in store.entities("GPE"))
        events = list(store.events())
        newest = store.listing(limit=10)
        jordan = store.listing(entity="الأردن")
        solar = store.listing(site="news-c.example")
    assert [r["published"] for r in newest][:2] == ["2024-05-08", "2023-11-02"] and len(newest) == 4
    assert {r["id"] for r in jordan} == {c["id"] for k, c in ids_by_headline(db).items() if "water" in k}
    assert [set(r) for r in solar] == [{"id", "headline", "site", "published"}]
    assert events and {"article", "type", "actor_name", "trigger_start"} <= set(events[0])


def test_hits_follow_the_contract_and_snippets_come_from_the_original_text(db, capsys):
    hits = search(capsys, db, "الأمم")
    assert hits
    with open_store(db, create=False) as store:
        for h in hits:
            assert {"id", "headline", "site", "published", "score", "snippet"} <= set(h)
            text = store.get(h["id"])["text"]
            assert text[h["snippet_start"]:h["snippet_end"]] == h["snippet"]
            for s, e in h["highlights"]:
                assert h["snippet_start"] <= s < e <= h["snippet_end"]
        solar = next(h for h in hits if store.get(h["id"])["source"]["url"] == SOLAR)
        text = store.get(solar["id"])["text"]
    assert "الأُمَم" in [text[s:e] for s, e in solar["highlights"]]  # the diacritics as written


def test_readable_search_output(db, capsys):
    rc, out, _ = cli(capsys, "search", "الطاقة", "الشمسية", "--db", db)
    assert rc == 0 and out.startswith("1. برنامج الامم المتحده") and "الشمسيه" in out


def test_near_copies_share_a_cluster(db):
    corpus = ids_by_headline(db)
    water_a = next(c for k, c in corpus.items() if k.endswith("water.txt"))
    tourism = next(c for k, c in corpus.items() if k.endswith("tourism.txt"))
    assert corpus[WATER_B]["cluster"] == water_a["cluster"]
    assert len({water_a["cluster"], tourism["cluster"], corpus[SOLAR]["cluster"]}) == 3


def test_reingest_changes_nothing(db, capsys):
    before = ids_by_headline(db)
    rc, out, _ = cli(capsys, "ingest", str(PAGES), str(RECORDS), "--site", "news-a.example", "--db", db)
    assert rc == 0 and "0 new, 0 updated, 4 already stored, 1 failed" in out
    assert ids_by_headline(db) == before


def test_changed_page_gets_a_new_version(db, capsys):
    before = ids_by_headline(db)[SOLAR]
    assert search(capsys, db, '"العام الماضي"', "--site", "news-c.example")
    rc, out, err = cli(capsys, "ingest", str(CHANGED), "--db", db, "--json")
    assert rc == 0, err
    line = json.loads(out)
    assert (line["id"], line["status"], line["version"]) == (before["id"], "updated", 2)
    after = ids_by_headline(db)[SOLAR]
    assert after == {**before, "version": 2}
    assert search(capsys, db, '"العام الماضي"', "--site", "news-c.example") == []
    assert search(capsys, db, '"الربيع الماضي"', "--site", "news-c.example")
    with open_store(db, create=False) as store:
        (old,) = store.versions(before["id"])
        assert old["version"] == 1 and "العام الماضي" in old["text"] and old["headline"]
        assert store.versions("no-such-id") == []


def test_export_jsonl_is_article_objects_with_corpus(db, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(resources.files("marsad").joinpath("schema/article.schema.json").read_text("utf-8"))
    rc, out, _ = cli(capsys, "export", "--format", "jsonl", "--db", db)
    arts = [json.loads(line) for line in out.splitlines()]
    assert rc == 0 and len(arts) == 4
    for art in arts:
        jsonschema.validate(art, schema)
        assert set(art["corpus"]) == {"id", "cluster", "first_seen", "version"}
        assert art["text"] and art["corpus"]["version"] == 1


def test_export_csv_and_events_parse_back(db, capsys, tmp_path):
    rc, out, _ = cli(capsys, "export", "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rc == 0 and len(rows) == 4
    assert list(rows[0])[:8] == ["id", "url", "site", "headline", "published", "cluster", "version", "first_seen"]
    assert {r["url"] for r in rows} >= {WATER_B, SOLAR}
    assert all("\n\n" in r["text"] for r in rows)  # multi-line text survives quoting
    out_file = tmp_path / "events.csv"
    rc, _, err = cli(capsys, "export", "--format", "events", "--db", db, "--out", str(out_file))
    events = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert rc == 0 and "row(s)" in err
    ids = {r["id"] for r in rows}
    assert events and all(e["article"] in ids and e["type"] for e in events)


def test_export_parquet(db, capsys, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "corpus.parquet"
    assert cli(capsys, "export", "--format", "parquet", "--db", db, "--out", str(out))[0] == 0
    table = pq.read_table(out)
    assert table.num_rows == 4 and {"id", "cluster", "version", "text", "entities"} <= set(table.column_names)
    assert cli(capsys, "export", "--format", "parquet", "--db", db)[0] == 2  # binary: needs --out (usage)


def test_export_parquet_without_pyarrow_says_how_to_get_it(db, capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)  # as on an install without the extra
    rc, _, err = cli(capsys, "export", "--format", "parquet", "--db", db, "--out", str(tmp_path / "x.parquet"))
    assert rc == 1 and err.strip() == "marsad: Parquet export needs pyarrow: pip install 'marsad[parquet]'"


@pytest.mark.parametrize("query", ['"', "AND", "NEAR(", "a:b", "*", "(((", "-x", "^", "الأمم AND (", "col:\"x"])
def test_fts_syntax_in_queries_never_crashes(db, capsys, query):
    rc, out, err = cli(capsys, "search", "--db", db, "--json", "--", query)  # "--": "-x" is a query, not an option
    assert rc in (0, 1) and "Traceback" not in err
    if rc == 0:
        assert isinstance(json.loads(out), list)
    else:
        assert len(err.strip().splitlines()) == 1


def test_bad_inputs_are_one_line_with_the_right_exit_code(tmp_path, capsys):
    missing = str(tmp_path / "missing.db")
    for args in (["search", "x", "--db", missing], ["export", "--format", "jsonl", "--db", missing]):
        rc, _, err = cli(capsys, *args)
        assert rc == 1 and len(err.strip().splitlines()) == 1 and "no corpus at" in err
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not sqlite " * 100)
    rc, _, err = cli(capsys, "search", "x", "--db", str(corrupt))
    assert rc == 1 and len(err.strip().splitlines()) == 1
    rc, _, err = cli(capsys, "ingest", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "n.db"))
    assert rc == 1 and "nothing could be stored" in err
    rc, _, err = cli(capsys, "search", "x", "--db", "postgresql://u@127.0.0.1:1/marsad")  # no server (or no extra)
    assert rc == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_empty_query_and_empty_corpus(tmp_path, capsys):
    path = str(tmp_path / "empty.db")
    open_store(path).close()
    assert search(capsys, path, "الأمم") == []
    rc, _, err = cli(capsys, "search", "", "--db", path)
    assert rc == 1 and len(err.strip().splitlines()) == 1
    rc, out, _ = cli(capsys, "export", "--format", "jsonl", "--db", path)
    assert rc == 0 and out == ""


def test_usage_errors_exit_2(db):
    for args in (["search", "x", "--since", "2024-13-01", "--db", db], ["export", "--db", db],
                 ["export", "--format", "xml", "--db", db], ["ingest"]):
        proc = run_cli(*args)
        assert proc.returncode == 2, args
        assert b"Traceback" not in proc.stderr


def test_ingest_reads_a_warc_archive(tmp_path, capsys):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    title, *paras = [p for p in (PAGES / "tourism.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    html = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>").encode("utf-8")
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://sea.example/tourism", "response", payload=BytesIO(html),
                                                  http_headers=http))
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(out.getvalue())
    path = str(tmp_path / "c.db")
    rc, out_text, err = cli(capsys, "ingest", str(warc), "--db", path, "--json")
    assert rc == 0, err
    assert json.loads(out_text)["url"] == "https://sea.example/tourism"
    assert urls(path, search(capsys, path, "البحر", "الأحمر")) == {"https://sea.example/tourism"}


def html_page(path) -> bytes:
    title, *paras = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>").encode("utf-8")


def test_ingest_a_feed_url_and_rerun_it(tmp_path, capsys):
    from tests.fixtures.local_web import LocalWeb, Routes

    html = {"Content-Type": "text/html; charset=utf-8"}
    routes = Routes({"/a/water": (200, html, html_page(PAGES / "water.txt")),
                     "/a/sea": (200, html, html_page(PAGES / "tourism.txt"))})
    path, state = str(tmp_path / "c.db"), str(tmp_path / "seen.json")
    with LocalWeb(routes) as web:
        items = "".join(f"<item><title>خبر</title><link>{web.url(p)}</link></item>" for p in ("/a/water", "/gone", "/a/sea"))
        routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                               f'<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title>{items}'
                               "</channel></rss>".encode("utf-8"))
        args = ["ingest", web.url("/feed.xml"), "--allow-private", "--state", state, "--db", path]
        rc, out, err = cli(capsys, *args)
        assert rc == 0 and "2 new, 0 updated, 0 already stored, 1 failed" in out
        assert len(err.strip().splitlines()) == 1 and "/gone" in err
        rc, out, err = cli(capsys, *args)  # the feed again: read items are skipped, the broken one retried
        assert "0 new, 0 updated, 0 already stored, 1 failed" in out and "holds 2 article(s)" in out
        assert rc == 1 and "nothing could be stored" in err  # as `marsad analyze` on the same feed
        routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, b'<?xml version="1.0"?><rss '
                               b'version="2.0"><channel><title>x</title></channel></rss>')
        rc, out, err = cli(capsys, *args)
        assert rc == 0 and out.startswith("0 new, 0 updated, 0 already stored, 0 failed")
    assert urls(path, search(capsys, path, "تحلية")) == {web.url("/a/water"), web.url("/a/sea")}


def test_jsonl_with_lone_surrogates_and_control_characters_is_stored_cleanly(tmp_path, capsys):
    # A JSON escape "\ud83d" alone (a broken emoji) and NUL bytes in the metadata: every backend takes
    # the article (PostgreSQL refuses NUL in text), and every output stays valid UTF-8.
    records = tmp_path / "r.jsonl"
    records.write_text(
        '{"text": "\\ud83d نشرة الطقس\\n\\nتوقعت الأرصاد أمطارا غزيرة \\udc00 على المرتفعات الغربية غدا.",'
        ' "url": "https://weather.example/\\u0000rain", "site": "weather\\u0000.\\u202eexample", "title": "نشرة\\u0000 الطقس"}\n',
        encoding="utf-8")
    path = str(tmp_path / "c.db")
    rc, out, err = cli(capsys, "ingest", str(records), "--db", path, "--json")
    assert rc == 0 and "Traceback" not in err, err
    stored = json.loads(out)
    assert "\x00" not in stored["url"] and stored["headline"].endswith("نشرة الطقس")
    assert len(search(capsys, path, "الأرصاد")) == 1
    rc, out, _ = cli(capsys, "export", "--format", "jsonl", "--db", path)
    art = json.loads(out.encode("utf-8"))
    assert art["source"]["site"] == "weather.example" and "\ufffd" in art["text"]


def test_deeply_nested_jsonl_line_is_one_bad_line(tmp_path, capsys):
    records = tmp_path / "r.jsonl"
    records.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps(
        {"text": "خبر قصير\n\nافتتحت البلدية حديقة عامة جديدة في الحي الشمالي يوم الأحد."}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    rc, out, err = cli(capsys, "ingest", str(records), "--db", str(tmp_path / "c.db"))
    assert rc == 0 and "1 new" in out
    assert err.strip().splitlines() == [f"marsad: {records}:1: not a JSON object"]


def test_entity_filter_takes_any_spelling_the_knowledge_base_knows(tmp_path, capsys):
    # Three ways to write one country: whichever the user types, the filter finds all three articles.
    pages = ["زيارة إلى سوريا\n\nوصل وفد تجاري إلى سوريا أمس لبحث التعاون في مجال الاقتصاد مع المسؤولين هناك.",
             "خطة إعمار\n\nأعلنت الحكومة في سورية عن خطة جديدة لإعادة الإعمار خلال العام المقبل.",
             "قمة عربية\n\nشاركت الجمهورية العربية السورية في القمة العربية التي عقدت الأسبوع الماضي."]
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps({"text": p}, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    path = str(tmp_path / "c.db")
    assert cli(capsys, "ingest", str(records), "--db", path)[0] == 0
    for name in ("سوريا", "سورية", "الجمهورية العربية السورية", "country:SYR", "Syria"):
        assert len(search(capsys, path, "في", "--entity", name)) == 3, name
    with open_store(path, create=False) as store:
        assert len(store.listing(entity="سورية")) == 3


def test_excel_csv_has_a_bom_and_defuses_formulas(tmp_path, capsys):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"title": '=HYPERLINK("http://evil.example","اضغط هنا")', "url": "https://x.example/1",
                                   "text": "افتتحت البلدية حديقة عامة جديدة في الحي الشمالي يوم الأحد الماضي."},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    path = str(tmp_path / "c.db")
    assert cli(capsys, "ingest", str(records), "--db", path)[0] == 0
    plain = cli(capsys, "export", "--format", "csv", "--db", path)[1]
    rc, excel, _ = cli(capsys, "export", "--format", "csv", "--excel", "--db", path)
    assert rc == 0 and excel.startswith("\ufeff") and not plain.startswith("\ufeff")
    (row,) = list(csv.DictReader(io.StringIO(excel.lstrip("\ufeff"))))
    assert row["headline"].startswith("'=HYPERLINK") and row["url"] == "https://x.example/1"
    (row,) = list(csv.DictReader(io.StringIO(plain)))
    assert row["headline"].startswith("=HYPERLINK")  # programs get the data as it is


def test_offset_pages_through_the_hits_in_order(db, capsys):
    every = search(capsys, db, "في", "--limit", "50")
    assert len(every) >= 4
    pages = [search(capsys, db, "في", "--limit", "2", "--offset", str(k)) for k in range(0, len(every), 2)]
    assert [h["id"] for page in pages for h in page] == [h["id"] for h in every]
    assert search(capsys, db, "في", "--offset", str(len(every))) == []
    proc = run_cli("search", "في", "--offset=-1", "--db", db)
    assert proc.returncode == 2 and b"must be at least 0" in proc.stderr


def test_a_transliterated_name_finds_its_entity_in_any_spelling(tmp_path, capsys):
    pages = ["وفد في بيونغ يانغ\n\nوصل وفد اقتصادي إلى بيونغ يانغ أمس لبحث التبادل التجاري مع المسؤولين هناك.",
             "معرض تجاري\n\nافتتح في بيونج يانج أمس معرض للصناعات الغذائية بمشاركة شركات من عشر دول."]
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps({"text": p}, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    path = str(tmp_path / "c.db")
    assert cli(capsys, "ingest", str(records), "--db", path)[0] == 0
    assert len(search(capsys, path, "في", "--entity", "بيونج يونج")) == 2  # a third spelling, by its sound
    rc, out, err = cli(capsys, "search", "بيونغ", "يانغ", "--db", path)
    assert rc == 0 and "وفد في بيونغ يانغ" in out and "معرض تجاري" not in out  # words match as written ...
    assert "--entity city:" in err and "2 article(s)" in err  # ... and the hint says how to find both


def test_a_corpus_that_cannot_be_written_is_a_store_error_not_a_bad_page(tmp_path):
    from marsad.corpus.store import StoreError
    from marsad.pipeline import analyze

    path = str(tmp_path / "c.db")
    art = analyze("خبر قصير\n\nافتتحت البلدية حديقة عامة جديدة في الحي الشمالي يوم الأحد.")
    with open_store(path) as store:
        store.db.execute("PRAGMA query_only = 1")  # every write refused, as on a read-only file
        with pytest.raises(StoreError):
            store.add(art)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes read-only files anyway")
def test_ingest_into_a_read_only_corpus_stops_at_once_in_one_line(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("خبر قصير\n\nافتتحت البلدية حديقة عامة جديدة في الحي الشمالي يوم الأحد.", encoding="utf-8")
    path = tmp_path / "c.db"
    open_store(str(path)).close()
    path.chmod(0o444)
    proc = run_cli("ingest", str(page), str(page), "--db", str(path))
    assert proc.returncode == 1
    assert len(proc.stderr.decode().strip().splitlines()) == 1 and b"readonly" in proc.stderr


def test_empty_db_argument_is_a_usage_error(tmp_path):
    proc = run_cli("search", "الأمم", "--db", "")
    assert proc.returncode == 2 and b"--db" in proc.stderr and b"Traceback" not in proc.stderr


def test_a_failed_single_source_names_itself(tmp_path, capsys):
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 20)
    rc, _, err = cli(capsys, "ingest", str(blob), "--db", str(tmp_path / "c.db"))
    assert rc == 1 and err.splitlines()[0].startswith(f"marsad: {blob}: ")


def test_parquet_without_out_is_a_usage_error(db):
    proc = run_cli("export", "--format", "parquet", "--db", db)
    assert proc.returncode == 2 and b"--out" in proc.stderr and b"Traceback" not in proc.stderr


def test_ctrl_c_mid_ingest_keeps_whole_articles_and_says_how_far_it_got(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps({"text": f"خبر رقم {i}\n\nافتتحت البلدية حديقة عامة جديدة رقم {i} "
                                                   f"في الحي الشمالي يوم الأحد بحضور السكان.",
                                           "url": f"https://city.example/{i}"}, ensure_ascii=False) + "\n"
                               for i in range(400)), encoding="utf-8")
    path = tmp_path / "c.db"
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "ingest", str(records), "--db", str(path), "--json"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()  # one article is stored: interrupt the run in the middle
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=60)
    printed = len((first + rest).decode().splitlines())
    assert proc.returncode == 130 and b"Traceback" not in err
    assert err.decode().strip().splitlines() == [err.decode().strip()]  # one line: how far it got
    assert err.decode().startswith("marsad: interrupted after ") and " new, " in err.decode()
    with open_store(str(path), create=False) as store:  # opens; only whole articles (the last may not be printed)
        assert printed <= store.count() <= printed + 1 and all(a["text"] for a in store.articles())


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes read-only folders anyway")
def test_a_corpus_in_a_read_only_folder_can_still_be_searched(built, tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(built[0], folder / "c.db")
    folder.chmod(0o555)  # no -shm/-wal files can be made beside it
    try:
        path = str(folder / "c.db")
        assert urls(path, search(capsys, path, '"تحلية مياه البحر"')) == {"water.txt", WATER_B}
        rc, _, err = cli(capsys, "ingest", str(PAGES), "--db", path)
        assert rc == 1 and len(err.strip().splitlines()) == 1
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_never_writes_over_the_corpus_itself(db, capsys, fmt):
    rc, _, err = cli(capsys, "export", "--format", fmt, "--db", db, "--out", db)
    assert rc == 1 and len(err.strip().splitlines()) == 1
    assert len(search(capsys, db, "الأمم")) == 3  # the corpus is untouched


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (a disk that is always full)")
@pytest.mark.parametrize("args", [["search", "الأمم", "--json"], ["export", "--format", "jsonl"],
                                  ["export", "--format", "csv", "--out", "/dev/full"]])
def test_a_full_disk_is_one_line_not_a_traceback(db, args):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "marsad.cli", *args, "--db", db], stdout=full,
                              stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and len(err.strip().splitlines()) == 1 and "space" in err, err
