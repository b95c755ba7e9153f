// build.mjs writes ../static/world.json: the country outlines of Natural
// Earth (1:110m, public domain, via the world-atlas package) as SVG path
// data in an equirectangular projection onto a 1000×500 box, keyed by ISO
// 3166-1 alpha-3 code. The web map draws these paths; it needs no tiles and
// no network. Reproduce with: npm ci && node build.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";
import { whereNumeric } from "iso-3166-1";

const require = createRequire(import.meta.url);
const W = 1000, H = 500;
const topo = JSON.parse(readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8"));
const fc = feature(topo, topo.objects.countries);

const px = ([lon, lat]) => [((lon + 180) / 360) * W, ((90 - lat) / 180) * H];
const r = (v) => Math.round(v * 10) / 10;

function ring(coords) {
  let d = "", last = "";
  coords.forEach((c, i) => {
    const [x, y] = px(c).map(r);
    const pt = `${x} ${y}`;
    if (pt === last) return;
    d += (i === 0 ? "M" : "L") + pt;
    last = pt;
  });
  return d + "Z";
}

const countries = [];
for (const f of fc.features) {
  if (!f.geometry) continue;
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const d = polys.map((p) => p.map(ring).join("")).join("");
  const iso = whereNumeric(f.id);
  countries.push({ id: iso ? iso.alpha3 : "", name: f.properties.name, d });
}
countries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const out = {
  source: "Natural Earth 1:110m country outlines (public domain) via world-atlas 2.0.2",
  projection: "equirectangular", width: W, height: H, countries,
};
writeFileSync(new URL("../static/world.json", import.meta.url), JSON.stringify(out) + "\n");
console.log(`wrote ${countries.length} countries`);
