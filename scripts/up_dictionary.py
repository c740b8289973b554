"""Read UniversalPetrarch's Arabic CAMEO verb dictionary (PETRARCH-2 text format).

Used at build time (to derive the trigger lexicon) and by the events benchmark (the naive
dictionary-only baseline).  The file holds ``--- LEMMA [code] ---`` blocks: the verb forms of a
synonym set, one a line with an optional own code, then ``- pattern [code]`` lines where ``*``
stands for the verb and the other words are the nouns/prepositions that must follow or precede it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.text.normalize import fold

CODE_RE = re.compile(r"\[\s*([0-9]{2,4}|---)\s*\]")
WORD_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")


@dataclass
class Pattern:
    before: list[str]  # folded words that must precede the verb
    after: list[str]  # folded words that must follow it
    code: str


@dataclass
class VerbBlock:
    lemma: str
    code: str | None
    forms: dict[str, str | None] = field(default_factory=dict)  # folded form -> own code
    patterns: list[Pattern] = field(default_factory=list)


def _words(s: str) -> list[str]:
    """Content words of a pattern side; synonym-set (&X) and actor ($, +) slots are dropped."""
    s = re.sub(r"[&$+][A-Z_]*", " ", s)
    return [fold(w) for w in WORD_RE.findall(s.replace("_", " ")) if len(fold(w)) > 1]


def parse(path: str) -> list[VerbBlock]:
    blocks: list[VerbBlock] = []
    in_verbs = False
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip()
            if "VERB PATTERNS" in raw:
                in_verbs = True
                continue
            if not in_verbs or not line.strip():
                continue
            if line.startswith("---"):
                m = CODE_RE.search(line)
                lemma = line.strip("- ").split("[")[0].strip()
                code = m.group(1) if m and m.group(1) != "---" else None
                blocks.append(VerbBlock(lemma=lemma, code=code))
                continue
            if not blocks:
                continue
            block = blocks[-1]
            m = CODE_RE.search(line)
            code = m.group(1) if m and m.group(1) != "---" else None
            if line.startswith("-"):
                if not code or "*" not in line:
                    continue
                body = CODE_RE.sub("", line[1:])
                before, after = body.split("*", 1)
                block.patterns.append(Pattern(_words(before), _words(after), code))
            else:
                form = CODE_RE.sub("", line).strip()
                head = form.split("+")[0].replace("_", " ").strip()
                if head:
                    block.forms[fold(head)] = code
    return blocks


def load_cameo_plover(path: str) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER type, mode, context) from the CAMEO2PLOVER table."""
    out: dict[str, tuple[str, str, str]] = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,]*)(?:,(.*))?)?$", line)
            if m and len(m.group(1)) >= 3:
                out[m.group(1)] = (m.group(2), (m.group(3) or "").strip(), (m.group(4) or "").strip())
    return out


def plover_of(code: str, table: dict[str, tuple[str, str, str]]) -> str | None:
    """PLOVER type of a CAMEO code, falling back to its three-digit parent (codes 01x/02x have none)."""
    for c in (code, code[:3]):
        if c in table:
            return table[c][0]
    return None
