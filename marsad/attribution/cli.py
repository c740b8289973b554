"""``marsad factcheck "TEXT"``: the closest claims already checked by Arabic fact-checkers."""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    from ..cli import positive_int

    p = sub.add_parser("factcheck", help="find fact-checked claims close to a claim (TEXT, or - for stdin)")
    p.add_argument("text", help="the claim, in Arabic; - reads it from stdin")
    p.add_argument("-k", type=positive_int, default=5, help="how many matches (default 5)")
    p.add_argument("--method", choices=("auto", "tfidf", "e5"), default="auto",
                   help="tfidf (built in), e5 (needs the claims-embed extra) or auto (both when available)")
    p.add_argument("--json", action="store_true",
                   help="print the matches as a JSON list (with --against: {factchecks, articles})")
    p.add_argument("--against", metavar="SOURCE",
                   help="also read these articles (file, folder, URL, feed, WARC, .jsonl) and say which agree or disagree")
    p.add_argument("--allow-private", action="store_true", help="with --against: allow private/loopback URLs")
    p.set_defaults(func=cmd_factcheck)


def cmd_factcheck(args) -> int:
    from ..errors import InputError
    from .factcheck import display_title, match

    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise InputError("no claim text given")
    hits = match(text, k=args.k, method=args.method)
    articles = _related(text, args) if args.against else None
    if args.json:
        print(json.dumps(hits if articles is None else {"factchecks": hits, "articles": articles},
                         ensure_ascii=False, indent=2))
        return 0
    for i, h in enumerate(hits, 1):
        print(f"{i}. [{h['verdict']}] {h['score']:.3f}  {display_title(h)}")
        print(f"   {h['source']}  {h['url']}")
    if articles is not None:
        print(f"\n{len(articles)} related article(s) in {args.against}:")
        for a in articles:
            conf = f" {a['confidence']:.2f}" if a["confidence"] is not None else " (near copy)"
            print(f"- [{a['stance']}{conf}] {a['score']:.3f}  {a['headline'] or a['article']}")
            print(f"   «{a['sentence']}»")
    return 0


def _related(text: str, args) -> list[dict]:
    """Read SOURCE as `marsad analyze` would (text layer only) and rank its articles against the claim."""
    from .. import sources
    from .factcheck import related

    arts = []
    for art in sources.iter_articles(args.against, allow_private=args.allow_private, stages=["text"]):
        if isinstance(art, Exception):
            print(f"marsad: {art}", file=sys.stderr)
        else:
            arts.append(art)
    return related(text, arts, k=max(args.k, 10))
