// Tiny DOM helpers. Every string is inserted as text (document.createTextNode / textContent):
// nothing from the API ever goes through innerHTML.

/**
 * el("td", {class: "num", title: "…"}, "text", childNode, [more children])
 * Attributes are set with setAttribute (values are strings we chose or data used as plain
 * attribute text, e.g. a title); `dataset` takes an object. Children: strings and numbers
 * become text nodes, null/undefined/false are skipped, arrays are flattened.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

/** Replace a node's children with the given ones. */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Cut a string to n characters (code points) with an ellipsis. */
export function truncate(text, n) {
  if (text === null || text === undefined) return "";
  const s = String(text);
  const chars = Array.from(s);
  return chars.length > n ? chars.slice(0, n - 1).join("").trimEnd() + "…" : s;
}

export function fmtNumber(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "–";
  return Number(value).toFixed(digits);
}

export function fmtCount(n) {
  return Number(n ?? 0).toLocaleString("en-US");
}

export const emptyMessage = "No events match these filters.";

export function emptyNote(text = emptyMessage) {
  return el("p", { class: "empty" }, text);
}
