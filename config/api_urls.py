"""The REST API: /api/v1/ resources, authentication, and the OpenAPI schema with its docs."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from knox import views as knox_views
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.routers import DefaultRouter
from rest_framework.throttling import SimpleRateThrottle

from core.api import JSONRenderer
from desk.search_api import SearchView
from directory.auth import TokenAuthentication, delete_expired_tokens
from directory.lockout import LockoutAwareBasicAuthentication, client_address
from directory.two_factor import rules as two_factor

OTP_HEADER = "X-Plenary-OTP"


class LoginRateThrottle(SimpleRateThrottle):
    """Attempts per client address, the address django-axes counts failures against too. It must
    not look at the user: checking the credentials is what it protects."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


class LoginView(knox_views.LoginView):
    """POST with HTTP Basic credentials, and the code of the user's second factor when they have
    one or must have one (directory/two_factor); returns a token that expires (see REST_KNOX)."""

    authentication_classes = [LockoutAwareBasicAuthentication]
    throttle_classes = [LoginRateThrottle]
    renderer_classes = [JSONRenderer]

    def create_token(self):
        # The token check no longer sweeps a user's expired tokens on every request: logging in does.
        delete_expired_tokens(self.request.user)
        return super().create_token()

    def initial(self, request, *args, **kwargs):
        # DRF authenticates before it throttles, so failed guesses would never count: count first,
        # and only then, or DRF's own check after authenticating would count a good login twice.
        self.check_throttles(request)
        self.throttle_classes = ()
        super().initial(request, *args, **kwargs)

    @extend_schema(
        request=None,
        parameters=[
            OpenApiParameter(
                OTP_HEADER,
                location=OpenApiParameter.HEADER,
                required=False,
                description="The code of your authenticator app, or a recovery code (used up then): "
                "required when your account uses two-factor authentication, or must. A field `otp` "
                "in a JSON or form body does as well.",
            )
        ],
        responses={
            200: inline_serializer(
                "Token", {"token": serializers.CharField(), "expiry": serializers.DateTimeField()}
            ),
            401: OpenApiResponse(
                description="Wrong or missing credentials, or a second factor missing or wrong."
            ),
            429: OpenApiResponse(
                description="Too many attempts from this address, or too many failed logins for "
                "this account or from this address: logins are refused for a while."
            ),
        },
    )
    def post(self, request, format=None):
        # A token is issued only after the second factor: its requests may then be trusted with
        # protected identities (two_factor.rules.trust_token).
        try:
            two_factor.check_api_login(request.user, self._second_factor_code(request))
        except two_factor.CodeRefused as refused:
            raise AuthenticationFailed(str(refused)) from None
        return super().post(request, format)

    @staticmethod
    def _second_factor_code(request) -> str:
        body = request.data if isinstance(request.data, dict) else {}
        return str(body.get("otp") or request.headers.get(OTP_HEADER) or "")


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


class SchemaView(SpectacularAPIView):
    query_parameters = ("lang", "version")  # drf-spectacular's own: known (core/query_params.py)


class DocsView(SpectacularSwaggerSplitView):
    query_parameters = ("lang", "version", "script")


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="api-schema"),
    # The page's start-up script is served from its own address (?script): no inline script, for the
    # Content-Security-Policy.
    path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
    # Redoc's bundle draws its footer logo from cdn.redoc.ly, which no option turns off, and Plenary
    # runs where there is no internet: its old address leads to Swagger UI, which loads nothing.
    path("redoc/", RedirectView.as_view(pattern_name="api-docs", permanent=True)),
    path("v1/auth/login/", LoginView.as_view(), name="api-login"),
    path("v1/auth/logout/", LogoutView.as_view(), name="api-logout"),
    path("v1/auth/logout-everywhere/", LogoutEverywhereView.as_view(), name="api-logout-everywhere"),
    path("v1/search/", SearchView.as_view(), name="api-search"),
    path("v1/", include(_v1_router().urls)),
    # Last: any other address under /api/ (an id that is not a number, say) is the API's JSON 404,
    # not Django's HTML page. Only addresses ending in a slash, so that APPEND_SLASH still works.
    re_path(r"^.*/$", not_found),
]
