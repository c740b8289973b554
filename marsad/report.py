"""The readable report ``marsad analyze`` prints without --json: what a person checks first."""
from __future__ import annotations

import textwrap

from .article import Article


def render(art: Article, width: int = 100) -> str:
    out: list[str] = []

    def section(title: str, rows: list[str]) -> None:
        if rows:
            out.append(f"\n## {title}")
            out.extend(rows)

    src = art.source
    out.append(f"# {art.headline or '(no headline)'}")
    out.append(" · ".join(x for x in (src.site, src.publisher, src.url or src.path) if x))
    d = art.dates
    if d.page:
        mark = "✓" if d.page.consistent else "✗"
        out.append(f"page date: {d.page.gregorian} = {d.page.hijri} AH, {d.page.weekday} {mark}"
                   + (f" ({d.page.note})" if d.page.note else ""))
    if d.published:
        out.append(f"published: {d.published}")
    if d.content_period:
        out.append(f"content period: {d.content_period.get('start')} … {d.content_period.get('end')}")
    if art.masthead.breaking or art.masthead.editor_in_chief:
        out.append("masthead: " + ", ".join(x for x in (
            "breaking" if art.masthead.breaking else "",
            f"editor-in-chief {art.masthead.editor_in_chief}" if art.masthead.editor_in_chief else "") if x))
    b = art.byline
    if b.authors or b.dateline or b.agency:
        out.append("byline: " + ", ".join(x for x in (", ".join(b.authors), b.dateline, b.agency) if x))
    section("Summary", [f"- {s}" for s in art.summary])
    section("Text", [
        (f"### {blk.text}" if blk.kind == "subheading" else textwrap.fill(blk.text, width))
        for blk in art.blocks if blk.kind != "headline"])
    section("Captions", [f"- {c}" for c in art.captions])
    section("Entities", [
        f"- {e.name} [{e.type}]" + (f" = {e.name_en}" if e.name_en else "")
        + (f" ({'; '.join(e.roles)})" if e.roles else "")
        + f" ×{len(e.mentions)}: " + " | ".join(dict.fromkeys(m.text for m in e.mentions))
        for e in art.entities])
    names = {e.id: e.name for e in art.entities}
    section("Quotes", [
        f"- [{q.kind}] {names.get(q.speaker, q.speaker_text or '?')} ({q.verb or '-'}): {q.text}" for q in art.quotes])
    section("Claims", [f"- {names.get(c.by, '?')} {c.stance}: {c.text}" + (f" (hedge: {c.hedge})" if c.hedge else "")
                       for c in art.claims])
    section("Events", [
        f"- {e.type} [{e.modality}] {names.get(e.actor, '?')} → {names.get(e.target, '?')}: «{e.trigger.text if e.trigger else ''}»"
        for e in art.events])
    section("Time expressions", [f"- {t.text} → {t.value} ({t.certainty})" for t in art.timex])
    section("Keywords", [", ".join(art.keywords)] if art.keywords else [])
    section("Flags", [f"- {f.kind}: {f.text}" + (f" → {f.suggestion}" if f.suggestion else "")
                      + (f" ({f.note})" if f.note else "") for f in art.flags])
    section("Removed page furniture", [f"- {c}" for c in art.chrome])
    return "\n".join(out)
