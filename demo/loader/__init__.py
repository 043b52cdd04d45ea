"""Loads the demo campaign (demo.dataset and demo/data/) into the database, and only once.

Every row is looked up by its natural key before it is created and nothing existing is saved
again, so a second run writes nothing, not even history events. The report compares row counts
before and after, so what it says was created is what was created.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from pghistory.models import Event as HistoryEvent

from demo.loader.context import Demo
from demo.loader.directory import load_organizations, load_people, load_staff_user
from demo.loader.documents import load_documents
from demo.loader.outreach import (
    load_campaign,
    load_follow_ups,
    load_meetings,
    load_side_event,
    load_stances,
)
from demo.loader.record import load_resolution, load_votes
from demo.loader.series import load_series_history
from unrecord.models import Body, MemberState

DEMO_APPS = ("unrecord", "directory", "campaigns", "advocacy", "documents")

# In this order: each part refers to rows the parts before it loaded.
PARTS = (
    load_organizations,
    load_people,
    load_staff_user,
    load_resolution,
    load_votes,
    load_series_history,
    load_campaign,
    load_side_event,
    load_meetings,
    load_documents,
    load_stances,
    load_follow_ups,
)


@dataclass
class DemoReport:
    created: dict[str, int]

    @property
    def nothing_changed(self) -> bool:
        return not self.created

    def lines(self) -> list[str]:
        if self.nothing_changed:
            return ["The demo campaign is already loaded: nothing changed."]
        return ["Loaded the demo campaign. Rows created:"] + [
            f"  {label}: {count}" for label, count in sorted(self.created.items())
        ]


@transaction.atomic
def load_demo() -> DemoReport:
    before = _row_counts()
    demo = Demo(
        states={state.iso3: state for state in MemberState.objects.all()},
        bodies={body.code: body for body in Body.objects.all()},
    )
    for load_part in PARTS:
        load_part(demo)
    return DemoReport(created=_created_since(before))


def _demo_models():
    """Every table of the apps the demo writes to, history events aside (they follow the rows)."""
    for label in DEMO_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not issubclass(model, HistoryEvent):
                yield model


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in _demo_models()}


def _created_since(before: dict[str, int]) -> dict[str, int]:
    after = _row_counts()
    return {label: after[label] - before[label] for label in after if after[label] > before[label]}
