/* Two repairs to widgets Django's admin draws with script, made as they appear:
 *
 * - Select2 (the autocomplete of e.g. an entry's operations) gives its inline search box no
 *   label, so a screen reader announces an unnamed "search" field. It gets the field's label.
 *   Select2 4.0.13 also puts its mouse-only "remove all" cross as a <span> straight inside
 *   the <ul> of chosen items, where only list items may be; it is hidden from assistive
 *   technology (each chosen item is removed with Backspace in the search box).
 * - The two-list picker (filter_horizontal, e.g. an entry's areas) puts aria-label on a plain
 *   <span> icon inside each filter box's <label>, where ARIA forbids it and screen readers
 *   ignore it. The words move into the label as visually hidden text, so they still name the
 *   filter box.
 * - django-import-export 4.4's export page has a "Select all" checkbox whose <label for> names
 *   an id the checkbox does not have. Each gets its own id, and its label points at it.
 */
(function () {
  "use strict";

  function fieldLabel(select) {
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : select.name;
  }

  function labelSelect2Search(root) {
    root.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (box) {
      const container = box.closest(".select2-container");
      const select = container && container.previousElementSibling;
      if (select && select.tagName === "SELECT") {
        box.setAttribute("aria-label", "Search " + fieldLabel(select).toLowerCase());
      }
    });
  }

  function hideSelect2ClearAll(root) {
    root.querySelectorAll(".select2-selection__rendered > .select2-selection__clear:not([aria-hidden])")
      .forEach(function (cross) {
        cross.setAttribute("aria-hidden", "true");
      });
  }

  function unlabelPickerIcons(root) {
    root.querySelectorAll(".selector-filter .help-tooltip[aria-label]").forEach(function (icon) {
      const words = document.createElement("span");
      words.className = "visually-hidden";
      words.textContent = icon.getAttribute("aria-label");
      icon.removeAttribute("aria-label");
      icon.setAttribute("aria-hidden", "true");
      icon.after(words);
    });
  }

  let toggles = 0;

  function labelExportSelectAll(root) {
    root.querySelectorAll("input.select-toggle:not([id])").forEach(function (box) {
      const label = box.parentElement && box.parentElement.querySelector('label[for="select-all-toggle"]');
      if (label) {
        toggles += 1;
        box.id = "select-all-toggle-" + toggles;
        label.htmlFor = box.id;
      }
    });
  }

  function repair(root) {
    labelExportSelectAll(root);
    labelSelect2Search(root);
    hideSelect2ClearAll(root);
    unlabelPickerIcons(root);
  }

  // Both widgets are drawn after the page loads (and again for each inline form added).
  new MutationObserver(function () {
    repair(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    repair(document);
  });
})();
