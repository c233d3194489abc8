// Wire every classroom feature into the page: projector and palette, lessons, rooms, board, questions.
//
// main.js calls wireClassroom() once with what it already has (state, client,
// its command helpers) and, after each hello, resume() before it applies the
// address, then afterAddress(). Data flows one way: the classroom's server
// messages (room, board, question, poll) reach state.classroom through
// client.js like every other message, and render() shows them.
import { applySettings } from "../../state.js";
import { isFollowing } from "../state.js";
import { drawBoard } from "../draw/board.js";
import { readFlags } from "../flags.js";
import { wireProjector } from "./projector.js";
import { wireQuestions } from "./questions.js";
import { wireRoom } from "./room.js";
import { wireLessons } from "../../lessons/ui/player.js";

const $ = (id) => document.getElementById(id);

/**
 * `ctx` = { state, client, dock, schedule(), redraw(), setEnabled(bool),
 * showError(error), flash(id, text), command(event) }.
 * ctx.setEnabled is main's: it asks following() whether steering is locked.
 * Returns { resume(): Promise<bool>, afterAddress(), setConnected(bool), following(): bool, render() }.
 */
export function wireClassroom(ctx) {
  const { state, client } = ctx;
  const classState = state.classroom;
  let locked = false;
  let boardShown = -1;

  wireProjector(ctx.redraw);
  const questions = wireQuestions({ client, classState, schedule: ctx.schedule });

  const room = wireRoom({
    client,
    classState,
    dock: ctx.dock,
    schedule: ctx.schedule,
    flash: (text) => ctx.flash("notice-error", text),
    lock(following) {
      if (following === locked) return;
      locked = following;
      ctx.setEnabled(state.connected);
    },
  });

  const lessons = wireLessons({
    state,
    dock: ctx.dock,
    canSteer: () => !isFollowing(classState),
    async apply(settings) {
      const ack = await client.send("configure", settings);
      // No "training restarted" notice: a step changes the network on purpose and its caption says how.
      if (ack.ok) applySettings(state, ack.settings);
      else ctx.showError(ack.error);
      ctx.schedule();
      return ack;
    },
    command: ctx.command,
  });

  function showBoard() {
    const board = classState.board;
    $("board").hidden = classState.room.role !== "teacher" || !board;
    if (!$("board").hidden) drawBoard($("board-curves"), $("board-rows"), board);
  }
  new ResizeObserver(() => { boardShown = -1; ctx.schedule(); }).observe($("board"));

  return {
    resume: room.resume,
    afterAddress() {
      lessons.start(readFlags(location.search).lesson);
    },
    setConnected: room.setEnabled,
    following: () => isFollowing(classState),
    /** Show what changed in state.classroom (called by the render loop). */
    render() {
      room.render(classState);
      questions.render(classState);
      const key = classState.versions.board * 1e6 + classState.versions.room;
      if (key !== boardShown) {
        boardShown = key;
        showBoard();
      }
    },
  };
}
