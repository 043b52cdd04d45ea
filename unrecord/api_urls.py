"""/api/v1/ routes for the public UN record. Everything is on the router: config/api_urls.py
merges its registry with the other apps' into the one /api/v1/ root."""

from rest_framework.routers import DefaultRouter

from unrecord.api import analytics, record, series

router = DefaultRouter()
router.register("regional-groups", record.RegionalGroupViewSet, basename="regional-group")
# Also /member-states/{iso3}/history/, /series-record/ and /aligned/.
router.register("member-states", record.MemberStateViewSet, basename="member-state")
router.register("bodies", record.BodyViewSet, basename="body")
router.register("sessions", record.SessionViewSet, basename="session")
router.register("resolutions", record.ResolutionViewSet, basename="resolution")
router.register("series", series.ResolutionSeriesViewSet, basename="series")
# Also /vote-events/{id}/tally/ and /vote-events/{id}/popolo/.
router.register("vote-events", record.VoteEventViewSet, basename="vote-event")
router.register("recorded-votes", record.RecordedVoteViewSet, basename="recorded-vote")
router.register("coincidence", analytics.CoincidenceViewSet, basename="coincidence")
urlpatterns = router.urls
