"""The managers' dashboards: each view checks access and its query string, calls the selectors and
renders. A campaign the user's organization may not see is a 404, as if it did not exist."""

import datetime
import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from campaigns.models import Campaign
from dashboards import selectors
from dashboards.forms import AsOfForm, CampaignFilterForm
from dashboards.reading import CampaignReading
from unrecord.models import MemberState

STATES_PANEL = "states-panel"  # the element htmx swaps when the filters or the map's colour change


def _campaign(request, pk: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.visible_to(request.user).select_related("owner", "series"), pk=pk
    )


def _bad_request(request, form):
    return render(request, "dashboards/bad_request.html", {"form": form}, status=400)


@require_GET
@login_required
def campaign_list(request):
    today = timezone.localdate()
    return render(
        request,
        "dashboards/campaign_list.html",
        {"campaigns": selectors.campaign_list(user=request.user, today=today), "nav": "dashboard"},
    )


def reading_of(reader, *names):
    """Decorates a view to be given `reader`'s reading of the URL's `names` arguments (the
    campaign, or a state in it, as the user reads them), or to answer with the 400 page that
    `reader` returns when the query string's filters are wrong."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, **kwargs):
            reading = reader(request, *(kwargs.pop(name) for name in names))
            if isinstance(reading, HttpResponse):
                return reading
            return view(request, reading, **kwargs)

        return wrapped

    return decorate


def campaign_reading(request, pk: int) -> CampaignReading | HttpResponse:
    """The campaign as the user reads it through the query string's filters, or the 400 page
    naming the filter to fix."""
    campaign = _campaign(request, pk)
    form = CampaignFilterForm(request.GET, groups=selectors.regional_groups())
    if not form.is_valid():
        return _bad_request(request, form)
    return CampaignReading(campaign=campaign, user=request.user, form=form, today=timezone.localdate())


@require_GET
@login_required
@reading_of(campaign_reading, "pk")
def campaign_page(request, reading: CampaignReading):
    context = {
        "campaign": reading.campaign,
        "form": reading.form,
        "filters": reading.filters,
        "votes": reading.votes,
        "states": reading.states,
        "panel": reading.panel,
        "panel_id": STATES_PANEL,
    }
    if request.headers.get("HX-Target") == STATES_PANEL:
        response = render(request, "dashboards/_states_panel.html", context)
        # The address bar gets the filters as a link would give them, without the empty ones.
        query = reading.filters.query()
        response["HX-Push-Url"] = request.path + (f"?{query}" if query else "")
        return response
    context |= {
        "overview": reading.overview,
        "targets": reading.targets,
        "targets_met": reading.targets_met,
        "targets_on_track": reading.targets_on_track,
        "never_met": reading.never_met,
        "timeline": reading.timeline,
        "history": reading.history,
        "charts": reading.charts,
    }
    return render(request, "dashboards/campaign.html", context)


@dataclass(frozen=True)
class StateReading:
    campaign: Campaign
    state: MemberState
    record: selectors.StateRecord
    as_of: datetime.date


def state_reading(request, pk: int, iso3: str) -> StateReading | HttpResponse:
    """One state for the campaign as the user reads it on the query string's day, or the 400 page."""
    campaign = _campaign(request, pk)
    state = get_object_or_404(MemberState.objects.select_related("regional_group"), iso3=iso3.upper())
    form = AsOfForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    as_of = form.as_of_day(today=timezone.localdate())
    record = selectors.state_record(campaign=campaign, state=state, user=request.user, as_of=as_of)
    return StateReading(campaign, state, record, as_of)


@require_GET
@login_required
@reading_of(state_reading, "pk", "iso3")
def state_page(request, reading: StateReading):
    return render(
        request,
        "dashboards/state.html",
        {
            "campaign": reading.campaign,
            "state": reading.state,
            "record": reading.record,
            "as_of": reading.as_of,
            "query": request.GET.urlencode(),
            # The tables' CSVs are of the same day; they take no other filter.
            "as_of_query": urlencode({"as_of": request.GET["as_of"]}) if request.GET.get("as_of") else "",
        },
    )
