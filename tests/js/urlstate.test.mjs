// The configuration in the URL: every schema field type survives a round trip.
import assert from "node:assert/strict";
import { test } from "node:test";

import { decodeSettings, encodeSettings, hasSettings } from "../../static/js/urlstate.js";

const schema = {
  learning_rate: { type: "number", min: 1e-5, max: 10, scale: "log" },
  activation: { type: "string", options: ["tanh", "relu"] },
  batch_size: { type: "integer", min: 1, max: 30 },
  regularization_rate: { type: "number", min: 0, max: 10 },
  hidden_layers: { type: "layers", min: 1, max: 8, max_layers: 6 },
  features: { type: "features", options: ["x1", "x2", "x1_sq"] },
  seed: { type: "integer", min: 0, max: 2 ** 31 - 1 },
};

const settings = {
  learning_rate: 0.003, activation: "relu", batch_size: 17, regularization_rate: 0.1 + 0.2,
  hidden_layers: [8, 3, 1], features: ["x1", "x1_sq"], seed: 2147483647,
};

test("settings round-trip through the query string exactly", () => {
  const query = encodeSettings(settings, schema);
  const { settings: back, errors } = decodeSettings(`?${query}`, schema);
  assert.deepEqual(errors, []);
  assert.deepEqual(back, settings);
});

test("lists are readable comma-separated values", () => {
  const query = encodeSettings(settings, schema);
  assert.match(query, /hidden_layers=8,3,1/);
  assert.match(query, /features=x1,x1_sq/);
});

test("no hidden layers is an empty value, read back as an empty list", () => {
  const query = encodeSettings({ hidden_layers: [] }, schema);
  assert.equal(query, "hidden_layers=");
  assert.deepEqual(decodeSettings(query, schema).settings, { hidden_layers: [] });
});

test("fields follow the schema's order and unknown settings are left out", () => {
  const query = encodeSettings({ seed: 4, learning_rate: 0.1, colour: "red" }, schema);
  assert.equal(query, "learning_rate=0.1&seed=4");
});

test("bad values are reported naming the field; good ones still load", () => {
  const { settings: got, errors } = decodeSettings("learning_rate=fast&batch_size=2.5&seed=9&hidden_layers=4,x", schema);
  assert.deepEqual(got, { seed: 9 });
  assert.deepEqual(errors.map((e) => e.field), ["learning_rate", "batch_size", "hidden_layers"]);
  assert.match(errors[0].message, /learning_rate/);
});

test("an address without settings is recognised", () => {
  assert.equal(hasSettings("", schema), false);
  assert.equal(hasSettings("?utm=1", schema), false);
  assert.equal(hasSettings("?seed=3", schema), true);
});
