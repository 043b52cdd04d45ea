// The live progress of a vote import on its admin page: asks for the job's figure every second
// until the job has finished, then reloads the page to show its counts and rejected rows.
// Plain JavaScript served from static/: no CDN, no build step.
(function () {
  "use strict";
  var INTERVAL = 1000;

  function watch(element) {
    var bar = element.querySelector("progress");
    var label = element.querySelector("[data-progress-label]");

    function tick() {
      fetch(element.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (job) {
          if (job === null) {
            window.setTimeout(tick, INTERVAL);
            return;
          }
          bar.value = job.progress;
          label.textContent = job.label;
          if (job.finished) {
            window.location.reload();
          } else {
            window.setTimeout(tick, INTERVAL);
          }
        })
        .catch(function () {
          window.setTimeout(tick, INTERVAL * 3); // the server restarting: try again a little later
        });
    }

    window.setTimeout(tick, INTERVAL);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-progress-url]").forEach(watch);
  });
})();
