"""PDFs drawn by WeasyPrint from Plenary's own HTML, without ever reaching the network.

WeasyPrint fetches a document's stylesheets, images and fonts through a `url_fetcher`; its default
one follows any http(s) or file URL, so a link in a rendered record could make the server read a
local file or call another machine. Here the document's base is `file:///`, so that its links to
/static/… come to the fetcher as file:///static/…, which it serves from the staticfiles finders
(or the collected files); it refuses everything else, file or network alike. Fonts are the
system's, named by family in the stylesheets (fontconfig finds them; no @font-face is fetched).
"""

import mimetypes
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

DOCUMENT_BASE = "file:///"


class RefusedURL(ValueError):
    """A URL a PDF may not fetch: anything but Plenary's static files."""


def static_name(url: str) -> str:
    """The static file's name (e.g. "dashboards/brief.css") a file:///static/… URL asks for."""
    parts = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if parts.scheme != "file" or parts.netloc or not parts.path.startswith(prefix):
        raise RefusedURL(f"A PDF may only use Plenary's static files, not {url!r}.")
    name = unquote(parts.path[len(prefix) :])
    if not name or ".." in name.split("/"):
        raise RefusedURL(f"Not a static file: {url!r}.")
    return name


def static_file(name: str) -> bytes:
    """The bytes of the static file `name`, found as `runserver` or the collected files find it."""
    path = finders.find(name)
    if path is not None:
        with open(path, "rb") as file:
            return file.read()
    if staticfiles_storage.exists(name):  # a hashed name, after collectstatic
        with staticfiles_storage.open(name) as file:
            return file.read()
    raise RefusedURL(f"No static file {name!r}.")


def local_static_fetcher():
    """WeasyPrint's url_fetcher: a static file's bytes, RefusedURL for any other URL."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalStaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):  # carried in the document itself: nothing to fetch
                return super().fetch(url, headers)
            name = static_name(url)
            mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, static_file(name), {"Content-Type": mime_type})

    return LocalStaticFetcher()


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`, whose stylesheets are Plenary's static files."""
    import weasyprint  # imported on first use: it loads pango, which most requests never need

    document = weasyprint.HTML(string=html, base_url=DOCUMENT_BASE, url_fetcher=local_static_fetcher())
    return document.write_pdf()
