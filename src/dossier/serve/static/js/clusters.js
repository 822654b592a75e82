// Cross-article events: one event and its reports from several outlets side by
// side, each with its own figures and sourcing, so disagreement stays visible.
import { $, api, badge, clear, el, pager, params, readerHref, recordView, reviewControls, showError, start } from "./common.js";

function report(r) {
  const figures = r.figures || [];
  const sent = r.sentence || {};
  const li = el("article", { class: "report", data: { key: r.key || "" } });
  const sourcing = r.sourcing;
  li.append(
    el("h3", {}, r.outlet || "unknown outlet", badge(r.review)),
    el("p", { class: "meta" }, [r.title, r.published, r.duplicate_of ? `copy of ${r.duplicate_of}` : null].filter(Boolean).join(" · ")),
    el("p", {}, el("strong", {}, r.type || ""), ` ${r.source_name || r.source?.text || "?"} → ${r.target_name || r.target?.text || "?"}`,
      el("span", { class: `meta status-${r.status}` }, ` ${r.status || ""}`)),
    el("blockquote", {}, r.sentence_text || r.text || ""),
    el("p", {}, el("a", { href: readerHref(r.article_id, sent.start ?? r.start, sent.end ?? r.end) }, "in the reader")),
    el("h4", {}, "Figures"),
    figures.length
      ? el("ul", { class: "plain" }, figures.map((f) => el("li", {}, typeof f === "object" ? f.text || "" : String(f))))
      : el("p", { class: "meta" }, "None."),
    el("h4", {}, "Sourcing"),
    sourcing ? recordView(sourcing) : el("p", { class: "meta" }, "None."),
    // Membership is the event's own 'cluster' field: correct it here, per report.
    r.key ? reviewControls("event", r.key, (state) => li.querySelector(".badge")?.replaceWith(badge(state))) : null,
  );
  return li;
}

async function one(view, id) {
  const data = await api(`clusters/${encodeURIComponent(id)}`);
  const c = data.cluster || data;
  $("#title").textContent = `Cross-article event ${c.type || ""}`.trim();
  const reports = data.reports || c.reports || [];
  view.append(recordView(c, ["reports", "members"]),
    el("div", { class: "reports", id: "reports" }, reports.map(report)),
    el("p", {}, el("a", { href: "/clusters" }, "All cross-article events")));
}

async function list(box, offset) {
  const data = await api("clusters", { limit: 50, offset });
  clear(box);
  const items = data.items || [];
  box.append(items.length === 0 ? el("p", {}, "No event is reported by more than one article.") :
    el("ul", { class: "plain", id: "clusters" }, items.map((c) => el("li", {},
      el("a", { href: `/clusters?${new URLSearchParams({ id: c.id })}` }, `${c.type ? `${c.type} ` : ""}event ${c.id}`),
      el("span", { class: "meta" }, ` ${c.reports ?? ""} reports in ${c.articles ?? "?"} articles${c.copies ? `, plus ${c.copies} copies` : ""}`)))),
  pager(data, (o) => list(box, o).catch(showError)));
}

async function main() {
  const id = params().get("id");
  const view = $("#view");
  if (id) return one(view, id);
  const box = el("div", {});
  view.append(box);
  return list(box, 0);
}

start(main);
