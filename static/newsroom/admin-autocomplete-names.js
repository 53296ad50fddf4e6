// select2 (the admin's autocompletes) draws its box as role="combobox" holding a
// role="textbox" span; a textbox takes no name from its text, so a screen reader met an
// unnamed field (axe-core: aria-input-field-name). Name both after the field, using the
// "<field> 찾기" placeholder newsroom/autocomplete.py gives every autocomplete.
(function () {
  function name(root) {
    Array.prototype.forEach.call(
      (root || document).querySelectorAll("select.admin-autocomplete[data-placeholder]"),
      function (select) {
        var box = select.nextElementSibling;
        if (!box || !box.classList.contains("select2")) return;
        Array.prototype.forEach.call(
          box.querySelectorAll('[role="textbox"], [role="combobox"]'),
          function (el) { el.setAttribute("aria-label", select.getAttribute("data-placeholder")); }
        );
      }
    );
  }
  // Django's autocomplete.js builds the boxes in a jQuery ready handler, which can run
  // after "load"; one registered here (this script is deferred, so after that one) runs
  // after it. Pages without jQuery have no select2 to name.
  if (window.django && window.django.jQuery) window.django.jQuery(function () { name(); });
  // New inline rows get their select2 from Django's own formset:added handler; run after it.
  document.addEventListener("formset:added", function () { setTimeout(name, 0); });
})();
