// explore.js: the timeline and the map of events.
import { h, s, api, form, qs, empty, pager, PLOVER } from "./lib.js";
import { go } from "./app.js";
import { eventList } from "./entity.js";

const filterFields = [
  ["actor", "Actor", "search"],
  ["type", "Events", "select", [["", "All types"], ...PLOVER.map((t) => [t, t])]],
  ["country", "Country (ISO3)", "text"],
  ["from", "From", "date"], ["to", "To", "date"],
];

const params = (q, limit) => ({ actor: q.actor, type: q.type, country: q.country, from: q.from, to: q.to, limit });

// eventDay is the day of an event: its own date, else its article's.
const eventDay = (ev) => {
  const d = ev.date && ev.date.length >= 7 ? ev.date : (ev.published || "").slice(0, 10);
  return d ? new Date(d.length === 7 ? d + "-15" : d.length === 4 ? d + "-07-01" : d) : null;
};

// timelinePage shows the latest events (a page at a time) on a time axis,
// one row per event type, and lists them below.
export async function timelinePage({ q, signal }) {
  const f = form("timeline", filterFields, q, "Show", (v) => go("/timeline" + qs(v)));
  const res = await api("events", params(q, 200), signal);
  const title = h("h1", {}, "Timeline of events");
  if (res.results.length === 0) return [title, f, empty("No events match.", "Widen the dates or clear a filter.")];
  const list = h("section", { class: "results" });
  const ol = eventList(res.results);
  list.append(ol);
  pager(list, res.next_cursor, (cursor) => api("events", { ...params(q, 200), cursor }),
    (evs) => ol.append(...eventList(evs).children), "Older events");
  return [title, f, h("figure", { class: "timeline" }, axis(res.results)),
    h("p", { class: "meta" }, `The latest ${res.results.length} events${res.next_cursor ? " (more below)" : ""}. Each dot links to its event.`), list];
}

function axis(evs) {
  const W = 960, rowH = 26, left = 100;
  const dated = evs.map((e) => [e, eventDay(e)]).filter(([, d]) => d && !isNaN(d));
  const types = [...new Set(dated.map(([e]) => e.type))].sort();
  const H = types.length * rowH + 40;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": "Events over time" });
  if (dated.length === 0) return svg;
  // The axis spans the middle 96% of the dates, so that one misdated event
  // does not squash the rest; the outliers sit hollow at the ends.
  const times = dated.map(([, d]) => +d).sort((a, b) => a - b);
  let t0 = times[Math.floor(times.length * 0.02)], t1 = times[Math.ceil(times.length * 0.98) - 1];
  if (t1 - t0 < 2 * 864e5) { t0 -= 864e5; t1 += 864e5; }
  const x = (d) => left + ((Math.min(Math.max(+d, t0), t1) - t0) / (t1 - t0)) * (W - left - 30);
  types.forEach((t, i) => {
    svg.append(s("text", { x: 0, y: 20 + i * rowH + 5, class: "tick" }, t),
      s("line", { x1: left, x2: W - 20, y1: 20 + i * rowH, y2: 20 + i * rowH, class: "row" }));
  });
  for (let k = 0; k <= 6; k++) {
    const d = new Date(t0 + ((t1 - t0) * k) / 6);
    svg.append(s("text", { x: x(d), y: H - 5, "text-anchor": k === 0 ? "start" : k === 6 ? "end" : "middle", class: "tick" },
      d.toISOString().slice(0, 10)));
  }
  for (const [e, d] of dated) {
    const a = s("a", { href: `#ev-${e.doc}-${e.index}` },
      s("circle", { cx: x(d).toFixed(1), cy: 20 + types.indexOf(e.type) * rowH, r: 5,
        class: "dot e-" + e.type + (+d < t0 || +d > t1 ? " out" : "") },
        s("title", {}, `${d.toISOString().slice(0, 10)} ${e.type}: ${e.evidence}`)));
    svg.append(a);
  }
  return svg;
}

let world = null; // the country outlines, loaded once

// mapPage draws the latest events on a world map drawn from the country
// outlines shipped with the interface: countries shaded by their number of
// events, a circle at each known place.
export async function mapPage({ q, signal }) {
  const f = form("map", filterFields, q, "Show", (v) => go("/map" + qs(v)));
  const [res, w] = await Promise.all([api("events", params(q, 200), signal), world || fetch("/static/world.json", { signal }).then((r) => r.json())]);
  world = w;
  const title = h("h1", {}, "Map of events");
  const perCountry = new Map();
  const places = new Map();
  for (const e of res.results) {
    if (e.country) perCountry.set(e.country, (perCountry.get(e.country) || 0) + 1);
    if (e.lat !== undefined && e.lon !== undefined) {
      const key = e.location || `${e.lat},${e.lon}`;
      if (!places.has(key)) places.set(key, { name: key, lat: e.lat, lon: e.lon, events: [] });
      places.get(key).events.push(e);
    }
  }
  const max = Math.max(1, ...perCountry.values());
  const svg = s("svg", { viewBox: `0 0 ${w.width} ${w.height}`, class: "map", role: "group", "aria-label": "Map of event locations" });
  svg.append(s("rect", { width: w.width, height: w.height, class: "sea" }));
  for (const c of w.countries) {
    const n = perCountry.get(c.id) || 0;
    const shade = n ? " s" + Math.min(4, 1 + Math.floor((3 * n) / max)) : "";
    svg.append(s("path", { d: c.d, class: "land" + shade }, s("title", {}, `${c.name}${n ? `: ${n} events` : ""}`)));
  }
  const px = (lon, lat) => [((lon + 180) / 360) * w.width, ((90 - lat) / 180) * w.height];
  const list = h("ul", { class: "places" });
  const sorted = [...places.values()].sort((a, b) => b.events.length - a.events.length);
  for (const p of sorted) {
    const [x, y] = px(p.lon, p.lat);
    const a = s("a", { href: "#place-" + sorted.indexOf(p), "aria-label": `${p.name}: ${p.events.length} events` },
      s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 3 + 2 * Math.sqrt(p.events.length), class: "place" },
        s("title", {}, `${p.name}: ${p.events.length} events`)));
    svg.append(a);
    list.append(h("li", { id: "place-" + sorted.indexOf(p) }, h("strong", {}, p.name), ` · ${p.events.length} ${p.events.length === 1 ? "event" : "events"}: `,
      [...new Set(p.events.map((e) => e.type))].join(", "), eventList(p.events.slice(0, 5))));
  }
  if (res.results.length === 0) return [title, f, svg, empty("No events match.", "Widen the dates or clear a filter.")];
  return [title, f, h("figure", { class: "mapbox" }, svg),
    h("p", { class: "meta" }, `The latest ${res.results.length} events; ${places.size} places located, ${perCountry.size} countries.`),
    places.size ? h("section", { "aria-label": "Places" }, h("h2", {}, "Places"), list) : empty("None of these events has a known place.")];
}
