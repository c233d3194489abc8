// The class view: one entry per student per glimpse, counted, sorted by loss or name.
import assert from "node:assert/strict";
import { test } from "node:test";

import { applyGlimpses, createClassView, sortStudents, tileCaption } from "../../static/js/classroom/glimpses.js";

const own = (student, name, loss, extra = {}) => ({ student, name, following: false, epoch: 1200, running: true, loss_test: loss, ...extra });
const follows = (student, name) => ({ student, name, following: true });

test("each glimpse updates every student once; a student left out has gone", () => {
  const view = createClassView();
  applyGlimpses(view, { students: [own(1, "Ada", 0.2), follows(2, "Bo")] }, 1000);
  applyGlimpses(view, { students: [own(1, "Ada", 0.1)] }, 2000);
  assert.deepEqual([...view.students.keys()], [1]);
  const ada = view.students.get(1);
  assert.equal(ada.updates, 2);
  assert.equal(ada.loss_test, 0.1);
  assert.deepEqual([ada.firstAt, ada.lastAt], [1000, 2000]);
});

test("by loss: lowest first, unknown losses then followers last; by name: alphabetical", () => {
  const view = createClassView();
  applyGlimpses(view, { students: [own(1, "Cy", 0.3), follows(2, "Al"), own(3, "Bo", null), own(4, "Di", 0.05), own(5, "student 10", 0.4), own(6, "student 9", 0.4)] }, 0);
  assert.deepEqual(sortStudents(view, "loss").map((s) => s.name), ["Di", "Cy", "student 9", "student 10", "Bo", "Al"]);
  assert.deepEqual(sortStudents(view, "name").map((s) => s.name), ["Al", "Bo", "Cy", "Di", "student 9", "student 10"]);
});

test("a tile's caption says the epoch, the test loss and whether it trains", () => {
  assert.equal(tileCaption(own(1, "Ada", 0.021345, { epoch: 12345 })), "epoch 12,345 · test loss 0.0213 · training");
  assert.equal(tileCaption(own(1, "Ada", null, { running: false, epoch: 0 })), "epoch 0 · test loss — · paused");
  assert.equal(tileCaption(follows(2, "Bo")), "follows the class");
  assert.equal(tileCaption(own(3, "Cy", 0.41, { problem: "images", metric_test: 0.874 })), "epoch 1,200 · test loss 0.410 · 87 % right · training");
});
