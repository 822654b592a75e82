// Timeline: events and quotes over time, filtered by actor, type, place and status.
// Each status has its own mark, so what was planned, hypothetical, negated or
// historical never looks like what happened.
import { $, api, badge, clear, el, filterForm, pager, params, readerHref, setQuery, showError, start } from "./common.js";

const STATUSES = ["happened", "ongoing", "historical", "planned", "hypothetical", "negated"];

function when(item) {
  const d = new Date(String(item.date || "").slice(0, 10));
  return Number.isNaN(d.getTime()) ? null : d;
}

function chart(items, onPick) {
  const d3 = window.d3;
  const dated = items.filter(when);
  const width = 960;
  const rows = ["event", "quote"];
  const height = 150;
  const svg = d3.create("svg").attr("id", "timeline-chart").attr("viewBox", `0 0 ${width} ${height}`).attr("width", "100%");
  if (dated.length === 0) return svg.node();
  const extent = d3.extent(dated, when);
  if (+extent[0] === +extent[1]) {
    extent[0] = d3.timeDay.offset(extent[0], -1);
    extent[1] = d3.timeDay.offset(extent[1], 1);
  }
  const x = d3.scaleTime().domain(extent).nice().range([60, width - 20]);
  const y = d3.scalePoint().domain(rows).range([30, height - 40]).padding(0.5);
  svg.append("g").attr("transform", `translate(0,${height - 25})`).call(d3.axisBottom(x));
  svg.append("g").attr("transform", "translate(60,0)").call(d3.axisLeft(y));
  svg.append("g").selectAll("circle").data(dated).join("circle")
    .attr("class", (d) => `dot kind-${d.kind} status-${d.status || "none"}`)
    .attr("cx", (d) => x(when(d))).attr("cy", (d, i) => y(d.kind === "quote" ? "quote" : "event") + ((i % 5) - 2) * 5)
    .attr("r", 6)
    .on("click", (_, d) => onPick(d))
    .append("title").text((d) => `${String(d.date).slice(0, 10)} ${d.kind} ${d.type || ""} ${d.status || ""}`);
  return svg.node();
}

function itemRow(d) {
  const label = d.kind === "quote" ? (d.text || "").slice(0, 140) : `${d.type || "event"} ${d.source?.text || d.source || ""} → ${d.target?.text || d.target || ""}`;
  return el("li", { class: `status-${d.status || "none"}`, data: { key: d.key || "" } },
    el("span", { class: "meta" }, `${String(d.date || "undated").slice(0, 10)} · ${d.kind}${d.status ? ` · ${d.status}` : ""} `),
    label, " ", d.article_id ? el("a", { href: readerHref(d.article_id, d.start, d.end) }, "in the reader") : null,
    badge(d.review));
}

async function main() {
  const q = params();
  const chartBox = el("div", {});
  const picked = el("div", { class: "panel", id: "picked" }, el("p", { class: "meta" }, "Click a mark for its record."));
  const list = el("ol", { class: "plain", id: "timeline-items" });
  const legend = el("p", { class: "timeline-legend" }, "Status: ", STATUSES.map((s) => el("span", { class: `status-${s}` }, s)), " · quotes in yellow");
  const pages = el("div", {});
  // The API pages the timeline in date order; the chart shows the page in view.
  const run = async (values, offset = 0) => {
    setQuery(values);
    const data = await api("timeline", { ...values, limit: 500, offset });
    const items = (data.items || []).slice().sort((a, b) => String(a.date).localeCompare(String(b.date)));
    clear(chartBox).append(chart(items, (d) => clear(picked).append(itemRow(d))));
    clear(list).append(...items.map(itemRow));
    clear(pages).append(pager(data, (o) => run(values, o).catch(showError)));
  };
  $("#view").append(filterForm(["actor", "type", "place", "status"], q, (v) => run(v).catch(showError)),
    legend, pages, chartBox, picked, el("h2", {}, "Items"), list);
  await run(Object.fromEntries(["actor", "type", "place", "status"].map((k) => [k, q.get(k) || ""])));
}

start(main);
