// 최신순 / 오래된순 under a story: swap the list in place from the list endpoint (a
// stored public page). Without JavaScript the links open that list on its own.
(function () {
  "use strict";
  var section = document.querySelector("[data-comments]");
  if (!section || !window.fetch) return;
  section.addEventListener("click", function (event) {
    var link = event.target.closest("[data-comment-order]");
    if (!link) return;
    event.preventDefault();
    fetch(link.href, { credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      var list = section.querySelector("[data-comment-list]");
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var fresh = holder.querySelector("[data-comment-list]");
      if (list && fresh) list.replaceWith(fresh);
    }).catch(function () { window.location.href = link.href; });
  });
})();
