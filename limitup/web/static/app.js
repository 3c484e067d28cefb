/* Progressive enhancement only: every form works without this file.
   - forms marked data-once are sent once (a second tap is ignored; buttons disabled);
   - the limit slider shows its amount in yuan as it moves;
   - the sign-in confirm page drops ?token= from the address bar;
   - the upload form shows upload progress, then waits for the reading to finish. */
(function () {
  "use strict";

  function yuanText(fen) {
    var whole = Math.floor(fen / 100), cents = fen % 100;
    var text = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return cents ? text + "." + (cents < 10 ? "0" : "") + cents : text;
  }

  function disableButtons(form) {
    // After the current task: a disabled submitter would drop its name=value from the data.
    setTimeout(function () {
      form.querySelectorAll("button, input[type=submit]").forEach(function (b) {
        b.disabled = true;
        b.setAttribute("aria-busy", "true");
      });
    }, 0);
  }

  function guardOnce(form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent === "1") { event.preventDefault(); return; }
      form.dataset.sent = "1";
      disableButtons(form);
    });
  }

  function liveAmount(slider) {
    var output = document.getElementById(slider.dataset.output);
    if (!output) return;
    var prefix = output.dataset.prefix || "";
    var show = function () { output.textContent = prefix + yuanText(parseInt(slider.value, 10)); };
    slider.addEventListener("input", show);
    slider.addEventListener("change", show);
    show();
  }

  function replaceMain(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main"), main = document.getElementById("main");
    if (fresh && main) { main.replaceWith(document.adoptNode(fresh)); init(document.getElementById("main")); }
  }

  function waitForDecision(url, statusUrl, progressText, text) {
    progressText.textContent = text;
    var tries = 0;
    (function poll() {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", statusUrl);
      xhr.onload = function () {
        var decided = false;
        try { decided = JSON.parse(xhr.responseText).decided; } catch (e) { decided = true; }
        if (decided || ++tries > 120) { window.location.assign(url); } else { setTimeout(poll, 1000); }
      };
      xhr.onerror = function () { window.location.assign(url); };
      xhr.send();
    })();
  }

  function uploadWithProgress(form) {
    if (!window.FormData || !window.XMLHttpRequest || !window.DOMParser) return;
    var box = form.querySelector("[data-progress]");
    var bar = box.querySelector("progress"), label = box.querySelector("[data-progress-text]");
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;
      event.preventDefault();
      var data = new FormData(form);
      var xhr = new XMLHttpRequest();
      box.hidden = false;
      label.textContent = form.dataset.textUploading;
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total);
      };
      xhr.onload = function () {
        var match = /\/credentials\/(\d+)$/.exec(new URL(xhr.responseURL).pathname);
        if (xhr.status === 200 && match) {
          bar.value = 100;
          waitForDecision(xhr.responseURL, xhr.responseURL + "/status", label, form.dataset.textProcessing);
        } else {
          replaceMain(xhr.responseText);
        }
      };
      xhr.onerror = function () {
        label.textContent = form.dataset.textFailed;
        form.dataset.sent = "";
        form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
      };
      xhr.open("POST", form.action);
      xhr.send(data);
    });
  }

  function init(root) {
    root.querySelectorAll("form[data-upload]").forEach(uploadWithProgress);
    root.querySelectorAll("form[data-once]").forEach(guardOnce);
    root.querySelectorAll("input[type=range][data-output]").forEach(liveAmount);
    // The sign-in confirm page: take the token out of the address bar and the history entry.
    if (root.querySelector("form[data-forget-token]") && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname);
    }
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
})();
