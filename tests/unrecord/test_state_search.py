"""Staff find a state by any of its names, in any UN language, accents and case ignored: in the
admin's autocompletes and searches, and in the API's ?search= on states; one query to match."""

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin
from django.urls import reverse

from unrecord.models import MemberState

pytestmark = pytest.mark.django_db

API = "/api/v1"


def autocomplete(client, term, *, app_label="campaigns", model_name="target", field_name="state"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200, response.content
    return [result["text"] for result in response.json()["results"]]


@pytest.mark.parametrize(
    ("term", "first"),
    [
        ("cote", "Côte d'Ivoire"),
        ("UK", "United Kingdom"),
        ("Turkey", "Türkiye"),
        ("Кот-д’Ивуар", "Côte d'Ivoire"),
        ("Великобритания", "United Kingdom"),
        ("朝鲜", "North Korea"),
        ("Côte d’Ivoire", "Côte d'Ivoire"),
        ("ساحل العاج", "Côte d'Ivoire"),
        ("Reino Unido", "United Kingdom"),
    ],
)
def test_the_admin_autocomplete_finds_a_state_by_any_name_best_match_first(admin_client, term, first):
    assert autocomplete(admin_client, term)[0] == first


def test_a_short_abbreviation_finds_its_state_before_names_that_merely_start_with_it(admin_client):
    found = autocomplete(admin_client, "UK")
    assert found[0] == "United Kingdom"
    assert "Ukraine" in found  # a word starting with "uk", ranked after the whole name


def test_the_admin_changelist_search_uses_the_same_names(admin_client):
    response = admin_client.get(reverse("admin:unrecord_memberstate_changelist"), {"q": "Turquía"})
    assert response.status_code == 200
    assert [state.iso3 for state in response.context["cl"].result_list] == ["TUR"]


def test_a_name_edited_in_the_admin_is_found_before_the_shipped_names_know_it(admin_client):
    MemberState.objects.create(iso3="XKX", un_name="Kosovo", common_name="Kosovo")
    assert autocomplete(admin_client, "kosov") == ["Kosovo"]
    assert autocomplete(admin_client, "xkx") == ["Kosovo"]


def test_the_autocomplete_runs_the_same_queries_whatever_it_finds(admin_client, django_assert_num_queries):
    autocomplete(admin_client, "warm the session")
    # The session, the user and its device; the count of matches and their page.
    for term in ("cote", "UK", "guinea", "Турция"):
        with django_assert_num_queries(5):
            autocomplete(admin_client, term)


def _editable_forms(request):
    """(name, form class) of every admin form and inline form `request.user` may fill in."""
    for model_admin in admin.site._registry.values():
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            yield type(model_admin).__name__, model_admin.get_form(request), None
        for inline in model_admin.get_inline_instances(request):
            if inline.has_add_permission(request, None) or inline.has_change_permission(request):
                formset = inline.get_formset(request)
                yield type(inline).__name__, formset.form, formset.fk.name  # the parent: not picked


def test_every_admin_form_that_picks_a_state_uses_the_states_search(admin_user, rf):
    request = rf.get("/")
    request.user = admin_user
    pickers, unsearchable = set(), []
    for owner, form, parent in _editable_forms(request):
        for name, field in form.base_fields.items():
            queryset = getattr(field, "queryset", None)
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's "+" wrapper
            picks_states = queryset is not None and queryset.model is MemberState and name != parent
            if picks_states:
                pickers.add(f"{owner}.{name}")
            if picks_states and not isinstance(widget, AutocompleteMixin):
                unsearchable.append(f"{owner}.{name}")
    assert unsearchable == []
    assert {
        "MeetingAdmin.states",
        "SideEventAdmin.cosponsors",
        "TargetAdmin.state",
        "StanceAdmin.state",
    } <= pickers


# The API


def test_the_api_finds_states_by_any_name(api_client_for):
    client = api_client_for()
    for term, iso3 in [("cote", "CIV"), ("Турция", "TUR"), ("科特迪瓦", "CIV"), ("UK", "GBR")]:
        results = client.get(f"{API}/member-states/", {"search": term}).json()["results"]
        assert results[0]["iso3"] == iso3, term


def test_the_api_search_keeps_an_ordering_asked_for(api_client_for):
    results = api_client_for().get(f"{API}/member-states/", {"search": "guinea", "ordering": "-iso3"})
    codes = [state["iso3"] for state in results.json()["results"]]
    assert codes == sorted(codes, reverse=True) and {"GIN", "GNB", "GNQ", "PNG"} <= set(codes)


def test_a_states_page_in_the_api_has_its_names_in_the_six_languages(api_client_for):
    names = api_client_for().get(f"{API}/member-states/CIV/").json()["names"]
    assert names == {
        "ar": "ساحل العاج",
        "zh": "科特迪瓦",
        "en": "Côte d’Ivoire",
        "fr": "Côte d’Ivoire",
        "ru": "Кот-д’Ивуар",
        "es": "Côte d’Ivoire",
    }


def test_a_former_member_has_no_names_from_cldr_in_the_api(api_client_for):
    assert api_client_for().get(f"{API}/member-states/YUG/").json()["names"] is None


def test_a_states_page_in_the_api_runs_the_same_queries_with_its_names(
    api_client_for, django_assert_num_queries
):
    client = api_client_for()
    client.get(f"{API}/member-states/TUR/")
    # The session, the user, the version (ETag), the state, its other groups: the names, none.
    with django_assert_num_queries(5):
        assert client.get(f"{API}/member-states/CIV/").status_code == 200


def test_the_admin_shows_the_six_names_on_a_states_page(admin_client):
    civ = MemberState.objects.get(iso3="CIV")
    page = admin_client.get(reverse("admin:unrecord_memberstate_change", args=[civ.pk])).content.decode()
    assert '<span lang="ru" dir="auto">Кот-д’Ивуар</span>' in page
    assert '<span lang="zh" dir="auto">科特迪瓦</span>' in page


@pytest.fixture
def api_client_for(client, analyst_user):
    def signed_in():
        client.force_login(analyst_user)
        return client

    return signed_in
