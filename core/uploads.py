"""Request bodies far larger than any file Plenary accepts are refused before a byte is read."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError

MB = 1024 * 1024


class UploadTooLarge(MultiPartParserError):
    """A multipart body refused for its size: Django answers 400, the API a 400 saying why."""


class RefuseOversizedBodies(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: a multipart body over twice PLENARY_MAX_UPLOAD_MB is refused
    from its Content-Length, so that no worker spends its time and disk on it. A smaller one is
    parsed (its files spooled to disk by the handlers after this one), and the service that
    receives a file too large for it says so beside the field (documents/uploads.py)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limit = settings.PLENARY_MAX_UPLOAD_MB
        if content_length > 2 * limit * MB:
            raise UploadTooLarge(f"The upload is over {2 * limit} MB; files may be at most {limit} MB.")
        return None  # parse it as usual

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # the next handler stores it

    def file_complete(self, file_size):
        return None
