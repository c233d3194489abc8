// The browser's image forward pass reproduces the NumPy engine (tests/fixtures/image_cases.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { convPixel, forwardImage, maxPool, parameterCount, patchAt, poolWindow } from "../../static/js/images/forward.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/image_cases.json", import.meta.url)));
// The same arithmetic in another order: agreement to ~1e-15 relative is expected; 1e-9 is the bar.
const TOLERANCE = 1e-9;

function assertClose(actual, expected, where) {
  const error = Math.abs(actual - expected);
  assert.ok(error <= TOLERANCE * Math.max(1, Math.abs(expected)), `${where}: got ${actual}, expected ${expected} (error ${error})`);
}

function assertAllClose(actual, expected, where) {
  if (Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((value, i) => assertAllClose(actual[i], value, `${where}[${i}]`));
  } else {
    assertClose(actual, expected, where);
  }
}

for (const net of fixture.networks) {
  test(`forwardImage matches the engine's maps, dense layers and softmax: ${net.name}`, () => {
    net.images.forEach((image, i) => {
      const result = forwardImage(net.network, image);
      const expected = net.explained[i];
      assert.equal(result.conv.length, expected.conv.length);
      result.conv.forEach((layer, l) => {
        for (const key of ["z", "a", "pooled"]) {
          if (expected.conv[l][key] === null) assert.equal(layer[key], null);
          else assertAllClose(layer[key], expected.conv[l][key], `image ${i} conv ${l} ${key}`);
        }
        assert.deepEqual(layer.winners, expected.conv[l].winners, `image ${i} conv ${l} winners`);
      });
      result.dense.forEach((layer, l) => {
        assertAllClose(layer.z, expected.dense[l].z, `image ${i} dense ${l} z`);
        assertAllClose(layer.a, expected.dense[l].a, `image ${i} dense ${l} a`);
      });
      assertAllClose(result.outputs, expected.outputs, `image ${i} outputs`);
      assert.equal(result.predicted, expected.predicted);
    });
  });

  test(`a clicked feature-map pixel recomputes like the engine's: ${net.name}`, () => {
    const result = forwardImage(net.network, net.images[1]);
    for (const pixel of net.pixels) {
      const maps = result.conv[pixel.layer].input;
      const kernel = net.network.conv_kernels[pixel.layer][pixel.map];
      const bias = net.network.conv_biases[pixel.layer][pixel.map];
      const shown = convPixel(maps, kernel, bias, pixel.y, pixel.x);
      assertAllClose(shown.patch, pixel.patch, `patch at ${pixel.y},${pixel.x}`);
      assertClose(shown.z, pixel.z, `z at ${pixel.y},${pixel.x}`);
      assertClose(result.conv[pixel.layer].a[pixel.map][pixel.y][pixel.x], pixel.a, "a");
    }
    for (const pooled of net.pooled) {
      const shown = poolWindow(result.conv[pooled.layer].a[pooled.map], pooled.y, pooled.x);
      assert.deepEqual(shown.winner, pooled.winner);
      assertAllClose(shown.window, pooled.window, "window");
      assertClose(shown.value, pooled.value, "pooled value");
    }
  });

  test(`parameterCount agrees with the engine: ${net.name}`, () => {
    assert.equal(parameterCount(net.network), net.parameter_count);
  });
}

test("patches are zero-padded at the border", () => {
  const maps = [[[1, 2], [3, 4]]];
  assert.deepEqual(patchAt(maps, 3, 0, 0), [[[0, 0, 0], [0, 1, 2], [0, 3, 4]]]);
});

test("pooling keeps the first maximum of a tie and drops an odd last row", () => {
  const { pooled, winners } = maxPool([[[5, 5, 1], [0, 5, 2], [9, 9, 9]]]);
  assert.deepEqual(pooled, [[[5]]]);
  assert.deepEqual(winners, [[[0]]]);
});
