/* reportsite search worker: Material's own search worker, with the Chinese query cut correctly.
 *
 * Why: Material 9.8.1 splits a Chinese query greedily against its index, but never looks at the
 * last character of a run (地区生产总值 is searched as 地区*), stops at the first character that
 * starts no index word, and keeps a number glued to its unit (3.46万亿元) as one term that matches
 * nothing. Material lets a site replace its search worker (the `search` URL in `__config`);
 * overrides/main.html points it here and passes Material's worker file as `?material=`, which this
 * file loads unchanged. Every query is rewritten before Material sees it:
 *   1. numbers and Latin letters are split from Chinese (3.46万亿元 → 3.46 万亿元, GDP增速 → GDP 增速);
 *   2. each run of Chinese characters is cut into the fewest words of the index's own vocabulary
 *      (the tokens Material builds from the same search_index.json: jieba's words, and whole
 *      indicator names and aliases, which the generator emits as page tags); a piece may be the
 *      start of a word (typing in progress, or a word jieba kept longer); characters that start no
 *      word are dropped, as they can match nothing;
 *   3. a whole word is followed by "〇", a Han character Material's segmenter never reads (it skips a
 *      run's last character), so the segmenter keeps the word whole and "〇" never reaches the index.
 * No jieba user dictionary is used at build time: it would make sub-words (投资, 生产总值) stop
 * matching, while whole names are already single tokens through the tags. */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2;
  var HAN = /\p{sc=Han}+/gu;
  var SENTINEL = "\u3007";
  var words = null; /* whole index tokens that begin with a Chinese character */
  var starts = null; /* every Chinese beginning of such a token */
  var longest = 1;

  function learn(index) {
    var separator = new RegExp(index.config.separator, "g");
    words = new Set();
    starts = new Set();
    var leading = /^\p{sc=Han}+/u;
    index.docs.forEach(function (doc) {
      var parts = [doc.title || "", (doc.text || "").replace(/<[^>]*>/g, " ")].concat(doc.tags || []);
      parts.forEach(function (part) {
        part.split(separator).forEach(function (token) {
          var han = leading.exec(token);
          if (!han) return;
          token = token.toLowerCase();
          if (han[0].length === token.length) words.add(token);
          var run = han[0];
          longest = Math.max(longest, run.length);
          for (var i = 1; i <= run.length; i++) starts.add(run.slice(0, i));
        });
      });
    });
  }

  /* Fewest pieces no longer than `limit`, whole words preferred; returns the query terms. A whole
   * word of 4 characters or more (an indicator name from the tags) also brings its own words of 2
   * characters or more, so the chapters, where jieba cut the name up, are found too (ranked below
   * the page that has the name as a tag). */
  function cut(run, limit) {
    var n = run.length;
    var cost = [0], back = [0], kind = [""];
    for (var j = 1; j <= n; j++) {
      cost[j] = Infinity;
      for (var i = Math.max(0, j - limit); i < j; i++) {
        var piece = run.slice(i, j);
        var k = words.has(piece) ? "word" : starts.has(piece) ? "start" : j - i === 1 ? "none" : "";
        if (!k) continue;
        var c = cost[i] + (k === "word" ? 1 : k === "start" ? 1.5 : 3);
        if (c < cost[j]) {
          cost[j] = c;
          back[j] = i;
          kind[j] = k;
        }
      }
    }
    var terms = [];
    for (var end = n; end > 0; end = back[end]) {
      var text = run.slice(back[end], end);
      if (kind[end] === "word") terms.unshift(text + SENTINEL);
      else if (kind[end] === "start") terms.unshift(text);
      if (kind[end] === "word" && text.length > 3) {
        cut(text, text.length - 1).forEach(function (term) {
          if (term.length > 2 && term.slice(-1) === SENTINEL && terms.indexOf(term) < 0) terms.push(term);
        });
      }
    }
    return terms.length ? terms : [run];
  }

  function rewrite(query) {
    if (!words || typeof query !== "string") return query;
    return query
      .replace(/([0-9A-Za-z.%])(?=\p{sc=Han})/gu, "$1 ")
      .replace(/(\p{sc=Han})(?=[0-9A-Za-z])/gu, "$1 ")
      .replace(HAN, function (run) {
        return cut(run, longest).join(" ");
      });
  }

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) learn(message.data);
      if (message && message.type === QUERY) message = { type: QUERY, data: rewrite(message.data) };
      return listener({ data: message });
    }, options);
  };
  self.reportsiteRewrite = rewrite; /* for tests and debugging in the worker's console */

  var material = new URL(self.location.href).searchParams.get("material");
  importScripts(material);
})();
