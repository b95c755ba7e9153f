// app.js: the router and the search, quotes, article and story pages.
import { h, safeHref, api, link, entityHref, articleHref, entityId, meta, marked, errorBox, empty, loading, palette, utf16,
  form, query, qs, pager, TYPES, day } from "./lib.js";
import { entityPage } from "./entity.js";
import { graphPage } from "./graph.js";
import { timelinePage, mapPage } from "./explore.js";

const main = document.getElementById("main");
let current = null; // AbortController of the page being drawn

const routes = [
  [/^\/$/, home],
  [/^\/search$/, searchPage],
  [/^\/quotes$/, quotesPage],
  [/^\/article\/([^/]+)$/, articlePage],
  [/^\/entity\/([^/]+)$/, entityPage],
  [/^\/story\/([^/]+)$/, storyPage],
  [/^\/graph$/, graphPage],
  [/^\/timeline$/, timelinePage],
  [/^\/map$/, mapPage],
];

// render draws the page of the current URL.
async function render() {
  if (current) current.abort();
  current = new AbortController();
  const signal = current.signal;
  main.replaceChildren(loading());
  for (const a of document.querySelectorAll("nav a")) {
    a.toggleAttribute("aria-current", a.getAttribute("href") === location.pathname);
  }
  for (const [re, page] of routes) {
    const m = location.pathname.match(re);
    if (!m) continue;
    try {
      const arg = m[1] ? decodeURIComponent(m[1]) : undefined;
      const out = await page({ arg, q: query(), signal });
      if (signal.aborted) return;
      main.replaceChildren(...[out].flat(Infinity).filter((x) => x !== null && x !== undefined && x !== false));
    } catch (e) {
      if (e.name === "AbortError") return;
      main.replaceChildren(h("h1", {}, e.status === 404 ? "Not found" : "Error"), errorBox(e));
    }
    document.title = (main.querySelector("h1")?.textContent || "") + " · newsgraph";
    return;
  }
  main.replaceChildren(h("h1", {}, "Not found"), empty("There is no page here.", "Try the search."));
}

// go navigates within the app.
export function go(href) {
  history.pushState(null, "", href);
  render().then(() => main.focus({ preventScroll: true }));
  window.scrollTo(0, 0);
}

document.addEventListener("click", (e) => {
  const a = e.target.closest("a");
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith("/api/") || a.target) return;
  e.preventDefault();
  if (url.pathname === location.pathname && url.search === location.search && url.hash) {
    document.getElementById(url.hash.slice(1))?.scrollIntoView();
    return;
  }
  go(url.pathname + url.search + url.hash);
});
window.addEventListener("popstate", render);
document.querySelector("form.quick").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = e.target.q.value.trim();
  go("/search" + qs({ q }));
});
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
    e.preventDefault();
    document.getElementById("quick-q").focus();
  }
});
render();

async function home({ signal }) {
  const [st, stories] = await Promise.all([api("stats", {}, signal), api("stories", { limit: 8 }, signal).catch(() => ({ results: [] }))]);
  const stat = (n, label) => h("div", { class: "stat" }, h("strong", {}, n.toLocaleString("en")), h("span", {}, label));
  return [
    h("h1", {}, "Explore the corpus"),
    h("div", { class: "stats" }, stat(st.documents, "articles"), stat(st.quotes, "quotes"), stat(st.entities, "entities"),
      stat(st.events, "events"), stat(st.stories, "stories")),
    st.documents === 0
      ? empty("The corpus is empty.", "Add articles with: newsgraph ingest FILES…, then reload.")
      : h("ul", { class: "start" },
        h("li", {}, link("/search", "Search articles"), " by words, dates and outlets"),
        h("li", {}, link("/quotes", "Find quotes"), " by speaker or subject"),
        h("li", {}, link("/graph", "See who met whom"), " in the actor network"),
        h("li", {}, link("/timeline", "Follow events over time"), " or ", link("/map", "on a map"))),
    stories.results && stories.results.length ? [h("h2", {}, "Stories carried by several outlets"),
      h("ol", { class: "hits" }, stories.results.map((x) => h("li", {}, link("/story/" + encodeURIComponent(x.id), x.title || "(untitled)"),
        h("div", { class: "meta" }, `${x.articles.length} articles · ${x.outlets.join(", ")} · ${day(x.first)}`))))] : null,
  ];
}

async function searchPage({ q, signal }) {
  const outlets = await api("outlets", {}, signal).catch(() => ({ results: [] }));
  const f = form("search", [
    ["q", "Words", "search"],
    ["from", "From", "date"],
    ["to", "To", "date"],
    ["outlet", "Outlet", "select", [["", "Any outlet"], ...outlets.results.map((o) => [o.name, `${o.name} (${o.articles})`])]],
    ["type", "Entities", "select", [["", "All types"], ...TYPES.map((t) => [t, t])]],
  ], q, "Search", (v) => go("/search" + qs(v)));
  const out = [h("h1", {}, q.q ? `Search: ${q.q}` : "Search"), f];
  if (!q.q) {
    out.push(empty("Type some words to search the articles.", 'Phrases go in double quotes: "health care". OR, NOT and prefix* work too.'));
    return out;
  }
  const params = { q: q.q, from: q.from, to: q.to, outlet: q.outlet, limit: 20 };
  const res = await api("search", params, signal);
  const list = h("ol", { class: "hits" });
  const add = (hits) => list.append(...hits.map((hit) =>
    h("li", {}, h("a", { class: "title", href: articleHref(hit.id, qs({ q: q.q })) }, hit.title || "(untitled)"),
      h("div", { class: "meta" }, meta(hit.source, hit.published)),
      h("p", { class: "snippet" }, marked(hit.snippet)))));
  add(res.results);
  const body = h("section", { class: "results", "aria-label": "Articles" });
  if (res.results.length === 0) {
    body.append(empty(`No articles match “${q.q}”.`, "Try fewer words, another spelling, or a wider date range."));
  } else {
    body.append(list);
    pager(body, res.next_cursor, (cursor) => api("search", { ...params, cursor }), add, "More results");
  }
  // The entities load after the articles, so that a slow count never holds them up.
  const side = h("aside", { class: "side", "aria-label": "Entities" }, h("h2", {}, q.type ? `${q.type} matching` : "Entities matching"), loading());
  api("entities", { name: q.q, type: q.type, limit: 12 }, signal).then((ents) => {
    side.lastChild.replaceWith(ents.results.length === 0 ? empty("None.") :
      h("ul", { class: "ents" }, ents.results.map((e) =>
        h("li", {}, h("a", { href: entityHref(e.id), class: "ent t-" + e.type }, e.name), " ",
          h("span", { class: "meta" }, `${e.type} · ${e.documents} articles`)))));
  }, (err) => err.name !== "AbortError" && side.lastChild.replaceWith(errorBox(err)));
  out.push(h("div", { class: "cols" }, body, side));
  return out;
}

// quoteItem is one quote with its speaker and article.
export function quoteItem(qh, cls) {
  return h("li", { class: "quote " + (cls || "") },
    h("blockquote", {}, qh.text),
    h("div", { class: "meta" },
      qh.speaker ? link(entityHref(entityId("PERSON", qh.speaker)), qh.speaker) : h("em", {}, "unattributed"),
      qh.cue ? ` ${qh.cue} · ` : " · ",
      link(articleHref(qh.doc, "#q" + qh.index), qh.title || "(untitled)"), " · ", meta(qh.source, qh.published)));
}

async function quotesPage({ q, signal }) {
  const f = form("quotes", [["speaker", "Speaker", "search"], ["about", "About", "search"], ["from", "From", "date"], ["to", "To", "date"]],
    q, "Find quotes", (v) => go("/quotes" + qs(v)));
  const params = { speaker: q.speaker, about: q.about, from: q.from, to: q.to, limit: 30 };
  const res = await api("quotes", params, signal);
  const list = h("ol", { class: "quotes" });
  const add = (r) => list.append(...r.results.map((x) => quoteItem(x)));
  add(res);
  const out = [h("h1", {}, "Quotes"), f];
  if (res.results.length === 0) {
    out.push(empty("No quotes match.", "Try part of a name: “Clinton” finds Hillary and Bill Clinton."));
    return out;
  }
  const box = h("section", { class: "results" }, list);
  pager(box, res.next_cursor, (cursor) => api("quotes", { ...params, cursor }), (rs) => add({ results: rs }), "More quotes");
  out.push(box);
  return out;
}

// articlePage draws the text with its layers: captions and credits,
// entity mentions, quotes coloured by speaker, event evidence.
async function articlePage({ arg, signal }) {
  const d = await api("documents/" + encodeURIComponent(arg), {}, signal);
  const at = utf16(d.text);
  const colour = palette();
  const ents = new Map(d.entities.map((e) => [e.id, e]));
  const marks = [];
  d.blocks.forEach((b) => {
    if (b.kind !== "body") marks.push({ s: b.start, e: b.end, cls: "b-" + b.kind });
    if (b.credit) marks.push({ s: b.credit.start, e: b.credit.end, cls: "credit" });
  });
  d.sentences.forEach((x, i) => marks.push({ s: x.start, e: x.end, sent: i }));
  d.quotes.forEach((x, i) => {
    const c = x.speaker ? colour(x.speaker) : "cn";
    marks.push({ s: x.start, e: x.end, cls: "q " + c, quote: i });
  });
  d.entities.forEach((e) => (e.mentions || []).forEach((m) => marks.push({ s: m.start, e: m.end, ent: e })));
  const cuts = new Set([0, d.text.length]);
  for (const m of marks) {
    m.s = at(m.s);
    m.e = at(m.e);
    cuts.add(m.s);
    cuts.add(m.e);
  }
  const pts = [...cuts].sort((a, b) => a - b);
  marks.sort((a, b) => a.s - b.s);
  const text = h("div", { class: "text", id: "text" });
  let open = [];
  let next = 0;
  const seenQuote = new Set();
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    while (next < marks.length && marks[next].s <= a) open.push(marks[next++]);
    open = open.filter((m) => m.e > a);
    const act = open.filter((m) => m.s <= a && m.e >= b);
    const piece = d.text.slice(a, b);
    const ent = act.find((m) => m.ent);
    const cls = act.filter((m) => m.cls).map((m) => m.cls).join(" ");
    const sent = act.find((m) => m.sent !== undefined);
    const q = act.find((m) => m.quote !== undefined);
    const el = ent
      ? h("a", { href: entityHref(entityId(ent.ent.type, ent.ent.name)), class: `m t-${ent.ent.type} ${cls}`, title: `${ent.ent.name} (${ent.ent.type})` }, piece)
      : cls || sent ? h("span", { class: cls || null }, piece) : document.createTextNode(piece);
    if (el.dataset && sent) el.dataset.s = sent.sent;
    if (el.id !== undefined && q && !seenQuote.has(q.quote)) {
      el.id = "q" + q.quote;
      seenQuote.add(q.quote);
    }
    text.append(el);
  }

  const speakers = new Map();
  d.quotes.forEach((x) => x.speaker && speakers.set(x.speaker, (speakers.get(x.speaker) || 0) + 1));
  const legend = h("ul", { class: "legend", "aria-label": "Speakers" },
    [...speakers].map(([id, n]) => {
      const e = ents.get(id);
      const name = e ? e.name : id;
      return h("li", {}, h("span", { class: "swatch " + colour(id) }), link(entityHref(entityId(e?.type, name)), name), ` (${n})`);
    }),
    d.quotes.some((x) => !x.speaker) ? h("li", {}, h("span", { class: "swatch cn" }), "unattributed") : null);

  const byType = new Map();
  for (const e of d.entities) {
    if (!byType.has(e.type)) byType.set(e.type, []);
    byType.get(e.type).push(e);
  }
  const entList = h("div", { class: "entlist" }, [...byType].map(([t, es]) => [h("h3", {}, t),
    h("ul", {}, es.map((e) => h("li", {}, h("a", { href: entityHref(entityId(e.type, e.name)), class: "ent t-" + e.type }, e.name),
      e.roles && e.roles.length ? h("span", { class: "meta" }, " · " + e.roles.join(", ")) : null)))]));

  const credits = d.blocks.filter((b) => b.credit);
  const flash = (i) => {
    const els = text.querySelectorAll(`[data-s="${i}"]`);
    text.querySelectorAll(".flash").forEach((x) => x.classList.remove("flash"));
    els.forEach((x) => x.classList.add("flash"));
    els[0]?.scrollIntoView({ block: "center" });
  };
  const actorName = (id) => ents.get(id)?.name || id;
  const events = h("ol", { class: "events" }, d.events.map((ev) => {
    const b = h("button", { type: "button", class: "linkish" }, "show evidence");
    b.addEventListener("click", () => flash(ev.sentence));
    return h("li", {}, h("span", { class: "etype" }, ev.type), " ",
      (ev.source || []).map(actorName).join(", ") || "?", " → ", (ev.target || []).map(actorName).join(", ") || "—",
      ev.status && ev.status !== "occurred" ? h("span", { class: "meta" }, ` (${ev.status})`) : null,
      ev.date ? h("span", { class: "meta" }, " · " + ev.date) : null,
      ev.location ? h("span", { class: "meta" }, " · " + ev.location) : null, " ", b);
  }));

  // A link to an event (#e3) lights its evidence; a link to a quote (#q2) scrolls to it.
  setTimeout(() => {
    const m = location.hash.match(/^#e(\d+)$/);
    if (m && d.events[+m[1]]) flash(d.events[+m[1]].sentence);
    else if (/^#q\d+$/.test(location.hash)) document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: "center" });
  });
  return [
    h("article", { class: "doc" },
      h("h1", {}, d.title || "(untitled)"),
      h("div", { class: "meta" }, meta(d.source, d.published), d.author ? " · " + d.author : "",
        d.url && safeHref(d.url) ? [" · ", h("a", { href: d.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null),
      h("div", { class: "cols" },
        h("div", {}, speakers.size || d.quotes.length ? legend : null, text),
        h("aside", { class: "side" },
          h("h2", {}, `Events (${d.events.length})`), d.events.length ? events : empty("No events found."),
          h("h2", {}, `Entities (${d.entities.length})`), d.entities.length ? entList : empty("No entities found."),
          h("h2", {}, "Photo credits"), credits.length
            ? h("ul", { class: "credits" }, credits.map((b) => h("li", {}, b.credit.text,
              (b.credit.photographers || []).length ? h("div", { class: "meta" }, "Photographers: " + b.credit.photographers.join(", ")) : null,
              (b.credit.agencies || []).length ? h("div", { class: "meta" }, "Agencies: " + b.credit.agencies.join(", ")) : null)))
            : empty("No credited photos."),
          h("h2", {}, "Record"), h("p", {}, h("a", { href: "/api/documents/" + encodeURIComponent(d.id) }, "JSON"),
            h("span", { class: "meta" }, " · id " + d.id.slice(0, 12) + "…"))))),
  ];
}

async function storyPage({ arg, signal }) {
  const st = await api("stories/" + encodeURIComponent(arg), {}, signal);
  return [h("h1", {}, st.title || "Story"), h("p", { class: "meta" }, `${st.articles.length} articles · ${st.outlets.join(", ")} · ${day(st.first)} – ${day(st.last)}`),
    h("ol", { class: "hits" }, st.articles.map((a) => h("li", {}, link(articleHref(a.id), a.title || "(untitled)"), h("div", { class: "meta" }, meta(a.source, a.published)))))];
}
