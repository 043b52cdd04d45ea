"""The Content-Security-Policy of every page (django-csp), and the few pages that need more of it."""

from csp.constants import UNSAFE_EVAL
from csp.middleware import CSPMiddleware, PolicyParts
from django.urls import reverse

REDOC_LOAD_STYLES = [
    "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",  # an empty <style>
    "QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc=",
]


def _additions(path: str) -> dict[str, list[str]] | None:
    """What a page needs beyond settings.PLENARY_CSP_DIRECTIVES; never 'unsafe-inline'."""
    if path.startswith(reverse("admin:index")):
        # The admin theme (django-unfold) drives its sidebar, menus, tabs, filters and inline forms
        # with the standard Alpine.js build, which compiles the expressions in its templates'
        # attributes with `new Function`. Alpine's CSP build cannot read several of them (statements,
        # arrow functions, `localStorage`), so without this the admin stops working. It lets no
        # inline <script> or event-handler attribute run: those still need the nonce.
        return {"script-src": [UNSAFE_EVAL]}
    if path == reverse("api-docs"):
        return {"img-src": ["data:"]}  # Swagger UI's stylesheet draws its icons as data: SVGs
    if path == reverse("api-redoc"):
        # Two <style> elements the Redoc bundle (drf-spectacular-sidecar) adds as it loads, before
        # static/plenary/redoc-init.js can hand it the nonce: allowed by their exact content only.
        # An upgrade that changes them fails tests/browser/test_content_security_policy.py.
        # Its icons are data: images; its search runs in a worker it builds from a blob: address.
        styles = [f"'sha256-{digest}'" for digest in REDOC_LOAD_STYLES]
        return {"style-src": styles, "img-src": ["data:"], "worker-src": ["blob:"]}
    return None


class PlenaryCSPMiddleware(CSPMiddleware):
    """The policy in settings everywhere, plus what `_additions` grants the page asked for."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.update is None:
            parts.update = _additions(request.path_info)
        return parts
