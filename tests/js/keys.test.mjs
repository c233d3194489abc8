// Keyboard shortcuts: which key does what, and when keys belong to a control.
import assert from "node:assert/strict";
import { test } from "node:test";

import { shortcutFor } from "../../static/js/keys.js";

const body = { tagName: "BODY" };

test("Space toggles, → steps, R resets", () => {
  assert.equal(shortcutFor({ key: " ", target: body }), "toggle");
  assert.equal(shortcutFor({ key: "ArrowRight", target: body }), "step");
  assert.equal(shortcutFor({ key: "r", target: body }), "reset");
  assert.equal(shortcutFor({ key: "R", target: body }), "reset");
  assert.equal(shortcutFor({ key: "x", target: body }), null);
});

for (const tagName of ["INPUT", "SELECT", "TEXTAREA"]) {
  test(`keys typed into ${tagName.toLowerCase()} stay there`, () => {
    for (const key of [" ", "ArrowRight", "r"]) assert.equal(shortcutFor({ key, target: { tagName } }), null);
  });
}

test("Space on a focused button plays or pauses instead of pressing it again", () => {
  assert.equal(shortcutFor({ key: " ", target: { tagName: "BUTTON" } }), "toggle");
  assert.equal(shortcutFor({ key: "ArrowRight", target: { tagName: "BUTTON" } }), "step");
});

test("checkboxes and radio buttons keep Space, sliders keep the arrows but not Space", () => {
  for (const type of ["checkbox", "radio"]) {
    assert.equal(shortcutFor({ key: " ", target: { tagName: "INPUT", type } }), null);
    assert.equal(shortcutFor({ key: "r", target: { tagName: "INPUT", type } }), "reset");
  }
  assert.equal(shortcutFor({ key: " ", target: { tagName: "INPUT", type: "range" } }), "toggle");
  assert.equal(shortcutFor({ key: "ArrowRight", target: { tagName: "INPUT", type: "range" } }), null);
  assert.equal(shortcutFor({ key: " ", target: { tagName: "INPUT", type: "number" } }), null);
});

test("menus keep their keys; widgets that move with the arrows keep them", () => {
  assert.equal(shortcutFor({ key: " ", target: { tagName: "DIV", role: "listbox" } }), null);
  assert.equal(shortcutFor({ key: "ArrowRight", target: { tagName: "BUTTON" }, arrowsTaken: true }), null);
  assert.equal(shortcutFor({ key: " ", target: { tagName: "BUTTON" }, arrowsTaken: true }), "toggle");
});

test("modified keys and held-down Space or R are not shortcuts", () => {
  assert.equal(shortcutFor({ key: "r", ctrlKey: true, target: body }), null);
  assert.equal(shortcutFor({ key: "r", metaKey: true, target: body }), null);
  assert.equal(shortcutFor({ key: " ", repeat: true, target: body }), null);
  assert.equal(shortcutFor({ key: "ArrowRight", repeat: true, target: body }), "step");
});

test("contenteditable text is typing", () => {
  assert.equal(shortcutFor({ key: " ", target: { tagName: "DIV", isContentEditable: true } }), null);
});
