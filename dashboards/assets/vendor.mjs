// Copies the exact npm files the dashboards load into static/vendor/, where Django's staticfiles
// (and whitenoise, after collectstatic) serve them: nothing is ever loaded from a CDN.
// Run by `make install` and by the Dockerfile's node stage, after `npm ci`.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const FILES = {
  "chart.js/dist/chart.umd.min.js": "chart.js/chart.umd.min.js",
  // The source map the minified file names: collectstatic's manifest refuses a missing one.
  "chart.js/dist/chart.umd.min.js.map": "chart.js/chart.umd.min.js.map",
  "chart.js/LICENSE.md": "chart.js/LICENSE.md",
  "htmx.org/dist/htmx.min.js": "htmx.org/htmx.min.js",
  "htmx.org/LICENSE": "htmx.org/LICENSE",
  // Read by the server, which projects it into the map's SVG (dashboards/worldmap.py).
  "world-atlas/countries-110m.json": "world-atlas/countries-110m.json",
  "world-atlas/LICENSE": "world-atlas/LICENSE",
};

const root = join(dirname(new URL(import.meta.url).pathname), "..", "..");
const target = join(root, "static", "vendor");
rmSync(target, { recursive: true, force: true });
for (const [from, to] of Object.entries(FILES)) {
  mkdirSync(dirname(join(target, to)), { recursive: true });
  copyFileSync(join(root, "node_modules", from), join(target, to));
}
console.log(`static/vendor: ${Object.keys(FILES).length} files from node_modules`);
