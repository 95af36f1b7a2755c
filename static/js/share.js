/* Share controls: copy the address, the device's own share sheet, print. No third-party
   script; without JavaScript the e-mail link still works and these buttons stay hidden. */
(function () {
  "use strict";
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var url = box.dataset.url;
    var status = box.querySelector("[data-share-status]");
    var say = function (text) { if (status) { status.textContent = text; } };
    var copy = box.querySelector("[data-copy]");
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(url).then(function () { say(box.dataset.copied); },
          function () { say(box.dataset.copyFailed); });
      });
    }
    var native = box.querySelector("[data-share-native]");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: box.dataset.title, url: url }).catch(function () {});
      });
    }
    var print = box.querySelector("[data-share-print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  });
}());
