// 포토뉴스: the strip scrolls and snaps by itself (a swipe on the phone, a scrollbar or
// shift+wheel elsewhere); this adds the 이전/다음 buttons, the arrow keys and the "3 / 8"
// counter. Without it every photo is still reached by scrolling.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), function (gallery) {
    var strip = gallery.querySelector("[data-gallery-strip]");
    var items = gallery.querySelectorAll("[data-gallery-item]");
    var bar = gallery.querySelector("[data-gallery-bar]");
    var current = gallery.querySelector("[data-gallery-current]");
    var prev = gallery.querySelector("[data-gallery-prev]");
    var next = gallery.querySelector("[data-gallery-next]");
    if (!strip || !items.length || !bar) return;

    // The photo nearest the strip's left edge is the one being looked at.
    function shown() {
      var left = strip.scrollLeft, best = 0, distance = Infinity;
      for (var i = 0; i < items.length; i++) {
        var d = Math.abs(items[i].offsetLeft - strip.offsetLeft - left);
        if (d < distance) { distance = d; best = i; }
      }
      return best;
    }

    function update() {
      var index = shown();
      current.textContent = String(index + 1);
      prev.disabled = index === 0;
      next.disabled = index === items.length - 1;
    }

    function go(index) {
      index = Math.max(0, Math.min(items.length - 1, index));
      var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      strip.scrollTo({
        left: items[index].offsetLeft - strip.offsetLeft,
        behavior: reduce ? "auto" : "smooth"
      });
    }

    var pending = 0;
    strip.addEventListener("scroll", function () {
      if (pending) return;
      pending = window.requestAnimationFrame(function () { pending = 0; update(); });
    }, { passive: true });
    prev.addEventListener("click", function () { go(shown() - 1); });
    next.addEventListener("click", function () { go(shown() + 1); });
    gallery.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var moves = { ArrowLeft: -1, ArrowRight: 1 };
      if (event.key in moves) {
        event.preventDefault();
        go(shown() + moves[event.key]);
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        go(event.key === "Home" ? 0 : items.length - 1);
      }
    });
    bar.hidden = false;
    update();
  });
})();
