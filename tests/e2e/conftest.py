"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Playwright's own browser download cannot work on these machines, so the launch points at /usr/bin/chromium.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The live server runs in a thread; Django's async-unsafe guard would trip over Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def site_url(live_server):
    return live_server.url


@pytest.fixture
def foreign_requests(page, site_url):
    """Every request the page makes to a host other than the live server."""
    seen = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith((site_url, "data:")) else seen.append(request.url)
        ),
    )
    return seen


_axe = Axe()


@pytest.fixture
def assert_accessible():
    """axe-core on the page as it is now: 0 violations."""

    def check(page):
        results = _axe.run(page)
        violations = results.response["violations"]
        assert violations == [], results.generate_report()

    return check
