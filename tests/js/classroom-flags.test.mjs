// Projector, palette, lesson and room flags in the address.
import assert from "node:assert/strict";
import { test } from "node:test";

import { keepFlags, readFlags, setFlag } from "../../static/js/classroom/flags.js";
import { teacherToken, roomToClaim, saveTeacher, forgetTeacher } from "../../static/js/classroom/teacherstore.js";

test("no flags means the normal page", () => {
  assert.deepEqual(readFlags(""), { projector: false, palette: "standard", lesson: null, room: null });
});

test("projector=1 and palette=cvd are read", () => {
  const flags = readFlags("?learning_rate=0.1&projector=1&palette=cvd&lesson=first-lecture");
  assert.equal(flags.projector, true);
  assert.equal(flags.palette, "cvd");
  assert.equal(flags.lesson, "first-lecture");
  assert.equal(readFlags("?projector=0").projector, false);
  assert.equal(readFlags("?palette=rainbow").palette, "standard");
});

test("setting a flag keeps the settings; turning it off removes it", () => {
  assert.equal(setFlag("?learning_rate=0.1", "projector", true), "learning_rate=0.1&projector=1");
  assert.equal(setFlag("?learning_rate=0.1&projector=1", "projector", false), "learning_rate=0.1");
  assert.equal(setFlag("?palette=cvd", "palette", "standard"), "");
});

test("writing the settings keeps the flags", () => {
  assert.equal(keepFlags("learning_rate=0.03&hidden_layers=4,2", "?learning_rate=0.1&projector=1&lesson=x"),
    "learning_rate=0.03&hidden_layers=4,2&projector=1&lesson=x");
});

function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => (map.has(k) ? map.get(k) : null), setItem: (k, v) => map.set(k, String(v)), removeItem: (k) => map.delete(k) };
}

test("a teacher token is kept per room and the latest room is reclaimed", () => {
  const storage = memoryStorage();
  saveTeacher(storage, "ABCDEF", "t1");
  saveTeacher(storage, "GHJKMN", "t2");
  assert.equal(teacherToken(storage, "ABCDEF"), "t1");
  assert.deepEqual(roomToClaim(storage, null), { code: "GHJKMN", token: "t2" });
  assert.deepEqual(roomToClaim(storage, "ABCDEF"), { code: "ABCDEF", token: "t1" });
  forgetTeacher(storage, "GHJKMN");
  assert.equal(roomToClaim(storage, null), null);
  assert.equal(roomToClaim(storage, "ZZZZZZ"), null);
});
