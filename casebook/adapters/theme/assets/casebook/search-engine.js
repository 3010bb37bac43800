/*
 * casebook search engine: the browser half of casebook/render/search_index.py.
 *
 * The index comes in three parts: the vocabulary and the cases (search_index.json, loaded first), the
 * postings of the words in shards (search/shards/N.js, loaded for the words a query has), and the
 * cases' summaries and body sections (search/texts/N.js, a run of cases each, loaded for the results
 * shown). A shard is a script calling __cbShard(n, data), a texts file one calling __cbText(n, data)
 * for each of its cases: a worker, an iframe from file:// and a page load them alike. The caller loads
 * what needed() names, passes it to addShard, searches, then loads what textFiles() names for addText.
 *
 * A query is cut with the index's own vocabulary (the words jieba made at build time): 清廉学校 stays
 * one word when the index has it, else becomes 清廉 + 学校; an uncovered lone character is dropped.
 * A query word finds itself whole and, as a part, the longer index words it begins (名师 → 名师工作室);
 * a word the index lacks finds the index words it begins or is inside (三早 → 三早育苗). In an English
 * index a query word finds its stem (through the index's surface forms), else, as a part, the words it
 * begins (vacc → vaccination), else the longest stem it begins with; function words are skipped.
 * Cases with every query word come first; among them, those with more words found whole; then by
 * score (field weights × rarity). Site search (the worker) ranks with it; the gallery's keyword box
 * filters with it. Loaded as a plain script (self.CasebookSearch), in a worker or a page.
 */
(function (root) {
  "use strict";

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var ASCII = /[0-9A-Za-z]+(?:\+[0-9A-Za-z]+)*/g;
  var MAX_WORD = 12;
  var PREFIX_MIN = 2, STEM_MIN = 4, PARTIAL = 0.5, MAX_EXPANSIONS = 16;   // as search_index.py
  var MASK_BITS = 31;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function Engine(main) {
    this.cases = main.cases;                // [address, title, facts line]
    this.N = this.cases.length;
    this.vocab = main.vocab;                // sorted
    this.index = Object.create(null);       // word -> position in vocab
    var longest = 2;
    for (var i = 0; i < this.vocab.length; i++) {
      this.index[this.vocab[i]] = i;
      if (this.vocab[i].length > longest) longest = this.vocab[i].length;
    }
    this.maxWord = Math.min(longest, MAX_WORD);
    this.starts = main.shards;              // vocab position of each shard's first word
    this.shards = [];                       // loaded shards: word -> [doc deltas, scores, masks]
    this.texts = [];                        // loaded texts: {s: summary, p: [[anchor, heading, text]]}
    this.textStarts = main.texts;           // first case of each texts file
    this.english = main.language === "en";
    this.forms = main.forms || {};          // surface form -> stem (English)
    this.sortedForms = null;
    this.stop = Object.create(null);
    (main.stop || []).forEach(function (w) { this.stop[w] = true; }, this);
    this.cache = Object.create(null);
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // The run an item is in, given each run's first item (sorted, the first 0): shards of the vocabulary,
  // texts files of the cases.
  function runOf(starts, at) {
    var lo = 0, hi = starts.length;
    while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (starts[mid] <= at) lo = mid; else hi = mid; }
    return lo;
  }

  function lowerBound(sorted, key) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (sorted[mid] < key) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function startingWith(sorted, prefix) {
    var out = [];
    for (var i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].slice(0, prefix.length) === prefix; i++) out.push(sorted[i]);
    return out;
  }

  function byLength(a, b) { return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0); }

  Engine.prototype.known = function (word) { return has(this.index, word); };

  // Longer index words a query word finds as their part (see search_index.py's expansions).
  Engine.prototype.expansions = function (word, exact) {
    var begun = startingWith(this.vocab, word).filter(function (w) { return w !== word; }).sort(byLength);
    var inside = [];
    if (!exact) {
      for (var i = 0; i < this.vocab.length; i++) {
        var w = this.vocab[i];
        if (w.indexOf(word) > 0) inside.push(w);
      }
      inside.sort(byLength);
    }
    return begun.concat(inside).slice(0, MAX_EXPANSIONS);
  };

  // A query word's index words with what each counts: [[word, factor]].
  Engine.prototype.group = function (word) {
    var key = "w:" + word;
    if (this.cache[key]) return this.cache[key];
    var exact = this.known(word);
    var out = exact ? [[word, 1]] : [];
    this.expansions(word, exact).forEach(function (w) { out.push([w, PARTIAL]); });
    return (this.cache[key] = out);
  };

  // The index words an English query word finds (see search_index.py's _latin_group).
  Engine.prototype.latinGroup = function (token) {
    var forms = this.forms;
    if (has(forms, token)) return [[forms[token], 1]];
    if (this.known(token)) return [[token, 1]];
    var found = Object.create(null), any = false;
    if (token.length >= PREFIX_MIN) {
      if (!this.sortedForms) this.sortedForms = Object.keys(forms).sort();
      startingWith(this.vocab, token).forEach(function (w) { found[w] = any = true; });
      startingWith(this.sortedForms, token).forEach(function (w) { found[forms[w]] = any = true; });
    }
    if (any) return Object.keys(found).sort().map(function (w) { return [w, PARTIAL]; });
    for (var k = token.length - 1; k >= STEM_MIN; k--) {
      if (this.known(token.slice(0, k))) return [[token.slice(0, k), PARTIAL]];
    }
    return [];
  };

  // Cut one run of Han characters: cover as many characters as possible with vocabulary words,
  // then use as few words as possible. Runs of 2+ uncovered characters go to gaps.
  Engine.prototype.cutHan = function (run, words, gaps) {
    var n = run.length, cover = [0], count = [0], back = [null];
    for (var i = 1; i <= n; i++) { cover[i] = -1; count[i] = 0; back[i] = null; }
    for (i = 0; i < n; i++) {
      if (cover[i] < 0) continue;
      var options = [[i + 1, 0]];            // skip one character, uncovered
      for (var len = 2; len <= this.maxWord && i + len <= n; len++) {
        if (this.known(run.substr(i, len))) options.push([i + len, len]);
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
        if (gap.length > 1 && gaps.indexOf(gap) < 0) gaps.push(gap);
        gap = "";
        words.push(run.slice(p[0], p[1]));
      } else {
        gap += run.slice(p[0], p[1]);
      }
    });
    if (gap.length > 1 && gaps.indexOf(gap) < 0) gaps.push(gap);
  };

  // The words of a query that the index knows (whole or as parts of longer words), each with the
  // index words it finds, and the ones it does not know (shown as missing).
  Engine.prototype.segment = function (query) {
    var words = [], missing = [], groups = Object.create(null), self = this;
    var text = String(query || "").slice(0, 200);
    function add(word, group) {
      if (group.length) { if (!groups[word]) { groups[word] = group; words.push(word); } }
      else if (missing.indexOf(word) < 0) missing.push(word);
    }
    (text.match(ASCII) || []).forEach(function (token) {
      token = token.toLowerCase();
      if (token.length < 2 || self.stop[token]) return;   // a lone letter or digit is not a word
      add(token, self.english ? self.latinGroup(token) : self.group(token));
    });
    var han = [], gaps = [];
    (text.match(HAN) || []).forEach(function (run) { self.cutHan(run, han, gaps); });
    han.concat(gaps).forEach(function (w) { add(w, self.group(w)); });
    return { words: words, missing: missing, groups: groups };
  };

  Engine.prototype.shardOf = function (word) {
    var at = this.index[word];
    return at === undefined ? -1 : runOf(this.starts, at);
  };

  // The shards a query's words live in that are not loaded yet.
  Engine.prototype.needed = function (query) {
    var cut = this.segment(query), want = [], self = this;
    Object.keys(cut.groups).forEach(function (w) {
      cut.groups[w].forEach(function (entry) {
        var shard = self.shardOf(entry[0]);
        if (shard >= 0 && !self.shards[shard] && want.indexOf(shard) < 0) want.push(shard);
      });
    });
    return want.sort(function (a, b) { return a - b; });
  };

  // The texts files (search/texts/N.js: runs of consecutive cases) of results whose text is not loaded yet.
  Engine.prototype.textFiles = function (results) {
    var want = [];
    results.forEach(function (r) {
      var file = runOf(this.textStarts, r.doc);
      if (!this.texts[r.doc] && want.indexOf(file) < 0) want.push(file);
    }, this);
    return want.sort(function (a, b) { return a - b; });
  };

  Engine.prototype.addShard = function (n, data) { this.shards[n] = data; };
  Engine.prototype.addText = function (n, data) { this.texts[n] = data; };

  // [doc, score, mask] for one index word (its shard loaded)
  Engine.prototype.postings = function (word) {
    var shard = this.shards[this.shardOf(word)], entry = shard && shard[word], out = [];
    if (!entry) return out;
    var doc = 0;
    for (var i = 0; i < entry[0].length; i++) {
      doc += entry[0][i];
      out.push([doc, entry[1][i], entry[2][i]]);
    }
    return out;
  };

  // Per doc for a group: the best weighted score, whether found whole, the index words found, the
  // sections holding them.
  Engine.prototype.groupHits = function (group) {
    var hits = Object.create(null), self = this;
    group.forEach(function (entry) {
      self.postings(entry[0]).forEach(function (p) {
        var h = hits[p[0]] || (hits[p[0]] = { score: 0, whole: false, words: [], mask: 0 });
        h.score = Math.max(h.score, p[1] * entry[1]);
        h.whole = h.whole || entry[1] === 1;
        h.words.push(entry[0]);
        h.mask |= p[2];
      });
    });
    return hits;
  };

  // Ranked cases: those with every word first, then those with the most; among them more words found
  // whole, then weight × rarity (a title holding the whole query ahead). Each result: {doc, score,
  // whole, found: {query word: bool}, marks: [index words found], mask: sections holding them}.
  Engine.prototype.search = function (query) {
    var cut = this.segment(query), words = cut.words, self = this;
    if (!words.length) return { words: words, missing: cut.missing, results: [], groups: cut.groups };
    var acc = Object.create(null);
    words.forEach(function (word) {
      var hits = self.groupHits(cut.groups[word]), docs = Object.keys(hits);
      var idf = Math.log(1 + self.N / Math.max(docs.length, 1));
      docs.forEach(function (d) {
        var h = hits[d], a = acc[d] || (acc[d] = { score: 0, hits: 0, whole: 0, found: {}, marks: [], mask: 0 });
        a.score += idf * h.score;
        a.hits += 1;
        a.whole += h.whole ? 1 : 0;
        a.found[word] = true;
        h.words.forEach(function (w) { if (a.marks.indexOf(w) < 0) a.marks.push(w); });
        a.mask |= h.mask;
      });
    });
    var best = 0, d;
    for (d in acc) if (acc[d].hits > best) best = acc[d].hits;
    var whole = String(query).replace(/\s+/g, "").toLowerCase();
    var results = [];
    for (d in acc) {
      var a = acc[d];
      if (a.hits < best) continue;
      var doc = +d, s = a.score;
      if (whole.length > 1 && this.cases[doc][1].toLowerCase().indexOf(whole) >= 0) s *= 1.5;
      var found = {};
      words.forEach(function (w) { found[w] = !!a.found[w]; });
      cut.missing.forEach(function (w) { found[w] = false; });
      results.push({ doc: doc, score: s, whole: a.whole, found: found, marks: a.marks, mask: a.mask });
    }
    results.sort(function (x, y) { return y.whole - x.whole || y.score - x.score || x.doc - y.doc; });
    return { words: words, missing: cut.missing, results: results, groups: cut.groups };
  };

  // The cases holding every word of the query (the gallery's keyword box): null for an empty query.
  Engine.prototype.matching = function (query) {
    var cut = this.segment(query), self = this;
    if (!cut.words.length && !cut.missing.length) return { words: [], missing: [], docs: null };
    var docs = null;
    if (!cut.missing.length) {
      cut.words.forEach(function (word) {
        var next = Object.create(null), hits = self.groupHits(cut.groups[word]);
        Object.keys(hits).forEach(function (doc) { if (!docs || docs[doc]) next[doc] = true; });
        docs = next;
      });
    }
    return { words: cut.words, missing: cut.missing, docs: docs || Object.create(null) };
  };

  // The body sections a result's words are in (a mask's bits; the last bit stands for every later
  // section, so those are kept only when their text has a word): [[section number, section]].
  Engine.prototype.passages = function (result) {
    var text = this.texts[result.doc], out = [];
    if (!text) return out;
    text.p.forEach(function (section, i) {
      if (!(result.mask & (1 << Math.min(i, MASK_BITS - 1)))) return;
      if (i >= MASK_BITS - 1) {
        var lower = (section[1] + " " + section[2]).toLowerCase();
        if (!result.marks.some(function (w) { return lower.indexOf(w) >= 0; })) return;
      }
      out.push([i, section]);
    });
    return out;
  };

  // Escaped text with the words marked (longest first, so 党员名师工作室 wins over 党员); a Latin
  // word is marked to its end (vacc marks vaccination whole).
  function mark(text, words) {
    var html = escapeHtml(text);
    var list = words.slice().sort(function (a, b) { return b.length - a.length; })
      .map(function (w) {
        var pattern = escapeHtml(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return /^[0-9a-z+]+$/.test(w) ? pattern + "[0-9a-z]*" : pattern;
      });
    if (!list.length) return html;
    return html.replace(new RegExp("(" + list.join("|") + ")", "gi"), "<mark>$1</mark>");
  }

  // A window of a text around the first word found, marked.
  function snippet(text, words) {
    var lower = text.toLowerCase(), at = -1;
    words.forEach(function (w) {
      var i = lower.indexOf(w.toLowerCase());
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = at > 30 ? at - 30 : 0, end = Math.min(text.length, start + 100);
    return (start > 0 ? "…" : "") + mark(text.slice(start, end).replace(/\s+/g, " "), words) + (end < text.length ? "…" : "");
  }

  root.CasebookSearch = { Engine: Engine, mark: mark, snippet: snippet, escapeHtml: escapeHtml };
})(typeof self !== "undefined" ? self : this);
