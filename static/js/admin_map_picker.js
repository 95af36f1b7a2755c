/* Page editor: a map under the latitude/longitude fields. Clicking it or dragging the
   marker fills both fields; typing coordinates moves the marker. Leaflet is vendored. */
(function (script) {
  "use strict";
  var options = script ? script.dataset : {};
  var lat = document.querySelector("input[data-kb-map-picker=latitude]");
  var lon = document.querySelector("input[data-kb-map-picker=longitude]");
  if (!lat || !lon || typeof L === "undefined") { return; }
  var holder = document.createElement("div");
  holder.className = "kb-map-picker";
  holder.id = "kb-map-picker";
  holder.style.height = "20rem";
  holder.style.margin = "1rem 0";
  holder.setAttribute("role", "application");
  holder.setAttribute("aria-label", options.label || "Map");
  var row = lon.closest("[data-field-wrapper], .w-field__wrapper") || lon.parentElement;
  (row.closest(".w-panel__content, fieldset") || row.parentElement).appendChild(holder);

  var here = function () {
    var a = parseFloat(lat.value), b = parseFloat(lon.value);
    return isNaN(a) || isNaN(b) ? null : [a, b];
  };
  var start = here();
  var map = L.map(holder).setView(start || [46.3, 10.5], start ? 11 : 6);  // the Alps
  L.tileLayer(options.tiles || "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
              { maxZoom: 18, attribution: options.attribution || "© OpenStreetMap" }).addTo(map);
  var marker = null;
  var place = function (point, fill) {
    if (!marker) {
      marker = L.marker(point, { draggable: true }).addTo(map);
      marker.on("dragend", function () { place(marker.getLatLng(), true); });
    }
    marker.setLatLng(point);
    if (fill) {
      var p = L.latLng(point);
      lat.value = p.lat.toFixed(6);
      lon.value = p.lng.toFixed(6);
      lat.dispatchEvent(new Event("change", { bubbles: true }));
      lon.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };
  if (start) { place(start, false); }
  map.on("click", function (event) { place(event.latlng, true); });
  [lat, lon].forEach(function (input) {
    input.addEventListener("input", function () {
      var point = here();
      if (point) { place(point, false); map.panTo(point); }
    });
  });
  // The panel may be on a tab that was hidden when the map was made: redraw when it is shown.
  new ResizeObserver(function () { map.invalidateSize(); }).observe(holder);
})(document.currentScript);
