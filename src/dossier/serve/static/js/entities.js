// Entities: every resolved entity, by type or name, paged.
import { $, api, clear, el, entityHref, filterForm, pager, params, setQuery, showError, start } from "./common.js";

async function show(box, values, offset) {
  const data = await api("entities", { ...values, limit: 100, offset });
  clear(box);
  box.append(
    el("table", { id: "entities" },
      el("thead", {}, el("tr", {}, ["Name", "Type", "Mentions", "Articles"].map((h) => el("th", {}, h)))),
      el("tbody", {}, (data.items || []).map((e) => el("tr", {},
        el("td", {}, el("a", { href: entityHref(e.id) }, e.name)),
        el("td", {}, e.type), el("td", {}, e.mentions ?? ""), el("td", {}, e.articles ?? ""))))),
    pager(data, (o) => show(box, values, o).catch(showError)),
  );
}

async function main() {
  const box = el("div", {});
  const run = (values) => {
    setQuery(values);
    return show(box, values, 0);
  };
  $("#view").append(filterForm(["q", "type"], params(), (v) => run(v).catch(showError)), box);
  await run({ q: params().get("q") || "", type: params().get("type") || "" });
}

start(main);
