"""Corpus-wide entity registry: one row per entity across every article, in SQLite.

An article's entities (e1, e2 ...) get corpus ids: the knowledge-base id where the entity is
linked (``country:RUS``), else the id of a registered entity of the same type that already has a
name with the same sound key (another spelling of the same man), else a new stable id made from
the type and the sound key of the name (``x:PER:…``), so two runs over the same pages agree.
Aliases accumulate with counts.  Merges are never destructive: the merged entity keeps its rows
and points at the survivor (``merged_into``), and an article registered while it is merged is
still recorded on the entity it matched (the survivor's id is only what ``register`` returns).
So the merges form a forest and each merge is one link of it: ``unmerge`` of a merge undoes
exactly the merge that absorbed that entity, which leaves with everything merged into it
earlier (merge A into B, then B into C: undoing the second gives back B with A; undoing the
first gives back A alone, B staying in C), in any order.  The log says who was merged into
whom and when.  Tables are prefixed ``entity_`` so they can live in the
corpus database.
"""
from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from ..article import Entity
from ..errors import InputError
from ..text.normalize import fold
from .keys import similar, sound_key
from .roles import CONNECTORS

SCHEMA = """
CREATE TABLE IF NOT EXISTS entity_entities (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, name_en TEXT, kb_id TEXT,
    merged_into TEXT REFERENCES entity_entities(id), created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entity_entities(id), alias TEXT NOT NULL, fold TEXT NOT NULL,
    key TEXT NOT NULL, count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity_id, fold));
CREATE INDEX IF NOT EXISTS entity_aliases_key ON entity_aliases(key);
CREATE TABLE IF NOT EXISTS entity_documents (
    doc TEXT NOT NULL, local_id TEXT NOT NULL, entity_id TEXT NOT NULL REFERENCES entity_entities(id),
    PRIMARY KEY (doc, local_id));
CREATE TABLE IF NOT EXISTS entity_merges (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kept TEXT NOT NULL, merged TEXT NOT NULL, at TEXT NOT NULL,
    undone_at TEXT, note TEXT);
"""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Registry:
    def __init__(self, path: str | Path = "marsad.db"):
        path = str(path)
        if "://" in path:
            raise InputError(f"the entity registry needs a SQLite file path, not {path}")
        try:
            self.db = sqlite3.connect(path)
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as e:
            raise InputError(f"cannot open entity registry {path}: {e}") from None
        self.db.row_factory = sqlite3.Row

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Registry":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- assigning ids -------------------------------------------------------------------------
    def register(self, doc: str, entities: list[Entity]) -> dict[str, str]:
        """Give each of an article's entities a corpus id; returns {local id: corpus id}."""
        out: dict[str, str] = {}
        with self.db:
            for e in entities:
                names = _names(e)
                cid = e.kb_id or self._match(e.type, names) or _new_id(e.type, names[0] if names else e.name)
                if not self._row(cid):
                    self.db.execute("INSERT INTO entity_entities (id, type, name, name_en, kb_id, created) "
                                    "VALUES (?, ?, ?, ?, ?, ?)", (cid, e.type, e.name, e.name_en, e.kb_id, _now()))
                # Rows go on the entity matched, not on its survivor, so that an unmerge takes them along.
                for alias in names or [e.name]:
                    self.db.execute(
                        "INSERT INTO entity_aliases (entity_id, alias, fold, key, count) VALUES (?, ?, ?, ?, 1) "
                        "ON CONFLICT (entity_id, fold) DO UPDATE SET count = count + 1",
                        (cid, alias, fold(alias), sound_key(alias)))
                self.db.execute("INSERT OR REPLACE INTO entity_documents (doc, local_id, entity_id) VALUES (?, ?, ?)",
                                (doc, e.id, cid))
                out[e.id] = self.live(cid)
        return out

    def _match(self, type_: str, names: list[str]) -> str | None:
        """A registered entity of this type that already carries this entity's full name, in
        any spelling (same sound key, close edit distance).  Only names of two words or more
        count, so a shared given name or surname never joins two people; an entity known by
        one word only joins another known by exactly that word and nothing longer.  Connectors
        do not count as words: «عبد الله» is one.  The entities merged together vote as one; the
        answer is the one among them whose names matched most."""
        multi = [n for n in names if _words(n) > 1]
        hits: dict[str, int] = {}
        for name in multi:
            rows = self.db.execute(
                "SELECT a.entity_id, a.alias FROM entity_aliases a JOIN entity_entities e ON e.id = a.entity_id "
                "WHERE a.key = ? AND e.type = ?", (sound_key(name), type_)).fetchall()
            for r in rows:
                if _words(r["alias"]) > 1 and similar(name, r["alias"]):
                    hits[r["entity_id"]] = hits.get(r["entity_id"], 0) + 1
        if not multi and names:
            rows = self.db.execute("SELECT id FROM entity_entities WHERE type = ? AND name = ?",
                                   (type_, names[0])).fetchall()
            for r in rows:
                if not any(_words(a) > 1 for a in self._aliases(self.live(r["id"]))):
                    hits[r["id"]] = hits.get(r["id"], 0) + 1
        if not hits:
            return None
        groups: dict[str, int] = {}
        for member, n in hits.items():
            groups[self.live(member)] = groups.get(self.live(member), 0) + n
        group = max(groups, key=groups.get)
        return max((m for m in hits if self.live(m) == group), key=hits.get)

    def _aliases(self, entity_id: str) -> list[str]:
        members = self._members(entity_id)
        q = ",".join("?" * len(members))
        return [r[0] for r in self.db.execute(f"SELECT alias FROM entity_aliases WHERE entity_id IN ({q})", members)]

    # -- merges --------------------------------------------------------------------------------
    def live(self, entity_id: str) -> str:
        """The entity an id stands for now (following merges)."""
        seen = set()
        while entity_id not in seen:
            seen.add(entity_id)
            row = self._row(entity_id)
            if not row or not row["merged_into"]:
                return entity_id
            entity_id = row["merged_into"]
        return entity_id

    def merge(self, keep: str, other: str, note: str | None = None) -> int:
        """Merge ``other`` into ``keep``; returns the merge id that ``unmerge`` takes."""
        a, b = self._need(keep), self._need(other)
        a, b = self.live(a["id"]), self.live(b["id"])
        if a == b:
            raise InputError(f"{keep} and {other} are already one entity ({a})")
        with self.db:
            self.db.execute("UPDATE entity_entities SET merged_into = ? WHERE id = ?", (a, b))
            cur = self.db.execute("INSERT INTO entity_merges (kept, merged, at, note) VALUES (?, ?, ?, ?)",
                                  (a, b, _now(), note))
        return cur.lastrowid

    def merge_row(self, merge_id: int) -> dict:
        row = self.db.execute("SELECT * FROM entity_merges WHERE id = ?", (merge_id,)).fetchone()
        if not row:
            raise InputError(f"no merge {merge_id}")
        return dict(row)

    def unmerge(self, merge_id: int) -> None:
        """Undo one merge: the entity it absorbed is its own again, with what was merged into it."""
        row = self.merge_row(merge_id)
        if row["undone_at"]:
            raise InputError(f"merge {merge_id} was already undone at {row['undone_at']}")
        with self.db:
            self.db.execute("UPDATE entity_entities SET merged_into = NULL WHERE id = ? AND merged_into = ?",
                            (row["merged"], row["kept"]))
            self.db.execute("UPDATE entity_merges SET undone_at = ? WHERE id = ?", (_now(), merge_id))

    # -- reading -------------------------------------------------------------------------------
    def explain(self, entity_id: str) -> dict:
        """Everything known about an entity: its row, the ids merged into it, every alias with
        its count, the documents that mention it and the merge log entries that touch it."""
        row = dict(self._need(entity_id))
        live = self.live(row["id"])
        members = self._members(live)
        q = ",".join("?" * len(members))
        aliases = [dict(r) for r in self.db.execute(
            f"SELECT alias, SUM(count) AS count, entity_id FROM entity_aliases WHERE entity_id IN ({q}) "
            "GROUP BY fold ORDER BY count DESC, alias", members)]
        docs = [r[0] for r in self.db.execute(
            f"SELECT DISTINCT doc FROM entity_documents WHERE entity_id IN ({q}) ORDER BY doc", members)]
        merges = [dict(r) for r in self.db.execute(
            f"SELECT * FROM entity_merges WHERE kept IN ({q}) OR merged IN ({q}) ORDER BY id", members + members)]
        return {"id": row["id"], "live": live, **{k: row[k] for k in ("type", "name", "name_en", "kb_id")},
                "members": members, "aliases": aliases, "documents": docs, "merges": merges}

    def list(self, type_: str | None = None, limit: int = 50) -> list[dict]:
        # Documents are counted over each entity and everything merged into it, at any depth.
        sql = ("WITH RECURSIVE m(root, id) AS (SELECT id, id FROM entity_entities WHERE merged_into IS NULL "
               "UNION ALL SELECT m.root, e.id FROM entity_entities e JOIN m ON e.merged_into = m.id) "
               "SELECT e.id, e.type, e.name, e.name_en, e.kb_id, "
               "(SELECT COUNT(DISTINCT d.doc) FROM entity_documents d JOIN m ON d.entity_id = m.id "
               "WHERE m.root = e.id) AS documents "
               "FROM entity_entities e WHERE e.merged_into IS NULL")
        args: list = []
        if type_:
            sql += " AND e.type = ?"
            args.append(type_)
        sql += " ORDER BY documents DESC, e.name LIMIT ?"
        return [dict(r) for r in self.db.execute(sql, [*args, limit])]

    def _members(self, live: str) -> list[str]:
        members, frontier = [live], [live]
        while frontier:
            rows = self.db.execute(f"SELECT id FROM entity_entities WHERE merged_into IN ({','.join('?' * len(frontier))})",
                                   frontier).fetchall()
            frontier = [r[0] for r in rows if r[0] not in members]
            members += frontier
        return members

    def _row(self, entity_id: str):
        return self.db.execute("SELECT * FROM entity_entities WHERE id = ?", (entity_id,)).fetchone()

    def _need(self, entity_id: str):
        row = self._row(entity_id)
        if not row:
            raise InputError(f"no entity {entity_id}")
        return row


def _names(e: Entity) -> list[str]:
    """The entity's names as written (names and metonyms; titles for an unnamed office)."""
    names = list(dict.fromkeys(m.text for m in e.mentions if m.kind in ("name", "metonym")))
    if not names:
        names = list(dict.fromkeys(m.text for m in e.mentions if m.kind == "title"))[:1] or [e.name]
    # The full name first: it decides the new id.
    return sorted(names, key=lambda n: (-len(n.split()), -len(n)))


def _words(name: str) -> int:
    """Words of a name that are not connectors: «عبد الله» is one name, «عبد الله رشاد» two."""
    return sum(1 for w in fold(name).split() if w not in CONNECTORS)


def _new_id(type_: str, name: str) -> str:
    digest = hashlib.sha1(f"{type_}|{sound_key(name)}".encode()).hexdigest()[:12]
    return f"x:{type_}:{digest}"
