/* A map of places listed on the page (the territories reusing a practice, the territory
   profiles): each [data-kb-places] element names the JSON script holding its points
   ({name, url, lat, lon, label}). Without JavaScript the list beside it says the same. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  document.querySelectorAll("[data-kb-places]").forEach(function (mapEl) {
    var data = document.getElementById(mapEl.dataset.kbPlaces);
    var points = data ? JSON.parse(data.textContent) : [];
    if (!points.length) { return; }
    mapEl.hidden = false;
    var map = L.map(mapEl, { scrollWheelZoom: false });
    L.tileLayer(mapEl.dataset.tiles, { maxZoom: 18, attribution: mapEl.dataset.attribution })
      .addTo(map);
    var layer = typeof L.markerClusterGroup === "function" ?
      L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 }) : L.layerGroup();
    var bounds = [];
    points.forEach(function (p) {
      var popup = document.createElement("div");
      var link = document.createElement(p.url ? "a" : "strong");
      if (p.url) { link.href = p.url; }
      link.textContent = p.name;
      popup.appendChild(link);
      if (p.label) { popup.appendChild(document.createElement("br")); popup.appendChild(document.createTextNode(p.label)); }
      layer.addLayer(L.marker([p.lat, p.lon], { title: p.name, alt: p.name }).bindPopup(popup));
      bounds.push([p.lat, p.lon]);
    });
    map.addLayer(layer);
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 9 });
  });
})();
