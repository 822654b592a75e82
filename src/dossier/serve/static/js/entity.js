// Entity page: aliases, quotes by and about it, events as source and target,
// co-mentioned entities, articles over time; merge, split and rename.
import {
  $, api, badge, el, entityHref, params, post, readerHref, showError, start, status,
} from "./common.js";

function quoteItem(q) {
  const sp = q.speaker || {};
  return el("li", { data: { key: q.key || "" } },
    el("blockquote", {}, q.text),
    el("span", { class: "meta" }, sp.name || sp.text || "unattributed", sp.role ? `, ${sp.role}` : ""),
    " ", q.article_id ? el("a", { href: readerHref(q.article_id, q.start, q.end) }, "in the reader") : null,
    badge(q.review));
}

function eventItem(ev) {
  const src = ev.source ? ev.source.text || ev.source : "?";
  const tgt = ev.target ? ev.target.text || ev.target : "?";
  const sent = ev.sentence || {};
  return el("li", { class: `status-${ev.status}`, data: { key: ev.key || "" } },
    el("strong", {}, ev.type), ` ${src} → ${tgt} `, el("span", { class: "meta" }, ev.status || ""),
    " ", ev.article_id ? el("a", { href: readerHref(ev.article_id, sent.start ?? ev.start, sent.end ?? ev.end) }, "evidence") : null,
    badge(ev.review));
}

function section(title, id, items, render, total) {
  const shown = (items || []).length;
  const count = total !== undefined && total > shown ? `${shown} of ${total}` : `${shown}`;
  return el("section", { id }, el("h2", {}, `${title} (${count})`),
    (items || []).length ? el("ul", { class: "plain" }, items.map(render)) : el("p", { class: "meta" }, "None."));
}

function overTime(counts) {
  const entries = Object.entries(counts || {}).sort();
  const box = el("section", { id: "over-time" }, el("h2", {}, "Articles over time"));
  if (entries.length === 0) return box;
  const width = 640;
  const height = 140;
  const svg = window.d3.create("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("width", width).attr("height", height);
  const x = window.d3.scaleBand().domain(entries.map((e) => e[0])).range([30, width - 10]).padding(0.2);
  const y = window.d3.scaleLinear().domain([0, window.d3.max(entries, (e) => e[1])]).nice().range([height - 20, 10]);
  svg.append("g").selectAll("rect").data(entries).join("rect")
    .attr("x", (e) => x(e[0])).attr("y", (e) => y(e[1])).attr("width", x.bandwidth())
    .attr("height", (e) => y(0) - y(e[1])).attr("fill", "#7a9cc6")
    .append("title").text((e) => `${e[0]}: ${e[1]}`);
  svg.append("g").attr("transform", `translate(0,${height - 20})`).call(window.d3.axisBottom(x));
  svg.append("g").attr("transform", "translate(30,0)").call(window.d3.axisLeft(y).ticks(4));
  box.append(svg.node());
  return box;
}

function actions(entity) {
  const id = entity.id;
  const into = el("input", { id: "merge-into", placeholder: "entity id to merge into", list: "entity-options" });
  const options = el("datalist", { id: "entity-options" });
  into.addEventListener("input", () => {
    const q = into.value.trim();
    if (q.length < 2) return;
    api("entities", { q, limit: 10 }).then((data) => {
      options.replaceChildren(...(data.items || []).filter((e) => e.id !== id)
        .map((e) => el("option", { value: e.id }, `${e.name} (${e.type})`)));
    }).catch(showError);
  });
  const form = el("input", { id: "split-form", placeholder: "alias to split off" });
  const name = el("input", { id: "rename-name", placeholder: "new name" });
  const act = (verb, body, then) => post(`entities/${encodeURIComponent(id)}/${verb}`, body).then(then).catch(showError);
  return el("section", { id: "actions" }, el("h2", {}, "Correct this entity"),
    el("div", { class: "filters" },
      el("label", {}, "Merge into", into, options),
      el("button", { type: "button", id: "merge", on: { click: () => act("merge", { into: into.value.trim() }, () => {
        status("Merged.");
        window.location.assign(entityHref(into.value.trim()));
      }) } }, "Merge")),
    el("div", { class: "filters" },
      el("label", {}, "Split off", form),
      el("button", { type: "button", id: "split", on: { click: () => act("split", { form: form.value.trim() }, () => {
        status("Split.");
        window.location.reload();
      }) } }, "Split")),
    el("div", { class: "filters" },
      el("label", {}, "Rename", name),
      el("button", { type: "button", id: "rename", on: { click: () => act("rename", { name: name.value.trim() }, () => {
        status("Renamed.");
        window.location.reload();
      }) } }, "Rename")));
}

async function main() {
  const id = params().get("id");
  const view = $("#view");
  if (!id) {
    view.append(el("p", {}, "No entity chosen: pick one from ", el("a", { href: "/entities" }, "the entity list"), "."));
    return;
  }
  const data = await api(`entities/${encodeURIComponent(id)}`);
  const e = data.entity || {};
  const totals = data.totals || {};
  $("#title").textContent = e.name || id;
  document.title = `${e.name || id} · Dossier`;
  const aliases = (data.aliases || []).map((a) => (typeof a === "string" ? a : a.text || a.form || a.name));
  view.append(
    el("p", { class: "meta" }, e.type || "", e.mentions !== undefined ? ` · ${e.mentions} mentions` : "",
      e.articles !== undefined ? ` · ${e.articles} articles` : ""),
    el("section", { id: "aliases" }, el("h2", {}, "Aliases"), el("p", {}, aliases.join(" · ") || "None.")),
    section("Quotes by", "quotes-by", data.quotes_by, quoteItem, totals.quotes_by),
    section("Quotes about", "quotes-about", data.quotes_about, quoteItem, totals.quotes_about),
    section("Events as source", "events-source", data.events_as_source, eventItem, totals.events_as_source),
    section("Events as target", "events-target", data.events_as_target, eventItem, totals.events_as_target),
    section("Most often named with", "co-mentioned", data.co_mentioned, (c) =>
      el("li", {}, el("a", { href: entityHref(c.id) }, c.name), el("span", { class: "meta" }, ` ${c.type} · ${c.count}`))),
    overTime(data.articles_over_time),
    el("p", {}, el("a", { href: `/sources?${new URLSearchParams({ entity: id })}` }, "Sourcing of its claims")),
    actions({ id, ...e }),
  );
}

start(main);
