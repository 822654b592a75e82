#!/bin/sh
# Copies the browser libraries that `npm ci` put under web/node_modules into
# src/dossier/serve/static/vendor/, each beside its licence. The workbench loads
# nothing else from outside its own origin: no CDN, no web fonts.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
nm="$root/web/node_modules"
out="$root/src/dossier/serve/static/vendor"
[ -d "$nm/leaflet" ] || { echo "vendor-assets: $nm is missing; run 'npm ci' in web/ first" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/leaflet/images" "$out/leaflet.markercluster" "$out/world-atlas" \
  "$out/topojson-client" "$out/cytoscape" "$out/d3"
cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$nm/leaflet/LICENSE" "$out/leaflet/"
cp "$nm/leaflet/dist/images/"*.png "$out/leaflet/images/"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
  "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
  "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" \
  "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$out/leaflet.markercluster/"
cp "$nm/world-atlas/countries-50m.json" "$nm/world-atlas/LICENSE" "$out/world-atlas/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$nm/topojson-client/LICENSE" "$out/topojson-client/"
cp "$nm/cytoscape/dist/cytoscape.min.js" "$nm/cytoscape/LICENSE" "$out/cytoscape/"
cp "$nm/d3/dist/d3.min.js" "$nm/d3/LICENSE" "$out/d3/"
# d3's bundle carries these packages inside it, so their licences travel with it.
for dep in internmap delaunator robust-predicates; do
  cp "$nm/$dep/LICENSE" "$out/d3/LICENSE.$dep"
done
echo "vendor-assets: copied into $out"
