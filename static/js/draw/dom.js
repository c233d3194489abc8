// The one DOM helper the drawing modules share: make an element with a class and text.

/** A new `tag` element with `className` (if any) and `text` (if given). */
export function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}
