"""``marsad serve``: the corpus as a web UI and a REST API (FastAPI), safe to put on a network.

Safe: every string on a page comes from a page on the web, so templates autoescape and nothing
from an article is ever marked safe; responses carry a Content-Security-Policy without inline
script (the UI needs no JavaScript), ``nosniff`` and a strict referrer policy.  Request bodies
are cut off at ``MAX_BODY`` (413); bad input is a 4xx with one line of JSON, never a traceback.
URLs given to ``/api/analyze`` go through marsad's fetcher, which refuses private, loopback and
link-local addresses unless the operator allowed them.  Writes (``/api/ingest``) need the
operator's bearer token and are refused outright when none was set.

SQLite connections belong to the thread that opened them, and FastAPI runs plain ``def``
endpoints on a thread pool: each worker thread opens its own ``Store`` (WAL mode lets them read
side by side).  Analyses are CPU work: at most ``ANALYSIS_SLOTS`` run at once.
"""
from __future__ import annotations

import datetime as dt
import hmac
import json
import threading
from importlib import resources
from typing import Annotated

import anyio
import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException

from ..corpus.store import Store, open_store
from ..errors import InputError
from . import charts, pages

MAX_BODY = 5 * 1024 * 1024  # bytes of a POST body
ANALYSIS_SLOTS = 2
MAX_QUERY = 500  # characters of a search query
ENTITY_TYPES = ("PER", "GPE", "LOC", "ORG", "EVENT", "MISC")
RECENT = 12  # articles on the front page when there is no query
PAGE = 50  # hits on a page of search results
MAX_OFFSET = 10_000  # deepest hit a page may start at (bm25 ranks every match: keep it bounded)
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
BODY_SCHEMA = {
    "type": "object",
    "description": "One page: its text dump, its HTML, or a URL to fetch. Optional metadata as in JSONL input.",
    "properties": {
        "text": {"type": "string"}, "html": {"type": "string"}, "url": {"type": "string"},
        "site": {"type": "string"}, "title": {"type": "string"}, "published": {"type": "string"},
        "id": {"type": "string"},
    },
    "example": {"text": "عنوان الخبر\n\nنص الخبر ..."},
}
_BODY_DOC = {"requestBody": {"required": True, "content": {"application/json": {"schema": BODY_SCHEMA}}}}


class _Stores:
    """One Store per thread (sqlite3 connections must stay in the thread that made them)."""

    def __init__(self, db_url: str, create: bool):
        self.db_url, self.create = db_url, create
        self._local = threading.local()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:  # create=False: a read-only server can serve a corpus in a read-only folder
            store = self._local.store = open_store(self.db_url, create=self.create)
        return store


class _SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response (cheaper than BaseHTTPMiddleware)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers.setdefault(k, v)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_url: str, token: str | None = None, allow_private: bool = False) -> FastAPI:
    """The web app over the corpus at DB_URL.  Without ``token`` the API is read-only.

    A missing SQLite file is an InputError when writes are off (nothing could ever fill it),
    and is created when a token makes ``/api/ingest`` possible.
    """
    open_store(db_url, create=bool(token)).close()  # fail now, in one line, on a bad --db
    stores = _Stores(db_url, create=bool(token))
    limiter = anyio.CapacityLimiter(ANALYSIS_SLOTS)
    env = jinja2.Environment(loader=jinja2.PackageLoader("marsad.web", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(both_calendars=pages.both_calendars, modality=pages.MODALITY_AR, stance=pages.STANCE_AR)

    app = FastAPI(title="Marsad", version=_version(), docs_url=None, redoc_url=None,
                  description="Arabic news corpus: search, articles, entities, and analysis of new pages.")
    app.mount("/static", StaticFiles(directory=str(resources.files("marsad.web").joinpath("static"))), name="static")

    def render(name: str, code: int = 200, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=code)

    # -- safety: headers, errors --------------------------------------------------------------
    app.add_middleware(_SecurityHeaders)

    def _api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    def error(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
        message = " ".join(str(message).split())
        if _api(request):
            return JSONResponse({"error": message}, status_code=status, headers=headers)
        return render("error.html", status, status=status, message=message)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        return error(request, 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ())[1:]) or "request"
        return error(request, 422, f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return error(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        return error(request, 500, "internal error (the server log has the details)")

    # -- API ----------------------------------------------------------------------------------
    @app.get("/api/search", tags=["corpus"], summary="Full-text search (the list `marsad search --json` prints)")
    def api_search(q: Annotated[str, Query(max_length=MAX_QUERY,
                                          description="words; \"quoted phrases\" must occur as written")],
                   site: str | None = None, since: str | None = None, until: str | None = None,
                   entity: Annotated[str | None, Query(description="name, spelling or KB id")] = None,
                   limit: Annotated[int, Query(ge=1, le=100)] = 20,
                   offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="hits to skip (paging)")] = 0
                   ) -> JSONResponse:
        hits = stores.get().search(q, site=site or None, since=_date("since", since), until=_date("until", until),
                                   entity=entity or None, limit=limit, offset=offset)
        return JSONResponse([h.to_dict() for h in hits])

    @app.get("/api/articles/{article_id}", tags=["corpus"], summary="One stored article object, with `corpus`")
    def api_article(article_id: str) -> JSONResponse:
        art = stores.get().get(article_id)
        if art is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return JSONResponse(art)

    @app.get("/api/articles/{article_id}/versions", tags=["corpus"],
             summary="Earlier versions of a page stored again with changes: {version, replaced, headline, text}")
    def api_versions(article_id: str) -> JSONResponse:
        store = stores.get()
        if store.get(article_id) is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return JSONResponse(store.versions(article_id))

    @app.get("/api/entities", tags=["corpus"], summary="The most named entities: {name, type, kb_id, articles, ref}")
    def api_entities(type: Annotated[str | None, Query(description="PER, GPE, LOC, ORG, EVENT or MISC")] = None,
                     limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> JSONResponse:
        if type and type.upper() not in ENTITY_TYPES:
            raise InputError(f"type: one of {', '.join(ENTITY_TYPES)}, not {type!r}")
        rows = stores.get().entities(type_=type.upper() if type else None, limit=limit)
        return JSONResponse([{**r, "ref": pages.entity_ref(r)} for r in rows])

    @app.get("/api/entities/{ref:path}", tags=["corpus"],
             summary="An entity (KB id, name or spelling): its names and the articles naming it")
    def api_entity(ref: str) -> JSONResponse:
        view = pages.entity_view(stores.get(), ref)
        if view is None:
            raise HTTPException(404, f"no stored article names {ref!r}")
        return JSONResponse(view.to_dict())

    @app.post("/api/analyze", tags=["analysis"], openapi_extra=_BODY_DOC,
              summary="Analyse a page (text, HTML or URL) and return its article object; nothing is stored")
    async def api_analyze(request: Request) -> JSONResponse:
        record = await _read_record(request)
        art = await anyio.to_thread.run_sync(_analyze, record, allow_private, limiter=limiter)
        return JSONResponse(art.to_dict())

    @app.post("/api/ingest", tags=["analysis"], openapi_extra=_BODY_DOC,
              summary="Analyse a page and store it (needs `Authorization: Bearer TOKEN`)")
    async def api_ingest(request: Request) -> JSONResponse:
        _authorize(request, token)
        record = await _read_record(request)

        def work():
            art = _analyze(record, allow_private)
            stored = stores.get().add(art)
            return {**stored.to_dict(), "headline": art.headline, "url": art.source.url}

        result = await anyio.to_thread.run_sync(work, limiter=limiter)
        return JSONResponse(result, status_code=201 if result["status"] == "new" else 200)

    # -- pages for people -----------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(q: str = "", site: str = "", since: str = "", until: str = "", entity: str = "",
             offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0):
        store = stores.get()
        form = {"q": q, "site": site, "since": since, "until": until, "entity": entity}
        hits, message = [], None
        if q.strip():
            try:
                if len(q) > MAX_QUERY:
                    raise InputError(f"the query is over {MAX_QUERY} characters")
                hits = [h.to_dict() for h in store.search(q, site=site or None, since=_date("since", since or None),
                                                          until=_date("until", until or None),
                                                          entity=entity or None, limit=PAGE + 1,
                                                          offset=offset)]
            except InputError as e:
                message = str(e)
            for h in hits:
                h["segments"] = pages.hit_segments(h)
            more = len(hits) > PAGE
            hits = hits[:PAGE]
            return render("index.html", 400 if message else 200, form=form, hits=hits, message=message, searched=True,
                          offset=offset, page=PAGE, more=more, first=offset + 1)
        return render("index.html", form=form, searched=False, count=store.count(),
                      recent=store.listing(limit=RECENT), top=store.entities(limit=15),
                      entity_href=pages.entity_href)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str):
        art = stores.get().get(article_id)
        if art is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        ents = pages.entity_index(art)
        day = pages.published_day(art)
        older = stores.get().versions(article_id) if art["corpus"]["version"] > 1 else []
        return render("article.html", art=art, ents=ents, blocks=pages.article_blocks(art), older=older,
                      tx={t["id"]: t for t in art.get("timex") or []},
                      entity_href=pages.entity_href, published=day.isoformat() if day else None,
                      timeline=charts.timeline_svg(pages.timeline_marks(art), "خط زمني لتواريخ الخبر وأحداثه"))

    @app.get("/entities/{ref:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(ref: str):
        view = pages.entity_view(stores.get(), ref)
        if view is None:
            raise HTTPException(404, f"no stored article names {ref!r}")
        days = [d for d in view.days if 1900 <= d.year <= dt.date.today().year + 1]
        return render("entity.html", e=view,
                      chart=charts.mentions_svg(days, f"عدد الأخبار التي تذكر {view.name} حسب تاريخ النشر"))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs():
        return render("docs.html", spec=app.openapi(), json=json)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    return app


def _version() -> str:
    from .. import __version__

    return __version__


def _date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{name}: not a date (YYYY-MM-DD): {value!r}") from None


def _authorize(request: Request, token: str | None) -> None:
    if not token:
        raise HTTPException(403, "writes are disabled on this server: start `marsad serve` with --token TOKEN "
                                 "(or set MARSAD_TOKEN) to enable /api/ingest")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer TOKEN' header is needed",
                            headers={"WWW-Authenticate": "Bearer"})


async def _read_record(request: Request) -> dict:
    """The JSON body, at most MAX_BODY bytes, as a record with one of text/html/url."""
    size = request.headers.get("content-length", "")
    if size.isdigit() and int(size) > MAX_BODY:
        raise HTTPException(413, f"body is over the {MAX_BODY // 2**20} MB limit")
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > MAX_BODY:
            raise HTTPException(413, f"body is over the {MAX_BODY // 2**20} MB limit")
        chunks.append(chunk)
    try:
        record = json.loads(b"".join(chunks))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise InputError('the body is not JSON: send {"text": ...}, {"html": ...} or {"url": ...}') from None
    if not isinstance(record, dict):
        raise InputError('the body must be a JSON object: {"text": ...}, {"html": ...} or {"url": ...}')
    for k in ("text", "html", "url", "site", "title", "published", "id"):
        if record.get(k) is not None and not isinstance(record[k], str):
            raise InputError(f"'{k}' must be a string")
    if not any(record.get(k) for k in ("text", "html", "url")):
        raise InputError('give one of "text", "html" or "url"')
    return record


def _analyze(record: dict, allow_private: bool):
    """A record → Article: its text/html analysed (as a JSONL line is), or its URL fetched safely."""
    from ..sources import analyze_record

    if record.get("text") or record.get("html"):
        return analyze_record(record)
    return _fetch_page(record["url"], allow_private)


def _fetch_page(url: str, allow_private: bool):
    """One web page through the safe fetcher (a feed or sitemap is refused: ingest those from the shell)."""
    from ..fetch import sniff_kind
    from ..fetch.http import Fetcher
    from ..pipeline import analyze
    from ..read.encoding import decode

    with Fetcher(allow_private=allow_private, retries=0, timeout=10.0, max_bytes=MAX_BODY * 2) as fetcher:
        resp = fetcher.get(url)
    kind = sniff_kind(resp.content_type, resp.content)
    if kind != "page":
        raise InputError(f"{url}: a {kind}, not a page (use `marsad ingest URL` for feeds and sitemaps)")
    if resp.content_type and not any(t in resp.content_type for t in ("html", "xml", "text")):
        raise InputError(f"{url}: not a web page ({resp.content_type})")
    text, _ = decode(resp.content, declared=resp.charset)
    art = analyze(text, url=resp.url)
    art.source.fetched = resp.fetched
    return art
