"""/api/v1/ routes for outreach; config/api_urls.py merges this registry into the one root."""

from rest_framework.routers import DefaultRouter

from advocacy import api

router = DefaultRouter()
router.register("meetings", api.MeetingViewSet, basename="meeting")
router.register("side-events", api.SideEventViewSet, basename="side-event")
router.register("incidents", api.IncidentViewSet, basename="incident")
router.register("follow-ups", api.FollowUpViewSet, basename="follow-up")
router.register("stances", api.StanceViewSet, basename="stance")
