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
  window.addEventListener("load", function () { name(); });
  // New inline rows get their select2 from Django's own formset:added handler; run after it.
  document.addEventListener("formset:added", function () { setTimeout(name, 0); });
})();
