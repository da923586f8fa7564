/* Progressive enhancement for the claims site. Every page works without this script: citation
   markers are plain links, previews open on hover and focus through CSS, and the claims index lists
   every claim. This adds: previews that stay inside the window, close with Escape and report their
   state (aria-expanded), tap-to-preview on touch screens, filters on the claims index that are kept
   in the URL and in the history, copy buttons, and the light/dark toggle (the theme's own one
   made the claims index slow to start). No library, no request. */
(function () {
  "use strict";

  var MARGIN = 8;  // px kept free between a preview and the window's edges

  /* -- Citation previews -------------------------------------------------------------------- */
  var lastPointer = "mouse";
  var expanded = [];  // markers whose preview is shown (aria-expanded="true")

  function markerOf(node) { return node && node.closest ? node.closest("sup.cite") : null; }
  function linkOf(sup) { return sup.querySelector("a.cite-link"); }
  function previewOf(sup) { return sup.querySelector(".cite-preview"); }
  function isShown(sup) {
    var preview = previewOf(sup);
    return !!preview && getComputedStyle(preview).display !== "none";
  }

  /* Put a shown preview below its marker, or above when there is more room there, and shift it
     sideways so it stays inside the window; when neither side has room, it scrolls inside. */
  function place(sup) {
    var preview = previewOf(sup), link = linkOf(sup);
    sup.classList.remove("cite-above");
    preview.style.removeProperty("transform");
    preview.style.removeProperty("max-height");
    var header = document.querySelector(".md-header");
    var top = Math.max(0, header ? header.getBoundingClientRect().bottom : 0) + MARGIN;
    var bottom = document.documentElement.clientHeight - MARGIN;
    var width = document.documentElement.clientWidth;
    var anchor = link.getBoundingClientRect();
    var box = preview.getBoundingClientRect();
    var gap = box.top - anchor.bottom;
    var below = bottom - anchor.bottom - gap, above = anchor.top - top - gap;
    if (box.height > below && above > below) { sup.classList.add("cite-above"); }
    var room = Math.floor(Math.max(below, above));
    if (box.height > room) { preview.style.setProperty("max-height", room + "px"); }
    box = preview.getBoundingClientRect();
    var shift = 0;
    if (box.right > width - MARGIN) { shift = width - MARGIN - box.right; }
    if (box.left + shift < MARGIN) { shift = MARGIN - box.left; }
    if (shift) { preview.style.setProperty("transform", "translateX(" + Math.round(shift) + "px)"); }
  }

  /* What a screen reader hears (aria-expanded) follows what is shown, however it was opened. */
  function sync(extra) {
    var candidates = expanded.slice();
    if (extra && candidates.indexOf(extra) < 0) { candidates.push(extra); }
    expanded = [];
    candidates.forEach(function (sup) {
      var shown = isShown(sup), link = linkOf(sup);
      if (shown && link.getAttribute("aria-expanded") !== "true") { place(sup); }
      link.setAttribute("aria-expanded", shown ? "true" : "false");
      if (shown) { expanded.push(sup); }
    });
  }
  function syncSoon(extra) { requestAnimationFrame(function () { sync(extra); }); }

  function closeAll(except) {
    document.querySelectorAll("sup.cite.is-open").forEach(function (sup) {
      if (sup !== except) { sup.classList.remove("is-open"); }
    });
  }

  function setupPreviews() {
    document.querySelectorAll("a.cite-link").forEach(function (link) {
      link.setAttribute("aria-expanded", "false");
    });
    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType;
    }, true);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.cite-link");
      if (!link) {
        if (!(event.target.closest && event.target.closest(".cite-preview"))) { closeAll(null); }
        syncSoon(null);
        return;
      }
      var sup = markerOf(link);
      /* On a touch screen the first tap opens the preview, the second follows the link (the
         preview's "Open claim" link says so). */
      if (lastPointer === "touch" && !sup.classList.contains("is-open")) {
        event.preventDefault();
        closeAll(sup);
        sup.classList.remove("is-dismissed");
        sup.classList.add("is-open");
      }
      syncSoon(sup);
    });
    /* Escape closes every shown preview, however it was opened, and leaves focus where it is
       (WCAG 2.2 SC 1.4.13). It stays closed until the pointer or focus leaves its marker. */
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var open = document.querySelectorAll(
        "sup.cite.is-open, sup.cite:hover, sup.cite:focus-within");
      open.forEach(function (sup) {
        sup.classList.remove("is-open");
        sup.classList.add("is-dismissed");
      });
      sync(null);
    });
    document.addEventListener("mouseover", function (event) {
      var sup = markerOf(event.target);
      if (sup) { syncSoon(sup); }
    });
    document.addEventListener("mouseout", function (event) {
      var sup = markerOf(event.target);
      if (sup && !sup.contains(event.relatedTarget)) {
        sup.classList.remove("is-dismissed");
        syncSoon(null);
      }
    });
    document.addEventListener("focusin", function (event) {
      var sup = markerOf(event.target);
      if (sup) { sync(sup); }
    });
    document.addEventListener("focusout", function (event) {
      var sup = markerOf(event.target);
      if (sup && !sup.contains(event.relatedTarget)) {
        sup.classList.remove("is-dismissed");
        syncSoon(null);
      }
    });
  }

  /* -- Links into collapsed content --------------------------------------------------------- */
  /* A note's link back to a marker inside the collapsed list of a topic's claims opens it. */
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest("details:not([open])");
    if (details) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  /* -- Copy buttons ------------------------------------------------------------------------- */
  function copyButton(label, text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-text";
    button.textContent = label;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text()).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
    return button;
  }

  /* "Cite this" (a page's box, a claim's fold): when the site's public address was not known at
     build time, the citation shows the address as the reader sees it. Copy buttons are made when
     a box is first opened, so a long claims index does not build a hundred of them at load. */
  function setupCiteBoxes() {
    document.addEventListener("toggle", function (event) {
      var box = event.target;
      if (!box.dataset || !box.dataset.href || !box.open || box.dataset.ready) { return; }
      box.dataset.ready = "1";
      var url = new URL(box.dataset.href, location.href);
      url.search = "";
      box.querySelectorAll(".cite-url").forEach(function (span) { span.textContent = url.href; });
      if (!navigator.clipboard) { return; }
      var plain = box.querySelector(".cite-plain"), bibtex = box.querySelector(".cite-bibtex");
      var row = box.querySelector(".claim-actions");
      if (!row) {
        row = document.createElement("p");
        row.className = "claim-actions";
        box.appendChild(row);
      }
      var first = row.firstChild;
      if (box.classList.contains("claim-more")) {
        row.insertBefore(copyButton("Copy link", function () { return url.href; }), first);
      }
      row.insertBefore(copyButton("Copy text", function () { return plain.textContent; }), first);
      row.insertBefore(copyButton("Copy BibTeX", function () { return bibtex.textContent; }), first);
    }, true);
  }

  /* -- Claims index filters ----------------------------------------------------------------- */
  /* Topic, actor, kind, role in the argument and words. The words are matched against the claim's
     statement and quotes (its own and its links') only: the elements marked data-filter-text,
     never the rest of the card. Every change is a
     step in the browser's history (a run of typing is one step), so Back undoes it. */
  function setupFilters() {
    var form = document.getElementById("_claim-filters");
    if (!form) { return; }
    var panel = document.getElementById("_claim-filter-panel");
    var summary = panel.querySelector("summary");
    var articles = Array.prototype.slice.call(document.querySelectorAll("article.claim"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".claims-group"));
    var status = document.getElementById("_claim-filter-status");
    /* The role menu is there only when some claim on the page is linked to another. */
    var names = ["topic", "actor", "kind", "role", "q"].filter(function (name) {
      return form.querySelector("[name=" + name + "]");
    });
    var fields = {};
    names.forEach(function (name) { fields[name] = form.querySelector("[name=" + name + "]"); });
    var total = articles.length;
    form.hidden = false;
    var note = panel.querySelector(".claim-filter-noscript");
    if (note) { note.remove(); }

    function normalise(text) {
      return text.normalize("NFC").toLowerCase().replace(/[\u2018\u2019]/g, "'")
        .replace(/[\u201c\u201d]/g, "\"").replace(/\s+/g, " ");
    }
    var texts = null;  // read when a text filter is first used
    function searchable(article) {
      var parts = [];
      article.querySelectorAll("[data-filter-text]").forEach(function (el) {
        parts.push(el.textContent);
      });
      return normalise(parts.join("\n"));
    }

    function current() {
      var state = {};
      names.forEach(function (name) { state[name] = fields[name].value; });
      return state;
    }
    function words(state) { return normalise(state.q).trim().split(" ").filter(Boolean); }
    function has(list, id) { return (" " + list + " ").indexOf(" " + id + " ") >= 0; }
    function matcher(state, without) {
      var w = without === "q" ? [] : words(state);
      if (w.length && texts === null) { texts = articles.map(searchable); }
      return function (article, i) {
        return (without === "topic" || !state.topic || has(article.dataset.topics, state.topic)) &&
          (without === "actor" || !state.actor || has(article.dataset.actors, state.actor)) &&
          (without === "kind" || !state.kind || article.dataset.kind === state.kind) &&
          (without === "role" || !state.role || has(article.dataset.roles, state.role)) &&
          w.every(function (word) { return texts[i].indexOf(word) >= 0; });
      };
    }
    function count(state, without) {
      var ok = matcher(state, without);
      return articles.filter(ok).length;
    }
    function claims(n) { return n + (n === 1 ? " claim" : " claims"); }
    /* "without the words “x”" or "with any kind instead of “forecast”" */
    function relaxed(name, state) {
      if (name === "q") { return "without the words “" + state.q.trim() + "”"; }
      var option = fields[name].options[fields[name].selectedIndex];
      return "with any " + name + " instead of “" + (option ? option.text : state[name]) + "”";
    }

    function apply(state) {
      var ok = matcher(state, null), shown = 0;
      articles.forEach(function (article, i) {
        var show = ok(article, i);
        if (article.hidden === show) { article.hidden = !show; }
        if (show) { shown += 1; }
      });
      groups.forEach(function (group) {
        var all = group.querySelectorAll("article.claim").length;
        var visible = group.querySelectorAll("article.claim:not([hidden])").length;
        group.hidden = visible === 0;
        var label = group.querySelector(".group-count");
        if (label) { label.textContent = visible === all ? claims(all) : visible + " of " + claims(all); }
      });
      var active = names.filter(function (name) { return state[name].trim(); });
      summary.textContent = active.length
        ? "Filter claims (" + active.length + " active)" : "Filter claims";
      if (!active.length) {
        status.textContent = "Showing all " + claims(total) + ".";
      } else if (shown) {
        status.textContent = "Showing " + shown + " of " + claims(total) + ".";
      } else {
        /* Say what to change: how many claims each filter would give back if it were removed. */
        var hints = active.map(function (name) {
          return relaxed(name, state) + ": " + claims(count(state, name));
        });
        status.textContent = "No claim matches all of these filters. " + hints.join("; ") +
          ". Change one of them, or press Clear to see all " + claims(total) + ".";
      }
    }

    function urlFor(state) {
      var params = new URLSearchParams();
      names.forEach(function (name) { if (state[name]) { params.set(name, state[name]); } });
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "") + location.hash;
    }
    function record(kind) {
      var url = urlFor(current());
      if (url === location.pathname + location.search + location.hash) { return; }
      var entry = { claimFilters: kind };
      if (kind === "text" && history.state && history.state.claimFilters === "text") {
        history.replaceState(entry, "", url);
      } else {
        history.pushState(entry, "", url);
      }
    }
    function restore() {
      var params = new URLSearchParams(location.search);
      names.forEach(function (name) {
        var value = params.get(name) || "";
        if (name !== "q" && value && !fields[name].querySelector("option[value='" +
            value.replace(/['\\]/g, "") + "']")) { value = ""; }
        fields[name].value = value;
      });
    }

    form.addEventListener("input", function (event) {
      apply(current());
      record(event.target === fields.q ? "text" : "choice");
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(current()); record("choice"); }, 0);
    });
    window.addEventListener("popstate", function () { restore(); apply(current()); });

    restore();
    var start = current();
    var active = names.some(function (name) { return start[name]; });
    if (active) { apply(start); } else { status.textContent = "Showing all " + claims(total) + "."; }
    /* Open on wide screens; on a phone the filters stay folded under their summary. */
    if (window.matchMedia("(min-width: 45em)").matches) { panel.open = true; }
  }

  /* -- Light and dark toggle ---------------------------------------------------------------- */
  /* What the theme's palette component does (macros/engines/theme/partials/palette.html says why
     it is not used), in the same storage: the chosen option applied to <body>, the next option's
     button shown, Enter moving on, the system's scheme followed until the reader chooses. The
     browser's theme-color and color-scheme are read from the header once the page is drawn, when
     reading them no longer makes the browser style the whole page at once. */
  function afterFirstPaint(callback) {
    requestAnimationFrame(function () { setTimeout(callback, 0); });
  }
  function setupPalette() {
    var form = document.querySelector("form[data-claims-palette]");
    var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input")) : [];
    if (!inputs.length || typeof __md_get !== "function") { return; }
    function meta(name) {
      var element = document.createElement("meta");
      element.name = name;
      document.head.appendChild(element);
      return element;
    }
    var themeColor = meta("theme-color"), colorScheme = meta("color-scheme");
    function colorOf(input) {
      return {
        media: input.getAttribute("data-md-color-media"),
        scheme: input.getAttribute("data-md-color-scheme"),
        primary: input.getAttribute("data-md-color-primary"),
        accent: input.getAttribute("data-md-color-accent")
      };
    }
    function systemChoice() {
      var index = inputs.findIndex(function (input) {
        return matchMedia(input.getAttribute("data-md-color-media")).matches;
      });
      return Math.max(0, index);
    }
    function browserColors() {
      var style = getComputedStyle(document.querySelector("header.md-header") || document.body);
      colorScheme.content = style.colorScheme;
      var rgb = (style.backgroundColor.match(/\d+/g) || []).slice(0, 3);
      themeColor.content = "#" + rgb.map(function (c) {
        return (+c).toString(16).padStart(2, "0");
      }).join("");
    }
    function apply(index) {
      var color = colorOf(inputs[index]);
      document.body.setAttribute("data-md-color-switching", "");
      if (color.media === "(prefers-color-scheme)") {  // an "automatic" option: the system's
        var light = matchMedia("(prefers-color-scheme: light)").matches;
        var match = form.querySelector(light
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']");
        if (match) { color = Object.assign(colorOf(match), { media: color.media }); }
      }
      Object.keys(color).forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, color[key]);
      });
      inputs.forEach(function (input, i) {
        var label = input.nextElementSibling;
        if (label instanceof HTMLElement) { label.hidden = i !== index; }
      });
      __md_set("__palette", { index: index, color: color });
      afterFirstPaint(function () {
        browserColors();
        document.body.removeAttribute("data-md-color-switching");
      });
    }
    function initial() {
      var stored = __md_get("__palette");
      var index = stored && typeof stored.index === "number" ? stored.index : systemChoice();
      return Math.max(0, Math.min(index, inputs.length - 1));
    }
    inputs.forEach(function (input, i) {
      input.addEventListener("change", function () { apply(i); });
    });
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      var next = inputs[(initial() + 1) % inputs.length];
      next.click();
      next.focus();
    });
    matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
      apply(initial());
    });
    apply(initial());
  }
  setupPalette();  // now, not at DOMContentLoaded: the toggle is shown before the first paint

  function start() {
    setupPreviews();
    setupCiteBoxes();
    setupFilters();
    revealTarget();
    window.addEventListener("hashchange", revealTarget);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
