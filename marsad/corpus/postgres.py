"""The corpus on PostgreSQL: the same ``Store`` as ``SQLiteStore``, for a shared or larger corpus.

Same rows, same ids, same article objects, same near-duplicate clusters (the MinHash band keys in
an indexed ``article_lsh`` table), and search over the same keys (``search.key``: folded, clitics
stripped).  Only the full-text engine differs: each article has a ``tsvector`` made directly from
its keys (headline weighted A, body B, a one-position gap between them so no phrase runs from
one into the other), under a GIN index, ranked by ``ts_rank_cd``.  The vector is written as a
literal rather than by ``to_tsvector``: the keys are already the words, and PostgreSQL's word
parser (which depends on the database locale) would cut some of them differently from the query.
Phrases are ``<->`` runs, so a quoted phrase must occur in order, as in SQLite.

The GIN index has no pending list (``fastupdate = off``): with one, every search right after a
bulk ingest scans the list (about 20 ms instead of 2-3 ms at 5,000 articles), and without it
storing was no slower in the benchmark.

Limits of ``tsvector`` that SQLite does not have: word positions stop at 16383 (a phrase after
about the 16000th word of one article is not found as a phrase, its words still are) and at most
256 positions of one word are kept.

Connections are autocommit; each ``add`` is one transaction, holding an advisory lock on the
article id so two writers of the same page cannot both insert it.  ``psycopg`` (the ``postgres``
extra) is imported only here, so SQLite users never need it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..article import Article
from ..errors import InputError
from . import dedup
from .search import KEYS_VERSION, Hit, keys, parse, snippet
from .store import (EVENT_COLUMNS, MAX_CANDIDATES, NEW, UNCHANGED, UPDATED, Store, StoreError, Stored, _now, _unpack,
                    article_columns, article_id, closest_cluster, cluster_of_edit, content_hash, entity_rows,
                    event_rows, listing_query, lookup_keys, old_version, redact, site_key)

SCHEMA_VERSION = "1"
MAX_POS = 16383  # the largest word position a tsvector keeps
MAX_POSITIONS = 256  # positions kept per word
MAX_LEXEME_BYTES = 2046  # the longest word a tsvector takes
PAGE = 500  # rows fetched at a time when iterating the whole corpus
# ts_rank_cd weights for {D, C, B, A}: a headline word counts three times a body word (as SQLite's bm25).
RANK_WEIGHTS = "{0, 0, 0.333333, 1}"
RANK_NORMALIZATION = 2  # divide by the document length, as bm25 does (closest to SQLite's order, see BENCHMARKS)
CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise

MISSING_EXTRA = "PostgreSQL needs the optional extra: pip install 'marsad[postgres]'"

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    n BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT, site TEXT,
    headline TEXT, published TEXT, first_seen TEXT NOT NULL, updated TEXT NOT NULL, cluster TEXT NOT NULL,
    version INTEGER NOT NULL, hash TEXT NOT NULL, minhash BYTEA NOT NULL, text TEXT NOT NULL, doc BYTEA NOT NULL,
    tsv TSVECTOR NOT NULL);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles (cluster);
CREATE INDEX IF NOT EXISTS articles_site ON articles (lower(site));
CREATE INDEX IF NOT EXISTS articles_published ON articles (published COLLATE "C");
CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING GIN (tsv) WITH (fastupdate = off);
CREATE TABLE IF NOT EXISTS article_versions (
    id TEXT NOT NULL, version INTEGER NOT NULL, replaced TEXT NOT NULL, text TEXT NOT NULL, doc BYTEA NOT NULL,
    PRIMARY KEY (id, version));
CREATE TABLE IF NOT EXISTS article_entities (
    article TEXT NOT NULL, local_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, kb_id TEXT,
    name_en TEXT, mentions INTEGER NOT NULL, PRIMARY KEY (article, local_id));
CREATE INDEX IF NOT EXISTS article_entities_kb ON article_entities (kb_id);
CREATE TABLE IF NOT EXISTS article_entity_keys (
    key TEXT NOT NULL, article TEXT NOT NULL, local_id TEXT NOT NULL, PRIMARY KEY (key, article, local_id));
CREATE INDEX IF NOT EXISTS article_entity_keys_article ON article_entity_keys (article);
CREATE TABLE IF NOT EXISTS article_events (
    article TEXT NOT NULL, id TEXT NOT NULL, n BIGINT NOT NULL, pos INTEGER NOT NULL, type TEXT, cameo TEXT,
    modality TEXT, actor TEXT, actor_name TEXT, target TEXT, target_name TEXT, location TEXT, location_name TEXT,
    time TEXT, time_value TEXT, trigger TEXT, trigger_start INTEGER, trigger_end INTEGER, sentence INTEGER,
    PRIMARY KEY (article, id));
CREATE INDEX IF NOT EXISTS article_events_order ON article_events (n, pos);
CREATE TABLE IF NOT EXISTS article_lsh (
    band SMALLINT NOT NULL, key BIGINT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (band, key, article));
CREATE INDEX IF NOT EXISTS article_lsh_article ON article_lsh (article);
CREATE TABLE IF NOT EXISTS corpus_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_COLUMNS = "n, id, url, site, headline, published, first_seen, cluster, version, text, doc"
# The events table: the article, its storing order (n) and the event's place in it, then the event's fields.
_EVENT_ROW = ("article", "id", "n", "pos") + EVENT_COLUMNS[2:-2]
_SERVER_SAID = re.compile(r"^(connection failed: )?(connection to server (at|on) .*? failed: )?(FATAL: +)?")
_SCHEMA_LOCK = 0x6D61727361640001  # advisory lock key held while the schema is made or rebuilt


class PostgresStore(Store):
    """The corpus in a PostgreSQL database (URL ``postgresql://user:password@host:port/dbname``)."""

    def __init__(self, url: str, create: bool = True):
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise InputError(MISSING_EXTRA) from None
        self._psycopg = psycopg
        self.url = url
        self.name = redact(url)
        self.db = self._connect(url, create, dict_row)
        try:
            self._prepare(create)
        except psycopg.Error as e:
            self.db.close()
            raise InputError(f"cannot open corpus {self.name}: {self._line(e)}") from None
        except BaseException:
            self.db.close()
            raise

    # -- connecting ------------------------------------------------------------------------------
    def _connect(self, url: str, create: bool, row_factory):
        psycopg = self._psycopg
        extra = {} if "connect_timeout" in url else {"connect_timeout": CONNECT_TIMEOUT}
        try:
            return psycopg.connect(url, autocommit=True, row_factory=row_factory, **extra)
        except psycopg.OperationalError as e:
            if create and "does not exist" in str(e) and self._create_database(url, extra):
                return self._connect(url, False, row_factory)
            raise InputError(f"cannot connect to {self.name}: {self._line(e)}") from None
        except psycopg.Error as e:  # a malformed URL (psycopg.ProgrammingError)
            raise InputError(f"cannot connect to {self.name}: {self._line(e)}") from None

    def _create_database(self, url: str, extra: dict) -> bool:
        """Create the database the URL names (as ``ingest`` creates a SQLite file); False if it cannot."""
        psycopg = self._psycopg
        from psycopg import sql
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        try:
            name = conninfo_to_dict(url).get("dbname")
            if not name:
                return False
            with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True, **extra) as admin:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.errors.DuplicateDatabase:
            return True  # another process made it first
        except psycopg.Error:
            return False
        return True

    def _line(self, err: Exception) -> str:
        """An error from psycopg as one line, the password never in it."""
        text = " ".join(str(err).split()) or type(err).__name__
        text = _SERVER_SAID.sub("", text)  # libpq's "connection to server at ... failed: FATAL:" preamble
        password = self._password()
        return text.replace(password, "***") if password else text

    def _password(self) -> str | None:
        try:
            from psycopg.conninfo import conninfo_to_dict

            return conninfo_to_dict(self.url).get("password") or None
        except Exception:  # an unparsable URL carries no password we could find
            return None

    def _prepare(self, create: bool) -> None:
        """Make the tables on first use; rebuild the search vectors made with older key rules."""
        meta = {}
        if self.db.execute("SELECT to_regclass('corpus_meta') IS NOT NULL AS ok").fetchone()["ok"]:
            meta = {r["name"]: r["value"] for r in self.db.execute("SELECT name, value FROM corpus_meta")}
        elif not create:
            raise InputError(f"no corpus at {self.name} (create one with `marsad ingest SOURCE --db URL`)")
        if meta.get("schema") == SCHEMA_VERSION and meta.get("keys_version") == KEYS_VERSION:
            return
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            self.db.execute(SCHEMA)
            row = self.db.execute("SELECT value FROM corpus_meta WHERE name = 'keys_version'").fetchone()
            if row and row["value"] != KEYS_VERSION:
                self._reindex()
            self.db.execute("INSERT INTO corpus_meta VALUES ('schema', %s), ('keys_version', %s) "
                            "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", (SCHEMA_VERSION, KEYS_VERSION))

    def _reindex(self) -> None:
        last = 0
        while True:
            rows = self.db.execute("SELECT n, headline, text FROM articles WHERE n > %s ORDER BY n LIMIT %s",
                                   (last, PAGE)).fetchall()
            if not rows:
                return
            with self.db.cursor() as cur:
                cur.executemany("UPDATE articles SET tsv = %s::tsvector WHERE n = %s",
                                [(tsvector(r["headline"], r["text"]), r["n"]) for r in rows])
            last = rows[-1]["n"]

    def close(self) -> None:
        self.db.close()

    # -- writing ---------------------------------------------------------------------------------
    def add(self, art: Article) -> Stored:
        aid = article_id(art)
        digest = content_hash(art)
        sig = dedup.signature(art.text)
        try:
            # A pipeline: statements whose results are not needed go out together with the next one
            # that is (4 round trips for a new article instead of one a statement).
            with self.db.pipeline(), self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (aid,))
                stored = self._add(art, aid, digest, sig)
        except self._psycopg.Error as e:
            error = InputError if isinstance(e, self._psycopg.DataError) else StoreError  # DataError: this article's
            raise error(f"cannot store {art.source.url or art.source.path or aid} in {self.name}: "
                        f"{self._line(e)}") from None
        art.corpus = stored.corpus()
        return stored

    def _add(self, art: Article, aid: str, digest: str, sig) -> Stored:
        old = self.db.execute("SELECT n, hash, cluster, version, first_seen, minhash FROM articles WHERE id = %s",
                              (aid,)).fetchone()
        now = _now()
        if old and old["hash"] == digest:
            return Stored(aid, UNCHANGED, old["version"], old["cluster"], old["first_seen"])
        cluster = cluster_of_edit(old, sig) or self._cluster_of(sig, exclude=aid) or aid
        cols = {**article_columns(art, aid, digest, sig, cluster, now), "tsv": tsvector(art.headline, art.text)}
        values = {k: f"%({k})s::tsvector" if k == "tsv" else f"%({k})s" for k in cols}
        if old:
            self.db.execute("INSERT INTO article_versions (id, version, replaced, text, doc) "
                            "SELECT id, version, %s, text, doc FROM articles WHERE id = %s", (now, aid))
            cols.update(version=old["version"] + 1, first_seen=old["first_seen"])
            values.update(version="%(version)s", first_seen="%(first_seen)s")
            self.db.execute("UPDATE articles SET " + ", ".join(f"{k} = {v}" for k, v in values.items())
                            + " WHERE id = %(id)s", cols)
            n = old["n"]
            for table in ("article_entities", "article_entity_keys", "article_events", "article_lsh"):
                self.db.execute(f"DELETE FROM {table} WHERE article = %s", (aid,))
            status = UPDATED
        else:
            cols.update(version=1, first_seen=now)
            values.update(version="%(version)s", first_seen="%(first_seen)s")
            n = self.db.execute(f"INSERT INTO articles ({', '.join(values)}) VALUES ({', '.join(values.values())}) "
                                "RETURNING n", cols).fetchone()["n"]
            status = NEW
        bands = dedup.band_keys(sig)
        self.db.execute("INSERT INTO article_lsh (band, key, article) SELECT DISTINCT b, k, %s "
                        "FROM unnest(%s::smallint[], %s::bigint[]) AS t(b, k)",
                        (aid, [b for b, _ in bands], [k for _, k in bands]))
        with self.db.cursor() as cur:
            self._add_entities(cur, aid, art)
            self._add_events(cur, aid, n, art)
        return Stored(aid, status, cols["version"], cluster, cols["first_seen"])

    def _cluster_of(self, sig, exclude: str) -> str | None:
        """The cluster of the most similar stored copy, if one is similar enough."""
        bands = dedup.band_keys(sig)
        rows = self.db.execute(
            "SELECT a.id, a.cluster, a.minhash FROM articles a WHERE a.id IN "
            "(SELECT DISTINCT l.article FROM article_lsh l JOIN unnest(%s::smallint[], %s::bigint[]) AS b(band, key) "
            f"ON l.band = b.band AND l.key = b.key LIMIT {MAX_CANDIDATES}) AND a.id != %s ORDER BY a.n",
            ([b for b, _ in bands], [k for _, k in bands], exclude)).fetchall()
        return closest_cluster(sig, rows)

    @staticmethod
    def _add_entities(cur, aid: str, art: Article) -> None:
        ents, ekeys = entity_rows(art, aid)
        if not ents:
            return
        cur.executemany("INSERT INTO article_entities VALUES (%s, %s, %s, %s, %s, %s, %s) "
                        "ON CONFLICT (article, local_id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, "
                        "kb_id = EXCLUDED.kb_id, name_en = EXCLUDED.name_en, mentions = EXCLUDED.mentions", ents)
        cur.executemany("INSERT INTO article_entity_keys VALUES (%s, %s, %s) ON CONFLICT DO NOTHING", ekeys)

    @staticmethod
    def _add_events(cur, aid: str, n: int, art: Article) -> None:
        rows = [(r["article"], r["id"], n, pos, *(r[c] for c in EVENT_COLUMNS[2:-2]))
                for pos, r in enumerate(event_rows(art, aid))]
        if not rows:
            return
        cols = _EVENT_ROW
        # A repeated event id replaces the earlier one and takes the later place, as SQLite's INSERT OR REPLACE.
        cur.executemany(f"INSERT INTO article_events ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))}) "
                        "ON CONFLICT (article, id) DO UPDATE SET "
                        + ", ".join(f"{c} = EXCLUDED.{c}" for c in cols[2:]), rows)

    # -- reading ---------------------------------------------------------------------------------
    def get(self, article_id: str) -> dict | None:
        row = self._read(f"SELECT {_COLUMNS} FROM articles WHERE id = %s", (article_id,)).fetchone()
        return _unpack(row) if row else None

    def listing(self, *, entity: str | None = None, site: str | None = None, limit: int = 20) -> list[dict]:
        return [dict(r) for r in self._read(*listing_query(entity, site, limit, "%s", 'published COLLATE "C"'))]

    def articles(self) -> Iterator[dict]:
        last = 0
        while True:
            rows = self._read(f"SELECT {_COLUMNS} FROM articles WHERE n > %s ORDER BY n LIMIT %s",
                              (last, PAGE)).fetchall()
            for row in rows:
                yield _unpack(row)
            if len(rows) < PAGE:
                return
            last = rows[-1]["n"]

    def events(self) -> Iterator[dict]:
        last = (0, -1)
        while True:
            rows = self._read("SELECT e.*, a.site, a.published FROM article_events e JOIN articles a ON a.n = e.n "
                              "WHERE (e.n, e.pos) > (%s, %s) ORDER BY e.n, e.pos LIMIT %s", (*last, PAGE)).fetchall()
            for row in rows:
                yield {k: row[k] for k in EVENT_COLUMNS}
            if len(rows) < PAGE:
                return
            last = (rows[-1]["n"], rows[-1]["pos"])

    def entities(self, type_: str | None = None, limit: int = 50) -> list[dict]:
        # SQLite reports the name of one row of each group; here the commonest spelling, ties by code point.
        sql = ('SELECT * FROM (SELECT mode() WITHIN GROUP (ORDER BY name COLLATE "C") AS name, type, '
               "max(kb_id) AS kb_id, COUNT(DISTINCT article) AS articles FROM article_entities "
               + ("WHERE type = %s " if type_ else "") + "GROUP BY COALESCE(kb_id, name), type) g "
               'ORDER BY articles DESC, name COLLATE "C" LIMIT %s')
        return [dict(r) for r in self._read(sql, ((type_,) if type_ else ()) + (limit,))]

    def count(self) -> int:
        return self._read("SELECT COUNT(*) AS n FROM articles").fetchone()["n"]

    def versions(self, article_id: str) -> list[dict]:
        rows = self._read("SELECT version, replaced, text, doc FROM article_versions WHERE id = %s ORDER BY version",
                          (article_id,))
        return [old_version(r) for r in rows]

    def search(self, query: str, *, site: str | None = None, since: str | None = None,
               until: str | None = None, entity: str | None = None, limit: int = 20, offset: int = 0
               ) -> list[Hit]:
        q = parse(query)
        params: dict = {"q": tsquery(q.phrases), "w": RANK_WEIGHTS, "limit": limit, "offset": offset}
        where = ["a.tsv @@ %(q)s::tsquery"]
        if site:
            where.append("lower(a.site) IN (%(site)s, %(www)s)")  # example.com finds www.example.com too
            params.update(site=site_key(site), www="www." + site_key(site))
        if since:
            where.append('substr(a.published, 1, 10) COLLATE "C" >= %(since)s')
            params["since"] = since
        if until:
            where.append('substr(a.published, 1, 10) COLLATE "C" <= %(until)s')
            params["until"] = until
        if entity:
            where.append("a.id IN (SELECT article FROM article_entity_keys WHERE key = ANY(%(entity)s))")
            params["entity"] = lookup_keys(entity)
        sql = (f"SELECT a.id, a.headline, a.site, a.published, a.text, "
               f"ts_rank_cd(%(w)s::float4[], a.tsv, %(q)s::tsquery, {RANK_NORMALIZATION}) AS rank "
               "FROM articles a WHERE " + " AND ".join(where) + " ORDER BY rank DESC, a.n LIMIT %(limit)s OFFSET %(offset)s")
        hits = []
        for r in self._read(sql, params):
            snip, start, end, marks = snippet(r["text"], q)
            hits.append(Hit(id=r["id"], headline=r["headline"], site=r["site"], published=r["published"],
                            score=round(float(r["rank"]), 6), snippet=snip, snippet_start=start, snippet_end=end,
                            highlights=marks))
        return hits

    def _read(self, sql: str, params=()):
        try:
            return self.db.execute(sql, params)
        except self._psycopg.Error as e:
            raise InputError(f"cannot read corpus {self.name}: {self._line(e)}") from None


def _lexeme(k: str) -> str:
    """A key as a quoted tsvector/tsquery lexeme, cut to the longest word PostgreSQL takes."""
    if len(k) > MAX_LEXEME_BYTES // 4 and len(k.encode("utf-8")) > MAX_LEXEME_BYTES:
        k = k.encode("utf-8")[:MAX_LEXEME_BYTES].decode("utf-8", "ignore")
    return "'" + k.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(headline: str | None, text: str) -> str:
    """The tsvector literal of an article: every key with its positions, headline A, body B."""
    found: dict[str, list[str]] = {}
    pos = 0
    for w, part in (("A", headline or ""), ("B", text)):
        for k in keys(part):
            pos += 1
            seen = found.get(k)
            if seen is None:
                found[k] = [f"{min(pos, MAX_POS)}{w}"]  # past the last position: the word, at the last one
            elif pos <= MAX_POS and len(seen) < MAX_POSITIONS:
                seen.append(f"{pos}{w}")
        pos += 1  # the gap: a phrase never runs from the headline into the body
    return " ".join(f"{_lexeme(k)}:{','.join(ps)}" for k, ps in found.items())


def tsquery(phrases: tuple[tuple[str, ...], ...]) -> str:
    """The tsquery literal of a parsed query: every phrase (a ``<->`` run of keys) must match."""
    return " & ".join("(" + " <-> ".join(_lexeme(k) for k in phrase) + ")" for phrase in phrases)
