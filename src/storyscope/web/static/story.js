// Story page: filter the source list by a landscape segment, follow citation chips, and reload
// once a background analysis is ready. Plain JS, no build step; works with keyboard (buttons).
(function () {
  "use strict";
  var list = document.querySelector("ol.sources");
  var note = document.getElementById("filter-note");
  var buttons = Array.prototype.slice.call(document.querySelectorAll(".landscape.interactive button[data-lean]"));

  function items() {
    return list ? Array.prototype.slice.call(list.querySelectorAll("li[data-lean]")) : [];
  }

  function clearFilter() {
    items().forEach(function (li) { li.hidden = false; });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    if (note) { note.textContent = ""; }
  }

  function applyFilter(lean, label) {
    var shown = 0;
    var all = items();
    all.forEach(function (li) {
      var match = li.getAttribute("data-lean") === lean;
      li.hidden = !match;
      if (match) { shown += 1; }
    });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lean") === lean ? "true" : "false");
    });
    if (note) {
      note.textContent = "Showing " + shown + " of " + all.length + " sources: " + label + ". ";
      var reset = document.createElement("button");
      reset.type = "button";
      reset.className = "link";
      reset.textContent = "Show all sources";
      reset.addEventListener("click", function () { clearFilter(); if (buttons[0]) { buttons[0].focus(); } });
      note.appendChild(reset);
    }
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      if (b.getAttribute("aria-pressed") === "true") { clearFilter(); return; }
      var label = (b.textContent || "").replace(/\s+\d+\s*$/, "").trim();
      applyFilter(b.getAttribute("data-lean"), label);
    });
  });

  // A citation must land on its source even when the list is filtered to another lean.
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-target]") : null;
    if (!a) { return; }
    var target = document.getElementById(a.getAttribute("data-target"));
    if (!target) { return; }
    if (target.hidden) { clearFilter(); }
    ev.preventDefault();
    history.pushState(null, "", "#" + target.id);
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });

  var status = document.getElementById("analysis-status");
  var story = document.querySelector("[data-story]");
  if (status && story && status.getAttribute("data-state") === "running" && window.fetch) {
    var id = story.getAttribute("data-story");
    var poll = function () {
      fetch("/api/stories/" + encodeURIComponent(id) + "/status", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.state === "ready") { window.location.reload(); }
          else if (s.state === "failed") { status.textContent = "The comparison could not be computed: " + s.error; }
          else { window.setTimeout(poll, 2000); }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 2000);
  }
})();
