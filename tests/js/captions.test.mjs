// Captions: the words covered, and when they show.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CAPTIONS, captionsShown, isProjector } from "../../static/js/captions.js";

test("every word the issue names has a short caption", () => {
  const terms = CAPTIONS.map((c) => c.term.toLowerCase());
  for (const word of ["neuron", "layer", "weight", "bias", "activation", "loss", "epoch", "learning rate", "batch"]) assert.ok(terms.includes(word), word);
  for (const { text } of CAPTIONS) assert.ok(text.split(/[.!?](\s|$)/).filter((s) => s.trim()).length <= 2, text);
});

test("captions show on a first visit and stay away once dismissed", () => {
  assert.equal(captionsShown({ dismissed: false }), true);
  assert.equal(captionsShown({ dismissed: true }), false);
});

test("asking shows or hides them whatever the first-visit state", () => {
  assert.equal(captionsShown({ dismissed: true, requested: true }), true);
  assert.equal(captionsShown({ dismissed: false, requested: false }), false);
});

test("a projector never shows them", () => {
  assert.equal(isProjector("?projector=1&noise=5", []), true);
  assert.equal(isProjector("", ["projector"]), true);
  assert.equal(isProjector("?projector=0", []), false);
  assert.equal(captionsShown({ dismissed: false, requested: true, projector: true }), false);
});
