// factsheet: sortable tables, and the Pagefind search page when the site uses Pagefind.
// `factsheet render` puts `window.factsheet = {search: ...}` above this file's text.
(function () {
  // The site root, from this script's own URL (…/assets/factsheet.js): right under any sub-path.
  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/factsheet\.js(\?.*)?$/, "") : "/";

  // -- sortable tables: click a heading; text sorts A→Z first, numbers largest first
  function cellValue(row, index) {
    var cell = row.children[index];
    var text = cell ? cell.textContent.trim() : "";
    var number = parseFloat(text.replace(/,/g, ""));
    return /^-?[\d,.]+$/.test(text) && !isNaN(number) ? number : text.toLowerCase();
  }
  function isNumeric(body, index) {
    for (var i = 0; i < body.rows.length; i++) {
      var value = cellValue(body.rows[i], index);
      if (value !== "" && value !== "—" && typeof value !== "number") return false;
    }
    return true;
  }
  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    if (!body) return;
    var current = header.getAttribute("aria-sort");
    var ascending = current ? current !== "ascending" : !isNumeric(body, index);
    Array.prototype.forEach.call(header.parentNode.children, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (typeof x !== typeof y) return typeof x === "number" ? -1 : 1;  // blanks last
      if (x === y) return 0;
      return (x > y ? 1 : -1) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function setupTables() {
    // a data attribute, not a class: Material styles only tables without a class
    document.querySelectorAll("article table, .md-content table, [role=main] table").forEach(function (table) {
      if (table.hasAttribute("data-fs-sortable") || !table.tHead) return;
      table.setAttribute("data-fs-sortable", "");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
        th.setAttribute("data-fs-sort", "");
        th.setAttribute("tabindex", "0");
        th.title = "Sort by this column";
        th.addEventListener("click", function () { sortBy(table, index, th); });
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") sortBy(table, index, th); });
      });
    });
  }

  // -- Pagefind (factsheet.yml: `search: pagefind`): the search page and a box in the header
  function searchPage() {
    return root + (/\.html$/.test(location.pathname) && !/\/404\.html$/.test(location.pathname) ? "search.html" : "search/");
  }
  function setupPagefind() {
    var target = document.getElementById("fs-search");
    if (target && !target.hasAttribute("data-ready")) {
      target.setAttribute("data-ready", "");
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = root + "pagefind/pagefind-ui.css";
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = root + "pagefind/pagefind-ui.js";
      js.onload = function () {
        var ui = new window.PagefindUI({ element: "#fs-search", showSubResults: true, showImages: false,
                                         bundlePath: root + "pagefind/" });
        var query = new URLSearchParams(location.search).get("q");
        if (query) ui.triggerSearch(query);
      };
      document.head.appendChild(js);
    }
    // without MkDocs' search plugin the theme has no search box: add one that opens the search page
    var settings = window.factsheet || {};
    var header = document.querySelector(".md-header__inner, .navbar .container");
    if (settings.search === "pagefind" && header && !document.querySelector(".md-search, .fs-header-search")) {
      var form = document.createElement("form");
      form.className = "fs-header-search";
      form.setAttribute("role", "search");
      form.action = searchPage();
      form.innerHTML = '<input type="search" name="q" placeholder="Search" aria-label="Search">';
      header.appendChild(form);
    }
  }

  function setup() { setupTables(); setupPagefind(); }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
