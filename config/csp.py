"""The Content-Security-Policy of every page (django-csp), and the few pages that need more of it."""

from csp.constants import UNSAFE_EVAL
from csp.middleware import CSPMiddleware, PolicyParts
from django.urls import reverse


def _additions(path: str) -> dict[str, list[str]] | None:
    """What a page needs beyond settings.PLENARY_CSP_DIRECTIVES; never 'unsafe-inline'."""
    # The desk's pages (the search, the calendar feed's page) are in the admin's look too.
    if path.startswith((reverse("admin:index"), "/desk/")):
        # The admin theme (django-unfold) drives its sidebar, menus, tabs, filters and inline forms
        # with the standard Alpine.js build, which compiles the expressions in its templates'
        # attributes with `new Function`. Alpine's CSP build cannot read several of them (statements,
        # arrow functions, `localStorage`), so without this the admin stops working. It lets no
        # inline <script> or event-handler attribute run: those still need the nonce.
        return {"script-src": [UNSAFE_EVAL]}
    if path == reverse("api-docs"):
        return {"img-src": ["data:"]}  # Swagger UI's stylesheet draws its icons as data: SVGs
    return None


class PlenaryCSPMiddleware(CSPMiddleware):
    """The policy in settings everywhere, plus what `_additions` grants the page asked for."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.update is None:
            parts.update = _additions(request.path_info)
        return parts
