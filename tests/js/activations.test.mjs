// Each JS activation and derivative matches the engine's registry to 1e-12.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { ACTIVATIONS, getActivation } from "../../static/js/activations.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/forward_cases.json", import.meta.url)));

test("the JS activations are exactly the engine's", () => {
  assert.deepEqual(Object.keys(ACTIVATIONS).sort(), Object.keys(fixture.activations).sort());
});

for (const [name, cases] of Object.entries(fixture.activations)) {
  test(`${name} and its derivative match the engine on every sample`, () => {
    const activation = getActivation(name);
    cases.z.forEach((z, k) => {
      const a = activation.fn(z);
      assert.ok(Math.abs(a - cases.a[k]) <= 1e-12, `${name}(${z}) = ${a}, engine ${cases.a[k]}`);
      const da = activation.derivative(z, a);
      assert.ok(Math.abs(da - cases.da[k]) <= 1e-12, `${name}'(${z}) = ${da}, engine ${cases.da[k]}`);
    });
  });
}

test("sigmoid stays finite and exact at large |z|", () => {
  const { fn } = getActivation("sigmoid");
  assert.equal(fn(1000), 1);
  assert.equal(fn(-1000), 0);
});
