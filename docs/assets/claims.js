/* Progressive enhancement for the claims site. Every page works without this script: citation
   markers are plain links, previews open on hover and focus through CSS, and the claims index lists
   every claim. This adds: tap-to-preview on touch screens, filters on the claims index that are kept
   in the URL, and copy-link buttons. No library, no request. */
(function () {
  "use strict";

  /* Citation previews: the first tap on a marker opens its preview, the second follows the link. */
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);

  function closeAll(except) {
    document.querySelectorAll("sup.cite.is-open").forEach(function (sup) {
      if (sup !== except) { sup.classList.remove("is-open"); }
    });
  }

  function keepInView(sup) {
    var preview = sup.querySelector(".cite-preview");
    if (!preview) { return; }
    preview.style.left = "";
    var box = preview.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var shift = 0;
    if (box.right > width - 8) { shift = width - 8 - box.right; }
    if (box.left + shift < 8) { shift = 8 - box.left; }
    if (shift) { preview.style.left = "calc(-1rem + " + Math.round(shift) + "px)"; }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.cite-link");
    if (!link) {
      if (!(event.target.closest && event.target.closest(".cite-preview"))) { closeAll(null); }
      return;
    }
    var sup = link.parentElement;
    if (lastPointer === "touch" && !sup.classList.contains("is-open")) {
      event.preventDefault();
      closeAll(sup);
      sup.classList.add("is-open");
      link.setAttribute("aria-expanded", "true");
      keepInView(sup);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeAll(null); }
  });
  document.addEventListener("focusin", function (event) {
    var sup = event.target.closest && event.target.closest("sup.cite");
    if (sup) { keepInView(sup); }
  });
  document.addEventListener("mouseover", function (event) {
    var sup = event.target.closest && event.target.closest("sup.cite");
    if (sup) { keepInView(sup); }
  });

  /* Copy-link buttons beside each claim's anchor. */
  function addCopyButtons() {
    document.querySelectorAll("article.claim").forEach(function (article) {
      var meta = article.querySelector(".claim-meta");
      if (!meta || !navigator.clipboard) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = "Copy link";
      button.setAttribute("aria-label", "Copy link to this claim");
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0].split("?")[0] + "#" + article.dataset.claim;
        navigator.clipboard.writeText(url).then(function () {
          button.textContent = "Link copied";
          setTimeout(function () { button.textContent = "Copy link"; }, 2000);
        });
      });
      meta.appendChild(button);
    });
  }

  /* Claims index filters: topic, actor, kind and text; the state lives in the query string. */
  function setupFilters() {
    var form = document.getElementById("claim-filters");
    if (!form) { return; }
    var articles = Array.prototype.slice.call(document.querySelectorAll("article.claim"));
    var status = document.getElementById("claim-filter-status");
    var fields = {
      topic: form.querySelector("[name=topic]"),
      actor: form.querySelector("[name=actor]"),
      kind: form.querySelector("[name=kind]"),
      q: form.querySelector("[name=q]")
    };
    form.hidden = false;

    function normalise(text) {
      return text.normalize("NFC").toLowerCase().replace(/[\u2018\u2019]/g, "'")
        .replace(/[\u201c\u201d]/g, "\"").replace(/\s+/g, " ");
    }
    var texts = null;  // read only when a text filter is first used: it costs a layout pass

    function apply(updateUrl) {
      var topic = fields.topic.value, actor = fields.actor.value, kind = fields.kind.value;
      var words = normalise(fields.q.value).trim().split(" ").filter(Boolean);
      if (words.length && texts === null) {
        texts = articles.map(function (a) { return normalise(a.textContent); });
      }
      var shown = 0;
      articles.forEach(function (article, i) {
        var ok = (!topic || (" " + article.dataset.topics + " ").indexOf(" " + topic + " ") >= 0) &&
          (!actor || (" " + article.dataset.actors + " ").indexOf(" " + actor + " ") >= 0) &&
          (!kind || article.dataset.kind === kind) &&
          words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        article.hidden = !ok;
        if (ok) { shown += 1; }
      });
      document.querySelectorAll(".claims-group").forEach(function (group) {
        group.hidden = !group.querySelector("article.claim:not([hidden])");
      });
      status.textContent = shown === articles.length
        ? "Showing all " + articles.length + " claims."
        : "Showing " + shown + " of " + articles.length + " claims.";
      if (updateUrl) {
        var params = new URLSearchParams();
        Object.keys(fields).forEach(function (name) {
          if (fields[name].value) { params.set(name, fields[name].value); }
        });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    var params = new URLSearchParams(location.search);
    Object.keys(fields).forEach(function (name) {
      var value = params.get(name);
      if (value !== null) { fields[name].value = value; }
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    if (Object.keys(fields).some(function (name) { return fields[name].value; })) {
      apply(false);
    } else {
      status.textContent = "Showing all " + articles.length + " claims.";
    }
  }

  function start() {
    addCopyButtons();
    setupFilters();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
