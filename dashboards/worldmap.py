"""The world map's geometry: world-atlas's TopoJSON (installed from npm) projected on the server into
SVG paths keyed by ISO 3166-1 alpha-3, once per process.

Drawn on the server rather than in the browser so that the map is plain HTML: it shows without
JavaScript, each country carries its own title for screen readers and tests, and a page weighs no
mapping library. world-atlas keys countries by ISO numeric code; dashboards/data/iso_numeric.csv
(built once from the i18n-iso-countries package, see build_iso_numeric.mjs) turns them into the
alpha-3 codes Plenary's states are keyed by.
"""

import csv
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from django.contrib.staticfiles import finders

ATLAS = "vendor/world-atlas/countries-110m.json"  # copied from node_modules by `make install`
ISO_NUMERIC = Path(__file__).resolve().parent / "data" / "iso_numeric.csv"
WIDTH = 1000
MARGIN = 4
ANTARCTICA = "010"  # no state of its own, and at this projection a wide band along the bottom


@dataclass(frozen=True)
class Country:
    iso3: str | None  # None for the atlas's few features without a code (e.g. Kosovo)
    name: str  # as the atlas names it
    path: str  # SVG path data in the map's coordinates


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: int
    countries: tuple[Country, ...]

    @property
    def iso3s(self) -> frozenset[str]:
        return frozenset(country.iso3 for country in self.countries if country.iso3)


@functools.cache
def iso3_by_numeric() -> dict[str, str]:
    with ISO_NUMERIC.open(newline="") as file:
        return {row["numeric"]: row["iso3"] for row in csv.DictReader(file)}


@functools.cache
def world_map() -> WorldMap | None:
    """The projected map, or None when the atlas is not installed (run `make install`)."""
    atlas_path = finders.find(ATLAS)
    if atlas_path is None:
        return None
    with open(atlas_path, encoding="utf-8") as file:
        topology = json.load(file)
    return project_topology(topology, iso3_by_numeric())


def project_topology(topology: dict, iso3_of: dict[str, str]) -> WorldMap:
    """Decode a TopoJSON topology's countries, cut them at the antimeridian, project them (Natural
    Earth I) and fit them to the map's width."""
    arcs = _decode_arcs(topology)
    features = [
        (
            geometry,
            [_project(part) for ring in _rings(geometry, arcs) for part in _split_at_antimeridian(ring)],
        )
        for geometry in topology["objects"]["countries"]["geometries"]
        if geometry.get("id") != ANTARCTICA and geometry.get("arcs")
    ]
    points = [point for _, rings in features for ring in rings for point in ring]
    left, right = min(x for x, _ in points), max(x for x, _ in points)
    bottom, top = min(y for _, y in points), max(y for _, y in points)
    scale = (WIDTH - 2 * MARGIN) / (right - left)
    height = round((top - bottom) * scale) + 2 * MARGIN

    def to_svg(point):
        # SVG's y axis points down; the projection's up.
        return (point[0] - left) * scale + MARGIN, (top - point[1]) * scale + MARGIN

    countries = tuple(
        Country(
            iso3=iso3_of.get(geometry.get("id", "")),
            name=geometry.get("properties", {}).get("name", ""),
            path=_path_data([[to_svg(point) for point in ring] for ring in rings]),
        )
        for geometry, rings in features
    )
    return WorldMap(WIDTH, height, countries)


def natural_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """The Natural Earth I projection (Šavrič et al. 2011, as d3-geo's geoNaturalEarth1)."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def _project(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [natural_earth(lon, lat) for lon, lat in ring]


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Each arc as (longitude, latitude) points; quantized topologies store them as deltas."""
    transform = topology.get("transform")
    if not transform:
        return [[(p[0], p[1]) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            positions.append((x * sx + tx, y * sy + ty))
        decoded.append(positions)
    return decoded


def _ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        # A negative index is the one's complement of an arc walked backwards.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)  # consecutive arcs share their joining point
    return ring


def _rings(geometry: dict, arcs) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "Polygon":
        polygons = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        return []
    return [_ring(ring, arcs) for polygon in polygons for ring in polygon]


def _split_at_antimeridian(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the 180th meridian (Russia's Chukotka, Fiji) as its parts on either
    side; world-atlas leaves the cut to the renderer, and a ring drawn as is would streak across
    the whole map."""
    unwrapped = [ring[0]]
    for lon, lat in ring[1:]:
        previous = unwrapped[-1][0]
        lon += 360 * round((previous - lon) / 360)  # the shorter way round
        unwrapped.append((lon, lat))
    lons = [lon for lon, _ in unwrapped]
    if min(lons) >= -180 and max(lons) <= 180:
        return [ring]
    edge = 180 if max(lons) > 180 else -180
    inside = _clip(unwrapped, edge, keep_below=edge > 0)
    outside = [(lon - 2 * edge, lat) for lon, lat in _clip(unwrapped, edge, keep_below=edge < 0)]
    return [part for part in (inside, outside) if len(part) >= 3]


def _clip(ring: list[tuple[float, float]], edge: float, *, keep_below: bool) -> list[tuple[float, float]]:
    """Sutherland-Hodgman: the ring cut by the meridian `edge`, keeping the side below or above."""

    def keeps(point) -> bool:
        return point[0] <= edge if keep_below else point[0] >= edge

    def crossing(a, b):
        t = (edge - a[0]) / (b[0] - a[0])
        return edge, a[1] + t * (b[1] - a[1])

    clipped = []
    for previous, current in zip([ring[-1], *ring[:-1]], ring, strict=True):
        if keeps(current):
            if not keeps(previous):
                clipped.append(crossing(previous, current))
            clipped.append(current)
        elif keeps(previous):
            clipped.append(crossing(previous, current))
    return clipped


def _path_data(rings: list[list[tuple[float, float]]]) -> str:
    """Rings as SVG path data, to a tenth of a pixel, dropping points that round to the last one."""
    parts = []
    for ring in rings:
        rounded = []
        for x, y in ring:
            point = (round(x, 1), round(y, 1))
            if not rounded or point != rounded[-1]:
                rounded.append(point)
        if len(rounded) < 3:
            continue
        parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in rounded) + "Z")
    return "".join(parts)
