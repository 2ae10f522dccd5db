/* Source links (…/c1/?quote=…&p=c1-s1-p1#c1-s1-p1) lead to a paragraph; this marks the quoted words in it.
 * Runs on every page change (Material's document$), so it also works after instant navigation. */
(function () {
  "use strict";
  var DIGITS = "０１２３４５６７８９．";

  function normal(ch) {
    var i = DIGITS.indexOf(ch);
    return i < 0 ? ch : "0123456789."[i];
  }

  function clear() {
    document.querySelectorAll("mark.rs-hl").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
    document.querySelectorAll(".rs-para--source").forEach(function (p) {
      p.classList.remove("rs-para--source");
    });
  }

  // Marks `wanted` (whitespace-free) inside `para`; false when the paragraph does not hold it
  function mark(para, wanted) {
    var chars = [];
    var walker = document.createTreeWalker(para, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest(".rs-para__anchor") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      for (var i = 0; i < node.data.length; i++) {
        if (!/\s/.test(node.data[i])) chars.push({ node: node, at: i, ch: normal(node.data[i]) });
      }
    }
    var start = chars.map(function (c) { return c.ch; }).join("").indexOf(wanted);
    if (start < 0) return false;
    // One <mark> per text node touched, from its first to its last quoted character
    var spans = [];
    chars.slice(start, start + wanted.length).forEach(function (c) {
      var last = spans[spans.length - 1];
      if (last && last.node === c.node) last.end = c.at + 1;
      else spans.push({ node: c.node, start: c.at, end: c.at + 1 });
    });
    spans.reverse().forEach(function (s) {
      var range = document.createRange();
      range.setStart(s.node, s.start);
      range.setEnd(s.node, s.end);
      var element = document.createElement("mark");
      element.className = "rs-hl";
      range.surroundContents(element);
    });
    para.classList.add("rs-para--source");
    return true;
  }

  function reveal() {
    var first = document.querySelector("mark.rs-hl");
    var box = first && first.getBoundingClientRect();
    if (box && (box.top < 56 || box.bottom > window.innerHeight)) first.scrollIntoView({ block: "center" });
  }

  function highlight() {
    clear();
    var params = new URLSearchParams(window.location.search);
    var quote = params.get("quote");
    if (!quote) return;
    var wanted = Array.from(quote.replace(/\s+/g, "")).map(normal).join("");
    // The paragraph is named twice: ?p= survives the theme's scroll tracking, which rewrites the #hash
    var id = params.get("p") || decodeURIComponent(window.location.hash.slice(1));
    var para = id && document.getElementById(id);
    var candidates = para ? [para] : Array.from(document.querySelectorAll(".rs-para"));
    if (!wanted || !candidates.some(function (p) { return mark(p, wanted); })) return;
    // After the theme's own scroll to the anchor, make sure the quote (not only its paragraph) is in view
    window.setTimeout(reveal, 0);
    window.setTimeout(reveal, 400);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(highlight);
  } else {
    document.addEventListener("DOMContentLoaded", highlight);
  }
  window.addEventListener("hashchange", highlight);
})();
