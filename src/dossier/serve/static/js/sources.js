// Sources: for an entity, a topic or a search, the share of claims resting on
// named, anonymous, document, organisation and outlet-only sourcing, each with its list.
import { $, api, badge, clear, el, filterForm, params, readerHref, setQuery, showError, start } from "./common.js";

function claimItem(c) {
  const ev = c.evidence || {};
  return el("li", { data: { key: c.key || "" } }, el("blockquote", {}, c.text || ""),
    el("span", { class: "meta" }, ev.source || ""), " ",
    c.article_id ? el("a", { href: readerHref(c.article_id, c.start, c.end) }, "in the reader") : null, badge(c.review));
}

async function main() {
  const q = params();
  const box = el("div", { id: "sources" });
  const run = async (values) => {
    setQuery(values);
    const data = await api("sources", values);
    const shares = data.shares || {};
    const counts = data.counts || {};
    clear(box);
    const table = el("table", { id: "shares" }, el("thead", {}, el("tr", {}, ["Sourcing", "Claims", "Share"].map((h) => el("th", {}, h)))));
    const body = el("tbody", {});
    // shares are fractions of all claims; counts the claims behind each.
    for (const [kind, share] of Object.entries(shares)) {
      const n = counts[kind] ?? (data.claims?.[kind] || []).length;
      const pct = 100 * share;
      const bar = el("span", { class: "bar" });
      bar.style.width = `${Math.round(pct * 2)}px`;
      body.append(el("tr", {}, el("td", {}, el("a", { href: `#claims-${kind}` }, kind)), el("td", {}, String(n)),
        el("td", {}, bar, `${pct.toFixed(0)}%`)));
    }
    table.append(body);
    box.append(table);
    if (data.copies_left_out) {
      box.append(el("p", { class: "meta", id: "copies-left-out" },
        `${data.copies_left_out} claims in near-duplicate copies are left out: they repeat their original's.`));
    }
    for (const [kind, claims] of Object.entries(data.claims || {})) {
      box.append(el("section", { id: `claims-${kind}`, data: { evidence: kind } }, el("h2", {}, `${kind} (${claims.length})`),
        el("ul", { class: "plain" }, claims.map(claimItem))));
    }
  };
  $("#view").append(filterForm(["entity", "q"], q, (v) => run(v).catch(showError)), box);
  await run({ entity: q.get("entity") || "", q: q.get("q") || "" });
}

start(main);
