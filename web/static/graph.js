// graph.js: the actor network, drawn with a small force layout in SVG.
import { h, s, api, entityHref, form, qs, empty, PLOVER } from "./lib.js";
import { go } from "./app.js";

const W = 960, H = 640;

// graphPage draws who did what to whom: actors as nodes, events as edges
// whose width grows with their number. Nodes can be dragged, focused with
// Tab and opened with Enter.
export async function graphPage({ q, signal }) {
  const type = q.type === undefined ? "CONSULT" : q.type;
  const f = form("graph", [
    ["actor", "Actor", "search"],
    ["type", "Events", "select", [["", "All types"], ...PLOVER.map((t) => [t, t])]],
    ["from", "From", "date"], ["to", "To", "date"],
  ], { ...q, type }, "Draw", (v) => go("/graph" + qs({ ...v, type: v.type || "all" })));
  const g = await api("graph", { actor: q.actor, type: type === "all" ? "" : type, from: q.from, to: q.to, limit: 120 }, signal);
  const title = h("h1", {}, "Actor network" + (q.actor ? `: ${q.actor}` : ""));
  if (g.edges.length === 0) {
    return [title, f, empty("No events between actors match.", "Try all event types, or another actor.")];
  }
  const svg = draw(g, q.actor);
  const rows = g.edges.slice(0, 50).map((e) => {
    const a = g.nodes.find((n) => n.id === e.source), b = g.nodes.find((n) => n.id === e.target);
    return h("tr", {}, h("td", {}, h("a", { href: entityHref(a.id) }, a.name)), h("td", {}, e.type),
      h("td", {}, h("a", { href: entityHref(b.id) }, b.name)), h("td", { class: "num" }, e.weight));
  });
  return [title, f,
    h("p", { class: "meta" }, `${g.nodes.length} actors, ${g.edges.length} links. Drag to move; Tab to a node and press Enter to open it.`),
    h("figure", { class: "graph" }, svg),
    h("details", {}, h("summary", {}, "As a table"),
      h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Source"), h("th", {}, "Event"), h("th", {}, "Target"), h("th", {}, "Events"))), h("tbody", {}, rows)))];
}

function draw(g, focus) {
  const nodes = g.nodes.map((n, i) => ({ ...n, x: W / 2 + 200 * Math.cos(i * 2.4) * Math.sqrt(i / g.nodes.length),
    y: H / 2 + 200 * Math.sin(i * 2.4) * Math.sqrt(i / g.nodes.length), vx: 0, vy: 0 }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = g.edges.map((e) => ({ ...e, a: byId.get(e.source), b: byId.get(e.target) })).filter((e) => e.a && e.b);
  const maxW = Math.max(...nodes.map((n) => n.weight));
  const radius = (n) => 5 + 18 * Math.sqrt(n.weight / maxW);
  layout(nodes, edges, 300);
  const labelled = new Set([...nodes].sort((a, b) => b.weight - a.weight).slice(0, 30));

  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": "Actor network" });
  const edgeEls = edges.map((e) => {
    const l = s("line", { class: "edge e-" + e.type, "stroke-width": 1 + Math.log2(e.weight) },
      s("title", {}, `${e.a.name} → ${e.b.name}: ${e.weight} × ${e.type}`));
    svg.append(l);
    return l;
  });
  const nodeEls = nodes.map((n) => {
    const label = s("text", { dy: -radius(n) - 3, "text-anchor": "middle" }, n.name);
    const c = s("circle", { r: radius(n), class: "node t-" + (n.type || "MISC") });
    const grp = s("g", { class: "n" + (labelled.has(n) ? " big" : "") + (focus && n.name.toLowerCase().includes(focus.toLowerCase()) ? " focus" : ""),
      tabindex: 0, role: "link", "aria-label": `${n.name}, ${n.type || "actor"}, ${n.weight} events` },
    s("title", {}, `${n.name} (${n.type || "actor"}) · ${n.weight} events`), c, label);
    grp.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") go(entityHref(n.id));
    });
    grp.addEventListener("focus", () => highlight(n));
    grp.addEventListener("blur", () => highlight(null));
    grp.addEventListener("pointerenter", () => highlight(n));
    grp.addEventListener("pointerleave", () => highlight(null));
    drag(svg, grp, n, () => place(), () => go(entityHref(n.id)));
    svg.append(grp);
    return grp;
  });
  function highlight(n) {
    edges.forEach((e, i) => edgeEls[i].classList.toggle("hot", !!n && (e.a === n || e.b === n)));
    svg.classList.toggle("hovering", !!n);
    nodes.forEach((m, i) => nodeEls[i].classList.toggle("hot", !!n && (m === n || edges.some((e) => (e.a === n && e.b === m) || (e.b === n && e.a === m)))));
  }
  function place() {
    edges.forEach((e, i) => {
      edgeEls[i].setAttribute("x1", e.a.x);
      edgeEls[i].setAttribute("y1", e.a.y);
      edgeEls[i].setAttribute("x2", e.b.x);
      edgeEls[i].setAttribute("y2", e.b.y);
    });
    nodes.forEach((n, i) => nodeEls[i].setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`));
  }
  place();
  return svg;
}

// layout runs a Fruchterman-Reingold spring embedder: nodes repel, edges
// pull, gravity keeps small components near the centre, and the steps
// shrink as the layout cools.
function layout(nodes, edges, steps) {
  const n = Math.max(nodes.length, 1);
  const k = Math.sqrt((W * H) / n) * 0.5;
  const cx = W / 2, cy = H / 2;
  for (let t = 0; t < steps; t++) {
    const temp = (W / 8) * (1 - t / steps) + 1;
    for (const a of nodes) {
      a.vx = (cx - a.x) * 0.1;
      a.vy = (cy - a.y) * 0.15;
    }
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i];
      for (let j = i + 1; j < nodes.length; j++) {
        const b = nodes[j];
        const dx = a.x - b.x, dy = a.y - b.y;
        const d = Math.max(Math.hypot(dx, dy), 0.5);
        const f = (k * k) / d / d;
        a.vx += dx * f; a.vy += dy * f;
        b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    for (const e of edges) {
      const dx = e.b.x - e.a.x, dy = e.b.y - e.a.y;
      const d = Math.max(Math.hypot(dx, dy), 0.5);
      const f = (d / k) * Math.min(1 + Math.log2(e.weight) / 2, 3);
      e.a.vx += dx * f / d * d / 2; e.a.vy += dy * f / d * d / 2;
      e.b.vx -= dx * f / d * d / 2; e.b.vy -= dy * f / d * d / 2;
    }
    for (const a of nodes) {
      const v = Math.max(Math.hypot(a.vx, a.vy), 1e-9);
      const m = Math.min(v, temp) / v;
      a.x = Math.min(W - 40, Math.max(40, a.x + a.vx * m));
      a.y = Math.min(H - 25, Math.max(25, a.y + a.vy * m));
    }
  }
}

// drag lets the pointer move node n; a click without movement calls open.
function drag(svg, el, n, moved, open) {
  let start = null;
  el.addEventListener("pointerdown", (e) => {
    start = { x: e.clientX, y: e.clientY, moved: false };
    el.setPointerCapture(e.pointerId);
  });
  el.addEventListener("pointermove", (e) => {
    if (!start) return;
    if (Math.hypot(e.clientX - start.x, e.clientY - start.y) > 3) start.moved = true;
    if (!start.moved) return;
    const pt = svg.createSVGPoint();
    pt.x = e.clientX;
    pt.y = e.clientY;
    const p = pt.matrixTransform(svg.getScreenCTM().inverse());
    n.x = p.x;
    n.y = p.y;
    moved();
  });
  el.addEventListener("pointerup", () => {
    if (start && !start.moved) open();
    start = null;
  });
}
