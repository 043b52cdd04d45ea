"""Benchmark: the demo campaign's brief as a PDF (WeasyPrint) with the full UN voting file loaded,
beside the brief as HTML, which is the same reading without the drawing.

    python bench/brief_pdf.py [--file PATH] [--runs N] [--database NAME]

Prepares its database as bench/dashboard_page.py does (the same one by default, kept between
runs), then renders each once to warm up and N times (default 5), and prints the median and the
slowest in ms. Exits 0 whatever the figures; 1 when it cannot measure.
"""

import argparse
import os
import statistics
import sys
import time

import dashboard_page
from bench_database import file_and_database_options


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    file_and_database_options(parser, dashboard_page.BENCH_DB)
    parser.add_argument("--runs", type=int, default=5, help="renders of each (default 5)")
    options = parser.parse_args()
    if not options.file.is_file():
        print(f"No voting file at {options.file}: nothing to measure.")
        return 1
    dashboard_page._use_database(options.database)
    import django

    django.setup()
    dashboard_page._prepare_database(options.file)
    from campaigns.models import Campaign

    campaign = Campaign.objects.get(name__startswith="UNGA 69")
    client = dashboard_page._client()
    print(f"\n{os.cpu_count()} CPUs; load {os.getloadavg()[0]:.1f}; {options.runs} renders each\n")
    for name, path in (("brief (HTML)", "brief/"), ("brief (PDF)", "brief.pdf")):
        times = _times(client, f"/dashboard/campaigns/{campaign.pk}/{path}", options.runs)
        if times is None:
            print(f"{name}: not 200, cannot measure.")
            return 1
        print(f"{name:<14} median {statistics.median(times):>7.0f} ms   slowest {max(times):>7.0f} ms")
    return 0


def _times(client, url: str, runs: int) -> list[float] | None:
    if client.get(url).status_code != 200:
        return None
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return times


if __name__ == "__main__":
    sys.exit(main())
