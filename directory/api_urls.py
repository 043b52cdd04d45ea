"""/api/v1/ routes for the directory."""

from rest_framework.routers import DefaultRouter

from directory.api import OrganizationViewSet, PersonViewSet

router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("people", PersonViewSet, basename="person")
urlpatterns = router.urls
