"""The managers' dashboards: each view checks access and its query string, calls the selectors and
renders. A campaign the user's organization may not see is a 404, as if it did not exist."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from campaigns.models import Campaign
from dashboards import charts, selectors
from dashboards.forms import AsOfForm, CampaignFilterForm
from dashboards.panels import never_met_by_priority, states_panel
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


@require_GET
@login_required
def campaign_page(request, pk: int):
    campaign = _campaign(request, pk)
    form = CampaignFilterForm(request.GET, groups=selectors.regional_groups())
    if not form.is_valid():
        return _bad_request(request, form)
    as_of = form.as_of_day(today=timezone.localdate())
    votes = selectors.campaign_votes(campaign=campaign, as_of=as_of)
    filters = form.filters(as_of=as_of, default_colour="actual" if votes.held else "projection")
    states = selectors.campaign_states(campaign=campaign, user=request.user, as_of=as_of)
    context = {
        "campaign": campaign,
        "form": form,
        "filters": filters,
        "votes": votes,
        "states": states,
        "panel": states_panel(states=states, filters=filters, campaign_id=campaign.pk),
        "panel_id": STATES_PANEL,
    }
    if request.headers.get("HX-Target") == STATES_PANEL:
        response = render(request, "dashboards/_states_panel.html", context)
        # The address bar gets the filters as a link would give them, without the empty ones.
        query = filters.query()
        response["HX-Push-Url"] = request.path + (f"?{query}" if query else "")
        return response
    overview = selectors.campaign_overview(campaign=campaign, votes=votes, rows=states.rows)
    timeline = selectors.stance_timeline(campaign=campaign, user=request.user, as_of=as_of)
    history = selectors.series_history(campaign=campaign, as_of=as_of)
    targets = [row for row in states.rows if row.is_target]
    context |= {
        "overview": overview,
        "targets": targets,
        "targets_met": sum(1 for row in targets if row.target_met),
        "targets_on_track": sum(1 for row in targets if row.call and row.call.vote == row.wanted_vote),
        "never_met": never_met_by_priority(
            coverage=states.coverage, filters=filters, campaign_id=campaign.pk
        ),
        "timeline": timeline,
        "history": history,
        "charts": _campaign_charts(campaign, overview, timeline, history),
    }
    return render(request, "dashboards/campaign.html", context)


def _campaign_charts(campaign, overview, timeline, history) -> dict:
    found = {
        "projected_by_group": charts.projected_by_group(
            overview.projection.by_group, as_of=overview.projection.as_of
        )
    }
    if overview.actual_by_group:
        found["recorded_by_group"] = charts.recorded_by_group(
            overview.actual_by_group, overview.votes.decisive
        )
    if timeline.dates:
        found["stance_timeline"] = charts.stance_timeline(timeline.dates, timeline.counts)
    if history:
        found["series_history"] = charts.series_history(history, series_name=campaign.series.name)
    return found


@require_GET
@login_required
def state_page(request, pk: int, iso3: str):
    campaign = _campaign(request, pk)
    state = get_object_or_404(MemberState.objects.select_related("regional_group"), iso3=iso3.upper())
    form = AsOfForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form)
    as_of = form.as_of_day(today=timezone.localdate())
    record = selectors.state_record(campaign=campaign, state=state, user=request.user, as_of=as_of)
    return render(
        request,
        "dashboards/state.html",
        {
            "campaign": campaign,
            "state": state,
            "record": record,
            "as_of": as_of,
            "query": request.GET.urlencode(),
        },
    )
