"""``marsad serve``: the web UI and REST API over a corpus (needs the ``web`` extra)."""
from __future__ import annotations

import ipaddress
import os
import sys

from ..errors import InputError

LIMIT_CONCURRENCY = 200


def register(sub) -> None:
    from ..corpus.store import DEFAULT_DB

    p = sub.add_parser("serve", help="web UI and REST API over the corpus (OpenAPI at /docs)")
    p.add_argument("--db", default=DEFAULT_DB, metavar="URL",
                   help="corpus database: a SQLite file path (default ./marsad.db) or a postgresql:// URL")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=None,
                   help="bearer token that enables POST /api/ingest (better: set MARSAD_TOKEN, which ps does not show)")
    p.add_argument("--allow-private", action="store_true",
                   help="let /api/analyze and /api/ingest fetch private/loopback addresses")
    p.set_defaults(func=cmd_serve)


def _port(value: str) -> int:
    import argparse

    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= n <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value}")
    return n


def cmd_serve(args) -> int:
    try:
        import uvicorn

        from ..corpus.store import redact
        from .app import create_app
    except ModuleNotFoundError as e:
        raise InputError(f"marsad serve needs the 'web' extra ({e.name} is missing): pip install 'marsad[web]'") from None
    token = args.token or os.environ.get("MARSAD_TOKEN") or None
    app = create_app(args.db, token=token, allow_private=args.allow_private)
    if token and not _loopback(args.host):
        print("marsad: the ingest token travels in clear over plain HTTP: put a TLS proxy in front of this server",
              file=sys.stderr)
    print(f"marsad: serving {redact(args.db)} on http://{args.host}:{args.port}/ (API reference at /docs; "
          f"writes {'enabled' if token else 'disabled'})", file=sys.stderr)
    # Past LIMIT_CONCURRENCY open connections new ones get 503 rather than queueing without end.
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False,
                limit_concurrency=LIMIT_CONCURRENCY)
    return 0


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
