// The page's picture of its class: the room it is in, the board, the open question, the poll.
//
// Built only from the server's `room`, `board` (and `board_change`), `question` and `poll`
// messages, like the run's state (state.js): message → apply*() here →
// render. Each apply* bumps a version so the classroom views redraw only
// what changed. Non-goal: talking to the socket or touching the page.

import { applyBoardChange } from "./board.js";

const NO_ROOM = Object.freeze({ code: null, role: null, following: false, members: 0, name: null });

/** A class state before any classroom message. */
export function createClassState() {
  return { room: NO_ROOM, join: null, board: null, question: null, poll: null, versions: { room: 0, board: 0, question: 0, poll: 0 } };
}

/** Whether this page follows a teacher's run (and so cannot steer). */
export function isFollowing(classState) {
  return classState.room.role === "student" && classState.room.following;
}

/** Apply `room`: code, role, following, members. Leaving a room forgets its question, poll and board. */
export function applyRoom(classState, msg) {
  classState.room = { ...NO_ROOM, ...msg };
  classState.versions.room++;
  if (!classState.room.code) {
    classState.join = null;
    classState.question = null;
    classState.poll = null;
    classState.board = null;
    classState.versions.question++;
    classState.versions.poll++;
    classState.versions.board++;
  }
  return classState;
}

/** Apply `board`: every submitted run and the ranking. */
export function applyBoard(classState, msg) {
  classState.board = msg;
  classState.versions.board++;
  return classState;
}

/** Apply `board_change`: entries set or removed, the new ranking (onto the board we have). */
export function applyBoardChanges(classState, msg) {
  classState.board = applyBoardChange(classState.board ?? undefined, msg);
  classState.versions.board++;
  return classState;
}

/** Apply `question`: it is open until its poll arrives; an earlier poll goes. */
export function applyQuestion(classState, msg) {
  classState.question = msg;
  classState.poll = null;
  classState.versions.question++;
  classState.versions.poll++;
  return classState;
}

/** Apply `poll`: the answers are revealed, so the question it reveals is closed. */
export function applyPoll(classState, msg) {
  classState.poll = msg;
  if (classState.question?.id === msg.id) {
    classState.question = null;
    classState.versions.question++;
  }
  classState.versions.poll++;
  return classState;
}

/** Apply the ack of the teacher's `ask`: the previous poll is over. */
export function applyAsked(classState) {
  classState.poll = null;
  classState.versions.poll++;
  return classState;
}

/** Keep the address students open (joincode.joinAddress of the share or claim ack). */
export function applyJoinAddress(classState, join) {
  classState.join = join;
  classState.versions.room++;
  return classState;
}
