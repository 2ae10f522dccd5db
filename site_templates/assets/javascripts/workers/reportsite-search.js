/* reportsite search worker: Material's search dialog fed by the site's own index.
 *
 * Written against Material 9.8.1. Material lets a site replace its search worker (the `search` URL in `__config`, set in overrides/main.html);
 * this file speaks Material 9's worker messages (SETUP 0, READY 1, QUERY 2, RESULT 3) and answers each query
 * with ../search/query.js, the engine-neutral query code over the index generator/output/searchindex.py
 * writes to search/. Material's own index (search/search_index.json) holds no pages (the adapter turns its
 * per-page indexing off): only its config, which Material's page highlighting reads. Everything Material
 * shows is built here: a result per page, an indicator's latest values or a chapter's sentence with the
 * words marked (Material inserts `text` as HTML: query.js escapes it), `terms` for the ?h= highlighting
 * after a click, and `suggest` (the name being typed). A query answered after a newer one is dropped. */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  importScripts(new URL("../search/query.js", self.location.href).href);
  var site = new URL("../../../", self.location.href).href;
  var engine = self.ReportsiteSearch.create(site + "search/", function (url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error("search index: " + response.status + " " + url);
      return response.json();
    });
  });
  var latest = 0;

  /* The words Material marks on the page a result opens (?h=): each part, numbers and Latin words apart from
   * Chinese (chapter text links a number to its indicator, so 3.46万亿元 is two text nodes there). */
  function item(location, title, text, terms, score) {
    var found = {};
    terms.forEach(function (term) {
      (term.match(/[0-9a-z.%]+|[^0-9a-z.%]+/g) || []).forEach(function (piece) { found[piece] = true; });
    });
    return { location: location, title: title, text: text, terms: found, score: score };
  }

  /* Material groups a page's documents: the one without "#" is the page; others are its sections. */
  function toMaterial(answer) {
    var count = answer.results.length;
    return answer.results.map(function (r, n) {
      var score = count - n; /* Material orders by score within a group and picks the best for Enter */
      if (!r.anchor) return [item(r.url, r.title, r.text ? "<p>" + r.text + "</p>" : "", r.terms, score)];
      return [
        item(r.url, r.title, "", r.terms, score),
        item(r.url + "#" + r.anchor, r.section || r.title, "<p>" + r.text + "</p>", r.terms, score)
      ];
    });
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === SETUP) {
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      var ticket = ++latest;
      engine.search(String(message.data || "")).then(function (answer) {
        if (ticket !== latest) return;
        var suggest = answer.results.length && answer.results[0].suggest ? [answer.results[0].suggest] : [];
        self.postMessage({ type: RESULT, data: { items: toMaterial(answer), suggest: suggest } });
      }).catch(function (error) {
        if (ticket === latest) self.postMessage({ type: RESULT, data: { items: [] } });
        throw error;
      });
    }
  });
  self.reportsiteSearch = engine; /* for tests and debugging in the worker's console */
})();
