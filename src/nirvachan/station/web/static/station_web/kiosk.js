/* Ballot unit: one press per enabled ballot, a beep, the paper slip for 7 seconds, then back to
   waiting (htmx polls the server for the next enabled ballot). */
(function () {
  "use strict";
  var audio = null;
  var pressed = false;

  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { return; }
      audio = audio || new Ctx();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "square";
      osc.frequency.value = 1000;
      gain.gain.value = 0.2;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.6);
    } catch (e) { /* no audio device: the slip still shows */ }
    document.body.dataset.beeps = String(Number(document.body.dataset.beeps || "0") + 1);
  }

  function unit() { return document.getElementById("unit"); }

  function lockButtons() {
    var u = unit();
    if (!u) { return; }
    u.querySelectorAll("button.choice").forEach(function (b) {
      b.disabled = true;
      b.setAttribute("aria-disabled", "true");
    });
  }

  function startSlip(stage) {
    var ms = Number(stage.dataset.slipMs || "7000");
    var next = stage.dataset.next;
    beep();
    window.setTimeout(function () {
      var slip = stage.querySelector(".slip");
      if (slip) { slip.classList.add("dropped"); slip.remove(); }
      pressed = false;
      htmx.ajax("GET", next, { target: "#unit", swap: "outerHTML" });
    }, ms);
  }

  function onSwap() {
    var u = unit();
    if (!u) { return; }
    if (u.dataset.mode === "slip") { startSlip(u); return; }
    if (u.dataset.mode === "ballot") {
      pressed = false;
      var first = u.querySelector("button.choice");
      if (first) { first.focus(); }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Refusals (4xx) are shown on the unit too, not dropped silently.
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "4..", swap: true, error: false },
      { code: "...", swap: false }
    ];
    document.body.addEventListener("htmx:beforeRequest", function (evt) {
      var form = evt.detail.elt && evt.detail.elt.closest && evt.detail.elt.closest(".ballot-form");
      if (!form) { return; }
      if (pressed) { evt.preventDefault(); return; }  // one press only
      pressed = true;
      window.setTimeout(lockButtons, 0);
    });
    document.body.addEventListener("htmx:afterSwap", onSwap);
    document.body.addEventListener("htmx:responseError", function () { pressed = false; });
    document.addEventListener("keydown", function (evt) {
      if (!/^[1-9]$/.test(evt.key) || evt.ctrlKey || evt.altKey || evt.metaKey) { return; }
      var u = unit();
      if (!u || u.dataset.mode !== "ballot" || pressed) { return; }
      var button = u.querySelector('button.choice[data-serial="' + evt.key + '"]');
      if (button) { evt.preventDefault(); button.click(); }
    });
    onSwap();
  });
})();
