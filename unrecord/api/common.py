"""The recorded votes' cursor pages: a million rows, paged by roll call."""

from django.conf import settings
from rest_framework import exceptions, pagination
from rest_framework.response import Response

from core.api import CappedPageNumberPagination, with_next_link


class VoteCursorPagination(pagination.CursorPagination):
    """Pages through a million recorded votes in the order of their key, (roll call, state): the
    cursor holds the last row's roll call, with DRF's offset among that roll call's votes, so that
    a page costs the same at the end of the record as at its start, and stays put while imports
    append (a new roll call gets a higher id). Each filter finds its first page from an index:
    a state's votes from its index on (state, date, roll call), 2,565 for North Korea, sorted
    by roll call for the page; votes filtered by roll call (?session=69: 800,000 rows past the
    start) from the matching roll calls, then each one's votes from the key's index."""

    ordering = ("vote_event_id", "state_id")
    page_size = 100
    page_size_query_param = "page_size"
    page_size_query_description = f"Rows per page, 1 to {settings.API_MAX_PAGE_SIZE} (default 100)."
    max_page_size = settings.API_MAX_PAGE_SIZE
    # The same 400 for a bad page size as on every other list.
    get_page_size = CappedPageNumberPagination.get_page_size

    def decode_cursor(self, request):
        # A mangled cursor is bad input: not DRF's 404, nor a 500 when a position that is not a
        # number reaches the roll-call filter.
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise self._bad_cursor() from None
        if cursor is not None and cursor.position is not None and not cursor.position.isdigit():
            raise self._bad_cursor()
        return cursor

    def _bad_cursor(self) -> exceptions.ValidationError:
        return exceptions.ValidationError({self.cursor_query_param: ["Not a cursor this API handed out."]})

    def _get_position_from_instance(self, instance, ordering):
        # The list pages selectors.recorded_vote_keys rows: tuples, their roll call first.
        return (
            str(instance[0])
            if isinstance(instance, tuple)
            else super()._get_position_from_instance(instance, ordering)
        )

    def get_paginated_response(self, data) -> Response:
        return with_next_link(super().get_paginated_response(data))
