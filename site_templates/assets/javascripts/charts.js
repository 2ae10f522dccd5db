/* Interactive charts for reportsite.
 * Each chart container holds a static SVG (shown without JavaScript) and the URL of its Vega-Lite
 * spec. Vega is served from this site and loaded only on pages that have a chart. Runs on every
 * page change, so charts survive Material's instant navigation. */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var bundleUrl = here ? new URL("vega.min.js", here).href : null;
  var loading = null;

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
    return fetch(view.dataset.spec)
      .then(function (response) {
        if (!response.ok) throw new Error("spec " + response.status);
        return response.json();
      })
      .then(function (spec) {
        var target = document.createElement("div");
        target.className = "rs-chart__live";
        var img = view.querySelector("img");
        var label = img ? img.getAttribute("alt") : spec.description || "";
        target.setAttribute("role", "img");
        target.setAttribute("aria-label", label);
        view.appendChild(target); // in the page before embedding: width "container" needs a laid-out parent
        return window.vegaEmbed(target, spec, {
          renderer: "svg",
          actions: { export: true, source: false, compiled: false, editor: false },
          i18n: { SVG_ACTION: "下载 SVG", PNG_ACTION: "下载 PNG" },
          tooltip: { theme: "light" }
        }).then(function () {
          if (img) img.hidden = true;
          view.dataset.rendered = "yes";
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
    loadVega().then(function () {
      views.forEach(render);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(renderAll);
  } else {
    document.addEventListener("DOMContentLoaded", renderAll);
  }
})();
