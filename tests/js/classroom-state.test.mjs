// The classroom's messages (room, board, question, poll) applied to the state, as every other message.
import assert from "node:assert/strict";
import { test } from "node:test";

import { applyAsked, applyBoard, applyPoll, applyQuestion, applyRoom, createClassState, isFollowing } from "../../static/js/classroom/state.js";
import { createState } from "../../static/js/state.js";

const QUESTION = { id: 3, question: "Will it converge?", options: ["Yes", "No"] };
const POLL = { id: 3, question: "Will it converge?", options: ["Yes", "No"], counts: [2, 1], total: 3 };

test("the page's state starts outside any room", () => {
  const { classroom } = createState();
  assert.equal(classroom.room.code, null);
  assert.equal(isFollowing(classroom), false);
});

test("a student following the teacher cannot steer; exploring on their own can", () => {
  const state = applyRoom(createClassState(), { code: "ABCDEF", role: "student", following: true, members: 0, name: "Ana" });
  assert.equal(isFollowing(state), true);
  applyRoom(state, { code: "ABCDEF", role: "student", following: false, members: 0, name: "Ana" });
  assert.equal(isFollowing(state), false);
  applyRoom(state, { code: "ABCDEF", role: "teacher", following: false, members: 4, name: null });
  assert.equal(isFollowing(state), false);
});

test("every message bumps its own version only", () => {
  const state = createClassState();
  applyBoard(state, { entries: [], ranking: [] });
  assert.deepEqual(state.versions, { room: 0, board: 1, question: 0, poll: 0 });
  applyRoom(state, { code: "ABCDEF", role: "teacher", following: false, members: 1, name: null });
  assert.equal(state.versions.room, 1);
  assert.equal(state.versions.board, 1);
});

test("a question is open until its poll arrives, and a new question hides the last poll", () => {
  const state = createClassState();
  applyQuestion(state, QUESTION);
  assert.equal(state.question.id, 3);
  applyPoll(state, POLL);
  assert.equal(state.question, null);
  assert.deepEqual(state.poll.counts, [2, 1]);
  applyQuestion(state, { ...QUESTION, id: 4 });
  assert.equal(state.poll, null);
  assert.equal(state.question.id, 4);
});

test("a poll of another question leaves the open one open", () => {
  const state = applyQuestion(createClassState(), { ...QUESTION, id: 5 });
  applyPoll(state, POLL);
  assert.equal(state.question.id, 5);
  assert.equal(state.poll.id, 3);
});

test("the teacher asking again clears the last poll", () => {
  const state = applyPoll(createClassState(), POLL);
  const before = state.versions.poll;
  applyAsked(state);
  assert.equal(state.poll, null);
  assert.equal(state.versions.poll, before + 1);
});

test("leaving the room forgets its question, poll and board", () => {
  const state = createClassState();
  applyRoom(state, { code: "ABCDEF", role: "student", following: true, members: 0, name: null });
  applyQuestion(state, QUESTION);
  applyBoard(state, { entries: [{}], ranking: [0] });
  applyRoom(state, { code: null, role: null, following: false, members: 0, name: null });
  assert.equal(state.question, null);
  assert.equal(state.poll, null);
  assert.equal(state.board, null);
  assert.equal(state.room.role, null);
});
