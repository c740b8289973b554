"""Marsad (مرصد): raw Arabic news pages in, clean structured searchable records out.

    >>> import marsad
    >>> art = marsad.analyze(open("page.txt").read())
    >>> art.headline, art.to_json()
"""
from .article import Article
from .pipeline import analyze

__all__ = ["Article", "analyze"]
__version__ = "0.1.0"
