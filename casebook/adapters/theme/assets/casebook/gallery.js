/*
 * casebook gallery: facet filters, a text filter, sorting and URL state.
 *
 * The index comes from cases.js (window.CASEBOOK_GALLERY), loaded by a plain
 * <script> tag: per case only the numbers filters, counts and sorting need. The
 * cards' text comes in pieces of 100 cases (cases-K.js, window.CASEBOOK_PIECE),
 * added as <script> tags when a page of results shows them; so the gallery also
 * works from file:// with no fetch. The keyword box uses the site's search index
 * and engine (search-engine.js), so a word finds here what site search finds.
 * Every string from the data is inserted with textContent, never as HTML; every word the gallery
 * says comes from the library's message catalog (DATA.messages), in the library's language.
 * Facets combine with AND across facets and OR within one facet; each value's
 * count is what the results would be with that value added to its facet.
 */
(function () {
  "use strict";

  var DATA = window.CASEBOOK_GALLERY;
  var root = document.getElementById("cb-gallery");
  if (!DATA || !root) return;

  var PAGE_SIZE = 30;
  var C = {};
  DATA.card_fields.forEach(function (name, i) { C[name] = i; });
  var FACETS = DATA.facets;                      // [{key, title, values}], in the declaration's order
  var TITLE_RANK = FACETS.length;                // a row: each facet's value index(es), then the title's rank
  var M = DATA.messages;                         // the catalog's words, with {placeholders}
  var CASES = DATA.cases;                        // index rows, newest first
  var N = CASES.length;
  var PIECES = DATA.pieces;                      // {size, count, base}
  var TEXT = [];                                 // TEXT[c]: card row of case c, once its piece is in
  var pieceState = [];                           // undefined, "loading", "ready" or "failed"

  // Per case and facet: the value indexes it has (single-valued facets become one-element arrays).
  var has = FACETS.map(function (facet, f) {
    return CASES.map(function (c) { var v = c[f]; return Array.isArray(v) ? v : [v]; });
  });

  function fmt(message, values) {
    return message.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  var engine = null;                             // CasebookSearch.Engine over the site's search index
  var indexState = "";                           // "", "loading", "ready" or "failed"

  // ---- pieces of card text ----------------------------------------------------------------------

  window.CASEBOOK_PIECE = function (k, rows) {
    rows.forEach(function (row, i) {
      var c = k * PIECES.size + i;
      TEXT[c] = row;
    });
    pieceState[k] = "ready";
  };

  // Start loading the pieces holding these cases; true when all of them are already in.
  function need(cases) {
    var ready = true;
    cases.forEach(function (c) {
      var k = Math.floor(c / PIECES.size);
      if (pieceState[k] === "ready") return;
      ready = false;
      if (pieceState[k]) return;
      pieceState[k] = "loading";
      var script = document.createElement("script");
      script.src = PIECES.base + k + ".js";
      script.onload = function () { render(); };
      script.onerror = function () { pieceState[k] = "failed"; render(); };
      document.head.appendChild(script);
    });
    return ready;
  }

  // The keyword box matches words the way site search does: with the site's search index (the
  // same cases, in the same order) and its engine. Loaded on the first keyword: a script from
  // file:// (search_index.js, Material's offline copy), else the JSON Material's search fetches.
  function needIndex() {
    if (indexState === "ready" || indexState === "loading" || indexState === "failed") return indexState === "ready";
    indexState = "loading";
    function ready(data) {
      engine = new window.CasebookSearch.Engine(data.docs);
      indexState = "ready";
      render();
    }
    function failed() { indexState = "failed"; render(); }
    if (window.__index) {
      ready(window.__index);
    } else if (window.location.protocol === "file:") {
      var script = document.createElement("script");
      script.src = DATA.search + ".js";
      script.onload = function () { window.__index ? ready(window.__index) : failed(); };
      script.onerror = failed;
      document.head.appendChild(script);
    } else {
      fetch(DATA.search + ".json").then(function (r) { return r.json(); }).then(ready, failed);
    }
    return indexState === "ready";
  }

  // The index shards a keyword's words live in (scripts beside the index, loaded once each); true
  // when all of them are in.
  var shardState = {};
  window.__cbShard = function (n, data) {
    engine.addShard(n, data);
    shardState[n] = "ready";
    render();
  };
  function needShards(query) {
    var wanted = engine.needed(query);
    wanted.forEach(function (n) {
      if (shardState[n]) return;
      shardState[n] = "loading";
      var script = document.createElement("script");
      script.src = DATA.search.replace(/[^/]*$/, "") + "shards/" + n + ".js";
      script.onerror = function () { shardState[n] = "failed"; indexState = "failed"; render(); };
      document.head.appendChild(script);
    });
    return !wanted.length;
  }

  function failed() {
    if (indexState === "failed") return true;
    for (var k = 0; k < PIECES.count; k++) if (pieceState[k] === "failed") return true;
    return false;
  }

  var state = { selected: FACETS.map(function () { return {}; }), q: "", sort: "date", shown: PAGE_SIZE,
    focusFrom: null };

  // ---- URL state -------------------------------------------------------------------------------

  // A close value for a wrong one: containing it or contained in it, else at most two edits away.
  function didYouMean(value, values) {
    var near = values.filter(function (v) { return v.indexOf(value) >= 0 || value.indexOf(v) >= 0; });
    if (near.length) return near[0];
    var best = null, bestCost = 3;
    values.forEach(function (v) {
      var cost = distance(value, v);
      if (cost < bestCost) { best = v; bestCost = cost; }
    });
    return best;
  }

  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var prev = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = keep;
      }
    }
    return row[b.length];
  }

  var unknown = [];   // notices for values in the address that no case has

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    unknown = [];
    state.selected = FACETS.map(function (facet) {
      var chosen = {};
      params.getAll(facet.key).forEach(function (value) {
        var i = facet.values.indexOf(value);
        if (i >= 0) {
          chosen[i] = true;
        } else {
          var guess = didYouMean(value, facet.values);
          unknown.push(fmt(guess ? M.unknown_guess : M.unknown, { value: value, what: facet.title, guess: guess }));
        }
      });
      return chosen;
    });
    state.q = params.get("q") || "";
    state.sort = params.get("sort") === "title" ? "title" : "date";
    state.shown = PAGE_SIZE;
  }

  function writeUrl(push) {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet, f) {
      Object.keys(state.selected[f]).sort(function (a, b) { return a - b; }).forEach(function (i) {
        params.append(facet.key, facet.values[i]);
      });
    });
    if (state.q) params.set("q", state.q);
    if (state.sort !== "date") params.set("sort", state.sort);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (e) { /* some file:// setups refuse history changes: the filters still work */ }
  }

  // ---- filtering and counts --------------------------------------------------------------------

  function matchesFacet(f, c) {
    var chosen = state.selected[f];
    var any = false;
    for (var k in chosen) { any = true; break; }
    if (!any) return true;
    var values = has[f][c];
    for (var i = 0; i < values.length; i++) if (chosen[values[i]]) return true;
    return false;
  }

  function compute(keep) {
    var results = [];
    var counts = FACETS.map(function (facet) { return facet.values.map(function () { return 0; }); });
    for (var c = 0; c < N; c++) {
      if (keep && !keep[c]) continue;
      var failed = -1, failures = 0;
      for (var f = 0; f < FACETS.length && failures < 2; f++) {
        if (!matchesFacet(f, c)) { failed = f; failures++; }
      }
      if (failures === 0) results.push(c);
      // a case failing only facet f would join the results if one of its f-values were chosen
      for (var g = 0; g < FACETS.length; g++) {
        if (failures === 0 || (failures === 1 && failed === g)) {
          has[g][c].forEach(function (v) { counts[g][v]++; });
        }
      }
    }
    if (state.sort === "title") {
      results.sort(function (a, b) { return CASES[a][TITLE_RANK] - CASES[b][TITLE_RANK]; });
    }
    return { results: results, counts: counts };
  }

  // ---- DOM helpers -----------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function facetIndex(key) {
    for (var f = 0; f < FACETS.length; f++) if (FACETS[f].key === key) return f;
    return -1;
  }

  // ---- the UI ----------------------------------------------------------------------------------

  ["cb-plain", "cb-plain-more"].forEach(function (id) {
    var node = document.getElementById(id);
    if (node) node.hidden = true;
  });
  var intro = root.querySelector(".cb-gallery__intro");
  if (intro) intro.hidden = true;

  var search = el("input", { id: "cb-q", type: "search", className: "cb-input", placeholder: DATA.placeholder,
    autocomplete: "off" });
  var sort = el("select", { id: "cb-sort", className: "cb-input" }, [
    el("option", { value: "date", text: M.sort_date }),
    el("option", { value: "title", text: M.sort_title })
  ]);
  var clear = el("button", { type: "button", id: "cb-clear", className: "md-button", text: M.clear });
  var boxes = [];   // boxes[f][i] = {input, count, item}
  // Long value lists show their most used values and a 显示全部（N） button, so every value is reachable
  // and visibly so; very long ones also get a box that filters the list as one types.
  var SHORT_LIST = 8, FILTER_FROM = 13;
  var expanded = FACETS.map(function () { return false; });
  var listFilter = FACETS.map(function () { return ""; });
  var usedMost = FACETS.map(function (facet, f) {   // value indexes by number of cases, then list order
    var n = facet.values.map(function () { return 0; });
    has[f].forEach(function (vals) { vals.forEach(function (v) { n[v]++; }); });
    var order = facet.values.map(function (_, i) { return i; });
    order.sort(function (a, b) { return n[b] - n[a] || a - b; });
    var top = {};
    order.slice(0, SHORT_LIST).forEach(function (i) { top[i] = true; });
    return top;
  });
  var toggles = [], filters = [];
  var fieldsets = FACETS.map(function (facet, f) {
    boxes[f] = [];
    var list = el("ul", { className: "cb-facet-list", id: "cb-list-" + facet.key });
    facet.values.forEach(function (value, i) {
      var input = el("input", { type: "checkbox", name: facet.key, value: value, id: "cb-" + facet.key + "-" + i });
      var count = el("span", { className: "cb-count" });
      var label = el("label", { "for": input.id }, [document.createTextNode(value + " "), count]);
      var item = el("li", {}, [input, label]);
      list.appendChild(item);
      boxes[f].push({ input: input, count: count, label: label, item: item, value: value });
    });
    var long = facet.values.length > SHORT_LIST;
    toggles[f] = long ? el("button", { type: "button", className: "cb-facet-more", "aria-controls": list.id,
      "aria-expanded": "false" }) : null;
    if (toggles[f]) toggles[f].addEventListener("click", function () { expanded[f] = !expanded[f]; showLists(); });
    filters[f] = facet.values.length >= FILTER_FROM ? el("input", { type: "search", className: "cb-input cb-facet-filter",
      placeholder: fmt(M.find_in, { count: facet.values.length, what: facet.title }), "aria-label": fmt(M.find, { what: facet.title }),
      autocomplete: "off" }) : null;
    if (filters[f]) filters[f].addEventListener("input", function () {
      listFilter[f] = filters[f].value.trim();
      showLists();
    });
    return el("fieldset", { className: "cb-facet-group", "data-facet": facet.key }, [
      el("legend", { text: facet.title }), filters[f], list, toggles[f]
    ]);
  });

  // Which values a list shows: all when expanded or being searched, else the most used and the checked ones.
  function showLists() {
    FACETS.forEach(function (facet, f) {
      var query = listFilter[f];
      boxes[f].forEach(function (box, i) {
        var show = query ? box.value.indexOf(query) >= 0 :
          expanded[f] || !toggles[f] || usedMost[f][i] || !!state.selected[f][i];
        box.item.hidden = !show;
      });
      if (toggles[f]) {
        toggles[f].hidden = !!query;
        toggles[f].setAttribute("aria-expanded", String(expanded[f]));
        toggles[f].textContent = expanded[f] ? M.fold : fmt(M.show_all, { count: facet.values.length });
      }
    });
  }
  var form = el("form", { className: "cb-filters", id: "cb-filters", role: "search", "aria-label": M.form }, [
    el("div", { className: "cb-field" }, [el("label", { "for": "cb-q", text: M.keyword }), search]),
    el("div", { className: "cb-field" }, [el("label", { "for": "cb-sort", text: M.sort }), sort]),
    clear
  ].concat(fieldsets));
  var countLine = el("p", { id: "cb-count", className: "cb-results__count", "aria-live": "polite" });
  var notice = el("div", { id: "cb-notice", className: "cb-notice", role: "status" });
  var keywordNote = el("p", { id: "cb-keyword-note", className: "cb-notice" });
  var cards = el("ul", { id: "cb-cards", className: "cb-cards" });
  var more = el("button", { type: "button", id: "cb-more", className: "md-button", text: M.more });
  var empty = el("p", { id: "cb-empty", className: "cb-empty", text: M.empty });
  // On a phone the filters fold behind this button, so the results come first (CSS shows it below 60em).
  var drawer = el("button", { type: "button", id: "cb-filter-toggle", className: "md-button cb-filter-toggle",
    "aria-controls": "cb-filters", "aria-expanded": "false" });
  drawer.addEventListener("click", function () {
    var open = !root.classList.contains("cb-filters-open");
    root.classList.toggle("cb-filters-open", open);
    drawer.setAttribute("aria-expanded", String(open));
    if (open) form.querySelector("input, select, button").focus();
  });
  var results = el("section", { className: "cb-results", "aria-label": M.results }, [notice, countLine, keywordNote, empty, cards, more]);
  root.appendChild(drawer);
  root.appendChild(el("div", { className: "cb-gallery__layout" }, [form, results]));

  function card(c) {
    var text = TEXT[c];
    var href = DATA.url[0] + text[C.slug] + DATA.url[1];
    var title = el("a", { className: "cb-card__title", href: href, text: text[C.title] });
    var children = [];
    if (text[C.cover]) children.push(el("img", { className: "cb-card__cover", src: text[C.cover], alt: "", loading: "lazy" }));
    children.push(title);
    // badges the library declares: a name (cb-badge), or a mark such as a plan's, so its figures are
    // never read as results (cb-mark)
    text[C.badges].forEach(function (b) { children.push(el("span", { className: b[0], text: b[1] })); });
    children.push(el("span", { className: "cb-card__meta", text: text[C.meta] }));
    children.push(el("span", { className: "cb-card__summary", text: text[C.summary] }));
    return el("li", { className: "cb-card", "data-slug": text[C.slug] }, children);
  }

  // Until the pieces a view needs are in, the count line says so and the cards shown stay as they are
  // (the keyword box reads every case's text: no count is given before all of it is in).
  function waiting(message) {
    countLine.textContent = message;
    root.setAttribute("data-loading", "true");
  }

  function render() {
    if (document.activeElement !== search) search.value = state.q;
    sort.value = state.sort;
    var keep = null;
    keywordNote.hidden = true;
    if (state.q.trim()) {
      if (!needIndex() || !needShards(state.q)) {
        waiting(failed() ? M.index_failed : M.index_loading);
        return;
      }
      var match = engine.matching(state.q);
      keep = match.docs;
      if (match.missing.length) {
        keywordNote.textContent = fmt(M.missing, { words: match.missing.join(M.separator) });
        keywordNote.hidden = false;
      }
    }
    var out = compute(keep);
    var visible = out.results.slice(0, state.shown);
    var active = state.selected.reduce(function (n, chosen) { return n + Object.keys(chosen).length; }, 0) + (state.q.trim() ? 1 : 0);
    drawer.textContent = active ? fmt(M.filters_chosen, { count: active }) : M.filters;
    showLists();
    FACETS.forEach(function (facet, f) {
      boxes[f].forEach(function (box, i) {
        var n = out.counts[f][i];
        var on = !!state.selected[f][i];
        box.input.checked = on;
        box.count.textContent = String(n);
        box.item.className = n === 0 && !on ? "cb-zero" : "";
      });
    });
    if (!need(visible)) {
      waiting(failed() ? M.cases_failed : M.loading);
      return;
    }
    root.removeAttribute("data-loading");
    countLine.textContent = out.results.length === N ? fmt(M.count_all, { total: N }) :
      fmt(M.count_some, { count: out.results.length, total: N });
    var frag = document.createDocumentFragment();
    visible.forEach(function (c) { frag.appendChild(card(c)); });
    cards.textContent = "";
    cards.appendChild(frag);
    empty.hidden = out.results.length > 0;
    more.hidden = out.results.length <= state.shown;
    more.textContent = fmt(M.more_left, { count: out.results.length - state.shown });
    if (state.focusFrom !== null) {   // keyboard users continue where the new cards start
      var next = cards.children[state.focusFrom] && cards.children[state.focusFrom].querySelector("a");
      state.focusFrom = null;
      if (next) next.focus();
    }
    root.setAttribute("data-ready", "true");
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox") {
      var f = facetIndex(target.name);
      var i = FACETS[f].values.indexOf(target.value);
      if (target.checked) state.selected[f][i] = true; else delete state.selected[f][i];
    } else if (target === sort) {
      state.sort = sort.value;
    } else {
      return;
    }
    state.shown = PAGE_SIZE;
    writeUrl(true);
    render();
  });
  var typing;
  search.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      state.q = search.value;
      state.shown = PAGE_SIZE;
      writeUrl(false);   // typing replaces the entry instead of filling the history
      render();
    }, 150);
  });
  clear.addEventListener("click", function () {
    state.selected = FACETS.map(function () { return {}; });
    state.q = "";
    search.value = "";
    state.sort = "date";
    state.shown = PAGE_SIZE;
    writeUrl(true);
    render();
  });
  more.addEventListener("click", function () {
    state.focusFrom = state.shown;
    state.shown += PAGE_SIZE;
    render();
  });
  window.addEventListener("popstate", function () { readUrl(); render(); });

  function showUnknown() {
    notice.textContent = "";
    unknown.forEach(function (text) { notice.appendChild(el("p", { text: text })); });
    notice.hidden = !unknown.length;
    if (unknown.length) writeUrl(false);   // the address keeps only values that exist
  }

  window.addEventListener("popstate", showUnknown);
  readUrl();
  showUnknown();
  render();
})();
