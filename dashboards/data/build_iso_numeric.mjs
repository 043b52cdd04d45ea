// Builds iso_numeric.csv (ISO 3166-1 alpha-3 to numeric) once from the i18n-iso-countries
// package (a devDependency), so that the world map's features, which world-atlas keys by numeric
// code, can be matched to Plenary's states, which are keyed by alpha-3. Run from the repository
// root: node dashboards/data/build_iso_numeric.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const here = dirname(new URL(import.meta.url).pathname);
const codes = JSON.parse(
  readFileSync(join(here, "..", "..", "node_modules", "i18n-iso-countries", "codes.json"), "utf8"),
);
const rows = codes.map(([, alpha3, numeric]) => `${alpha3},${numeric}`).sort();
writeFileSync(join(here, "iso_numeric.csv"), ["iso3,numeric", ...rows].join("\n") + "\n");
console.log(`iso_numeric.csv: ${rows.length} countries`);
