/* lecturepack offline search: no network, no library.
 * search-index.js (window.LP_SEARCH) lists each folded word with the
 * text scripts that hold it; a text script, assets/search/N.js, holds
 * the texts of some pages (title, and per section its anchor, title and
 * text) and is loaded, once, only when every word of a query is in it.
 * Sections are then ranked on their text (words typed with tone marks
 * found as typed, the query as a phrase, title hits, whole words before
 * prefixes; see rank() and score()).  fold() must stay the
 * function fold_words() of lecturepack's src/text.c, which made the
 * index: case and Vietnamese diacritics go (đ → d), so "nghi quyet"
 * finds "nghị quyết". */
(function () {
  "use strict";
  var idx = window.LP_SEARCH || { scripts: 0, width: 1, words: "" };
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

  /* The index: sorted words, and per word its text scripts. */
  var vocab = null, posts = null;
  function vocabulary() {
    if (vocab) return;
    vocab = []; posts = [];
    (idx.words ? idx.words.split(" ") : []).forEach(function (e) {
      var c = e.indexOf(":");
      vocab.push(e.slice(0, c));
      posts.push(e.slice(c + 1));
    });
  }
  /* The text scripts that have a word starting with t, as a set. */
  function scriptsWith(t) {
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
  /* The text scripts holding every term, in order. */
  function candidates(ts) {
    vocabulary();
    var sets = ts.map(scriptsWith), out = [];
    for (var k = 0; k < idx.scripts; k++)
      if (sets.every(function (s) { return s[k]; })) out.push(k);
    return out;
  }

  /* The texts, loaded on demand: script number → its sections. */
  var texts = {}, waiting = {};
  window.lpSearchText = function (k, pages) {
    var rows = [];
    pages.forEach(function (p) {
      p.sections.forEach(function (s) {
        rows.push({ href: p.href + (s[0] ? "#" + s[0] : ""), page: p.title, title: s[1], text: s[2] });
      });
    });
    texts[k] = rows;
  };
  function load(k, done) {
    if (texts[k]) { done(); return; }
    if (waiting[k]) { waiting[k].push(done); return; }
    waiting[k] = [done];
    var s = document.createElement("script");
    s.src = "assets/search/" + k + ".js";
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
   * whole word) at or after `from`, or -1. */
  function find(s, t, whole, from) {
    var at = s.indexOf(t, from || 0);
    while (at >= 0) {
      if ((at === 0 || !isWordChar(s.charAt(at - 1))) &&
          (!whole || !isWordChar(s.charAt(at + t.length)))) return at;
      at = s.indexOf(t, at + 1);
    }
    return -1;
  }
  /* How well t is in s: 2 as a whole word, 1 as a prefix, else 0. */
  function match(s, t) {
    return find(s, t, true) >= 0 ? 2 : find(s, t) >= 0 ? 1 : 0;
  }
  /* A section's score, 0 unless every word is in its titles or text.
   * Per word, a title hit (the section's or the page's) outweighs a text
   * hit and a whole word a prefix; the query as a phrase counts most. */
  function score(row, ts) {
    var s = 0, phrase = ts.join(" ");
    var title = folded(row, "title"), page = folded(row, "page"), text = folded(row, "text");
    for (var i = 0; i < ts.length; i++) {
      var inTitle = Math.max(match(title, ts[i]), match(page, ts[i]));
      var inText = inTitle ? 0 : match(text, ts[i]);
      if (!inTitle && !inText) return 0;
      s += inTitle ? (inTitle === 2 ? 10 : 4) : (inText === 2 ? 3 : 1);
    }
    if (ts.length > 1) {
      if (find(title, phrase) >= 0 || find(page, phrase) >= 0) s += 40;
      else if (find(text, phrase) >= 0) s += 25;
    }
    return s;
  }
  /* About 160 characters of the text around its best hit (the phrase,
   * else a whole word, else a prefix), cut at spaces, with the query's
   * words marked there (the last one also as a prefix). */
  function snippet(row, ts) {
    var text = row.text, f = folded(row, "text"), phrase = ts.join(" ");
    var at = find(f, phrase, true), len = phrase.length, i;
    for (i = 0; i < ts.length && at < 0; i++) { at = find(f, ts[i], true); len = ts[i].length; }
    for (i = 0; i < ts.length && at < 0; i++) { at = find(f, ts[i]); len = ts[i].length; }
    var p = document.createElement("p");
    p.className = "search-snippet";
    if (at < 0) at = len = 0;
    var from = Math.max(0, at - 60), to = Math.min(f.length, at + len + 100);
    if (from > 0 && f.indexOf(" ", from) >= 0 && f.indexOf(" ", from) < at) from = f.indexOf(" ", from) + 1;
    if (to < f.length && f.lastIndexOf(" ", to) > at + len) to = f.lastIndexOf(" ", to);
    /* The matched words, as [start, end) in f, joined across spaces. */
    var marks = [];
    ts.forEach(function (t, k) {
      var whole = k < ts.length - 1;	/* the last word may be half typed */
      for (var j = find(f, t, whole, from); j >= 0 && j < to; j = find(f, t, whole, j + t.length)) {
        var e = j + t.length;
        while (e < to && isWordChar(f.charAt(e))) e++;
        marks.push([j, e]);
      }
    });
    marks.sort(function (x, y) { return x[0] - y[0]; });
    var spans = [];
    marks.forEach(function (m) {
      var last = spans[spans.length - 1];
      if (last && m[0] <= last[1] + 1 && /^ ?$/.test(f.slice(last[1], m[0]))) last[1] = Math.max(last[1], m[1]);
      else spans.push([m[0], m[1]]);
    });
    /* Places in f → places in text (marks may have gone). */
    if (!row.map) { row.map = []; fold(text, row.map); }
    var map = row.map;
    var orig = function (j) { return j < map.length ? map[j] : text.length; };
    var put = function (a, b) { if (b > a) p.appendChild(document.createTextNode(text.slice(orig(a), orig(b)))); };
    if (from > 0) p.appendChild(document.createTextNode("…"));
    var done = from;
    spans.forEach(function (sp) {
      put(done, sp[0]);
      var m = document.createElement("mark");
      m.textContent = text.slice(orig(sp[0]), orig(sp[1]));
      p.appendChild(m);
      done = sp[1];
    });
    put(done, to);
    if (to < f.length) p.appendChild(document.createTextNode("…"));
    return p;
  }
  /* The words of q typed with tone marks (or other diacritics), as
   * typed: "hội" means hội, not hỏi or hồi, though all three match. */
  function toned(q) {
    return q.normalize("NFC").toLowerCase().split(nonWord).filter(function (w) {
      return w.length > 0 && fold(w) !== w;
    }).slice(0, 12);
  }
  function lower(row, k) {
    var key = "l" + k;
    if (row[key] === undefined) row[key] = row[k].toLowerCase();
    return row[key];
  }
  /* How many of the toned words the section has as typed. */
  function exact(row, ms) {
    var n = 0;
    for (var i = 0; i < ms.length; i++)
      if (find(lower(row, "title"), ms[i], true) >= 0 || find(lower(row, "page"), ms[i], true) >= 0 ||
          find(lower(row, "text"), ms[i], true) >= 0) n++;
    return n;
  }
  /* The ranked hits in the given text scripts, as [score, row] pairs:
   * sections with more of the toned words as typed first, then by score. */
  function rank(ts, ms, scripts) {
    var hits = [];
    scripts.forEach(function (k) {
      texts[k].forEach(function (row) {
        var sc = score(row, ts);
        if (sc > 0) hits.push([sc, row, hits.length, ms.length ? exact(row, ms) : 0]);
      });
    });
    hits.sort(function (a, b) { return b[3] - a[3] || b[0] - a[0] || a[2] - b[2]; });
    return hits;
  }
  /* Calls done(terms, hits) once the texts the query needs are loaded. */
  function search(q, done) {
    var ts = terms(q), ms = toned(q);
    if (ts.length === 0) { done(ts, []); return; }
    var scripts = candidates(ts), left = scripts.length;
    if (left === 0) { done(ts, []); return; }
    scripts.forEach(function (k) {
      load(k, function () { if (--left === 0) done(ts, rank(ts, ms, scripts)); });
    });
  }
  /* Hooks for tests: the hits of a query (a promise), and the words of
   * a text as the index has them. */
  window.lpSearch = function (q) {
    return new Promise(function (resolve) { search(q, function (ts, hits) { resolve(hits); }); });
  };
  window.lpSearch.words = words;
  if (!box || !list || !root) return;

  function item(row, ts) {
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
    return li;
  }
  /* The hits, 30 at a time: the next 30 when the last one shown scrolls
   * into view (all at once where IntersectionObserver is missing). */
  var watcher = null;
  function show(ts, hits) {
    list.textContent = "";
    if (watcher) { watcher.disconnect(); watcher = null; }
    if (ts.length === 0) { status.textContent = ""; return; }
    status.textContent = hits.length ? (root.getAttribute("data-count") || "{n}").replace("{n}", String(hits.length)) : (root.getAttribute("data-none") || "");
    var shown = 0, step = window.IntersectionObserver ? 30 : hits.length;
    function more() {
      var end = Math.min(hits.length, shown + step);
      for (; shown < end; shown++) list.appendChild(item(hits[shown][1], ts));
      if (watcher && shown < hits.length) watcher.observe(list.lastChild);
    }
    if (step < hits.length) {
      watcher = new IntersectionObserver(function (seen) {
        if (!seen.some(function (e) { return e.isIntersecting; })) return;
        watcher.disconnect();
        more();
      });
    }
    more();
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
  /* Escape clears; Enter opens the best hit, once it is known (not the
   * Enter that ends an input method's composing, as Vietnamese
   * keyboards on phones do). */
  box.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229) return;
    if (e.key === "Escape") { box.value = ""; run(); }
    if (e.key === "Enter") {
      clearTimeout(timer);
      var n = ++asked;
      search(box.value, function (ts, hits) {
        if (n !== asked) return;
        show(ts, hits);
        if (hits.length) window.location.href = hits[0][1].href;
      });
    }
  });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { box.value = params.get("q"); run(); }
})();
