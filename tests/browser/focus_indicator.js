() => {
  // Run in the page by tests/browser/keyboard.py: the focused element's indicator colours and
  // the background behind it, as [r, g, b].
  const el = document.activeElement;
  if (!el || el === document.body) return null; // focus left the page (the browser's own UI)
  const rgb = (text) => {
    const match = text && text.match(/rgba?\(([^)]+)\)/);
    if (!match) return null;
    const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return parts.length > 3 && parts[3] === 0 ? null : parts.slice(0, 3);
  };
  let behind = [255, 255, 255];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour) { behind = colour; break; }
  }
  const style = getComputedStyle(el);
  const colours = [];
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) {
    colours.push(rgb(style.outlineColor));
  }
  for (const match of style.boxShadow.matchAll(/rgba?\([^)]+\)/g)) colours.push(rgb(match[0]));
  if (el.tagName === "A") colours.push(rgb(style.backgroundColor));
  const name = (el.getAttribute("aria-label") || el.textContent || el.name || "").trim().slice(0, 40);
  return {
    element: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${name}"`,
    behind,
    colours: colours.filter(Boolean),
  };
}
