// Image admin: a click on the photo sets the focal point (0–1 from the top left) into
// the 초점 fields, so crops keep the face in the frame. Without JS the fields still work.
(function () {
  "use strict";
  function setUp(box) {
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");
    var marker = box.querySelector("[data-focal-marker]");
    if (!x || !y) return;
    box.addEventListener("click", function (event) {
      var rect = box.getBoundingClientRect();
      var fx = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
      var fy = Math.min(1, Math.max(0, (event.clientY - rect.top) / rect.height));
      x.value = fx.toFixed(3);
      y.value = fy.toFixed(3);
      marker.style.left = (fx * 100).toFixed(2) + "%";
      marker.style.top = (fy * 100).toFixed(2) + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-focal-point]").forEach(setUp);
  });
})();
