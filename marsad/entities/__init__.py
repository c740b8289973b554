"""Entities: mentions clustered within a page, linked to an offline knowledge base, and
registered across the corpus (registry.py)."""
