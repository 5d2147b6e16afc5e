({root, skip}) => {
  // Run in the page by tests/browser/test_review_screen.py: every control under `root` (and
  // not under `skip`) that is smaller than 24 by 24 CSS px (WCAG 2.5.8, without the spacing
  // exception).
  const scope = document.querySelector(root) || document.body;
  const found = [];
  for (const el of scope.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    if (skip && el.closest(skip)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // inside a closed disclosure
    if (box.width < 24 || box.height < 24) {
      const name = (el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40);
      found.push(`${el.tagName.toLowerCase()} "${name}" is ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return found;
}
