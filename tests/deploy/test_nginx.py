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

from tests.services import free_port, site_server, wait_for_port

SITE_FILE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "dkz-site.conf"

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None, reason="apt-get install nginx")


def _configure(folder: Path, *, app_port: int) -> tuple[Path, int, int]:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(folder / "privkey.pem")]
        + ["-out", str(folder / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    http_port, https_port = free_port(), free_port()
    site = (
        SITE_FILE.read_text()
        .replace("/etc/ssl/dkz/", f"{folder}/")
        .replace("/var/log/nginx/", f"{folder}/")
        .replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        .replace("listen [::]:80;", "")
        .replace("listen [::]:443 ssl http2;", "")
        .replace("server_name digitalkazakhstan.org;", "server_name 127.0.0.1;")
    )
    (folder / "dkz-site.conf").write_text(site)
    main = folder / "nginx.conf"
    main.write_text(
        f"""
        worker_processes 1;
        pid {folder}/nginx.pid;
        error_log {folder}/error.log warn;
        events {{ worker_connections 256; }}
        http {{
            client_body_temp_path {folder}/body;
            proxy_temp_path {folder}/proxy;
            fastcgi_temp_path {folder}/fastcgi;
            uwsgi_temp_path {folder}/uwsgi;
            scgi_temp_path {folder}/scgi;
            include {folder}/dkz-site.conf;
        }}
        """
    )
    return main, http_port, https_port


def test_the_site_file_passes_nginx_t(tmp_path):
    main, _, _ = _configure(tmp_path, app_port=8000)
    result = subprocess.run(
        ["nginx", "-t", "-c", str(main), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def _get(port: int, path: str, *, tls: bool = False) -> bytes:
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        raw = context.wrap_socket(raw)
    with raw:
        raw.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    return answer


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
        finally:
            for client in slow:
                client.close()
            nginx.terminate()
            nginx.wait(timeout=10)
        log = (tmp_path / "dkz-access.log").read_text()
    assert "/healthz" in log
    assert "/en/contact/1/answer/[token]/" in log
    assert token not in log and "a%40b.kz" not in log and "email" not in log
