/* "Xem với cỡ chữ : A- A A+": scales the bulletin's text; remembered on this device. */
(function () {
  "use strict";
  var KEY = "bantin-font-scale";
  var STEPS = [0.85, 1, 1.15, 1.3, 1.5];
  function load() {
    try { var v = parseFloat(window.localStorage.getItem(KEY)); return STEPS.indexOf(v) >= 0 ? v : 1; }
    catch (e) { return 1; }
  }
  function save(v) { try { window.localStorage.setItem(KEY, String(v)); } catch (e) { /* private mode */ } }
  function apply(root, v) {
    root.style.setProperty("--bantin-scale", String(v));
    root.setAttribute("data-font-scale", String(v));
    var buttons = root.querySelectorAll("[data-fontsize]");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i], act = b.getAttribute("data-fontsize");
      b.setAttribute("aria-pressed", String(act === "reset" && v === 1));
      b.disabled = (act === "smaller" && v === STEPS[0]) || (act === "larger" && v === STEPS[STEPS.length - 1]);
    }
  }
  function init(root) {
    var control = root.querySelector(".bantin-fontsize");
    if (!control) { return; }
    control.hidden = false;
    apply(root, load());
    control.addEventListener("click", function (ev) {
      var b = ev.target.closest ? ev.target.closest("[data-fontsize]") : null;
      if (!b) { return; }
      var i = STEPS.indexOf(parseFloat(root.getAttribute("data-font-scale")) || 1);
      var act = b.getAttribute("data-fontsize");
      if (act === "smaller") { i = Math.max(0, i - 1); }
      else if (act === "larger") { i = Math.min(STEPS.length - 1, i + 1); }
      else { i = STEPS.indexOf(1); }
      save(STEPS[i]);
      apply(root, STEPS[i]);
    });
  }
  function start() {
    var roots = document.querySelectorAll(".bantin");
    for (var i = 0; i < roots.length; i++) { init(roots[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
