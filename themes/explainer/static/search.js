// Search over explainers (Zola's fuse_json index, fetched on first use) and stakeholders (the
// list already on the page or, when the page lists only the most covered ones, the full list
// of the stakeholders page named by the form's data-actors, fetched on first use and read with
// DOMParser, which runs no script). Without JavaScript the form stays hidden and the full lists
// below it stand in. Results are built with textContent: index titles and descriptions are
// raw text from articles and must never be parsed as HTML.
(function () {
  "use strict";
  var form = document.getElementById("search");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !results || !status) return;

  var index = null;
  var loading = null;
  function actorList(doc, base) {
    return Array.prototype.map.call(doc.querySelectorAll("#actor-index li"), function (li) {
      var a = li.querySelector("a");
      var href = a ? a.getAttribute("href") : "";
      try {
        href = href ? new URL(href, base).href : "";
      } catch (e) {
        href = "";
      }
      return { title: li.getAttribute("data-name") || (a ? a.textContent : ""), url: href };
    });
  }
  var actors = actorList(document, document.baseURI);
  var allActors = form.getAttribute("data-actors");
  var actorsLoading = null;

  function loadActors() {
    if (!allActors) return Promise.resolve(actors);
    if (!actorsLoading) {
      var url = new URL(allActors, document.baseURI).href;
      actorsLoading = fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .catch(function () { return ""; })
        .then(function (html) {
          var full = html ? actorList(new DOMParser().parseFromString(html, "text/html"), url) : [];
          if (full.length > actors.length) actors = full;
          return actors;
        });
    }
    return actorsLoading;
  }

  function fold(s) {
    return String(s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Only same-site or http(s) links are followed; anything else (javascript:, data:) is dropped.
  function safeUrl(u) {
    try {
      var url = new URL(u, document.baseURI);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function load() {
    if (index) return Promise.resolve(index);
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (j) {
          index = (Array.isArray(j) ? j : []).filter(function (item) {
            // Pages only: sections (the home page, the explainers folder) are not results.
            return item && item.url && /\/explainers\/[^/]+\/$/.test(new URL(item.url, document.baseURI).pathname);
          });
          return index;
        });
    }
    return loading;
  }

  function matches(words, text) {
    var t = fold(text);
    return words.every(function (w) { return t.indexOf(w) !== -1; });
  }

  function show(items, kindLabel) {
    items.forEach(function (item) {
      var href = safeUrl(item.url);
      if (!href) return;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = href;
      a.textContent = item.title || href;
      li.appendChild(a);
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = " (" + kindLabel + ")";
      li.appendChild(kind);
      results.appendChild(li);
    });
  }

  function run() {
    var q = fold(input.value).trim();
    results.textContent = "";
    status.textContent = "";
    if (!q) return;
    var words = q.split(/\s+/);
    Promise.all([load(), loadActors()]).then(function (got) {
      var idx = got[0];
      if (fold(input.value).trim() !== q) return; // a newer query is running
      results.textContent = "";
      var pages = idx.filter(function (p) { return matches(words, [p.title, p.description, p.body].join(" ")); });
      var people = got[1].filter(function (a) { return matches(words, a.title); });
      show(pages.slice(0, 20), form.getAttribute("data-kind-explainer") || "explainer");
      show(people.slice(0, 20), form.getAttribute("data-kind-actor") || "stakeholder");
      status.textContent = pages.length + people.length === 0 ? status.getAttribute("data-none") : "";
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  input.addEventListener("input", run);
})();
