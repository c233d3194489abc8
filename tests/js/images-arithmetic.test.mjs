// The math panel's numbers for a picked pixel: they add up to what the drawing shows, and the
// softmax and loss of an image match the engine (tests/fixtures/image_cases.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { convMath, pixelMath, poolMath, softmaxMath } from "../../static/js/images/arithmetic.js";
import { forwardImage } from "../../static/js/images/forward.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/image_cases.json", import.meta.url)));
const TOLERANCE = 1e-9;
const close = (a, b, where) => assert.ok(Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b)), `${where}: ${a} vs ${b}`);

for (const net of fixture.networks) {
  test(`a conv pixel's terms sum to its z, per channel and in all, and a = f(z) is what is drawn: ${net.name}`, () => {
    const forward = forwardImage(net.network, net.images[1]);
    for (const pixel of net.pixels) {
      const math = convMath(net.network, forward, pixel);
      let sum = math.bias;
      math.patch.forEach((rows, c) => rows.forEach((row, u) => row.forEach((v, w) => { sum += v * math.kernel[c][u][w]; })));
      close(sum, math.z, "Σ patch ⊙ kernel + b");
      close(math.channels.reduce((s, v) => s + v, math.bias), math.z, "channel sums + b");
      close(math.z, pixel.z, "engine z");
      close(math.a, math.drawn, "a = f(z) drawn");
      close(math.a, pixel.a, "engine a");
    }
  });

  test(`a pooled pixel names its winner and value: ${net.name}`, () => {
    const forward = forwardImage(net.network, net.images[1]);
    for (const pooled of net.pooled) {
      const math = pixelMath(net.network, forward, { ...pooled, stage: "pool" });
      assert.equal(math.kind, "pool");
      assert.deepEqual(math.winner, pooled.winner);
      close(math.value, pooled.value, "pooled value");
      close(math.drawn, math.value, "drawn");
    }
  });

  test(`the softmax and the loss of an image are the engine's: ${net.name}`, () => {
    net.images.forEach((image, i) => {
      const expected = net.explained[i];
      const math = softmaxMath(forwardImage(net.network, image), null, expected.label);
      math.rows.forEach((row, k) => close(row.p, expected.outputs[k], `p_${k}`));
      assert.equal(math.predicted, expected.predicted);
      if (expected.loss !== null) close(math.loss, expected.loss, "cross-entropy");
    });
  });
}

test("a pick outside the network is no math at all", () => {
  const net = fixture.networks[0];
  const forward = forwardImage(net.network, net.images[0]);
  assert.equal(pixelMath(net.network, forward, { layer: 9, map: 0, y: 0, x: 0, stage: "conv" }), null);
  assert.equal(pixelMath(net.network, forward, { layer: 0, map: 0, y: 99, x: 0, stage: "conv" }), null);
});

test("MSE over the softmax sums (t − p)² over the classes", () => {
  const forward = { dense: [{ z: [0, Math.log(3)] }], outputs: [0.25, 0.75], predicted: 1 };
  const math = softmaxMath(forward, ["a", "b"], 0, "mse");
  close(math.loss, 0.75 ** 2 + 0.75 ** 2, "mse");
  assert.deepEqual(math.rows.map((r) => r.name), ["a", "b"]);
  close(softmaxMath(forward, null, 1).loss, -Math.log(0.75), "cross-entropy");
});

test("poolMath reads the window of the activated map", () => {
  const forward = { conv: [{ a: [[[1, 4], [3, 2]]], pooled: [[[4]]] }] };
  assert.deepEqual(poolMath(forward, { layer: 0, map: 0, y: 0, x: 0 }), { kind: "pool", layer: 0, map: 0, y: 0, x: 0, window: [[1, 4], [3, 2]], winner: [0, 1], value: 4, drawn: 4 });
});
