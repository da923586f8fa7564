// Material fetches the whole search index as soon as a page loads: megabytes on a large site, for
// a reader who may never search. This script, loaded before Material's bundle, holds that one
// request back until the reader opens search (focuses or clicks the search box, presses a search
// shortcut, which focuses it, or opens the search overlay); the worker then gets the same index, so
// the results are the same. Every other request goes out as it always did.
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = new WeakSet();
  var waiting = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    if (!released && INDEX.test(String(url).split(/[?#]/)[0])) held.add(this);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (released || !held.has(request)) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  };

  function inSearch(target) {
    return target instanceof Element &&
      (target.closest("form[name=search]") !== null || target.closest("label[for=__search]") !== null);
  }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) release(); }, true);
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") release();
  }, true);
})();
