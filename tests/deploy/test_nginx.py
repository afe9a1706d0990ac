"""The shipped nginx site (deploy/nginx/dkz-site.conf): valid for `nginx -t`, and in front of gunicorn it keeps the
site answering while slow clients hold connections open (slowloris), with nothing secret in its access log.

The file is used as shipped; only what a deployment adapts is replaced: ports, the certificate, the log's path, the
upstream address.
"""

import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from deploy.cluster import UPSTREAM_FILE, make_certificate, render_nginx
from tests.services import free_port, site_server, wait_for_port

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="apt-get install nginx")


def _configure(folder: Path, *, app_port: int) -> tuple[Path, int, int]:
    make_certificate(folder)
    http_port, https_port = free_port(), free_port()
    main = render_nginx(folder, upstreams=[app_port], http_port=http_port, https_port=https_port)
    return main, http_port, https_port


def _nginx_t(main: Path, folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["nginx", "-t", "-c", str(main), "-p", str(folder)], capture_output=True, text=True
    )


def test_the_site_file_passes_nginx_t(tmp_path):
    make_certificate(tmp_path)
    main = render_nginx(
        tmp_path, upstreams=[8001, 8002], http_port=free_port(), https_port=free_port()
    )
    result = _nginx_t(main, tmp_path)
    assert result.returncode == 0, result.stderr
    # The shipped upstream's options on every instance: passive health checks.
    upstream = (tmp_path / "dkz-upstream.conf").read_text()
    assert upstream.count("\n    server 127.0.0.1:800") == 2
    assert upstream.count("\n    server 127.0.0.1:8001 max_fails=2 fail_timeout=10s;") == 1


def test_the_compose_upstream_passes_nginx_t(tmp_path):
    """deploy/compose.yaml puts the same site in front of web1 and web2 (names only the compose network knows:
    here they stand for loopback)."""
    make_certificate(tmp_path)
    main = render_nginx(tmp_path, upstreams=[8001], http_port=free_port(), https_port=free_port())
    compose_upstream = (UPSTREAM_FILE.parent / "dkz-upstream-compose.conf").read_text()
    assert "server web1:8000" in compose_upstream and "server web2:8000" in compose_upstream
    (tmp_path / "dkz-upstream.conf").write_text(
        compose_upstream.replace("web1:8000", "127.0.0.1:8001").replace(
            "web2:8000", "127.0.0.1:8002"
        )
    )
    result = _nginx_t(main, tmp_path)
    assert result.returncode == 0, result.stderr


def _get(
    port: int,
    path: str,
    *,
    tls: bool = False,
    headers: str = "",
    version: ssl.TLSVersion | None = None,
) -> bytes:
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        if version is not None:
            # Security level 0: the client offers even old protocols, so a refusal is the server's.
            context.set_ciphers("DEFAULT:@SECLEVEL=0")
            context.minimum_version = context.maximum_version = version
        raw = context.wrap_socket(raw)
    with raw:
        raw.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n".encode()
        )
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    return answer


def _header_lines(answer: bytes, name: str) -> list[str]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
    return [line for line in head.split("\r\n") if line.startswith(name.lower() + ":")]


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated:DeprecationWarning")
def test_behind_nginx_slow_clients_do_not_take_the_site_away(tmp_path):
    token = "eyJlIjoxLCJrIjoiYWJjIn0:1vQx2a:Zt4l3s0mJ1yq8pXcF2Q9bN6wK0dE5rT7uV3hG8iA1sY"
    with site_server(
        GUNICORN_WORKERS="1",
        TRUSTED_PROXY_COUNT="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    ) as app:
        main, http_port, https_port = _configure(tmp_path, app_port=app.port)
        nginx = subprocess.Popen(
            ["nginx", "-c", str(main), "-p", str(tmp_path), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        )
        slow = []
        try:
            wait_for_port(https_port)
            # Four clients that send half a request and then nothing: the one gunicorn worker never sees them.
            for _ in range(4):
                client = socket.create_connection(("127.0.0.1", http_port), timeout=10)
                client.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                slow.append(client)
            time.sleep(0.5)

            assert _get(http_port, "/healthz").startswith(b"HTTP/1.1 200")
            assert _get(https_port, "/healthz", tls=True).startswith(b"HTTP/1.1 200")
            assert _get(https_port, f"/en/contact/1/answer/{token}/?email=a%40b.kz", tls=True)

            # TLS 1.2 and 1.3 only; HSTS once (nginx's, on every answer); no uploads from disk. (Compression of
            # pages: tests/cluster, which has a database to render them.)
            assert _get(https_port, "/healthz", tls=True, version=ssl.TLSVersion.TLSv1_2)
            with pytest.raises(ssl.SSLError, match="ALERT|VERSION"):
                _get(https_port, "/healthz", tls=True, version=ssl.TLSVersion.TLSv1_1)
            page = _get(https_port, "/healthz", tls=True)
            assert _header_lines(page, "strict-transport-security") == [
                "strict-transport-security: max-age=31536000; includesubdomains; preload"
            ]
            media = _get(https_port, "/media/equipment/anything.jpg", tls=True)
            assert media.startswith(b"HTTP/1.1 404")
            assert _header_lines(media, "strict-transport-security")
        finally:
            for client in slow:
                client.close()
            nginx.terminate()
            nginx.wait(timeout=10)
        log = (tmp_path / "dkz-access.log").read_text()
    assert "/healthz" in log
    assert "/en/contact/1/answer/[token]/" in log
    assert token not in log and "a%40b.kz" not in log and "email" not in log
