// Input features: values, labels, columns over a grid, and toggling.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { FEATURE_NAMES, featureColumn, featureInputs, featureRange, getFeature, toggleFeature } from "../../static/js/features.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/forward_cases.json", import.meta.url)));

test("the seven features of the protocol, in the page's order", () => {
  assert.deepEqual(FEATURE_NAMES, ["x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2"]);
  assert.equal(getFeature("x1x2").label, "X₁X₂");
});

test("features of a raw point", () => {
  const inputs = featureInputs(FEATURE_NAMES, [2, -3]);
  assert.deepEqual(inputs, [2, -3, 4, 9, -6, Math.sin(2), Math.sin(-3)]);
});

test("features match the engine's fixture values", { skip: !fixture.features && "fixture has no features section yet" }, () => {
  const { points, values } = fixture.features;
  for (const [name, expected] of Object.entries(values)) {
    points.forEach((point, k) => {
      const [got] = featureInputs([name], point);
      assert.ok(Math.abs(got - expected[k]) <= 1e-12, `${name}(${point}) = ${got}, engine ${expected[k]}`);
    });
  }
  assert.deepEqual(Object.keys(values).sort(), [...FEATURE_NAMES].sort());
});

test("a feature column evaluates every grid cell", () => {
  const column = featureColumn("x1_sq", new Float64Array([1, -2, 3]), new Float64Array([0, 0, 0]));
  assert.deepEqual([...column], [1, 4, 9]);
});

test("an unknown feature is refused with the valid names", () => {
  assert.throws(() => featureInputs(["x3"], [0, 0]), /valid: x1, x2/);
});

test("toggling adds a feature in page order and removes it again", () => {
  assert.deepEqual(toggleFeature(["x1", "sin_x2"], "x1x2"), ["x1", "x1x2", "sin_x2"]);
  assert.deepEqual(toggleFeature(["x1", "x1x2"], "x1"), ["x1x2"]);
});

test("the last feature cannot be switched off", () => {
  assert.deepEqual(toggleFeature(["x2"], "x2"), ["x2"]);
});

test("thumbnail ranges: linear features span the domain, squares its square, sines 1", () => {
  assert.equal(featureRange("x1", 6), 6);
  assert.equal(featureRange("x1x2", 6), 36);
  assert.equal(featureRange("sin_x2", 6), 1);
});
