"""/api/v1/ routes for campaign intelligence; config/api_urls.py merges this registry."""

from rest_framework.routers import DefaultRouter

from intelligence.api import ProjectionViewSet, ScoreboardViewSet

router = DefaultRouter()
router.register(
    r"campaigns/(?P<campaign_pk>\d+)/scoreboard", ScoreboardViewSet, basename="campaign-scoreboard"
)
router.register(
    r"campaigns/(?P<campaign_pk>\d+)/projection", ProjectionViewSet, basename="campaign-projection"
)
