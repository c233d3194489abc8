// Put MathML markup into the page safely: parsed as XML, MathML elements only.
//
// The markup comes from the server's catalog or from mathml.js. Parsing it as
// XML (not HTML) and refusing anything outside the MathML namespace means no
// script, style or event handler can ride along.
const MATHML = "http://www.w3.org/1998/Math/MathML";
const parser = new DOMParser();

function clean(node) {
  for (const child of [...node.children]) {
    if (child.namespaceURI !== MATHML) child.remove();
    else {
      for (const attr of [...child.attributes]) if (/^on/i.test(attr.name) || attr.name === "href") child.removeAttribute(attr.name);
      clean(child);
    }
  }
  return node;
}

/** A <math> element from `markup`, or null when it is not well-formed MathML. */
export function parseMath(markup) {
  const doc = parser.parseFromString(markup, "application/xml");
  const root = doc.documentElement;
  if (doc.querySelector("parsererror") || root.namespaceURI !== MATHML || root.localName !== "math") return null;
  return document.importNode(clean(root), true);
}

/** Replace the children of `container` by the <math> elements of `markups`. */
export function setMath(container, markups) {
  container.replaceChildren(...markups.map(parseMath).filter(Boolean));
}
