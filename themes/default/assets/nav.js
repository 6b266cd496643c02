/* lecturepack default theme: the pack's contents as a drawer on narrow
   screens, and the boxes folded on phones (a page's contents, the legend
   of marks) opened on wide ones.  Without this script the pages still
   work: the contents page is a link away and the boxes open on a tap. */
(function () {
  "use strict";
  var root = document.documentElement;
  var wide = window.matchMedia ? window.matchMedia("(min-width: 64rem)") : null;
  root.classList.add("js");

  function ready() {
    var folds = document.querySelectorAll("details[data-wide-open]");
    var i;
    if (wide && wide.matches)
      for (i = 0; i < folds.length; i++) folds[i].open = true;
    /* Paper shows the legend whatever the screen folded. */
    window.addEventListener("beforeprint", function () {
      var l = document.querySelectorAll("details.legend-fold");
      for (var k = 0; k < l.length; k++) l[k].open = true;
    });

    var toggle = document.querySelector(".nav-toggle");
    var nav = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!nav) return;
    var close = nav.querySelector(".nav-close");

    function isOpen() { return toggle.getAttribute("aria-expanded") === "true"; }
    function setOpen(open, refocus) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("open", open);
      document.body.classList.toggle("drawer-open", open);
      if (open) {
        var cur = nav.querySelector('[aria-current="page"]') || close;
        if (cur) cur.focus();
      } else if (refocus) toggle.focus();
    }
    toggle.addEventListener("click", function () { setOpen(!isOpen(), true); });
    if (close) close.addEventListener("click", function () { setOpen(false, true); });
    document.addEventListener("keydown", function (e) {
      if ((e.key === "Escape" || e.key === "Esc") && isOpen()) {
        e.preventDefault();
        setOpen(false, true);
      }
    });
    /* A tap beside the drawer closes it; so does tabbing out of it. */
    document.addEventListener("click", function (e) {
      if (isOpen() && !nav.contains(e.target) && !toggle.contains(e.target))
        setOpen(false, false);
    });
    nav.addEventListener("focusout", function (e) {
      if (isOpen() && e.relatedTarget && !nav.contains(e.relatedTarget) &&
          e.relatedTarget !== toggle)
        setOpen(false, false);
    });
    /* Grown wide, the drawer is a sidebar again. */
    if (wide) {
      var grown = function () { if (wide.matches && isOpen()) setOpen(false, false); };
      if (wide.addEventListener) wide.addEventListener("change", grown);
      else if (wide.addListener) wide.addListener(grown);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
