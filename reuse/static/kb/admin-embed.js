/* "Embed the catalogue" admin page: copy buttons and a live preview of the widget. */
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-embed-builder]");
  var status = document.querySelector("[data-kb-copied]");
  document.querySelectorAll("[data-kb-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = document.getElementById(button.getAttribute("data-kb-copy")).value;
      navigator.clipboard.writeText(text).then(function () {
        if (status) status.textContent = button.textContent + " ✓";
      });
    });
  });
  if (!form) return;
  var timer;
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = location.pathname + "?" + new URLSearchParams(new FormData(form)).toString();
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.text(); }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        ["kb-widget-snippet", "kb-iframe-snippet"].forEach(function (id) {
          document.getElementById(id).value = doc.getElementById(id).value;
        });
        var preview = document.getElementById("kb-embed-preview");
        preview.innerHTML = "";
        var holder = doc.querySelector("#kb-embed-preview [data-kb-practices]");
        if (holder) {
          preview.appendChild(document.importNode(holder, true));
          var s = document.createElement("script");
          s.src = doc.querySelector("#kb-embed-preview script").src + "?t=" + Date.now();
          preview.appendChild(s);
        }
        history.replaceState(null, "", url);
      });
    }, 300);
  });
})();
