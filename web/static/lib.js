// lib.js: DOM building, API calls and small helpers shared by the pages.
// Every piece of data reaches the page as a text node or an attribute set
// through the DOM, never as HTML, so a quote holding "<script>" shows as text.

// h builds an element: h("a", {href: "/x", class: "y"}, "text", child, …).
// Attributes named on* are refused: handlers are attached with .on().
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) throw new Error("use addEventListener");
    if (k === "href" && !safeHref(String(v))) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

// s builds an SVG element.
export function s(tag, attrs, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) throw new Error("use addEventListener");
    el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// safeHref allows site-relative links and http(s) URLs only.
export function safeHref(u) {
  if (u.startsWith("/") && !u.startsWith("//")) return true;
  try {
    const p = new URL(u, location.origin).protocol;
    return p === "http:" || p === "https:";
  } catch {
    return false;
  }
}

// ApiError is a failed API call with the server's message.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// api fetches /api/<path> with the given query parameters (empty ones left out).
export async function api(path, params = {}, signal) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== "" && v !== null && v !== undefined) q.set(k, v);
  }
  const url = "/api/" + path + (q.toString() ? "?" + q : "");
  let res;
  try {
    res = await fetch(url, { signal, headers: { Accept: "application/json" } });
  } catch (e) {
    if (e.name === "AbortError") throw e;
    throw new ApiError(0, "The server could not be reached.");
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw new ApiError(res.status, (body && body.error) || `The server answered ${res.status}.`);
  return body;
}

// link is an in-app link.
export const link = (href, ...children) => h("a", { href }, ...children);

export const entityHref = (id) => "/entity/" + encodeURIComponent(id);
export const articleHref = (id, extra = "") => "/article/" + encodeURIComponent(id) + extra;
export const entityId = (type, name) => (type || "MISC") + ":" + name;

// day formats a timestamp or date as YYYY-MM-DD.
export function day(t) {
  if (!t) return "";
  return String(t).slice(0, 10);
}

// meta is the "Outlet · date" line of an article.
export function meta(source, published) {
  return [source, day(published)].filter(Boolean).join(" · ");
}

// marked renders a snippet whose matches are marked [like this] with <mark>.
export function marked(snippet) {
  const out = [];
  const re = /\[([^\[\]]*)\]/g;
  let last = 0, m;
  while ((m = re.exec(snippet))) {
    out.push(snippet.slice(last, m.index), h("mark", {}, m[1]));
    last = re.lastIndex;
  }
  out.push(snippet.slice(last));
  return out;
}

// notice, error and empty states.
export const notice = (text) => h("p", { class: "notice" }, text);
export const errorBox = (err) =>
  h("div", { class: "error", role: "alert" }, h("strong", {}, "Something went wrong. "), err && err.message ? err.message : String(err));
export const empty = (text, hint) => h("div", { class: "empty" }, h("p", {}, text), hint ? h("p", { class: "hint" }, hint) : null);
export const loading = () => h("p", { class: "loading", role: "status" }, "Loading…");

// palette gives distinct colour classes c0…c9 to keys in order of first use.
export function palette() {
  const seen = new Map();
  return (key) => {
    if (!seen.has(key)) seen.set(key, seen.size % 10);
    return "c" + seen.get(key);
  };
}

// utf16 returns a function mapping UTF-8 byte offsets of text (as the API
// gives them) to string indices (as JavaScript counts them).
export function utf16(text) {
  const idx = [];
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) idx.push(i);
    i += ch.length;
  }
  idx.push(i);
  return (b) => idx[Math.max(0, Math.min(b, idx.length - 1))];
}

// form builds a filter form; fields are [name, label, type, options].
// onSubmit gets the values as an object.
export function form(cls, fields, values, submitLabel, onSubmit) {
  const f = h("form", { class: "filters " + cls });
  for (const [name, label, type, options] of fields) {
    const id = "f-" + name;
    let input;
    if (type === "select") {
      input = h("select", { id, name }, options.map(([v, t]) => h("option", { value: v, selected: values[name] === v }, t)));
    } else {
      input = h("input", { id, name, type, value: values[name] || "", autocomplete: "off" });
    }
    f.append(h("div", { class: "field" }, h("label", { for: id }, label), input));
  }
  f.append(h("button", { type: "submit" }, submitLabel));
  f.addEventListener("submit", (e) => {
    e.preventDefault();
    onSubmit(Object.fromEntries(new FormData(f).entries()));
  });
  return f;
}

// query returns the current URL's query parameters as an object.
export const query = () => Object.fromEntries(new URLSearchParams(location.search).entries());

// qs builds "?a=1&b=2" from the non-empty values.
export function qs(o) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v) q.set(k, v);
  const t = q.toString();
  return t ? "?" + t : "";
}

// PLOVER lists the 16 PLOVER event types.
export const PLOVER = ["ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
  "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"];
export const TYPES = ["PERSON", "ORG", "LOC", "NORP", "FAC", "EVENT", "MISC"];

// more is a "Show more" button that calls load and removes itself.
export function more(label, load) {
  const b = h("button", { class: "more", type: "button" }, label);
  b.addEventListener("click", async () => {
    b.disabled = true;
    b.textContent = "Loading…";
    try {
      await load();
      b.remove();
    } catch (e) {
      b.replaceWith(errorBox(e));
    }
  });
  return b;
}

// pager appends to box a "More" button while there is a next cursor;
// fetchMore(cursor) returns the next page, add(results) draws it.
export function pager(box, cursor, fetchMore, add, label = "More") {
  if (!cursor) return;
  box.append(more(label, async () => {
    const r = await fetchMore(cursor);
    add(r.results);
    pager(box, r.next_cursor, fetchMore, add, label);
  }));
}
