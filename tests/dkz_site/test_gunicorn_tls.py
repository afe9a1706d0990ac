"""gunicorn's own TLS (for the private network behind the proxy): TLS 1.2 or newer, Mozilla's intermediate suites
only. A real gunicorn with a throw-away certificate, and a client offering one suite at a time."""

import shutil
import socket
import ssl
import subprocess

import pytest

from tests.services import site_server

CBC = ["ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384", "AES128-SHA", "AES256-GCM-SHA384"]
INTERMEDIATE = ["ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-CHACHA20-POLY1305"]


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    with site_server(
        GUNICORN_CERTFILE=str(cert),
        GUNICORN_KEYFILE=str(key),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
    ) as site:
        yield site


def handshake(site, *, cipher=None, version=ssl.TLSVersion.TLSv1_2) -> str | None:
    """The suite agreed on, or None when the server refused the handshake."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    context.maximum_version = version
    if cipher:
        context.set_ciphers(f"{cipher}:@SECLEVEL=0")
    try:
        with (
            socket.create_connection(("127.0.0.1", site.port), timeout=10) as raw,
            context.wrap_socket(raw) as tls,
        ):
            return tls.cipher()[0]
    except (ssl.SSLError, ConnectionResetError):
        return None


@pytest.mark.parametrize("cipher", INTERMEDIATE)
def test_intermediate_suites_are_offered(tls_site, cipher):
    assert handshake(tls_site, cipher=cipher) == cipher


@pytest.mark.parametrize("cipher", CBC)
def test_cbc_and_non_forward_secret_suites_are_refused(tls_site, cipher):
    assert handshake(tls_site, cipher=cipher) is None


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated:DeprecationWarning")
def test_tls_1_1_is_refused_and_1_3_works(tls_site):
    assert handshake(tls_site, version=ssl.TLSVersion.TLSv1_1) is None
    assert handshake(tls_site, version=ssl.TLSVersion.TLSv1_3) is not None
