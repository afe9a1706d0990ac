"""Private Redis and PostgreSQL servers for fault tests: started on a free port, stopped, frozen or filled by the test.

Never the machine's shared servers: each one here is started by the test, runs in a temporary folder and is
stopped by its pid when the test ends.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


class PrivateRedis:
    """A redis-server of our own (no persistence), which the test can stop, freeze and fill."""

    def __init__(self):
        if shutil.which("redis-server") is None:
            pytest.skip("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.frozen = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        if self.frozen:
            self.thaw()
        self.process.kill()
        self.process.wait(timeout=10)
        self.process = None

    def freeze(self) -> None:
        """SIGSTOP: the port still accepts connections, but nothing is ever answered."""
        os.kill(self.process.pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)
        self.frozen = False

    def cli(self, *args: str) -> str:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return result.stdout.strip()

    def used_memory(self) -> int:
        info = self.cli("info", "memory")
        return next(
            int(line.split(":")[1]) for line in info.splitlines() if line.startswith("used_memory:")
        )

    def fill(self) -> None:
        """Full: more in it than `maxmemory` allows, with `noeviction`: every write is refused (OOM), reads work."""
        for number in range(64):
            self.cli("set", f"filler:{number}", "x" * 16 * 1024)
        self.cli("config", "set", "maxmemory-policy", "noeviction")
        self.cli("config", "set", "maxmemory", str(self.used_memory() // 2))
        if (
            "OOM"
            not in subprocess.run(
                ["redis-cli", "-p", str(self.port), "set", "one-more", "x"],
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout
        ):
            raise RuntimeError("Redis still accepts writes")


@contextlib.contextmanager
def private_redis():
    server = PrivateRedis().start()
    try:
        yield server
    finally:
        server.stop()


def _postgres_bindir() -> str | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if candidates:
        return os.path.dirname(candidates[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


class PrivatePostgres:
    """A PostgreSQL cluster of our own in a temporary folder (trust authentication, user postgres)."""

    def __init__(self):
        self.bindir = _postgres_bindir()
        if self.bindir is None:
            pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="dkz-pg-")
        self.data = os.path.join(self.folder, "data")
        self.as_postgres = os.geteuid() == 0  # initdb refuses to run as root
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        command = [os.path.join(self.bindir, tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> PrivatePostgres:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", self.data, "-o", options, "-l", f"{self.folder}/log", "-w", "start"
        )
        return self

    def stop(self) -> None:
        self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def private_postgres():
    server = PrivatePostgres().start()
    try:
        yield server
    finally:
        server.remove()


class SiteServer:
    """The site under gunicorn with the production settings and `gunicorn.conf.py`, as it is deployed.

    Everything the server writes (access log, error log, Django's logging) goes to one file: `log()` reads it.
    """

    def __init__(self, **environment: str):
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="dkz-site-")
        self.log_path = os.path.join(self.folder, "server.log")
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dkz_site.settings.production",
            "SECRET_KEY": "site-server-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": "1",
            "STATIC_ROOT": os.path.join(self.folder, "static"),
            "PYTHONUNBUFFERED": "1",
            **environment,
        }
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "dkz_site.wsgi:application",
            "--config",
            os.path.join(root, "gunicorn.conf.py"),
            "--no-control-socket",
        ]
        self.root = root
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SiteServer:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            self.command,
            cwd=self.root,
            env=self.environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(self.port, seconds=60)
        except RuntimeError:
            self.stop()
            raise RuntimeError(f"the site did not start:\n{self.log()}") from None
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self.process = None
            self._log.close()

    def log(self) -> str:
        with open(self.log_path, encoding="utf-8", errors="replace") as file:
            return file.read()

    def get(self, path: str, **headers: str) -> tuple[int, dict, bytes]:
        """One request without following redirects: (status, headers, body)."""
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()


@contextlib.contextmanager
def site_server(**environment: str):
    server = SiteServer(**environment).start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
