/* Maps of places: window.kbPlacesMap(element, points) draws points ({name, url, lat, lon,
   label}) with OpenStreetMap tiles (the element's data-tiles and data-attribution), close
   ones clustered, and returns the map. Every [data-kb-places] element is drawn from the JSON
   script it names (the territories reusing a practice, the territory list); the catalogue
   draws its results (catalogue.js). Without JavaScript the list beside the map says it all. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }

  window.kbPlacesMap = function (mapEl, points) {
    mapEl.hidden = false;
    var map = L.map(mapEl, { scrollWheelZoom: false });
    L.tileLayer(mapEl.dataset.tiles, { maxZoom: 18, attribution: mapEl.dataset.attribution })
      .addTo(map);
    // Places close together (practices of one village) become one numbered cluster.
    var layer = typeof L.markerClusterGroup === "function" ?
      L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 }) : L.layerGroup();
    var bounds = [];
    points.forEach(function (p) {
      var popup = document.createElement("div");
      var link = document.createElement(p.url ? "a" : "strong");
      if (p.url) { link.href = p.url; }
      link.textContent = p.name;
      popup.appendChild(link);
      if (p.label) {
        popup.appendChild(document.createElement("br"));
        popup.appendChild(document.createTextNode(p.label));
      }
      layer.addLayer(L.marker([p.lat, p.lon], { title: p.name, alt: p.name }).bindPopup(popup));
      bounds.push([p.lat, p.lon]);
    });
    map.addLayer(layer);
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 10 });
    return map;
  };

  document.querySelectorAll("[data-kb-places]").forEach(function (mapEl) {
    var data = document.getElementById(mapEl.dataset.kbPlaces);
    var points = data ? JSON.parse(data.textContent) : [];
    if (points.length) { window.kbPlacesMap(mapEl, points); }
  });
})();
