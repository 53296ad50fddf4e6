// Draws over-full banner slots again in the reader's browser, so every page view gets its
// own weighted draw even when the HTML came from the page cache. Same rule as
// newsroom/banners.py: a weighted sample without replacement (largest u^(1/weight) wins).
// Hidden candidates are display:none, so their lazy images are never fetched.
(function () {
  var slots = document.querySelectorAll("[data-banner-capacity]");
  Array.prototype.forEach.call(slots, function (slot) {
    var capacity = parseInt(slot.getAttribute("data-banner-capacity"), 10) || 1;
    var drawn = Array.prototype.map.call(slot.querySelectorAll("[data-banner-weight]"), function (el) {
      var weight = Math.max(1, parseInt(el.getAttribute("data-banner-weight"), 10) || 1);
      return { el: el, key: Math.pow(Math.random(), 1 / weight) };
    }).sort(function (a, b) { return b.key - a.key; });
    drawn.forEach(function (item, index) { item.el.hidden = index >= capacity; });
  });
})();
