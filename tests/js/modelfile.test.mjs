// Model files: size checks against the message limit, parsing, names.
import assert from "node:assert/strict";
import { test } from "node:test";

import { byteLength, fileName, parseModel, tooBig } from "../../static/js/modelfile.js";

test("sizes count UTF-8 bytes", () => {
  assert.equal(byteLength("abc"), 3);
  assert.equal(byteLength("X₁"), 4);
});

test("a file within the limit passes; a bigger one is refused with both sizes", () => {
  assert.equal(tooBig("x".repeat(100), 1000), null);
  const message = tooBig("x".repeat(2000), 1000, "model file");
  assert.match(message, /model file is too big: 2\.0 kB; the server accepts at most 936 bytes/);
});

test("a model file needs its format tag", () => {
  assert.equal(parseModel('{"format": "nn-playground-model", "epoch": 3}').epoch, 3);
  assert.throws(() => parseModel("{"), /JSON is invalid/);
  assert.throws(() => parseModel('{"format": "other"}'), /format/);
});

test("download names carry the epoch", () => {
  assert.equal(fileName("model", 412, "json"), "model-epoch-412.json");
});
