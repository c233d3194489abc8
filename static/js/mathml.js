// Build MathML markup as strings: numbers, symbols and the small equations the page shows.
//
// Numbers are shown with 4 significant digits (sig4), a true minus sign, and
// ×10ⁿ instead of "e-7" (superscript digits in plain text, <msup> in MathML).
// Every builder escapes its text, so the result is well-formed XML that
// draw/mathml.js can parse. Non-goal: a TeX parser (the
// server's catalog carries its formulas as MathML already).

const NS = "http://www.w3.org/1998/Math/MathML";
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** `text` with &, <, > and " escaped. */
export function escapeXml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

/** `value` rounded to 4 significant digits (what the page displays); null if not finite. */
export function sig4(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(4));
}

const SUPERSCRIPT = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "−": "⁻" };

/**
 * A displayed number in parts: { negative, mantissa, exponent } with 4 significant
 * digits, the exponent (a string such as "−7", or null) for ×10ⁿ; null when missing.
 */
export function sigParts(value) {
  const v = sig4(value);
  if (v === null) return null;
  const text = Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-4) ? Math.abs(v).toExponential() : String(Math.abs(v));
  const [mantissa, exponent] = text.split("e");
  return { negative: v < 0, mantissa, exponent: exponent === undefined ? null : exponent.replace("+", "").replace("-", "−") };
}

/** Text of a displayed number: 4 significant digits, "−" for minus, ×10⁻⁷ in superscripts, "—" when missing. */
export function formatSig(value) {
  const parts = sigParts(value);
  if (parts === null) return "—";
  const power = parts.exponent === null ? "" : `×10${[...parts.exponent].map((c) => SUPERSCRIPT[c]).join("")}`;
  return `${parts.negative ? "−" : ""}${parts.mantissa}${power}`;
}

export const mi = (text) => `<mi>${escapeXml(text)}</mi>`;
export const mo = (text) => `<mo>${escapeXml(text)}</mo>`;
export const mtext = (text) => `<mtext>${escapeXml(text)}</mtext>`;
export const mrow = (...parts) => `<mrow>${parts.join("")}</mrow>`;
export const msub = (base, script) => `<msub>${base}${script}</msub>`;
export const msup = (base, script) => `<msup>${base}${script}</msup>`;
export const msubsup = (base, sub, sup) => `<msubsup>${base}${sub}${sup}</msubsup>`;
export const mfrac = (top, bottom) => `<mfrac>${top}${bottom}</mfrac>`;
/** A multi-letter function name set upright (tanh, ReLU, softmax). */
export const fname = (text) => (text.length > 1 ? `<mi mathvariant="normal">${escapeXml(text)}</mi>` : mi(text));

/** A number as MathML: <mn>, with a leading minus <mo> and ×10ⁿ when needed. */
export function mn(value) {
  const parts = sigParts(value);
  if (parts === null) return mo("—");
  let out = `<mn>${parts.mantissa}</mn>`;
  if (parts.exponent !== null) out += mo("×") + msup("<mn>10</mn>", `<mn>${parts.exponent}</mn>`);
  return parts.negative ? mrow(mo("−"), out) : out;
}

/** mn(value), in parentheses when negative (for products: 0.5·(−2)). */
export function factor(value) {
  const v = sig4(value);
  return v !== null && v < 0 ? mrow(mo("("), mn(value), mo(")")) : mn(value);
}

/** x with subscript: msub(mi(x), mn(i)) where `index` counts from 1. */
export const indexed = (name, index) => msub(mi(name), `<mn>${index}</mn>`);

/** A whole <math> element around `content`. */
export function math(content, { display = "block", label } = {}) {
  const aria = label ? ` aria-label="${escapeXml(label)}"` : "";
  return `<math xmlns="${NS}" display="${display}"${aria}>${mrow(content)}</math>`;
}

/** Join MathML `terms` with "+" signs (a term starting with a minus reads as "+ (−x)"). */
export function sum(terms) {
  return terms.map((term, k) => (k ? mo("+") + term : term)).join("");
}

/** Split `items` into chunks of at most `size` (for equations too long for one line). */
export function chunk(items, size) {
  const out = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}
