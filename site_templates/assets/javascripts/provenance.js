/* Source links (…/c1/?quote=…#c1-s1-p1) lead to a paragraph; this marks the quoted words inside it.
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

  function highlight() {
    clear();
    var quote = new URLSearchParams(window.location.search).get("quote");
    var id = decodeURIComponent(window.location.hash.slice(1));
    var para = id && document.getElementById(id);
    if (!quote || !para) return;
    // The paragraph's characters without whitespace, each remembered with its text node and offset
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
    var wanted = Array.from(quote.replace(/\s+/g, "")).map(normal).join("");
    var start = chars.map(function (c) { return c.ch; }).join("").indexOf(wanted);
    if (start < 0 || !wanted) return;
    var picked = chars.slice(start, start + wanted.length);
    // One <mark> per text node touched, wrapping from its first to its last quoted character
    var spans = [];
    picked.forEach(function (c) {
      var last = spans[spans.length - 1];
      if (last && last.node === c.node) last.end = c.at + 1;
      else spans.push({ node: c.node, start: c.at, end: c.at + 1 });
    });
    spans.reverse().forEach(function (s) {
      var range = document.createRange();
      range.setStart(s.node, s.start);
      range.setEnd(s.node, s.end);
      var mark = document.createElement("mark");
      mark.className = "rs-hl";
      range.surroundContents(mark);
    });
    para.classList.add("rs-para--source");
    // In a long paragraph the quote may sit below the fold: bring it into view after the theme's own scroll
    window.setTimeout(function () {
      var first = para.querySelector("mark.rs-hl");
      var box = first && first.getBoundingClientRect();
      if (box && (box.top < 56 || box.bottom > window.innerHeight)) first.scrollIntoView({ block: "center" });
    }, 0);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(highlight);
  } else {
    document.addEventListener("DOMContentLoaded", highlight);
  }
  window.addEventListener("hashchange", highlight);
})();
