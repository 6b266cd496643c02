/* lecturepack offline search: no network, no library.
 * The index (search-index.js) lists, per section: page, anchor, page
 * title, section title, text.  Matching folds case and Vietnamese
 * diacritics on both sides (đ → d), one character for one, so a hit's
 * place in the folded text is its place in the original text. */
(function () {
  "use strict";
  var index = window.LP_SEARCH || [];
  var box = document.getElementById("lp-q");
  var list = document.getElementById("lp-results");
  var status = document.getElementById("lp-status");
  var root = box && box.closest(".search");
  if (!box || !list || !root) return;

  var cache = {};
  function fold(s) {
    if (cache.hasOwnProperty(s)) return cache[s];
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (c === "đ" || c === "Đ") { out += "d"; continue; }
      var d = c.normalize("NFD").charAt(0).toLowerCase();
      out += d.length === 1 ? d : c;
    }
    return out;
  }
  function folded(row, k) {
    row.f = row.f || [];
    if (row.f[k] === undefined) row.f[k] = fold(row[k]);
    return row.f[k];
  }
  function isWordChar(c) { return /[0-9a-z\u00c0-\u024f\u1e00-\u1eff]/i.test(c); }
  /* Where t starts a word of s (a prefix of it, or with `whole` the
   * whole word), or -1. */
  function find(s, t, whole) {
    var at = s.indexOf(t);
    while (at >= 0) {
      if ((at === 0 || !isWordChar(s.charAt(at - 1))) &&
          (!whole || at + t.length >= s.length || !isWordChar(s.charAt(at + t.length)))) return at;
      at = s.indexOf(t, at + 1);
    }
    return -1;
  }
  function terms(q) {
    return fold(q).split(/[^0-9a-z\u00c0-\u024f\u1e00-\u1eff]+/i).filter(function (t) { return t.length > 0; }).slice(0, 12);
  }
  /* Title hits first, then the phrase, then whole words, then prefixes. */
  function score(row, ts) {
    var s = 0, phrase = ts.join(" ");
    for (var i = 0; i < ts.length; i++) {
      var inTitle = find(folded(row, 3), ts[i]) >= 0 || find(folded(row, 2), ts[i]) >= 0;
      var inText = find(folded(row, 4), ts[i]);
      if (!inTitle && inText < 0) return 0;
      s += inTitle ? 10 : find(folded(row, 4), ts[i], true) >= 0 ? 2 : 1;
    }
    if (ts.length > 1) {
      if (find(folded(row, 3), phrase) >= 0 || find(folded(row, 2), phrase) >= 0) s += 20;
      else if (find(folded(row, 4), phrase) >= 0) s += 5;
    }
    return s;
  }
  function snippet(row, ts) {
    var text = row[4], f = folded(row, 4), phrase = ts.join(" ");
    var at = find(f, phrase, true), len = phrase.length;
    for (var i = 0; i < ts.length && at < 0; i++) { at = find(f, ts[i], true); len = ts[i].length; }
    for (i = 0; i < ts.length && at < 0; i++) { at = find(f, ts[i]); len = ts[i].length; }
    var p = document.createElement("p");
    p.className = "search-snippet";
    if (at < 0) { p.textContent = text.slice(0, 160) + (text.length > 160 ? "…" : ""); return p; }
    var from = Math.max(0, at - 60), to = Math.min(text.length, at + len + 100);
    p.appendChild(document.createTextNode((from > 0 ? "…" : "") + text.slice(from, at)));
    var m = document.createElement("mark");
    m.textContent = text.slice(at, at + len);
    p.appendChild(m);
    p.appendChild(document.createTextNode(text.slice(at + len, to) + (to < text.length ? "…" : "")));
    return p;
  }
  /* The ranked hits for a query, as [score, row] pairs (also a hook
   * for tests: window.lpSearch). */
  function rank(ts) {
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var sc = score(index[i], ts);
      if (sc > 0) hits.push([sc, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return hits;
  }
  window.lpSearch = function (q) { return rank(terms(q)); };
  function run() {
    var ts = terms(box.value);
    list.textContent = "";
    if (ts.length === 0) { status.textContent = ""; return; }
    var hits = rank(ts);
    status.textContent = hits.length ? (root.getAttribute("data-count") || "{n}").replace("{n}", String(hits.length)) : (root.getAttribute("data-none") || "");
    hits.slice(0, 30).forEach(function (h) {
      var row = index[h[1]];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = row[0] + (row[1] ? "#" + row[1] : "");
      var page = document.createElement("span");
      page.className = "search-page";
      page.textContent = row[2];
      a.appendChild(page);
      if (row[3]) {
        var sec = document.createElement("span");
        sec.className = "search-section";
        sec.textContent = row[3];
        a.appendChild(sec);
      }
      li.appendChild(a);
      li.appendChild(snippet(row, ts));
      list.appendChild(li);
    });
  }
  var timer = null;
  box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
  box.addEventListener("keydown", function (e) { if (e.key === "Escape") { box.value = ""; run(); } });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { box.value = params.get("q"); run(); }
})();
