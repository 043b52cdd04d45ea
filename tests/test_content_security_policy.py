"""Every kind of page Plenary serves answers with a Content-Security-Policy that lets no inline script
or style run (no 'unsafe-inline'), and the theme templates Plenary copies to obey it still follow
the originals they were copied from."""

import re
from pathlib import Path

import pytest
import rest_framework
import unfold
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


@pytest.fixture
def manager_client(client, manager_user):
    client.force_login(manager_user)
    return client


def _pages(manager_user) -> list[str]:
    campaign = factories.CampaignFactory(owner=manager_user.organization)
    return [
        reverse("admin:index"),
        reverse("admin:campaigns_campaign_changelist"),
        reverse("admin:campaigns_campaign_change", args=[campaign.pk]),
        reverse("admin:campaigns_campaign_history", args=[campaign.pk]),
        reverse("dashboards:index"),
        reverse("dashboards:campaign", args=[campaign.pk]),
        "/api/v1/",
        "/api/v1/campaigns/",
        reverse("api-docs"),
    ]


def test_every_page_type_sends_a_policy_without_unsafe_inline(client, manager_user):
    assert "'unsafe-inline'" not in client.get(reverse("admin:login"))[HEADER]
    client.force_login(manager_user)
    for url in _pages(manager_user):
        response = client.get(url, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        directives = _directives(response[HEADER])
        assert "'unsafe-inline'" not in response[HEADER], url
        assert directives["default-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"], url
        assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"], url
        assert directives["script-src"][0] == "'self'", url


def test_only_the_admin_may_evaluate_strings_as_script(manager_client, manager_user):
    for url in _pages(manager_user):
        script_src = _directives(manager_client.get(url, HTTP_ACCEPT="text/html")[HEADER])["script-src"]
        assert ("'unsafe-eval'" in script_src) == url.startswith("/admin/"), url


def test_a_nonce_is_sent_only_with_the_page_that_uses_it(manager_client, manager_user):
    campaign = factories.CampaignFactory(owner=manager_user.organization)
    response = manager_client.get(reverse("admin:campaigns_campaign_change", args=[campaign.pk]))
    nonce = re.search(r"'nonce-([^']+)'", response[HEADER]).group(1)
    assert f'<style id="unfold-theme-colors" nonce="{nonce}">' in response.content.decode()
    other = manager_client.get(reverse("admin:index"))
    assert nonce not in other[HEADER]


def test_the_swagger_page_runs_no_inline_script(manager_client):
    page = manager_client.get(reverse("api-docs")).content.decode()
    assert re.search(r"<script>\s*\S", page) is None
    script = manager_client.get(reverse("api-docs") + "?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_no_page_of_ours_has_a_style_attribute_or_an_inline_script():
    roots = [settings.BASE_DIR / "templates", *settings.BASE_DIR.glob("*/templates")]
    for template in (path for root in roots for path in root.rglob("*.html")):
        text = re.sub(r"\{% comment %\}.*?\{% endcomment %\}|\{#.*?#\}", "", template.read_text(), flags=re.S)
        assert re.search(r"\sstyle=\"", text) is None, template
        assert re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text) is None, template
        assert re.search(r"<style(?![^>]*\snonce=)[^>]*>", text) is None, template


def test_report_only_mode_reports_instead_of_refusing(client, settings):
    policy = settings.CONTENT_SECURITY_POLICY
    with override_settings(CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy):
        response = client.get(reverse("admin:login"))
    assert HEADER not in response
    assert "'unsafe-inline'" not in response[f"{HEADER}-Report-Only"]


UNFOLD = Path(unfold.__file__).parent / "templates"
DRF = Path(rest_framework.__file__).parent / "templates"
DRF_COPIES = [
    "filters/search.html",
    "filters/ordering.html",
    "horizontal/fieldset.html",
    "horizontal/list_fieldset.html",
]
DRF_CLASSES = [
    ('class="form-control plenary-search-input"', 'class="form-control" style="width: 350px"'),
    (
        'class="glyphicon glyphicon-ok plenary-float-right-flush"',
        'class="glyphicon glyphicon-ok" style="float: right"',
    ),
    (
        '<div class="form-group plenary-fieldset">',
        '<div class="form-group" style="border-bottom: 1px solid #e5e5e5">',
    ),
    ('{% endif %} plenary-fieldset-legend">', '{% endif %}" style="border-bottom: 0">'),
]


@pytest.mark.parametrize(
    ("ours", "theirs", "changes"),
    [
        (
            "unfold/layouts/skeleton.html",
            UNFOLD / "unfold/layouts/skeleton.html",
            [
                (
                    '<style id="unfold-theme-colors" nonce="{{ request.csp_nonce }}">',
                    '<style id="unfold-theme-colors">',
                ),
                ('        <meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>\n', ""),
            ],
        ),
        (
            "admin/actions.html",
            UNFOLD / "admin/actions.html",
            [
                (
                    "x-bind:style=\"{ width: changeListWidth + 'px' }\"",
                    "x-bind:style=\"'width: ' + changeListWidth + 'px'\"",
                )
            ],
        ),
        *[(f"rest_framework/{name}", DRF / "rest_framework" / name, DRF_CLASSES) for name in DRF_COPIES],
    ],
)
def test_copied_theme_templates_follow_the_installed_theme(ours, theirs, changes):
    """A new django-unfold or DRF that changes one of these templates fails here: copy it again and
    make the same change."""
    text = (settings.BASE_DIR / "templates" / ours).read_text()
    text = re.sub(r"\{% comment %\}Plenary:.*?\{% endcomment %\}\n", "", text, flags=re.S)
    for new, old in changes:
        text = text.replace(new, old)
    assert text == theirs.read_text()


def test_the_browsable_apis_request_forms_follow_drfs():
    def request_forms(text: str) -> str:
        return re.search(r"\{% block request_forms %\}(.*?)\{% endblock request_forms %\}", text, re.S).group(
            1
        )

    ours = request_forms((settings.BASE_DIR / "templates/rest_framework/api.html").read_text())
    theirs = request_forms((DRF / "rest_framework/base.html").read_text())
    ours = ours.replace(
        '<div class="dropdown plenary-float-right">',
        '<div class="dropdown" style="float: right; margin-right: 10px">',
    )
    ours = ours.replace(
        'data-toggle="modal" data-target="#filtersModal" class="btn btn-default plenary-float-right"',
        'style="float: right; margin-right: 10px" data-toggle="modal" data-target="#filtersModal" '
        'class="btn btn-default"',
    )
    assert ours == theirs
