// Wagtail admin adjustments for WCAG 2.1 AA. The tag field (jQuery tag-it) adds a text
// input with no label of its own (axe: label, WCAG 4.1.2); name it after the field.
(function () {
  "use strict";

  function labelTagInputs() {
    document
      .querySelectorAll(".tagit input.ui-autocomplete-input:not([aria-label])")
      .forEach(function (input) {
        var field = input.closest(".w-field");
        var label = field && field.querySelector("label");
        input.setAttribute("aria-label", label ? label.textContent.trim() : "Stikkord");
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    labelTagInputs();
    new MutationObserver(labelTagInputs).observe(document.body, { childList: true, subtree: true });
  });
})();
