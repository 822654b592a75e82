// Review queue: unreviewed findings, least certain first, then those feeding the
// most events; with the journal of verdicts and the orphaned ones.
import { $, api, badge, clear, el, readerHref, recordView, reviewControls, start } from "./common.js";

function queueItem(item) {
  const li = el("li", { class: "queue-item", data: { key: item.key || "", kind: item.kind || "" } });
  li.append(
    el("h3", {}, `${item.kind || "finding"} `, badge(item.review)),
    item.text || item.sentence ? el("blockquote", {}, item.text || item.sentence) : null,
    item.article_id ? el("a", { href: readerHref(item.article_id, item.start, item.end) }, "in the reader") : null,
    recordView(item, ["text", "key", "kind", "review"]),
    reviewControls(item.kind, item.key, (state) => {
      li.classList.add(`review-${state}`);
      li.querySelector(".badge")?.replaceWith(badge(state));
    }),
  );
  return li;
}

async function main() {
  const view = $("#view");
  const queue = el("ol", { class: "plain", id: "queue" });
  const journal = el("table", { id: "journal" });
  const orphaned = el("ul", { class: "plain", id: "orphaned" });
  view.append(el("h2", {}, "To check"), queue, el("h2", {}, "Journal"), journal, el("h2", {}, "Orphaned verdicts"), orphaned);
  const [q, j, o] = await Promise.all([api("review/queue", { limit: 50 }), api("review/journal", { limit: 100 }), api("review/orphaned")]);
  (q.items || []).forEach((item) => queue.append(queueItem(item)));
  if (!(q.items || []).length) queue.append(el("li", {}, "Nothing left to check."));
  const cols = ["at", "who", "kind", "key", "verdict", "field", "old", "new", "note"];
  clear(journal).append(el("thead", {}, el("tr", {}, cols.map((c) => el("th", {}, c)))),
    el("tbody", {}, (j.items || []).map((v) => el("tr", {}, cols.map((c) => el("td", {}, v[c] === null || v[c] === undefined ? "" : typeof v[c] === "object" ? JSON.stringify(v[c]) : String(v[c])))))));
  (o.items || []).forEach((v) => orphaned.append(el("li", {}, `${v.kind} ${v.key}: ${v.verdict}`)));
  if (!(o.items || []).length) orphaned.append(el("li", { class: "meta" }, "None."));
}

start(main);
