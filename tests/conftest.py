"""Fixtures shared by every app's tests. The database of the run is chosen by
nirvachan.testing.pytest_plugin (SQLite by default, PostgreSQL with NIRVACHAN_TEST_DB)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from nirvachan.core import dbguards
from tests.factories import Geo, make_geo


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Requests activate the user's language in the thread; start every test in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def geo(db: Any) -> Geo:
    """A small tree: BD → Dhaka division → Gopalganj (Kotalipara, Gopalganj Sadar) and
    Kishoreganj (Kuliarchar); IN → Uttar Pradesh; with an office in each district."""
    return make_geo()


@pytest.fixture
def tx_db(transactional_db: Any) -> Iterator[None]:
    """A transactional database whose append-only audit triggers are lifted for the flush
    between tests (and put back for the test itself)."""
    dbguards.install(connection)
    yield
    dbguards.remove(connection)


@pytest.fixture
def tx_geo(tx_db: None) -> Geo:
    return make_geo()


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("NIRVACHAN_REQUIRE_BROWSER") == "1":
            pytest.fail("NIRVACHAN_REQUIRE_BROWSER=1 but no chromium is installed")
        pytest.skip("browser tests need Debian's chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("NIRVACHAN_REQUIRE_BROWSER") == "1":
            pytest.fail("NIRVACHAN_REQUIRE_BROWSER=1 but playwright is not installed")
        pytest.skip("browser tests need the playwright package")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=path,
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()
