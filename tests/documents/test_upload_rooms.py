"""The upload check in every room that takes a file: the admin's form and the API answer a
refused file with a 400 naming the field and what is allowed, and store nothing; a body far over
the limit is refused before it is read."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from knox.models import AuthToken

from documents.models import Document
from documents.services import document_writes
from tests import factories
from tests.documents import samples
from tests.documents.samples import uploaded

pytestmark = pytest.mark.django_db

ADD = "/admin/documents/document/add/"
API = "/api/v1/documents/"
REFUSED = {
    "page.html": samples.HTML,
    "logo.svg": samples.SVG,
    "tool": samples.ELF,
    "setup.exe": samples.WINDOWS_EXE,
    "archive.zip": samples.plain_zip(),
}


def _admin_form(title: str, file) -> dict:
    return {
        "kind": Document.Kind.REPORT,
        "title": title,
        "file": file,
        "signatures-TOTAL_FORMS": 0,
        "signatures-INITIAL_FORMS": 0,
    }


def _token(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {AuthToken.objects.create(user)[1]}"}


@pytest.mark.parametrize("name", REFUSED)
def test_the_admin_form_refuses_a_file_beside_its_field(staff_client, name, media_root):
    response = staff_client.post(ADD, _admin_form("Refused upload", uploaded(name, REFUSED[name])))
    assert response.status_code == 200  # the form again, with its errors
    errors = response.context["adminform"].form.errors
    assert "Plenary accepts PDF" in errors["file"][0]
    assert not Document.objects.filter(title="Refused upload").exists()
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_the_admin_form_stores_an_allowed_file(staff_client, staff_user):
    letter = samples.docx()
    response = staff_client.post(ADD, _admin_form("Accepted upload", uploaded("letter.docx", letter)))
    assert response.status_code == 302
    document = Document.objects.get(title="Accepted upload")
    assert document.owner == staff_user.organization
    assert document.file.read() == letter


@pytest.mark.parametrize("name", REFUSED)
def test_the_api_refuses_a_file_with_a_400_naming_the_field(client, staff_user, name):
    body = {"kind": "report", "title": "Refused upload", "file": uploaded(name, REFUSED[name])}
    response = client.post(API, body, **_token(staff_user))
    assert response.status_code == 400
    assert "Plenary accepts PDF" in response.json()["file"][0]
    assert not Document.objects.filter(title="Refused upload").exists()


def test_the_api_stores_an_allowed_file_and_gives_its_download_address(client, staff_user):
    body = {"kind": "report", "title": "Accepted upload", "file": uploaded("report.pdf", samples.pdf())}
    response = client.post(API, body, **_token(staff_user))
    assert response.status_code == 201, response.content
    document = Document.objects.get(title="Accepted upload")
    assert response.json()["file"] == f"http://testserver/api/v1/documents/{document.pk}/file/"
    assert document.file.read() == samples.pdf()


def test_the_api_replaces_a_file_a_record_sent_back_keeps_it_and_null_removes_it(client, staff_user):
    document = factories.DocumentFactory(owner=staff_user.organization)
    headers = _token(staff_user)
    url = f"{API}{document.pk}/"
    body = encode_multipart(BOUNDARY, {"file": uploaded("notes.txt", samples.text())})
    response = client.patch(url, body, content_type=MULTIPART_CONTENT, **headers)
    assert response.status_code == 200, response.content
    read = client.get(url, **headers).json()
    read["title"] = "Renamed"
    for name in ("owner", "owner_name", "created_at", "updated_at"):
        read.pop(name)
    assert client.put(url, read, content_type="application/json", **headers).status_code == 200
    document.refresh_from_db()
    assert (document.title, document.file.read()) == ("Renamed", samples.text())
    response = client.patch(url, {"file": None}, content_type="application/json", **headers)
    assert (response.status_code, response.json()["file"]) == (200, None)


def test_a_file_just_over_the_limit_is_a_400_naming_it_in_the_admin_and_the_api(
    settings, client, staff_client, staff_user
):
    settings.PLENARY_MAX_UPLOAD_MB = 1
    over = b"a" * (1024 * 1024 + 1)
    response = staff_client.post(ADD, _admin_form("Too large", uploaded("big.txt", over)))
    assert "at most 1 MB" in response.context["adminform"].form.errors["file"][0]
    body = {"kind": "report", "title": "Too large", "file": uploaded("big.txt", over)}
    response = client.post(API, body, **_token(staff_user))
    assert response.status_code == 400
    assert "at most 1 MB" in response.json()["file"][0]
    assert not Document.objects.filter(title="Too large").exists()


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(settings, client, staff_client, staff_user):
    settings.PLENARY_MAX_UPLOAD_MB = 1
    far_over = b"a" * (2 * 1024 * 1024 + 1)
    response = staff_client.post(ADD, _admin_form("Far too large", uploaded("big.txt", far_over)))
    assert response.status_code == 400
    body = {"kind": "report", "title": "Far too large", "file": uploaded("big.txt", far_over)}
    response = client.post(API, body, **_token(staff_user))
    assert response.status_code == 400
    assert "at most 1 MB" in response.json()["detail"]
    assert not Document.objects.filter(title="Far too large").exists()


def test_the_service_refuses_a_file_from_any_caller(staff_user):
    """A command or a task saving through the service meets the same check as the admin and the API."""
    data = {"kind": "report", "title": "From a script", "file": ContentFile(samples.SVG, name="logo.svg")}
    with pytest.raises(ValidationError) as refused:
        document_writes.save(author=staff_user, record=Document(), data=data)
    assert "Plenary accepts PDF" in refused.value.message_dict["file"][0]
    assert not Document.objects.filter(title="From a script").exists()
