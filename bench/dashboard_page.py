"""Benchmark: the server-side render of the demo campaign's dashboard page with the full UN voting
file loaded, beside a trivial page measured in the same run.

    python bench/dashboard_page.py [--file PATH] [--runs N] [--database NAME]

Uses DATABASE_URL's server when set, else the embedded PostgreSQL, and a database
`plenary_bench_dash` on it (created if missing, kept between runs). Migrates it, loads the demo
campaign, imports the voting file unless the last import was of the same file (same SHA-256), and
VACUUM ANALYZEs the vote tables. Then, in this process with Django's test client (the whole
middleware stack, a logged-in session, DEBUG off), it renders each page once to warm up and then
N times, the pages interleaved so that a busy moment of the machine does not fall on one only:
  trivial page      a login-required view that answers "ok": the floor of any dashboard page
  campaign page     /dashboard/campaigns/<demo>/ (the page as a manager opens it), with today's
                    scoreboard in intelligence's cache as readers share it, and with the cache
                    cleared first (the first reader after a change computes it)
  states panel      the same URL as htmx asks for it when a filter changes (the panel only)
  state page        /dashboard/campaigns/<demo>/states/PRK/
  campaign list     /dashboard/
Prints per page the median and the 90th percentile in ms, the queries it ran, and the verdict
against the goal of issue 5: the campaign page in ≤ 150 ms. Exits 0 whatever the verdict (it is a
benchmark); 1 when it cannot measure.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from bench_database import file_and_database_options, import_voting_file_once, use_database

ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = "plenary_bench_dash"
GOAL_MS = 150.0
USERNAME = "bench-dashboard"


def main() -> int:
    options = _options()
    if not options.file.is_file():
        print(f"No voting file at {options.file}: nothing to measure.")
        return 1
    _use_database(options.database)
    import django

    django.setup()
    _prepare_database(options.file)
    pages = _pages()
    client = _client()
    for page in pages:
        response = client.get(page.path, **page.headers)
        if response.status_code != 200:
            print(f"{page.name}: {page.path} answered {response.status_code}: cannot measure.")
            return 1
    _measure(client, pages, options.runs)
    _print(options, pages)
    return 0


def _options():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    file_and_database_options(parser, BENCH_DB)
    parser.add_argument("--runs", type=int, default=30, help="renders of each page (default 30)")
    return parser.parse_args()


def _use_database(name: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "0"  # no query log, as in production
    use_database(name)


def _prepare_database(path: Path) -> None:
    from django.core.management import call_command

    from demo.loader import load_demo

    call_command("migrate", verbosity=0)
    load_demo()  # writes nothing when already loaded
    import_voting_file_once(path)


class Page:
    def __init__(self, name: str, path: str, headers: dict | None = None, *, cold: bool = False):
        self.name, self.path, self.headers = name, path, headers or {}
        self.cold = cold  # clear the cache first: the figures are computed in the request
        self.times: list[float] = []
        self.queries = 0


def _pages() -> list[Page]:
    from django.urls import path as route

    from campaigns.models import Campaign
    from dashboards.views import STATES_PANEL

    _mount_trivial_page(route)
    campaign = Campaign.objects.get(name__startswith="UNGA 69")
    url = f"/dashboard/campaigns/{campaign.pk}/"
    return [
        Page("trivial page", "/bench/trivial/"),
        Page("campaign page", url),
        Page("  the same, cold cache", url, cold=True),
        Page("states panel (htmx)", url, {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": STATES_PANEL}),
        Page("state page", f"{url}states/PRK/"),
        Page("campaign list", "/dashboard/"),
    ]


def _mount_trivial_page(route) -> None:
    """The trivial page is mounted for this process only: the app does not ship it."""
    from django.contrib.auth.decorators import login_required
    from django.http import HttpResponse
    from django.urls import clear_url_caches

    from config import urls

    urls.urlpatterns.insert(0, route("bench/trivial/", login_required(lambda request: HttpResponse("ok"))))
    clear_url_caches()


def _client():
    from django.test import Client

    from campaigns.models import Campaign
    from directory.models import User

    owner = Campaign.objects.get(name__startswith="UNGA 69").owner
    user, _ = User.objects.get_or_create(
        username=USERNAME, defaults={"organization": owner, "role": User.Role.MANAGER, "is_staff": True}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _measure(client, pages: list[Page], runs: int) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for page in pages:
        if page.cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(page.path, **page.headers)
        page.queries = len(queries)
    for _ in range(runs):
        for page in pages:
            if page.cold:
                cache.clear()
            started = time.perf_counter()
            client.get(page.path, **page.headers)
            page.times.append((time.perf_counter() - started) * 1000)


def _print(options, pages: list[Page]) -> None:
    from django.db import connection

    server = "PostgreSQL server (DATABASE_URL)" if os.environ.get("DATABASE_URL") else "embedded PostgreSQL"
    print(
        f"\nPostgreSQL {connection.pg_version // 10000}, {server}; {os.cpu_count()} CPUs; "
        f"load {os.getloadavg()[0]:.1f}; {options.runs} renders per page, interleaved; "
        "Django test client, in process\n"
    )
    trivial = statistics.median(pages[0].times)
    print(f"{'page':<22} {'median':>9} {'p90':>9} {'× trivial':>10} {'queries':>8}")
    for page in pages:
        median = statistics.median(page.times)
        p90 = statistics.quantiles(page.times, n=10)[-1]
        print(f"{page.name:<22} {median:>7.1f}ms {p90:>7.1f}ms {median / trivial:>9.1f}× {page.queries:>8}")
    campaign = statistics.median(pages[1].times)
    verdict = "meets" if campaign <= GOAL_MS else "misses"
    print(f"\nThe campaign page: {campaign:.1f} ms (median), {verdict} the goal of ≤ {GOAL_MS:.0f} ms.")


if __name__ == "__main__":
    sys.exit(main())
