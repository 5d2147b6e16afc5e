/* Draws each dashboard chart from the JSON beside it; no inline script, so the pages can run
   under a Content-Security-Policy of script-src 'self'. On a narrow screen the quarter axis
   labels every few quarters rather than all, so the labels stay legible and unclipped. */
(function () {
  "use strict";
  var NARROW = 560;

  function fitToWidth(element, layout, count) {
    var axis = layout.xaxis || {};
    if (element.clientWidth >= NARROW || axis.type !== "category") {
      return layout;
    }
    if (count > 5) {
      axis.dtick = Math.ceil(count / 5);
    }
    layout.margin = Object.assign({}, layout.margin, { l: 56, r: 12, b: 110 });
    layout.legend = Object.assign({}, layout.legend, { y: -0.45 });
    layout.height = (layout.height || 360) + 60;
    return layout;
  }

  function draw() {
    var charts = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(charts, function (element) {
      var source = document.getElementById(element.getAttribute("data-chart"));
      if (!source || !window.Plotly) {
        return;
      }
      var figure = JSON.parse(source.textContent);
      var first = (figure.data || [])[0] || {};
      var layout = fitToWidth(element, figure.layout, (first.x || []).length);
      window.Plotly.newPlot(element, figure.data, layout, {
        displayModeBar: false,
        responsive: true,
        displaylogo: false
      }).then(function () {
        element.setAttribute("data-drawn", "true");
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
