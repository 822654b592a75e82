// Shared helpers for every workbench page. Everything shown comes from /api/*;
// article text, titles, quotes and URLs are hostile, so the DOM is built with
// createElement and textContent only, and links are allowed http(s) or same-origin paths.

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.reason || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || "";
    this.source = err.source || "";
  }
}

const TOKEN_KEY = "dossier-token";

export function token() {
  return window.localStorage.getItem(TOKEN_KEY) || "";
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

async function send(method, path, params, body) {
  const headers = { Accept: "application/json" };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/api/${path}${query(params)}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const api = (path, params) => send("GET", path, params);
export const post = (path, body) => send("POST", path, undefined, body);

// A link target from hostile data: same-origin paths, or http(s) URLs only.
export function safeHref(url) {
  if (typeof url !== "string" || url === "") return null;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (_) {
    return null;
  }
}

// el("a", {href: "/x", class: "c", data: {key: k}}, "text", child, ...)
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "data") for (const [dk, dv] of Object.entries(v)) node.dataset[dk] = String(dv);
    else if (k === "href") {
      const href = safeHref(v);
      if (href) node.setAttribute("href", href);
    } else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (/^on/i.test(k)) throw new Error("event handlers go through 'on'");
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export const $ = (sel) => document.querySelector(sel);

export function params() {
  return new URLSearchParams(window.location.search);
}

export function readerHref(articleId, start, end) {
  const q = new URLSearchParams({ id: articleId });
  if (start !== undefined && start !== null) q.set("start", String(start));
  if (end !== undefined && end !== null) q.set("end", String(end));
  return `/reader?${q.toString()}`;
}

export const entityHref = (id) => `/entity?${new URLSearchParams({ id }).toString()}`;

const VIEWS = [
  ["/", "Articles"],
  ["/search", "Search"],
  ["/entities", "Entities"],
  ["/timeline", "Timeline"],
  ["/map", "Map"],
  ["/network", "Network"],
  ["/sources", "Sources"],
  ["/clusters", "Cross-article"],
  ["/stories", "Stories"],
  ["/review", "Review queue"],
  ["/errors", "Errors"],
];

// The header: the views, and the write token kept in this browser only.
export function nav() {
  const here = window.location.pathname;
  const links = VIEWS.map(([href, label]) =>
    el("a", { href, class: href === here ? "current" : null }, label),
  );
  const input = el("input", {
    type: "password",
    id: "token",
    placeholder: "write token",
    "aria-label": "Write token",
    autocomplete: "off",
  });
  input.value = token();
  const save = el("button", { type: "submit", id: "token-save" }, "Set token");
  const form = el("form", { class: "token" }, input, save);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    window.localStorage.setItem(TOKEN_KEY, input.value);
    status("Token saved in this browser.");
  });
  const header = el(
    "header",
    { class: "top" },
    el("a", { href: "/", class: "brand" }, "Dossier"),
    el("nav", {}, links),
    form,
  );
  document.body.prepend(header);
  if (!document.getElementById("status")) {
    const box = el("div", { id: "status", role: "status", "aria-live": "polite" });
    const title = document.getElementById("title");
    if (title) title.after(box);
    else header.after(box);
  }
}

// Messages to the analyst go on the page, never to the console.
export function status(message, isError) {
  const box = document.getElementById("status");
  if (!box) return;
  clear(box);
  box.className = isError ? "error" : "";
  if (message) box.append(el("span", {}, message));
}

export function showError(err) {
  if (err instanceof ApiError) {
    const where = err.source ? ` (${err.source})` : "";
    const hint = err.status === 401 || err.status === 403 ? " Set the write token above." : "";
    status(`${err.code || err.status}: ${err.message}${where}.${hint}`, true);
  } else {
    status(String(err && err.message ? err.message : err), true);
  }
}

// Run a page's main function, turning every failure into a message on the page.
export function start(main) {
  nav();
  Promise.resolve()
    .then(main)
    .then(() => document.body.classList.add("ready"))
    .catch((err) => {
      showError(err);
      document.body.classList.add("ready");
    });
}

export function badge(review) {
  const state = review || "unreviewed";
  return el("span", { class: `badge review-${state}`, data: { review: state } }, state);
}

// A record shown as a definition list, nested values included.
export function recordView(record, skip) {
  const dl = el("dl", { class: "record" });
  for (const [k, v] of Object.entries(record || {})) {
    if ((skip || []).includes(k) || v === null || v === undefined) continue;
    let value;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      value = v.every((x) => typeof x !== "object" || x === null)
        ? v.join(", ")
        : el("ol", {}, v.map((x) => el("li", {}, recordView(x))));
    } else if (typeof v === "object") value = recordView(v);
    else value = String(v);
    dl.append(el("dt", {}, k), el("dd", {}, value));
  }
  return dl;
}

// The fields a correction may change, per kind of finding (the contract's list).
export const FIELDS = {
  quote: ["speaker", "kind"],
  claim: ["evidence"],
  event: ["type", "status", "source", "target", "place", "date", "cluster"],
  place: ["resolution"],
  date: ["value"],
};

// Confirm / reject / correct for one finding; onDone(newState) after the journal took it.
export function reviewControls(kind, key, onDone) {
  const box = el("div", { class: "review-controls", data: { key } });
  const done = (state) => (result) => {
    status(`${kind} ${state}.`);
    if (onDone) onDone(state, result);
  };
  const verdict = (v, extra) => post("review", { kind, key, verdict: v, ...(extra || {}) });
  box.append(
    el("button", {
      type: "button", class: "confirm",
      on: { click: () => verdict("confirm").then(done("confirmed")).catch(showError) },
    }, "Confirm"),
    el("button", {
      type: "button", class: "reject",
      on: { click: () => verdict("reject").then(done("rejected")).catch(showError) },
    }, "Reject"),
  );
  const fields = FIELDS[kind];
  if (fields) {
    const field = el("select", { class: "field", "aria-label": "Field" },
      fields.map((f) => el("option", { value: f }, f)));
    const value = el("input", { class: "value", placeholder: "new value", "aria-label": "New value" });
    const note = el("input", { class: "note", placeholder: "note (optional)", "aria-label": "Note" });
    box.append(
      field, value, note,
      el("button", {
        type: "button", class: "correct",
        on: {
          click: () =>
            verdict("correct", { field: field.value, value: value.value, note: note.value || undefined })
              .then(done("corrected"))
              .catch(showError),
        },
      }, "Correct"),
    );
  }
  return box;
}

// Paging for a list response {items,total,limit,offset}.
export function pager(data, go) {
  const { total = 0, limit = 50, offset = 0 } = data || {};
  const box = el("div", { class: "pager" });
  const last = Math.min(offset + limit, total);
  box.append(`${total ? offset + 1 : 0}–${last} of ${total}`);
  if (offset > 0) {
    box.append(el("button", { type: "button", class: "prev", on: { click: () => go(Math.max(0, offset - limit)) } }, "Previous"));
  }
  if (last < total) {
    box.append(el("button", { type: "button", class: "next", on: { click: () => go(offset + limit) } }, "Next"));
  }
  return box;
}

export function articleLink(item) {
  const id = item.article_id || item.id;
  return el("a", { href: readerHref(id, item.start, item.end) }, item.title || id);
}

// A small labelled form whose submit calls onSubmit(values).
export function filterForm(names, values, onSubmit) {
  const form = el("form", { class: "filters" });
  for (const name of names) {
    const input = el("input", { name, id: `f-${name}`, placeholder: name });
    input.value = values.get ? values.get(name) || "" : values[name] || "";
    form.append(el("label", {}, name, " ", input));
  }
  form.append(el("button", { type: "submit" }, "Apply"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const out = {};
    for (const name of names) out[name] = form.elements.namedItem(name).value.trim();
    onSubmit(out);
  });
  return form;
}

// Reflect filters in the address so a view can be linked and reloaded.
export function setQuery(values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  const s = q.toString();
  window.history.replaceState(null, "", s ? `?${s}` : window.location.pathname);
}
