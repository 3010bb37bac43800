/*
 * casebook search worker: Material's search dialog and results list, casebook's engine.
 *
 * Material runs whatever worker its config names (overrides/main.html names this one) and talks
 * to it in four messages: SETUP (0, the parsed search_index.json) answered by READY (1), QUERY
 * (2, the typed text) answered by RESULT (3, {items: [[item]]}). Material inserts an item's
 * title and text as HTML: everything from the index is escaped here, only <mark> and the
 * facts line's markup are ours. From file:// Material runs workers in an iframe (iframe-worker),
 * where importScripts is asynchronous and relative to the page: both are handled below.
 */
(function () {
  "use strict";

  var base = "";
  if (typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent) {
    var script = document.querySelector("script[src]");
    base = script.src.replace(/[^/]*$/, "");
  }
  var loaded = Promise.resolve(importScripts(base + "search-engine.js"));
  var engine = null;
  var MAX_RESULTS = 50;

  function item(result, groups) {
    var row = engine.cases[result.doc];   // [address, title, facts, summary]
    var words = engine.markWords(result.found, groups);
    var S = self.CasebookSearch;
    // Material's own on-page highlighting (search.highlight) splits 5+n into 5 and n: it is off, and
    // the page's highlight.js marks these whole words instead.
    return [{
      location: row[0] + (words.length ? "?h=" + encodeURIComponent(words.join(" ")) : ""),
      title: S.mark(row[1], words),
      text: '<p class="cb-search-facts">' + S.escapeHtml(row[2]) + "</p><p>" + S.snippet(row[3], words) + "</p>",
      score: result.score,
      terms: result.found
    }];
  }

  function handle(message) {
    switch (message.type) {
      case 0:
        engine = new self.CasebookSearch.Engine(message.data.docs);
        return { type: 1 };
      case 2:
        var out = engine.search(message.data);
        return { type: 3, data: { items: out.results.slice(0, MAX_RESULTS).map(function (r) { return item(r, out.groups); }) } };
      default:
        throw new TypeError("Invalid message type");
    }
  }

  addEventListener("message", function (ev) {
    loaded.then(function () { postMessage(handle(ev.data)); });
  });
})();
