"""A polite and safe HTTP fetcher for news pages, feeds and sitemaps.

Polite: a user agent that says who we are, robots.txt obeyed, one request per host every
``delay`` seconds, retries with exponential backoff on timeouts and 429/5xx.  Safe: every hop of
a redirect chain is checked again (scheme, robots, address), private/loopback/link-local
addresses are refused after DNS resolution unless ``allow_private`` and the request then goes to
the address that was checked (a second DNS answer cannot swap in a private one), bodies are
streamed and cut off at ``max_bytes`` (after decompression, so a gzip bomb is caught too).
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from ..errors import InputError
from ..read.encoding import MAX_BYTES

USER_AGENT = f"Marsad/{__version__} (Arabic news observatory; +https://github.com/marsad-project/marsad)"
RETRY_STATUS = {429, 502, 503, 504}
MAX_RETRY_AFTER = 60.0


@dataclass
class Response:
    url: str  # the final URL, after redirects
    status: int
    content_type: str
    charset: str | None
    content: bytes
    fetched: str  # when we got it, ISO 8601 UTC


def _blocked_address(ip: str) -> bool:
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
        addr = addr.ipv4_mapped
    return (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast
            or addr.is_reserved or addr.is_unspecified)


class Fetcher:
    """One fetcher per run: it keeps the connection pool, robots.txt rules and per-host clocks."""

    def __init__(self, allow_private: bool = False, allow_hosts: Iterable[str] = (), timeout: float = 15.0, max_bytes: int = MAX_BYTES,
                 max_redirects: int = 5, retries: int = 2, backoff: float = 0.5, delay: float = 1.0,
                 robots: bool = True, user_agent: str = USER_AGENT):
        self.allow_private = allow_private
        self.allow_hosts = {h.lower() for h in allow_hosts}  # hosts trusted even on a private address
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff = backoff
        self.delay = delay
        self.robots = robots
        self.user_agent = user_agent
        self._client = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False,
                                    headers={"User-Agent": user_agent, "Accept-Encoding": _accept_encoding(),
                                             "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                                             "Accept-Language": "ar,en;q=0.5"})
        self._robots: dict[str, RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- checks -------------------------------------------------------------------------------
    def check_url(self, url: str) -> str | None:
        """Refuse what we must not fetch: other schemes, and private addresses unless allowed.

        Returns the checked address to connect to (None when addresses are not checked), so that
        a second DNS answer cannot swap in a private address between the check and the request.
        """
        p = urlparse(url)
        if p.scheme not in ("http", "https") or not p.hostname:
            raise InputError(f"{url}: only http and https URLs can be fetched")
        if self.allow_private or p.hostname.lower() in self.allow_hosts:
            return None
        try:
            infos = socket.getaddrinfo(p.hostname, p.port or (443 if p.scheme == "https" else 80), type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, ValueError):
            raise InputError(f"{url}: cannot resolve host {p.hostname}") from None
        addrs = [info[4][0] for info in infos]
        for ip in addrs:
            if _blocked_address(ip):
                raise InputError(f"{url}: refusing to fetch a private or local address ({ip}); "
                                 "use --allow-private to allow it")
        return next((ip for ip in addrs if ":" not in ip), addrs[0]) if addrs else None

    def allowed_by_robots(self, url: str) -> bool:
        if not self.robots:
            return True
        p = urlparse(url)
        origin = f"{p.scheme}://{p.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """robots.txt of a host; a missing or unreadable one allows everything."""
        try:
            r = self._get(origin + "/robots.txt", max_bytes=512 * 1024, check_robots=False, retries=0)
        except InputError:
            return None
        if r.status != 200:
            return None
        rp = RobotFileParser()
        rp.parse(r.content.decode("utf-8", "replace").splitlines())
        return rp

    # -- fetching -----------------------------------------------------------------------------
    def get(self, url: str) -> Response:
        """GET ``url`` following redirects by hand; raise InputError with one line on failure."""
        return self._get(url, max_bytes=self.max_bytes, check_robots=True, retries=self.retries)

    def _get(self, url: str, max_bytes: int, check_robots: bool, retries: int) -> Response:
        seen = [url]
        current = url
        for _ in range(self.max_redirects + 1):
            pinned = self.check_url(current)
            if check_robots and not self.allowed_by_robots(current):
                raise InputError(f"{current}: disallowed by the site's robots.txt")
            status, headers, body = self._request(current, max_bytes, retries, pinned)
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                nxt = urljoin(current, headers["location"])
                if nxt in seen:
                    raise InputError(f"{url}: redirect loop ({current} → {nxt})")
                seen.append(nxt)
                current = nxt
                continue
            if status >= 400:
                reason = _REASONS.get(status, "")
                raise InputError(f"{current}: HTTP {status}{' ' + reason if reason else ''}")
            ctype = headers.get("content-type", "")
            charset = None
            for part in ctype.split(";")[1:]:
                k, _, v = part.strip().partition("=")
                if k.lower() == "charset" and v:
                    charset = v.strip("\"' ").lower()
            return Response(url=current, status=status, content_type=ctype.split(";")[0].strip().lower(),
                            charset=charset, content=body, fetched=_now())
        raise InputError(f"{url}: too many redirects (more than {self.max_redirects})")

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
            now = time.monotonic()
            if last is not None and now - last < self.delay:
                time.sleep(self.delay - (now - last))
            self._last[host] = time.monotonic()

    def _request(self, url: str, max_bytes: int, retries: int,
                 pinned: str | None = None) -> tuple[int, httpx.Headers, bytes]:
        host = urlparse(url).netloc
        target, headers, extensions = _pin(url, pinned) if pinned else (url, None, None)
        for attempt in range(retries + 1):
            self._wait_turn(host)
            try:
                with self._client.stream("GET", target, headers=headers, extensions=extensions) as r:
                    if r.status_code in RETRY_STATUS and attempt < retries:
                        time.sleep(_retry_after(r.headers.get("retry-after"), self.backoff * 2 ** attempt))
                        continue
                    size = r.headers.get("content-length")
                    if size and size.isdigit() and int(size) > max_bytes:
                        raise InputError(f"{url}: page is {int(size) / 2**20:.1f} MB, over the {_mb(max_bytes)} limit (--max-bytes)")
                    chunks, total = [], 0
                    if r.status_code < 300 or r.status_code >= 400:
                        for chunk in r.iter_bytes():
                            total += len(chunk)
                            if total > max_bytes:
                                raise InputError(f"{url}: page is over the {_mb(max_bytes)} limit (--max-bytes)")
                            chunks.append(chunk)
                    return r.status_code, r.headers, b"".join(chunks)
            except httpx.TimeoutException:
                if attempt < retries:
                    time.sleep(self.backoff * 2 ** attempt)
                    continue
                raise InputError(f"{url}: timed out") from None
            except (httpx.DecodingError, httpx.TooManyRedirects) as e:
                raise InputError(f"{url}: bad response ({type(e).__name__})") from None
            except httpx.TransportError as e:
                if attempt < retries:
                    time.sleep(self.backoff * 2 ** attempt)
                    continue
                raise InputError(f"{url}: cannot connect ({type(e).__name__})") from None
        raise InputError(f"{url}: still failing after {retries + 1} tries")


def _pin(url: str, ip: str) -> tuple[str, dict, dict]:
    """The request for ``url`` sent to the address ``ip``: Host header and TLS name kept."""
    p = urlparse(url)
    netloc = (f"[{ip}]" if ":" in ip else ip) + (f":{p.port}" if p.port else "")
    host = p.hostname + (f":{p.port}" if p.port else "")
    if p.scheme != "https":
        return p._replace(netloc=netloc).geturl(), {"Host": host}, {}
    # The pool knows connections by address only: a TLS connection made under one site's name
    # must not be reused for another site on the same address (a CDN), so it is closed.
    return p._replace(netloc=netloc).geturl(), {"Host": host, "Connection": "close"}, {"sni_hostname": p.hostname}


def _accept_encoding() -> str:
    """Ask for brotli only when httpx can decode it (the ``brotli`` package is installed)."""
    from importlib.util import find_spec

    return "gzip, deflate, br" if find_spec("brotli") or find_spec("brotlicffi") else "gzip, deflate"


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait before a retry: the server's Retry-After (in seconds, at most a minute) or ours."""
    if value and value.strip().isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    return default


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n // 1024} KB"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


_REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 410: "Gone",
            429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}
