// The activation lens: range, curve, histogram and non-overlapping labels.
import assert from "node:assert/strict";
import { test } from "node:test";

import { activationCurve, histogram, lensMarks, lensRange } from "../../static/js/lens.js";

test("the z range is ±5 unless a pre-activation lies further out", () => {
  assert.equal(lensRange([0.3, -2]), 5);
  assert.equal(lensRange([7.2, -1]), 10);
  assert.equal(lensRange([-1e9, NaN]), 60);
});

test("the curve samples the activation with some room above and below", () => {
  const c = activationCurve("tanh", 5, 11);
  assert.equal(c.z[0], -5);
  assert.equal(c.z[10], 5);
  assert.ok(Math.abs(c.a[5]) < 1e-12);
  assert.ok(c.min < -0.99 && c.max > 0.99);
  const flat = activationCurve("relu", 5, 3);
  assert.ok(flat.max > 5 && flat.min < 0);
});

test("the histogram counts every finite value, clamping the ends", () => {
  assert.deepEqual(histogram([-5, -0.1, 0.1, 4.9, 99, NaN], 5, 2), [2, 3]);
});

test("labels of nearby marks go to separate rows", () => {
  const marks = lensMarks([[0, 0.01, 3]], "relu", (z) => z * 40, 30);
  assert.deepEqual(marks.map((m) => [m.label, m.row]), [["1·1", 0], ["1·2", 1], ["1·3", 0]]);
  assert.equal(marks[2].a, 3);
});
