/* reportsite search: the query side of the site's own index (generator/output/searchindex.py).
 *
 * Knows nothing of any site engine: `ReportsiteSearch.create(indexUrl, fetchJson)` gives `search(query)`,
 * which fetches the manifest, the term shards of the query's characters and the record chunks of the
 * results it returns, never the whole index. Ranking, as readers expect:
 *   0  the query is a whole name or alias of an indicator;
 *   1  the whole query (each space-separated part) is a phrase of a name, title or latest value;
 *   2  ... a phrase of a text (a definition, a paragraph);
 *   3  only fragments of it (some of its words) are there: never above a phrase match.
 * A phrase is found from the postings' offsets: a chain of indexed words (jieba's, cut at build time) at
 * consecutive places of one text, whatever words the query itself would be cut into; a single Chinese
 * character (not indexed) may pass between two words, and the last piece may be the start of a word
 * (typing in progress: 低空经 finds 低空经济).
 * Works in a worker or a page (uses only fetch/JSON through `fetchJson`). */
(function (root) {
  "use strict";
  var NAME = 0, TITLE = 1, TEXT = 2, KINDS = 3;
  var LIMIT = 10, PREFIX_LIMIT = 24;
  var SENTENCE_END = /[。！？；!?;\n]/;

  function fold(text) {
    return String(text)
      .replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .toLowerCase();
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function isHan(ch) { return /\p{sc=Han}/u.test(ch); }

  /* Text with every occurrence of the parts marked (<mark>), escaped. */
  function mark(text, parts) {
    var folded = fold(text), spans = [];
    parts.forEach(function (part) {
      if (!part) return;
      for (var at = folded.indexOf(part); at >= 0; at = folded.indexOf(part, at + part.length)) {
        spans.push([at, at + part.length]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = "", pos = 0;
    spans.forEach(function (span) {
      if (span[0] < pos) return;
      out += escapeHtml(text.slice(pos, span[0])) + "<mark>" + escapeHtml(text.slice(span[0], span[1])) + "</mark>";
      pos = span[1];
    });
    return out + escapeHtml(text.slice(pos));
  }

  /* The sentence of `text` around `offset` (a phrase found there), at most ~120 characters. */
  function sentence(text, offset, length) {
    var start = offset, end = offset + length;
    while (start > 0 && !SENTENCE_END.test(text[start - 1]) && offset - start < 80) start--;
    while (end < text.length && !SENTENCE_END.test(text[end - 1]) && end - offset < 120) end++;
    var out = text.slice(start, end).trim();
    if (start > 0 && !SENTENCE_END.test(text[start - 1])) out = "…" + out;
    if (end < text.length && !SENTENCE_END.test(text[end - 1])) out += "…";
    return out;
  }

  function hash(token, buckets) { /* generator/output/searchindex.py: bucket */
    var h = 0;
    for (var c of token) h = (Math.imul(h, 31) + c.codePointAt(0)) >>> 0;
    return h % buckets;
  }

  function create(indexUrl, fetchJson) {
    var base = indexUrl.replace(/\/?$/, "/");
    var manifest = null, files = new Map();

    function getManifest() {
      if (!manifest) manifest = fetchJson(base + "index.json");
      return manifest;
    }
    function file(m, name) {
      if (!files.has(name)) files.set(name, fetchJson(base + m.version + "/" + name + ".json"));
      return files.get(name);
    }
    function chunk(starts, n) { /* the file that holds item n, given each file's first item */
      var k = 0;
      while (k + 1 < starts.length && starts[k + 1] <= n) k++;
      return k;
    }
    function record(m, n) {
      var k = chunk(m.records, n);
      return file(m, "r" + k).then(function (list) { return list[n - m.records[k]]; });
    }
    function unitText(m, g) {
      var k = chunk(m.texts, g);
      return file(m, "x" + k).then(function (list) { return list[g - m.texts[k]]; });
    }

    /* The words of the index that can start at each place of `part`: [i, j, words, prefix]. */
    function edges(part, vocab) {
      var out = [];
      for (var i = 0; i < part.length; i++) {
        var words = vocab(part[i]);
        for (var j = i + 1; j <= part.length; j++) {
          var word = part.slice(i, j);
          if (words.set.has(word)) out.push([i, j, [word], false]);
        }
        var rest = part.slice(i), longer = [];
        if (rest.length > 1 || i > 0 || !isHan(rest)) { /* a lone first character would complete to anything */
          words.list.forEach(function (key) { /* the vocabulary lists the commonest words first */
            if (key.length > rest.length && key.lastIndexOf(rest, 0) === 0) longer.push(key);
          });
          longer.sort(function (a, b) { return a.length - b.length; }); /* stable: commonest first per length */
        }
        if (longer.length) out.push([i, part.length, longer.slice(0, PREFIX_LIMIT), true]);
      }
      return out;
    }

    /* Where `part` is a phrase in each (record, unit): its starting offsets, and the units a word of it is in. */
    function match(found, postingsOf) {
      var units = new Map(); /* "record:code" → {record, code, length, words: Map(edge index → Set offsets)} */
      found.forEach(function (edge, e) {
        edge[2].forEach(function (word) {
          (postingsOf(word) || []).forEach(function (p) {
            var key = p[0] + ":" + p[1], unit = units.get(key);
            if (!unit) units.set(key, unit = { record: p[0], code: p[1], length: p[2], words: new Map(), weight: 0 });
            var offsets = unit.words.get(e);
            if (!offsets) unit.words.set(e, offsets = new Set());
            for (var k = 3; k < p.length; k++) offsets.add(p[k]);
          });
        });
      });
      var part = found.part;
      units.forEach(function (unit) {
        unit.starts = phrase(part, found, unit);
        found.forEach(function (edge, e) { if (unit.words.has(e)) unit.weight = Math.max(unit.weight, edge[1] - edge[0]); });
      });
      return units;
    }

    /* Starting offsets of `part` as a chain of words in one unit (null: none). reach[i]: the starting offsets
     * from which part[0:i] is found; passed[i]: reached by letting one character pass (not indexed there), after
     * which a word must follow: only in texts (names and titles index every character), never first, never
     * two in a row, never at the end. */
    function phrase(part, found, unit) {
      var ANY = "any", reach = [ANY], passed = [false], text = unit.code % KINDS === TEXT;
      for (var i = 0; i < part.length; i++) {
        var here = reach[i];
        if (!here) continue;
        if (text && i > 0 && !passed[i] && i + 1 < part.length && isHan(part[i])) {
          if (!reach[i + 1]) { reach[i + 1] = here === ANY ? ANY : new Set(here); passed[i + 1] = true; }
          else if (here !== ANY && reach[i + 1] !== ANY) here.forEach(function (o) { reach[i + 1].add(o); });
        }
        found.forEach(function (edge, e) {
          if (edge[0] !== i || !unit.words.has(e)) return;
          var offsets = unit.words.get(e), next = new Set();
          if (here === ANY) offsets.forEach(function (o) { next.add(o - i); });
          else here.forEach(function (o) { if (offsets.has(o + i)) next.add(o); });
          if (!next.size) return;
          var j = edge[1];
          if (!reach[j] || reach[j] === ANY || passed[j]) { reach[j] = next; passed[j] = false; }
          else next.forEach(function (o) { reach[j].add(o); });
        });
      }
      var end = reach[part.length];
      return end && end !== ANY && !passed[part.length] && end.size ? Array.from(end).sort(function (a, b) { return a - b; }) : null;
    }

    /* Per record: its tier and score for this part, and the unit that gave them. */
    function rankPart(part, units) {
      var best = new Map();
      units.forEach(function (unit) {
        var kind = unit.code % KINDS, tier, score;
        if (unit.starts) {
          if (kind === NAME && unit.starts[0] === 0 && unit.length === part.length) tier = 0;
          else tier = kind === TEXT ? 2 : 1;
          score = (kind === NAME ? 2 : kind === TITLE ? 1 : 0) + 1 / (1 + unit.length) + Math.min(unit.starts.length, 5) / 100 +
            (unit.starts[0] === 0 ? 0.5 : 0);
        } else {
          if (unit.weight < 2 && part.length > 1) return; /* one character of a longer query: not a match */
          tier = 3;
          score = unit.weight / part.length + (kind === TEXT ? 0 : 0.5);
        }
        var held = best.get(unit.record);
        if (!held || tier < held.tier || (tier === held.tier && score > held.score)) {
          best.set(unit.record, { tier: tier, score: score, unit: unit });
        }
      });
      return best;
    }

    function search(query) {
      var parts = fold(query).split(/\s+/).filter(Boolean);
      if (!parts.length) return Promise.resolve({ query: query, parts: [], results: [] });
      var m;
      return getManifest().then(function (loaded) {
        m = loaded;
        var wanted = new Set();
        parts.forEach(function (part) { for (var c of part) wanted.add(c.codePointAt(0) % m.words); });
        return Promise.all(Array.from(wanted).map(function (k) {
          return file(m, "w" + k).then(function (list) { return [k, { list: list, set: new Set(list) }]; });
        }));
      }).then(function (vocabularies) {
        var byFile = new Map(vocabularies), none = { list: [], set: new Set() };
        var vocab = function (c) { return byFile.get(c.codePointAt(0) % m.words) || none; };
        var found = parts.map(function (part) { var e = edges(part, vocab); e.part = part; return e; });
        var buckets = new Set();
        found.forEach(function (e) { e.forEach(function (edge) { edge[2].forEach(function (w) { buckets.add(hash(w, m.postings)); }); }); });
        return Promise.all(Array.from(buckets).map(function (k) {
          return file(m, "p" + k).then(function (postings) { return [k, postings]; });
        })).then(function (loaded) {
          var byBucket = new Map(loaded);
          var postingsOf = function (word) {
            var table = byBucket.get(hash(word, m.postings));
            return table && Object.prototype.hasOwnProperty.call(table, word) ? table[word] : null;
          };
          return rank(found.map(function (e) { return rankPart(e.part, match(e, postingsOf)); }), parts);
        });
      }).then(function (top) {
        return Promise.all(top.map(function (entry) {
          return record(m, entry.record).then(function (shown) {
            var hit = bestHit(entry), position = Math.floor(hit.unit.code / KINDS);
            return unitText(m, shown.n + position).then(function (unit) { return result(entry, hit, shown, unit, parts); });
          });
        }));
      }).then(function (results) {
        return { query: query, parts: parts, results: results };
      });
    }

    function rank(perPart, parts) {
      var records = new Map();
      perPart.forEach(function (ranked, p) {
        ranked.forEach(function (r, record) {
          var entry = records.get(record);
          if (!entry) records.set(record, entry = { record: record, tier: 0, score: 0, parts: 0, hits: [] });
          entry.tier = Math.max(entry.tier, r.tier);
          entry.score += r.score;
          entry.parts++;
          entry.hits[p] = r;
        });
      });
      var ranked = Array.from(records.values());
      ranked.forEach(function (entry) { if (entry.parts < parts.length) entry.tier = Math.max(entry.tier, 3); });
      ranked.sort(function (a, b) {
        return a.tier - b.tier || b.parts - a.parts || b.score - a.score || a.record - b.record;
      });
      return ranked.slice(0, LIMIT);
    }

    function bestHit(entry) {
      return entry.hits.filter(Boolean).sort(function (a, b) { return a.tier - b.tier || b.score - a.score; })[0];
    }

    /* What a result shows: title, the answer (an indicator's latest values) or the sentence, words marked. */
    function result(entry, hit, record, unit, parts) {
      var kind = hit.unit.code % KINDS, text = unit[0], anchor = unit[1] || "";
      var phraseParts = parts.filter(function (_, p) { return entry.hits[p] && entry.hits[p].tier < 3; });
      var marked = phraseParts.length ? phraseParts : parts;
      var answer = record.a.map(function (line) { return mark(line, marked); }).join(" · ");
      var snippet = answer;
      if (kind === TEXT) {
        var length = hit.unit.starts ? parts[entry.hits.indexOf(hit)].length : 1;
        var at = hit.unit.starts ? hit.unit.starts[0] : firstWord(fold(text), parts);
        snippet = (answer ? answer + "<br>" : "") + mark(sentence(text, at, length), marked);
      } else if (text !== record.t && record.a.indexOf(text) < 0) {
        snippet = mark(text, marked) + (answer ? " · " + answer : "");
      }
      var last = parts[parts.length - 1], folded = fold(text);
      var suggest = kind !== TEXT && folded.length > last.length && folded.lastIndexOf(last, 0) === 0 ? text : "";
      return {
        url: record.u,
        anchor: kind === TEXT ? anchor : "",
        title: mark(record.t, marked),
        section: record.s,
        text: snippet,
        terms: marked,
        tier: entry.tier,
        score: entry.score,
        suggest: suggest
      };
    }

    function firstWord(folded, parts) {
      for (var p = 0; p < parts.length; p++) {
        for (var n = parts[p].length; n >= 1; n--) {
          for (var i = 0; i + n <= parts[p].length; i++) {
            var at = folded.indexOf(parts[p].slice(i, i + n));
            if (at >= 0 && (n > 1 || parts[p].length === 1)) return at;
          }
        }
      }
      return 0;
    }

    return { search: search };
  }

  root.ReportsiteSearch = { create: create, fold: fold, mark: mark };
})(typeof globalThis !== "undefined" ? globalThis : self);
