// Draws every chart on the page: each element with data-chart names the json_script
// element that holds its Plotly figure. Points carrying a URL as customdata[0] open it.
(function () {
  "use strict";
  function draw(element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source || typeof Plotly === "undefined") return;
    var figure = JSON.parse(source.textContent);
    var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"] };
    Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var url = point && Array.isArray(point.customdata) ? point.customdata[0] : null;
        if (typeof url === "string" && url.charAt(0) === "/") window.location.href = url;
      });
    });
  }
  document.querySelectorAll("[data-chart]").forEach(draw);
})();
