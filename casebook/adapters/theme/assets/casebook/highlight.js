/*
 * Marks the words a search result was found by (?h=word word, set by search-worker.js) in the page's
 * text, and scrolls to the first one. Whole words only: a lone Han character is never marked; a Latin
 * word (an English stem such as vaccin) is marked to the end of the word it begins.
 * Text nodes are split, never parsed as HTML.
 */
(function () {
  "use strict";
  var words = (new URLSearchParams(window.location.search).get("h") || "").split(/\s+/).filter(function (w) {
    return w.length > 1;
  });
  var content = document.querySelector("article.md-content__inner");
  if (!words.length || !content) return;
  var pattern = new RegExp("(" + words.sort(function (a, b) { return b.length - a.length; })
    .map(function (w) {
      var escaped = w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return /^[0-9a-z+]+$/i.test(w) ? escaped + "[0-9a-z]*" : escaped;   // a Latin word to its end (a stem's forms)
    }).join("|") + ")", "i");
  var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
    acceptNode: function (node) {
      var parent = node.parentNode.nodeName;
      return parent === "SCRIPT" || parent === "STYLE" || parent === "MARK" ? NodeFilter.FILTER_REJECT
        : pattern.test(node.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    }
  });
  var nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  var first = null;
  nodes.forEach(function (node) {
    var parts = node.nodeValue.split(pattern);   // odd indexes are the matches
    if (parts.length < 2) return;
    var frag = document.createDocumentFragment();
    parts.forEach(function (part, i) {
      if (!part) return;
      if (i % 2) {
        var mark = document.createElement("mark");
        mark.className = "cb-hl";
        mark.textContent = part;
        frag.appendChild(mark);
        first = first || mark;
      } else {
        frag.appendChild(document.createTextNode(part));
      }
    });
    node.parentNode.replaceChild(frag, node);
  });
  if (first && !window.location.hash) first.scrollIntoView({ block: "center" });
})();
