() => {
  // Run in the page by tests/browser/test_accessibility.py: why it fails reflow at 320 px.
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    const widest = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 3)
      .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className.trim()
          ? "." + el.className.trim().split(/\s+/).join(".") : ""));
    problems.push(`page is ${root.scrollWidth}px wide: ${widest.join(', ')}`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (['TEXTAREA', 'SELECT'].includes(el.tagName)) continue;
    const overflow = getComputedStyle(el).overflowX;
    if (!['auto', 'scroll'].includes(overflow) || el.scrollWidth <= el.clientWidth + 1) continue;
    const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (el.getAttribute('role') !== 'region' || !named || el.tabIndex !== 0) {
      problems.push(`scrolling box ${el.tagName.toLowerCase()}.${el.className} is not a labelled, focusable region`);
    }
  }
  return problems;
}
