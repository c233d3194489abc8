// The notice board: one notice at a time, the latest still on.
import assert from "node:assert/strict";
import { test } from "node:test";

import { createNoticeBoard } from "../../static/js/notices.js";

test("the latest notice shows, and an older one comes back when it goes", () => {
  const board = createNoticeBoard();
  assert.equal(board.current(), null);
  board.set("connection", "Disconnected. Reconnecting…");
  board.set("restart", "Network changed: training restarted");
  assert.deepEqual(board.current(), { id: "restart", text: "Network changed: training restarted" });
  board.set("restart", null);
  assert.deepEqual(board.current(), { id: "connection", text: "Disconnected. Reconnecting…" });
  board.set("connection", "Cannot reach the server");
  board.set("error", "Refused");
  board.set("connection", "Reconnecting…"); // said again: the latest once more
  assert.equal(board.current().id, "connection");
  board.set("connection", null);
  board.set("error", null);
  assert.equal(board.current(), null);
});
