"""Production's topology on one machine, from Debian packages: nginx with the shipped site (deploy/nginx/), several
gunicorn instances on their own ports, task-queue workers, one PostgreSQL database and Redis (deploy/redis.conf).

`make cluster` runs it in the foreground until Ctrl-C; the scale-out test (tests/cluster/) and `make bench`
(BENCH_CLUSTER=1) drive it from Python, killing and starting instances. Every run gets a database of its own
(created here, dropped at the end unless asked to keep it) and, unless given a CACHE_URL, a redis-server of its
own: nothing shared on the machine is touched.

Environment for `python -m deploy.cluster`: CLUSTER_PORT (the HTTPS port, default 8443; HTTP is the next one,
the instances the two after), CLUSTER_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/dkz_cluster_<pid>),
CLUSTER_CACHE_URL (default: a redis-server of its own on CLUSTER_PORT + 4), CLUSTER_WEB (instances, 2),
CLUSTER_WORKERS (task-queue workers, 2), GUNICORN_WORKERS (per instance, 2), CLUSTER_KEEP_DB=1, EMAIL_URL.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_FILE = ROOT / "deploy" / "nginx" / "dkz-site.conf"
UPSTREAM_FILE = ROOT / "deploy" / "nginx" / "dkz-upstream.conf"
REDIS_CONF = ROOT / "deploy" / "redis.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def _replace(text: str, old: str, new: str) -> str:
    """Replace what a deployment adapts; the shipped file must still contain it, or the test would drift."""
    if old not in text:
        raise ValueError(f"the shipped nginx file no longer contains {old!r}")
    return text.replace(old, new)


def render_nginx(
    folder: Path,
    *,
    upstreams: list[int],
    http_port: int,
    https_port: int,
    unlimited: tuple[str, ...] = (),
    served_by: bool = False,
    worker_processes: int = 1,
    down: tuple[int, ...] = (),
) -> Path:
    """nginx.conf for a foreground nginx in `folder`, including the shipped site and upstream files with only
    what a deployment adapts replaced: ports, certificate and log paths, server name, the instances' addresses.

    `unlimited`: addresses for the site's geo block (never limited by nginx: a load test from this machine).
    `served_by`: add an X-Served-By header naming the instance (tests only: it shows the balancing).
    `down`: instances marked `down` (drained before a restart: nginx sends them nothing new).
    Returns the path of nginx.conf; the certificate is expected in `folder`/tls/ (see `make_certificate`).
    """
    folder = Path(folder)
    site = SITE_FILE.read_text()
    for old, new in [
        ("/etc/ssl/dkz/", f"{folder}/tls/"),
        ("/var/log/nginx/", f"{folder}/"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:80;", ""),
        ("listen [::]:443 ssl http2;", ""),
        ("server_name digitalkazakhstan.org;", "server_name localhost 127.0.0.1;"),
    ]:
        site = _replace(site, old, new)
    if unlimited:
        site = _replace(
            site,
            "    default 0;\n",
            "    default 0;\n" + "".join(f"    {a} 1;\n" for a in unlimited),
        )
    if served_by:
        site = _replace(
            site,
            'preload" always;\n',
            'preload" always;\n    add_header X-Served-By $upstream_addr always;\n',
        )
    upstream = UPSTREAM_FILE.read_text()
    shipped = re.findall(r"^    server 127\.0\.0\.1:\d+ (.*);$", upstream, flags=re.M)
    if not shipped:
        raise ValueError("the shipped upstream file lists no instance on 127.0.0.1")
    upstream = re.sub(r"^    server 127\.0\.0\.1:\d+ .*;\n", "", upstream, flags=re.M)
    servers = "".join(
        f"    server 127.0.0.1:{port} {shipped[0]}{' down' if port in down else ''};\n"
        for port in upstreams
    )
    upstream = _replace(upstream, "upstream dkz_app {\n", "upstream dkz_app {\n" + servers)
    (folder / "dkz-site.conf").write_text(site)
    (folder / "dkz-upstream.conf").write_text(upstream)
    main = folder / "nginx.conf"
    main.write_text(
        f"""worker_processes {worker_processes};
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/dkz-upstream.conf;
    include {folder}/dkz-site.conf;
}}
"""
    )
    return main


def make_certificate(folder: Path) -> Path:
    """A self-signed certificate for localhost and 127.0.0.1 in `folder`/tls/ (a day, for this run only)."""
    tls = Path(folder) / "tls"
    tls.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        + ["-keyout", str(tls / "privkey.pem"), "-out", str(tls / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    return tls / "fullchain.pem"


def _database_admin(url: str) -> tuple[str, str]:
    name = url.rsplit("/", 1)[1].split("?")[0]
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise ValueError(f"unexpected database name {name!r}")
    return url.rsplit("/", 1)[0] + "/postgres", name


def create_database(url: str) -> None:
    import psycopg

    admin, name = _database_admin(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(url: str) -> None:
    import psycopg

    admin, name = _database_admin(url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Process:
    name: str
    command: list[str]
    environment: dict
    log_path: Path
    popen: subprocess.Popen | None = None

    def start(self) -> Process:
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child holds it; closed when stopped
        self.popen = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: gunicorn's master and workers die together
        )
        log.close()
        return self

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole process group, as a machine or container that dies: nothing finishes."""
        self._signal(signal.SIGKILL)

    def stop(self, *, seconds: float = 30) -> None:
        """SIGTERM (gunicorn and the workers finish what they are doing), then SIGKILL after `seconds`."""
        self._signal(signal.SIGTERM, wait=seconds)

    def _signal(self, number: int, wait: float = 10) -> None:
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, number)
        try:
            self.popen.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)
        self.popen = None

    def pids(self) -> list[int]:
        """The process and its children (gunicorn's workers), for CPU accounting."""
        if self.popen is None:
            return []
        found = [self.popen.pid]
        with contextlib.suppress(FileNotFoundError):
            children = Path(f"/proc/{self.popen.pid}/task/{self.popen.pid}/children").read_text()
            found += [int(pid) for pid in children.split()]
        return found


@dataclass
class Cluster:
    """nginx + `web` gunicorn instances + `workers` task-queue workers, one database, one Redis."""

    database_url: str
    https_port: int
    http_port: int
    web_ports: list[int]
    workers: int = 2
    web_workers: int = 2
    cache_url: str | None = None  # None: a redis-server of our own with deploy/redis.conf
    redis_port: int | None = None
    email_url: str = "consolemail://"
    environment: dict = field(default_factory=dict)
    unlimited: tuple[str, ...] = ()
    served_by: bool = False
    keep_database: bool = False
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="dkz-cluster-")))

    def __post_init__(self):
        self.web: list[Process] = []
        self.worker: list[Process] = []
        self.nginx: Process | None = None
        self.redis: Process | None = None
        self.secret_key = secrets.token_urlsafe(50)

    # -- what every Django process of the cluster shares: the settings of production, one database, one cache,
    # -- one folder for uploads and one for the private files (what a network share is across machines).

    @property
    def url(self) -> str:
        return f"https://localhost:{self.https_port}"

    def django_environment(self) -> dict:
        origins = [f"https://{h}:{self.https_port}" for h in ("localhost", "127.0.0.1")]
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))},
            "DJANGO_SETTINGS_MODULE": "dkz_site.settings.production",
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": ",".join(origins),
            "SITE_URL": self.url,
            "TRUSTED_PROXY_COUNT": "1",
            "FORWARDED_ALLOW_IPS": "127.0.0.1",
            "DATABASE_URL": self.database_url,
            "CACHE_URL": self.cache_url or "",
            "STATIC_ROOT": str(self.folder / "static"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "PRIVATE_FILES_ROOT": str(self.folder / "private"),
            "EMAIL_URL": self.email_url,
            "PYTHONUNBUFFERED": "1",
            **self.environment,
        }

    def manage(self, *args: str, timeout: float = 600) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.django_environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    # -- the parts

    def prepare(self, *, seed: bool = True, log=lambda message: None) -> None:
        """Certificate, Redis, a fresh database with the migrations (and the demo content), static files."""
        log("a self-signed certificate for localhost and 127.0.0.1")
        make_certificate(self.folder)
        if self.cache_url is None:
            port = self.redis_port or free_port()
            self.redis = Process(
                "redis",
                ["redis-server", str(REDIS_CONF), "--port", str(port), "--bind", "127.0.0.1"]
                + ["--save", "", "--appendonly", "no", "--dir", str(self.folder)],
                dict(os.environ),
                self.folder / "redis.log",
            ).start()
            wait_for_port(port)
            self.cache_url = f"redis://127.0.0.1:{port}/0"
        log(
            f"a new database, {self.database_url.rsplit('/', 1)[1]}: migrations, translations, static files"
        )
        create_database(self.database_url)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("compilemessages", "--ignore=.venv", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        if seed:
            log("the demo content (seed_demo)")
            self.manage("seed_demo")

    def start_web(self, index: int) -> Process:
        port = self.web_ports[index]
        environment = {
            **self.django_environment(),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(self.web_workers),
        }
        process = Process(
            f"web{index + 1}",
            [sys.executable, "-m", "gunicorn", "dkz_site.wsgi:application"]
            + ["--config", str(ROOT / "gunicorn.conf.py"), "--no-control-socket"],
            environment,
            self.folder / f"web{index + 1}.log",
        ).start()
        while len(self.web) <= index:
            self.web.append(process)
        self.web[index] = process
        self._wait_healthy(port, process)
        return process

    def _wait_healthy(self, port: int, process: Process, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not process.running:
                raise RuntimeError(
                    f"{process.name} exited:\n{process.log_path.read_text()[-3000:]}"
                )
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/healthz", headers={"Host": "localhost"}
            )
            with contextlib.suppress(OSError), urllib.request.urlopen(request, timeout=2) as answer:
                if answer.status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{process.name} is not healthy after {seconds} s")

    def start_worker(self, index: int) -> Process:
        process = Process(
            f"worker{index + 1}",
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--worker-id",
                f"cluster-worker-{index + 1}",
            ],
            self.django_environment(),
            self.folder / f"worker{index + 1}.log",
        ).start()
        while len(self.worker) <= index:
            self.worker.append(process)
        self.worker[index] = process
        return process

    def _render_nginx(self, upstreams: list[int] | None = None, down: tuple[int, ...] = ()) -> Path:
        return render_nginx(
            self.folder,
            upstreams=upstreams or self.web_ports,
            http_port=self.http_port,
            https_port=self.https_port,
            unlimited=self.unlimited,
            served_by=self.served_by,
            down=down,
        )

    def drain(self, *ports: int) -> None:
        """Mark the instances on `ports` down (none: every instance up again) and reload nginx, as the rolling
        restart in the README does: new requests go elsewhere, requests under way finish."""
        self._render_nginx(down=ports)
        os.kill(self.nginx.popen.pid, signal.SIGHUP)

    def start_nginx(self, upstreams: list[int] | None = None) -> Process:
        """nginx in front of the instances on `upstreams` (default: all of them)."""
        main = self._render_nginx(upstreams)
        self.nginx = Process(
            "nginx",
            ["nginx", "-c", str(main), "-p", str(self.folder), "-g", "daemon off;"],
            dict(os.environ),
            self.folder / "nginx.log",
        ).start()
        wait_for_port(self.https_port)
        return self.nginx

    def start(self, *, seed: bool = True, log=lambda message: None) -> Cluster:
        self.prepare(seed=seed, log=log)
        for index in range(len(self.web_ports)):
            log(f"gunicorn instance {index + 1} on port {self.web_ports[index]}")
            self.start_web(index)
        for index in range(self.workers):
            log(f"task-queue worker {index + 1}")
            self.start_worker(index)
        log("nginx")
        self.start_nginx()
        return self

    def stop(self) -> None:
        """Everything this cluster started, by its own process ids; then its database and folder."""
        for process in [self.nginx, *self.web, *self.worker]:
            if process is not None:
                process.stop()
        if self.redis is not None:
            self.redis.kill()
        if not self.keep_database:
            with contextlib.suppress(Exception):
                drop_database(self.database_url)

    def processes(self) -> list[Process]:
        return [p for p in [self.nginx, *self.web, *self.worker, self.redis] if p is not None]

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def from_environment(environ) -> Cluster:
    https_port = int(environ.get("CLUSTER_PORT", "8443"))
    web = int(environ.get("CLUSTER_WEB", "2"))
    return Cluster(
        database_url=environ.get(
            "CLUSTER_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/dkz_cluster_{os.getpid()}"
        ),
        https_port=https_port,
        http_port=https_port + 1,
        web_ports=[https_port + 2 + n for n in range(web)],
        redis_port=https_port + 2 + web,
        cache_url=environ.get("CLUSTER_CACHE_URL") or None,
        workers=int(environ.get("CLUSTER_WORKERS", "2")),
        web_workers=int(environ.get("GUNICORN_WORKERS", "2")),
        email_url=environ.get("EMAIL_URL", "consolemail://"),
        keep_database=environ.get("CLUSTER_KEEP_DB") == "1",
    )


def main(environ) -> int:
    cluster = from_environment(environ)
    if subprocess.run(["pg_isready", "-q", "-d", cluster.database_url]).returncode != 0:
        print(f"PostgreSQL does not answer at {cluster.database_url.rsplit('/', 1)[0]}", flush=True)
        return 2
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        print(f"starting in {cluster.folder}", flush=True)
        cluster.start(log=lambda message: print(f"  - {message}", flush=True))
        ports = ", ".join(str(port) for port in cluster.web_ports)
        print(
            f"\n  {cluster.url}/  (self-signed certificate: accept it in the browser)\n"
            f"  nginx on {cluster.https_port} (HTTPS) and {cluster.http_port} (HTTP, redirects),"
            f" gunicorn on {ports}, {cluster.workers} workers, Redis at {cluster.cache_url}\n"
            f"  logs in {cluster.folder}; Ctrl-C stops everything\n",
            flush=True,
        )
        while not stopping:
            for process in cluster.processes():
                if not process.running:
                    print(f"{process.name} stopped; see {process.log_path}", flush=True)
                    stopping.append(0)
                    break
            time.sleep(0.5)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print(
            "stopping (nginx, instances, workers, Redis; then the database is dropped)", flush=True
        )
        cluster.stop()
        shutil.rmtree(cluster.folder / "static", ignore_errors=True)
        print(f"logs kept in {cluster.folder}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(os.environ))
