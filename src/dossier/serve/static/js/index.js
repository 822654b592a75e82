// Articles: the corpus summary and every article, paged.
import { $, api, clear, el, pager, readerHref, recordView, showError, start } from "./common.js";

async function list(box, offset) {
  const data = await api("articles", { limit: 50, offset });
  clear(box);
  box.append(
    el("ul", { class: "plain", id: "articles" }, (data.items || []).map((a) =>
      el("li", {},
        el("a", { href: readerHref(a.id) }, a.title || a.id),
        el("span", { class: "meta" }, " ", [a.outlet, a.published].filter(Boolean).join(" · "))))),
    pager(data, (o) => list(box, o).catch(showError)),
  );
}

async function main() {
  const view = $("#view");
  const summary = await api("summary");
  const box = el("div", {});
  view.append(el("section", { id: "summary" }, el("h2", {}, "Corpus"), recordView(summary)), el("h2", {}, "Articles"), box);
  await list(box, 0);
}

start(main);
