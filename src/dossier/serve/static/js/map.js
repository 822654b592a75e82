// Map: geocoded events and places over the offline world-atlas basemap, clustered
// where dense. Clicking a point lists its events with their evidence sentences,
// each linking to the reader scrolled to the span. No tile server is contacted
// unless the operator configured one (DOSSIER_TILES).
import { $, api, badge, clear, el, filterForm, params, readerHref, setQuery, showError, start, status } from "./common.js";

async function basemap(map) {
  const response = await fetch("/static/vendor/world-atlas/countries-50m.json");
  if (!response.ok) throw new Error("The offline basemap is missing: run `make assets`.");
  const world = await response.json();
  const countries = window.topojson.feature(world, world.objects.countries);
  for (const country of countries.features) {
    if (country.geometry) country.geometry = acrossTheDateLine(country.geometry);
  }
  window.L.geoJSON(countries, { className: "country", interactive: false }).addTo(map);
}

// Natural Earth cuts shapes at the date line, so a ring that crosses it (Russia's
// far east, Fiji) jumps from 180 to -180, and Leaflet draws that jump as a line
// across the whole map. Keep each step under 180 degrees instead. Steps near the
// poles are left alone: there a ring runs along the pole on purpose (Antarctica).
function unwrap(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    let x = lon;
    if (out.length && Math.abs(lat) < 80) {
      const prev = out[out.length - 1][0];
      while (x - prev > 180) x -= 360;
      while (prev - x > 180) x += 360;
    }
    out.push([x, lat]);
  }
  return out;
}

function acrossTheDateLine(geometry) {
  if (geometry.type === "Polygon") return { ...geometry, coordinates: geometry.coordinates.map(unwrap) };
  if (geometry.type === "MultiPolygon") {
    return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrap)) };
  }
  return geometry;
}

function pointPanel(panel, point) {
  clear(panel).append(
    el("h2", {}, point.name || "Place"),
    el("p", { class: "meta" }, point.country || ""),
    (point.events || []).length === 0 ? el("p", {}, "No events here.") : el("ul", { class: "plain", id: "point-events" },
      point.events.map((ev) => el("li", { class: `status-${ev.status}`, data: { key: ev.key || "" } },
        el("strong", {}, ev.type || "event"), el("span", { class: "meta" }, ` ${ev.status || ""}`), badge(ev.review),
        el("blockquote", {}, ev.sentence || ""),
        el("a", { class: "evidence-link", href: readerHref(ev.article_id, ev.start, ev.end) }, "Read it in the article")))),
  );
}

async function main() {
  const q = params();
  const panel = el("aside", { class: "panel", id: "point" }, el("p", { class: "meta" }, "Click a point to list its events."));
  const mapBox = el("div", { id: "map" });
  const L = window.L;
  const places = el("ol", { class: "plain", id: "place-list" });
  let layer = null;
  let map = null;
  const run = async (values) => {
    setQuery(values);
    const data = await api("map", values);
    if (layer) map.removeLayer(layer);
    layer = L.markerClusterGroup({ showCoverageOnHover: false });
    const points = (data.points || []).filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
    points.forEach((p, i) => {
      const has = (p.events || []).length > 0;
      // A place with events is drawn apart from one that is only mentioned.
      const icon = L.divIcon({ className: `point-icon ${has ? "has-events" : "place-only"}`, iconSize: has ? [14, 14] : [10, 10] });
      const marker = L.marker([p.lat, p.lon], { icon, title: p.name || "", keyboard: true, alt: p.name || "" });
      marker.on("click", () => pointPanel(panel, p));
      marker.on("add", () => {
        const node = marker.getElement();
        if (node) {
          node.dataset.point = String(i);
          node.dataset.placeKey = p.place_key || "";
        }
      });
      layer.addLayer(marker);
    });
    map.addLayer(layer);
    // The same points as a list, most events first: a way in that no cluster hides.
    const ranked = points.filter((p) => (p.events || []).length)
      .sort((a, b) => b.events.length - a.events.length || String(a.name).localeCompare(String(b.name)));
    clear(places).append(...ranked.map((p) => el("li", {}, el("button", {
      type: "button", class: "place", data: { name: p.name || "", placeKey: p.place_key || "" },
      on: { click: () => { map.setView([p.lat, p.lon], Math.max(map.getZoom(), 6)); pointPanel(panel, p); } },
    }, p.name || "?"), el("span", { class: "meta" }, ` ${p.country || ""} · ${p.events.length} events`))));
    if (points.length) map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon])).pad(0.3), { maxZoom: 6, animate: false });
    status(`${ranked.length} places with events, ${points.length} places on the map.`);
  };
  $("#view").append(filterForm(["type", "since", "until"], q, (v) => run(v).catch(showError)),
    el("div", { class: "cols" }, mapBox, panel), el("h2", {}, "Places with events"), places);
  map = L.map(mapBox, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([10, 0], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Basemap: Natural Earth via world-atlas");
  await basemap(map);
  // An online tile server only when the operator configured one (DOSSIER_TILES).
  const config = await api("config");
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 18, attribution: `Tiles: ${new URL(config.tiles.replace(/[{}]/g, "")).host}` }).addTo(map);
  }
  await run(Object.fromEntries(["type", "since", "until"].map((k) => [k, q.get(k) || ""])));
}

start(main);
