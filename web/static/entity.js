// entity.js: the person and organisation page.
import { h, s, api, link, entityHref, articleHref, entityId, meta, empty, pager } from "./lib.js";
import { quoteItem } from "./app.js";

// entityPage shows one entity: who it is, its quotes over time, whom it
// met, what it was accused of, its events and the articles that mention it.
export async function entityPage({ arg, signal }) {
  let e;
  try {
    e = await api("entities/" + encodeURIComponent(arg), { limit: 20 }, signal);
  } catch (err) {
    // A speaker or actor known by name only (quotes and events do not say
    // its type): find the entity of that name.
    if (err.status !== 404 && err.status !== 400) throw err;
    const name = arg.slice(arg.indexOf(":") + 1);
    const r = await api("entities", { name, limit: 50 }, signal);
    const hit = r.results.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!hit || hit.id === arg) throw err;
    arg = hit.id;
    history.replaceState(null, "", entityHref(arg));
    e = await api("entities/" + encodeURIComponent(arg), { limit: 20 }, signal);
  }
  const facts = [e.type, e.country, `${e.documents} articles`, `${e.mentions} mentions`].filter(Boolean).join(" · ");
  const docs = h("ol", { class: "hits" });
  const addDocs = (ds) => docs.append(...ds.map((d) =>
    h("li", {}, link(articleHref(d.id), d.title || "(untitled)"), h("div", { class: "meta" }, meta(d.source, d.published), ` · ${d.mentions} mentions`))));
  addDocs(e.docs);
  const docBox = h("section", { "aria-label": "Articles" }, h("h2", {}, "Articles that mention it"), docs);
  pager(docBox, e.next_cursor, async (cursor) => {
    const r = await api("entities/" + encodeURIComponent(arg), { limit: 20, cursor });
    return { results: r.docs, next_cursor: r.next_cursor };
  }, addDocs, "More articles");

  const quotes = h("section", { "aria-label": "Quotes" }, h("h2", {}, "Quotes over time"),
    e.quotes_by_month.length ? chart(e.quotes_by_day && e.quotes_by_day.length > 1 ? e.quotes_by_day : e.quotes_by_month) : null,
    e.quotes.length
      ? h("ol", { class: "quotes" }, e.quotes.map((q) => quoteItem(q)))
      : empty("No quotes attributed to " + e.name + "."),
    e.quotes.length ? h("p", {}, link("/quotes?speaker=" + encodeURIComponent(e.name), "All quotes by " + e.name + " →")) : null);

  const met = h("section", { "aria-label": "Meetings" }, h("h2", {}, "Met with"),
    e.met.length
      ? h("ul", { class: "ents" }, e.met.map((p) => h("li", {}, link(entityHref(p.id), p.name), h("span", { class: "meta" }, ` · ${p.count} × CONSULT`))))
      : empty("No meetings (CONSULT events) found."),
    h("p", {}, link("/graph?actor=" + encodeURIComponent(e.name), "Network around " + e.name + " →")));

  const accused = h("section", { "aria-label": "Accusations" }, h("h2", {}, "Accused of"),
    e.accused.length ? eventList(e.accused) : empty("No accusations (ACCUSE events) against " + e.name + " found."));
  const events = h("section", { "aria-label": "Events" }, h("h2", {}, "Latest events"),
    e.events.length ? eventList(e.events) : empty("No events found."),
    h("p", {}, link("/timeline?actor=" + encodeURIComponent(e.name), "Timeline →")));

  return [
    h("h1", {}, e.name),
    h("p", { class: "meta" }, facts),
    e.roles.length ? h("p", {}, h("strong", {}, "Roles: "), e.roles.join("; ")) : null,
    e.aliases.length ? h("p", {}, h("strong", {}, "Written as: "), e.aliases.map((a) => `${a.text} (${a.count})`).join(", ")) : null,
    h("div", { class: "cols" }, h("div", {}, quotes, accused, events), h("aside", { class: "side" }, met, docBox)),
  ];
}

// eventList lists events with their evidence and article.
export function eventList(evs) {
  const names = (as) => (as || []).map((a, i) => [i ? ", " : "", link(entityHref(entityId(a.type, a.name)), a.name)]);
  return h("ol", { class: "events" }, evs.map((ev) => h("li", { id: `ev-${ev.doc}-${ev.index}` },
    h("span", { class: "etype" }, ev.type), " ", names(ev.source), ev.target && ev.target.length ? [" → ", names(ev.target)] : null,
    h("div", { class: "evidence" }, link(articleHref(ev.doc, "#e" + ev.index), "“", ev.evidence, "”")),
    h("div", { class: "meta" }, [ev.date, ev.location, ev.status !== "occurred" ? ev.status : ""].filter(Boolean).join(" · "),
      " · ", link(articleHref(ev.doc), ev.title || "(untitled)"), " · ", meta(ev.outlet, ev.published)))));
}

// chart is a bar chart of counts per month, oldest first.
export function chart(months) {
  const W = 640, H = 120, pad = 20;
  const max = Math.max(...months.map((m) => m.count));
  const bw = Math.max(2, Math.min(40, (W - pad) / months.length - 2));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H + 30}`, class: "chart", role: "img",
    "aria-label": "Quotes per period: " + months.map((m) => `${m.month} ${m.count}`).join(", ") });
  months.forEach((m, i) => {
    const bh = (m.count / max) * H;
    const x = pad + i * (bw + 2);
    svg.append(s("rect", { x, y: H - bh, width: bw, height: bh, class: "bar" }, s("title", {}, `${m.month}: ${m.count}`)));
    // Label at most about eight bars, days without their year.
    if (i % Math.ceil(months.length / Math.min(8, Math.floor(W / 80))) === 0) {
      svg.append(s("text", { x: x + bw / 2, y: H + 14, "text-anchor": "middle", class: "tick" },
        m.month.length === 10 ? m.month.slice(5) : m.month));
    }
  });
  svg.append(s("text", { x: 0, y: 10, class: "tick" }, String(max)));
  return svg;
}
