"""The API's JSON renderer (core.api.JSONRenderer): orjson's speed, DRF's bytes."""

import datetime
import decimal
import uuid

from django.utils.translation import gettext_lazy
from rest_framework import renderers

from core.api import JSONRenderer, WrittenJSON

NEW_YORK_IN_WINTER = datetime.timezone(datetime.timedelta(hours=-5))
A_PAGE = {
    "count": 2,
    "next": None,
    "results": [
        {
            "date": datetime.date(2014, 12, 18),
            "at": datetime.datetime(2014, 12, 18, 15, 30, 5, 120000, tzinfo=datetime.UTC),
            "local": datetime.datetime(2014, 12, 18, 10, 0, tzinfo=NEW_YORK_IN_WINTER),
            "time": datetime.time(9, 30),
            "share": 0.1,
            "amount": decimal.Decimal("12.50"),
            "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
            "label": gettext_lazy("Yes"),
            "title": 'Côte d\'Ivoire \u2028 line \u2029 paragraph, 朝鲜, "quoted"',
            "by_session": {69: 3, 70: None},
            "pair": (1, "two"),
        },
        {"empty": [], "nothing": {}, "flag": True},
    ],
}


def test_it_writes_the_bytes_drf_writes():
    assert JSONRenderer().render(A_PAGE) == renderers.JSONRenderer().render(A_PAGE)


def test_indented_json_for_the_browsable_api_is_drfs_too():
    context = {"indent": 4}
    assert JSONRenderer().render(A_PAGE, renderer_context=context) == renderers.JSONRenderer().render(
        A_PAGE, renderer_context=context
    )


def test_nothing_renders_as_an_empty_body():
    assert JSONRenderer().render(None) == b""


def test_json_already_written_is_written_as_it_is_compact_or_indented():
    rows = [{"state": "PRK", "choice": "N"}, {"state": "USA", "choice": "Y"}]
    written = {
        "next": None,
        "results": WrittenJSON(b'[{"state":"PRK","choice":"N"},{"state":"USA","choice":"Y"}]'),
    }
    as_dicts = {"next": None, "results": rows}
    assert JSONRenderer().render(written) == JSONRenderer().render(as_dicts)
    context = {"indent": 4}
    assert JSONRenderer().render(written, renderer_context=context) == JSONRenderer().render(
        as_dicts, renderer_context=context
    )
