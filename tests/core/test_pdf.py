"""PDFs never reach the network: WeasyPrint's fetcher serves Plenary's static files and refuses
every other URL, http(s) and file alike."""

import pytest

from core.pdf import RefusedURL, html_to_pdf, local_static_fetcher


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.invalid/font.woff2",
        "http://127.0.0.1:8000/static/dashboards/brief.css",
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
        "file://evil.example.org/static/dashboards/brief.css",
        "ftp://example.org/static/x.css",
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_file(url):
    with pytest.raises(RefusedURL):
        local_static_fetcher().fetch(url)


def test_the_fetcher_serves_a_static_file_from_the_finders():
    response = local_static_fetcher().fetch("file:///static/dashboards/brief.css")

    assert response.content_type == "text/css" and b"@page" in response.read()


def test_a_pdf_is_drawn_without_the_resources_it_may_not_fetch(monkeypatch):
    from weasyprint.urls import URLFetcher

    fetched = []
    monkeypatch.setattr(URLFetcher, "fetch", lambda self, url, headers=None: fetched.append(url))
    html = (
        '<link rel="stylesheet" href="https://elsewhere.invalid/evil.css">'
        '<img src="file:///etc/hostname"><p>Shown without them</p>'
    )

    assert html_to_pdf(html).startswith(b"%PDF-")
    assert fetched == []  # WeasyPrint's own fetcher, which would have gone out, was never asked
