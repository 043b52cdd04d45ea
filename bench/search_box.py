"""Benchmark: the one search box (desk/search.py) over the demo and N more meetings.

    DATABASE_URL=postgres://... python bench/search_box.py [--meetings 5000] [--runs 15]

Uses DATABASE_URL's database as it is (migrate it and `manage.py load_demo` first), adds meetings
of the demo's organization until it has N (bench rows, placed "Bench meeting", marked
illustrative; kept for the next run), then searches a few terms as the demo's staff user, each
once to warm up and then `runs` times, and prints the median and the slowest in ms: with the
database's extensions (unaccent, pg_trgm), and with the fallback the embedded PostgreSQL gets.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TERMS = ("Kenya", "Kenia", "mission", "Botswna", "human rights council")


def main() -> int:
    options = _options()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from desk import search_sql
    from directory.models import User

    user = User.objects.filter(is_superuser=False, organization__isnull=False).order_by("pk").first()
    _add_meetings(user.organization, options.meetings)
    print(f"{_count()} meetings; as {user.username}, {options.runs} runs per term")
    print(f"{'term':<22}{'extensions':>22}{'fallback':>22}")
    real = search_sql.capabilities()
    for term in TERMS:
        with_them = _time(user, term, options.runs)
        search_sql.capabilities = lambda alias="default": search_sql.Capabilities(False, False)
        without = _time(user, term, options.runs)
        search_sql.capabilities = lambda alias="default", real=real: real
        print(f"{term:<22}{_figure(with_them):>22}{_figure(without):>22}")
    return 0


def _count() -> int:
    from advocacy.models import Meeting

    return Meeting.objects.count()


def _add_meetings(owner, wanted: int) -> None:
    # Bench rows, written in bulk: not the app's writes (their rules are tested elsewhere).
    from advocacy.models import Meeting
    from unrecord.models import MemberState

    missing = wanted - _count()
    states = list(MemberState.objects.order_by("pk"))
    rows = [
        Meeting(
            owner=owner,
            place=f"Bench meeting, Permanent Mission of {states[n % len(states)].common_name}",
            summary=f"Discussed the draft with the delegation ({n}); will report to the capital.",
            is_illustrative=True,
        )
        for n in range(max(missing, 0))
    ]
    created = Meeting.objects.bulk_create(rows, batch_size=1000)
    through = Meeting.states.through
    through.objects.bulk_create(
        [through(meeting_id=m.pk, memberstate_id=states[n % len(states)].pk) for n, m in enumerate(created)],
        batch_size=1000,
    )


def _time(user, term: str, runs: int) -> list[float]:
    from desk.search import search

    search(user=user, term=term)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        search(user=user, term=term)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _figure(times: list[float]) -> str:
    return f"{statistics.median(times):.0f} ms (max {max(times):.0f})"


def _options():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
