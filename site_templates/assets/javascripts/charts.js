/* Interactive charts for reportsite.
 * Each chart container holds a static SVG (shown without JavaScript) and the URL of its Vega-Lite
 * spec. Vega is served from this site and loaded only when a reader reaches for a chart. Runs on
 * every page change, so charts survive Material's instant navigation. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var bundleUrl = here ? new URL("vega.min.js", here).href : null;
  var loading = null;
  var live = new WeakMap(); // chart container → its Vega view, for the PNG download

  /* PNG is drawn in the browser from the live chart (Vega's toImageURL), so the site ships no PNG
   * files and pages without charts load nothing; the button stays hidden until the chart is live. */
  function downloadPng(button) {
    var figure = button.closest("figure");
    var vegaView = figure && live.get(figure.querySelector(".rs-chart__view"));
    if (!vegaView) return;
    button.disabled = true;
    vegaView.toImageURL("png", 2).then(function (href) {
      var link = document.createElement("a");
      link.href = href;
      link.download = button.dataset.filename || "chart.png";
      document.body.appendChild(link);
      link.click();
      link.remove();
    }).catch(function (error) {
      if (window.console) console.warn("PNG not created:", error.message);
    }).then(function () {
      button.disabled = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".rs-chart__png-button");
    if (button) downloadPng(button);
  });

  function loadVega() {
    if (window.vegaEmbed) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundleUrl;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function render(view) {
    if (view.dataset.rendered) return Promise.resolve();
    view.dataset.rendered = "pending";
    // The phone layout where the static SVG shows it (same media query as its <picture>): nothing jumps.
    var narrow = view.dataset.narrowSpec && window.matchMedia(view.dataset.narrowMedia || "not all").matches;
    return fetch(narrow ? view.dataset.narrowSpec : view.dataset.spec)
      .then(function (response) {
        if (!response.ok) throw new Error("spec " + response.status);
        return response.json();
      })
      .then(function (spec) {
        var target = document.createElement("div");
        target.className = "rs-chart__live";
        var img = view.querySelector("img");
        var label = img ? img.getAttribute("alt") : spec.description || "";
        view.appendChild(target); // in the page before embedding: width "container" needs a laid-out parent
        // No export menu (the figure links the SVG and the data); tooltips by vega-tooltip, bundled
        // with vega-embed, from the spec's tooltip encodings.
        return window.vegaEmbed(target, spec, { renderer: "svg", actions: false, tooltip: { theme: "light" } })
          .then(function (result) {
            // One accessible image named like the static one; the data table below is its long text.
            var svg = target.querySelector("svg");
            if (svg) {
              svg.setAttribute("role", "img");
              svg.setAttribute("aria-label", label);
              svg.removeAttribute("aria-roledescription");
            }
            if (img) img.hidden = true;
            view.dataset.rendered = "yes";
            live.set(view, result.view);
            var png = view.parentNode.querySelector(".rs-chart__png");
            if (png) png.hidden = false;
          }, function (error) {
            target.remove();
            throw error;
          });
      })
      .catch(function (error) {
        view.dataset.rendered = "failed";
        if (window.console) console.warn("chart not rendered, static image kept:", error.message);
      });
  }

  function renderAll() {
    var views = document.querySelectorAll(".rs-chart__view[data-spec]");
    if (!views.length || !bundleUrl) return;
    var draw = function (view) {
      loadVega().then(function () {
        render(view);
      });
    };
    // The static SVG is the chart as drawn at build time; Vega (336 KB gzipped) is fetched only when a
    // reader reaches for a chart (pointer, touch or keyboard focus), so reading costs no script at all.
    var wake = function (event) {
      var view = event.currentTarget.querySelector(".rs-chart__view[data-spec]");
      if (view) draw(view);
    };
    views.forEach(function (view) {
      var figure = view.closest(".rs-chart") || view;
      ["pointerenter", "touchstart", "focusin"].forEach(function (type) {
        figure.addEventListener(type, wake, { once: true, passive: true });
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(renderAll);
  } else {
    document.addEventListener("DOMContentLoaded", renderAll);
  }
})();
