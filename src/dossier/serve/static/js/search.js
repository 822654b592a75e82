// Search: full text with facets (outlet, entity, place, event type, month) and paging.
import { $, api, clear, el, params, pager, readerHref, setQuery, showError, start } from "./common.js";

const FILTERS = ["q", "outlet", "entity", "place", "type", "since", "until"];
const FACET_PARAM = { outlet: "outlet", entity: "entity", place: "place", event_type: "type" };

function facetList(name, counts, values, run) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]).slice(0, 15);
  if (entries.length === 0) return null;
  return el("section", { class: "facet", data: { facet: name } }, el("h3", {}, name.replace("_", " ")),
    el("ul", { class: "plain" }, entries.map(([value, n]) => el("li", {},
      el("button", {
        type: "button",
        on: {
          click: () => {
            const next = { ...values };
            if (name === "date") {
              const [y, m] = value.split("-").map(Number);
              const last = String(new Date(y, m, 0).getDate()).padStart(2, "0");
              next.since = `${value}-01`;
              next.until = `${value}-${last}`;
            } else next[FACET_PARAM[name] || name] = value;
            run(next, 0).catch(showError);
          },
        },
      }, value), ` ${n}`))));
}

// The API brackets the matched words in a snippet: shown as marks, as text.
function snippet(text) {
  return String(text).split(/\[([^\[\]]{1,80})\]/).map((part, i) => (i % 2 ? el("mark", {}, part) : part));
}

async function main() {
  const q = params();
  const values = Object.fromEntries(FILTERS.map((f) => [f, q.get(f) || ""]));
  const form = el("form", { class: "filters", id: "search-form" });
  for (const f of FILTERS) {
    const input = el("input", { name: f, placeholder: f, type: f === "since" || f === "until" ? "date" : "search" });
    input.value = values[f];
    form.append(el("label", {}, f === "q" ? "text" : f, " ", input));
  }
  form.append(el("button", { type: "submit" }, "Search"));
  const facets = el("div", { class: "facets", id: "facets" });
  const results = el("div", { id: "results" });
  $("#view").append(form, facets, results);
  const run = async (vals, offset) => {
    for (const f of FILTERS) form.elements.namedItem(f).value = vals[f] || "";
    setQuery(vals);
    const data = await api("search", { ...vals, limit: 20, offset });
    clear(facets);
    for (const [name, counts] of Object.entries(data.facets || {})) {
      const list = facetList(name, counts, vals, run);
      if (list) facets.append(list);
    }
    clear(results);
    results.append(
      el("ol", { class: "plain" }, (data.items || []).map((a) => el("li", {},
        el("a", { href: readerHref(a.id || a.article_id) }, a.title || a.id || a.article_id),
        el("span", { class: "meta" }, " ", [a.outlet, a.published].filter(Boolean).join(" · ")),
        a.snippet ? el("div", { class: "meta" }, snippet(a.snippet)) : null))),
      pager(data, (o) => run(vals, o).catch(showError)),
    );
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const vals = Object.fromEntries(FILTERS.map((f) => [f, form.elements.namedItem(f).value.trim()]));
    run(vals, 0).catch(showError);
  });
  await run(values, 0);
}

start(main);
