// Reader: the article text with every finding highlighted over its evidence.
// Clicking a highlighted span shows the finding's record and its review buttons.
import {
  $, api, badge, clear, el, entityHref, params, readerHref, recordView, reviewControls, start, status,
} from "./common.js";

// Layers, in the order the panel offers them; each has its own style (app.css).
const LAYERS = [
  ["event", "Event trigger"],
  ["quote", "Quote"],
  ["cue", "Quote cue"],
  ["speaker", "Speaker"],
  ["claim", "Claim"],
  ["figure", "Figure"],
  ["place", "Place"],
  ["date", "Date"],
  ["entity", "Entity"],
];

// Every finding as {layer, kind, start, end, record}: the spans the text shows.
function findings(article) {
  const out = [];
  const add = (layer, kind, s, e, record) => {
    if (Number.isInteger(s) && Number.isInteger(e) && e > s) out.push({ layer, kind, start: s, end: e, record });
  };
  for (const ent of article.entities || []) {
    for (const m of ent.mentions || []) add("entity", "entity", m.start, m.end, ent);
  }
  for (const q of article.quotes || []) {
    add("quote", "quote", q.start, q.end, q);
    if (q.cue) add("cue", "quote", q.cue.start, q.cue.end, q);
    if (q.speaker) add("speaker", "quote", q.speaker.start, q.speaker.end, q);
  }
  for (const c of article.claims || []) add("claim", "claim", c.start, c.end, c);
  for (const f of article.figures || []) add("figure", "figure", f.start, f.end, f);
  for (const p of article.places || []) add("place", "place", p.start, p.end, p);
  for (const d of article.dates || []) add("date", "date", d.start, d.end, d);
  for (const ev of article.events || []) {
    const t = ev.trigger || {};
    add("event", "event", t.start ?? ev.start, t.end ?? ev.end, ev);
  }
  return out;
}

// A short paragraph without closing punctuation is a heading of the article.
function isHeading(line) {
  const t = line.trim();
  return t.length > 0 && t.length < 90 && !/[.!?:;,"”’)\]]$/.test(t) && t.split(/\s+/).length < 14;
}

function render(article, all, onPick, extraCuts) {
  const text = article.text || "";
  const cuts = new Set([0, text.length]);
  for (const c of extraCuts) if (c > 0 && c < text.length) cuts.add(c);
  for (const f of all) {
    cuts.add(Math.max(0, Math.min(text.length, f.start)));
    cuts.add(Math.max(0, Math.min(text.length, f.end)));
  }
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    cuts.add(i);
    cuts.add(i + 1);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const root = el("div", { id: "text" });
  let block = null;
  let blockText = "";
  const flush = () => {
    if (block && blockText.trim()) root.append(isHeading(blockText) ? retag(block, "h3") : block);
    block = null;
    blockText = "";
  };
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i];
    const e = points[i + 1];
    const piece = text.slice(s, e);
    if (piece === "\n") {
      flush();
      continue;
    }
    if (!block) block = el("p", {});
    blockText += piece;
    const covering = all.filter((f) => f.start <= s && f.end >= e);
    if (covering.length === 0) {
      block.append(el("span", { data: { start: s, end: e } }, piece));
      continue;
    }
    const classes = ["seg", ...new Set(covering.map((f) => `hl-${f.layer}`))];
    const seg = el("span", { class: classes.join(" "), data: { start: s, end: e } }, piece);
    seg.addEventListener("click", () => onPick(covering, seg));
    block.append(seg);
  }
  flush();
  return root;
}

function retag(node, tag) {
  const out = document.createElement(tag);
  while (node.firstChild) out.append(node.firstChild);
  return out;
}

function legend() {
  return el("div", { class: "legend", "aria-label": "Legend" },
    LAYERS.map(([layer, label]) => el("span", { class: `hl-${layer}` }, label)));
}

function keyOf(f) {
  if (f.record.key) return f.record.key;
  return f.kind === "entity" ? `entity:${f.record.id}` : null;
}

// Whether an export keeps the finding: confirmed or corrected, or a confidence at
// or above its kind's operating point (README, "The precision gate").
function gateLine(kind, rec, gate) {
  const floor = gate ? gate[kind] : undefined;
  if (typeof rec.confidence !== "number" || typeof floor !== "number") return null;
  const kept = rec.review === "confirmed" || rec.review === "corrected";
  const text = kept
    ? "exported: reviewed"
    : rec.confidence >= floor
      ? "exported"
      : `below the export gate (${floor.toFixed(2)}): exported only once confirmed`;
  return el("p", { class: "gate" }, `Confidence ${rec.confidence.toFixed(2)}, ${text}.`);
}

function showFinding(panel, article, f, all, gate) {
  clear(panel);
  const rec = f.record;
  const key = keyOf(f);
  const title = el("h2", {}, f.kind, rec.review ? badge(rec.review) : null);
  panel.append(title, el("p", { class: "evidence" }, article.text.slice(f.start, f.end)));
  const line = gateLine(f.kind, rec, gate);
  if (line) panel.append(line);
  if (f.kind === "entity") {
    panel.append(el("p", {}, el("a", { href: entityHref(rec.id) }, `Entity page: ${rec.name}`)));
  }
  if (f.kind === "quote" && rec.speaker) {
    const sp = rec.speaker;
    panel.append(el("p", { class: "speaker" }, "Speaker: ",
      sp.entity_id ? el("a", { href: entityHref(sp.entity_id) }, sp.name || sp.text) : sp.name || sp.text || "",
      sp.role ? `, ${sp.role}` : "", sp.anonymous ? " (anonymous)" : ""));
  }
  panel.append(recordView(rec, ["mentions"]));
  if (key && f.kind !== "entity") {
    panel.append(reviewControls(f.kind, key, (state) => {
      rec.review = state;
      showFinding(panel, article, f, all, gate);
    }));
  }
}

async function main() {
  const q = params();
  const id = q.get("id");
  const view = $("#view");
  if (!id) {
    view.append(el("p", {}, "No article chosen: pick one from ", el("a", { href: "/" }, "the article list"), "."));
    return;
  }
  const version = q.get("version");
  const [article, config] = await Promise.all([
    api(`articles/${encodeURIComponent(id)}`, { version }),
    api("config"),
  ]);
  const gate = config.gate;
  $("#title").textContent = article.title || article.id;
  document.title = `${article.title || article.id} · Dossier`;
  const meta = el("p", { class: "meta" },
    [article.outlet, article.author, article.published].filter(Boolean).join(" · "));
  if (article.url) meta.append(" · ", el("a", { href: article.url, rel: "noopener noreferrer" }, "original"));
  const versions = article.versions || [];
  if (versions.length > 1) meta.append(` · ${versions.length} versions`);
  if (article.duplicate_of) {
    meta.append(" · copy of ", el("a", { href: readerHref(article.duplicate_of), id: "copy-of" }, "its earliest copy"));
  }
  if (article.story_id) {
    meta.append(" · ", el("a", { href: `/stories?${new URLSearchParams({ id: article.story_id })}`, id: "story-link" }, "its story"));
  }
  const all = findings(article);
  const panel = el("aside", { class: "panel", id: "finding" }, el("p", { class: "meta" }, "Click a highlighted span to see its finding."));
  const pick = (covering, seg) => {
    document.querySelectorAll(".seg.selected").forEach((n) => n.classList.remove("selected"));
    seg.classList.add("selected");
    // The narrowest finding is the one the click meant; the others are listed.
    const sorted = [...covering].sort((a, b) => (a.end - a.start) - (b.end - b.start));
    showFinding(panel, article, sorted[0], all, gate);
    if (sorted.length > 1) {
      panel.append(el("p", { class: "meta" }, "Also here:"), el("ul", { class: "plain" },
        sorted.slice(1).map((f) => el("li", {}, el("button", {
          type: "button", on: { click: () => showFinding(panel, article, f, all, gate) },
        }, `${f.kind}: ${article.text.slice(f.start, f.end).slice(0, 60)}`)))));
    }
  };
  const s = Number.parseInt(q.get("start") ?? "", 10);
  const e = Number.parseInt(q.get("end") ?? "", 10);
  const target = Number.isInteger(s) && Number.isInteger(e) && e > s;
  const body = render(article, all, pick, target ? [s, e] : []);
  view.append(meta, legend(), el("div", { class: "cols" }, body, panel));
  if (target) markTarget(body, s, e);
  status(`${all.length} findings.`);
}

// The span a link pointed at: its pieces marked and scrolled into view (the
// span's ends are cut points of the rendering, so pieces fall inside or outside).
function markTarget(body, s, e) {
  const marks = [...body.querySelectorAll("[data-start]")].filter(
    (n) => Number(n.dataset.start) >= s && Number(n.dataset.end) <= e,
  );
  for (const n of marks) n.classList.add("target");
  if (marks.length) {
    marks[0].id = "target";
    marks[0].scrollIntoView({ block: "center" });
  }
}

start(main);
