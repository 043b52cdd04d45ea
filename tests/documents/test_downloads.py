"""A document's file is served only by its download address, which asks the access policy, and
always as an attachment that no browser renders in Plenary's origin, in development (DEBUG) and
production alike. MEDIA_ROOT has no address of its own."""

import importlib

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import clear_url_caches
from knox.models import AuthToken

from tests import factories
from tests.documents import samples

pytestmark = pytest.mark.django_db


def _document(owner, name: str, content: bytes, **fields):
    """Stored as it is, past the upload check: as files uploaded before it was there are."""
    return factories.DocumentFactory(owner=owner, file=ContentFile(content, name=name), **fields)


def _download(document) -> str:
    return f"/api/v1/documents/{document.pk}/file/"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _is_a_safe_download(response, filename: str) -> bool:
    return (
        response["Content-Disposition"] == f'attachment; filename="{filename}"'
        and response["X-Content-Type-Options"] == "nosniff"
        and "sandbox" in response["Content-Security-Policy"]
        and "default-src 'none'" in response["Content-Security-Policy"]
        and response["Cache-Control"].startswith("private")
    )


@pytest.mark.parametrize("debug", [False, True])
def test_the_owner_downloads_the_file_as_an_attachment_with_debug_on_or_off(staff_client, staff_user, debug):
    document = _document(staff_user.organization, "report.pdf", samples.pdf())
    with override_settings(DEBUG=debug):
        response = staff_client.get(_download(document))
    assert response.status_code == 200
    assert _body(response) == samples.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert _is_a_safe_download(response, "report.pdf")


def test_an_html_page_stored_before_the_check_downloads_as_bytes_never_as_a_page(staff_client, staff_user):
    document = _document(staff_user.organization, "agenda.html", samples.HTML)
    response = staff_client.get(_download(document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert _is_a_safe_download(response, "agenda.html")
    assert _body(response) == samples.HTML


def test_a_token_downloads_too(client, staff_user):
    document = _document(staff_user.organization, "positions.csv", samples.csv())
    token = AuthToken.objects.create(staff_user)[1]
    response = client.get(_download(document), HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert _body(response) == samples.csv()


def test_another_organizations_file_is_not_found(client, outsider_user, organization):
    document = _document(organization, "report.pdf", samples.pdf())
    client.force_login(outsider_user)
    assert client.get(_download(document)).status_code == 404


def test_a_partner_downloads_only_what_is_shared_with_it(client, partner_user, organization):
    shared = _document(organization, "shared.pdf", samples.pdf(), shared_with_partners=True)
    unshared = _document(organization, "unshared.pdf", samples.pdf(), shared_with_partners=False)
    client.force_login(partner_user)
    assert client.get(_download(shared)).status_code == 200
    assert client.get(_download(unshared)).status_code == 404


def test_an_anonymous_visitor_gets_no_file(client, organization):
    document = _document(organization, "report.pdf", samples.pdf())
    response = client.get(_download(document))
    assert response.status_code == 401
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("address", ["/api/v1/documents/{pk}/file/", "/api/v1/documents/x{pk}/file/"])
def test_no_file_missing_file_or_malformed_id_is_a_404(staff_client, staff_user, address):
    without = factories.DocumentFactory(owner=staff_user.organization)
    missing = _document(staff_user.organization, "gone.pdf", samples.pdf())
    missing.file.storage.delete(missing.file.name)
    for document in (without, missing):
        assert staff_client.get(address.format(pk=document.pk)).status_code == 404


@pytest.fixture
def urls_built_with_debug():
    """Plenary's URLs as `manage.py runserver` builds them: with DEBUG on, at import."""
    urls = importlib.import_module(settings.ROOT_URLCONF)
    with override_settings(DEBUG=True):
        importlib.reload(urls)
        clear_url_caches()
        yield
    importlib.reload(urls)
    clear_url_caches()


def test_media_root_has_no_address_even_in_development(client, organization, urls_built_with_debug):
    document = _document(organization, "agenda.html", samples.HTML)
    response = client.get(f"/media/{document.file.name}")
    assert response.status_code == 404
    assert samples.HTML not in response.content


def test_the_admin_links_a_file_to_its_download_not_to_storage(staff_client, staff_user):
    document = _document(staff_user.organization, "report.pdf", samples.pdf())
    page = staff_client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert f'href="{_download(document)}"' in page
    assert "/media/" not in page


def test_a_partner_reading_a_shared_document_is_linked_to_its_download(client, partner_user, organization):
    document = _document(organization, "shared.pdf", samples.pdf(), shared_with_partners=True)
    client.force_login(partner_user)
    page = client.get(f"/admin/documents/document/{document.pk}/change/").content.decode()
    assert f'href="{_download(document)}"' in page
    assert "/media/" not in page
