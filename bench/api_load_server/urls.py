"""Plenary's URLs plus the benchmark's baselines, mounted only when bench/api_load.py serves the
app: the public app never has these endpoints."""

from django.http import JsonResponse
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import urlpatterns as plenary_urlpatterns

TRIVIAL_BODY = {"status": "ok", "purpose": "baseline for bench/api_load.py"}


def trivial(request):
    """The issue's baseline: Django's middleware stack, then a small JSON body. No DRF, no
    authentication, no database."""
    return JsonResponse(TRIVIAL_BODY)


class TrivialAPIView(APIView):
    """The same body through DRF with the API's defaults: token authentication (a database
    lookup), the permission class, the throttles and the JSON renderer. What every endpoint
    pays before its own work."""

    def get(self, request):
        return Response(TRIVIAL_BODY)


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/trivial-api/", TrivialAPIView.as_view()),
    *plenary_urlpatterns,
]
