"""Browser tests: Debian's headless Chromium, driven by Playwright, against the live server.

On a machine without /usr/bin/chromium the browser tests are skipped with a message;
with CI=true they fail instead, so CI can never pass without having run them.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the tests still read the
# database through the ORM synchronously, which Django allows only when told to.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests"
        if _in_ci():
            pytest.fail(message + " (CI=true, so this is a failure, not a skip)")
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def ingested(transactional_db):
    """The shipped articles, ingested by the real command.

    Function-scoped because ``live_server`` needs ``transactional_db``, which empties
    the tables after every test; the language model stays loaded between tests, so
    each ingest after the first takes well under a second.
    """
    call_command("ingest", str(Path(settings.BASE_DIR) / "articles"), verbosity=0)


@pytest.fixture
def console_errors(page):
    """Console errors and uncaught exceptions seen by the page, in order."""
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
