"""Things to hand out from the dashboards: the printable campaign brief (HTML with a print
stylesheet, and the same page as a PDF drawn by WeasyPrint), every table of the campaign and state
pages as CSV, and the map as SVG. Each asks what the page asks (the campaign's access policy, the
partner rule through the same reading), so it shows exactly what the page shows the user."""

import time

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from core.pdf import html_to_pdf
from dashboards import tables
from dashboards.map_image import map_svg
from dashboards.reading import CampaignReading
from dashboards.views import campaign_reading, reading_of, state_reading
from intelligence.projection import shows_shared_stances_only

BRIEF_TEMPLATE = "dashboards/brief.html"


def _brief_context(request, reading: CampaignReading, *, for_pdf: bool) -> dict:
    panel = reading.panel
    return {
        "campaign": reading.campaign,
        "reading": reading,
        "votes": reading.votes,
        "overview": reading.overview,
        "panel": panel,
        "group_charts": reading.group_charts.values(),
        "map": map_svg(panel, campaign_name=reading.campaign.name, standalone=False)
        if panel.countries
        else "",
        "prepared_for": request.user,
        "as_partner": shows_shared_stances_only(request.user, reading.campaign),
        "printed_on": timezone.localdate(),
        "for_pdf": for_pdf,
        "query": reading.filters.query(),
    }


@require_GET
@login_required
@reading_of(campaign_reading, "pk")
def brief(request, reading):
    return HttpResponse(
        render_to_string(BRIEF_TEMPLATE, _brief_context(request, reading, for_pdf=False), request)
    )


@require_GET
@login_required
@reading_of(campaign_reading, "pk")
def brief_pdf(request, reading):
    html = render_to_string(BRIEF_TEMPLATE, _brief_context(request, reading, for_pdf=True), request)
    started = time.perf_counter()
    pdf = html_to_pdf(html)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(reading, "brief")}.pdf"'
    # How long WeasyPrint took, for the browser's developer tools and the benchmark.
    response["Server-Timing"] = f"pdf;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response


@require_GET
@login_required
@reading_of(campaign_reading, "pk")
def map_image(request, reading):
    if not reading.panel.countries:
        raise Http404("The world map's data is not installed: run make install.")
    svg = map_svg(reading.panel, campaign_name=reading.campaign.name)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_file_name(reading, "map")}.svg"'
    return response


@require_GET
@login_required
@reading_of(campaign_reading, "pk")
def campaign_table(request, reading, name: str):
    table = _table(tables.CAMPAIGN_TABLES, name)
    found = table.read(reading)
    if found is None:
        raise Http404(f"The campaign page shows no table {name!r} as of {reading.as_of}.")
    headers, rows = found
    return tables.csv_response(headers, rows, filename=_file_name(reading, name))


@require_GET
@login_required
@reading_of(state_reading, "pk", "iso3")
def state_table(request, found, name: str):
    table = _table(tables.STATE_TABLES, name)
    filename = f"{found.campaign.name} {found.state.iso3} {name} {found.as_of}"
    return tables.csv_response(table.headers, table.rows(found.record), filename=filename)


def _table(defined: dict, name: str):
    if name not in defined:
        raise Http404(f"No table {name!r}: the tables are {', '.join(defined)}.")
    return defined[name]


def _file_name(reading: CampaignReading, what: str) -> str:
    return slugify(f"{reading.campaign.name} {what} {reading.as_of}")
