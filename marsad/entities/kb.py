"""The offline knowledge base (marsad/data/kb/kb.json.gz, built by scripts/build_kb.py).

Loaded once per process.  Besides the entities it carries two word lists the stage needs to tell
a name from prose: ``name_tokens`` (person-name tokens seen in Wikidata/ANETAC/ANERGazet) and
``common_words`` (words ANERcorp tags O), and ``translit`` (Arabic name token → English form).
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..text.normalize import fold
from .keys import sound_key

KB_PATH = Path(__file__).resolve().parent.parent / "data" / "kb" / "kb.json.gz"


@dataclass(frozen=True)
class Alias:
    kb_id: str
    text: str
    kind: str  # "name" | "demonym"


@dataclass
class KB:
    entities: dict[str, dict]
    name_tokens: frozenset[str]
    common_words: frozenset[str]
    translit: dict[str, str]
    nicknames: frozenset[str] = frozenset()  # folded: سيد + a seat of government = its head
    titles: dict[tuple[str, ...], dict] = field(default_factory=dict)  # folded phrase words → office
    exact: dict[str, list[Alias]] = field(default_factory=dict)
    by_key: dict[str, list[Alias]] = field(default_factory=dict)
    max_words: int = 1
    first_words: set[str] = field(default_factory=set)  # first folded word of every alias
    first_keys: set[str] = field(default_factory=set)  # and its sound key: a quick no before any lookup
    by_iso: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for kb_id, e in self.entities.items():
            if e.get("iso"):
                self.by_iso[e["iso"]] = kb_id
            for kind, names in (("name", e.get("aliases", [])), ("demonym", e.get("demonyms", []))):
                for text in names:
                    a = Alias(kb_id, text, kind)
                    k = fold(text)
                    bucket = self.exact.setdefault(k, [])
                    if a not in bucket:
                        bucket.append(a)
                    self.max_words = max(self.max_words, len(k.split()))
                    self.first_words.add(k.split()[0])
                    key = sound_key(text)
                    self.first_keys.add(key.split()[0] if key else "")
                    if len(key.replace(" ", "")) >= 3:
                        self.by_key.setdefault(key, []).append(a)

    def get(self, kb_id: str | None) -> dict | None:
        return self.entities.get(kb_id) if kb_id else None

    def country(self, iso: str | None) -> str | None:
        return self.by_iso.get(iso) if iso else None

    def is_name_token(self, folded: str) -> bool:
        return folded in self.name_tokens

    def is_common(self, folded: str) -> bool:
        return folded in self.common_words


@lru_cache(maxsize=1)
def load(path: str | None = None) -> KB:
    with gzip.open(path or KB_PATH, "rt", encoding="utf-8") as f:
        d = json.load(f)
    return KB(entities=d["entities"], name_tokens=frozenset(d["name_tokens"]),
              common_words=frozenset(d["common_words"]), translit=d["translit"],
              nicknames=frozenset(fold(w) for w in d.get("head_nicknames", [])),
              titles={tuple(fold(t["phrase"]).split()): t for t in d.get("titles", [])})
