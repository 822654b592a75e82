// Errors: the inputs that failed, with stage, code and reason.
import { $, api, clear, el, pager, showError, start } from "./common.js";

async function show(box, offset) {
  const data = await api("errors", { limit: 100, offset });
  clear(box);
  const items = data.items || [];
  box.append(
    items.length === 0 ? el("p", {}, "No failed inputs.") : el("table", { id: "errors" },
      el("thead", {}, el("tr", {}, ["Source", "Member", "Stage", "Code", "Reason"].map((h) => el("th", {}, h)))),
      el("tbody", {}, items.map((e) => el("tr", {},
        el("td", {}, e.source ?? ""), el("td", {}, e.member ?? ""), el("td", {}, e.stage ?? ""),
        el("td", {}, e.code ?? ""), el("td", {}, e.reason ?? ""))))),
    pager(data, (o) => show(box, o).catch(showError)),
  );
}

async function main() {
  const box = el("div", {});
  $("#view").append(box);
  await show(box, 0);
}

start(main);
