"""A throwaway PostgreSQL server for the tests and the benchmark: initdb into a temporary folder,
pg_ctl start on a free port, stop and delete at the end.  Nothing already running is used.

The superuser ``marsad`` has a random password for TCP (127.0.0.1, scram-sha-256, so a wrong
password is refused as on a real server) and trust on the Unix socket in the same folder.
PostgreSQL refuses to run as root: under root the server runs as the ``postgres`` system user
(made by the Debian package), which then owns the folder.  Durability is off (fsync): the data
is thrown away anyway.
"""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "marsad"


def find_bin() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: $MARSAD_PG_BIN, Debian's, or on the PATH."""
    candidates = [os.environ.get("MARSAD_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    candidates += [os.path.dirname(shutil.which(x) or "") for x in ("pg_ctl", "initdb")]
    for c in candidates:
        if c and all(os.access(os.path.join(c, x), os.X_OK) for x in ("initdb", "pg_ctl", "postgres")):
            return Path(c)
    return None


def unavailable() -> str | None:
    """Why a server cannot be started here, or None."""
    if find_bin() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: apt-get install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """``with PgServer() as pg: pg.url("dbname")`` — a private server for as long as the block runs."""

    def __init__(self):
        self.bin = find_bin()
        self.password = secrets.token_hex(12)
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
        self.data = self.dir / "data"
        self._as = {}
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self._as = {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}

    def _run(self, *args: str) -> None:
        proc = subprocess.run([str(self.bin / args[0]), *args[1:]], cwd=self.dir, capture_output=True, text=True,
                              timeout=120, **self._as)
        if proc.returncode:
            log = self.dir / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed ({proc.returncode}): {proc.stderr.strip()} {tail}")

    def start(self) -> "PgServer":
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password + "\n")
        if self._as:
            os.chown(pwfile, self._as["user"], self._as["group"])
        self._run("initdb", "-D", str(self.data), "-U", USER, "--pwfile", str(pwfile), "-E", "UTF8",
                  "--no-locale", "--auth-local", "trust", "--auth-host", "scram-sha-256", "--no-sync")
        pwfile.unlink()
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "server.log"), "-w", "-t", "60",
                  "start")
        return self

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, dbname: str = "postgres", password: str | None = None) -> str:
        """Over TCP with the password (or another one, to be refused)."""
        return f"postgresql://{USER}:{password or self.password}@127.0.0.1:{self.port}/{dbname}"

    def socket_url(self, dbname: str = "postgres") -> str:
        """Over the Unix socket, no password in it (safe to print)."""
        return f"postgresql://{USER}@/{dbname}?host={self.dir}&port={self.port}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of TEMPLATE when given); returns its socket URL."""
        import psycopg
        from psycopg import sql

        q = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            q += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with psycopg.connect(self.socket_url(), autocommit=True) as conn:
            conn.execute(q)
        return self.socket_url(name)

    def size(self, dbname: str) -> int:
        """The database's size on disk in bytes."""
        import psycopg

        with psycopg.connect(self.socket_url(dbname), autocommit=True) as conn:
            return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]

    def __enter__(self) -> "PgServer":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()
