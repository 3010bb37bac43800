/*
 * casebook search worker: Material's search dialog and results list, casebook's engine.
 *
 * Material runs whatever worker its config names (main.html names this one) and talks to it in four
 * messages: SETUP (0, the parsed search_index.json) answered by READY (1), QUERY (2, the typed text)
 * answered by RESULT (3, {items: [[article, section, …]]}). Before answering a query the worker loads
 * the index shards holding its words; the texts of the first results (scripts under search/, see
 * search-engine.js) follow in a second answer. Queries are answered in the order they came. Material inserts an item's title
 * and text as HTML: everything from the index is escaped here, only <mark> and the facts line's
 * markup are ours. From file:// Material runs workers in an iframe (iframe-worker), where
 * importScripts is asynchronous and relative to the page: both are handled below.
 */
(function () {
  "use strict";

  var base = "";
  if (typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent) {
    var script = document.querySelector("script[src]");
    base = script.src.replace(/[^/]*$/, "");
  }
  var SEARCH = base + "../../search/";      // the site's search/ folder, from assets/casebook/
  var loaded = Promise.resolve(importScripts(base + "search-engine.js"));
  var engine = null;
  var MAX_RESULTS = 50;
  var TEXTS = 10;                           // results with a snippet and their passages (Material draws 10 first)
  var queue = Promise.resolve();

  self.__cbShard = function (n, data) { engine.addShard(n, data); };
  self.__cbText = function (n, data) { engine.addText(n, data); };

  // importScripts is synchronous in a worker, a promise in the iframe: either way, a promise.
  function load(urls) {
    return urls.length ? Promise.resolve(importScripts.apply(self, urls)) : Promise.resolve();
  }

  function holds(text, words) {
    var lower = text.toLowerCase();
    return words.some(function (w) { return lower.indexOf(w.toLowerCase()) >= 0; });
  }

  // A result as Material lists it: the case (its title; facts and a snippet under it), then the body
  // sections holding the words, each linking to its heading. Material shows the text under a case
  // only when no section scores as high as the case: when the summary has a word it is that snippet,
  // and the sections wait under "more on this page"; else the first section takes the facts line and
  // its own snippet, and the others wait.
  function item(result) {
    var row = engine.cases[result.doc];     // [address, title, facts]
    var text = engine.texts[result.doc];
    var words = result.marks;
    var S = self.CasebookSearch;
    var facts = '<p class="cb-search-facts">' + S.escapeHtml(row[2]) + "</p>";
    // Material's own on-page highlighting (search.highlight) splits 5+n into 5 and n: it is off, and
    // the page's highlight.js marks these whole words instead.
    var address = row[0] + (words.length ? "?h=" + encodeURIComponent(words.join(" ")) : "");
    var passages = engine.passages(result);
    var lead = passages.length && !(text && holds(text.s, words));
    var out = [{
      location: address,
      title: S.mark(row[1], words),
      text: facts + (text ? "<p>" + S.snippet(text.s, words) + "</p>" : ""),
      score: result.score,
      terms: result.found
    }];
    var found = {};                         // (a section repeats no "missing" line)
    Object.keys(result.found).forEach(function (w) { if (result.found[w]) found[w] = true; });
    passages.forEach(function (entry, i) {
      var section = entry[1];
      out.push({
        location: address + "#" + section[0],
        title: S.mark(section[1] || row[1], words),
        text: (lead && i === 0 ? facts : "") + "<p>" + S.snippet(section[2], words) + "</p>",
        score: lead && i === 0 ? result.score : result.score / 2,
        terms: found
      });
    });
    return out;
  }

  // Results as soon as the shards of the query's words are in: the snippets and passages of the first
  // results need their texts, which come after; when some were missing, a second answer with them
  // follows, unless another query came in meanwhile (Material draws each answer afresh).
  function answer(query, post, current) {
    var shards = engine.needed(query).map(function (n) { return SEARCH + "shards/" + n + ".js"; });
    return load(shards).then(function () {
      var out = engine.search(query), top = out.results.slice(0, MAX_RESULTS);
      var texts = engine.textFiles(top.slice(0, TEXTS)).map(function (n) { return SEARCH + "texts/" + n + ".js"; });
      post({ type: 3, data: { items: top.map(item) } });
      if (!texts.length) return null;
      return load(texts).then(function () {
        if (current()) post({ type: 3, data: { items: top.map(item) } });
      });
    });
  }

  function handle(message, post, current) {
    switch (message.type) {
      case 0:
        engine = new self.CasebookSearch.Engine(message.data.docs);
        post({ type: 1 });
        return null;
      case 2:
        return answer(message.data, post, current);
      default:
        throw new TypeError("Invalid message type");
    }
  }

  var received = 0;                          // messages so far: an answer's second part goes only to the latest
  addEventListener("message", function (ev) {
    var mine = ++received;
    function current() { return mine === received; }
    queue = queue.then(function () { return loaded; })
      .then(function () { return handle(ev.data, function (reply) { postMessage(reply); }, current); })
      .then(null, function (error) { console.error(error); });
  });
})();
