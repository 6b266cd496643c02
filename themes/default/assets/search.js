/* lecturepack offline search: no network, no library.
 * search-index.js (window.LP_SEARCH) lists each folded word with the
 * pages that hold it; assets/search/ID.js holds one page's text (title,
 * and per section its anchor, title and text) and is loaded, once, only
 * when every word of a query is on that page.  Sections are then ranked
 * on their text: title hits first, then the phrase, whole words,
 * prefixes.  fold() must stay the function fold_words() of lecturepack's
 * src/text.c, which made the index: case and Vietnamese diacritics go
 * (đ → d), so "nghi quyet" finds "nghị quyết". */
(function () {
  "use strict";
  var idx = window.LP_SEARCH || { pages: [], width: 1, words: "" };
  var box = document.getElementById("lp-q");
  var list = document.getElementById("lp-results");
  var status = document.getElementById("lp-status");
  var root = box && box.closest(".search");
  var nonWord = /[^0-9a-z\u00c0-\u024f\u1e00-\u1eff]+/;

  /* One UTF-16 unit in, one out, except combining marks, which go; map,
   * when given, gets the place in s of each unit of the result. */
  var folds = {};
  function fold(s, map) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i), d = folds[c];
      if (d === undefined) {
        var n = s.charCodeAt(i);
        if (n >= 0x300 && n <= 0x36f) d = "";
        else if (c === "đ" || c === "Đ") d = "d";
        else if (n >= 0xd800 && n <= 0xdfff) d = c;
        else {
          d = c.normalize("NFD").charAt(0).toLowerCase();
          if (d.length !== 1) d = c;
        }
        folds[c] = d;
      }
      if (d === "") continue;
      if (map) map.push(i);
      out += d;
    }
    return out;
  }
  function isWordChar(c) { return c !== "" && !nonWord.test(c); }
  function words(s) { return fold(s).split(nonWord).filter(function (t) { return t.length > 0; }); }
  function terms(q) { return words(q).slice(0, 12); }

  /* The index: sorted words, and per word its pages as a string. */
  var vocab = null, posts = null, pageNo = {};
  function vocabulary() {
    if (vocab) return;
    vocab = []; posts = [];
    (idx.words ? idx.words.split(" ") : []).forEach(function (e) {
      var c = e.indexOf(":");
      vocab.push(e.slice(0, c));
      posts.push(e.slice(c + 1));
    });
    idx.pages.forEach(function (id, k) { pageNo[id] = k; });
  }
  /* The pages that have a word starting with t, as a set. */
  function pagesWith(t) {
    var lo = 0, hi = vocab.length, set = {};
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (vocab[mid] < t) lo = mid + 1; else hi = mid;
    }
    for (; lo < vocab.length && vocab[lo].lastIndexOf(t, 0) === 0; lo++)
      for (var i = 0; i < posts[lo].length; i += idx.width)
        set[parseInt(posts[lo].substr(i, idx.width), 36)] = true;
    return set;
  }
  /* The pages holding every term, in pack order. */
  function candidates(ts) {
    vocabulary();
    var sets = ts.map(pagesWith), out = [];
    for (var k = 0; k < idx.pages.length; k++)
      if (sets.every(function (s) { return s[k]; })) out.push(k);
    return out;
  }

  /* The pages' texts, loaded on demand: page number → its sections. */
  var texts = {}, waiting = {};
  window.lpSearchPage = function (p) {
    if (!pageNo.hasOwnProperty(p.id)) return;
    texts[pageNo[p.id]] = p.sections.map(function (s) {
      return { href: p.href + (s[0] ? "#" + s[0] : ""), page: p.title, title: s[1], text: s[2] };
    });
  };
  function load(k, done) {
    if (texts[k]) { done(); return; }
    if (waiting[k]) { waiting[k].push(done); return; }
    waiting[k] = [done];
    var s = document.createElement("script");
    s.src = "assets/search/" + encodeURIComponent(idx.pages[k]) + ".js";
    s.onload = s.onerror = function () {
      var then = waiting[k];
      if (!texts[k]) texts[k] = [];
      delete waiting[k];
      s.parentNode.removeChild(s);
      then.forEach(function (f) { f(); });
    };
    document.head.appendChild(s);
  }

  function folded(row, k) {
    var key = "f" + k;
    if (row[key] === undefined) row[key] = fold(row[k]);
    return row[key];
  }
  /* Where t starts a word of s (a prefix of it, or with `whole` the
   * whole word), or -1. */
  function find(s, t, whole) {
    var at = s.indexOf(t);
    while (at >= 0) {
      if ((at === 0 || !isWordChar(s.charAt(at - 1))) &&
          (!whole || !isWordChar(s.charAt(at + t.length)))) return at;
      at = s.indexOf(t, at + 1);
    }
    return -1;
  }
  /* Title hits first, then the phrase, then whole words, then prefixes. */
  function score(row, ts) {
    var s = 0, phrase = ts.join(" ");
    for (var i = 0; i < ts.length; i++) {
      var inTitle = find(folded(row, "title"), ts[i]) >= 0 || find(folded(row, "page"), ts[i]) >= 0;
      if (!inTitle && find(folded(row, "text"), ts[i]) < 0) return 0;
      s += inTitle ? 10 : find(folded(row, "text"), ts[i], true) >= 0 ? 2 : 1;
    }
    if (ts.length > 1) {
      if (find(folded(row, "title"), phrase) >= 0 || find(folded(row, "page"), phrase) >= 0) s += 20;
      else if (find(folded(row, "text"), phrase) >= 0) s += 5;
    }
    return s;
  }
  function snippet(row, ts) {
    var text = row.text, f = folded(row, "text"), phrase = ts.join(" ");
    if (!row.map) { row.map = []; fold(text, row.map); }
    var map = row.map;
    var at = find(f, phrase, true), len = phrase.length;
    for (var i = 0; i < ts.length && at < 0; i++) { at = find(f, ts[i], true); len = ts[i].length; }
    for (i = 0; i < ts.length && at < 0; i++) { at = find(f, ts[i]); len = ts[i].length; }
    var p = document.createElement("p");
    p.className = "search-snippet";
    if (at < 0) { p.textContent = text.slice(0, 160) + (text.length > 160 ? "…" : ""); return p; }
    /* Places in f → places in text (marks may have gone). */
    var orig = function (j) { return j < map.length ? map[j] : text.length; };
    var from = orig(Math.max(0, at - 60)), start = orig(at), end = orig(at + len);
    var to = orig(Math.min(f.length, at + len + 100));
    p.appendChild(document.createTextNode((from > 0 ? "…" : "") + text.slice(from, start)));
    var m = document.createElement("mark");
    m.textContent = text.slice(start, end);
    p.appendChild(m);
    p.appendChild(document.createTextNode(text.slice(end, to) + (to < text.length ? "…" : "")));
    return p;
  }
  /* The ranked hits of the given pages, as [score, row] pairs. */
  function rank(ts, pages) {
    var hits = [];
    pages.forEach(function (k) {
      texts[k].forEach(function (row) {
        var sc = score(row, ts);
        if (sc > 0) hits.push([sc, row, hits.length]);
      });
    });
    hits.sort(function (a, b) { return b[0] - a[0] || a[2] - b[2]; });
    return hits;
  }
  /* Calls done(terms, hits) once the pages the query needs are loaded. */
  function search(q, done) {
    var ts = terms(q);
    if (ts.length === 0) { done(ts, []); return; }
    var pages = candidates(ts), left = pages.length;
    if (left === 0) { done(ts, []); return; }
    pages.forEach(function (k) {
      load(k, function () { if (--left === 0) done(ts, rank(ts, pages)); });
    });
  }
  /* Hooks for tests: the hits of a query (a promise), and the words of
   * a text as the index has them. */
  window.lpSearch = function (q) {
    return new Promise(function (resolve) { search(q, function (ts, hits) { resolve(hits); }); });
  };
  window.lpSearch.words = words;
  if (!box || !list || !root) return;

  function show(ts, hits) {
    list.textContent = "";
    if (ts.length === 0) { status.textContent = ""; return; }
    status.textContent = hits.length ? (root.getAttribute("data-count") || "{n}").replace("{n}", String(hits.length)) : (root.getAttribute("data-none") || "");
    hits.slice(0, 30).forEach(function (h) {
      var row = h[1];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = row.href;
      var page = document.createElement("span");
      page.className = "search-page";
      page.textContent = row.page;
      a.appendChild(page);
      if (row.title) {
        var sec = document.createElement("span");
        sec.className = "search-section";
        sec.textContent = row.title;
        a.appendChild(sec);
      }
      li.appendChild(a);
      li.appendChild(snippet(row, ts));
      list.appendChild(li);
    });
  }
  /* Only the newest query is shown, whatever order loads end in. */
  var timer = null, asked = 0;
  function run() {
    var n = ++asked;
    search(box.value, function (ts, hits) { if (n === asked) show(ts, hits); });
  }
  /* Loading starts at once; the search waits for the typing to pause. */
  function prefetch() {
    var ts = terms(box.value);
    if (ts.length) candidates(ts).forEach(function (k) { load(k, function () {}); });
  }
  box.addEventListener("input", function () {
    prefetch();
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  box.addEventListener("keydown", function (e) { if (e.key === "Escape") { box.value = ""; run(); } });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { box.value = params.get("q"); run(); }
})();
