"""The corpus store: analysed articles kept for search, export and (later) the web API.

``Store`` is the small interface every backend keeps (add, get, search, iterate, entities); the
web app and the CLI only ever see it.  ``SQLiteStore`` is the default: one file, FTS5 for search,
one transaction per article.  ``postgres.PostgresStore`` (a ``postgresql://`` URL) implements the
same methods: a tsvector over the same ``search.key`` strings, the same MinHash band table for
near-duplicates.

Rows: ``articles`` (the columns people filter on, the clean ``text``, and the article object as
compressed JSON), ``article_entities`` and ``article_entity_keys`` (entity filter and listings),
``article_events`` (the events table), ``article_lsh`` (MinHash bands), ``article_versions``
(earlier versions of a changed page), ``article_fts`` (the full-text index over search keys).
Tables are named ``article*``/``corpus_*`` so the entity registry (``entity_*``) can share the file.
A store holds one connection: a threaded server opens one store per thread or request.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import zlib
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit
from urllib.request import pathname2url

from ..article import Article
from ..errors import InputError
from ..text.normalize import fold
from . import dedup
from .search import KEYS_VERSION, Hit, index_text, parse, snippet

DEFAULT_DB = "marsad.db"

NEW, UPDATED, UNCHANGED = "new", "updated", "already stored"


class StoreError(InputError):
    """The corpus itself cannot take writes (read-only, full, gone): no later page would fare better."""


@dataclass
class Stored:
    """What ``Store.add`` did with one article."""

    id: str
    status: str  # new | updated | already stored
    version: int
    cluster: str
    first_seen: str

    def to_dict(self) -> dict:
        return {"id": self.id, "status": self.status, "version": self.version, "cluster": self.cluster,
                "first_seen": self.first_seen}

    def corpus(self) -> dict:
        """The article object's ``corpus`` field."""
        return {"id": self.id, "cluster": self.cluster, "first_seen": self.first_seen, "version": self.version}


class Store(ABC):
    """What a corpus backend offers.  Article dicts are contract article objects with ``corpus``."""

    @abstractmethod
    def add(self, art: Article) -> Stored:
        """Store one analysed article atomically: new, a new version of a changed page, or nothing."""

    @abstractmethod
    def get(self, article_id: str) -> dict | None:
        """One article object with ``corpus``, or None."""

    @abstractmethod
    def search(self, query: str, *, site: str | None = None, since: str | None = None,
               until: str | None = None, entity: str | None = None, limit: int = 20, offset: int = 0
               ) -> list[Hit]:
        """Best hits first, skipping the first ``offset`` (paging).  Dates are YYYY-MM-DD, inclusive,
        on the published date."""

    @abstractmethod
    def listing(self, *, entity: str | None = None, site: str | None = None, limit: int = 20) -> list[dict]:
        """Newest first (published day, then storing order): {id, headline, site, published (day)}."""

    @abstractmethod
    def articles(self) -> Iterator[dict]:
        """Every article object with ``corpus``, in the order they were first stored."""

    @abstractmethod
    def events(self) -> Iterator[dict]:
        """One flat row per event of every article (see ``EVENT_COLUMNS``)."""

    @abstractmethod
    def entities(self, type_: str | None = None, limit: int = 50) -> list[dict]:
        """Entities by the number of articles naming them: {name, type, kb_id, articles}."""

    @abstractmethod
    def count(self) -> int:
        """How many articles are stored."""

    @abstractmethod
    def versions(self, article_id: str) -> list[dict]:
        """The earlier versions of a page, oldest first: {version, replaced (when), headline, text}."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_store(db_url: str | None = None, create: bool = True) -> Store:
    """The store at DB_URL: a SQLite path (default ./marsad.db) or a ``postgresql://`` URL.

    With ``create=False`` (search, export) a missing database is an InputError rather than a new
    empty file.
    """
    db_url = db_url or DEFAULT_DB
    if db_url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # psycopg only for those who use it

        return PostgresStore(db_url, create=create)
    if db_url.startswith("sqlite:///"):
        db_url = db_url[len("sqlite:///"):]
    elif "://" in db_url:
        raise InputError(f"unknown database URL {db_url!r}: give a SQLite file path or postgresql://...")
    return SQLiteStore(db_url, create=create)


def article_id(art: Article) -> str:
    """A stable id: from the URL when there is one, else from the text."""
    if art.source.url:
        return "u" + _digest(canonical_url(art.source.url))[:15]
    return "h" + _digest((art.headline or "") + "\n" + art.text)[:15]


def canonical_url(url: str) -> str:
    """The URL an article is known by: scheme and host lower-cased, fragment dropped."""
    try:
        p = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = p.path.rstrip("/") or "/"
    return urlunsplit((p.scheme.lower(), p.netloc.lower(), path, p.query, ""))


def content_hash(art: Article) -> str:
    return _digest((art.headline or "") + "\n" + art.text)


def published_date(art: Article) -> str | None:
    """The date filters use: the published date, else the date printed on the page."""
    if art.dates.published:
        return art.dates.published
    return art.dates.page.gregorian if art.dates.page and art.dates.page.gregorian else None


def site_key(site: str | None) -> str | None:
    """A site as filters compare it: lower case, no www., and just the host of a pasted URL."""
    if not site:
        return None
    site = site.strip().lower()
    if "://" in site:
        site = urlsplit(site).hostname or site
    return site[4:] if site.startswith("www.") else site


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


EVENT_COLUMNS = ("article", "id", "type", "cameo", "modality", "actor", "actor_name", "target", "target_name",
                 "location", "location_name", "time", "time_value", "trigger", "trigger_start", "trigger_end",
                 "sentence", "site", "published")

def cluster_of_edit(old, sig) -> str | None:
    """The stored page's cluster when the new text is an edit of it (near-copy of the old one)."""
    if old and dedup.similarity(dedup.from_bytes(old["minhash"]), sig) >= dedup.THRESHOLD:
        return old["cluster"]
    return None


def closest_cluster(sig, rows) -> str | None:
    """The cluster of the most similar candidate row ({cluster, minhash}), if one is similar enough."""
    best, best_sim = None, dedup.THRESHOLD
    for r in rows:
        sim = dedup.similarity(sig, dedup.from_bytes(r["minhash"]))
        if sim >= best_sim:
            best, best_sim = r["cluster"], sim
    return best


def article_columns(art: Article, aid: str, digest: str, sig, cluster: str, now: str) -> dict:
    """The ``articles`` row of an article (without version and first_seen, which depend on the old row)."""
    return dict(id=aid, url=art.source.url, site=art.source.site, headline=art.headline,
                published=published_date(art), updated=now, cluster=cluster, hash=digest,
                minhash=dedup.to_bytes(sig), text=art.text, doc=_pack(art))


def entity_rows(art: Article, aid: str) -> tuple[list[tuple], list[tuple]]:
    """``article_entities`` rows and the sorted ``article_entity_keys`` rows (every name an entity goes by)."""
    ents, ekeys = [], set()
    for e in art.entities:
        ents.append((aid, e.id, e.name, e.type, e.kb_id, e.name_en, len(e.mentions)))
        names = {e.name, e.kb_id, e.name_en} | {m.text for m in e.mentions if m.kind == "name"}
        ekeys.update((entity_key(x), aid, e.id) for x in names if x and x.strip())
    return ents, sorted(ekeys)


def event_rows(art: Article, aid: str) -> list[dict]:
    """The article's events flattened as the events table keeps them (``EVENT_COLUMNS`` but the
    article's site and date, which come from its row): entity ids with their names, the time value."""
    def name(entity_id):
        e = art.entity(entity_id)
        return e.name if e else None

    timex = {t.id: t.value for t in art.timex}
    rows = []
    for v in art.events:
        trig = v.trigger
        rows.append({"article": aid, "id": v.id, "type": v.type, "cameo": v.cameo, "modality": v.modality,
                     "actor": v.actor, "actor_name": name(v.actor), "target": v.target, "target_name": name(v.target),
                     "location": v.location, "location_name": name(v.location), "time": v.time,
                     "time_value": timex.get(v.time), "trigger": trig.text if trig else None,
                     "trigger_start": trig.start if trig else None, "trigger_end": trig.end if trig else None,
                     "sentence": v.sentence})
    return rows


def listing_query(entity: str | None, site: str | None, limit: int, mark: str, order: str = "published"
                  ) -> tuple[str, list]:
    """SQL and parameters of ``Store.listing`` (newest first), with the backend's placeholder."""
    where, params = [], []
    if entity:
        ks = lookup_keys(entity)
        where.append(f"id IN (SELECT article FROM article_entity_keys WHERE key IN ({', '.join([mark] * len(ks))}))")
        params += ks
    if site:
        where.append(f"lower(site) IN ({mark}, {mark})")
        params += [site_key(site), "www." + site_key(site)]
    sql = ("SELECT id, headline, site, substr(published, 1, 10) AS published FROM articles "
           + ("WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY published IS NULL, {order} DESC, n DESC LIMIT {mark}")
    return sql, params + [limit]


def redact(url: str) -> str:
    """The database URL with its password replaced by ***, for messages."""
    url = re.sub(r"^([a-z]+://[^/@:?#]*:)[^/@?#]*@", r"\1***@", url)
    return re.sub(r"(?i)([?&]password=)[^&#]*", r"\1***", url)


SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT, site TEXT, headline TEXT, published TEXT,
    first_seen TEXT NOT NULL, updated TEXT NOT NULL, cluster TEXT NOT NULL, version INTEGER NOT NULL,
    hash TEXT NOT NULL, minhash BLOB NOT NULL, text TEXT NOT NULL, doc BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster);
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS article_versions (
    id TEXT NOT NULL, version INTEGER NOT NULL, replaced TEXT NOT NULL, text TEXT NOT NULL, doc BLOB NOT NULL,
    PRIMARY KEY (id, version));
CREATE TABLE IF NOT EXISTS article_entities (
    article TEXT NOT NULL, local_id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, kb_id TEXT,
    name_en TEXT, mentions INTEGER NOT NULL, PRIMARY KEY (article, local_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_entities_kb ON article_entities(kb_id);
CREATE TABLE IF NOT EXISTS article_entity_keys (
    key TEXT NOT NULL, article TEXT NOT NULL, local_id TEXT NOT NULL,
    PRIMARY KEY (key, article, local_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_entity_keys_article ON article_entity_keys(article);
CREATE TABLE IF NOT EXISTS article_events (
    article TEXT NOT NULL, id TEXT NOT NULL, type TEXT, cameo TEXT, modality TEXT,
    actor TEXT, actor_name TEXT, target TEXT, target_name TEXT, location TEXT, location_name TEXT,
    time TEXT, time_value TEXT, trigger TEXT, trigger_start INTEGER, trigger_end INTEGER, sentence INTEGER,
    PRIMARY KEY (article, id));
CREATE TABLE IF NOT EXISTS article_lsh (
    band INTEGER NOT NULL, key INTEGER NOT NULL, article TEXT NOT NULL,
    PRIMARY KEY (band, key, article)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_lsh_article ON article_lsh(article);
CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(headline, body, content = '', tokenize = 'unicode61');
CREATE TABLE IF NOT EXISTS corpus_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_COLUMNS = "n, id, url, site, headline, published, first_seen, cluster, version, text, doc"
MAX_CANDIDATES = 50  # near-duplicate candidates compared in full, at most


class SQLiteStore(Store):
    """The corpus in one SQLite file."""

    def __init__(self, path: str, create: bool = True):
        self.path = path
        if not create and not os.path.exists(path):
            raise InputError(f"no corpus at {path} (create one with `marsad ingest SOURCE --db {path}`)")
        if os.path.isdir(path):
            raise InputError(f"{path} is a directory, not a corpus database file")
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 10000")
            # One commit per article: WAL without a sync per commit keeps that cheap; a crash can
            # lose the last articles, never half of one.
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.executescript(SCHEMA)
            self._check_keys()
        except sqlite3.DatabaseError as e:
            if create or not isinstance(e, sqlite3.OperationalError) or not _read_only(path):
                raise InputError(f"cannot open corpus {path}: {e}") from None
            self._open_read_only(e)

    def _open_read_only(self, error: Exception) -> None:
        """Search and export a corpus on a read-only file or folder (a WAL database needs its folder
        writable, for its -shm file, unless it is opened as immutable)."""
        self.db.close()
        uri = "file:" + pathname2url(os.path.abspath(self.path))
        for mode in ("?mode=ro", "?immutable=1"):
            try:
                self.db = sqlite3.connect(uri + mode, uri=True, isolation_level=None)
                self.db.row_factory = sqlite3.Row
                row = self.db.execute("SELECT value FROM corpus_meta WHERE name = 'keys_version'").fetchone()
                break
            except sqlite3.DatabaseError as e:
                self.db.close()
                error = e
        else:
            raise InputError(f"cannot open corpus {self.path}: {error}") from None
        if not row or row[0] != KEYS_VERSION:
            raise InputError(f"cannot open corpus {self.path}: it is read-only and its search index is from another "
                             "marsad version (open it once where it can be written)")

    def _check_keys(self) -> None:
        """Rebuild the full-text index when it was made with other search-key rules.

        The index is contentless (it does not keep a second copy of every text); removing a row
        means handing it the keys it was indexed with, so those must come from the same rules.
        """
        row = self.db.execute("SELECT value FROM corpus_meta WHERE name = 'keys_version'").fetchone()
        if row and row[0] == KEYS_VERSION:
            return
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO article_fts (article_fts) VALUES ('delete-all')")
        for n, headline, text in self.db.execute("SELECT n, headline, text FROM articles").fetchall():
            self._index(n, headline, text)
        self.db.execute("INSERT OR REPLACE INTO corpus_meta VALUES ('keys_version', ?)", (KEYS_VERSION,))
        self.db.execute("COMMIT")

    def _index(self, n: int, headline: str | None, text: str, command: str | None = None) -> None:
        """Add a row to the full-text index, or with ``command='delete'`` take it out."""
        if command:
            self.db.execute("INSERT INTO article_fts (article_fts, rowid, headline, body) VALUES (?, ?, ?, ?)",
                            (command, n, index_text(headline or ""), index_text(text)))
        else:
            self.db.execute("INSERT INTO article_fts (rowid, headline, body) VALUES (?, ?, ?)",
                            (n, index_text(headline or ""), index_text(text)))

    def close(self) -> None:
        self.db.close()

    # -- writing ---------------------------------------------------------------------------------
    def add(self, art: Article) -> Stored:
        aid = article_id(art)
        digest = content_hash(art)
        sig = dedup.signature(art.text)
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                stored = self._add(art, aid, digest, sig)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            error = InputError if isinstance(e, sqlite3.DataError) else StoreError  # DataError: this article's
            raise error(f"cannot store {art.source.url or art.source.path or aid} in {self.path}: {e}") from None
        art.corpus = stored.corpus()
        return stored

    def _add(self, art: Article, aid: str, digest: str, sig) -> Stored:
        old = self.db.execute("SELECT n, hash, cluster, version, first_seen, minhash, headline, text, doc FROM articles "
                              "WHERE id = ?", (aid,)).fetchone()
        now = _now()
        if old and old["hash"] == digest:
            return Stored(aid, UNCHANGED, old["version"], old["cluster"], old["first_seen"])
        cluster = cluster_of_edit(old, sig) or self._cluster_of(sig, exclude=aid) or aid
        cols = article_columns(art, aid, digest, sig, cluster, now)
        if old:
            self.db.execute("INSERT INTO article_versions (id, version, replaced, text, doc) VALUES (?, ?, ?, ?, ?)",
                            (aid, old["version"], now, old["text"], old["doc"]))
            cols.update(version=old["version"] + 1, first_seen=old["first_seen"])
            self.db.execute("UPDATE articles SET " + ", ".join(f"{k} = :{k}" for k in cols) + " WHERE id = :id", cols)
            n = old["n"]
            for table in ("article_entities", "article_entity_keys", "article_events", "article_lsh"):
                self.db.execute(f"DELETE FROM {table} WHERE article = ?", (aid,))
            self._index(n, old["headline"], old["text"], command="delete")
            status = UPDATED
        else:
            cols.update(version=1, first_seen=now)
            n = self.db.execute(f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join(':' + k for k in cols)})",
                                cols).lastrowid
            status = NEW
        self._index(n, art.headline, art.text)
        self.db.executemany("INSERT INTO article_lsh (band, key, article) VALUES (?, ?, ?)",
                            [(b, k, aid) for b, k in dedup.band_keys(sig)])
        self._add_entities(aid, art)
        self._add_events(aid, art)
        return Stored(aid, status, cols["version"], cluster, cols["first_seen"])

    def _cluster_of(self, sig, exclude: str) -> str | None:
        """The cluster of the most similar stored copy, if one is similar enough."""
        bands = dedup.band_keys(sig)
        where = " OR ".join("(band = ? AND key = ?)" for _ in bands)
        rows = self.db.execute(
            f"SELECT a.id, a.cluster, a.minhash FROM articles a WHERE a.id IN "
            f"(SELECT DISTINCT article FROM article_lsh WHERE {where} LIMIT {MAX_CANDIDATES}) AND a.id != ?",
            [v for bk in bands for v in bk] + [exclude]).fetchall()
        return closest_cluster(sig, rows)

    def _add_entities(self, aid: str, art: Article) -> None:
        ents, ekeys = entity_rows(art, aid)
        self.db.executemany("INSERT OR REPLACE INTO article_entities VALUES (?, ?, ?, ?, ?, ?, ?)", ents)
        self.db.executemany("INSERT OR IGNORE INTO article_entity_keys VALUES (?, ?, ?)", ekeys)

    def _add_events(self, aid: str, art: Article) -> None:
        rows = [tuple(r[c] for c in EVENT_COLUMNS[:-2]) for r in event_rows(art, aid)]
        self.db.executemany(f"INSERT OR REPLACE INTO article_events VALUES ({', '.join('?' * 17)})", rows)

    # -- reading ---------------------------------------------------------------------------------
    def get(self, article_id: str) -> dict | None:
        row = self._read(f"SELECT {_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        return _unpack(row) if row else None

    def listing(self, *, entity: str | None = None, site: str | None = None, limit: int = 20) -> list[dict]:
        return [dict(r) for r in self._read(*listing_query(entity, site, limit, "?"))]

    def articles(self) -> Iterator[dict]:
        for row in self._read(f"SELECT {_COLUMNS} FROM articles ORDER BY n"):
            yield _unpack(row)

    def events(self) -> Iterator[dict]:
        cur = self._read("SELECT e.*, a.site, a.published FROM article_events e JOIN articles a ON a.id = e.article "
                         "ORDER BY a.n, e.rowid")
        for row in cur:
            yield {k: row[k] for k in EVENT_COLUMNS}

    def entities(self, type_: str | None = None, limit: int = 50) -> list[dict]:
        sql = ("SELECT name, type, kb_id, COUNT(DISTINCT article) AS articles FROM article_entities "
               + ("WHERE type = ? " if type_ else "") + "GROUP BY COALESCE(kb_id, name), type "
               "ORDER BY articles DESC, name LIMIT ?")
        return [dict(r) for r in self._read(sql, ((type_,) if type_ else ()) + (limit,))]

    def count(self) -> int:
        return self._read("SELECT COUNT(*) FROM articles").fetchone()[0]

    def versions(self, article_id: str) -> list[dict]:
        rows = self._read("SELECT version, replaced, text, doc FROM article_versions WHERE id = ? ORDER BY version",
                          (article_id,))
        return [old_version(r) for r in rows]

    def search(self, query: str, *, site: str | None = None, since: str | None = None,
               until: str | None = None, entity: str | None = None, limit: int = 20, offset: int = 0
               ) -> list[Hit]:
        q = parse(query)
        where, params = ["article_fts MATCH ?"], [q.fts5()]
        if site:
            where.append("lower(a.site) IN (?, ?)")  # example.com finds www.example.com too
            params += [site_key(site), "www." + site_key(site)]
        if since:
            where.append("substr(a.published, 1, 10) >= ?")
            params.append(since)
        if until:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(until)
        if entity:
            ks = lookup_keys(entity)
            where.append(f"a.id IN (SELECT article FROM article_entity_keys WHERE key IN ({', '.join('?' * len(ks))}))")
            params += ks
        sql = ("SELECT a.id, a.headline, a.site, a.published, a.text, bm25(article_fts, 3.0, 1.0) AS rank "
               "FROM article_fts JOIN articles a ON a.n = article_fts.rowid WHERE " + " AND ".join(where)
               + " ORDER BY rank, a.n LIMIT ? OFFSET ?")
        hits = []
        for r in self._read(sql, params + [limit, offset]):
            snip, start, end, marks = snippet(r["text"], q)
            hits.append(Hit(id=r["id"], headline=r["headline"], site=r["site"], published=r["published"],
                            score=round(-r["rank"], 6), snippet=snip, snippet_start=start, snippet_end=end,
                            highlights=marks))
        return hits

    def _read(self, sql: str, params=()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, params)
        except sqlite3.DatabaseError as e:
            raise InputError(f"cannot read corpus {self.path}: {e}") from None


def _read_only(path: str) -> bool:
    """Whether the database file or its folder cannot be written (for a reader: open it read-only)."""
    return os.path.exists(path) and not (os.access(path, os.W_OK)
                                         and os.access(os.path.dirname(os.path.abspath(path)), os.W_OK))


def entity_key(name: str) -> str:
    """How an entity is looked up: its folded name (or KB id, or English name), spaces tidied."""
    return " ".join(fold(name).split())


def lookup_keys(name: str) -> list[str]:
    """The keys a user's entity NAME finds: its own, and the KB id when the knowledge base knows
    that name (as written, or by its sound: بيونج يانج, بيونغ يانغ) for exactly one entity, so
    سورية also finds the articles that wrote سوريا."""
    k = entity_key(name)
    known = kb_entity(name)
    return [k, entity_key(known[0])] if known and entity_key(known[0]) != k else [k]


def kb_entity(name: str) -> tuple[str, str] | None:
    """(KB id, canonical name) of the one knowledge-base entity NAME names, else None."""
    try:
        from ..entities.kb import load
        from ..entities.keys import sound_key
    except ImportError:  # a build without the entities stage: names as written only
        return None
    kb = load()
    for aliases in (kb.exact.get(fold(name), ()), kb.by_key.get(sound_key(name), ())):
        ids = {a.kb_id for a in aliases if a.kind == "name"}
        if len(ids) == 1:
            kb_id = ids.pop()
            return kb_id, (kb.get(kb_id) or {}).get("name") or name
        if ids:
            return None  # ambiguous: عمان is Oman and Amman
    return None


def _pack(art: Article) -> bytes:
    """The article object as stored: JSON without ``text`` (a column of its own) and ``corpus``."""
    d = art.to_dict()
    d["text"] = None  # keeps the key's place in the object
    d.pop("corpus", None)
    for b in d["blocks"]:
        if b["text"] == art.text[b["start"]:b["end"]]:
            b["text"] = None  # a block is a slice of the text: kept as its offsets only
    return zlib.compress(json.dumps(d, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def old_version(row) -> dict:
    """An ``article_versions`` row as ``Store.versions`` gives it (the headline from its packed object)."""
    headline = json.loads(zlib.decompress(bytes(row["doc"]))).get("headline")
    return {"version": row["version"], "replaced": row["replaced"], "headline": headline, "text": row["text"]}


def _unpack(row: sqlite3.Row) -> dict:
    d = json.loads(zlib.decompress(row["doc"]))
    d["text"] = text = row["text"]
    for b in d["blocks"]:
        if b["text"] is None:
            b["text"] = text[b["start"]:b["end"]]
    d["corpus"] = {"id": row["id"], "cluster": row["cluster"], "first_seen": row["first_seen"],
                   "version": row["version"]}
    return d
