/* Self-assessment: save each answer as it is chosen, and a print button on the result.
   Without JavaScript the step buttons save the page and the browser's print works.
   One save at a time, always of the latest state, and a button press waits for the save in
   flight, so an older state can never arrive last and overwrite a newer one. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (form) {
    var status = form.querySelector(".autosave-status");
    var inflight = null;
    var queued = false;
    var save = function () {
      if (inflight) { queued = true; return; }
      inflight = fetch(form.action || window.location.href, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: {"X-Autosave": "1"}
      }).then(function (response) {
        if (response.status === 204 && status) { status.textContent = status.dataset.saved; }
      }).catch(function () { /* the buttons still save */ }).then(function () {
        inflight = null;
        if (queued) { queued = false; save(); }
      });
    };
    form.addEventListener("change", save);
    form.addEventListener("submit", function (event) {
      if (!inflight) { return; }
      event.preventDefault();
      var submitter = event.submitter;
      var retry = function () {
        if (inflight) { inflight.then(retry); } else { form.requestSubmit(submitter); }
      };
      retry();
    });
  }
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
}());
