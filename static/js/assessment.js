/* Self-assessment: save each answer as it is chosen, and a print button on the result.
   Without JavaScript the step buttons save the page and the browser's print works. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (form) {
    var status = form.querySelector(".autosave-status");
    form.addEventListener("change", function () {
      fetch(form.action || window.location.href, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: {"X-Autosave": "1"}
      }).then(function (response) {
        if (response.status === 204 && status) { status.textContent = status.dataset.saved; }
      }).catch(function () { /* the buttons still save */ });
    });
  }
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
}());
