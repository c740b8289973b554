"""The ``marsad`` command (see ../shared/CONTRACT.md).

Exit codes: 0 success, 1 a problem with the input (one line on stderr, never a traceback),
2 a usage error.  Each subcommand lives in a small ``cmd_*`` function; heavy imports happen inside
them so that ``marsad --help`` is instant.
"""
from __future__ import annotations

import argparse
import os
import sys

from .errors import InputError


def _add_analyze(sub) -> None:
    p = sub.add_parser("analyze", help="analyse a page (file, folder, URL, .jsonl, or - for stdin)")
    p.add_argument("source", help="file, folder, URL, .jsonl file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the article object (JSONL for many pages)")
    p.add_argument("--url", help="the page's URL, when SOURCE is a file")
    p.add_argument("--site", help="the site's domain (e.g. example.com), for site-level chrome learning")
    p.add_argument("--max-bytes", type=positive_int, default=None, help="refuse inputs larger than this many bytes (default 20 MB)")
    p.add_argument("--allow-private", action="store_true", help="allow fetching private/loopback addresses")
    p.add_argument("--state", help="file remembering feed/sitemap items already read (default ~/.cache/marsad/seen.json)")
    p.set_defaults(func=cmd_analyze)


def whole_number(value: str, minimum: int = 1) -> int:
    """An argparse type: a whole number of at least ``minimum`` (anything else is a usage error, exit 2)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < minimum:
        raise argparse.ArgumentTypeError(f"must be at least {minimum}: {value}")
    return n


def positive_int(value: str) -> int:
    return whole_number(value, 1)


def cmd_analyze(args) -> int:
    from . import sources
    from .report import render

    opts = {"max_bytes": args.max_bytes} if args.max_bytes else {}
    if args.state:
        opts["state"] = args.state
    items = sources.iter_articles(args.source, url=args.url, site=args.site,
                                  allow_private=args.allow_private, **opts)
    many = sources.is_many(args.source, allow_private=args.allow_private, **opts)
    done = failed = 0
    for result in sources.with_progress(items, enabled=many):
        if isinstance(result, InputError):
            if not many:
                raise result
            failed += 1
            print(f"marsad: {result}", file=sys.stderr)
            continue
        done += 1
        if args.json:
            print(result.to_json(indent=None if many else 2), flush=many)
        else:
            print(render(result))
    if many and not done and failed:
        raise InputError(f"no article could be read from {args.source} ({failed} failed)")
    if many and not done:
        print(f"marsad: nothing new in {args.source}", file=sys.stderr)  # a feed re-read: not an error
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="marsad", description="Arabic news observatory")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_analyze(sub)
    for register in _extra_commands():
        register(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except InputError as e:
        print(f"marsad: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as e:  # e.g. the output could not be written (a full disk): one line, no retry at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"marsad: {e.strerror or e}" + (f": {e.filename}" if e.filename else ""), file=sys.stderr)
        return 1


def _extra_commands():
    """Subcommands contributed by other parts of the package (ner, corpus, web, batch)."""
    import importlib

    for mod in ("marsad.ner.cli", "marsad.corpus.cli", "marsad.web.cli", "marsad.batch", "marsad.entities.cli",
                "marsad.attribution.cli"):
        try:
            m = importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name and e.name.startswith("marsad"):
                continue  # that part is not in this build
            raise
        yield m.register


if __name__ == "__main__":
    sys.exit(main())
