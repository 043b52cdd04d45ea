"""/api/v1/ routes for documents; config/api_urls.py merges this registry into the one root."""

from rest_framework.routers import DefaultRouter

from documents.api import DocumentViewSet, SignatureViewSet

router = DefaultRouter()
router.register("documents", DocumentViewSet, basename="document")
router.register("signatures", SignatureViewSet, basename="signature")
