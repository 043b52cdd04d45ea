"""/api/v1/ routes for the public UN record."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
urlpatterns = router.urls
