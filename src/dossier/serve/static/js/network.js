// Actor network: actors linked by events (directed, typed) and by co-mention,
// weighted; filtered by event type and period. Clicking an edge lists its evidence.
import { $, api, clear, el, entityHref, filterForm, params, readerHref, setQuery, showError, start, status } from "./common.js";

function evidencePanel(panel, edge) {
  clear(panel).append(
    el("h2", {}, edge.kind === "event" ? `${edge.type || "event"} (${edge.weight})` : `named together (${edge.weight})`),
    el("p", { class: "meta" }, `${edge.sourceName} ${edge.kind === "event" ? "→" : "–"} ${edge.targetName}`),
    el("ul", { class: "plain", id: "edge-evidence" }, (edge.evidence || []).map((ev) => el("li", {},
      el("blockquote", {}, ev.sentence || ""),
      el("a", { href: readerHref(ev.article_id, ev.start, ev.end) }, "in the reader")))),
  );
}

async function main() {
  const q = params();
  const panel = el("aside", { class: "panel", id: "edge" }, el("p", { class: "meta" }, "Click an edge for its evidence, a node for its entity."));
  const box = el("div", { id: "cy" });
  const show = el("label", {}, el("input", { type: "checkbox", id: "show-comention" }), " show co-mention links");
  show.firstChild.checked = false;
  let cy = null;
  const run = async (values) => {
    setQuery(values);
    const data = await api("network", values);
    const names = Object.fromEntries((data.nodes || []).map((n) => [n.id, n.name]));
    const elements = [
      ...(data.nodes || []).map((n) => ({ data: { id: String(n.id), label: n.name, type: n.type } })),
      ...(data.edges || []).filter((e) => names[e.source] !== undefined && names[e.target] !== undefined).map((e, i) => ({
        data: { id: `e${i}`, source: String(e.source), target: String(e.target), kind: e.kind, type: e.type || "",
          weight: e.weight || 1, label: e.kind === "event" ? e.type || "" : "", edge: { ...e, sourceName: names[e.source], targetName: names[e.target] } },
        classes: e.kind,
      })),
    ];
    if (cy) cy.destroy();
    cy = window.cytoscape({
      container: box,
      elements,
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 90 },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#3d7cc9", width: 18, height: 18 } },
        { selector: "node[type = 'ORG']", style: { "background-color": "#7a57c2" } },
        { selector: "node[type = 'GPE']", style: { "background-color": "#3c9a50" } },
        { selector: "edge", style: { width: "mapData(weight, 1, 10, 1, 6)", "curve-style": "bezier", "line-color": "#aab", "font-size": 8, label: "data(label)" } },
        { selector: "edge.event", style: { "line-color": "#c9302c", "target-arrow-color": "#c9302c", "target-arrow-shape": "triangle" } },
        { selector: "edge.comention", style: { "line-style": "dashed", opacity: 0.35, width: 1 } },
      ],
    });
    cy.on("tap", "edge", (evt) => evidencePanel(panel, evt.target.data("edge")));
    cy.on("tap", "node", (evt) => window.location.assign(entityHref(evt.target.id())));
    window.dossierNetwork = cy;
    const toggle = () => cy.edges(".comention").style("display", show.firstChild.checked ? "element" : "none");
    show.firstChild.onchange = toggle;
    toggle();
    status(`${(data.nodes || []).length} actors, ${(data.edges || []).length} links.`);
  };
  $("#view").append(filterForm(["type", "since", "until"], q, (v) => run(v).catch(showError)), show,
    el("div", { class: "cols" }, box, panel));
  await run(Object.fromEntries(["type", "since", "until"].map((k) => [k, q.get(k) || ""])));
}

start(main);
