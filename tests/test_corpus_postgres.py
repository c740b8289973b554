"""The corpus on a real PostgreSQL server: the SQLite scenarios again, and SQLite vs PostgreSQL.

A throwaway server is started for the session (tests/pg_server.py: initdb in a temporary folder,
a free port); the tests skip, saying why, where no PostgreSQL binaries are installed or psycopg
(the ``postgres`` extra) is missing.  The fixture corpus is ingested once through the command line
into a template database; each test gets its own copy (``CREATE DATABASE ... TEMPLATE``).
"""
import csv
import io
import itertools
import json
import subprocess
import sys

import pytest

from marsad.article import Entity
from marsad.corpus import open_store
from marsad.corpus.postgres import MAX_POS, tsquery, tsvector
from marsad.corpus.store import redact
from marsad.corpus.search import parse
from marsad.errors import InputError

from . import test_corpus as sq
from .conftest import ROOT, run_cli
from .pg_server import PgServer, unavailable
from .test_corpus_dedup import COPY, OTHER, STORY, page

PAGES, RECORDS, CHANGED = sq.PAGES, sq.RECORDS, sq.CHANGED
_names = (f"t{i}" for i in itertools.count())


@pytest.fixture(scope="session")
def pg():
    pytest.importorskip("psycopg", reason="the 'postgres' extra is not installed (pip install -e '.[postgres]')")
    if unavailable():
        pytest.skip(unavailable())
    with PgServer() as server:
        yield server


@pytest.fixture()
def fresh(pg):
    """The socket URL of a new, empty database."""
    return pg.create_database(next(_names))


@pytest.fixture(scope="module")
def built_pg(pg):
    """The fixture corpus ingested once into PostgreSQL, as test_corpus builds it in SQLite."""
    url = pg.create_database("built")
    proc = run_cli("ingest", str(PAGES), str(RECORDS), "--site", "news-a.example", "--db", url)
    assert proc.returncode == 0, proc.stderr.decode()
    return url, proc.stdout.decode(), proc.stderr.decode()


@pytest.fixture()
def db(pg, built_pg):
    """A private copy of the PostgreSQL fixture corpus (tests may change it)."""
    return pg.create_database(next(_names), template="built")


def cli(capsys, *args):
    return sq.cli(capsys, *args)


# -- the SQLite scenarios of test_corpus.py, unchanged, on PostgreSQL ------------------------------
SCENARIOS = [sq.test_arabic_spelling_is_folded_on_both_sides, sq.test_quoted_phrase_must_occur_in_order,
             sq.test_filters_by_site_date_and_entity, sq.test_hits_follow_the_contract_and_snippets_come_from_the_original_text,
             sq.test_readable_search_output, sq.test_reingest_changes_nothing, sq.test_changed_page_gets_a_new_version,
             sq.test_export_jsonl_is_article_objects_with_corpus, sq.test_offset_pages_through_the_hits_in_order]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__[5:])
def test_sqlite_scenario_on_postgres(scenario, db, capsys):
    scenario(db, capsys)


def test_entities_events_and_clusters_on_postgres(db):
    sq.test_entities_are_listed_across_articles(db)
    sq.test_near_copies_share_a_cluster(db)


def test_export_csv_and_events_on_postgres(db, capsys, tmp_path):
    sq.test_export_csv_and_events_parse_back(db, capsys, tmp_path)


@pytest.mark.parametrize("query", ['"', "AND", "NEAR(", "a:b", "*", "(((", "-x", "^", "الأمم AND (", "col:\"x",
                                   "'", "\\", "!x", "a & b", "a <-> b", "x:*", "a|b"])
def test_query_syntax_never_crashes_on_postgres(db, capsys, query):
    sq.test_fts_syntax_in_queries_never_crashes(db, capsys, query)


def test_ingest_through_the_cli(built_pg):
    _, out, err = built_pg
    assert "4 new, 0 updated, 0 already stored, 1 failed" in out
    assert err.strip().splitlines() == [f"marsad: {RECORDS}:3: not a JSON object"]


# -- the same inputs in both backends give the same corpus ------------------------------------------
@pytest.fixture(scope="module")
def both(built_pg, tmp_path_factory):
    """(SQLite path, PostgreSQL URL) holding the same fixture corpus."""
    sqlite = str(tmp_path_factory.mktemp("both") / "marsad.db")
    proc = run_cli("ingest", str(PAGES), str(RECORDS), "--site", "news-a.example", "--db", sqlite)
    assert proc.returncode == 0, proc.stderr.decode()
    return sqlite, built_pg[0]


def export(capsys, db, fmt):
    rc, out, err = cli(capsys, "export", "--format", fmt, "--db", db)
    assert rc == 0, err
    return out


def test_jsonl_export_is_the_same_apart_from_first_seen(both, capsys):
    a, b = ([json.loads(line) for line in export(capsys, db, "jsonl").splitlines()] for db in both)
    for art in a + b:
        assert art["corpus"].pop("first_seen")
    assert len(a) == 4 and a == b


def test_csv_and_events_exports_are_the_same(both, capsys):
    a, b = (list(csv.DictReader(io.StringIO(export(capsys, db, "csv")))) for db in both)
    for row in a + b:
        assert row.pop("first_seen")
    assert len(a) == 4 and a == b
    a, b = (export(capsys, db, "events") for db in both)
    assert len(a.splitlines()) > 1 and a == b


@pytest.mark.parametrize("args", [
    ["الأمم", "المتحدة"], ["الامم"], ['"تحلية مياه البحر"'], ["تحلية", "مياه", "البحر"], ["الطاقة"],
    ["المتحدة", "--site", "news-c.example"], ["المتحدة", "--since", "2024-01-01"], ["المتحدة", "--until", "2023-12-31"],
    ["المتحدة", "--entity", "الاردن"], ["المتحدة", "--entity", "country:JOR"], ["البحر", "--limit", "1"],
    ['"المتحدة الأمم"'], ["غيرموجودة"],
])
def test_search_finds_the_same_articles_with_the_same_snippets(both, capsys, args):
    a, b = (sq.search(capsys, db, *args) for db in both)
    assert len(a) == len(b)
    by_id = {h["id"]: h for h in b}
    for h in a:
        assert h["id"] in by_id
        other = by_id[h["id"]]
        assert (h["snippet"], h["snippet_start"], h["snippet_end"], h["highlights"]) == \
               (other["snippet"], other["snippet_start"], other["snippet_end"], other["highlights"])


def test_listings_and_entities_are_the_same(both):
    results = []
    for db in both:
        with open_store(db, create=False) as store:
            results.append((store.listing(limit=10), store.listing(entity="الأردن"), store.listing(site="news-c.example"),
                            store.entities(), store.entities("GPE"), store.count()))
    assert results[0] == results[1]


# -- the Python API: clusters, ids, versions, atomic writes -----------------------------------------
def test_copies_share_a_cluster_and_others_do_not(fresh):
    with open_store(fresh) as store:
        first = store.add(page(STORY, "https://one.example/parks"))
        copy = store.add(page(COPY, "https://two.example/news/parks"))
        other = store.add(page(OTHER, "https://one.example/wheat"))
        assert first.cluster == first.id
        assert copy.cluster == first.cluster and copy.id != first.id
        assert other.cluster == other.id != first.cluster
        assert store.get(copy.id)["corpus"]["cluster"] == first.id
        bands = store.db.execute("SELECT COUNT(*) AS n FROM article_lsh WHERE article = %s", (copy.id,)).fetchone()
        assert bands["n"] == 20


def test_ids_come_from_the_url_or_the_content(fresh):
    with open_store(fresh) as store:
        a = store.add(page(STORY, "https://One.example/parks#comments"))
        b = store.add(page(STORY, "https://one.example/parks"))
        assert (a.id, b.status) == (b.id, "already stored")
        c, d = store.add(page(OTHER)), store.add(page(OTHER))
        assert c.id == d.id and c.id.startswith("h") and d.status == "already stored"
        assert store.count() == 2


def test_a_changed_page_is_a_new_version_and_the_old_one_is_kept(fresh):
    url = "https://one.example/parks"
    with open_store(fresh) as store:
        v1 = store.add(page(STORY, url))
        v2 = store.add(page(COPY, url))
        assert (v2.id, v2.status, v2.version) == (v1.id, "updated", 2)
        assert (v2.first_seen, v2.cluster) == (v1.first_seen, v1.cluster)
        assert store.add(page(COPY, url)).status == "already stored"
        art = store.get(v1.id)
        assert "أربعة آلاف" in art["text"] and art["corpus"]["version"] == 2
        assert [h.id for h in store.search('"أربعة آلاف"')] == [v1.id]
        assert store.search('"ثلاثة آلاف"') == []  # the old text left the index
        old = store.db.execute("SELECT version, text FROM article_versions WHERE id = %s", (v1.id,)).fetchall()
        assert [(r["version"], "ثلاثة آلاف" in r["text"]) for r in old] == [(1, True)]


def test_an_article_is_never_half_written(fresh):
    art = page(STORY, "https://one.example/parks")
    art.entities = [Entity(id="e1", type="ORG", name=None)]  # breaks a NOT NULL column mid-way
    with open_store(fresh) as store:
        with pytest.raises(InputError, match="null"):
            store.add(art)
        for table in ("articles", "article_lsh", "article_entities", "article_events", "article_versions"):
            assert store.db.execute(f"SELECT COUNT(*) AS n FROM {table}").fetchone()["n"] == 0, table
        assert store.add(page(STORY, "https://one.example/parks")).status == "new"


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_headline_words_rank_higher_and_phrases_do_not_cross_into_the_body(backend, fresh, tmp_path):
    with open_store(fresh if backend == "postgres" else str(tmp_path / "c.db")) as store:
        head = store.add(page("القمح في الأسواق\n\nتقرير عن الأسعار والمحاصيل هذا العام في المنطقة كلها."))
        body = store.add(page("تقرير زراعي\n\nتقرير عن القمح والأسعار والمحاصيل هذا العام في المنطقة كلها."))
        assert [h.id for h in store.search("القمح")] == [head.id, body.id]
        # The text starts with the headline: the headline's last word, then the text's first, is no phrase.
        assert store.search('"الأسواق القمح"') == []
        assert [h.id for h in store.search('"الأسواق تقرير"')] == [head.id]


def test_the_index_is_rebuilt_when_the_key_rules_change(fresh):
    with open_store(fresh) as store:
        sid = store.add(page(STORY, "https://one.example/parks")).id
        store.db.execute("UPDATE articles SET tsv = ''::tsvector")
        store.db.execute("UPDATE corpus_meta SET value = 'old' WHERE name = 'keys_version'")
        assert store.search("الحدائق") == []
    with open_store(fresh) as store:
        assert [h.id for h in store.search("الحدائق")] == [sid]


def test_ingest_creates_a_missing_database_but_search_does_not(pg, capsys):
    url = pg.socket_url("made_by_ingest")
    rc, _, err = cli(capsys, "search", "x", "--db", url)
    assert rc == 1 and err.strip().splitlines() == [err.strip()] and "does not exist" in err
    rc, out, err = cli(capsys, "ingest", str(PAGES / "water.txt"), "--db", url)
    assert rc == 0 and "1 new" in out, err
    assert len(sq.search(capsys, url, "تحلية")) == 1


def test_an_empty_database_is_no_corpus_for_search_and_export(fresh, capsys):
    for args in (["search", "x", "--db", fresh], ["export", "--format", "jsonl", "--db", fresh]):
        rc, _, err = cli(capsys, *args)
        assert rc == 1 and len(err.strip().splitlines()) == 1 and "no corpus at" in err
    open_store(fresh).close()
    assert sq.search(capsys, fresh, "الأمم") == []
    assert export(capsys, fresh, "jsonl") == ""
    rc, _, err = cli(capsys, "search", "", "--db", fresh)
    assert rc == 1 and len(err.strip().splitlines()) == 1


def test_two_ingests_of_the_same_pages_at_once_store_each_page_once(fresh):
    """Both make the tables at the same moment and race for every page: one stores it, the other sees it."""
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", str(PAGES), str(RECORDS), "--site", "news-a.example",
           "--db", fresh, "--json"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err.decode() for _, err in outs]
    statuses = sorted(json.loads(line)["status"] for out, _ in outs for line in out.decode().splitlines())
    assert statuses == ["already stored"] * 4 + ["new"] * 4
    with open_store(fresh, create=False) as store:
        assert store.count() == 4


# -- connection problems: one line, exit 1, no traceback, no password --------------------------------
def test_wrong_password_is_one_line_without_the_password(pg, built_pg):
    wrong = "not-the-" + pg.password
    for args in (["search", "x"], ["ingest", str(PAGES)], ["export", "--format", "jsonl"]):
        proc = run_cli(*args, "--db", pg.url("built", password=wrong))
        err = proc.stderr.decode()
        assert proc.returncode == 1, args
        assert err.strip().splitlines() == [err.strip()] and "password authentication failed" in err
        assert wrong not in err and "Traceback" not in err and "***" in err


def test_the_right_password_over_tcp_works(pg, built_pg, capsys):
    hits = sq.search(capsys, pg.url("built"), "الأمم")
    assert len(hits) == 3


def test_unreachable_server_is_one_line(pg):
    closed = pg.url("x").replace(f":{pg.port}/", ":1/")
    proc = run_cli("search", "x", "--db", closed)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.strip().splitlines() == [err.strip()]
    assert err.startswith("marsad: cannot connect to postgresql://marsad:***@127.0.0.1:1/x: ")
    assert pg.password not in err and "Traceback" not in err


def test_without_psycopg_the_extra_is_named(monkeypatch, capsys):
    monkeypatch.setitem(__import__("sys").modules, "psycopg", None)  # as on an install without the extra
    rc, _, err = cli(capsys, "search", "x", "--db", "postgresql://u@127.0.0.1:1/marsad")
    assert rc == 1 and err.strip() == "marsad: PostgreSQL needs the optional extra: pip install 'marsad[postgres]'"


# -- the literals handed to PostgreSQL, without a server --------------------------------------------
def test_the_vector_holds_the_search_keys_with_a_gap_after_the_headline():
    assert tsvector("الأمم المتحدة", "الأمم المتحدة\n\nقالت للأمم") == \
        "'امم':1A,4B,7B 'متحده':2A,5B 'قالت':6B"
    long = tsvector(None, " ".join(f"كلمة{i % 300}" for i in range(MAX_POS + 500)))
    positions = [int(p[:-1]) for lex in long.split() for p in lex.split(":")[1].split(",")]
    assert max(positions) == MAX_POS and all(len(lex.split(",")) <= 256 for lex in long.split())


def test_the_query_is_quoted_lexemes_only():
    assert tsquery(parse('الأمم "تحلية مياه البحر"').phrases) == "('تحليه' <-> 'مياه' <-> 'بحر') & ('امم')"
    assert tsquery((("a'b", "c\\d"),)) == "('a''b' <-> 'c\\\\d')"


@pytest.mark.parametrize("url, shown", [
    ("postgresql://u:s3cret@db.example:5432/news", "postgresql://u:***@db.example:5432/news"),
    ("postgresql://u@db.example/news?password=s3cret&sslmode=require",
     "postgresql://u@db.example/news?password=***&sslmode=require"),
    ("postgresql://u@/news?host=/run/pg", "postgresql://u@/news?host=/run/pg"),
])
def test_passwords_are_never_shown(url, shown):
    assert redact(url) == shown


# -- marsad serve over PostgreSQL -------------------------------------------------------------------
def test_the_web_api_reads_the_postgres_corpus(db, capsys):
    pytest.importorskip("fastapi", reason="the 'web' extra is not installed")
    from fastapi.testclient import TestClient

    from marsad.web.app import create_app

    expected = sq.search(capsys, db, "الأمم")
    with TestClient(create_app(db)) as client:
        hits = client.get("/api/search", params={"q": "الأمم"}).json()
        assert [h["id"] for h in hits] == [h["id"] for h in expected]
        art = client.get(f"/api/articles/{hits[0]['id']}").json()
        assert art["corpus"]["id"] == hits[0]["id"] and art["text"]
