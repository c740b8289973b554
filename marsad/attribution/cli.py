"""``marsad factcheck "TEXT"``: the closest claims already checked by Arabic fact-checkers."""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("factcheck", help="find fact-checked claims close to a claim (TEXT, or - for stdin)")
    p.add_argument("text", help="the claim, in Arabic; - reads it from stdin")
    p.add_argument("-k", type=int, default=5, help="how many matches (default 5)")
    p.add_argument("--method", choices=("auto", "tfidf", "e5"), default="auto",
                   help="tfidf (built in), e5 (needs the claims-embed extra) or auto (both when available)")
    p.add_argument("--json", action="store_true", help="print the matches as a JSON list")
    p.set_defaults(func=cmd_factcheck)


def cmd_factcheck(args) -> int:
    from ..errors import InputError
    from .factcheck import match

    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise InputError("no claim text given")
    hits = match(text, k=args.k, method=args.method)
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=2))
        return 0
    for i, h in enumerate(hits, 1):
        print(f"{i}. [{h['verdict']}] {h['score']:.3f}  {h['title']}")
        print(f"   {h['source']}  {h['url']}")
    return 0
