// MathML strings: numbers with 4 significant digits, escaping, well-formed output.
import assert from "node:assert/strict";
import { test } from "node:test";

import { chunk, escapeXml, factor, formatSig, math, mi, mn, sig4, sum } from "../../static/js/mathml.js";

test("sig4 keeps four significant digits and refuses non-finite values", () => {
  assert.equal(sig4(0.123456), 0.1235);
  assert.equal(sig4(-12345.6), -12350);
  assert.equal(sig4(1.23456e-7), 1.235e-7);
  assert.equal(sig4(NaN), null);
  assert.equal(sig4(null), null);
});

test("formatSig writes a true minus sign and powers of ten", () => {
  assert.equal(formatSig(-0.5), "−0.5");
  assert.equal(formatSig(2.000004), "2");
  assert.equal(formatSig(-1.23456e-7), "−1.235×10⁻⁷"); // superscripts, as the MathML writes them: no caret
  assert.equal(formatSig(3.2e9), "3.2×10⁹");
  assert.equal(formatSig(-4.5e-5), "−4.5×10⁻⁵");
  assert.equal(formatSig(1e12), "1×10¹²");
  assert.equal(formatSig(Infinity), "—");
});

test("mn shows a negative number as a minus operator and digits", () => {
  assert.equal(mn(-0.25), "<mrow><mo>−</mo><mn>0.25</mn></mrow>");
  assert.equal(mn(4.2e-8), "<mn>4.2</mn><mo>×</mo><msup><mn>10</mn><mn>−8</mn></msup>");
});

test("factor puts negative numbers in parentheses for products", () => {
  assert.match(factor(-2), /^<mrow><mo>\(<\/mo>.*<mo>\)<\/mo><\/mrow>$/);
  assert.equal(factor(2), "<mn>2</mn>");
});

test("text is escaped so the markup stays well-formed", () => {
  assert.equal(escapeXml(`a<b & "c">`), "a&lt;b &amp; &quot;c&quot;&gt;");
  assert.equal(mi("<"), "<mi>&lt;</mi>");
});

test("math wraps content in a MathML element with its namespace", () => {
  const markup = math(mi("z"), { label: "z" });
  assert.match(markup, /^<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block" aria-label="z"><mrow><mi>z<\/mi><\/mrow><\/math>$/);
});

test("sum joins terms with plus signs; chunk splits long lists", () => {
  assert.equal(sum(["<mn>1</mn>", "<mn>2</mn>"]), "<mn>1</mn><mo>+</mo><mn>2</mn>");
  assert.deepEqual(chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
});
