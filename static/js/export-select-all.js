// The export page's "Select all" box: wired here rather than by an inline onchange attribute,
// which the site's content security policy refuses (templates/admin/import_export/export.html).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", (event) => onSelectToggleChange(event));
  });
});
