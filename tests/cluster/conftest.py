"""The scale-out test starts the whole topology (about a minute and a half on two cores): `make cluster-test` runs
it; a plain `pytest` skips it."""

import os
import shutil

import pytest


def pytest_collection_modifyitems(config, items):
    reason = None
    if os.environ.get("CLUSTER_TEST") != "1":
        reason = "the scale-out test runs with `make cluster-test` (CLUSTER_TEST=1)"
    else:
        missing = [tool for tool in ("nginx", "redis-server", "openssl") if not shutil.which(tool)]
        if missing:
            reason = f"not installed: {', '.join(missing)}"
    if reason is None:
        return
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.skip(reason=reason))
