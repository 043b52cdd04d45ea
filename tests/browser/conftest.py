"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live server.

Without Chromium these tests skip and say why; with PLENARY_REQUIRE_BROWSER=1 (CI) a missing
browser is a failure, so CI can never pass without them.
"""

import io
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from campaigns.models import Campaign
from demo.loader import load_demo
from directory.models import User
from tests import factories

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    return os.environ.get("PLENARY_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium():
    path = _chromium_path()
    if path is None:
        reason = "no Chromium found (apt-get install chromium, or set PLENARY_CHROMIUM)"
        if os.environ.get("PLENARY_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests are required here but {reason}")
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; Django's ORM then refuses to run
    # unless told that this test process is not really asynchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# Reports every Content-Security-Policy violation of every document the page loads, back to Python:
# the console does not always name them (an inline style attribute refused is silent in some
# versions), the `securitypolicyviolation` event always does.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.plenaryCspViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} on ${event.documentURI}` +
      (event.sample ? `: ${event.sample}` : "")
  );
});
"""


class PageWatch:
    """What a page did that a person would not see: requests leaving this machine, errors, and
    what the Content-Security-Policy refused."""

    def __init__(self, page):
        self.outside_requests: list[str] = []
        self.console_errors: list[str] = []
        self.csp_violations: list[str] = []
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        page.expose_function("plenaryCspViolation", lambda text: self.csp_violations.append(text))
        page.add_init_script(REPORT_CSP_VIOLATIONS)

    def _on_request(self, request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost", "::1"):
            return
        self.outside_requests.append(request.url)

    def _on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp_violations.append(message.text)
        if message.type == "error":
            self.console_errors.append(message.text)


@pytest.fixture
def open_page(chromium, live_server):
    """Pages on the live server, in contexts of their own (a phone's screen, say), watched; at the
    end of the test, any request that left this machine (Plenary runs without internet: nothing
    may come from a CDN) or any Content-Security-Policy violation, on any of them, fails it."""
    pages = []

    def open_page(**context_options):
        page = chromium.new_context(base_url=live_server.url, **context_options).new_page()
        page.watch = PageWatch(page)
        pages.append(page)
        return page

    yield open_page
    outside = [url for page in pages for url in page.watch.outside_requests]
    violations = [violation for page in pages for violation in page.watch.csp_violations]
    for page in pages:
        page.context.close()
    if outside:
        pytest.fail("Requests that left this machine:\n" + "\n".join(outside), pytrace=False)
    if violations:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(violations), pytrace=False)


@pytest.fixture
def page(open_page):
    return open_page(viewport={"width": 1400, "height": 1000})


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def demo_campaign(db):
    """The demo campaign, with a manager of its organization called "manager" to log in as."""
    # A transactional test that ran before this one on the worker flushed the reference data the
    # migrations load, and serialized_rollback does not bring it back here: once Playwright's
    # event loop runs in this thread, Django hands it a connection without the serialized copy.
    call_command("load_reference_data", stdout=io.StringIO())
    load_demo()
    campaign = Campaign.objects.get()
    factories.UserFactory(username="manager", organization=campaign.owner, role=User.Role.MANAGER)
    return campaign
