"""The rest of deploy/: the systemd units (`systemd-analyze verify`), compose.yaml (`docker compose config` where
docker has compose, else the files it mounts), and the environment file (production settings start with it and
pass `check --deploy`).

The units are checked as shipped with only the install paths pointed at this checkout (/srv/dkz/app, its venv and
/etc/dkz/dkz.env), since verify insists that ExecStart's program exists.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def test_units_are_the_web_instances_and_the_workers_only():
    assert [unit.name for unit in UNITS] == ["dkz-web@.service", "dkz-worker@.service"]
    assert not list(DEPLOY.rglob("*.timer")), "no cron: the workers keep the schedule"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd is not installed")
def test_units_pass_systemd_analyze_verify(tmp_path):
    for unit in UNITS:
        text = unit.read_text()
        for old, new in [
            ("/srv/dkz/app/.venv/bin/", f"{Path(sys.executable).parent}/"),
            ("/srv/dkz/app", str(ROOT)),
            ("/etc/dkz/dkz.env", str(DEPLOY / "dkz.env.example")),
        ]:
            assert old in text, f"{unit.name} no longer names {old}"
            text = text.replace(old, new)
        (tmp_path / unit.name).write_text(text)
    instances = [str(tmp_path / "dkz-web@8001.service"), str(tmp_path / "dkz-worker@1.service")]
    for instance, template in zip(instances, UNITS, strict=True):
        Path(instance).symlink_to(tmp_path / template.name)
    result = subprocess.run(
        ["systemd-analyze", "verify", *instances], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    # Unknown or misspelt settings are only warnings for systemd: none allowed.
    assert not result.stderr.strip(), result.stderr


def _docker_compose() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
    return probe.returncode == 0


COMPOSE_ENV = {
    "SECRET_KEY": "compose-config-check-0123456789-abcdefghijklmnopqrstuvwxyz",
    "POSTGRES_PASSWORD": "check",
    "EMAIL_URL": "smtp://mail.example.kz:25",
}


@pytest.mark.skipif(not _docker_compose(), reason="docker with the compose plugin is not installed")
def test_compose_file_passes_docker_compose_config():
    result = subprocess.run(
        ["docker", "compose", "-f", str(DEPLOY / "compose.yaml"), "config", "--services"],
        capture_output=True,
        text=True,
        env={**os.environ, **COMPOSE_ENV},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == {
        "nginx",
        "web1",
        "web2",
        "worker1",
        "worker2",
        "migrate",
        "postgres",
        "redis",
    }


def test_compose_mounts_the_shipped_files():
    """Without docker: every file compose.yaml mounts from deploy/ exists, and Redis runs with its cap."""
    compose = (DEPLOY / "compose.yaml").read_text()
    mounted = re.findall(r"- \./([\w./-]+):", compose)
    assert {"nginx/dkz-site.conf", "nginx/dkz-upstream-compose.conf", "redis.conf"} <= set(mounted)
    for path in mounted:
        if path != "tls":  # the operator's certificate
            assert (DEPLOY / path).is_file(), path
    redis = (DEPLOY / "redis.conf").read_text()
    assert re.search(r"^maxmemory \d+mb$", redis, flags=re.M)
    assert re.search(r"^maxmemory-policy allkeys-lru$", redis, flags=re.M)


def test_production_settings_start_with_the_environment_file(tmp_path):
    # Only what an operator's machine has: none of the test run's own Django variables (pytest-playwright sets
    # DJANGO_ALLOW_ASYNC_UNSAFE, which `check --deploy` rightly refuses).
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    for line in (DEPLOY / "dkz.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("=", 1)
            environment[name] = value
    # Nothing here answers at those addresses: the check needs neither a database nor the cache.
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    environment["STATIC_ROOT"] = str(tmp_path / "static")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
