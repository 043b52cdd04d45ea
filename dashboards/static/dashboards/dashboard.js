// Plenary's dashboards: draws each chart from the JSON beside its canvas (the same numbers as the
// table under it), and lets a click on a country of the map open its state page. Everything else
// (filters, the map's colouring) is server-rendered HTML that htmx swaps in.
(function () {
  "use strict";

  function drawChart(canvas) {
    var data = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
    var axis = data.horizontal ? "y" : "x";
    var valueAxis = data.horizontal ? "x" : "y";
    var scales = {};
    scales[axis] = { stacked: data.stacked };
    scales[valueAxis] = { stacked: data.stacked, beginAtZero: true, ticks: { precision: 0 } };
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series) {
          return {
            label: series.label,
            data: series.values,
            backgroundColor: series.colour,
            borderColor: "#374151",
            borderWidth: 0.5,
            maxBarThickness: 56,
          };
        }),
      },
      options: {
        indexAxis: axis,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: scales,
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  function drawCharts() {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(drawChart);
  }

  document.addEventListener("DOMContentLoaded", drawCharts);
  // The countries are not links (two hundred tab stops); the tiles are, for the keyboard.
  document.addEventListener("click", function (event) {
    var country = event.target.closest && event.target.closest(".map path[data-href]");
    if (country) {
      window.location.assign(country.dataset.href);
    }
  });
})();
