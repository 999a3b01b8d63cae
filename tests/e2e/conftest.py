"""Browser tests: Playwright driving Debian's Chromium against the live test server."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from governance.content_loader import load_site
from governance.editorial import ensure_editorial_setup
from tests.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make between browser steps are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, migration_data):
    """The live server with the site's real content."""
    ensure_editorial_setup()
    load_site()
    return live_server.url


@pytest.fixture
def new_page(browser):
    contexts = []

    def make():
        context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        for open_page in context.pages:
            # Let requests the server is still answering finish before the database is flushed.
            try:
                open_page.wait_for_load_state("networkidle", timeout=5_000)
            except PlaywrightError:
                pass
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


# Finite CSS animations and transitions (Wagtail's messages fade in) end before axe looks,
# or it measures the contrast of a half-transparent frame; never wait more than 2 s.
SETTLE = """() => Promise.race([
    Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null))),
    new Promise(resolve => setTimeout(resolve, 2000)),
])"""


def assert_accessible(page):
    """axe finds no WCAG 2.1 A/AA violation on the page as it is now."""
    page.evaluate(SETTLE)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def submit_login(page, username, password=None):
    """Fill in and send the login form the page shows."""
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password or PASSWORD)
    page.locator("button[type=submit]").click()


def log_in(page, site, username):
    """Open the login page, check it with axe, and log in."""
    page.goto(site + "/admin/login/")
    assert_accessible(page)
    submit_login(page, username)
