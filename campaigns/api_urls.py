"""/api/v1/ routes for campaigns; config/api_urls.py merges this registry into the one root."""

from rest_framework.routers import DefaultRouter

from campaigns.api import CampaignViewSet, TargetViewSet, ThresholdViewSet

router = DefaultRouter()
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("targets", TargetViewSet, basename="target")
router.register("thresholds", ThresholdViewSet, basename="threshold")
