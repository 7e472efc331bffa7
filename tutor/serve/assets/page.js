// The tutor page: start the terminal once the local font is ready (bounded wait), then give it
// the keyboard focus, so a student can type without clicking first. textual.js starts the
// terminal from window.onload; we take that handler and run it ourselves.
(function () {
  "use strict";
  function focusTerminal() {
    var box = document.querySelector("#terminal .xterm-helper-textarea");
    if (box) { box.focus(); }
  }
  function fontReady() {
    if (!document.fonts || !document.fonts.load) { return Promise.resolve(); }
    var wait = new Promise(function (resolve) { setTimeout(resolve, 2000); });
    return Promise.race([document.fonts.load('16px "Roboto Mono"'), wait]).catch(function () {});
  }
  window.addEventListener("DOMContentLoaded", function () {
    var start = window.onload;
    window.onload = null;
    fontReady().then(function () {
      if (typeof start === "function") { start(new Event("load")); }
      focusTerminal();
      document.body.classList.add("-started");
    });
    document.addEventListener("mousedown", function (event) {
      if (!event.target.closest(".ended")) { setTimeout(focusTerminal, 0); }
    });
    window.addEventListener("focus", focusTerminal);
  });
})();
