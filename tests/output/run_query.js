// Runs the site's search query code (site_templates/assets/javascripts/search/query.js) in Node over a built
// site's index, as the browser's worker does, and prints for each query its results and what it fetched.
// Usage: node run_query.js SITE_DIR QUERY...   (used by tests/output/test_searchindex.py)
"use strict";
const fs = require("fs");
const path = require("path");

require(path.resolve(__dirname, "../../site_templates/assets/javascripts/search/query.js"));
const [site, ...queries] = process.argv.slice(2);

(async () => {
  const out = [];
  for (const query of queries) {
    const fetched = [];
    const engine = globalThis.ReportsiteSearch.create("search/", async (url) => {
      const bytes = fs.readFileSync(path.join(site, url));
      fetched.push([url, bytes.length]);
      return JSON.parse(bytes.toString("utf8"));
    });
    const answer = await engine.search(query);
    out.push({ query, results: answer.results, fetched });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(1);
});
