/*
 * casebook search engine: the browser half of casebook/render/search_index.py.
 *
 * A query is cut with the index's own vocabulary (the words jieba made at build time), so a
 * query word is found exactly when the build produced it: 清廉学校 stays one word when the index
 * has it, else becomes 清廉 + 学校; an uncovered lone character is dropped, never searched alone.
 * In an English index a query word finds its stem (through the index's surface forms), else the
 * words it begins (vacc → vaccination), else the longest stem it begins with; function words are
 * skipped. Each query word is a group of index words: a case has the word when it has any of them.
 * Site search (the worker) ranks with it; the gallery's keyword box filters with it.
 * Loaded as a plain script (window/self.CasebookSearch), in a worker or a page.
 */
(function (root) {
  "use strict";

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var ASCII = /[0-9A-Za-z]+(?:\+[0-9A-Za-z]+)*/g;
  var MAX_WORD = 12;
  var PREFIX_MIN = 2, STEM_MIN = 4;          // as search_index.py

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function Engine(payload) {
    this.cases = payload.cases;
    this.N = this.cases.length;
    this.terms = payload.terms;           // word -> [doc deltas, scores]
    this.vocab = Object.create(null);
    var longest = 2;
    for (var word in this.terms) {
      this.vocab[word] = true;
      if (word.length > longest) longest = word.length;
    }
    this.maxWord = Math.min(longest, MAX_WORD);
    this.english = payload.language === "en";
    this.forms = payload.forms || {};       // surface form -> stem (English)
    this.stop = Object.create(null);
    (payload.stop || []).forEach(function (w) { this.stop[w] = true; }, this);
    this.sortedTerms = null;
    this.sortedForms = null;
  }

  function startingWith(sorted, prefix) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] < prefix) lo = mid + 1; else hi = mid; }
    var out = [];
    for (var i = lo; i < sorted.length && sorted[i].slice(0, prefix.length) === prefix; i++) out.push(sorted[i]);
    return out;
  }

  // The index words an English query word finds (see search_index.py's _latin_group).
  Engine.prototype.latinGroup = function (token) {
    var terms = this.terms, forms = this.forms;
    if (Object.prototype.hasOwnProperty.call(forms, token)) return [forms[token]];
    if (Object.prototype.hasOwnProperty.call(terms, token)) return [token];
    var found = Object.create(null), any = false;
    if (token.length >= PREFIX_MIN) {
      if (!this.sortedTerms) {
        this.sortedTerms = Object.keys(terms).sort();
        this.sortedForms = Object.keys(forms).sort();
      }
      startingWith(this.sortedTerms, token).forEach(function (w) { found[w] = any = true; });
      startingWith(this.sortedForms, token).forEach(function (w) { found[forms[w]] = any = true; });
    }
    if (any) return Object.keys(found).sort();
    for (var k = token.length - 1; k >= STEM_MIN; k--) {
      if (Object.prototype.hasOwnProperty.call(terms, token.slice(0, k))) return [token.slice(0, k)];
    }
    return [];
  };

  // Cut one run of Han characters: cover as many characters as possible with vocabulary words,
  // then use as few words as possible. Runs of 2+ uncovered characters are reported missing.
  Engine.prototype.cutHan = function (run, words, missing) {
    var n = run.length, cover = [0], count = [0], back = [null];
    for (var i = 1; i <= n; i++) { cover[i] = -1; count[i] = 0; back[i] = null; }
    for (i = 0; i < n; i++) {
      if (cover[i] < 0) continue;
      var options = [[i + 1, 0]];            // skip one character, uncovered
      for (var len = 2; len <= this.maxWord && i + len <= n; len++) {
        if (this.vocab[run.substr(i, len)]) options.push([i + len, len]);
      }
      for (var k = 0; k < options.length; k++) {
        var j = options[k][0], got = cover[i] + options[k][1], used = count[i] + (options[k][1] ? 1 : 0);
        if (got > cover[j] || (got === cover[j] && used < count[j])) {
          cover[j] = got; count[j] = used; back[j] = [i, options[k][1] > 0];
        }
      }
    }
    var pieces = [];
    for (var at = n; at > 0; at = back[at][0]) pieces.unshift([back[at][0], at, back[at][1]]);
    var gap = "";
    pieces.forEach(function (p) {
      if (p[2]) {
        if (gap.length > 1) missing.push(gap);
        gap = "";
        words.push(run.slice(p[0], p[1]));
      } else {
        gap += run.slice(p[0], p[1]);
      }
    });
    if (gap.length > 1) missing.push(gap);
  };

  // The words of a query that the index knows, each with the index words it finds, and the ones
  // it does not know (shown as missing).
  Engine.prototype.segment = function (query) {
    var words = [], missing = [], groups = Object.create(null), self = this;
    var text = String(query || "").slice(0, 200);
    (text.match(ASCII) || []).forEach(function (token) {
      token = token.toLowerCase();
      if (token.length < 2 || self.stop[token]) return;   // a lone letter or digit is not a word
      var group = self.english ? self.latinGroup(token) : (self.vocab[token] ? [token] : []);
      if (group.length) { words.push(token); if (!groups[token]) groups[token] = group; }
      else missing.push(token);
    });
    var han = [];
    (text.match(HAN) || []).forEach(function (run) { self.cutHan(run, han, missing); });
    han.forEach(function (w) { words.push(w); if (!groups[w]) groups[w] = [w]; });
    return { words: unique(words), missing: unique(missing), groups: groups };
  };

  function unique(list) {
    var seen = Object.create(null);
    return list.filter(function (w) { return seen[w] ? false : (seen[w] = true); });
  }

  // [doc, score] for one index word
  Engine.prototype.postings = function (word) {
    var entry = this.terms[word], out = [];
    if (!entry) return out;
    var doc = 0;
    for (var i = 0; i < entry[0].length; i++) {
      doc += entry[0][i];
      out.push([doc, entry[1][i]]);
    }
    return out;
  };

  // [doc, score] for a group of index words: a doc's best score among them
  Engine.prototype.groupPostings = function (group) {
    if (group.length === 1) return this.postings(group[0]);
    var best = Object.create(null), self = this;
    group.forEach(function (w) {
      self.postings(w).forEach(function (p) { if (!(p[0] in best) || p[1] > best[p[0]]) best[p[0]] = p[1]; });
    });
    return Object.keys(best).map(function (d) { return [+d, best[d]]; }).sort(function (a, b) { return a[0] - b[0]; });
  };

  // Ranked cases: those with every word first (by weight × rarity, a title holding the whole query
  // ahead); when none has them all, those with the most. Each: {doc, score, found: {word: bool}}.
  Engine.prototype.search = function (query) {
    var cut = this.segment(query), words = cut.words, self = this;
    if (!words.length) return { words: words, missing: cut.missing, results: [] };
    var score = Object.create(null), hits = Object.create(null), found = Object.create(null);
    words.forEach(function (word) {
      var list = self.groupPostings(cut.groups[word]);
      var idf = Math.log(1 + self.N / Math.max(list.length, 1));
      list.forEach(function (p) {
        score[p[0]] = (score[p[0]] || 0) + idf * p[1];
        hits[p[0]] = (hits[p[0]] || 0) + 1;
        (found[p[0]] = found[p[0]] || {})[word] = true;
      });
    });
    var best = 0;
    for (var d in hits) if (hits[d] > best) best = hits[d];
    var whole = String(query).replace(/\s+/g, "").toLowerCase();
    var results = [];
    for (d in hits) {
      if (hits[d] < best) continue;
      var doc = +d, s = score[d];
      if (whole.length > 1 && this.cases[doc][1].toLowerCase().indexOf(whole) >= 0) s *= 1.5;
      var marks = {};
      words.forEach(function (w) { marks[w] = !!found[d][w]; });
      cut.missing.forEach(function (w) { marks[w] = false; });
      results.push({ doc: doc, score: s, found: marks });
    }
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { words: words, missing: cut.missing, results: results, groups: cut.groups };
  };

  // The cases holding every word of the query (the gallery's keyword box): null for an empty query.
  Engine.prototype.matching = function (query) {
    var cut = this.segment(query), self = this;
    if (!cut.words.length && !cut.missing.length) return { words: [], missing: [], docs: null };
    var docs = null;
    if (!cut.missing.length) {
      cut.words.forEach(function (word) {
        var next = Object.create(null);
        self.groupPostings(cut.groups[word]).forEach(function (p) { if (!docs || docs[p[0]]) next[p[0]] = true; });
        docs = next;
      });
    }
    return { words: cut.words, missing: cut.missing, docs: docs || Object.create(null) };
  };

  // Escaped text with the words marked (longest first, so 党员名师工作室 wins over 党员); a Latin
  // word is marked to its end (vacc marks vaccination whole).
  function mark(text, words) {
    var html = escapeHtml(text);
    var list = words.slice().sort(function (a, b) { return b.length - a.length; })
      .map(function (w) {
        var pattern = w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return /^[0-9a-z+]+$/.test(w) ? pattern + "[0-9a-z]*" : pattern;
      });
    if (!list.length) return html;
    return html.replace(new RegExp("(" + list.join("|") + ")", "gi"), "<mark>$1</mark>");
  }

  // A window of the summary around the first word found, marked.
  function snippet(text, words) {
    var lower = text.toLowerCase(), at = -1;
    words.forEach(function (w) {
      var i = lower.indexOf(w.toLowerCase());
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = at > 30 ? at - 30 : 0, end = Math.min(text.length, start + 100);
    return (start > 0 ? "…" : "") + mark(text.slice(start, end), words) + (end < text.length ? "…" : "");
  }

  // What to mark for the words a result holds: the words as typed, or in English the index words they
  // found (vaccinations found the stem vaccin, which marks vaccination in the text).
  Engine.prototype.markWords = function (found, groups) {
    var out = [], english = this.english;
    Object.keys(found).forEach(function (w) {
      if (!found[w]) return;
      (english && groups[w] ? groups[w] : [w]).forEach(function (m) { if (out.indexOf(m) < 0) out.push(m); });
    });
    return out;
  };

  root.CasebookSearch = { Engine: Engine, mark: mark, snippet: snippet, escapeHtml: escapeHtml };
})(typeof self !== "undefined" ? self : this);
