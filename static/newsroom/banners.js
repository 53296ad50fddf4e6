// Draws over-full banner slots again in the reader's browser, so every page view gets its
// own weighted draw even when the HTML came from the page cache. Same rule as
// newsroom/banners.py: a weighted sample without replacement (largest u^(1/weight) wins).
// Hidden candidates are display:none, so their lazy images are never fetched.
(function () {
  var script = document.currentScript;
  var slots = document.querySelectorAll("[data-banner-capacity]");
  Array.prototype.forEach.call(slots, function (slot) {
    var capacity = parseInt(slot.getAttribute("data-banner-capacity"), 10) || 1;
    var drawn = Array.prototype.map.call(slot.querySelectorAll("[data-banner-weight]"), function (el) {
      var weight = Math.max(1, parseInt(el.getAttribute("data-banner-weight"), 10) || 1);
      return { el: el, key: Math.pow(Math.random(), 1 / weight) };
    }).sort(function (a, b) { return b.key - a.key; });
    drawn.forEach(function (item, index) { item.el.hidden = index >= capacity; });
  });

  // Impressions: a banner counts once it has been at least half on screen in a visible
  // tab (not when the HTML was merely rendered or fetched by a robot). Ids seen within a
  // second go in one beacon; the server counts each once per reader and hour.
  var url = script && script.getAttribute("data-impressions-url");
  if (!url || !window.IntersectionObserver) return;
  var pending = [], sent = {}, onScreen = {}, timer = null;
  function seen(id) {
    if (sent[id] || document.visibilityState !== "visible") return;
    sent[id] = true;
    pending.push(id);
    if (!timer) timer = setTimeout(flush, 1000);
  }
  function flush() {
    timer = null;
    if (!pending.length) return;
    var body = new URLSearchParams({ ids: pending.join(",") });
    pending = [];
    if (navigator.sendBeacon) navigator.sendBeacon(url, body);
    else if (window.fetch) fetch(url, { method: "POST", body: body, keepalive: true, credentials: "same-origin" });
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      var id = entry.target.getAttribute("data-banner-id");
      onScreen[id] = entry.isIntersecting;
      if (entry.isIntersecting) seen(id);
    });
  }, { threshold: 0.5 });
  Array.prototype.forEach.call(document.querySelectorAll("[data-banner-slot] [data-banner-id]"), function (el) {
    if (!el.hidden) observer.observe(el);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
    else Object.keys(onScreen).forEach(function (id) { if (onScreen[id]) seen(id); });
  });
})();
