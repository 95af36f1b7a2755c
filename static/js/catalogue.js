/* Catalogue enhancements: suggestions while typing, sort on change, results map.
   The page works without this file; it only adds to it. */
(function () {
  "use strict";
  var input = document.getElementById("kb-q");
  var list = document.getElementById("kb-suggestions");
  if (input && list) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { return; }
      timer = setTimeout(function () {
        var url = input.dataset.suggestUrl + "?lang=" + encodeURIComponent(input.dataset.lang) +
          "&q=" + encodeURIComponent(text);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.replaceChildren();
            items.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              list.appendChild(option);
            });
          })
          .catch(function () { list.replaceChildren(); });
      }, 150);
    });
  }

  // Filters are a disclosure on small screens; wide screens show them beside the results
  // (CSS ::details-content does it too; this covers browsers without it).
  var filters = document.getElementById("kb-filters");
  if (filters && window.matchMedia("(min-width: 50rem)").matches) { filters.open = true; }

  var sort = document.getElementById("kb-sort");
  if (sort && sort.form) {
    sort.addEventListener("change", function () { sort.form.submit(); });
  }

  var mapEl = document.getElementById("kb-map");
  if (!mapEl || typeof window.kbPlacesMap !== "function") { return; }
  fetch(mapEl.dataset.pointsUrl, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (points) {
      if (!points.length) { return; }
      var map = window.kbPlacesMap(mapEl, points.map(function (p) {
        return { name: p.title, url: p.url, lat: p.lat, lon: p.lon };
      }));
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small map-area";
      button.textContent = mapEl.dataset.areaLabel;
      button.addEventListener("click", function () {
        var b = map.getBounds();
        var params = new URLSearchParams(window.location.search);
        params.set("bbox", [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]
          .map(function (n) { return n.toFixed(4); }).join(","));
        params.delete("page");
        window.location.search = params.toString();
      });
      mapEl.insertAdjacentElement("afterend", button);
    })
    .catch(function () { /* no map: the list is still there */ });
})();
