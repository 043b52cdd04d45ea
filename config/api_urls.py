"""The REST API: /api/v1/ resources, authentication, and the OpenAPI schema with its docs."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from knox import views as knox_views
from rest_framework import serializers
from rest_framework.authentication import BasicAuthentication
from rest_framework.renderers import JSONRenderer
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import SimpleRateThrottle

from directory.auth import TokenAuthentication, delete_expired_tokens


class LoginRateThrottle(SimpleRateThrottle):
    """Attempts per client address. It must not look at the user: checking the credentials is
    what it protects."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginView(knox_views.LoginView):
    """POST with HTTP Basic credentials; returns a token that expires (see REST_KNOX)."""

    authentication_classes = [BasicAuthentication]
    throttle_classes = [LoginRateThrottle]
    renderer_classes = [JSONRenderer]

    def create_token(self):
        # The token check no longer sweeps a user's expired tokens on every request: logging in does.
        delete_expired_tokens(self.request.user)
        return super().create_token()

    def initial(self, request, *args, **kwargs):
        # DRF authenticates before it throttles, so failed guesses would never count: count first.
        self.check_throttles(request)
        super().initial(request, *args, **kwargs)

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "Token", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
            ),
            401: OpenApiResponse(description="Wrong or missing credentials."),
            429: OpenApiResponse(description="Too many attempts from this address."),
        },
    )
    def post(self, request, format=None):
        return super().post(request, format)


class LogoutView(knox_views.LogoutView):
    authentication_classes = [TokenAuthentication]  # the API's own, not knox's two-query check
    renderer_classes = [JSONRenderer]

    @extend_schema(request=None, responses={204: OpenApiResponse(description="The token is revoked.")})
    def post(self, request, format=None):
        return super().post(request, format)


class LogoutEverywhereView(knox_views.LogoutAllView):
    """Revoke every token of the user's: a lost laptop, a leaked notebook."""

    authentication_classes = [TokenAuthentication]
    renderer_classes = [JSONRenderer]

    @extend_schema(
        request=None, responses={204: OpenApiResponse(description="Every token of yours is revoked.")}
    )
    def post(self, request, format=None):
        return super().post(request, format)


@csrf_exempt  # there is nothing to protect, and a CSRF refusal would be an HTML page
def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)


def _v1_router() -> DefaultRouter:
    """One router for every app's resources, so that /api/v1/ lists them all."""
    from advocacy.api_urls import router as advocacy
    from campaigns.api_urls import router as campaigns
    from directory.api_urls import router as directory
    from documents.api_urls import router as documents
    from intelligence.api_urls import router as intelligence
    from unrecord.api_urls import router as unrecord

    router = DefaultRouter()
    for app_router in (unrecord, directory, campaigns, advocacy, documents, intelligence):
        router.registry.extend(app_router.registry)
    return router


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("v1/auth/login/", LoginView.as_view(), name="api-login"),
    path("v1/auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("v1/auth/logout-everywhere/", LogoutEverywhereView.as_view(), name="api-logout-everywhere"),
    path("v1/", include(_v1_router().urls)),
    # Last: any other address under /api/ (an id that is not a number, say) is the API's JSON 404,
    # not Django's HTML page. Only addresses ending in a slash, so that APPEND_SLASH still works.
    re_path(r"^.*/$", not_found),
]
