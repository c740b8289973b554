"""``marsad serve``: the web UI and REST API over a corpus (needs the ``web`` extra)."""
from __future__ import annotations

import ipaddress
import os
import socket
import sys

from ..errors import InputError

LIMIT_CONCURRENCY = 200


def register(sub) -> None:
    from ..corpus.cli import db_url
    from ..corpus.store import DEFAULT_DB

    p = sub.add_parser("serve", help="web UI and REST API over the corpus (OpenAPI at /docs)")
    p.add_argument("--db", default=DEFAULT_DB, metavar="URL", type=db_url,
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
    sock = _listen(args.host, args.port)
    if token and not _loopback(args.host):
        print("marsad: the ingest token travels in clear over plain HTTP: put a TLS proxy in front of this server",
              file=sys.stderr)
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"marsad: serving {redact(args.db)} on http://{host}:{port}/ (API reference at /docs; "
          f"writes {'enabled' if token else 'disabled'})", file=sys.stderr)
    # Past LIMIT_CONCURRENCY open connections new ones get 503 rather than queueing without end.
    config = uvicorn.Config(app, log_level="warning", server_header=False, limit_concurrency=LIMIT_CONCURRENCY)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a busy port or a bad address is one line (exit 1),
    not uvicorn's log line and exit 3 after "serving" was already printed."""
    try:
        family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                          flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as e:
        raise InputError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(2048)
    except OSError as e:
        sock.close()
        raise InputError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    sock.set_inheritable(True)
    return sock


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
