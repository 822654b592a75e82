// Stories: the articles about one story across outlets and days. The list gives each
// story's span, reports, copies and outlets; one story shows its reports in time order,
// its key entities, events and quotes, and how the reports differ, side by side, so
// disagreement between outlets stays visible. Near-duplicate copies are listed as
// copies of their original and never counted as reporting.
import {
  $, api, clear, el, entityHref, filterForm, pager, params, readerHref, setQuery, showError, start,
} from "./common.js";

const storyHref = (id) => `/stories?${new URLSearchParams({ id })}`;
const spanText = (s) => (s.first === s.last ? s.first : `${s.first} – ${s.last}`);
const number = (v) => (typeof v === "number" ? v.toLocaleString("en-US") : String(v));
const plural = (n, one, many) => `${n} ${n === 1 ? one : many || `${one}s`}`;

function outletsText(outlets) {
  return (outlets || []).map((o) => {
    const copies = o.copies ? ` (+${plural(o.copies, "copy", "copies")})` : "";
    return `${o.outlet || "no outlet"} ${o.reports}${copies}`;
  }).join(", ");
}

async function list(box, values, offset) {
  const data = await api("stories", { min_reports: values.min_reports, limit: 50, offset });
  clear(box);
  const items = data.items || [];
  if (items.length === 0) {
    box.append(el("p", {}, "No story has that many reports."));
    return;
  }
  const head = el("thead", {}, el("tr", {}, ["Story", "Span", "Reports", "Copies", "Outlets"].map((h) => el("th", {}, h))));
  const rows = items.map((s) => el("tr", { data: { story: s.id } },
    el("td", {}, el("a", { href: storyHref(s.id) }, s.label || s.id)),
    el("td", { class: "nowrap" }, spanText(s)),
    el("td", { class: "num n-reports" }, String(s.reports)),
    el("td", { class: "num" }, String(s.copies)),
    el("td", { class: "outlets" }, outletsText(s.outlets))));
  box.append(el("table", { id: "stories" }, head, el("tbody", {}, rows)),
    pager(data, (o) => list(box, values, o).catch(showError)));
}

function reportRow(a, byId, firstId) {
  const original = a.copy_of ? byId.get(a.copy_of) : null;
  const note = a.copy_of
    ? el("span", { class: "copy-of" }, "copy of ",
      el("a", { href: readerHref(a.copy_of) }, original ? `${original.outlet || "?"}, ${original.title || a.copy_of}` : a.copy_of))
    : a.id === firstId ? el("span", { class: "first" }, "reported first") : null;
  return el("tr", { class: a.copy_of ? "copy" : "original", data: { article: a.id } },
    el("td", { class: "nowrap" }, a.day || ""),
    el("td", {}, a.outlet || "no outlet"),
    el("td", {}, el("a", { class: "report-link", href: readerHref(a.id) }, a.title || a.id)),
    el("td", {}, note));
}

function reports(story, byId) {
  const firstId = story.first_report ? story.first_report.id : null;
  const head = el("thead", {}, el("tr", {}, ["Day", "Outlet", "Title", ""].map((h) => el("th", {}, h))));
  return el("section", { id: "reports" }, el("h2", {}, "Reports"),
    el("table", {}, head, el("tbody", {}, (story.articles || []).map((a) => reportRow(a, byId, firstId)))));
}

function section(title, id, items, render) {
  return el("section", { id }, el("h2", {}, title),
    items && items.length ? el("ul", { class: "plain" }, items.map(render)) : el("p", { class: "meta" }, "None."));
}

function entityItem(e) {
  return el("li", {}, el("a", { class: "entity-link", href: entityHref(e.id) }, e.name || e.id),
    el("span", { class: "meta" }, ` ${e.type || ""}, in ${plural(e.reports, "report")} (${plural(e.mentions, "mention")})`));
}

// A key event links to its cross-article page when /api/clusters lists it there.
function eventItem(ev, shared) {
  const what = el("span", {}, el("strong", {}, ev.type || ""), ` ${ev.source || "?"} → ${ev.target || "?"}`);
  return el("li", { class: `status-${ev.status}`, data: { cluster: ev.id } },
    shared.has(ev.id) ? el("a", { href: `/clusters?${new URLSearchParams({ id: ev.id })}` }, what) : what,
    el("span", { class: "meta" }, ` ${ev.status || ""}, in ${plural(ev.reports, "report")}`));
}

function quoteItem(q) {
  const speaker = q.speaker_entity_id ? el("a", { href: entityHref(q.speaker_entity_id) }, q.speaker) : q.speaker;
  return el("li", {}, el("blockquote", {}, q.text || ""),
    el("span", { class: "meta" }, "— ", speaker, q.anonymous ? " (anonymous)" : "", `, ${q.kind || ""}; ${q.outlet || "no outlet"}`,
      `, quoted in ${plural(q.reports, "report")} `),
    // The reader opens at the quote's span when the record gives it, else at the article.
    el("a", { class: "quote-link", href: readerHref(q.article_id, q.start, q.end) }, "in the reader"));
}

const reportHead = (r, byId) => el("a", { href: readerHref(r.article_id), title: byId.get(r.article_id)?.title || "" },
  `${r.outlet || "no outlet"}, ${r.day || ""}`);

// One row per report: its quotes by named and anonymous speakers, its claims per evidence type.
function sourcingTable(rows, byId) {
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.claims || {})))].sort();
  const head = el("thead", {}, el("tr", {},
    ["Report", "Quotes", "Named", "Anonymous", ...kinds.map((k) => `Claims: ${k.replace(/_/g, " ")}`), "Figures"]
      .map((h) => el("th", {}, h))));
  const body = rows.map((r) => el("tr", { data: { article: r.article_id } },
    el("td", {}, reportHead(r, byId)),
    el("td", { class: "num quotes" }, String(r.quotes)),
    el("td", { class: "num named" }, String(r.named_quotes)),
    el("td", { class: "num anonymous" }, String(r.anonymous_quotes)),
    kinds.map((k) => el("td", { class: "num", data: { evidence: k } }, String(r.claims?.[k] ?? 0))),
    el("td", {}, (r.figures || []).length
      ? el("details", {}, el("summary", {}, String(r.figures.length)),
        el("ul", { class: "plain" }, r.figures.map((f) => el("li", {}, f.text || "", f.measure ? el("span", { class: "meta" }, ` ${f.measure}`) : null))))
      : "0")));
  return el("div", { class: "scroll" }, el("table", { id: "sourcing" }, head, el("tbody", {}, body)));
}

// The figures two reports give different values for: one row per measure, one column per report.
function figuresTable(figures, rows, byId) {
  if (!figures || figures.length === 0) return el("p", { class: "meta", id: "figures-differ" }, "No figure differs between the reports.");
  const head = el("thead", {}, el("tr", {}, el("th", {}, "Figure"), rows.map((r) => el("th", {}, reportHead(r, byId)))));
  const body = figures.map((f) => {
    const per = new Map((f.values || []).map((v) => [v.article_id, v.values]));
    return el("tr", { data: { measure: f.measure || "" } },
      el("td", {}, f.measure || f.kind, el("span", { class: "meta" }, ` ${[f.kind, f.unit].filter(Boolean).join(", ")}`)),
      rows.map((r) => el("td", { class: "num", data: { article: r.article_id } },
        per.has(r.article_id) ? per.get(r.article_id).map(number).join(" / ") : "—")));
  });
  return el("div", { class: "scroll" }, el("table", { id: "figures-differ" }, head, el("tbody", {}, body)));
}

async function one(view, id) {
  const [story, clusters] = await Promise.all([api(`stories/${encodeURIComponent(id)}`), api("clusters")]);
  const shared = new Set((clusters.items || []).map((c) => c.id));
  const byId = new Map((story.articles || []).map((a) => [a.id, a]));
  $("#title").textContent = story.label || story.id;
  document.title = `${story.label || story.id} · Stories · Dossier`;
  const first = story.first_report;
  const diff = story.differences || {};
  const rows = diff.reports || [];
  view.append(
    el("p", { class: "meta", id: "story-meta" }, `${spanText(story)} · ${plural(story.reports, "report")}`,
      story.copies ? ` and ${plural(story.copies, "copy", "copies")}` : "", ` · ${plural(story.outlet_count, "outlet")}`),
    first ? el("p", { id: "first-report" }, "Reported first by ", el("strong", {}, first.outlet || "no outlet"), ` on ${first.day}: `,
      el("a", { href: readerHref(first.id) }, first.title || first.id)) : null,
    reports(story, byId),
    section("Key entities", "key-entities", story.key_entities, entityItem),
    section("Key events", "key-events", story.key_events, (ev) => eventItem(ev, shared)),
    section("Key quotes", "key-quotes", story.key_quotes, quoteItem),
    el("section", { id: "differences" }, el("h2", {}, "How the reports differ"),
      el("h3", {}, "Sourcing"), rows.length ? sourcingTable(rows, byId) : el("p", { class: "meta" }, "None."),
      el("h3", {}, "Figures that differ"), figuresTable(diff.figures, rows, byId)),
    el("p", {}, el("a", { href: "/stories" }, "All stories")));
}

async function main() {
  const q = params();
  const id = q.get("id");
  const view = $("#view");
  if (id) return one(view, id);
  const box = el("div", { id: "story-list" });
  const run = (values) => {
    setQuery(values);
    return list(box, values, 0);
  };
  view.append(filterForm(["min_reports"], q, (v) => run(v).catch(showError)), box);
  return run({ min_reports: q.get("min_reports") || "" });
}

start(main);
