// Who else has this story open: a heartbeat every 30 s to the admin's presence endpoint
// (articles/admin.py presence_view). No JavaScript means no notice, nothing else changes.
(function () {
  "use strict";
  var box = document.querySelector("[data-presence-url]");
  if (!box || !window.fetch) {
    return;
  }
  var list = box.querySelector("[data-presence-list]");
  var takenOver = box.querySelector("[data-presence-takeover-notice]");
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";

  function show(data) {
    var others = data.others || [];
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    others.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text; // text only: a name is never read as markup
      list.appendChild(item);
    });
    takenOver.textContent = data.taken_over || "";
    takenOver.hidden = !data.taken_over;
    box.hidden = others.length === 0 && !data.taken_over;
  }

  function beat() {
    fetch(box.getAttribute("data-presence-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          show(data);
        }
      })
      .catch(function () {
        // Offline for a moment: the next beat tries again.
      });
  }

  beat();
  window.setInterval(beat, 30000);
})();
