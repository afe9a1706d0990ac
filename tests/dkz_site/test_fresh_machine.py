"""`make test`, `make run` and `make bench` on a fresh machine: what is missing is installed (as root) or named in one
sentence, before anything else runs."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "need-packages.sh"


def run_as_a_user(*args: str) -> subprocess.CompletedProcess:
    command = ["bash", str(SCRIPT), *args]
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("needs runuser to try as an ordinary user")
        command = ["runuser", "-u", "nobody", "--", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_a_missing_package_stops_at_once_with_one_sentence():
    result = run_as_a_user("bench", "no-such-wrk-command:wrk", "sh:dash")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "make bench needs the Debian packages wrk: run 'sudo apt-get install wrk' and try again."
    ]


def test_nothing_to_do_when_everything_is_there():
    result = run_as_a_user("test", "sh:dash", "/bin/sh:dash")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("target", "package"),
    [("test", "chromium"), ("test", "gettext"), ("run", "gettext"), ("bench", "wrk")],
)
def test_each_target_checks_its_packages_first(target, package):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")
    }
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", target],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.splitlines()
    assert dry_run[0].startswith(f"bash scripts/need-packages.sh {target} ")
    assert f":{package}" in dry_run[0]
