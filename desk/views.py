"""The desk's pages: the user's home (the admin's index, through unfold's DASHBOARD_CALLBACK),
the page to get or revoke a calendar feed, and the feed itself. Each checks who asks and what
they sent, then calls the selectors or one service."""

import datetime

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from desk import home, services
from desk.calendar import Feed
from desk.models import CalendarFeed

CHANGES_SINCE = "plenary_desk_changes_since"  # the boundary this session shows changes from
NEW_FEED_TOKEN = "plenary_desk_new_feed"  # a feed's secret just made, shown once


def dashboard_callback(request, context: dict) -> dict:
    """The home's context: unfold calls this for the admin's index."""
    user, today = request.user, timezone.localdate()
    since = services.open_home(user=user, since=_session_since(request))
    request.session[CHANGES_SINCE] = since.isoformat()
    overdue, this_week = home.follow_ups_due(user, today=today)
    campaigns = list(home.with_news_since(home.campaigns_of(user), user, since))
    return {
        **context,
        "title": "Home",
        "today": today,
        "since": since,
        "overdue": overdue,
        "due_this_week": this_week,
        "meetings": home.next_meetings(user, today=today),
        "side_events": home.next_side_events(user, today=today),
        "campaign_news": home.campaign_news(campaigns),
        "next_votes": home.upcoming_votes(campaigns, today=today),
        "rows": home.ROWS,
    }


def _session_since(request):
    stored = request.session.get(CHANGES_SINCE)
    return datetime.datetime.fromisoformat(stored) if stored else None


@require_GET
@login_required
@never_cache
def calendar_page(request):
    feed = CalendarFeed.objects.live().filter(user=request.user).first()
    token = request.session.pop(NEW_FEED_TOKEN, None)
    context = {
        **admin.site.each_context(request),
        "title": "Your calendar feed",
        "feed": feed,
        "feed_url": request.build_absolute_uri(reverse("desk:calendar_feed", args=[token])) if token else "",
    }
    return render(request, "desk/calendar.html", context)


@require_POST
@login_required
def calendar_renew(request):
    request.session[NEW_FEED_TOKEN] = services.renew_calendar_feed(user=request.user)
    return redirect("desk:calendar")


@require_POST
@login_required
def calendar_revoke(request):
    if services.revoke_calendar_feed(user=request.user):
        messages.success(request, "Your calendar feed is revoked: its URL answers nothing any more.")
    else:
        messages.info(request, "You had no calendar feed to revoke.")
    return redirect("desk:calendar")


@require_GET
def calendar_feed(request, token: str):
    """The feed, for a calendar application: no session, the secret in the URL is the key. A
    revoked or unknown secret, or a deactivated user's, is a 404."""
    feed = CalendarFeed.objects.by_token(token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar feed.")
    calendar = Feed(feed.user, today=timezone.localdate(), link=request.build_absolute_uri).calendar()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="plenary.ics"'
    return response
