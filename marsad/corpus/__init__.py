"""The corpus: analysed articles stored for search and export (``marsad ingest/search/export``).

``open_store(db_url)`` gives a ``Store``; ``store.add(article)`` keeps one article (a new page, a
new version of a changed page, or nothing for an exact re-ingest) and ``store.search(query)``
finds them again, Arabic spelling variants folded on both sides.
"""
from .store import DEFAULT_DB, SQLiteStore, Store, Stored, open_store

__all__ = ["DEFAULT_DB", "SQLiteStore", "Store", "Stored", "open_store"]
