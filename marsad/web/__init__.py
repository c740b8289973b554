"""The web UI and REST API over the corpus (``marsad serve``; needs the ``web`` extra).

``marsad.web.app.create_app(db_url, token=None, allow_private=False)`` builds the FastAPI app;
this package's ``__init__`` imports nothing heavy, so ``marsad --help`` works without the extra.
"""
