"""The campaign page's map as a picture to hand out: a standalone SVG document, coloured as the page
colours it (the same states panel, the same mode and filters), with its legend and counts drawn in.

The page colours its map with the stylesheet's classes; a file opened on its own, pasted into a
slide or embedded in the PDF brief has no stylesheet, so each country carries its colour as a
presentation attribute (fill), which the Content-Security-Policy does not count as a style.

No PNG: WeasyPrint (since version 53) writes only PDF, and rasterising would take another library
(CairoSVG, or a browser). An SVG scales to any size, prints sharp, and opens in every browser and
office suite; a PNG is one screenshot away.
"""

from django.utils.formats import date_format
from django.utils.html import escape

from dashboards.panels import StatesPanel

OUTSIDE = "#e5e7eb"  # a country with no vote (not a member state), as on the page
BORDER = "#ffffff"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
HEADING = 40  # the heading's band above the map
LEGEND_COLUMNS = 3
LEGEND_ROW = 28


def map_svg(panel: StatesPanel, *, campaign_name: str, standalone: bool = True) -> str:
    """The map with its heading and legend; `standalone`: as a file of its own (with the XML
    declaration and its size in pixels), else to be placed inline in an HTML page."""
    width, map_height = panel.map_width, panel.map_height
    legend_rows = -(-len(panel.legend) // LEGEND_COLUMNS)
    height = HEADING + map_height + 12 + legend_rows * LEGEND_ROW
    heading = (
        f"{campaign_name}: coloured by {panel.mode.label.lower()}, as of "
        f"{date_format(panel.filters.as_of, 'j M Y')}"
    )
    size = f' width="{width}" height="{height}"' if standalone else ""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else "",
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"{size}'
        f' role="img" aria-labelledby="brief-map-title" font-family="{FONT}">',
        f'<title id="brief-map-title">{escape(heading)}</title>',
        f'<text x="4" y="26" font-size="20" font-weight="bold" fill="#1f2328">{escape(heading)}</text>',
        f'<g transform="translate(0 {HEADING})" stroke="{BORDER}" stroke-width="0.5">',
        _country_paths(panel),
        "</g>",
        _legend(panel, top=HEADING + map_height + 12, width=width),
        "</svg>",
    ]
    return "".join(parts)


def _country_paths(panel: StatesPanel) -> str:
    colours = {value.css: value.colour for value in panel.mode.values}
    paths = []
    for item in panel.countries:
        classes = item.css.split()
        fill = colours.get(classes[0], OUTSIDE)
        faded = ' fill-opacity="0.3"' if "dimmed" in classes else ""
        paths.append(
            f'<path d="{item.country.path}" fill="{fill}"{faded}><title>{escape(item.title)}</title></path>'
        )
    return "".join(paths)


def _legend(panel: StatesPanel, *, top: int, width: int) -> str:
    column_width = width // LEGEND_COLUMNS
    entries = []
    for index, entry in enumerate(panel.legend):
        x = 4 + (index % LEGEND_COLUMNS) * column_width
        y = top + (index // LEGEND_COLUMNS) * LEGEND_ROW
        entries.append(
            f'<rect x="{x}" y="{y}" width="18" height="18" fill="{entry.value.colour}" stroke="#57606a"'
            f' stroke-width="0.5"/><text x="{x + 26}" y="{y + 14}" font-size="15" fill="#1f2328">'
            f"{escape(entry.value.label)} ({entry.count})</text>"
        )
    return "".join(entries)
