"""The world map: TopoJSON decoded and projected on the server, countries matched by ISO code."""

import csv
import json
from pathlib import Path

import pytest

from dashboards.worldmap import ISO_NUMERIC, iso3_by_numeric, natural_earth, project_topology, world_map
from unrecord.models import MemberState

CODES_JSON = Path(__file__).resolve().parents[2] / "node_modules" / "i18n-iso-countries" / "codes.json"


def _topology(arcs, geometries, transform=None) -> dict:
    topology = {"type": "Topology", "arcs": arcs, "objects": {"countries": {"geometries": geometries}}}
    if transform:
        topology["transform"] = transform
    return topology


def test_natural_earth_keeps_the_origin_and_is_symmetric():
    assert natural_earth(0, 0) == (0, 0)
    x, y = natural_earth(90, 45)
    assert natural_earth(-90, -45) == pytest.approx((-x, -y))
    assert natural_earth(180, 0)[0] == pytest.approx(0.8707 * 3.141592653589793)


def test_quantized_delta_encoded_arcs_decode_into_one_closed_ring_per_polygon():
    # A square from (0, 0) to (10, 10) degrees, in two arcs sharing their ends; the second walked
    # backwards (~1), as TopoJSON writes a border shared with a neighbour.
    transform = {"scale": [1, 1], "translate": [0, 0]}
    arcs = [[[0, 0], [10, 0], [0, 10]], [[0, 0], [0, 10], [10, 0]]]
    topology = _topology(arcs, [{"type": "Polygon", "arcs": [[0, ~1]], "id": "072"}], transform)

    world = project_topology(topology, {"072": "BWA"})

    (country,) = world.countries
    assert country.iso3 == "BWA"
    assert country.path.startswith("M") and country.path.endswith("Z")
    points = country.path[1:-1].split("L")
    assert len(points) == 5 and points[0] == points[-1]  # four corners, closed


def test_a_country_across_the_antimeridian_is_cut_in_two_rather_than_drawn_across_the_map():
    ring = [[170, 60], [-170, 60], [-170, 70], [170, 70], [170, 60]]
    topology = _topology([ring], [{"type": "Polygon", "arcs": [[0]], "id": "643"}])

    world = project_topology(topology, {"643": "RUS"})

    (country,) = world.countries
    assert country.path.count("M") == 2  # a part at each edge of the map
    xs = [
        float(point.split()[0])
        for part in country.path.split("M")[1:]
        for point in part.strip("Z").split("L")
    ]
    assert min(xs) < 10 and max(xs) > world.width - 10


def test_the_mapping_csv_is_what_i18n_iso_countries_says():
    if not CODES_JSON.exists():
        pytest.skip("node_modules/i18n-iso-countries is not installed (make install)")
    codes = {alpha3: numeric for _, alpha3, numeric, _ in json.loads(CODES_JSON.read_text())}
    with ISO_NUMERIC.open(newline="") as file:
        shipped = {row["iso3"]: row["numeric"] for row in csv.DictReader(file)}

    assert shipped == codes


@pytest.mark.django_db
def test_every_state_with_a_seat_today_has_a_numeric_code():
    numeric = set(iso3_by_numeric().values())
    seated = set(
        MemberState.objects.exclude(status="historic")
        .filter(left_on__isnull=True)
        .values_list("iso3", flat=True)
    )

    assert len(seated) == 195 and seated <= numeric


@pytest.mark.django_db
def test_the_installed_atlas_draws_most_states_and_leaves_the_smallest_to_the_tiles():
    world = world_map()
    assert world is not None, "static/vendor/world-atlas is missing: run make install"
    seated = set(
        MemberState.objects.exclude(status="historic")
        .filter(left_on__isnull=True)
        .values_list("iso3", flat=True)
    )

    drawn = seated & world.iso3s
    assert len(drawn) == 195 - 29
    assert {"MLT", "SGP", "TUV", "NRU", "VAT", "MCO"}.isdisjoint(drawn)
    assert {"PRK", "BRA", "RUS", "FJI", "USA"} <= drawn
